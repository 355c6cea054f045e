// Opening a data file, as every door does it: the db layer opens and migrates (db/connection.ts openConnection) and
// reports a file it cannot use as data (FileProblem); this module makes the verified backup that precedes a
// migration and words each problem with what to do — restore the latest backup, named; `details.backups` lists
// them all. Nothing here creates a blank file or deletes one.

import { AppError } from '../errors';
import { backupDirFor, FileProblem, openConnection, type Db, type OpenOptions } from '../db/connection';
import { verifiedBackup } from './backup';
import { listBackups } from './backups';

/** What to do about a data file that cannot be used: restore the latest backup, named; `details.backups` lists them all. */
function offerBackups(file: string, what: string, code: 'INTEGRITY' | 'SCHEMA' = 'INTEGRITY'): AppError {
  const backups = listBackups(backupDirFor(file)).filter((b) => b.schemaVersion > 0);
  const latest = backups[0];
  return new AppError(
    code,
    `${what}。${latest ? `最近的备份是 ${latest.file}（${latest.at.slice(0, 19).replace('T', ' ')}），请选择还原。` : '没有找到自动备份，请从其他备份位置还原。'}程序不会新建空白数据，也不会删除任何文件。`,
    { backups },
  );
}

/** The damage message, naming the latest backup to restore; `details.backups` lists them all. */
export function damaged(file: string, detail: string): AppError {
  return offerBackups(file, `数据文件已损坏：${detail}`);
}

/** A FileProblem as the user reads it. */
export function problemMessage(p: FileProblem): AppError {
  if (p.kind === 'empty') {
    // A data file of 0 bytes is never a new ledger: a copy or a save was cut off (U 盘拔出、断电、同步软件), and
    // opening it as new would show an empty ledger where the office's data was. The program itself never leaves
    // one behind: a new file is built under a temporary name and renamed into place (db/connection.ts createNew).
    return offerBackups(p.file, `数据文件是空的（0 字节），可能在复制或保存时中断：${p.file}`);
  }
  if (p.kind === 'schema' && p.schema) {
    return offerBackups(
      p.file,
      `数据文件的结构与版本 ${p.schema.version} 应有的结构不一致：${p.schema.differences.join('；')}。文件可能被篡改或被其他程序改动，为防止数据被暗中修改，程序不打开它`,
      'SCHEMA',
    );
  }
  return damaged(p.file, p.detail);
}

/** Opens a data file (see db/connection.ts OpenOptions), with a verified backup before any migration of a file with data. */
export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<Db> {
  try {
    return await openConnection(file, opts, (db, version) => verifiedBackup(db, opts.backupDir ?? backupDirFor(file), `升级前-v${version}`));
  } catch (e) {
    throw e instanceof FileProblem ? problemMessage(e) : e;
  }
}
