#!/usr/bin/env node
// `npm run serve -- --db <file> [--port <n>]`: browser mode on 127.0.0.1, serving the built renderer (out/renderer).
// TypeScript sources run through tsx, as for the CLI; only the renderer needs `npm run build` first.
import path from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { serveMain } = await import('../electron/server/index.ts');
const rendererDir = path.resolve(import.meta.dirname, '..', 'out', 'renderer');
process.exitCode = await serveMain(process.argv.slice(2), rendererDir);
