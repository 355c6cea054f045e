// Writing ledger rows: every change validated by the declaration, in one transaction with its audit entry.

import { randomUUID } from 'node:crypto';
import type { RecordView } from '../domain/api';
import type { LedgerDef, LedgerKind, Row } from '../domain/fields';
import { LEDGERS } from '../domain/ledgers';
import { formatIssues, prepareRow, type PreparedRow } from '../domain/rows';
import { isoNow, type Core } from './core';
import { bulkInserter, getRow, insertRow, liveCaseNoOwner, liveCaseNos, setDeleted, updateRow, type StoredRow } from './db/ledger-repo';
import { AppError } from './errors';
import { canonicalInput, fieldLabels, prepareImportRow, type RowError } from './exchange/prepare';
import { appendAudit } from './safety/audit';
import { purgeCaseFile, withDerivedSuspension } from './case-file';
import { isCaseKind } from '../domain/case-file';

export { canonicalCaseNo, type RowError } from './exchange/prepare';

export function view(kind: LedgerKind, s: StoredRow): RecordView {
  return { kind, ...s };
}

function prepareOrThrow(core: Core, def: LedgerDef, values: unknown): PreparedRow {
  const r = prepareRow(def, canonicalInput(def, values), core.ctx());
  if (!r.ok) throw new AppError('VALIDATION', formatIssues(def, r.issues), { issues: r.issues });
  return r.value;
}

function checkUnique(core: Core, def: LedgerDef, row: Row, exceptId?: string): void {
  if (!def.fields.some((f) => f.unique)) return;
  const caseNo = row.caseNo as string | null;
  if (caseNo && liveCaseNoOwner(core.db, def, caseNo, exceptId)) {
    throw new AppError('DUPLICATE', `案号“${caseNo}”已存在于${def.name}中，请核对案号`);
  }
}

function mustGet(core: Core, def: LedgerDef, id: string): StoredRow {
  const r = getRow(core.db, def, id);
  if (!r) throw new AppError('NOT_FOUND', `${def.shortName}中找不到该记录（编号 ${id}），可能已被彻底删除`);
  return r;
}

/** Changed fields only, for the audit log. */
function diff(before: Row, after: Row): { before: Row; after: Row } {
  const b: Row = {};
  const a: Row = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}

/** A saved record with the warnings its values raised (saved all the same: DOMAIN §13, 审结日期 after 审理期限). */
export type SavedRecord = RecordView & { warnings: string[] };

export function createRecord(core: Core, kind: LedgerKind, values: unknown): SavedRecord {
  const def = LEDGERS[kind];
  const p = prepareOrThrow(core, def, values);
  const id = randomUUID();
  const at = isoNow(core.now());
  core.db.transaction(() => {
    checkUnique(core, def, p.row);
    insertRow(core.db, def, id, p.row, p.manual, at);
    appendAudit(core.db, { at, actor: core.actor, action: '新建', kind, recordId: id, after: p.row, summary: String(p.row[def.titleField] ?? '') });
  })();
  return { ...view(kind, mustGet(core, def, id)), warnings: p.warnings };
}

export function updateRecord(core: Core, kind: LedgerKind, id: string, version: number, values: unknown): SavedRecord {
  const def = LEDGERS[kind];
  // a 复议 case with 中止 periods: its 中止天数 is theirs, not the form's (DOMAIN §11; case-file.ts)
  const p = prepareOrThrow(core, def, kind === 'reconsideration' ? withDerivedSuspension(core, id, values) : values);
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const current = mustGet(core, def, id);
    if (current.deletedAt) throw new AppError('NOT_FOUND', '该记录已被删除，请先从回收站恢复后再修改');
    if (current.version !== version) {
      throw new AppError(
        'STALE',
        `该记录在您打开之后已被修改（您编辑的是第 ${version} 版，当前为第 ${current.version} 版，最后修改于 ${current.updatedAt.slice(0, 19).replace('T', ' ')}）。为避免覆盖他人的修改，本次保存未生效；请对照两个版本后重新保存。`,
        { current: view(kind, current), yours: p.row },
      );
    }
    checkUnique(core, def, p.row, id);
    updateRow(core.db, def, id, version, p.row, p.manual, at);
    const d = diff(current.values, p.row);
    appendAudit(core.db, { at, actor: core.actor, action: '修改', kind, recordId: id, ...d, summary: String(p.row[def.titleField] ?? '') });
  })();
  return { ...view(kind, mustGet(core, def, id)), warnings: p.warnings };
}

export function setRecordsDeleted(core: Core, kind: LedgerKind, ids: string[], deleted: boolean): number {
  const def = LEDGERS[kind];
  const at = isoNow(core.now());
  let count = 0;
  core.db.transaction(() => {
    for (const id of ids) {
      const r = mustGet(core, def, id);
      if (!!r.deletedAt === deleted) continue;
      if (!deleted) checkUnique(core, def, r.values, id);
      setDeleted(core.db, def, id, deleted ? at : null, r.version, at);
      appendAudit(core.db, {
        at, actor: core.actor, action: deleted ? '删除' : '恢复', kind, recordId: id, summary: String(r.values[def.titleField] ?? ''),
      });
      count++;
    }
  })();
  return count;
}

/**
 * Permanently remove rows that are already in the 回收站. Only by an explicit, confirmed user action; the audit
 * entry keeps every value of each purged row.
 */
export function purgeRecords(core: Core, kind: LedgerKind, ids: string[]): number {
  const def = LEDGERS[kind];
  const at = isoNow(core.now());
  let count = 0;
  core.db.transaction(() => {
    for (const id of ids) {
      const r = mustGet(core, def, id);
      if (!r.deletedAt) throw new AppError('VALIDATION', `“${String(r.values[def.titleField] ?? id)}”不在回收站中：只能彻底删除已删除的记录`);
      core.db.prepare(`DELETE FROM ${kind} WHERE id = ?`).run(id);
      // a case's file goes with it (the audit entry keeps its parties and 中止 periods)
      const file = isCaseKind(kind) ? purgeCaseFile(core, kind, id) : undefined;
      appendAudit(core.db, { at, actor: core.actor, action: '彻底删除', kind, recordId: id, before: file ? { ...r.values, ...file } : r.values, summary: String(r.values[def.titleField] ?? '') });
      count++;
    }
  })();
  return count;
}

const BIG_IMPORT = 2000;
const BIG_IMPORT_CACHE_KIB = -65536;

export function formatRowError(e: RowError): string {
  return e.field ? `第${e.line}行 ${e.field}：${e.message}` : `第${e.line}行：${e.message}`;
}

/**
 * 案号 uniqueness (复议, 应诉) over the valid rows of one import taken in line order: a number twice in the file,
 * or one a live row already holds. Other ledgers: no check.
 */
function caseNoChecker(core: Core, def: LedgerDef): (line: number, row: Row) => RowError | null {
  if (!def.fields.some((f) => f.unique)) return () => null;
  const live = liveCaseNos(core.db, def);
  const seen = new Map<string, number>();
  return (line, row) => {
    const caseNo = row.caseNo as string | null;
    if (!caseNo) return null;
    let e: RowError | null = null;
    if (seen.has(caseNo)) e = { line, field: '案号', message: `“${caseNo}”与第${seen.get(caseNo)}行重复` };
    else if (live.has(caseNo)) e = { line, field: '案号', message: `“${caseNo}”已存在于${def.name}中` };
    seen.set(caseNo, seen.get(caseNo) ?? line);
    return e;
  };
}

const ROLLBACK = Symbol('rollback');

/**
 * Write an import's rows in one transaction with its audit entry. `produce` hands the rows to `insert` and
 * returns false when the file turned out to have problems: then the transaction is rolled back and nothing is
 * written (0 is returned).
 */
function writeImport(
  core: Core,
  def: LedgerDef,
  expected: number,
  at: string,
  opts: { source?: string; newId?: () => string },
  produce: (insert: (row: Row, manual: string[]) => void) => boolean,
): number {
  // A big import touches pages of every index (the random UUID key, dates, FTS) all over the file: with the
  // default 2 MB page cache most inserts miss. 64 MB for the duration of the import, then back.
  // Its COMMIT would also run SQLite's automatic checkpoint (WAL beyond 1,000 pages: copy ~6,000 pages into the
  // file and sync, 80–100 ms of a 10,000-row import); that happens after, in a worker (core.checkpointInBackground).
  const big = expected >= BIG_IMPORT;
  const cache = big ? (core.db.pragma('cache_size', { simple: true }) as number) : null;
  const autoCheckpoint = big ? (core.db.pragma('wal_autocheckpoint', { simple: true }) as number) : null;
  if (cache !== null) core.db.pragma(`cache_size = ${BIG_IMPORT_CACHE_KIB}`);
  if (autoCheckpoint !== null) core.db.pragma('wal_autocheckpoint = 0');
  let count = 0;
  try {
    core.db.transaction(() => {
      const newId = opts.newId ?? randomUUID;
      const bulk = bulkInserter(core.db, def);
      const ok = produce((row, manual) => {
        bulk.insert(newId(), row, manual, at);
        count++;
      });
      if (!ok) throw ROLLBACK;
      bulk.finish();
      appendAudit(core.db, {
        at, actor: core.actor, action: '导入', kind: def.kind,
        summary: `${opts.source ? `从“${opts.source}”` : ''}导入${def.shortName} ${count} 条`,
      });
    })();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
    count = 0;
  } finally {
    if (cache !== null) core.db.pragma(`cache_size = ${cache}`);
    if (autoCheckpoint !== null) {
      core.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      core.checkpointInBackground();
    }
  }
  return count;
}

/**
 * Validate every row, then insert all of them in one transaction, or nothing at all.
 * `rows` carry typed values and the line the user sees; parse errors from the file come in `parseErrors`.
 */
export function importRecords(
  core: Core,
  kind: LedgerKind,
  rows: { line: number; values: Row }[],
  parseErrors: RowError[] = [],
  opts: { dryRun?: boolean; source?: string; onWrite?: () => void; newId?: () => string } = {},
): { inserted: number; errors: RowError[] } {
  const def = LEDGERS[kind];
  const labelOf = fieldLabels(def);
  const errors = [...parseErrors];
  const prepared: PreparedRow[] = [];
  const unique = caseNoChecker(core, def);
  const ctx = core.ctx();
  for (const { line, values } of rows) {
    const p = prepareImportRow(def, labelOf, line, values, ctx, errors);
    if (!p) continue;
    const e = unique(line, p.row);
    if (e) errors.push(e);
    prepared.push(p);
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length || opts.dryRun) return { inserted: 0, errors };
  const at = isoNow(core.now());
  opts.onWrite?.();
  const inserted = writeImport(core, def, prepared.length, at, opts, (insert) => {
    for (const p of prepared) insert(p.row, p.manual);
    return true;
  });
  return { inserted, errors: [] };
}

/** Rows of an import validated elsewhere (the import worker), a chunk at a time, with the problems found there. */
export interface ImportChunk {
  rows: { line: number; row: Row; manual: string[] }[];
  errors: RowError[];
}

/**
 * importRecords over rows validated elsewhere and received a chunk at a time from `next` (null: no more), so
 * inserting overlaps their validation: the transaction is opened before the first chunk and rolled back when
 * any problem turns up, after every chunk was taken so the report lists all of them. `next` must not yield to
 * the event loop (exchange/pipeline.ts receives synchronously): other calls share the connection.
 * Same rows, audit entry and problems as importRecords given the same rows.
 */
export function importChunks(
  core: Core,
  kind: LedgerKind,
  expected: number,
  next: () => ImportChunk | null,
  opts: { dryRun?: boolean; source?: string; newId?: () => string } = {},
): { inserted: number; errors: RowError[] } {
  const def = LEDGERS[kind];
  const unique = caseNoChecker(core, def);
  const errors: RowError[] = [];
  const take = (insert?: (row: Row, manual: string[]) => void): boolean => {
    for (let c = next(); c; c = next()) {
      for (const e of c.errors) errors.push(e);
      for (const r of c.rows) {
        const e = unique(r.line, r.row);
        if (e) errors.push(e);
        else if (insert && !errors.length) insert(r.row, r.manual);
      }
    }
    return !errors.length;
  };
  let inserted = 0;
  if (opts.dryRun) take();
  else inserted = writeImport(core, def, expected, isoNow(core.now()), opts, take);
  errors.sort((a, b) => a.line - b.line);
  return { inserted, errors };
}
