// Browser mode: the built renderer and `POST /api/<method>` on 127.0.0.1 only, for machines where the desktop
// window cannot run. Guards, in this order, before anything else happens:
//   1. the Host header must name this server (127.0.0.1:<port> or localhost:<port>) → else 403 (DNS rebinding);
//   2. every /api request must carry the per-run session token → else 401, before any routing. The browser
//      carries it in an HttpOnly, SameSite=Strict cookie: the printed address `/?token=…` is answered with that
//      cookie and a 302 to the same address without the token, so the token never stays in the address bar,
//      the history or a bookmark, and the page's scripts never see it. Other clients (tests, scripts) may send
//      it in the X-Fazhi-Token header instead;
//   3. JSON only, body size limited; no CORS headers at all, so other origins can neither read nor preflight.
// `POST /api/exchange.export?as=file` answers with the exported file itself (sendExport), after the same guards.
// Static files come only from the built renderer folder; a path that leaves it is refused.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatch } from '../core/api/dispatch';
import { openCore, startIntegrityCheck, type Core } from '../core/core';
import { exclusive } from '../core/gate';
import { startAutoBackup } from '../core/safety/auto-backup';
import { logApiError } from '../core/safety/errlog';
import { acquireDataLock, type DataLock } from '../core/safety/lock';
import { fail, hostAllowed, MAX_BODY_BYTES, readBody, requestAuthorised, send, sendExport, serveStatic, sessionCookieName, tokenMatches } from './http';

export interface ServerOptions {
  /** the data file */
  db: string;
  /** 0 = any free port */
  port?: number;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** create the data file when missing (tests, first run) */
  create?: boolean;
  /** the session token; random when not given */
  token?: string;
  /** automatic backups as in the desktop app (default on) */
  autoBackup?: boolean;
  /** where backup warnings go */
  onWarning?: (message: string) => void;
  /** request body limit in bytes (default MAX_BODY_BYTES; tests use a small one) */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  /** the address to open: url + ?token=… (answered with the session cookie and a redirect to `url`) */
  openUrl: string;
  port: number;
  token: string;
  core: Core;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const lock: DataLock = acquireDataLock(opts.db, '浏览器模式', { advice: '请在那个浏览器页面中继续使用，或先在它的终端按 Ctrl+C 停止再打开。' });
  let core: Core;
  try {
    core = await openCore(opts.db, { create: opts.create ?? false });
  } catch (e) {
    lock.release();
    throw e;
  }
  // quick_check in a worker (seconds on a big file); the page learns of damage through app.info
  void startIntegrityCheck(core).then((r) => {
    if (r.state === 'damaged') opts.onWarning?.(`已切换为只读（不再接受修改，直到还原备份）。${r.message ?? '数据文件已损坏'}`);
  });
  const stopBackups = opts.autoBackup === false ? () => {} : startAutoBackup(core, (m) => opts.onWarning?.(m));
  let port = opts.port ?? 0;
  let closing = false;

  const server = http.createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req.headers.host, port)) {
        fail(res, 403, 'FORBIDDEN', '拒绝访问：只接受本机地址 127.0.0.1 的请求');
        return;
      }
      const pathname = (req.url ?? '/').split('?')[0];
      if (pathname === '/api' || pathname.startsWith('/api/')) {
        if (!requestAuthorised(req, token, port)) {
          fail(res, 401, 'UNAUTHORIZED', '访问令牌无效：请用启动时打印的完整地址重新打开');
          req.resume();
          return;
        }
        if (req.method !== 'POST') {
          fail(res, 405, 'METHOD', '接口只接受 POST 请求');
          req.resume();
          return;
        }
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
          fail(res, 415, 'INVALID_INPUT', '请求内容应为 JSON');
          req.resume();
          return;
        }
        const body = await readBody(req, opts.maxBodyBytes ?? MAX_BODY_BYTES);
        if (body === 'too-large') {
          // answer at once and drop the connection rather than read the rest
          res.setHeader('Connection', 'close');
          res.on('finish', () => req.destroy());
          fail(res, 413, 'TOO_LARGE', '请求内容过大（最多 200MB）');
          return;
        }
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          fail(res, 400, 'INVALID_INPUT', '请求内容不是有效的 JSON');
          return;
        }
        let method: string;
        try {
          method = decodeURIComponent(pathname.slice('/api/'.length));
        } catch {
          method = '';
        }
        if (closing) {
          fail(res, 503, 'CLOSED', '浏览器模式正在停止，本次操作没有执行。请重新启动后再试。');
          return;
        }
        if (method === 'exchange.export' && new URL(req.url ?? '/', 'http://localhost').searchParams.get('as') === 'file') {
          await sendExport(core, input, res);
          return;
        }
        const result = await dispatch(core, method, input);
        send(res, 200, result);
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        // the printed address: exchange the token in it for the session cookie and send the browser to the same
        // address without it (a redirect replaces the entry, so the tokened address is in no history)
        const u = new URL(req.url ?? '/', 'http://localhost');
        if (u.searchParams.has('token')) {
          const presented = u.searchParams.get('token');
          u.searchParams.delete('token');
          const headers: Record<string, string> = {
            Location: `${u.pathname}${u.search}`,
            'Cache-Control': 'no-store',
            'Referrer-Policy': 'no-referrer',
            'Content-Length': '0',
          };
          // a wrong token sets nothing: the page then says the token is invalid (401 on its first call)
          if (tokenMatches(presented, token)) headers['Set-Cookie'] = `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
          res.writeHead(302, headers);
          res.end();
          return;
        }
      }
      serveStatic(opts.rendererDir, req, res, pathname);
    })().catch((e: unknown) => {
      // not from a handler (dispatch logs those): the HTTP layer itself failed; into the same log
      logApiError(core.file, `HTTP ${req.method ?? ''} ${(req.url ?? '').split('?')[0].slice(0, 200)}`, {}, e);
      if (!res.headersSent) fail(res, 500, 'INTERNAL', `内部错误：${(e as Error)?.message ?? String(e)}`);
      else res.destroy();
    });
  });
  server.requestTimeout = 10 * 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    core,
    async close() {
      closing = true;
      stopBackups();
      // no new connections; the calls already running finish and are answered (a save acknowledged is a save
      // made), then the file is closed and only then the lock given up, so no other program writes beside them
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await exclusive(core, async () => {
        await core.settled();
        core.close();
      });
      // answers already written reach their callers before the sockets go (a keep-alive one left idle is cut)
      server.closeIdleConnections();
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 2_000).unref())]);
      server.closeAllConnections();
      await stopped;
      lock.release();
    },
  };
}

export const SERVE_USAGE = `法治台账 浏览器模式

用法：npm run serve -- --db <数据文件> [--port <端口>] [--create]
  只在本机 127.0.0.1 上提供服务；启动后打印带访问令牌的地址，用浏览器打开它。
  --create  数据文件不存在时新建

单位服务器（供同一单位的同事通过办公网使用）：
  fazhi serve --db <数据文件> --host [--port <端口>] [--bind <地址>] [--create]
  以 HTTPS 在办公网上提供服务（首次启动时在数据文件旁生成自签名证书，并打印其指纹供同事核对）；
  同事须用账号登录，首次使用时按打印的初始化码在登录页创建管理员账号。--bind 默认 0.0.0.0（所有网卡）。`;

/** `npm run serve`: parse the arguments, start, print the address, stop on Ctrl+C. */
export async function serveMain(argv: string[], rendererDir: string): Promise<number> {
  const { parseArgs } = await import('node:util');
  let values: { db?: string; port?: string; create?: boolean; help?: boolean; host?: boolean; bind?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        create: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        host: { type: 'boolean' },
        bind: { type: 'string' },
      },
    }));
  } catch (e) {
    console.error(`参数有误：${(e as Error).message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(SERVE_USAGE);
    return 0;
  }
  if (!values.db) {
    console.error(`缺少 --db <数据文件>\n\n${SERVE_USAGE}`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口应为 0 至 65535 之间的整数（收到“${values.port}”）`);
    return 2;
  }
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`找不到界面文件 ${path.join(rendererDir, 'index.html')}：请先运行 npm run build`);
    return 1;
  }
  if (!values.create && !fs.existsSync(path.resolve(values.db))) {
    console.error(`找不到数据文件：${path.resolve(values.db)}。如要新建一个空白数据文件，请加 --create；如文件被移动或移动硬盘未连接，请先找回该文件。`);
    return 1;
  }
  if (values.bind !== undefined && !values.host) {
    console.error('--bind 只用于单位服务器（--host）');
    return 2;
  }
  if (values.host) return hostMain(path.resolve(values.db), port, values.bind, rendererDir, !!values.create);
  let running: RunningServer;
  try {
    running = await startServer({ db: path.resolve(values.db), port, rendererDir, create: values.create, onWarning: (m) => console.error(m) });
  } catch (e) {
    console.error((e as Error).message);
    // damaged, empty or tampered: the page that would offer the backups cannot open, so say how to restore here
    const latest = (e as { details?: { backups?: { file: string }[] } }).details?.backups?.[0];
    if (latest) console.error(`还原最近的备份：fazhi restore --db "${path.resolve(values.db)}" --from "${latest.file}"`);
    return 1;
  }
  console.log(`法治台账浏览器模式已启动，数据文件：${running.core.file}`);
  console.log(`请用浏览器打开：${running.openUrl}`);
  console.log('按 Ctrl+C 停止。');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}

/** `fazhi serve --host`: office mode (./host.ts), until Ctrl+C. */
async function hostMain(db: string, port: number, bind: string | undefined, rendererDir: string, create: boolean): Promise<number> {
  const { startHost, hostBanner } = await import('./host');
  let running: Awaited<ReturnType<typeof startHost>>;
  try {
    running = await startHost({ db, port, bind, rendererDir, create, onWarning: (m) => console.error(m) });
  } catch (e) {
    console.error((e as Error).message);
    const latest = (e as { details?: { backups?: { file: string }[] } }).details?.backups?.[0];
    if (latest) console.error(`还原最近的备份：fazhi restore --db "${db}" --from "${latest.file}"`);
    return 1;
  }
  for (const line of hostBanner(running)) console.log(line);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.close();
  return 0;
}
