#!/usr/bin/env node
// `npm run serve -- --db <file> [--port <n>]`: browser mode on 127.0.0.1, serving the built renderer (out/renderer)
// with out/cli/serve.js, both made by `npm run build` (bin/load.js says when the sources run instead).
import path from 'node:path';
import { loadEntry } from './load.js';

const { serveMain } = await loadEntry('serve', 'electron/server/index.ts');
const rendererDir = path.resolve(import.meta.dirname, '..', 'out', 'renderer');
process.exitCode = await serveMain(process.argv.slice(2), rendererDir);
