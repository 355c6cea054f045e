// The HTTP pieces both servers use: the loopback browser mode (./index.ts) and the office host (./host.ts) —
// security headers, body limits, JSON answers, the session cookie's parsing, the exported file as a download, and
// static files from the built renderer only.

import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { exportTo } from '../core/api/dispatch';
import type { Core } from '../core/core';

/** Same policy as renderer/index.html's meta tag, plus what only a header can say (frame-ancestors). */
export const SERVER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The largest request body: a 150 MB import file travels as base64 inside JSON. */
export const MAX_BODY_BYTES = 210 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function fail(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

/**
 * `POST /api/exchange.export?as=file`: the export as the response body itself (a download), not as base64 inside
 * JSON. The core writes it into a temporary file (an .xlsx streams: a whole ledger in flat memory), which is then
 * streamed out and removed. A refusal (bad input, no data) is the usual JSON envelope.
 */
export async function sendExport(core: Core, input: unknown, res: http.ServerResponse): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-download-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, 'export');
    const r = await exportTo(core, input, file);
    if (!r.ok) {
      cleanup();
      send(res, 200, r);
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': fs.statSync(file).size,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(r.data.fileName)}`,
      'X-Fazhi-Count': String(r.data.count),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const stream = fs.createReadStream(file);
    stream.on('close', cleanup);
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Constant-time comparison of the presented token with ours. */
export function tokenMatches(presented: unknown, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * The session cookie's name, its value the token. Cookies are not kept apart by port, so the name carries it:
 * two browser-mode servers on 127.0.0.1 (two data files) would otherwise overwrite each other's cookie.
 */
export function sessionCookieName(port: number): string {
  return `fazhi_session_${port}`;
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Does this API request carry our token (header for clients, cookie for the browser)? */
export function requestAuthorised(req: http.IncomingMessage, token: string, port: number): boolean {
  return tokenMatches(req.headers['x-fazhi-token'], token) || tokenMatches(cookieValue(req.headers.cookie, sessionCookieName(port)), token);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Resolve a URL path to a file inside `root`, or null when it would leave it (or is malformed). */
export function staticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (rel.split('/').some((seg) => seg === '..')) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  return full;
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    fail(res, 405, 'METHOD', '只支持 GET');
    return;
  }
  const file = staticPath(root, pathname);
  if (!file) {
    fail(res, 404, 'NOT_FOUND', '没有这个文件');
    return;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    fail(res, 404, 'NOT_FOUND', '没有这个文件');
    return;
  }
  if (!stat.isFile()) {
    fail(res, 404, 'NOT_FOUND', '没有这个文件');
    return;
  }
  const ext = path.extname(file).toLowerCase();
  const headers: Record<string, string> = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': String(stat.size),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': ext === '.html' ? 'no-store' : 'no-cache',
  };
  if (ext === '.html') {
    headers['Content-Security-Policy'] = SERVER_CSP;
    headers['X-Frame-Options'] = 'DENY';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // In one turn of the event loop: the page's code (up to ~1 MB) is not split into chunks that wait, each, behind
  // the API calls (synchronous SQLite) the first screen asks for at the same moment (renderer/src/boot.ts).
  res.end(fs.readFileSync(file));
}
