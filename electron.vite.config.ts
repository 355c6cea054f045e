import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // the import worker thread (electron/core/worker-host.ts starts out/main/import-worker.js)
          'import-worker': resolve(__dirname, 'electron/core/exchange/import-worker.ts'),
          // the statistics worker thread (electron/core/stats/stats-host.ts)
          'stats-worker': resolve(__dirname, 'electron/core/stats/stats-worker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    // minified: the window parses 1 MB instead of 3 MB before the first screen
    build: { minify: true, rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } } },
    plugins: [react()],
  },
});
