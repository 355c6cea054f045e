// Starts browser mode (`node bin/serve.js`) on a fresh temporary data file and a free port, seeds it through the
// API, and hands the address with its session token to the tests in the FAZHI_E2E_SERVER environment variable
// (workers inherit it; a file would be shared by two runs in one working tree). Pages open `openUrl` and land on
// the clean address with a session cookie; seeding and `call` send the token in the X-Fazhi-Token header. Needs the built renderer
// (`npx electron-vite build`). Returns the teardown that stops the server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seed, type ServerInfo } from './seed-data';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, '../..');
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) throw new Error('找不到 out/renderer/index.html：请先运行 npx electron-vite build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-'));
  const db = path.join(dir, '法治台账.db');
  const child = spawn(process.execPath, [path.join(root, 'bin/serve.js'), '--db', db, '--create', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`浏览器模式 30 秒内未启动：${out}${err}`)), 30_000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`浏览器模式退出（${code}）：${out}${err}`));
    });
  });
  const u = new URL(openUrl);
  const info: ServerInfo = { url: `${u.origin}/`, token: u.searchParams.get('token')!, openUrl, db };
  await seed(info);
  process.env.FAZHI_E2E_SERVER = JSON.stringify(info);
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
