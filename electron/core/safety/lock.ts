// One program at a time on one data file. Electron's single-instance lock covers two windows of the same
// installation; this lock also covers the desktop app and browser mode (or two installations) opening the same
// file, e.g. on a network share. It is a small `<data file>.lock` beside the file, created exclusively.
// A lock left by a process that no longer runs (power cut, kill -9) on this computer is taken over; a lock held
// by a live process, or by another computer, is refused with a message saying who holds it.
// The command line does not take the lock: its reads and its all-or-nothing imports are safe beside the app
// (WAL, busy_timeout), and `check`/`backup` must work while the app is open.

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

/** Take the lock on a data file for this process; throws LOCKED with a Chinese message when another holds it. */
export function acquireDataLock(dataFile: string, owner: string): DataLock {
  const file = lockFileFor(dataFile);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), owner, at: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
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
    const held = readLock(file);
    const stale = !held || (held.host === mine.host && held.pid !== process.pid && !alive(held.pid));
    if (held && held.host === mine.host && held.pid === process.pid) {
      throw new AppError('LOCKED', `本程序已经打开了数据文件 ${dataFile}`);
    }
    if (!stale) {
      const where = held.host === mine.host ? `本机的${held.owner}（进程 ${held.pid}）` : `计算机“${held.host}”上的${held.owner}`;
      throw new AppError(
        'LOCKED',
        `数据文件 ${dataFile} 正由${where}使用，开始于 ${held.at.slice(0, 19).replace('T', ' ')}。请切换到那个窗口，或先关闭它再打开。` +
          `如果确定没有程序在使用它（例如那台计算机已关机），可删除锁文件 ${file} 后重试。`,
      );
    }
    // Left by a process that is gone: only the lock file is removed, never data.
    fs.rmSync(file, { force: true });
  }
  throw new AppError('LOCKED', `数据文件 ${dataFile} 的锁文件无法接管，请稍后重试`);
}
