import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const version = JSON.stringify((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);

export default defineConfig({
  main: {
    define: { __MIDSTANCE_VERSION__: version },
    build: {
      outDir: 'out/main',
      // Worker threads are entries of their own, found beside the bundle: main/tracking/tracking-jobs.ts starts
      // out/main/track-worker.js, main/pose/pose-engine.ts out/main/pose-worker.js.
      rollupOptions: {
        input: {
          electron: resolve('main/electron/index.ts'),
          'track-worker': resolve('main/tracking/track-worker.ts'),
          'pose-worker': resolve('main/pose/pose-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    define: { __MIDSTANCE_VERSION__: version },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
