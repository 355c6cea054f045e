// Office mode (issue 19) against a real host: `fazhi serve --host` in its own process, over HTTPS, a client that
// trusts only the certificate whose fingerprint the host printed. The security bar: without a session every page
// and API call is refused; the first administrator needs the printed 初始化码; cookies are HttpOnly, Secure,
// SameSite=Strict; a POST without the session's CSRF token or from another site is refused; EVERY API method ×
// role is allowed or refused as domain/access.ts says; 只读 cannot write; login is throttled; every audit entry
// names the account and no password reaches the audit or the log; a write is pushed to other clerks (SSE).
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_ACCESS } from '../../electron/domain/access';
import { API_INPUTS } from '../../electron/domain/api';
import { certFilesFor, certFingerprint } from '../../electron/server/host';
import { tempDir } from '../helpers/db';
import { Client, fakeRenderer, startHostProcess, type HostProcess } from '../helpers/office-host';

let host: HostProcess;
let dir: string;
let db: string;
let cert: string;
const clients: Client[] = [];
const PASSWORDS = { admin: 'Admin-pass-一二三', cheng: 'Cheng-pass-四五六', shen: 'Shen-pass-七八九', du: 'Du-pass-十百千', spare: 'Spare-pass-000' };

function client(): Client {
  const c = new Client(host.port, host.fingerprint, cert);
  clients.push(c);
  return c;
}

async function signedIn(login: keyof typeof PASSWORDS): Promise<Client> {
  const c = client();
  const r = await c.login(login, PASSWORDS[login]);
  expect(r.status, r.body).toBe(200);
  return c;
}

beforeAll(async () => {
  dir = tempDir('fazhi-office-');
  db = path.join(dir, '台账.db');
  host = await startHostProcess(db, { rendererDir: fakeRenderer(dir), create: true });
  cert = fs.readFileSync(certFilesFor(db).cert, 'utf8');
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await host?.stop();
});

describe('单位服务器：证书与未登录', () => {
  it('made a certificate beside the data file and printed its SHA-256 fingerprint; the key is private', () => {
    expect(host.url).toBe(`https://127.0.0.1:${host.port}/`);
    expect(certFingerprint(cert)).toBe(host.fingerprint);
    expect(host.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    if (process.platform !== 'win32') expect(fs.statSync(certFilesFor(db).key).mode & 0o077).toBe(0);
    expect(host.setupCode).toMatch(/^[0-9A-F]{12}$/);
  });

  it('a client that does not pin this certificate cannot talk to the host at all', async () => {
    const err = await new Promise<Error>((resolve) => {
      https.get({ host: '127.0.0.1', port: host.port, path: '/login' }, () => resolve(new Error('connected'))).on('error', resolve);
    });
    expect(String(err.message)).toMatch(/self[- ]signed|certificate/i);
  });

  it('without a session every API method, page, file and the event stream is refused', async () => {
    const c = client();
    for (const m of Object.keys(API_INPUTS)) {
      const r = await c.api(m, {});
      expect({ m, status: r.status }).toEqual({ m, status: 401 });
      expect(r.json().error!.code).toBe('SIGNED_OUT');
    }
    const page = await c.request('GET', '/');
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/login');
    for (const p of ['/favicon.ico', '/assets/app.js', '/events', '/nope']) expect((await c.request('GET', p)).status).toBe(401);
    expect((await c.request('GET', '/index.html')).status).toBe(302);
    // the login page is served, in Chinese, with the fingerprint to compare
    const login = await c.request('GET', '/login');
    expect(login.status).toBe(200);
    expect(login.body).toContain('登录名');
    expect(login.headers['content-security-policy']).toContain("script-src 'self'");
    const state = (await c.request('GET', '/auth/state')).json();
    expect(state).toMatchObject({ mode: 'host', setup: true, fingerprint: host.fingerprint });
    expect(state.user).toBeUndefined();
  });
});

describe('首次使用：创建管理员', () => {
  it('refuses a wrong 初始化码, then creates the administrator with the printed one and signs them in', async () => {
    const c = client();
    const bad = await c.request('POST', '/auth/setup', { body: { setupCode: '000000000000', login: 'admin', name: '李管理', password: PASSWORDS.admin } });
    expect(bad.status).toBe(403);
    expect(bad.json().error!.message).toContain('初始化码不正确');
    expect(c.cookies.size).toBe(0);
    const r = await c.request('POST', '/auth/setup', { body: { setupCode: host.setupCode, login: 'admin', name: '李管理', password: PASSWORDS.admin } });
    expect(r.status, r.body).toBe(200);
    expect(r.json().data).toMatchObject({ user: { login: 'admin', role: '管理员' } });
    // the cookies: the session HttpOnly, both Secure, SameSite=Strict, host-only (__Host-), with an expiry
    const set = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
    const session = set.find((s) => s.startsWith(`__Host-fazhi_${host.port}=`))!;
    const csrf = set.find((s) => s.startsWith(`__Host-fazhi_csrf_${host.port}=`))!;
    expect(session).toMatch(/; HttpOnly; Secure; SameSite=Strict; Path=\/; Max-Age=\d+/);
    expect(csrf).toMatch(/; Secure; SameSite=Strict; Path=\/; Max-Age=\d+/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(session).not.toMatch(/Domain=/);
    // a second setup is refused, even with the code
    const again = await client().request('POST', '/auth/setup', { body: { setupCode: host.setupCode, login: 'evil', name: '某', password: 'whatever-123' } });
    expect(again.status).toBe(409);
    expect((await c.request('GET', '/')).status).toBe(200);
    // the administrator creates the colleagues
    for (const u of [
      { login: 'cheng', name: '王承办', role: '承办人', ledgers: ['decision'] },
      { login: 'shen', name: '赵审核', role: '审核人', ledgers: ['contract'] },
      { login: 'du', name: '钱只读', role: '只读', ledgers: ['decision'] },
      { login: 'spare', name: '孙备用', role: '承办人', ledgers: ['decision'] },
    ] as const) {
      await c.call('users.create', { ...u, password: PASSWORDS[u.login] });
    }
    const users = await c.call<{ users: Record<string, unknown>[] }>('users.list', {});
    expect(users.users.map((u) => u.login)).toEqual(['admin', 'cheng', 'shen', 'du', 'spare']);
    expect(JSON.stringify(users)).not.toMatch(/scrypt|password/i);
  });
});

describe('每个接口 × 每个角色', () => {
  const ROLES = { admin: '管理员', cheng: '承办人', shen: '审核人', du: '只读' } as const;
  const GRANTS: Record<string, string[]> = { admin: [], cheng: ['decision'], shen: ['contract'], du: ['decision'] };

  /** The policy as docs/office-mode.md states it, written here on its own terms. */
  function shouldAllow(role: string, grants: string[], method: string, kind: string): boolean {
    const need = METHOD_ACCESS[method as keyof typeof METHOD_ACCESS];
    if (role === '管理员' || need === 'read') return true;
    if (role === '只读' || need === 'admin') return false;
    if (need === 'upload') return true;
    if (need === 'office' || (method === 'exchange.import' && (kind === 'indicator' || kind === 'material'))) return role === '审核人';
    return grants.includes(kind);
  }

  it('every method of the API has an access rule', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual(Object.keys(API_INPUTS).sort());
  });

  it('allows or refuses every method for every role, for a granted and a not granted ledger', async () => {
    let refused = 0;
    let allowed = 0;
    for (const [login, role] of Object.entries(ROLES)) {
      const c = await signedIn(login as keyof typeof PASSWORDS);
      for (const method of Object.keys(API_INPUTS)) {
        // the input is checked after the access rule: `{ kind }` alone is enough to be judged, and too little
        // for any allowed call to change anything (it is then refused as INVALID_INPUT by the core)
        for (const kind of method === 'exchange.import' ? ['decision', 'contract', 'indicator'] : ['decision', 'contract']) {
          const r = await c.api(method, { kind });
          const want = shouldAllow(role, GRANTS[login], method, kind);
          const got = r.status === 403 ? 'refused' : r.status === 200 ? 'allowed' : `HTTP ${r.status}`;
          expect({ login, method, kind, got }).toEqual({ login, method, kind, got: want ? 'allowed' : 'refused' });
          if (!want) {
            expect(r.json().error!.code).toBe('FORBIDDEN');
            refused++;
          } else allowed++;
        }
      }
    }
    expect(refused).toBeGreaterThan(50);
    expect(allowed).toBeGreaterThan(200);
  });

  it('a 只读 user reads but every write is refused; a 承办人 writes only granted ledgers', async () => {
    const du = await signedIn('du');
    expect((await du.api('ledger.list', { kind: 'decision' })).json().ok).toBe(true);
    const w = await du.api('ledger.create', { kind: 'decision', values: { title: '只读写入', sponsor: '县局', receivedOn: '2025-03-04' } });
    expect(w.status).toBe(403);
    expect(w.json().error!.message).toContain('只读账号只能查看');
    const cheng = await signedIn('cheng');
    expect((await cheng.api('ledger.create', { kind: 'decision', values: { title: '承办写入', sponsor: '县局', receivedOn: '2025-03-04' } })).json().ok).toBe(
      true,
    );
    const other = await cheng.api('ledger.create', { kind: 'contract', values: { title: '越权合同', submitter: '县局', receivedOn: '2025-03-04' } });
    expect(other.status).toBe(403);
    expect((await cheng.api('settings.update', { patch: { 单位名称: '越权' } })).status).toBe(403);
    const admin = await signedIn('admin');
    const list = await admin.call<{ rows: { values: Record<string, unknown> }[] }>('ledger.list', { kind: 'decision' });
    expect(list.rows.map((r) => r.values.title)).toEqual(['承办写入']);
    expect((await admin.call<{ total: number }>('ledger.list', { kind: 'contract' })).total).toBe(0);
  });
});

describe('CSRF、来源与会话', () => {
  it('a POST without the session CSRF token, with a wrong one, or from another site is refused', async () => {
    const c = await signedIn('admin');
    const input = { kind: 'decision', values: { title: '跨站', sponsor: '县局', receivedOn: '2025-03-04' } };
    const none = await c.request('POST', '/api/ledger.create', { body: input });
    expect(none.status).toBe(403);
    expect(none.json().error!.code).toBe('CSRF');
    const wrong = await c.api('ledger.create', input, { 'X-Fazhi-CSRF': 'x'.repeat(32) });
    expect(wrong.json().error!.code).toBe('CSRF');
    // a page on another site replaying the cookie (were SameSite not enough) and even holding the token
    for (const h of [
      { Origin: 'https://evil.example' } as Record<string, string>,
      { Origin: `https://127.0.0.1:${host.port + 1}` },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const r = await c.api('ledger.create', input, h);
      expect({ h, status: r.status, code: r.json().error?.code }).toEqual({ h, status: 403, code: 'CROSS_SITE' });
      expect((await c.request('GET', '/events', { headers: h })).status).toBe(403);
    }
    // the same call from the host's own origin goes through
    const same = await c.api('ledger.create', input, { Origin: `https://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(same.json().ok).toBe(true);
    // another client's token does not fit this session
    const other = await signedIn('admin');
    expect((await c.api('ledger.list', { kind: 'decision' }, { 'X-Fazhi-CSRF': other.csrf! })).json().error!.code).toBe('CSRF');
  });

  it('logging out ends the session; a disabled account is signed out at once', async () => {
    const c = await signedIn('spare');
    expect((await c.api('ledger.list', { kind: 'decision' })).status).toBe(200);
    const stolen = new Map(c.cookies);
    const out = await c.request('POST', '/auth/logout', { headers: { 'X-Fazhi-CSRF': c.csrf! } });
    expect(out.status).toBe(200);
    c.cookies = stolen;
    expect((await c.api('ledger.list', { kind: 'decision' })).status).toBe(401);
    const again = await signedIn('spare');
    const admin = await signedIn('admin');
    const users = await admin.call<{ users: { id: number; login: string }[] }>('users.list', {});
    await admin.call('users.update', { id: users.users.find((u) => u.login === 'spare')!.id, disabled: true });
    expect((await again.api('ledger.list', { kind: 'decision' })).status).toBe(401);
    expect((await client().login('spare', PASSWORDS.spare)).json().error!.message).toContain('已停用');
  });
});

describe('操作日志与推送', () => {
  it('every audit entry names the account; no password reaches the audit or the log', async () => {
    const cheng = await signedIn('cheng');
    await cheng.call('ledger.create', { kind: 'decision', values: { title: '审计署名', sponsor: '县局', receivedOn: '2025-05-06' } });
    const admin = await signedIn('admin');
    const audit = await admin.call<{ rows: { actor: string; user?: string; action: string; summary: string }[] }>('audit.list', { pageSize: 500 });
    expect(audit.rows.length).toBeGreaterThan(5);
    for (const e of audit.rows) expect(e.user, `${e.action} ${e.summary}`).toMatch(/^(admin|cheng|spare)$/);
    const mine = audit.rows.find((e) => e.summary?.includes('审计署名'))!;
    expect(mine).toMatchObject({ user: 'cheng', actor: '王承办（cheng）' });
    expect(audit.rows.find((e) => e.action === '账号' && e.summary.includes('孙备用'))).toMatchObject({ user: 'admin', actor: '李管理（admin）' });
    const everything = JSON.stringify(audit) + (await admin.call<{ lines: string[] }>('app.log', { lines: 1000 })).lines.join('\n');
    for (const p of Object.values(PASSWORDS)) expect(everything).not.toContain(p);
    const raw = fs.readFileSync(db).toString('latin1') + (fs.existsSync(`${db}-wal`) ? fs.readFileSync(`${db}-wal`).toString('latin1') : '');
    for (const p of ['Admin-pass', 'Cheng-pass', 'Du-pass']) expect(raw).not.toContain(p);
    expect(host.output()).not.toMatch(/pass-/);
  });

  it('a write by one clerk reaches another clerk as a server-sent event', async () => {
    const du = await signedIn('du');
    const events: string[] = [];
    const req = https.request({
      host: '127.0.0.1',
      port: host.port,
      path: '/events',
      agent: new https.Agent({ ca: [cert], checkServerIdentity: (_h, c) => (c.fingerprint256 === host.fingerprint ? undefined : new Error('fingerprint')) }),
      headers: { Host: `127.0.0.1:${host.port}`, Cookie: [...du.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const connected = new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        res.on('data', (c: Buffer) => {
          events.push(c.toString('utf8'));
          resolve();
        });
      });
      req.on('error', reject);
    });
    req.end();
    await connected;
    const cheng = await signedIn('cheng');
    await cheng.call('ledger.create', { kind: 'decision', values: { title: '推送', sponsor: '县局', receivedOn: '2025-05-07' } });
    const deadline = Date.now() + 5_000;
    while (!events.join('').includes('event: change') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    req.destroy();
    const change = events
      .join('')
      .split('\n\n')
      .find((e) => e.startsWith('event: change'))!;
    expect(JSON.parse(change.split('data: ')[1])).toEqual({ method: 'ledger.create', kind: 'decision', by: '王承办' });
  });
});

describe('同时修改', () => {
  it('two clerks saving the same record: the second gets the explained conflict, nothing is overwritten', async () => {
    const admin = await signedIn('admin');
    const cheng = await signedIn('cheng');
    const rec = await cheng.call<{ id: string; version: number }>('ledger.create', {
      kind: 'decision',
      values: { title: '同时修改', sponsor: '县局', receivedOn: '2025-06-01' },
    });
    const first = await admin.call<{ version: number }>('ledger.update', {
      kind: 'decision',
      id: rec.id,
      version: rec.version,
      values: { title: '同时修改', sponsor: '管理员改', receivedOn: '2025-06-01' },
    });
    expect(first.version).toBe(rec.version + 1);
    const second = (
      await cheng.api('ledger.update', {
        kind: 'decision',
        id: rec.id,
        version: rec.version,
        values: { title: '同时修改', sponsor: '承办人改', receivedOn: '2025-06-01' },
      })
    ).json();
    expect(second.ok).toBe(false);
    expect(second.error!.code).toBe('STALE');
    expect(second.error!.message).toMatch(/[\u4e00-\u9fa5]/);
    const now = await cheng.call<{ values: Record<string, unknown> }>('ledger.get', { kind: 'decision', id: rec.id });
    expect(now.values.sponsor).toBe('管理员改');
  });
});

describe('登录限制（最后运行：会锁住本机地址）', () => {
  it('locks a login name after 5 failures, even for the right password, and tells how long', async () => {
    const c = client();
    for (let i = 0; i < 5; i++) expect((await c.login('shen', `wrong-${i}`)).status).toBe(401);
    const r = await c.login('shen', PASSWORDS.shen);
    expect(r.status).toBe(429);
    expect(r.json().error!.message).toMatch(/登录失败次数过多，请 \d+ 分钟后再试/);
    // another name from the same address is not locked yet
    expect((await c.login('du', PASSWORDS.du)).status).toBe(200);
    // an unknown name fails the same way as a wrong password
    expect((await c.login('nobody', 'whatever')).json().error!.message).toBe('登录名或密码不正确');
  });

  it('locks the address after 20 failures over any names', async () => {
    const c = client();
    for (let i = 0; i < 20; i++) await c.login(`guess${i}`, 'x');
    const r = await c.login('du', PASSWORDS.du);
    expect(r.status).toBe(429);
  });
});
