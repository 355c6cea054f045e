// Browser mode's guards against a real server on a free port and a real data file: the token (401 before any
// routing), the Host header (403), no path traversal out of the renderer folder, no CORS, the CSP header on HTML,
// the body size limit, and a call that reaches the core.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, staticPath } from '../../electron/server/http';
import { startServer, type RunningServer } from '../../electron/server/index';
import { tempDir } from '../helpers/db';

let srv: RunningServer;
let dir: string;
let rendererDir: string;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so the Host header and the path are sent exactly as given. */
function request(opts: { method?: string; path: string; host?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: srv.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: opts.host ?? `127.0.0.1:${srv.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const apiCall = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': srv.token, ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  dir = tempDir('fazhi-server-');
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>法治台账</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), '不应被读到');
  srv = await startServer({ db: path.join(dir, 'data.db'), port: 0, rendererDir, create: true, autoBackup: false });
});

afterAll(async () => {
  await srv?.close();
});

describe('浏览器模式服务', () => {
  it('prints an address on 127.0.0.1 with a random token', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/`);
    expect(srv.token).toMatch(/^[0-9a-f]{48}$/);
    expect(srv.openUrl).toBe(`${srv.url}?token=${srv.token}`);
  });

  it('answers an API call with the right token', async () => {
    const r = await apiCall('ledger.create', {
      kind: 'litigation',
      values: { caseNo: '（2025）测行初1号', receivedOn: '2025-03-01', plaintiff: '张某', defendant: '某县人民政府' },
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).ok).toBe(true);
    const info = JSON.parse((await apiCall('app.info', {})).body);
    expect(info.ok).toBe(true);
    expect(info.data.counts.litigation).toBe(1);
    expect(info.data.dataFile).toBe(path.join(dir, 'data.db'));
  });

  it('unknown methods and bad input come back as Chinese errors in the envelope', async () => {
    const a = JSON.parse((await apiCall('no.such', {})).body);
    expect(a).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const b = JSON.parse((await apiCall('stats.year', { year: 'x' })).body);
    expect(b).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const c = await request({
      method: 'POST',
      path: '/api/app.info',
      headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': srv.token },
      body: '{不是JSON',
    });
    expect(c.status).toBe(400);
  });

  it('401 without the token, with a wrong one, and before any routing (even for unknown methods and GET)', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'X-Fazhi-Token': 'wrong' },
      { 'X-Fazhi-Token': `${srv.token}0` },
      { 'X-Fazhi-Token': srv.token.slice(1) },
    ]) {
      const r = await request({ method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).error.code).toBe('UNAUTHORIZED');
    }
    expect((await request({ method: 'POST', path: '/api/no.such', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await request({ method: 'GET', path: '/api/app.info' })).status).toBe(401);
    // the token in the query string is not accepted for the API
    expect(
      (await request({ method: 'POST', path: `/api/app.info?token=${srv.token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' })).status,
    ).toBe(401);
  });

  it('the printed address is answered with an HttpOnly SameSite=Strict session cookie and a redirect to the same address without the token', async () => {
    const r = await request({ path: `/?token=${srv.token}` });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    expect(r.headers['set-cookie']).toEqual([`fazhi_session_${srv.port}=${srv.token}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toBe('');
    // other parameters stay; the token goes
    const other = await request({ path: `/index.html?a=1&token=${srv.token}&b=2` });
    expect(other.status).toBe(302);
    expect(other.headers.location).toBe('/index.html?a=1&b=2');
    // a wrong token is taken out of the address too, but sets no cookie
    for (const t of ['wrong', `${srv.token}0`, '']) {
      const bad = await request({ path: `/?token=${t}` });
      expect(bad.status).toBe(302);
      expect(bad.headers.location).toBe('/');
      expect(bad.headers['set-cookie']).toBeUndefined();
    }
    // the clean address is the page itself
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('法治台账');
  });

  it('the API accepts the session cookie instead of the header, and only with the right token', async () => {
    const call = (cookie: string) =>
      request({ method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
    const ok = await call(`fazhi_session_${srv.port}=${srv.token}`);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).ok).toBe(true);
    expect((await call(`theme=dark; fazhi_session_${srv.port + 1}=wrong; fazhi_session_${srv.port}=${srv.token}; other=1`)).status).toBe(200);
    // another server's cookie (another port of 127.0.0.1) does not open this one
    for (const cookie of [
      `fazhi_session_${srv.port}=wrong`,
      `fazhi_session_${srv.port}=${srv.token}0`,
      `fazhi_session=${srv.token}`,
      `fazhi_session_${srv.port + 1}=${srv.token}`,
      `other_session=${srv.token}`,
      '',
    ]) {
      expect((await call(cookie)).status, cookie).toBe(401);
    }
  });

  it('403 when the Host header is not this server (DNS rebinding), even with the token', async () => {
    for (const host of ['evil.example:' + srv.port, `127.0.0.1:${srv.port + 1}`, '127.0.0.1', `localhost.evil.example:${srv.port}`]) {
      expect(
        (
          await request({
            method: 'POST',
            path: '/api/app.info',
            host,
            headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': srv.token },
            body: '{}',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await request({
            method: 'POST',
            path: '/api/app.info',
            host,
            headers: { 'Content-Type': 'application/json', Cookie: `fazhi_session_${srv.port}=${srv.token}` },
            body: '{}',
          })
        ).status,
      ).toBe(403);
      // nor is the token exchanged for a cookie under a foreign name
      const open = await request({ path: `/?token=${srv.token}`, host });
      expect(open.status).toBe(403);
      expect(open.headers['set-cookie']).toBeUndefined();
      expect((await request({ path: '/', host })).status).toBe(403);
    }
    expect((await request({ path: '/', host: `localhost:${srv.port}` })).status).toBe(200);
  });

  it('sends no CORS headers, even when asked from another origin', async () => {
    const pre = await request({
      method: 'OPTIONS',
      path: '/api/app.info',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const r = await apiCall('app.info', {}, { Origin: 'http://evil.example' });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves index.html with a CSP header and no inline scripts allowed', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('法治台账');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const js = await request({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%00index.html',
      '/data.db',
      '/../data.db',
    ]) {
      const r = await request({ path: p });
      expect(r.status, p).not.toBe(200);
      expect(r.body).not.toContain('不应被读到');
    }
    expect(staticPath('/srv/r', '/../../etc/passwd')).toBeNull();
    expect(staticPath('/srv/r', '/a/%2e%2e/%2e%2e/x')).toBeNull();
    expect(staticPath('/srv/r', '/')).toBe(path.resolve('/srv/r/index.html'));
  });

  it('rejects a body over the limit, and non-JSON requests', async () => {
    const big = await request({
      method: 'POST',
      path: '/api/app.info',
      headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': srv.token, 'Content-Length': String(MAX_BODY_BYTES + 1) },
    });
    expect(big.status).toBe(413);
    const form = await request({
      method: 'POST',
      path: '/api/app.info',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Fazhi-Token': srv.token },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
  });

  it('stops reading a streamed body (no Content-Length) once it passes the limit', async () => {
    const small = await startServer({ db: path.join(dir, 'small.db'), port: 0, rendererDir, create: true, autoBackup: false, maxBodyBytes: 1024 });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: small.port,
            method: 'POST',
            path: '/api/app.info',
            headers: { Host: `127.0.0.1:${small.port}`, 'Content-Type': 'application/json', 'X-Fazhi-Token': small.token, 'Transfer-Encoding': 'chunked' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        req.write(`{"x":"${'a'.repeat(600)}`);
        req.write(`${'b'.repeat(600)}"}`);
        req.end();
      });
      expect(status).toBe(413);
      // a small body still works
      const ok = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: small.port,
            method: 'POST',
            path: '/api/app.info',
            headers: { Host: `127.0.0.1:${small.port}`, 'Content-Type': 'application/json', 'X-Fazhi-Token': small.token },
          },
          (res) => {
            let b = '';
            res.on('data', (c) => (b += c));
            res.on('end', () => resolve(b));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      expect(JSON.parse(ok).ok).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('holds the data-file lock while running, so a second server on the same file is refused', async () => {
    await expect(startServer({ db: path.join(dir, 'data.db'), port: 0, rendererDir, autoBackup: false })).rejects.toThrow(/数据文件|占用|正在/);
  });
});
