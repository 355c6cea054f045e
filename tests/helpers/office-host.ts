// A real office host (`fazhi serve --host`) in a child process, and an HTTPS client that trusts exactly its
// certificate: the fingerprint printed at start is pinned (tests/integration/office-*.test.ts, scripts/bench.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { PeerCertificate } from 'node:tls';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface HostProcess {
  child: ChildProcess;
  port: number;
  url: string;
  fingerprint: string;
  setupCode: string | null;
  output: () => string;
  stop(): Promise<number | null>;
}

/** A stand-in for the built renderer: an index page and one asset. */
export function fakeRenderer(dir: string): string {
  const r = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(r, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(r, 'index.html'), '<!doctype html><title>法治台账</title>');
  fs.writeFileSync(path.join(r, 'assets', 'app.js'), 'console.log(1)');
  return r;
}

export async function startHostProcess(
  db: string,
  opts: { rendererDir: string; create?: boolean; extraArgs?: string[]; env?: Record<string, string> },
): Promise<HostProcess> {
  const args = [
    'bin/fazhi.js',
    'serve',
    '--db',
    db,
    '--host',
    '--bind',
    '127.0.0.1',
    '--port',
    '0',
    ...(opts.create ? ['--create'] : []),
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, FAZHI_RENDERER_DIR: opts.rendererDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 30_000);
    const check = () => {
      if (out.includes('按 Ctrl+C 停止')) {
        clearTimeout(t);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`host exited (${code}):\n${out}`));
    });
  });
  const url = /同事请用浏览器打开：(https:\/\/\S+?\/)（/.exec(out)![1];
  const fingerprint = /证书指纹（SHA-256），请同事在浏览器中核对：(\S+)/.exec(out)![1];
  const setupCode = /初始化码：(\S+)/.exec(out)?.[1] ?? null;
  return {
    child,
    port: Number(new URL(url).port),
    url,
    fingerprint,
    setupCode,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGINT');
      }),
  };
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => { ok: boolean; data?: unknown; error?: { code: string; message: string } } & Record<string, unknown>;
}

/** An HTTPS client pinned to the host's printed fingerprint, with its own cookie jar (one colleague's browser). */
export class Client {
  cookies = new Map<string, string>();
  readonly agent: https.Agent;
  constructor(
    readonly port: number,
    readonly fingerprint: string,
    certPem: string,
  ) {
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: 4,
      // the certificate is self-signed: it is the only one trusted, and only when its fingerprint is the one the
      // host printed (checked before anything is sent)
      rejectUnauthorized: true,
      ca: [certPem],
      checkServerIdentity: (_host: string, cert: PeerCertificate) =>
        cert.fingerprint256 === this.fingerprint ? undefined : new Error(`证书指纹不符：${cert.fingerprint256}`),
    });
  }

  get csrf(): string | undefined {
    return this.cookies.get(`__Host-fazhi_csrf_${this.port}`);
  }

  request(method: string, p: string, opts: { body?: unknown; headers?: Record<string, string>; raw?: boolean } = {}): Promise<Res> {
    const body = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path: p,
          agent: this.agent,
          headers: {
            Host: `127.0.0.1:${this.port}`,
            ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } : {}),
            ...(cookie ? { Cookie: cookie } : {}),
            ...opts.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
              const [pair] = c.split(';');
              const eq = pair.indexOf('=');
              const v = pair.slice(eq + 1);
              if (/Max-Age=0/.test(c)) this.cookies.delete(pair.slice(0, eq));
              else this.cookies.set(pair.slice(0, eq), v);
            }
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode!, headers: res.headers, body: text, json: () => JSON.parse(text) });
          });
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  }

  /** `POST /api/<method>` with the CSRF header of this client's session (when it has one). */
  api(method: string, input: unknown, headers: Record<string, string> = {}): Promise<Res> {
    return this.request('POST', `/api/${method}`, { body: input, headers: { ...(this.csrf ? { 'X-Fazhi-CSRF': this.csrf } : {}), ...headers } });
  }

  /** the data of a call that must succeed */
  async call<T = unknown>(method: string, input: unknown): Promise<T> {
    const r = await this.api(method, input);
    const j = r.json();
    if (r.status !== 200 || !j.ok) throw new Error(`${method}: HTTP ${r.status} ${r.body}`);
    return j.data as T;
  }

  login(login: string, password: string): Promise<Res> {
    return this.request('POST', '/auth/login', { body: { login, password } });
  }

  close(): void {
    this.agent.destroy();
  }
}
