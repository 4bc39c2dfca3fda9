import { defineConfig } from 'vitest/config';

/** Unit and integration files run side by side; MIDSTANCE_TEST_WORKERS=1 runs them one at a time. */
const workers = Number(process.env.MIDSTANCE_TEST_WORKERS) || 2;

export default defineConfig({
  test: {
    globalSetup: ['test/support/clip-cache.setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          // Vitest's default on two cores is one worker: every file would wait for the one before it.
          maxWorkers: workers,
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          // A few unit tests start a process (the CLI, a fake Electron); 5 s is not enough on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          maxWorkers: workers,
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll gives up after 1 s by default: too short on a busy two-core machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // expect.poll gives up after 1 s by default: too short for a UI update on a busy two-core machine.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time: these machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
