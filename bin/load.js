// Which code bin/fazhi.js and bin/serve.js run: the compiled JavaScript in out/cli (scripts/build-cli.mjs; what
// `npm run build` makes and what a user runs), so no TypeScript is compiled at run time. Only in a development
// checkout whose build is missing or older than a source file does it fall back to running the TypeScript sources
// through tsx, which starts several times slower (docs/performance.md) but needs no build step.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

/** Whether a file under `dir` was changed after `since` (ms). */
function changedAfter(dir, since) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() ? changedAfter(p, since) : fs.statSync(p).mtimeMs > since) return true;
  }
  return false;
}

/** The build's entry `name` (out/cli/<name>.js), or the TypeScript `source` it is made from when the build is missing or stale. */
export async function loadEntry(name, source) {
  const built = path.join(root, 'out', 'cli', `${name}.js`);
  let fresh = fs.existsSync(built);
  const sources = path.join(root, 'electron');
  if (fresh && fs.existsSync(sources)) {
    const at = fs.statSync(built).mtimeMs;
    fresh =
      !changedAfter(sources, at) &&
      !changedAfter(path.join(root, 'resources', 'report'), at) &&
      !(fs.statSync(path.join(root, 'resources', 'cn-holidays.json')).mtimeMs > at);
  }
  if (fresh && !process.env.FAZHI_FROM_SOURCES) {
    // V8's compiled code of the bundle kept on disk (Node's compile cache, in the temporary folder): after the
    // first run, starting skips compiling the ~1.5 MB of JavaScript, about half of a cold `stats`
    module.enableCompileCache?.();
    return import(pathToFileURL(built).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(root, source)).href);
}
