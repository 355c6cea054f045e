// Office mode (issue 19): one installation hosts the office's ledger for its colleagues over the office network.
// `fazhi serve --db F --host`. The loopback browser mode (./index.ts) is untouched; this is a second door onto
// the same core, with the same data-file lock, integrity check and automatic backups.
//
// Security model (docs/office-mode.md), checked in this order for every request:
//   1. TLS only: a self-signed certificate made on first start and kept beside the data file (key file 0600);
//      its SHA-256 fingerprint is printed at start and shown in 设置 and on the login page, for colleagues to
//      compare with what their browser shows before they type a password.
//   2. Origin: a request whose Origin (or Sec-Fetch-Site) says it comes from another site is refused (403)
//      before anything else, on every path — with SameSite=Strict cookies and the CSRF header, the third lock
//      against a cross-site page replaying a colleague's session.
//   3. Session: only /login, /login.js, /login.css, /auth/state, /auth/login and /auth/setup answer without one;
//      every other page, file, /events and /api call is refused (401, or a redirect to /login for a page).
//      The session is a random 32-byte token in an HttpOnly, Secure, SameSite=Strict `__Host-` cookie; the host
//      keeps only its SHA-256, in memory (a restart signs everyone out), with an idle and an absolute expiry.
//   4. CSRF: every POST carries X-Fazhi-CSRF equal to the session's own random token (the page reads it from a
//      second, script-readable SameSite=Strict cookie; another site can neither read nor set it).
//   5. Authorisation: domain/access.ts's table, for every method, before dispatch; then the call runs as the
//      account (core/request-context.ts), so every audit entry names it.
// Login is throttled per login name and per address (failures in a window lock the name / the address for a
// while), and a name that does not exist costs the same scrypt time as a wrong password. The first
// administrator is created from the login page with a one-time 初始化码 printed on the host's console: whoever
// reaches the page first on the network cannot take the office's ledger.

import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { accessRefusal } from '../domain/access';
import { API_INPUTS, WRITE_METHODS, type ApiMethod } from '../domain/api';
import { countUsers, dummyPasswordHash, findUser, findUserByLogin, publicUser, verifyPassword, type StoredUser } from '../core/accounts';
import { dispatch, isApiMethod } from '../core/api/dispatch';
import { openCore, startIntegrityCheck, type Core } from '../core/core';
import { exclusive } from '../core/gate';
import { runAs } from '../core/request-context';
import { startAutoBackup } from '../core/safety/auto-backup';
import { logApiError } from '../core/safety/errlog';
import { acquireDataLock, type DataLock } from '../core/safety/lock';
import { cookieValue, fail, MAX_BODY_BYTES, readBody, send, sendExport, SERVER_CSP, serveStatic } from './http';

export interface HostOptions {
  db: string;
  /** 0 = any free port */
  port?: number;
  /** the address to listen on (default every interface, 0.0.0.0) */
  bind?: string;
  rendererDir: string;
  create?: boolean;
  autoBackup?: boolean;
  onWarning?: (message: string) => void;
  maxBodyBytes?: number;
  /** the first-run 初始化码 (random when not given; tests pass their own) */
  setupCode?: string;
  /** a session unused this long ends (default 2 hours) */
  idleMs?: number;
  /** a session ends this long after sign-in whatever happens (default 12 hours) */
  maxAgeMs?: number;
  /** login throttling: failures within `windowMs` before a name / an address is locked for `lockMs` */
  throttle?: { perLogin: number; perAddress: number; windowMs: number; lockMs: number };
  /**
   * The desktop app's own core (设置 · 单位服务器's switch, electron/main): the app already holds the data file's
   * lock, runs the integrity check and the automatic backups, and keeps the file open when the host stops.
   */
  core?: Core;
}

export interface RunningHost {
  url: string;
  port: number;
  fingerprint: string;
  certFile: string;
  /** the 初始化码 while no account exists, else null */
  setupCode: string | null;
  core: Core;
  close(): Promise<void>;
}

const DEFAULT_THROTTLE = { perLogin: 5, perAddress: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** The certificate files beside the data file: `<data file>.host-cert.pem` and `.host-key.pem`. */
export function certFilesFor(db: string): { cert: string; key: string } {
  const base = path.resolve(db);
  return { cert: `${base}.host-cert.pem`, key: `${base}.host-key.pem` };
}

/** The SHA-256 fingerprint of a PEM certificate, as browsers show it (AB:CD:…). */
export function certFingerprint(certPem: string): string {
  return new crypto.X509Certificate(certPem).fingerprint256;
}

function localAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  return out;
}

/** The host's certificate: read from beside the data file, or made (ECDSA P-256, SHA-256, 10 years) on first start. */
export async function ensureCertificate(db: string): Promise<{ cert: string; key: string; fingerprint: string; certFile: string; created: boolean }> {
  const files = certFilesFor(db);
  if (fs.existsSync(files.cert) && fs.existsSync(files.key)) {
    const cert = fs.readFileSync(files.cert, 'utf8');
    return { cert, key: fs.readFileSync(files.key, 'utf8'), fingerprint: certFingerprint(cert), certFile: files.cert, created: false };
  }
  const { generate } = await import('selfsigned');
  const hostname = os.hostname();
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: `法治台账 ${hostname}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600_000),
    notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: hostname },
          { type: 7, ip: '127.0.0.1' },
          ...localAddresses().map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  // the key first, readable by this user only; the certificate last, so a half-made pair is never taken as whole
  fs.writeFileSync(files.key, pems.private, { mode: 0o600 });
  fs.writeFileSync(files.cert, pems.cert);
  return { cert: pems.cert, key: pems.private, fingerprint: certFingerprint(pems.cert), certFile: files.cert, created: true };
}

const hostCookieName = (port: number) => `__Host-fazhi_${port}`;
const csrfCookieName = (port: number) => `__Host-fazhi_csrf_${port}`;
const CSRF_HEADER = 'x-fazhi-csrf';

interface Session {
  userId: number;
  /** the account as last read: used while the file is briefly closed (还原 reopens it) */
  user: StoredUser;
  csrf: string;
  created: number;
  lastSeen: number;
  address: string;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

function sameText(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Failures per key in a sliding window; a key over its limit is locked until `until`. */
class Throttle {
  private readonly fails = new Map<string, { times: number[]; until: number }>();
  constructor(
    private readonly windowMs: number,
    private readonly lockMs: number,
  ) {}
  lockedFor(key: string, now: number): number {
    const e = this.fails.get(key);
    return e && e.until > now ? e.until - now : 0;
  }
  fail(key: string, limit: number, now: number): void {
    // bounded: a flood of made-up names cannot grow the map without end (the locked keys are kept)
    if (this.fails.size > 10_000) for (const [k, v] of this.fails) if (v.until <= now) this.fails.delete(k);
    const e = this.fails.get(key) ?? { times: [], until: 0 };
    e.times = e.times.filter((t) => now - t < this.windowMs);
    e.times.push(now);
    if (e.times.length >= limit) {
      e.until = now + this.lockMs;
      e.times = [];
    }
    this.fails.set(key, e);
  }
  clear(key: string): void {
    this.fails.delete(key);
  }
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** The login page: plain HTML and one script of its own (the CSP allows no inline script), Chinese throughout. */
const LOGIN_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>法治台账 · 登录</title><link rel="stylesheet" href="/login.css"></head>
<body><main>
<h1>法治台账</h1>
<p class="sub">单位服务器</p>
<form id="login" hidden>
  <h2>登录</h2>
  <label for="login-name">登录名</label><input id="login-name" name="login" autocomplete="username" required>
  <label for="login-password">密码</label><input id="login-password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">登录</button>
</form>
<form id="setup" hidden>
  <h2>首次使用：创建管理员账号</h2>
  <p>请输入服务器启动时在其窗口中显示的“初始化码”，再设置管理员的登录名和密码。</p>
  <label for="setup-code">初始化码</label><input id="setup-code" name="setupCode" autocomplete="off" required>
  <label for="setup-login">登录名</label><input id="setup-login" name="login" autocomplete="username" required>
  <label for="setup-name">姓名</label><input id="setup-name" name="name" required>
  <label for="setup-password">密码（至少 8 位）</label><input id="setup-password" name="password" type="password" autocomplete="new-password" required minlength="8">
  <label for="setup-password2">再次输入密码</label><input id="setup-password2" name="password2" type="password" autocomplete="new-password" required minlength="8">
  <button type="submit">创建管理员并登录</button>
</form>
<p id="message" role="alert"></p>
<p class="fp">服务器证书指纹（SHA-256）：<br><code id="fingerprint"></code><br>请与服务器窗口或“设置”中显示的指纹核对一致后再输入密码。</p>
</main><script src="/login.js"></script></body></html>`;

const LOGIN_CSS = `body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;background:#f3f5f8;margin:0}
main{max-width:380px;margin:8vh auto;background:#fff;padding:28px 32px;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{margin:0;font-size:24px}.sub{color:#666;margin:4px 0 20px}h2{font-size:18px}
label{display:block;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:8px;font-size:15px;border:1px solid #bbb;border-radius:4px}
input:focus,button:focus{outline:2px solid #1677ff;outline-offset:1px}
button{margin-top:18px;width:100%;padding:9px;font-size:15px;background:#1677ff;color:#fff;border:0;border-radius:4px;cursor:pointer}
#message{color:#c00;min-height:1.2em}.fp{color:#555;font-size:12px;word-break:break-all}`;

const LOGIN_JS = `(function(){
var msg=document.getElementById('message');
function show(t){msg.textContent=t||'';}
function post(url,body){return fetch(url,{method:'POST',headers:{'Content-Type':'application/json'},credentials:'same-origin',body:JSON.stringify(body)}).then(function(r){return r.json();});}
function done(r){if(r&&r.ok){location.replace('/');}else{show(r&&r.error?r.error.message:'登录失败，请重试');}}
fetch('/auth/state',{credentials:'same-origin'}).then(function(r){return r.json();}).then(function(s){
  document.getElementById('fingerprint').textContent=s.fingerprint;
  if(s.user){location.replace('/');return;}
  var f=document.getElementById(s.setup?'setup':'login');f.hidden=false;f.querySelector('input').focus();
}).catch(function(){show('无法连接单位服务器，请确认服务器仍在运行');});
document.getElementById('login').addEventListener('submit',function(e){e.preventDefault();var f=e.target;show('');
  post('/auth/login',{login:f.login.value,password:f.password.value}).then(done,function(){show('无法连接单位服务器');});});
document.getElementById('setup').addEventListener('submit',function(e){e.preventDefault();var f=e.target;show('');
  if(f.password.value!==f.password2.value){show('两次输入的密码不一致');return;}
  post('/auth/setup',{setupCode:f.setupCode.value.trim(),login:f.login.value.trim(),name:f.name.value.trim(),password:f.password.value}).then(done,function(){show('无法连接单位服务器');});});
})();`;

const PUBLIC_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };

function sendText(res: http.ServerResponse, type: string, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(text)), ...PUBLIC_HEADERS, ...extra });
  res.end(text);
}

/** The peer's address, as the throttle counts it. */
const addressOf = (req: http.IncomingMessage) => req.socket.remoteAddress ?? '?';

/**
 * Whether a request comes from another site: its Origin is not this host's own https origin, or the browser says
 * so (Sec-Fetch-Site: cross-site / same-site — a page on another port of the same machine is another origin too).
 * Requests without either header (command-line clients, the bench) are judged by the session and CSRF token alone.
 */
function crossSite(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `https://${req.headers.host ?? ''}`) return true;
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const tls = await ensureCertificate(opts.db);
  const own = !opts.core;
  let lock: DataLock | null = null;
  let core: Core;
  if (opts.core) core = opts.core;
  else {
    lock = acquireDataLock(opts.db, '单位服务器模式', { advice: '请让同事通过浏览器连接那台服务器，或先在它的窗口按 Ctrl+C 停止再打开。' });
    try {
      core = await openCore(opts.db, { create: opts.create ?? false });
    } catch (e) {
      lock.release();
      throw e;
    }
    void startIntegrityCheck(core).then((r) => {
      if (r.state === 'damaged') opts.onWarning?.(`已切换为只读（不再接受修改，直到还原备份）。${r.message ?? '数据文件已损坏'}`);
    });
  }
  const stopBackups = !own || opts.autoBackup === false ? () => {} : startAutoBackup(core, (m) => opts.onWarning?.(m));
  const idleMs = opts.idleMs ?? 2 * 3600_000;
  const maxAgeMs = opts.maxAgeMs ?? 12 * 3600_000;
  const th = opts.throttle ?? DEFAULT_THROTTLE;
  const throttle = new Throttle(th.windowMs, th.lockMs);
  let setupCode: string | null = countUsers(core.db) === 0 ? (opts.setupCode ?? crypto.randomBytes(6).toString('hex').toUpperCase()) : null;
  const sessions = new Map<string, Session>();
  const streams = new Set<{ res: http.ServerResponse; session: string }>();
  let port = opts.port ?? 0;
  let closing = false;

  const cookieHeaders = (token: string, csrf: string) => [
    `${hostCookieName(port)}=${token}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${Math.floor(maxAgeMs / 1000)}`,
    `${csrfCookieName(port)}=${csrf}; Secure; SameSite=Strict; Path=/; Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  const clearedCookies = () => [
    `${hostCookieName(port)}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0`,
    `${csrfCookieName(port)}=; Secure; SameSite=Strict; Path=/; Max-Age=0`,
  ];

  function newSession(user: StoredUser, req: http.IncomingMessage): { token: string; csrf: string } {
    const token = crypto.randomBytes(32).toString('base64url');
    const csrf = crypto.randomBytes(24).toString('base64url');
    const now = Date.now();
    sessions.set(sha256(token), { userId: user.id, user, csrf, created: now, lastSeen: now, address: addressOf(req) });
    return { token, csrf };
  }

  /** The request's live session and its account, or null (unknown, expired, or the account was disabled). */
  function sessionOf(req: http.IncomingMessage): { key: string; session: Session; user: StoredUser } | null {
    const token = cookieValue(req.headers.cookie, hostCookieName(port));
    if (!token) return null;
    const key = sha256(token);
    const session = sessions.get(key);
    if (!session) return null;
    const now = Date.now();
    if (now - session.lastSeen > idleMs || now - session.created > maxAgeMs) {
      sessions.delete(key);
      return null;
    }
    // read afresh each time: a role changed or an account disabled takes effect on its next request. While the
    // file is closed for a moment (还原), the account as last read answers (the call itself then waits or is BUSY).
    const user = core.db.open ? findUser(core.db, session.userId) : session.user;
    if (!user || user.disabled) {
      sessions.delete(key);
      return null;
    }
    session.user = user;
    session.lastSeen = now;
    return { key, session, user };
  }

  /** Tell every open page a write happened (server-sent events): lists and the board refresh themselves. */
  function broadcast(event: Record<string, unknown>): void {
    const text = `event: change\ndata: ${JSON.stringify(event)}\n\n`;
    for (const s of streams) {
      if (!sessions.has(s.session)) {
        s.res.end();
        streams.delete(s);
      } else s.res.write(text);
    }
  }
  const heartbeat = setInterval(() => {
    for (const s of streams) s.res.write(': 心跳\n\n');
  }, 25_000);
  heartbeat.unref();

  async function readJson(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<{ value: unknown } | null> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      fail(res, 415, 'INVALID_INPUT', '请求内容应为 JSON');
      req.resume();
      return null;
    }
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      fail(res, 413, 'TOO_LARGE', '请求内容过大（最多 200MB）');
      return null;
    }
    try {
      return { value: body.length ? JSON.parse(body.toString('utf8')) : {} };
    } catch {
      fail(res, 400, 'INVALID_INPUT', '请求内容不是有效的 JSON');
      return null;
    }
  }

  const throttled = (login: string, address: string): string | null => {
    const now = Date.now();
    const wait = Math.max(throttle.lockedFor(`login:${login.toLowerCase()}`, now), throttle.lockedFor(`addr:${address}`, now));
    return wait ? `登录失败次数过多，请 ${minutes(wait)} 分钟后再试` : null;
  };

  async function login(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req, res, 4096);
    if (!body) return;
    const { login: name, password } = (body.value ?? {}) as { login?: unknown; password?: unknown };
    if (typeof name !== 'string' || typeof password !== 'string' || !name || name.length > 64 || password.length > 200) {
      fail(res, 400, 'INVALID_INPUT', '请输入登录名和密码');
      return;
    }
    const address = addressOf(req);
    const locked = throttled(name, address);
    if (locked) {
      fail(res, 429, 'THROTTLED', locked);
      return;
    }
    const user = core.db.open ? findUserByLogin(core.db, name) : undefined;
    // an unknown name costs the same scrypt as a wrong password: the answer's time tells nothing
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok || user.disabled) {
      const now = Date.now();
      throttle.fail(`login:${name.toLowerCase()}`, th.perLogin, now);
      throttle.fail(`addr:${address}`, th.perAddress, now);
      fail(res, 401, 'LOGIN_FAILED', user?.disabled && ok ? '该账号已停用，请联系管理员' : '登录名或密码不正确');
      return;
    }
    throttle.clear(`login:${name.toLowerCase()}`);
    const s = newSession(user, req);
    send(res, 200, { ok: true, data: { user: publicUser(user), csrf: s.csrf } }, { 'Set-Cookie': cookieHeaders(s.token, s.csrf) });
  }

  async function setup(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req, res, 4096);
    if (!body) return;
    const v = (body.value ?? {}) as { setupCode?: unknown; login?: unknown; name?: unknown; password?: unknown };
    const address = addressOf(req);
    const locked = throttled('(初始化)', address);
    if (locked) {
      fail(res, 429, 'THROTTLED', locked);
      return;
    }
    if (setupCode === null || countUsers(core.db) > 0) {
      setupCode = null;
      fail(res, 409, 'ALREADY_SET_UP', '管理员账号已经创建，请直接登录');
      return;
    }
    if (!sameText(v.setupCode, setupCode)) {
      throttle.fail('login:(初始化)', th.perLogin, Date.now());
      throttle.fail(`addr:${address}`, th.perAddress, Date.now());
      fail(res, 403, 'SETUP_CODE', '初始化码不正确：请查看服务器窗口中显示的初始化码');
      return;
    }
    const parsed = API_INPUTS['users.create'].safeParse({ login: v.login, name: v.name, role: '管理员', ledgers: [], password: v.password });
    if (!parsed.success) {
      fail(res, 400, 'INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    // audited as the administrator being created (no account exists yet to name)
    const created = await runAs({ id: 0, login: parsed.data.login, name: parsed.data.name }, () => dispatch(core, 'users.create', parsed.data));
    if (!created.ok) {
      send(res, 200, created);
      return;
    }
    setupCode = null;
    const user = findUserByLogin(core.db, parsed.data.login)!;
    const s = newSession(user, req);
    send(res, 200, { ok: true, data: { user: publicUser(user), csrf: s.csrf } }, { 'Set-Cookie': cookieHeaders(s.token, s.csrf) });
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, who: NonNullable<ReturnType<typeof sessionOf>>): Promise<void> {
    if (req.method !== 'POST') {
      fail(res, 405, 'METHOD', '接口只接受 POST 请求');
      req.resume();
      return;
    }
    if (!sameText(req.headers[CSRF_HEADER], who.session.csrf)) {
      fail(res, 403, 'CSRF', '请求缺少有效的安全校验码，已拒绝：请刷新页面后重试');
      req.resume();
      return;
    }
    let method: string;
    try {
      method = decodeURIComponent(pathname.slice('/api/'.length));
    } catch {
      method = '';
    }
    const body = await readJson(req, res, opts.maxBodyBytes ?? MAX_BODY_BYTES);
    if (!body) return;
    if (closing) {
      fail(res, 503, 'CLOSED', '单位服务器正在停止，本次操作没有执行。请稍后重试。');
      return;
    }
    if (!isApiMethod(method)) {
      send(res, 200, await dispatch(core, method, body.value));
      return;
    }
    const refusal = accessRefusal(who.user, method, body.value);
    if (refusal) {
      send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: refusal } });
      return;
    }
    const as = { id: who.user.id, login: who.user.login, name: who.user.name };
    if (method === 'exchange.export' && new URL(req.url ?? '/', 'https://localhost').searchParams.get('as') === 'file') {
      await runAs(as, () => sendExport(core, body.value, res));
      return;
    }
    const result = await runAs(as, () => dispatch(core, method, body.value));
    send(res, 200, result);
    if (result.ok && WRITE_METHODS.has(method as ApiMethod)) {
      const kind = (body.value as { kind?: unknown })?.kind;
      broadcast({ method, kind: typeof kind === 'string' ? kind : null, by: who.user.name });
    }
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse, key: string): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    res.write(': 已连接\n\n');
    const entry = { res, session: key };
    streams.add(entry);
    req.on('close', () => streams.delete(entry));
  }

  const server = https.createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, (req, res) => {
    void (async () => {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000');
      if (crossSite(req)) {
        fail(res, 403, 'CROSS_SITE', '拒绝访问：请求来自其他网站');
        req.resume();
        return;
      }
      const u = new URL(req.url ?? '/', 'https://localhost');
      const pathname = u.pathname;
      // public: the login page and what it needs
      if (req.method === 'GET' && pathname === '/login')
        return sendText(res, 'text/html; charset=utf-8', LOGIN_HTML, { 'Content-Security-Policy': SERVER_CSP, 'X-Frame-Options': 'DENY' });
      if (req.method === 'GET' && pathname === '/login.js') return sendText(res, 'text/javascript; charset=utf-8', LOGIN_JS);
      if (req.method === 'GET' && pathname === '/login.css') return sendText(res, 'text/css; charset=utf-8', LOGIN_CSS);
      if (req.method === 'POST' && pathname === '/auth/login') return login(req, res);
      if (req.method === 'POST' && pathname === '/auth/setup') return setup(req, res);
      const who = sessionOf(req);
      if (req.method === 'GET' && pathname === '/auth/state') {
        send(res, 200, {
          mode: 'host',
          setup: setupCode !== null,
          fingerprint: tls.fingerprint,
          ...(who ? { user: publicUser(who.user), csrf: who.session.csrf } : {}),
        });
        return;
      }
      if (!who) {
        req.resume();
        // a page is sent to the login page; anything else is refused outright
        if (req.method === 'GET' && (pathname === '/' || pathname === '/index.html')) {
          res.writeHead(302, { Location: '/login', 'Content-Length': '0', ...PUBLIC_HEADERS });
          res.end();
          return;
        }
        fail(res, 401, 'SIGNED_OUT', '未登录或登录已过期，请重新登录');
        return;
      }
      if (pathname === '/auth/logout' && req.method === 'POST') {
        req.resume();
        if (!sameText(req.headers[CSRF_HEADER], who.session.csrf)) return fail(res, 403, 'CSRF', '请求缺少有效的安全校验码，已拒绝');
        sessions.delete(who.key);
        send(res, 200, { ok: true, data: {} }, { 'Set-Cookie': clearedCookies() });
        return;
      }
      if (pathname === '/events' && req.method === 'GET') return events(req, res, who.key);
      if (pathname === '/api' || pathname.startsWith('/api/')) return api(req, res, pathname, who);
      serveStatic(opts.rendererDir, req, res, pathname);
    })().catch((e: unknown) => {
      logApiError(core.file, `HTTPS ${req.method ?? ''} ${(req.url ?? '').split('?')[0].slice(0, 200)}`, {}, e);
      if (!res.headersSent) fail(res, 500, 'INTERNAL', `内部错误：${(e as Error)?.message ?? String(e)}`);
      else res.destroy();
    });
  });
  server.requestTimeout = 10 * 60_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, opts.bind ?? '0.0.0.0', () => resolve());
    });
  } catch (e) {
    stopBackups();
    if (own) core.close();
    lock?.release();
    throw e;
  }
  port = (server.address() as AddressInfo).port;
  const shown = opts.bind && opts.bind !== '0.0.0.0' ? opts.bind : (localAddresses()[0] ?? '127.0.0.1');
  return {
    url: `https://${shown}:${port}/`,
    port,
    fingerprint: tls.fingerprint,
    certFile: tls.certFile,
    get setupCode() {
      return setupCode;
    },
    core,
    async close() {
      closing = true;
      clearInterval(heartbeat);
      stopBackups();
      for (const s of streams) s.res.end();
      streams.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // the desktop app's core stays open: the calls in flight finish, the window goes on
      await exclusive(core, async () => {
        await core.settled();
        if (own) core.close();
      });
      server.closeIdleConnections();
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 2_000).unref())]);
      server.closeAllConnections();
      await stopped;
      lock?.release();
    },
  };
}

/** Printed at start: where colleagues connect, the fingerprint to compare, and the 初始化码 while there is no account. */
export function hostBanner(h: RunningHost): string[] {
  const lines = [
    `法治台账单位服务器已启动，数据文件：${h.core.file}`,
    `同事请用浏览器打开：${h.url}（本机其他地址：${localAddresses().join('、') || '无'}，端口 ${h.port}）`,
    `服务器证书指纹（SHA-256），请同事在浏览器中核对：${h.fingerprint}`,
  ];
  if (h.setupCode) lines.push(`首次使用：在登录页创建管理员账号，初始化码：${h.setupCode}`);
  lines.push('按 Ctrl+C 停止。');
  return lines;
}
