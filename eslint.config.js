// Lint, including the layering rules of docs/architecture.md:
// domain imports nothing of ours and no Node/DOM module; core never imports electron, main or renderer;
// renderer imports only domain; only main imports 'electron'.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
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
    // issue 17: no import cycles (a module graph a newcomer can read top-down), and every package our code imports
    // is declared in package.json — production code (electron/, renderer/) only from `dependencies`, except the
    // Electron shell's own `electron` (a devDependency, as electron-builder wants it)
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: true }],
    },
  },
  {
    files: ['electron/**', 'renderer/**', 'bin/**'],
    ignores: ['electron/main/**', 'electron/preload/**', '**/*.test.ts'],
    rules: { 'import-x/no-extraneous-dependencies': ['error', { devDependencies: false }] },
  },
  {
    files: ['electron/domain/**'],
    rules: restrict(
      [
        'electron',
        '../core/**',
        '../../core/**',
        '../main/**',
        '../server/**',
        '../cli/**',
        '../preload/**',
        '**/renderer/**',
        ...nodeBuiltins,
        'better-sqlite3',
        'kysely',
        'exceljs',
        'docx',
      ],
      'electron/domain 必须是纯 TypeScript：不得引用 Node、Electron 或其他层。',
    ),
  },
  {
    files: ['electron/core/**', 'electron/cli/**', 'electron/server/**', 'scripts/**'],
    rules: restrict(['electron', '**/main/**', '**/renderer/**', '**/preload/**'], '只有 electron/main 可以引用 electron；core 不得引用 main 或 renderer。'),
  },
  {
    // Kysely is the typed builder of the db layer only (db/query.ts `Database`; docs/decisions.md "Kysely"): elsewhere
    // statements are SQL text on the connection, in the db layer or the statistics
    files: ['electron/core/**', 'electron/cli/**', 'electron/server/**'],
    ignores: ['electron/core/db/**'],
    rules: restrict(
      ['electron', '**/main/**', '**/renderer/**', '**/preload/**', 'kysely'],
      '只有 electron/main 可以引用 electron；core 不得引用 main 或 renderer；kysely 只在 electron/core/db 中使用。',
    ),
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
      ...restrict(
        ['electron', '**/core/**', '**/main/**', '**/server/**', '**/cli/**', '**/preload/**', ...nodeBuiltins, 'better-sqlite3'],
        'renderer 只能引用 electron/domain，其余通过 api 客户端访问。',
      ),
    },
  },
);
