// Every door on one data file at once: browser mode (the real startServer, in a process of its own) and the
// command line (real `fazhi` processes), 20 rounds of create, import, settings, restore and backup with random
// timing. Whatever was acknowledged (API ok:true, CLI exit 0) is in the data file afterwards or, when a restore
// may have come after it, in a backup (the 还原前 backup that restore made); whatever was refused says so in
// Chinese and names who holds the file. Before the CLI took the lock, a CLI restore under browser mode exited 0
// while the server went on saving into the deleted file's WAL and answering ok:true.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFileFor } from '../../electron/core/safety/lock';
import { checkRestorable } from '../../electron/core/safety/backups';
import { call, tempCore, tempDir } from '../helpers/db';

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = path.join(ROOT, 'tests', 'fixtures', 'doors', 'server-host.ts');
const CLI_HOST = path.join(ROOT, 'tests', 'fixtures', 'doors', 'cli-host.ts');
const ROUNDS = 20;
/** rounds run side by side, each on its own data file, to keep the test near half a minute */
const PARALLEL = 2;
/** command-line processes per round, each running one command at a time */
const CLI_PER_ROUND = 3;
const KINDS = ['create', 'import', 'settings', 'restore', 'backup'] as const;
type Kind = (typeof KINDS)[number];
/** a refusal by the lock: who holds the file (program and process) and since when */
const LOCK_RE = /正由本机的(浏览器模式|命令行 fazhi \w+)（进程 \d+）使用，开始于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d。/;

let seed = 20261204;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Op {
  door: 'api' | 'cli';
  kind: Kind;
  token: string;
  /** rows an import brings */
  rows: number;
  sentAt: number;
  doneAt: number;
  outcome: 'ack' | 'refused' | 'unknown';
  message: string;
  /** a backup made (backup) or the 还原前 backup of a restore */
  file?: string | null;
}

/** A child answering JSON lines: the browser-mode host or a command-line process (tests/fixtures/doors). */
class Child {
  private p: ChildProcess;
  private waiters = new Map<string, (m: Record<string, unknown>) => void>();
  warnings: string[] = [];
  ready: Promise<void>;
  constructor(file: string) {
    this.p = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let ready!: () => void;
    this.ready = new Promise((r) => (ready = r));
    readline.createInterface({ input: this.p.stdout! }).on('line', (line) => {
      const m = JSON.parse(line) as Record<string, unknown>;
      if (m.ready) ready();
      else if (m.warning) this.warnings.push(String(m.warning));
      else this.waiters.get(`${m.id}:${m.cmd ?? ''}`)?.(m);
    });
  }
  /** browser mode: start or stop a server on `db` */
  send(id: string, cmd: 'start' | 'stop', db: string): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.waiters.set(`${id}:${cmd}`, resolve);
      this.p.stdin!.write(`${JSON.stringify({ id, cmd, db })}\n`);
    });
  }
  /** the command line: run one `fazhi` command */
  fazhi(id: string, args: string[]): Promise<{ code: number; err: string }> {
    return new Promise((resolve) => {
      this.waiters.set(`${id}:`, resolve as never);
      this.p.stdin!.write(`${JSON.stringify({ id, args })}\n`);
    });
  }
  stop() {
    this.p.kill();
  }
}

function csv(token: string, n: number): string {
  const lines = ['决策事项名称,承办单位,送审日期'];
  for (let i = 0; i < n; i++) lines.push(`${token}-${i},县局,2025-03-03`);
  return lines.join('\n');
}

async function api(
  server: { url: string; token: string },
  method: string,
  input: unknown,
): Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }> {
  const r = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': server.token },
    body: JSON.stringify(input),
  });
  return (await r.json()) as never;
}

/** Is the write of `op` in the data file (or backup) `conn`? */
function holds(conn: Database.Database, op: Op): boolean {
  if (op.kind === 'create') return conn.prepare('SELECT count(*) FROM decision WHERE title = ?').pluck().get(op.token) === 1;
  if (op.kind === 'import') return conn.prepare('SELECT count(*) FROM decision WHERE title LIKE ?').pluck().get(`${op.token}-%`) === op.rows;
  return (conn.prepare("SELECT count(*) FROM audit_log WHERE action = '修改设置' AND after LIKE ?").pluck().get(`%${op.token}%`) as number) > 0;
}

interface RoundResult {
  ops: Op[];
  serverRefusals: string[];
  unexpected: string[];
  lost: string[];
}

async function round(r: number, host: Child, clis: Child[], base: string): Promise<RoundResult> {
  const dir = tempDir('fazhi-doors-');
  const db = path.join(dir, '台账.db');
  // half the rounds start from an existing file, half create it (browser mode --create or a CLI import)
  if (r % 2 === 0) fs.copyFileSync(base, db);
  const ops: Op[] = [];
  const unexpected: string[] = [];
  const serverRefusals: string[] = [];
  const outFiles: string[] = [];
  let server: { url: string; token: string } | null = null;
  let stopping = false;
  let n = 0;
  const token = (door: string, kind: Kind) => `R${r}${door}${n++}${kind}`;

  const apiOp = async (kind: Kind) => {
    const s = server;
    if (!s || stopping) return;
    const op: Op = { door: 'api', kind, token: token('A', kind), rows: 0, sentAt: Date.now(), doneAt: 0, outcome: 'unknown', message: '' };
    ops.push(op);
    try {
      let res;
      if (kind === 'create') res = await api(s, 'ledger.create', { kind: 'decision', values: { title: op.token, sponsor: '甲', receivedOn: '2025-03-03' } });
      else if (kind === 'import') {
        op.rows = 40;
        res = await api(s, 'exchange.import', { kind: 'decision', fileName: 'a.csv', content: Buffer.from(csv(op.token, op.rows)).toString('base64') });
      } else if (kind === 'settings') res = await api(s, 'settings.update', { patch: { 单位名称: op.token } });
      else if (kind === 'restore') res = await api(s, 'backup.restore', { file: base });
      else res = await api(s, 'backup.create', {});
      op.doneAt = Date.now();
      if (res.ok) {
        op.outcome = 'ack';
        if (kind === 'restore') op.file = res.data!.safetyBackup as string | null;
        if (kind === 'backup') op.file = res.data!.file as string;
      } else if (res.error!.code === 'CLOSED' && stopping) {
        op.outcome = 'refused';
        op.message = res.error!.message;
      } else unexpected.push(`浏览器模式 ${kind}：${res.error!.code} ${res.error!.message}`);
    } catch (e) {
      op.doneAt = Date.now();
      // only a server that is stopping may drop a call unanswered (then whether it happened is unknown)
      if (!stopping) unexpected.push(`浏览器模式 ${kind}：${(e as Error).message}`);
    }
  };

  const cliOp = async (kind: Kind, slot: number) => {
    const op: Op = { door: 'cli', kind, token: token('C', kind), rows: 0, sentAt: Date.now(), doneAt: 0, outcome: 'unknown', message: '' };
    ops.push(op);
    let args: string[];
    if (kind === 'import' || kind === 'create') {
      // the command line creates records by importing them (and creates the data file when missing)
      op.rows = kind === 'import' ? 400 : 1;
      const f = path.join(dir, `${op.token}.csv`);
      fs.writeFileSync(f, csv(op.token, op.rows));
      args = ['import', f, '--db', db, '--kind', 'decision'];
      op.kind = 'import';
    } else if (kind === 'settings') args = ['settings', '--db', db, '--set', `单位名称=${op.token}`];
    else if (kind === 'restore') args = ['restore', '--db', db, '--from', base];
    else {
      op.file = path.join(dir, `${op.token}.db`);
      outFiles.push(op.file);
      args = ['backup', '--db', db, '--out', op.file];
    }
    const res = await clis[slot].fazhi(op.token, args);
    op.doneAt = Date.now();
    op.message = res.err.trim();
    if (res.code === 0) {
      op.outcome = 'ack';
      if (kind === 'restore') op.file = /还原前的数据已备份到 (.+?)，/.exec(res.err)?.[1] ?? null;
    } else if (res.code === 1 && (LOCK_RE.test(res.err) || /另一个程序正在打开数据文件/.test(res.err))) op.outcome = 'refused';
    else if (res.code === 1 && /找不到数据文件/.test(res.err) && (kind === 'settings' || kind === 'backup') && r % 2 === 1) op.outcome = 'refused';
    else unexpected.push(`命令行 ${args[0]}（退出码 ${res.code}）：${res.err.trim()}`);
  };

  // every fourth round browser mode starts while a CLI import holds the file, so that refusal is always seen
  const cliFirst = r % 4 === 1;
  const cliKinds: Kind[] = Array.from({ length: CLI_PER_ROUND }, (_, i) => (cliFirst && i === 0 ? 'import' : pick(KINDS)));
  const browser = (async () => {
    if (cliFirst) {
      for (let i = 0; i < 400 && !/命令行/.test(fs.existsSync(lockFileFor(db)) ? fs.readFileSync(lockFileFor(db), 'utf8') : ''); i++) await sleep(10);
    } else await sleep(rand() * 600);
    const started = await host.send(`r${r}`, 'start', db);
    if (!started.ok) {
      serverRefusals.push(String(started.message));
      return;
    }
    server = started as never;
    const life = 400 + rand() * 1400;
    const calls = Array.from({ length: 4 }, () => sleep(rand() * life).then(() => apiOp(pick(KINDS))));
    await sleep(life);
    stopping = true;
    await host.send(`r${r}`, 'stop', db);
    server = null;
    await Promise.all(calls);
  })();
  const cli = cliKinds.map((k, i) => sleep(cliFirst && i === 0 ? 0 : rand() * 1500).then(() => cliOp(k, i)));
  await Promise.all([browser, ...cli]);

  // what is where now
  const lost: string[] = [];
  expect(fs.existsSync(lockFileFor(db)), `第 ${r} 轮：锁文件应已放开`).toBe(false);
  const backupsDir = path.join(dir, 'backups');
  const backups = [
    ...(fs.existsSync(backupsDir)
      ? fs
          .readdirSync(backupsDir)
          .filter((f) => f.endsWith('.db'))
          .map((f) => path.join(backupsDir, f))
      : []),
    ...outFiles.filter((f) => fs.existsSync(f)),
  ];
  const final = fs.existsSync(db) ? new Database(db, { readonly: true }) : null;
  if (final) expect(final.pragma('integrity_check', { simple: true }), `第 ${r} 轮`).toBe('ok');
  const restores = ops.filter((o) => o.kind === 'restore' && o.outcome !== 'refused');
  for (const op of ops.filter((o) => o.outcome === 'ack')) {
    const what = `第 ${r} 轮 ${op.door === 'api' ? '浏览器模式' : '命令行'} ${op.kind} ${op.token}`;
    if (op.kind === 'backup') {
      if (!op.file || !fs.existsSync(op.file)) lost.push(`${what}：备份文件不存在`);
      else checkRestorable(op.file);
      continue;
    }
    if (op.kind === 'restore') {
      if (op.file && !fs.existsSync(op.file)) lost.push(`${what}：还原前的备份不存在`);
      continue;
    }
    // a restore that may have finished after this write began may have rolled it back: then it is in a backup
    const mayBeRolledBack = restores.some((x) => x.doneAt > op.sentAt && x !== op);
    if (final && holds(final, op)) continue;
    if (
      mayBeRolledBack &&
      backups.some((f) => {
        const b = new Database(f, { readonly: true });
        try {
          return holds(b, op);
        } finally {
          b.close();
        }
      })
    )
      continue;
    lost.push(`${what}：已确认保存，但${mayBeRolledBack ? '数据文件和任何备份中' : '数据文件中'}都没有`);
  }
  final?.close();
  return { ops, serverRefusals, unexpected, lost };
}

describe('every door on one data file', () => {
  let host: Child;
  let clis: Child[] = [];
  let base: string;
  beforeAll(async () => {
    host = new Child(HOST);
    clis = Array.from({ length: PARALLEL * CLI_PER_ROUND }, () => new Child(CLI_HOST));
    // the file every restore goes back to: one record no round writes
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '基准记录', sponsor: '甲', receivedOn: '2025-01-06' } });
    base = path.join(tempDir(), '基准备份.db');
    core.close();
    fs.copyFileSync(core.file, base);
    await Promise.all([host.ready, ...clis.map((c) => c.ready)]);
  }, 120_000);
  afterAll(() => {
    host?.stop();
    for (const c of clis) c.stop();
  });

  it(`loses no acknowledged write in ${ROUNDS} rounds of browser mode and the command line with random timing`, async () => {
    const results: RoundResult[] = [];
    for (let r = 0; r < ROUNDS; r += PARALLEL) {
      results.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(PARALLEL, ROUNDS - r) }, (_, i) => round(r + i, host, clis.slice(i * CLI_PER_ROUND, (i + 1) * CLI_PER_ROUND), base)),
        )),
      );
    }
    const ops = results.flatMap((x) => x.ops);
    const count = (f: (o: Op) => boolean) => ops.filter(f).length;
    console.log(
      `${ROUNDS} 轮：浏览器模式确认 ${count((o) => o.door === 'api' && o.outcome === 'ack')} 次、` +
        `命令行确认 ${count((o) => o.door === 'cli' && o.outcome === 'ack')} 次（其中还原 ${count((o) => o.kind === 'restore' && o.outcome === 'ack')} 次）；` +
        `命令行被拒 ${count((o) => o.door === 'cli' && o.outcome === 'refused')} 次，浏览器模式启动被拒 ${results.flatMap((x) => x.serverRefusals).length} 次`,
    );
    expect({ lost: results.flatMap((x) => x.lost), unexpected: results.flatMap((x) => x.unexpected) }).toEqual({ lost: [], unexpected: [] });
    expect(host.warnings).toEqual([]);
    // the lock refused in both directions, naming the holder; writers got through by both doors
    const cliRefused = ops.filter((o) => o.door === 'cli' && o.outcome === 'refused' && /浏览器模式/.test(o.message));
    expect(cliRefused.length).toBeGreaterThan(0);
    for (const o of cliRefused) expect(o.message).toContain('请在那个程序里导入、修改设置或还原');
    expect(results.flatMap((x) => x.serverRefusals).length).toBeGreaterThan(0);
    for (const m of results.flatMap((x) => x.serverRefusals)) expect(m).toMatch(/正由本机的命令行 fazhi \w+（进程 \d+）使用/);
    const acked = (door: string, kind: Kind) => ops.filter((o) => o.door === door && o.kind === kind && o.outcome === 'ack').length;
    for (const k of ['import', 'restore', 'settings', 'backup'] as const) expect(acked('cli', k), `命令行 ${k}`).toBeGreaterThan(0);
    for (const k of KINDS) expect(acked('api', k), `浏览器模式 ${k}`).toBeGreaterThan(0);
    // read-only: the command line's backup works while browser mode holds the file
    expect(ops.some((o) => o.door === 'cli' && o.kind === 'backup' && o.outcome === 'ack')).toBe(true);
  }, 180_000);
});
