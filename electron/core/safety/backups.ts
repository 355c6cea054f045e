// Automatic and manual backups, their rotation, and restore.
//
// Every backup is made with SQLite's online backup API, verified, then renamed into place (./backup.ts), with a
// small manifest beside it (time, reason, row counts) so the list can be shown without opening each file.
// Rotation keeps every backup of today up to 6, the newest of each of the last 30 days and the newest of each of
// the last 12 months; backups the user made by hand (立即备份) are never rotated away. Restoring first backs up
// the current file, so a restore can itself be undone.
// Backups that make an operation undoable are pinned (`pinned`, `pinnedWhy`) and never rotated away either:
// 还原前 (undo a restore) and 升级前 (go back to before a schema upgrade) for good, 导入前 for 30 days (there is
// no 撤销导入 yet; once there is, an undone import's backup can stop being pinned). Before pinning, six more
// automatic backups on the day of a restore rotated its 还原前 backup away and the restore could not be undone.
// Pins are worked out when the list is read (from reason and time), not stored, so they expire on their own.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LEDGER_KINDS } from '../../domain/ledgers';
import type { Db } from '../db/connection';
import { backupDirFor } from '../db/connection';
import { MIGRATIONS } from '../db/migrations';
import { schemaDifferences } from '../db/schema';
import { AppError } from '../errors';
import { checkFileInWorker } from '../db/worker';
import { backupSnapshot, backupTo, integrityProblems, tableCounts, type BackupProgress } from './backup';
import { assertNotHeldByOther } from './lock';
import { backupStoreDir, copyReferencedBlobs, planBlobRestore, putBlob, storeDirFor } from '../attachments-store';

export type BackupReason = '自动' | '启动' | '手动' | '升级前' | '导入前' | '还原前';

export interface BackupInfo {
  file: string;
  at: string;
  reason: BackupReason | string;
  counts: Record<string, number>;
  schemaVersion: number;
  size: number;
  /** kept whatever the rotation says, because it is what undoes an operation */
  pinned: boolean;
  /** why it is pinned, for the 备份 list's tooltip */
  pinnedWhy?: string;
  /** attachment contents the backup refers to, kept in the backup folder's shared 附件 folder (attachments-store.ts) */
  attachments?: { count: number; bytes: number; copied: number; problems: string[] };
}

const MANIFEST = '.json';

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** How long a 导入前 backup stays pinned. */
export const IMPORT_PIN_DAYS = 30;

/** Whether a backup is pinned (see the header), and why. */
export function pinOf(reason: string, at: string, now: Date): { pinned: boolean; pinnedWhy?: string } {
  if (reason === '还原前') return { pinned: true, pinnedWhy: '还原之前的数据：用它再还原一次，就撤销了那次还原。不会被自动清理。' };
  if (reason.startsWith('升级前')) return { pinned: true, pinnedWhy: '升级数据结构之前的数据：用它可以回到升级之前。不会被自动清理。' };
  if (reason === '导入前') {
    const until = new Date(new Date(at).getTime() + IMPORT_PIN_DAYS * 86_400_000);
    if (now.getTime() <= until.getTime()) {
      return { pinned: true, pinnedWhy: `导入之前的数据：用它还原即可撤销那次导入。${IMPORT_PIN_DAYS} 天内（至 ${localDay(until)}）不会被自动清理。` };
    }
  }
  return { pinned: false };
}

function uniquePath(dir: string, base: string): string {
  let f = path.join(dir, `${base}.db`);
  for (let i = 2; fs.existsSync(f); i++) f = path.join(dir, `${base}-${i}.db`);
  return f;
}

/** Make a verified backup of `db` into `dir`, write its manifest, copy it to `secondDir` when given, rotate. */
export async function createBackup(
  db: Db,
  opts: { dir: string; reason: BackupReason; now?: Date; secondDir?: string; progress?: BackupProgress },
): Promise<BackupInfo & { secondCopy?: string; secondError?: string }> {
  const now = opts.now ?? new Date();
  fs.mkdirSync(opts.dir, { recursive: true });
  const file = uniquePath(opts.dir, `法治台账-${stamp(now)}-${opts.reason}`);
  // counts and version from the snapshot the copy was made from (the connection may be closed by now: a restore)
  const { counts, schemaVersion } = await backupSnapshot(db, file, opts.progress);
  const at = now.toISOString();
  const info: BackupInfo = { file, at, reason: opts.reason, counts, schemaVersion, size: fs.statSync(file).size, ...pinOf(opts.reason, at, now) };
  // the attachments' contents: each copied once into the backup folder's 附件 folder, checked by its hash; one
  // that is missing or damaged in the data folder is named in the manifest (the database backup still stands)
  if (!db.memory) info.attachments = copyReferencedBlobs(file, storeDirFor(db.name), backupStoreDir(opts.dir));
  // the manifest records what was true when the backup was made; listBackups works pins out afresh
  fs.writeFileSync(file + MANIFEST, JSON.stringify({ ...info, file: path.basename(file) }, null, 1));
  const result: BackupInfo & { secondCopy?: string; secondError?: string } = { ...info };
  if (opts.secondDir) {
    try {
      fs.mkdirSync(opts.secondDir, { recursive: true });
      const copy = path.join(opts.secondDir, path.basename(file));
      // The backup is a closed, verified, self-contained file: a plain copy of it is safe.
      fs.copyFileSync(file, `${copy}.tmp`);
      fs.renameSync(`${copy}.tmp`, copy);
      fs.copyFileSync(file + MANIFEST, copy + MANIFEST);
      const blobs = copyReferencedBlobs(file, backupStoreDir(opts.dir), backupStoreDir(opts.secondDir));
      if (blobs.problems.length) throw new Error(blobs.problems.slice(0, 3).join('；'));
      rotateBackups(opts.secondDir, now);
      result.secondCopy = copy;
    } catch (e) {
      result.secondError = `第二备份位置 ${opts.secondDir} 写入失败：${(e as Error).message}`;
    }
  }
  rotateBackups(opts.dir, now);
  return result;
}

export function listBackups(dir: string, now: Date = new Date()): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.db')) continue;
    const file = path.join(dir, name);
    let info: Partial<BackupInfo> = {};
    try {
      info = JSON.parse(fs.readFileSync(file + MANIFEST, 'utf8'));
    } catch {
      // a backup without manifest (copied in by hand, or an older build): show what the file itself tells
    }
    const st = fs.statSync(file);
    const at = info.at ?? st.mtime.toISOString();
    // the name says the reason when there is no manifest: 法治台账-20260205-093000-升级前-v3.db → 升级前-v3
    const reason = info.reason ?? /^法治台账-\d{8}-\d{6}-(.+?)(?:-\d+)?\.db$/.exec(name)?.[1] ?? /-([^-]+)\.db$/.exec(name)?.[1] ?? '未知';
    out.push({
      file,
      at,
      reason,
      counts: info.counts ?? {},
      schemaVersion: info.schemaVersion ?? 0,
      size: st.size,
      ...pinOf(reason, at, now),
      ...(info.attachments ? { attachments: info.attachments } : {}),
    });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/** Which backups the rotation keeps, given the list newest first. Pure, for tests. */
export function backupsToKeep(list: { file: string; at: string; reason: string }[], now: Date): Set<string> {
  const keep = new Set<string>();
  const today = localDay(now);
  const dayMs = 86_400_000;
  const seenDays = new Set<string>();
  const seenMonths = new Set<string>();
  let todayCount = 0;
  for (const b of [...list].sort((x, y) => y.at.localeCompare(x.at))) {
    const d = new Date(b.at);
    const day = localDay(d);
    const month = day.slice(0, 7);
    const ageDays = (now.getTime() - d.getTime()) / dayMs;
    if (b.reason === '手动' || pinOf(b.reason, b.at, now).pinned) keep.add(b.file);
    else if (day === today) {
      if (todayCount < 6) keep.add(b.file);
      todayCount++;
    } else if (ageDays <= 30 && !seenDays.has(day)) keep.add(b.file);
    else if (ageDays <= 366 && !seenMonths.has(month)) keep.add(b.file);
    seenDays.add(day);
    seenMonths.add(month);
  }
  return keep;
}

/** Remove the backups the rotation does not keep. Only files this program made in its backup folder. */
export function rotateBackups(dir: string, now: Date): string[] {
  const list = listBackups(dir, now).filter((b) => /^法治台账-\d{8}-\d{6}-/.test(path.basename(b.file)));
  const keep = backupsToKeep(list, now);
  const removed: string[] = [];
  for (const b of list) {
    if (keep.has(b.file)) continue;
    fs.rmSync(b.file, { force: true });
    fs.rmSync(b.file + MANIFEST, { force: true });
    removed.push(b.file);
  }
  return removed;
}

/** True when the newest backup in `dir` is older than a day (or there is none). */
export function backupDue(dir: string, now: Date): boolean {
  const newest = listBackups(dir)[0];
  return !newest || now.getTime() - new Date(newest.at).getTime() > 86_400_000;
}

/**
 * Check that `from` is a healthy 法治台账 data file this version can open, whose schema is exactly the one its
 * version has (no trigger, view, index or table our migrations would not make: ../db/schema.ts). Returns its
 * row counts.
 */
export function checkRestorable(from: string): Record<string, number> {
  if (!fs.existsSync(from)) throw new AppError('NOT_FOUND', `找不到要还原的文件：${from}`);
  if (fs.statSync(from).size === 0) throw new AppError('INTEGRITY', `要还原的文件是空的（0 字节），可能在复制时中断：${from}`);
  let src: Database.Database;
  try {
    src = new Database(from, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new AppError('INTEGRITY', `无法打开要还原的文件：${(e as Error).message}`);
  }
  try {
    let version: number;
    let problems: string[];
    try {
      version = src.pragma('user_version', { simple: true }) as number;
      problems = integrityProblems(src);
    } catch (e) {
      throw new AppError('INTEGRITY', `要还原的文件不是有效的数据库文件（${(e as Error).message}）`);
    }
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    if (version > latest) throw new AppError('TOO_NEW', `要还原的文件结构版本为 ${version}，本程序只支持到 ${latest}，请先升级程序`);
    const tables = new Set(src.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    if (version < 1 || !LEDGER_KINDS.every((k) => tables.has(k))) throw new AppError('INTEGRITY', '要还原的文件不是法治台账的数据文件');
    if (problems.length) throw new AppError('INTEGRITY', `要还原的文件已损坏：${problems.slice(0, 3).join('；')}`);
    const differences = schemaDifferences(src, version, MIGRATIONS);
    if (differences.length) {
      throw new AppError('SCHEMA', `备份文件中${differences.join('；')}（与版本 ${version} 应有的结构不一致），可能被篡改，不能还原`);
    }
    return tableCounts(src);
  } finally {
    src.close();
  }
}

/**
 * Copy a closed, damaged data file and its WAL byte for byte into `backups/损坏的数据文件`: outside the backup
 * list (it cannot be restored) and outside rotation (never deleted by the program). Returns the copy's path.
 */
function keepDamaged(file: string, dir: string, now: Date): string {
  const keep = path.join(dir, '损坏的数据文件');
  fs.mkdirSync(keep, { recursive: true });
  const copy = uniquePath(keep, `法治台账-${stamp(now)}-损坏`);
  // the WAL first, under the name SQLite looks for beside the copy: the copy then reads as the file did
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  fs.copyFileSync(file, copy);
  return copy;
}

/**
 * Replace the (closed) data file `file` with the content of the backup `from`.
 * The current content is backed up first (reason 还原前), so this can be undone by restoring that backup.
 */
export async function restoreDatabase(
  file: string,
  from: string,
  opts: { backupDir?: string; now?: Date; progress?: BackupProgress } = {},
): Promise<{ safetyBackup: string | null; counts: Record<string, number> }> {
  // progress: the 还原前 backup is the first half, copying the backup in the second (pages of each, in per mille)
  const half = (base: number) =>
    opts.progress ? (done: number, total: number) => opts.progress!(base + Math.round((done / Math.max(total, 1)) * 500), 1000) : undefined;
  if (path.resolve(file) === path.resolve(from)) throw new AppError('INVALID_INPUT', '不能用数据文件自身还原');
  // a restore is exclusive: never under another program that has the file open (it would go on writing into the
  // replaced file's WAL, and what it saved would be in no file)
  assertNotHeldByOther(file);
  const counts = checkRestorable(from);
  // every attachment content the backup refers to must be at hand intact (the data folder's own store, or the
  // backup folder's 附件 folder), checked by its hash, before anything is replaced
  const blobs = planBlobRestore(from, file);
  if (blobs.problems.length) {
    throw new AppError(
      'INTEGRITY',
      `备份中有 ${blobs.problems.length} 个附件无法还原：${blobs.problems.slice(0, 5).join('；')}${blobs.problems.length > 5 ? '……' : ''}。数据文件未作任何改动，请选择其他备份`,
    );
  }
  const dir = opts.backupDir ?? backupDirFor(file);
  let safetyBackup: string | null = null;
  if (fs.existsSync(file)) {
    try {
      const cur = new Database(file, { fileMustExist: true });
      try {
        safetyBackup = (await createBackup(cur, { dir, reason: '还原前', now: opts.now, progress: half(0) })).file;
        cur.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        cur.close();
      }
    } catch (e) {
      // Restoring is how a damaged file is left behind, yet a verified backup of a damaged file cannot be made.
      // Keep the file exactly as it is instead (it may still hold the latest work, for a specialist to recover).
      if (!(await checkFileInWorker(file, true)).length) throw e;
      safetyBackup = keepDamaged(file, dir, opts.now ?? new Date());
    }
  }
  // the contents first (the store only grows: harmless if the restore stops after this)
  const store = storeDirFor(file);
  for (const b of blobs.sources) {
    if (!putBlob(b.from, store, b.sha256)) throw new AppError('INTEGRITY', '附件复制回数据文件夹时校验未通过（磁盘可能有问题），未还原');
  }
  const tmp = `${file}.restore-${process.pid}`;
  const src = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await backupTo(src, tmp, half(500));
  } finally {
    src.close();
  }
  // The old content is safe in the backup above; its leftover WAL files would belong to the old file.
  for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, file);
  return { safetyBackup, counts };
}
