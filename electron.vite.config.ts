import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { antdCss } from './scripts/antd-css';

// `import 'virtual:antd-theme.css'` (renderer/src/main.tsx): antd's stylesheet for the app's theme, generated from
// renderer/src/theme.ts when the renderer is built or the dev server starts (and again when theme.ts changes, which
// restarts the dev server), so the window never generates styles and nothing generated is kept in the repository.
function antdThemeCss(): Plugin {
  const id = '\0antd-theme.css';
  let css: string | undefined;
  return {
    name: 'fazhi:antd-theme-css',
    resolveId: (source) => (source === 'virtual:antd-theme.css' ? id : undefined),
    load: (source) => (source === id ? (css ??= antdCss()) : undefined),
  };
}

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
          // the Word template worker thread (electron/core/report/docx-host.ts), one per template, heap-limited
          'docx-worker': resolve(__dirname, 'electron/core/report/docx-worker.ts'),
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
    // cssMinify off: the only stylesheet is antd's, already compact; the minifier rounds its numbers (line heights,
    // grid widths) and moved text by fractions of a pixel
    build: { minify: true, cssMinify: false, rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } } },
    plugins: [react(), antdThemeCss()],
  },
});
