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
      // The pose model runs in a worker thread with an entry of its own (main/pose/pose-engine.ts finds it beside the bundle).
      rollupOptions: { input: { electron: resolve('main/electron/index.ts'), 'pose-worker': resolve('main/pose/pose-worker.ts') } },
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
