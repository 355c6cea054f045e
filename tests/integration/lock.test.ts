// The data-file lock: one program at a time, a lock left by a dead process taken over, another computer's refused.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { acquireDataLock, lockFileFor } from '../../electron/core/safety/lock';
import { call, tempCore, tempDir } from '../helpers/db';
import { fazhi } from '../helpers/cli';
import { startServer } from '../../electron/server/index';
import { openCore } from '../../electron/core/core';
import { restoreDatabase } from '../../electron/core/safety/backups';

function lockError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('本应被锁拒绝');
}

describe('data-file lock', () => {
  it('refuses a second holder while the first lives, and frees the file on release', () => {
    const db = path.join(tempDir(), '台账.db');
    const a = acquireDataLock(db, '桌面程序');
    expect(fs.existsSync(lockFileFor(db))).toBe(true);
    const e = lockError(() => acquireDataLock(db, '浏览器模式'));
    expect(e.code).toBe('LOCKED');
    a.release();
    expect(fs.existsSync(lockFileFor(db))).toBe(false);
    acquireDataLock(db, '浏览器模式').release();
  });

  it('names the live process holding it and takes over a lock whose process has ended', () => {
    const db = path.join(tempDir(), '台账.db');
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(child.stdout);
    fs.writeFileSync(lockFileFor(db), JSON.stringify({ pid: deadPid, host: os.hostname(), owner: '桌面程序', at: '2026-01-05T08:00:00.000Z' }));
    const taken = acquireDataLock(db, '桌面程序');
    expect(JSON.parse(fs.readFileSync(lockFileFor(db), 'utf8')).pid).toBe(process.pid);
    taken.release();

    fs.writeFileSync(lockFileFor(db), JSON.stringify({ pid: process.ppid, host: os.hostname(), owner: '浏览器模式', at: '2026-01-05T08:00:00.000Z' }));
    const e = lockError(() => acquireDataLock(db, '桌面程序'));
    expect(e.message).toContain(`浏览器模式（进程 ${process.ppid}）`);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('refuses a lock held on another computer, naming it', () => {
    const db = path.join(tempDir(), '台账.db');
    // the lock records UTC; the message shows the holder's start in local time
    fs.writeFileSync(
      lockFileFor(db),
      JSON.stringify({ pid: 1, host: '司法局-办公室-02', owner: '桌面程序', at: new Date('2026-01-05T08:00:00').toISOString() }),
    );
    const e = lockError(() => acquireDataLock(db, '桌面程序'));
    expect(e.message).toContain('计算机“司法局-办公室-02”上的桌面程序');
    expect(e.message).toContain('2026-01-05 08:00:00');
  });
});

describe('the command line and the lock', () => {
  it('refuses to write while browser mode has the file, naming it, and still reads, exports and backs up', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '原有事项', sponsor: '甲', receivedOn: '2025-03-03' } });
    const backup = await call(core, 'backup.create', {});
    const db = core.file;
    core.close();
    const srv = await startServer({ db, rendererDir: tempDir(), autoBackup: false });
    try {
      const csv = path.join(tempDir(), 'a.csv');
      fs.writeFileSync(csv, '决策事项名称,承办单位,送审日期\n命令行导入,县局,2025-03-03\n');
      const refused = [
        fazhi('import', csv, '--db', db, '--kind', 'decision'),
        fazhi('settings', '--db', db, '--set', '单位名称=某县'),
        fazhi('restore', '--db', db, '--from', backup.file),
      ];
      for (const r of refused) {
        expect(r.code, r.err).toBe(1);
        expect(r.err).toMatch(new RegExp(`正由本机的浏览器模式（进程 ${process.pid}）使用，开始于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d`));
        expect(r.err).toContain('请在那个程序里导入、修改设置或还原，或先关闭它再运行本命令');
      }
      // nothing of theirs happened: the server's file has its one record and its settings
      const info = await fetch(`${srv.url}api/app.info`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': srv.token },
        body: '{}',
      });
      expect(((await info.json()) as { data: { counts: { decision: number } } }).data.counts.decision).toBe(1);
      expect(srv.core.settings.单位名称).not.toBe('某县');
      // reading commands need no lock
      const out = path.join(tempDir(), 'copy.db');
      const read = [
        fazhi('stats', '--db', db, '--year', '2025', '--json'),
        fazhi('export', '--db', db, '--kind', 'decision', '--out', path.join(tempDir(), 'e.csv')),
        fazhi('backup', '--db', db, '--out', out),
        fazhi('settings', '--db', db),
        fazhi('check', '--db', db),
      ];
      for (const r of read) expect(r.code, r.err).toBe(0);
      const copy = await openCore(out, { readonly: true });
      expect(copy.db.prepare('SELECT count(*) FROM decision').pluck().get()).toBe(1);
      copy.close();
    } finally {
      await srv.close();
    }
    // once browser mode has stopped, the same import goes through
    const csv2 = path.join(tempDir(), 'b.csv');
    fs.writeFileSync(csv2, '决策事项名称,承办单位,送审日期\n关闭后导入,县局,2025-03-03\n');
    const ok = fazhi('import', csv2, '--db', db, '--kind', 'decision');
    expect(ok.code, ok.err).toBe(0);
    expect(fs.existsSync(lockFileFor(db))).toBe(false);
  });

  it('keeps browser mode from opening a file a command-line import is writing, naming the command', async () => {
    const db = path.join(tempDir(), '台账.db');
    // a live process standing in for a `fazhi import` under way
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(lockFileFor(db), JSON.stringify({ pid: child.pid, host: os.hostname(), owner: '命令行 fazhi import', at: new Date().toISOString() }));
      const e = await startServer({ db, rendererDir: tempDir(), create: true, autoBackup: false }).then(
        () => null,
        (err: AppError) => err,
      );
      expect(e?.code).toBe('LOCKED');
      expect(e?.message).toContain(`本机的命令行 fazhi import（进程 ${child.pid}）`);
      expect(e?.message).toContain('完成后会自动放开数据文件，请稍候再试');
      expect(fs.existsSync(db)).toBe(false);
    } finally {
      child.kill();
    }
  });

  it('restoreDatabase itself refuses to replace a file another live program holds', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '原有事项', sponsor: '甲', receivedOn: '2025-03-03' } });
    const b = await call(core, 'backup.create', {});
    core.close();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(lockFileFor(core.file), JSON.stringify({ pid: child.pid, host: os.hostname(), owner: '桌面程序', at: new Date().toISOString() }));
      const before = fs.readFileSync(core.file);
      await expect(restoreDatabase(core.file, b.file)).rejects.toThrow(`本机的桌面程序（进程 ${child.pid}）`);
      expect(fs.readFileSync(core.file).equals(before)).toBe(true);
    } finally {
      child.kill();
    }
  });

  it('does not take a lock file being written for a stale one', () => {
    const db = path.join(tempDir(), '台账.db');
    // created a moment ago, not yet written: another program is taking the lock right now
    fs.writeFileSync(lockFileFor(db), '');
    const e = lockError(() => acquireDataLock(db, '桌面程序'));
    expect(e.message).toContain('另一个程序正在打开数据文件');
    expect(fs.readFileSync(lockFileFor(db), 'utf8')).toBe('');
    // an empty lock file from long ago was left by a crash: taken over
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFileFor(db), old, old);
    acquireDataLock(db, '桌面程序').release();
  });
});
