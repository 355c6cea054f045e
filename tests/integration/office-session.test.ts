// Office mode sessions end by themselves (issue 19): a session unused for the idle time is refused, and signing
// in again works. An in-process host with a short idle time (the real process uses 2 hours).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { certFilesFor, startHost, type RunningHost } from '../../electron/server/host';
import { tempDir } from '../helpers/db';
import { Client, fakeRenderer } from '../helpers/office-host';

let host: RunningHost;
let c: Client;

beforeAll(async () => {
  const dir = tempDir('fazhi-office-session-');
  const db = path.join(dir, 'data.db');
  host = await startHost({ db, bind: '127.0.0.1', rendererDir: fakeRenderer(dir), create: true, autoBackup: false, idleMs: 800, setupCode: 'CODE' });
  c = new Client(host.port, host.fingerprint, fs.readFileSync(certFilesFor(db).cert, 'utf8'));
});

afterAll(async () => {
  c?.close();
  await host?.close();
});

it('a session idle longer than the idle time is refused; the same certificate is kept across restarts', async () => {
  const r = await c.request('POST', '/auth/setup', { body: { setupCode: 'CODE', login: 'admin', name: '李管理', password: 'Admin-pass-1' } });
  expect(r.status, r.body).toBe(200);
  expect((await c.api('ledger.list', { kind: 'decision' })).status).toBe(200);
  await new Promise((res) => setTimeout(res, 400));
  // in use: the idle clock starts again
  expect((await c.api('ledger.list', { kind: 'decision' })).status).toBe(200);
  await new Promise((res) => setTimeout(res, 1_100));
  const expired = await c.api('ledger.list', { kind: 'decision' });
  expect(expired.status).toBe(401);
  expect(expired.json().error!.message).toContain('登录已过期');
  expect((await c.login('admin', 'Admin-pass-1')).status).toBe(200);
  expect((await c.api('ledger.list', { kind: 'decision' })).status).toBe(200);
  expect(host.setupCode).toBeNull();
});
