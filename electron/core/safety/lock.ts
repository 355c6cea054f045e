// One program at a time on one data file. Electron's single-instance lock covers two windows of the same
// installation; this lock also covers the desktop app and browser mode (or two installations) opening the same
// file, e.g. on a network share. It is a small `<data file>.lock` beside the file, created exclusively.
// A lock left by a process that no longer runs (power cut, kill -9) on this computer is taken over; a lock held
// by a live process, or by another computer, is refused with a message saying who holds it.
//
// Every door that writes takes it: the desktop app and browser mode for as long as they run, the command line
// for the length of a writing command (import, settings --set, restore). The command line once did not, on the
// reasoning that its all-or-nothing imports were safe beside the app under WAL and busy_timeout. They were not:
// a CLI restore renamed a new file over the one the app had open, and the app went on saving into the deleted
// file's WAL and answering ok (every save after it in no file); an import beside an app restore was written
// into the file the restore then replaced. A second writer is now refused, naming the holder, and a restore is
// done only by the holder (the app's own backup.restore, with every other call held back: core/gate.ts).
// Reading needs no lock: the command line's stats, export, report, check and backup read through a read-only
// connection and work while the app is open (a restore renames a new file into place; a reader keeps the old
// one it opened and sees a consistent file).

import fs from 'node:fs';
import os from 'node:os';
import { readOnlyProblem } from '../db/connection';
import { AppError } from '../errors';

interface LockInfo {
  pid: number;
  host: string;
  owner: string;
  at: string;
}

export interface DataLock {
  file: string;
  release(): void;
}

export function lockFileFor(dataFile: string): string {
  return `${dataFile}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** An ISO instant as the local `YYYY-MM-DD HH:mm:ss` a message shows (also import-undo.ts, the CLI). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** A lock file younger than this that cannot be read is being written by its taker, not left behind. */
const FRESH_MS = 5_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The lock as written, waiting briefly for a taker that has created the file but not yet written it. */
function readSettled(file: string): { info: LockInfo | null; fresh: boolean } {
  for (let i = 0; ; i++) {
    const info = readLock(file);
    let fresh = false;
    try {
      fresh = Date.now() - fs.statSync(file).mtimeMs < FRESH_MS;
    } catch {
      // gone meanwhile: the caller tries again
    }
    if (info || !fresh || i >= 10) return { info, fresh };
    sleepSync(20);
  }
}

export interface LockOptions {
  /** what the one refused should do, when the holder is the app or browser mode (default: switch to it or close it) */
  advice?: string;
}

/** Take the lock on a data file for this process; throws LOCKED with a Chinese message when another holds it. */
export function acquireDataLock(dataFile: string, owner: string, opts: LockOptions = {}): DataLock {
  const file = lockFileFor(dataFile);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), owner, at: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      return {
        file,
        release() {
          const held = readLock(file);
          if (held && held.pid === mine.pid && held.host === mine.host) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        // a read-only folder or disk: say so (it is the reason the data file cannot be written either)
        if (['EROFS', 'EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '')) {
          const ro = readOnlyProblem(dataFile);
          if (ro) throw ro;
        }
        throw new AppError('OPEN_FAILED', `无法在数据文件所在的文件夹中创建锁文件 ${file}：${(e as Error).message}。请检查该文件夹是否可写。`);
      }
    }
    const { info: held, fresh } = readSettled(file);
    if (!held && fresh) {
      // created a moment ago by another program that has not finished writing it: that program is taking the lock
      throw new AppError('LOCKED', `另一个程序正在打开数据文件 ${dataFile}，请稍后重试。`);
    }
    const stale = !held || (held.host === mine.host && held.pid !== process.pid && !alive(held.pid));
    if (held && held.host === mine.host && held.pid === process.pid) {
      throw new AppError('LOCKED', `本程序已经打开了数据文件 ${dataFile}`);
    }
    if (!stale) {
      const where = held.host === mine.host ? `本机的${held.owner}（进程 ${held.pid}）` : `计算机“${held.host}”上的${held.owner}`;
      const advice = held.owner.startsWith('命令行')
        ? '命令行的导入、修改设置或还原完成后会自动放开数据文件，请稍候再试。'
        : (opts.advice ?? '请切换到那个窗口，或先关闭它再打开。');
      throw new AppError(
        'LOCKED',
        `数据文件 ${dataFile} 正由${where}使用，开始于 ${localTime(held.at)}。${advice}` +
          `如果确定没有程序在使用它（例如那台计算机已关机），可删除锁文件 ${file} 后重试。`,
      );
    }
    // Left by a process that is gone: only the lock file is removed, never data. Read once more first, so a lock
    // another starter has just put in its place is not the one removed.
    const again = readLock(file);
    if (again && (!held || again.pid !== held.pid || again.at !== held.at || again.host !== held.host)) continue;
    fs.rmSync(file, { force: true });
  }
  throw new AppError('LOCKED', `数据文件 ${dataFile} 的锁文件无法接管，请稍后重试`);
}

/**
 * Refuse (LOCKED, naming the holder) when another live program holds the lock on `dataFile`. For operations that
 * replace the file (restore): whoever calls them must hold the lock or be the only program on the file; this
 * is the last line should a door forget to take it.
 */
export function assertNotHeldByOther(dataFile: string): void {
  const held = readLock(lockFileFor(dataFile));
  if (!held) return;
  if (held.host === os.hostname() && (held.pid === process.pid || !alive(held.pid))) return;
  // the same refusal a second taker gets
  acquireDataLock(dataFile, '还原').release();
}
