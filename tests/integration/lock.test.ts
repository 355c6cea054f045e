// The data-file lock: one program at a time, a lock left by a dead process taken over, another computer's refused.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { acquireDataLock, lockFileFor } from '../../electron/core/safety/lock';
import { tempDir } from '../helpers/db';

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
    fs.writeFileSync(lockFileFor(db), JSON.stringify({ pid: 1, host: '司法局-办公室-02', owner: '桌面程序', at: new Date('2026-01-05T08:00:00').toISOString() }));
    const e = lockError(() => acquireDataLock(db, '桌面程序'));
    expect(e.message).toContain('计算机“司法局-办公室-02”上的桌面程序');
    expect(e.message).toContain('2026-01-05 08:00:00');
  });
});
