// Temporary files left by a backup or restore that was interrupted (power cut, killed process). Every backup is
// written under a temporary name and renamed when verified (backup.ts, backups.ts); a process that dies in
// between leaves the temporary file behind, and nothing else would ever remove it. At open time (openCore) the
// data folder and the backup folders are swept for such leftovers.
//
// Only names the program itself makes are touched, only files (never folders), and only when untouched for
// STALE_AFTER_MS, so a backup another process (the CLI) is writing right now is left alone. User data never
// matches: a finished backup or the data file has no temporary suffix. What was removed is written to the log.
//
//   <backup>.db.tmp-<pid>-<ms>[-wal|-shm|-journal]      backupTo's file being written and verified
//   <data file>.restore-<pid>[.tmp-<pid>-<ms>][-wal…]   restoreDatabase's copy waiting to replace the data file
//   法治台账-<date>-<time>-<reason>.db.tmp                the copy to the second backup folder

import fs from 'node:fs';
import path from 'node:path';
import { appendLog } from './errlog';

export const STALE_AFTER_MS = 60 * 60 * 1000;

const SIDE = '(?:-wal|-shm|-journal)?';
const TEMP_NAMES = [
  new RegExp(`\\.db\\.tmp-\\d+-\\d{10,}${SIDE}$`),
  new RegExp(`\\.restore-\\d+(?:\\.tmp-\\d+-\\d{10,})?${SIDE}$`),
  /^法治台账-\d{8}-\d{6}-[^/\\]+\.db\.tmp$/,
];

/** Is this a name of one of our own temporary files? */
export function isOurTempName(name: string): boolean {
  return TEMP_NAMES.some((re) => re.test(name));
}

/** Remove our temporary files in `dir` older than `olderThanMs`; returns the names removed. Never throws. */
export function cleanStaleTemps(dir: string, opts: { now?: Date; olderThanMs?: number } = {}): string[] {
  const limit = (opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? STALE_AFTER_MS);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!isOurTempName(name)) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || st.mtimeMs > limit) continue;
      fs.rmSync(file);
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove (permissions): leave it
    }
  }
  return removed;
}

/** Sweep the given folders (the data file's and the backup folder), writing what was removed to the log. */
export function cleanStaleTempsFor(dataFile: string, dirs: string[], opts: { now?: Date; olderThanMs?: number } = {}): string[] {
  const all: string[] = [];
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    const removed = cleanStaleTemps(dir, opts);
    if (removed.length) appendLog(dataFile, { kind: '清理临时文件', dir, removed });
    all.push(...removed.map((n) => path.join(dir, n)));
  }
  return all;
}

/**
 * The same for the second backup folder, which may be a network share that takes long to answer or not at all:
 * asynchronous (the file system calls run off the main thread), errors ignored.
 */
export async function cleanStaleTempsAsync(dataFile: string, dir: string, opts: { now?: Date; olderThanMs?: number } = {}): Promise<string[]> {
  const limit = (opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? STALE_AFTER_MS);
  const removed: string[] = [];
  try {
    for (const name of await fs.promises.readdir(dir)) {
      if (!isOurTempName(name)) continue;
      const file = path.join(dir, name);
      try {
        const st = await fs.promises.lstat(file);
        if (!st.isFile() || st.mtimeMs > limit) continue;
        await fs.promises.rm(file);
        removed.push(name);
      } catch {
        // gone meanwhile, or not ours to remove
      }
    }
  } catch {
    // the folder is not reachable now: next time
  }
  if (removed.length) appendLog(dataFile, { kind: '清理临时文件', dir: path.resolve(dir), removed });
  return removed;
}
