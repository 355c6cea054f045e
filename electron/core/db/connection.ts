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
import { schemaDifferences } from './schema';

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

/**
 * A data file of 0 bytes is never a new ledger: a copy or a save was cut off (U 盘拔出、断电、同步软件), and
 * opening it as new would show an empty ledger where the office's data was. The program itself never leaves
 * one behind: a new file is built under a temporary name and renamed into place (see openDatabase).
 */
export function emptyFile(file: string): AppError {
  return offerBackups(file, `数据文件是空的（0 字节），可能在复制或保存时中断：${file}`);
}

/**
 * Opening for writing fails on a read-only file, folder or disk: say so — it is not damage, and restoring a
 * backup would not help. The folder counts because SQLite writes its -wal and -shm files beside the data file.
 */
export function readOnlyProblem(file: string): AppError | null {
  const tell = (e: unknown): string | null => {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EROFS' ? 'disk' : code === 'EACCES' || code === 'EPERM' ? 'denied' : null;
  };
  const dir = path.dirname(path.resolve(file));
  const why = (where: string, kind: string) =>
    new AppError(
      'READ_ONLY',
      kind === 'disk'
        ? `数据文件所在的磁盘是只读的（例如写保护的 U 盘、光盘或只读挂载的磁盘）：${file}。程序无法在只读的磁盘上保存修改；这不是数据文件损坏。请把数据文件复制到可以写入的位置，或去掉写保护后再打开。`
        : where === 'file'
          ? `数据文件是只读的（没有写入权限）：${file}。程序无法保存修改；这不是数据文件损坏。请在文件属性中去掉“只读”或取得写入权限后再打开。`
          : `数据文件所在的文件夹是只读的（没有写入权限）：${dir}。程序需要在数据文件旁边写入工作文件（-wal、-shm），无法保存修改；这不是数据文件损坏。请取得该文件夹的写入权限，或把数据文件复制到可以写入的位置后再打开。`,
    );
  if (fs.existsSync(file)) {
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch (e) {
      const k = tell(e);
      if (k) return why('file', k);
    }
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    const k = tell(e);
    if (k) return why('folder', k);
  }
  return null;
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

/**
 * A new data file, built under a temporary name and renamed into place once its schema is complete: a crash
 * half-way leaves a stray temporary file, never a 0-byte or half-made data file that a later start would refuse.
 */
function createNew(file: string, migrations: Migration[]): void {
  const tmp = `${file}.new-${process.pid}`;
  const db = new Database(tmp);
  try {
    applyPragmas(db);
    migrate(db, migrations);
  } catch (e) {
    db.close();
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    throw e;
  }
  // closing the only connection checkpoints the WAL into the file and removes it: one self-contained file
  db.close();
  fs.renameSync(tmp, file);
}

export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<Db> {
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) {
    throw new AppError('NOT_FOUND', `找不到数据文件：${file}。如果数据文件所在的文件夹被移动或移动硬盘未连接，请先找回该文件；不会自动新建空白数据库。`);
  }
  // a 0-byte file is refused before SQLite sees it: SQLite would take it for a new, empty database
  if (exists && fs.statSync(file).size === 0) throw emptyFile(file);
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1].version;
  if (!opts.readonly) {
    const ro = readOnlyProblem(file);
    if (ro) throw ro;
  }
  if (!exists) createNew(file, migrations);
  let db: Db;
  try {
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: true });
  } catch (e) {
    throw new AppError('OPEN_FAILED', `无法打开数据文件 ${file}：${(e as Error).message}`);
  }
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
    // before any pragma or migration writes to it: the file must hold exactly what migrations 1..version make
    let differences: string[];
    try {
      differences = schemaDifferences(db, version, migrations);
    } catch (e) {
      throw damaged(file, (e as Error).message);
    }
    if (differences.length) throw schemaMismatch(file, version, differences);
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
    // a read-only disk or file that access() did not reveal (a network share, a lock by another program)
    if (!(e instanceof AppError) && /SQLITE_READONLY|readonly database/i.test(`${(e as { code?: string }).code} ${(e as Error).message}`)) {
      throw readOnlyProblem(file) ?? new AppError('READ_ONLY', `数据文件无法写入（只读）：${file}。这不是数据文件损坏；请检查文件和所在文件夹的写入权限后再打开。`);
    }
    throw e;
  }
}

/** The refusal of a file whose schema is not the one its version has (see ./schema.ts). */
export function schemaMismatch(file: string, version: number, differences: string[]): AppError {
  return offerBackups(
    file,
    `数据文件的结构与版本 ${version} 应有的结构不一致：${differences.join('；')}。文件可能被篡改或被其他程序改动，为防止数据被暗中修改，程序不打开它`,
    'SCHEMA',
  );
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
