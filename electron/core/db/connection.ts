// Opening the data file: pragmas, the version check and migrations.
//
// A file that cannot be used is reported as data (FileProblem: what is wrong, where); the message that tells the
// user what to do — which backup to restore — is built by safety/open.ts, whose openDatabase is the one every door
// opens a data file with. The backup made before a migration is passed in the same way (`beforeMigrate`), so this
// layer imports nothing of safety (issue 17: no db ↔ safety import cycle).
//
// better-sqlite3 is synchronous; every write runs inside one `db.transaction()`, so nothing can interleave
// with it. Kysely is used as a query builder only (see ./query.ts) and its compiled SQL runs on this connection.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
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

/** What is wrong with a data file that cannot be used: damaged (SQLite says so), empty (0 bytes), or a schema that is
 * not the one its version has (`differences`). safety/open.ts turns it into the message with the backups to restore. */
export class FileProblem extends Error {
  constructor(
    readonly kind: 'damaged' | 'empty' | 'schema',
    readonly file: string,
    readonly detail: string,
    readonly schema?: { version: number; differences: string[] },
  ) {
    super(`${kind}: ${detail}`);
  }
}

/** The problems PRAGMA integrity_check (or quick_check) reports; none for a sound file. */
export function integrityProblems(db: Db, quick = false): string[] {
  const rows = db.pragma(quick ? 'quick_check' : 'integrity_check', { simple: false }) as Record<string, string>[];
  const msgs = rows.map((r) => Object.values(r)[0]);
  return msgs.length === 1 && msgs[0] === 'ok' ? [] : msgs;
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

/**
 * Opens (or with `create`, makes) a data file and migrates it. `beforeMigrate` makes the verified backup that must
 * precede a migration of a file with data. Use safety/open.ts openDatabase, which passes it and words the problems.
 */
export async function openConnection(file: string, opts: OpenOptions, beforeMigrate: (db: Db, version: number) => Promise<unknown>): Promise<Db> {
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) {
    throw new AppError('NOT_FOUND', `找不到数据文件：${file}。如果数据文件所在的文件夹被移动或移动硬盘未连接，请先找回该文件；不会自动新建空白数据库。`);
  }
  // a 0-byte file is refused before SQLite sees it: SQLite would take it for a new, empty database
  if (exists && fs.statSync(file).size === 0) throw new FileProblem('empty', file, file);
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
      throw new FileProblem('damaged', file, (e as Error).message);
    }
    if (opts.quickCheck) {
      let problems: string[];
      try {
        problems = integrityProblems(db, true);
      } catch (e) {
        problems = [(e as Error).message];
      }
      if (problems.length) throw new FileProblem('damaged', file, problems.slice(0, 3).join('；'));
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
      throw new FileProblem('damaged', file, (e as Error).message);
    }
    if (differences.length) throw new FileProblem('schema', file, differences.join('；'), { version, differences });
    if (!opts.readonly) applyPragmas(db);
    // a reader beside the app waits, as a writer does, for the moment the app's checkpoint holds the WAL
    else db.pragma('busy_timeout = 5000');
    if (version < latest) {
      if (opts.readonly) throw new AppError('NEEDS_MIGRATION', `数据文件的结构版本为 ${version}，需要升级到 ${latest}，只读方式无法升级`);
      if (version > 0) await beforeMigrate(db, version);
      migrate(db, migrations);
    }
    return db;
  } catch (e) {
    db.close();
    // a read-only disk or file that access() did not reveal (a network share, a lock by another program)
    if (
      !(e instanceof AppError || e instanceof FileProblem) &&
      /SQLITE_READONLY|readonly database/i.test(`${(e as { code?: string }).code} ${(e as Error).message}`)
    ) {
      throw (
        readOnlyProblem(file) ?? new AppError('READ_ONLY', `数据文件无法写入（只读）：${file}。这不是数据文件损坏；请检查文件和所在文件夹的写入权限后再打开。`)
      );
    }
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
