// Lint, including the layering rules of docs/architecture.md:
// domain imports nothing of ours and no Node/DOM module; core never imports electron, main or renderer;
// renderer imports only domain; only main imports 'electron'.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'util', 'stream', 'zlib', 'worker_threads'];
// 'electron' is matched as a module name (a path pattern would also catch our own ../electron/ folder).
const restrict = (patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: patterns.filter((p) => p === 'electron').map((name) => ({ name, message })),
      patterns: patterns.filter((p) => p !== 'electron').map((group) => ({ group: [group], message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['electron/domain/**'],
    rules: restrict(['electron', '../core/**', '../../core/**', '../main/**', '../server/**', '../cli/**', '../preload/**', '**/renderer/**', ...nodeBuiltins, 'better-sqlite3', 'kysely', 'exceljs', 'docx'], 'electron/domain 必须是纯 TypeScript：不得引用 Node、Electron 或其他层。'),
  },
  {
    files: ['electron/core/**', 'electron/cli/**', 'electron/server/**', 'scripts/**'],
    rules: restrict(['electron', '**/main/**', '**/renderer/**', '**/preload/**'], '只有 electron/main 可以引用 electron；core 不得引用 main 或 renderer。'),
  },
  {
    files: ['electron/preload/**'],
    rules: restrict(['**/core/**', '**/main/**', '**/renderer/**', ...nodeBuiltins], 'preload 只做 contextBridge 转发，不含逻辑。'),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(['electron', '**/core/**', '**/main/**', '**/server/**', '**/cli/**', '**/preload/**', ...nodeBuiltins, 'better-sqlite3'], 'renderer 只能引用 electron/domain，其余通过 api 客户端访问。'),
    },
  },
);
