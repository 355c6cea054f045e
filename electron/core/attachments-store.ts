// Where attachment contents live, and copying them with their SHA-256 checked (issue 18 item 4).
//
// Contents are kept beside the data file in `<数据文件名>.files/ab/cdef…` (the first two hex digits of the
// SHA-256 as folder, the rest as file name), so one content is stored once however often it is attached. The
// database holds only rows (migration 13). Backups keep the contents their database refers to in one shared
// folder of the backup folder, `附件/ab/cdef…`: each content is copied once, the first time a backup refers to
// it, and checked against its hash when copied; a restore checks every content again before it puts the
// database back (safety/backups.ts). Nothing here deletes a content.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { formatBytes } from '../domain/attachments';

/** The attachment store of a data file: `D:\台账\法治台账.db` → `D:\台账\法治台账.files`. */
export function storeDirFor(dataFile: string): string {
  const abs = path.resolve(dataFile);
  return path.join(path.dirname(abs), `${path.basename(abs, path.extname(abs))}.files`);
}

/** The shared content folder of a backup folder. */
export function backupStoreDir(backupDir: string): string {
  return path.join(backupDir, '附件');
}

export function blobPath(store: string, sha256: string): string {
  return path.join(store, sha256.slice(0, 2), sha256.slice(2));
}

/** SHA-256 (hex) of a file, read in 1 MB pieces; null when it is missing or unreadable. */
export function hashFile(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const h = crypto.createHash('sha256');
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
    return h.digest('hex');
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `file` holds exactly the content `sha256`. */
export function blobIntact(file: string, sha256: string): boolean {
  return hashFile(file) === sha256;
}

/**
 * Copy `src` to the store under `sha256`, checked: written under a temporary name, hashed, then renamed. A
 * content already there and intact is left as it is; a damaged one is replaced (the new copy is checked first).
 * Returns false when `src` is missing or does not hold `sha256` (nothing is written then).
 */
export function putBlob(src: string, store: string, sha256: string): boolean {
  const dst = blobPath(store, sha256);
  if (fs.existsSync(dst) && blobIntact(dst, sha256)) return true;
  // a source that is gone (deleted by hand, a lost disk) is reported by the caller, like a damaged one
  if (!fs.existsSync(src)) return false;
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  const tmp = `${dst}.tmp-${process.pid}-${Date.now()}`;
  try {
    fs.copyFileSync(src, tmp);
    if (!blobIntact(tmp, sha256)) return false;
    fs.renameSync(tmp, dst);
    return true;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface ReferencedBlob {
  sha256: string;
  size: number;
  /** one of the names it is attached under, for messages */
  name: string;
}

/** Every content a database's attachment rows refer to, deleted rows included (the 回收站 can give them back). */
export function referencedBlobs(db: Database.Database): ReferencedBlob[] {
  const has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'attachments'").get();
  if (!has) return [];
  return db.prepare('SELECT sha256, max(size) AS size, min(name) AS name FROM attachments GROUP BY sha256 ORDER BY sha256').all() as ReferencedBlob[];
}

export function referencedBlobsOfFile(dbFile: string): ReferencedBlob[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return referencedBlobs(db);
  } finally {
    db.close();
  }
}

export interface BlobCopyResult {
  /** contents the backup refers to, and their total size */
  count: number;
  bytes: number;
  /** copied by this backup (the others were already in the backup folder) */
  copied: number;
  /** contents that could not be copied intact: missing or damaged in the data folder */
  problems: string[];
}

/**
 * Give the backup `backupFile` the contents it refers to: each one not yet in `store` is copied from the store
 * `from` (the data file's, or the backup folder's for the second backup location), checked against its hash. A content already in `store` with the right size is not read again
 * (it was checked when it was copied; a restore checks it once more).
 */
export function copyReferencedBlobs(backupFile: string, from: string, store: string): BlobCopyResult {
  const blobs = referencedBlobsOfFile(backupFile);
  const r: BlobCopyResult = { count: blobs.length, bytes: 0, copied: 0, problems: [] };
  for (const b of blobs) {
    r.bytes += b.size;
    const dst = blobPath(store, b.sha256);
    try {
      if (fs.statSync(dst).size === b.size) continue;
    } catch {
      // not there yet
    }
    if (putBlob(blobPath(from, b.sha256), store, b.sha256)) r.copied++;
    else r.problems.push(`附件“${b.name}”（${formatBytes(b.size)}）在数据文件夹中缺失或已损坏，未能备份，请从更早的备份中找回`);
  }
  return r;
}

/**
 * For a restore of `backupFile` over `dataFile`: where each content the backup refers to can be taken from
 * intact (the data file's own store first, then the backup folder's), or the problems when some cannot.
 */
export function planBlobRestore(backupFile: string, dataFile: string): { sources: { sha256: string; from: string }[]; problems: string[] } {
  const own = storeDirFor(dataFile);
  const kept = backupStoreDir(path.dirname(path.resolve(backupFile)));
  const sources: { sha256: string; from: string }[] = [];
  const problems: string[] = [];
  for (const b of referencedBlobsOfFile(backupFile)) {
    const mine = blobPath(own, b.sha256);
    if (blobIntact(mine, b.sha256)) continue;
    const theirs = blobPath(kept, b.sha256);
    if (blobIntact(theirs, b.sha256)) sources.push({ sha256: b.sha256, from: theirs });
    else problems.push(`附件“${b.name}”${fs.existsSync(theirs) ? '在备份中已损坏（内容与校验值不符）' : '在备份中缺失'}`);
  }
  return { sources, problems };
}

/** Total size and count of the files in a store folder (the backup settings' size warning). */
export function storeSize(store: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  let dirs: string[];
  try {
    dirs = fs.readdirSync(store);
  } catch {
    return { files, bytes };
  }
  for (const d of dirs) {
    if (!/^[0-9a-f]{2}$/.test(d)) continue;
    for (const f of fs.readdirSync(path.join(store, d))) {
      if (!/^[0-9a-f]{62}$/.test(f)) continue;
      files++;
      bytes += fs.statSync(path.join(store, d, f)).size;
    }
  }
  return { files, bytes };
}
