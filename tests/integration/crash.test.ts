// Crash safety, proven: kill -9 a child process in the middle of a stream of saves and in the middle of a large
// import, 20 times each, then check the file is intact, every committed save is there and imports are
// all-or-nothing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/db';

const child = path.join(__dirname, '..', 'fixtures', 'crash', 'child.ts');
const ROUNDS = 20;

/** Run the child until `until(stdoutSoFar)` is true (plus a random delay), then SIGKILL it. Returns its stdout. */
function runAndKill(args: string[], until: (out: string) => boolean, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    p.stdout.on('data', (d) => {
      out += d;
      if (!armed && until(out)) {
        armed = true;
        setTimeout(() => p.kill('SIGKILL'), delayMs);
      }
    });
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code, signal) => (signal === 'SIGKILL' || code === 0 ? resolve(out) : reject(new Error(`子进程异常退出 ${code}：${err}`))));
  });
}

function check(file: string) {
  const db = new Database(file, { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  return { db, integrity };
}

let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

describe('kill -9 during a stream of saves', () => {
  it(`keeps every committed save and an intact file, ${ROUNDS} times`, async () => {
    const file = path.join(tempDir(), 'crash-saves.db');
    const committed = new Set<number>();
    for (let round = 0; round < ROUNDS; round++) {
      const target = 3 + Math.floor(rand() * 40);
      const out = await runAndKill(['saves', file], (o) => (o.match(/committed/g)?.length ?? 0) >= target, Math.floor(rand() * 15));
      for (const m of out.matchAll(/committed (\d+)/g)) committed.add(+m[1]);
      const { db, integrity } = check(file);
      expect(integrity, `round ${round}`).toBe('ok');
      const titles = new Set(db.prepare("SELECT title FROM decision WHERE title LIKE '保存-%'").pluck().all() as string[]);
      for (const i of committed) expect(titles.has(`保存-${i}`), `round ${round}: 保存-${i}`).toBe(true);
      // every row has its audit entry: the change and its record were committed together
      const audited = db.prepare("SELECT count(*) FROM audit_log WHERE action = '新建' AND kind = 'decision'").pluck().get();
      expect(audited).toBe(titles.size);
      db.close();
    }
    expect(committed.size).toBeGreaterThan(ROUNDS * 3);
  }, 240_000);
});

describe('kill -9 during a large import', () => {
  it(`leaves either none or all of the rows, and an intact file, ${ROUNDS} times`, async () => {
    const file = path.join(tempDir(), 'crash-import.db');
    const N = 20_000;
    let interrupted = 0;
    let before = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const out = await runAndKill(['import', file, String(N)], (o) => o.includes('writing'), Math.floor(rand() * 40));
      const { db, integrity } = check(file);
      expect(integrity, `round ${round}`).toBe('ok');
      const count = db.prepare('SELECT count(*) FROM reconsideration').pluck().get() as number;
      const imports = db.prepare("SELECT count(*) FROM audit_log WHERE action = '导入'").pluck().get() as number;
      db.close();
      expect([before, before + N], `round ${round}`).toContain(count);
      expect(imports * N).toBe(count);
      if (count === before) interrupted++;
      expect(out.includes('done')).toBe(count === before + N);
      before = count;
    }
    // the kills really landed inside the write transaction
    expect(interrupted).toBeGreaterThan(ROUNDS / 2);
  }, 300_000);
});
