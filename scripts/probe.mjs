// `node --import ./scripts/probe.mjs …` with FAZHI_PROBE=<file>: when the process exits, writes to <file> (JSON)
// its peak RSS and every module it loaded (URLs as resolved). The bench (scripts/bench.ts) measures a child
// process's memory with it, and tests/integration/cli-start.test.ts checks what `fazhi help` loads.
import fs from 'node:fs';
import { registerHooks } from 'node:module';

const out = process.env.FAZHI_PROBE;
const loaded = new Set();
registerHooks({
  resolve(specifier, context, next) {
    const r = next(specifier, context);
    loaded.add(r.url);
    return r;
  },
});
process.on('exit', () => {
  if (out) fs.writeFileSync(out, JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), modules: [...loaded] }));
});
