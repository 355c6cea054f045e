// Opening the data file: pragmas, the version check and migrations.
//
// better-sqlite3 is synchronous; every write runs inside one `db.transaction()`, so nothing can interleave
// with it. Kysely is used as a query builder only (see ./query.ts) and its compiled SQL runs on this connection.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import { integrityProblems, verifiedBackup } from '../safety/backup';
import { listBackups } from '../safety/backups';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** create the file when it does not exist (CLI import does; the app asks first) */
  create?: boolean;
  readonly?: boolean;
  /** where a pre-migration backup goes; default: a `backups` folder beside the data file */
  backupDir?: string;
  /** the migration list (tests pass a longer one to exercise an upgrade) */
  migrations?: Migration[];
  /** run PRAGMA quick_check first (the app does on start-up); damage is reported with the backups to restore */
  quickCheck?: boolean;
}

/** The damage message, naming the latest backup to restore; `details.backups` lists them all. */
export function damaged(file: string, detail: string): AppError {
  const backups = listBackups(backupDirFor(file)).filter((b) => b.schemaVersion > 0);
  const latest = backups[0];
  return new AppError(
    'INTEGRITY',
    `数据文件已损坏：${detail}。${latest ? `最近的备份是 ${latest.file}（${latest.at.slice(0, 19).replace('T', ' ')}），请选择还原。` : '没有找到自动备份，请从其他备份位置还原。'}程序不会新建空白数据，也不会删除任何文件。`,
    { backups },
  );
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function backupDirFor(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<Db> {
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) {
    throw new AppError('NOT_FOUND', `找不到数据文件：${file}。如果数据文件所在的文件夹被移动或移动硬盘未连接，请先找回该文件；不会自动新建空白数据库。`);
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: exists || !!opts.readonly });
  } catch (e) {
    throw new AppError('OPEN_FAILED', `无法打开数据文件 ${file}：${(e as Error).message}`);
  }
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1].version;
  try {
    // The version is read before any pragma: a file from a newer version must be left exactly as it was.
    let version: number;
    try {
      version = schemaVersion(db);
    } catch (e) {
      throw damaged(file, (e as Error).message);
    }
    if (opts.quickCheck) {
      let problems: string[];
      try {
        problems = integrityProblems(db, true);
      } catch (e) {
        problems = [(e as Error).message];
      }
      if (problems.length) throw damaged(file, problems.slice(0, 3).join('；'));
    }
    if (version > latest) {
      throw new AppError(
        'TOO_NEW',
        `数据文件的结构版本为 ${version}，本程序只支持到版本 ${latest}。该文件由更新版本的法治台账创建，请升级程序后再打开；本程序不会修改该文件。`,
      );
    }
    if (!opts.readonly) applyPragmas(db);
    // a reader beside the app waits, as a writer does, for the moment the app's checkpoint holds the WAL
    else db.pragma('busy_timeout = 5000');
    if (version < latest) {
      if (opts.readonly) throw new AppError('NEEDS_MIGRATION', `数据文件的结构版本为 ${version}，需要升级到 ${latest}，只读方式无法升级`);
      if (version > 0) await verifiedBackup(db, opts.backupDir ?? backupDirFor(file), `升级前-v${version}`);
      migrate(db, migrations);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Run pending migrations, each in its own transaction, recording the version in user_version. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): void {
  for (const m of migrations) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
