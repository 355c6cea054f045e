#!/usr/bin/env node
// The `fazhi` command line: out/cli/fazhi.js, compiled by `npm run build` (bin/load.js says when the sources run instead).
import { loadEntry } from './load.js';

const { main } = await loadEntry('fazhi', 'electron/cli/entry.ts');
process.exitCode = await main(process.argv.slice(2));
