// Backups with SQLite's online backup API, never a file copy of a live WAL database.
// Each backup is written under a temporary name, verified (integrity_check and row counts), then renamed.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import { checkFileInWorker } from '../db/worker';
import { integrityProblems, type Db } from '../db/connection';
import { backupStoreDir, copyReferencedBlobs, storeDirFor } from '../attachments-store';

/** Row counts of every ordinary table, for verifying a copy. */
export function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%_fts_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

// the check itself is the db layer's (it reports damage as data); re-exported for the callers that back up and check
export { integrityProblems };

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Back up `db` to `out` (a file path): temp name, verify, rename. Returns the verified row counts and the schema
 * version of what was copied.
 *
 * The copy and the counts come from one read snapshot: a second, read-only connection opens a read transaction,
 * counts, and is the source of the online backup while that transaction stays open. Backing up the app's own
 * connection instead let every write made during the backup (an edit, the import a 导入前 backup precedes)
 * flow into the copy page by page, so the copy no longer matched the counts taken before it and the backup
 * failed its own check; a write from another connection restarted the copy with the same result.
 * Writers are not blocked meanwhile (WAL): they go on committing, and the copy is the file as it was when the
 * snapshot began.
 */
/** Pages copied of how many (then verifying: done = total), for core.withProgress. */
export type BackupProgress = (done: number, total: number) => void;

/**
 * The online backup reporting pages copied (100 pages a step is better-sqlite3's own default); the copy's end is
 * reported when it has finished (the callback only hears of the steps before it), then verifying follows.
 */
async function onlineBackup(db: Db, tmp: string, progress?: BackupProgress): Promise<void> {
  if (!progress) {
    await db.backup(tmp);
    return;
  }
  let total = 0;
  await db.backup(tmp, {
    progress: ({ totalPages, remainingPages }: { totalPages: number; remainingPages: number }) => {
      total = totalPages;
      progress(totalPages - remainingPages, totalPages);
      return 100;
    },
  });
  progress(total, total);
}

export async function backupSnapshot(db: Db, out: string, progress?: BackupProgress): Promise<{ counts: Record<string, number>; schemaVersion: number }> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}-${Date.now()}`;
  // an in-memory database has no file for a second connection to open: copy it as it is
  const snap = db.memory ? db : new Database(db.name, { readonly: true, fileMustExist: true });
  try {
    let expected: Record<string, number>;
    let version: number;
    if (snap === db) {
      expected = tableCounts(db);
      version = db.pragma('user_version', { simple: true }) as number;
      await onlineBackup(db, tmp, progress);
    } else {
      snap.pragma('busy_timeout = 5000');
      snap.prepare('BEGIN').run();
      // the first read fixes the snapshot; the backup API copies from the open read transaction (it opens none
      // of its own while one is open), so the copy is exactly what was counted
      expected = tableCounts(snap);
      version = snap.pragma('user_version', { simple: true }) as number;
      await onlineBackup(snap, tmp, progress);
      snap.prepare('COMMIT').run();
    }
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      // A backup is one self-contained file: no WAL beside it.
      copy.pragma('journal_mode = DELETE');
      const got = tableCounts(copy);
      for (const [t, n] of Object.entries(expected)) {
        if (got[t] !== n) throw new AppError('BACKUP_FAILED', `备份文件校验未通过：表 ${t} 应有 ${n} 行，实有 ${got[t] ?? 0} 行`);
      }
    } finally {
      copy.close();
    }
    // the full check reads every page: in a worker, so the window keeps answering during a big file's backup
    const problems = await checkFileInWorker(tmp, false);
    if (problems.length) throw new AppError('BACKUP_FAILED', `备份文件校验未通过：${problems.slice(0, 3).join('；')}`);
    fs.renameSync(tmp, out);
    return { counts: expected, schemaVersion: version };
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('BACKUP_FAILED', `备份失败：${(e as Error).message}`);
  } finally {
    if (snap !== db) snap.close();
  }
}

/** Back up `db` to `out` (see backupSnapshot); returns the verified row counts. */
export async function backupTo(db: Db, out: string, progress?: BackupProgress): Promise<Record<string, number>> {
  return (await backupSnapshot(db, out, progress)).counts;
}

/** A verified backup into `dir`, named by time and reason. Returns its path. */
export async function verifiedBackup(db: Db, dir: string, reason: string): Promise<string> {
  const file = path.join(dir, `法治台账-${stamp()}-${reason}.db`);
  await backupTo(db, file);
  // with the attachments' contents, as every backup (backups.ts createBackup)
  if (!db.memory) copyReferencedBlobs(file, storeDirFor(db.name), backupStoreDir(dir));
  return file;
}
