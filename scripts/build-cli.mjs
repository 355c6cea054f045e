// Compiles the command line and browser mode to JavaScript in out/cli (fazhi.js, serve.js and the three worker
// threads they start), so `fazhi` and `npm run serve` run without a TypeScript compiler at run time
// (bin/fazhi.js, bin/serve.js; docs/performance.md). npm packages stay outside the bundle and are loaded from
// node_modules when first used (kysely and zod excepted, below); code split into chunks, so what is imported on demand (the commands behind `help`,
// the .docx writer) is only read when needed. Run by `npm run build` and once before the Vitest run
// (tests/helpers/build-cli.ts); takes a second or two.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const CLI_OUT = path.join(root, 'out', 'cli');

export async function buildCli() {
  // into a fresh directory beside, then swapped in: a process starting meanwhile sees the old build or the new one
  const tmp = `${CLI_OUT}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      fazhi: 'electron/cli/entry.ts',
      serve: 'electron/server/index.ts',
      // started by core/worker-host.ts from out/cli/<name>.js
      'import-worker': 'electron/core/exchange/import-worker.ts',
      'stats-worker': 'electron/core/stats/stats-worker.ts',
      'docx-worker': 'electron/core/report/docx-worker.ts',
    },
    outdir: tmp,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // npm packages are loaded from node_modules, except kysely and zod: pure ES modules of several hundred files
    // between them, which start faster read as part of the bundle than resolved and loaded one by one
    plugins: [
      {
        name: 'fazhi:externals',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            /^(kysely|zod)(\/|$)/.test(a.path) || a.path.startsWith('node:') ? undefined : { path: a.path, external: true },
          );
        },
      },
    ],
    logLevel: 'warning',
  });
  const old = `${CLI_OUT}.${process.pid}.old`;
  if (fs.existsSync(CLI_OUT)) fs.renameSync(CLI_OUT, old);
  fs.renameSync(tmp, CLI_OUT);
  fs.rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await buildCli();
