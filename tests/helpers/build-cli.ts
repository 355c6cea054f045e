// Vitest globalSetup: compile the command line and browser mode (out/cli, scripts/build-cli.mjs) once before the
// tests, so the tests that start `bin/fazhi.js` or `bin/serve.js` run what users run — compiled JavaScript, not
// the TypeScript sources through tsx (bin/load.js falls back to those only when the build is missing or stale).
// @ts-expect-error a plain .mjs script without type declarations
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await (buildCli as () => Promise<void>)();
}
