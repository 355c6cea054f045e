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
  const { main: run } = await import('./main');
  return run(argv);
}
