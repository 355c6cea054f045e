// The entry of the built command line (out/cli/fazhi.js, scripts/build-cli.mjs). `help` is answered from the
// usage text alone; every other command loads the commands (main.ts: the core, SQLite) on demand, and those load
// exceljs or docx only when a file of that kind is written. Cold start budgets: docs/performance.md.

import { USAGE } from './usage';

export async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stderr.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === 'serve') {
    // browser mode and the office host (issue 19): the same server as `npm run serve`, beside the built renderer
    const path = await import('node:path');
    const { serveMain } = await import('../server/index');
    const fs = await import('node:fs');
    // the checkout (or package) root: the folder above this code holding package.json; its out/renderer
    let root = import.meta.dirname;
    while (!fs.existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
    // FAZHI_RENDERER_DIR: another built renderer (the tests' stand-in page)
    const rendererDir = process.env.FAZHI_RENDERER_DIR ?? path.join(root, 'out', 'renderer');
    return serveMain(argv.slice(1), rendererDir);
  }
  const { main: run } = await import('./main');
  return run(argv);
}
