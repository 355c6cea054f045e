// Writing ledger rows: every change validated by the declaration, in one transaction with its audit entry.

import { randomUUID } from 'node:crypto';
import type { ImportUpdate, RecordView } from '../domain/api';
import type { LedgerDef, LedgerKind, Row } from '../domain/fields';
import { LEDGERS } from '../domain/ledgers';
import { formatIssues, keepSettled, prepareRow, type PreparedRow } from '../domain/rows';
import { isoNow, type Core } from './core';
import { recordKey } from '../domain/sheet-mapping';
import { bulkInserter, fromDbRow, getRow, insertRow, liveCaseNoOwner, setDeleted, updateRow, view, type StoredRow } from './db/ledger-repo';
import { AppError } from './errors';
import { canonicalInput, fieldLabels, prepareImportRow, type RowError } from './exchange/prepare';
import { appendAudit } from './safety/audit';
import { purgeCaseDocs } from './case-docs';
import { purgeCaseFile, withDerivedSuspension } from './case-file';
import { isCaseKind } from '../domain/case-file';
import { recordImport, type ImportTrail } from './import-undo';
import { refuseForeign } from './units';

export { type RowError } from './exchange/prepare';

// a stored row as the API shows it; in the db layer so that case-file.ts need not import this module (no cycle)
export { view };

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
    refuseForeign(core.db, kind, [id]);
    const current = mustGet(core, def, id);
    if (current.deletedAt) throw new AppError('NOT_FOUND', '该记录已被删除，请先从回收站恢复后再修改');
    if (current.version !== version) {
      throw new AppError(
        'STALE',
        `该记录在您打开之后已被修改（您编辑的是第 ${version} 版，当前为第 ${current.version} 版，最后修改于 ${current.updatedAt.slice(0, 19).replace('T', ' ')}）。为避免覆盖他人的修改，本次保存未生效；请对照两个版本后重新保存。`,
        { current: view(kind, current), yours: p.row },
      );
    }
    // a settled deadline keeps its date through an edit that does not touch what it is computed from (rows.ts)
    keepSettled(def, current.values, p, core.ctx());
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
    refuseForeign(core.db, kind, ids);
    for (const id of ids) {
      const r = mustGet(core, def, id);
      if (!!r.deletedAt === deleted) continue;
      if (!deleted) checkUnique(core, def, r.values, id);
      setDeleted(core.db, def, id, deleted ? at : null, r.version, at);
      appendAudit(core.db, {
        at,
        actor: core.actor,
        action: deleted ? '删除' : '恢复',
        kind,
        recordId: id,
        summary: String(r.values[def.titleField] ?? ''),
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
    refuseForeign(core.db, kind, ids);
    for (const id of ids) {
      const r = mustGet(core, def, id);
      if (!r.deletedAt) throw new AppError('VALIDATION', `“${String(r.values[def.titleField] ?? id)}”不在回收站中：只能彻底删除已删除的记录`);
      core.db.prepare(`DELETE FROM ${kind} WHERE id = ?`).run(id);
      // a case's file goes with it (the audit entry keeps its parties and 中止 periods)
      const file = isCaseKind(kind) ? purgeCaseFile(core, kind, id) : undefined;
      // and its 文书 log and 送达 (migration 12; the documents' bytes are not kept in the entry)
      const docs = isCaseKind(kind) ? purgeCaseDocs(core, kind, id) : undefined;
      appendAudit(core.db, {
        at,
        actor: core.actor,
        action: '彻底删除',
        kind,
        recordId: id,
        before: file || docs ? { ...r.values, ...file, ...docs } : r.values,
        summary: String(r.values[def.titleField] ?? ''),
      });
      count++;
    }
  })();
  return count;
}

const BIG_IMPORT = 2000;
/**
 * The page cache of a big import, in KiB: 4 KiB a row, from 64 MB up to 256 MB. Below it, pages written early are
 * spilled to the WAL and written again when touched later; 50,000 rows into a 1,000,000-row file took 0.2 s less
 * with 256 MB than with 64 MB (whole CLI process, 3.4 vs 3.6 s, idle; peak RSS unchanged at ~410 MB, the worker's
 * read of the sheet is the peak). SQLite takes the pages only as they are used, and gives them back after.
 */
const importCacheKib = (rows: number) => Math.min(256 * 1024, Math.max(64 * 1024, rows * 4));

export function formatRowError(e: RowError): string {
  return e.field ? `第${e.line}行 ${e.field}：${e.message}` : `第${e.line}行：${e.message}`;
}

/** What an import does with a row whose record already exists (DOMAIN.md §10): refuse (undefined), update, skip. */
export type ExistingMode = 'update' | 'skip';

/** A row of the import that is a record already there: its values from the sheet (non-empty cells). */
export interface ImportMatch {
  line: number;
  id: string;
  given: Row;
}

/**
 * The live records of a ledger by their re-import key (sheet-mapping.recordKey: 案号, else title + date), loaded
 * in one query; null where several share one key.
 */
export function existingKeys(core: Core, def: LedgerDef): Map<string, { id: string; version: number } | null> {
  const hasCaseNo = def.fields.some((f) => f.key === 'caseNo');
  const cols = hasCaseNo ? '"caseNo"' : `"${def.titleField}", "${def.primaryDate}"`;
  const rows = core.db.prepare(`SELECT id, version, ${cols} FROM ${def.kind} WHERE deleted_at IS NULL`).all() as Record<string, unknown>[];
  const out = new Map<string, { id: string; version: number } | null>();
  for (const r of rows) {
    const k = recordKey(def, r);
    if (k === null) continue;
    out.set(k, out.has(k) ? null : { id: r.id as string, version: r.version as number });
  }
  return out;
}

/**
 * The keys an import matches against: 案号 always (a 案号 is unique: one already there is never inserted again);
 * title + date only when the user chose what to do with records already there — without a choice such a ledger
 * imports every row as before (a second batch of contracts is not refused because two share a title and a day),
 * and a big import does not pay for loading every key (docs/decisions.md).
 */
export function importKeys(core: Core, def: LedgerDef, mode: ExistingMode | undefined): ReturnType<typeof existingKeys> {
  return def.fields.some((f) => f.unique) || mode ? existingKeys(core, def) : new Map();
}

/**
 * Each valid row of one import taken in line order: new, a record already there (a match: updated or skipped
 * under `mode`), or a problem — a 案号 twice in the file, a record already there with no mode chosen, a key that
 * several records share. Keys are loaded once (existingKeys), never a query a row.
 */
function rowMatcher(core: Core, def: LedgerDef, mode: ExistingMode | undefined, keys?: ReturnType<typeof existingKeys>) {
  const unique = def.fields.some((f) => f.unique);
  const existing = keys ?? importKeys(core, def, mode);
  const seen = new Map<string, number>();
  // a ledger without 案号 and no record to match: nothing to look at (a plain import of contracts)
  if (!unique && !existing.size) return (): null => null;
  return (line: number, row: Row): RowError | { id: string } | null => {
    const key = recordKey(def, row);
    if (key === null) return null;
    const there = existing.get(key);
    if (!unique && there === undefined) return null;
    const first = seen.get(key);
    seen.set(key, first ?? line);
    const what = unique ? `“${String(row.caseNo)}”` : `“${String(row[def.titleField])}”（${String(row[def.primaryDate])}）`;
    const field = unique ? '案号' : null;
    if (first !== undefined) return { line, field, message: `${what}与第${first}行重复` };
    if (there === undefined) return null;
    if (there === null) return { line, field, message: `${what}在${def.name}中有多条记录，无法确定更新哪一条` };
    if (!mode) return { line, field, message: `${what}已存在于${def.name}中（重新导入时请选择更新或跳过已有记录）` };
    return { id: there.id };
  };
}

function textOf(v: Row[string] | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

/**
 * The matched records with the sheet's values over theirs (an empty cell keeps what is there: the program never
 * deletes user data), validated as a save would be; derived values not set by hand are computed afresh.
 */
function planUpdates(core: Core, def: LedgerDef, matches: ImportMatch[], errors: RowError[], versions?: Record<string, number>) {
  const labelOf = fieldLabels(def);
  const ctx = core.ctx();
  const out: { line: number; current: StoredRow; p: PreparedRow; before: Row; after: Row }[] = [];
  const current = new Map<string, StoredRow>();
  const ids = matches.map((m) => m.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const r of core.db.prepare(`SELECT * FROM ${def.kind} WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Record<string, unknown>[]) {
      const s = fromDbRow(def, r);
      current.set(s.id, s);
    }
  }
  for (const m of matches) {
    const c = current.get(m.id);
    if (!c || c.deletedAt) {
      errors.push({ line: m.line, field: null, message: '要更新的记录已被删除，请重新导入' });
      continue;
    }
    if (versions && versions[m.id] !== undefined && versions[m.id] !== c.version) {
      errors.push({
        line: m.line,
        field: null,
        message: `要更新的记录在预览之后已被修改（预览时第 ${versions[m.id]} 版，现为第 ${c.version} 版），请重新预览后再导入`,
      });
      continue;
    }
    const merged: Row = { ...c.values };
    for (const f of def.fields) if (f.derived && !c.manual.includes(f.key)) merged[f.key] = null;
    for (const [k, v] of Object.entries(m.given)) if (v !== null && v !== '' && k !== 'note') merged[k] = v;
    // the sheet's 备注 is added to the record's, not put in its place
    const note = m.given.note;
    if (typeof note === 'string' && note && !String(c.values.note ?? '').includes(note)) merged.note = [c.values.note, note].filter(Boolean).join('；');
    const p = prepareImportRow(def, labelOf, m.line, merged, ctx, errors);
    if (!p) continue;
    keepSettled(def, c.values, p, ctx);
    const d = diff(c.values, p.row);
    out.push({ line: m.line, current: c, p, ...d });
  }
  return out;
}

function describeUpdates(def: LedgerDef, planned: ReturnType<typeof planUpdates>): ImportUpdate[] {
  const labelOf = fieldLabels(def);
  return planned
    .filter((u) => Object.keys(u.after).length)
    .map((u) => ({
      line: u.line,
      id: u.current.id,
      version: u.current.version,
      title: String(u.p.row[def.titleField] ?? ''),
      changes: Object.keys(u.after).map((k) => ({ field: labelOf.get(k) ?? k, before: textOf(u.before[k]), after: textOf(u.after[k]) })),
    }));
}

/** Inside the import's transaction: each changed record updated at its version, with its own audit entry. */
function writeUpdates(core: Core, def: LedgerDef, planned: ReturnType<typeof planUpdates>, at: string, source?: string, trail?: ImportTrail): number {
  let n = 0;
  for (const u of planned) {
    if (!Object.keys(u.after).length) continue;
    updateRow(core.db, def, u.current.id, u.current.version, u.p.row, u.p.manual, at);
    trail?.updated.push({ id: u.current.id, version: u.current.version + 1, before: { values: u.current.values, manual: u.current.manual } });
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '修改',
      kind: def.kind,
      recordId: u.current.id,
      before: u.before,
      after: u.after,
      summary: `${String(u.p.row[def.titleField] ?? '')}（${source ? `从“${source}”` : ''}导入时更新）`,
    });
    n++;
  }
  return n;
}

/** What an import did besides inserting: records updated, skipped as they were, or the same already. */
export interface ImportOutcome {
  inserted: number;
  errors: RowError[];
  updated: number;
  skipped: number;
  unchanged: number;
  /** the records the sheet would change (update or skip), as the preview shows them */
  updates: ImportUpdate[];
  /** the import's number for 撤销本次导入 (import-undo.ts), when it wrote something */
  importId?: number;
  /** problems `alsoWrite` found (the 当事人 sheet), already worded: nothing was written */
  alsoErrors?: string[];
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
  opts: { source?: string; newId?: () => string; undoable?: boolean; alsoWrite?: () => string[] },
  produce: (insert: (row: Row, manual: string[]) => void) => boolean,
  /** after every row was inserted: the updates of the import (into the trail); false when they found a problem (rollback) */
  update?: (trail: ImportTrail) => number | false,
): { inserted: number; updated: number; importId?: number; alsoErrors?: string[] } {
  // A big import touches pages of every index (the random UUID key, dates, FTS) all over the file: with the
  // default 2 MB page cache most inserts miss. 64–256 MB (importCacheKib) for the duration of the import, then back.
  // Its COMMIT would also run SQLite's automatic checkpoint (WAL beyond 1,000 pages: copy ~6,000 pages into the
  // file and sync, 80–100 ms of a 10,000-row import); that happens after, in a worker (core.checkpointInBackground).
  const big = expected >= BIG_IMPORT;
  const cache = big ? (core.db.pragma('cache_size', { simple: true }) as number) : null;
  const autoCheckpoint = big ? (core.db.pragma('wal_autocheckpoint', { simple: true }) as number) : null;
  if (cache !== null) core.db.pragma(`cache_size = -${importCacheKib(expected)}`);
  if (autoCheckpoint !== null) core.db.pragma('wal_autocheckpoint = 0');
  let count = 0;
  let updated = 0;
  let importId: number | undefined;
  let alsoErrors: string[] | undefined;
  const ridNow = () => (core.db.prepare(`SELECT max(rid) FROM ${def.kind}`).pluck().get() as number | null) ?? 0;
  const trail: ImportTrail = { inserted: 0, ridFrom: 0, ridTo: 0, updated: [] };
  try {
    core.db.transaction(() => {
      const newId = opts.newId ?? randomUUID;
      const bulk = bulkInserter(core.db, def);
      trail.ridFrom = ridNow();
      const ok = produce((row, manual) => {
        bulk.insert(newId(), row, manual, at);
        count++;
      });
      trail.ridTo = ridNow();
      trail.inserted = count;
      if (!ok) throw ROLLBACK;
      bulk.finish();
      const u = update ? update(trail) : 0;
      if (u === false) throw ROLLBACK;
      updated = u;
      const more = opts.alsoWrite?.() ?? [];
      if (more.length) {
        alsoErrors = more;
        throw ROLLBACK;
      }
      // the import's own record of what it wrote (migration 11): undone by itself, no full backup before it
      if (opts.undoable !== false && (count || updated)) importId = recordImport(core, def.kind, opts.source || '（直接提交的数据）', at, trail);
      appendAudit(core.db, {
        at,
        actor: core.actor,
        action: '导入',
        kind: def.kind,
        summary: `${opts.source ? `从“${opts.source}”` : ''}导入${def.shortName} ${count} 条${updated ? `，更新已有记录 ${updated} 条` : ''}${importId ? `（导入编号 ${importId}，可撤销）` : ''}`,
      });
    })();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
    count = 0;
    updated = 0;
    importId = undefined;
  } finally {
    if (cache !== null) core.db.pragma(`cache_size = ${cache}`);
    if (autoCheckpoint !== null) {
      core.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      core.checkpointInBackground();
    }
  }
  return { inserted: count, updated, importId, ...(alsoErrors ? { alsoErrors } : {}) };
}

/** Options of an import: `existing` what to do with records already there; `versions` the ones the preview showed. */
export interface ImportOptions {
  dryRun?: boolean;
  source?: string;
  onWrite?: () => void;
  newId?: () => string;
  existing?: ExistingMode;
  versions?: Record<string, number>;
  /** false: no undo record (scripts/seed.ts's synthetic rows); every import a user makes can be undone */
  undoable?: boolean;
  /** rows written so far of how many (core.withProgress) */
  progress?: (done: number, total: number) => void;
  /**
   * Inside the import's transaction, once its rows and updates are written: more of the same file to write (a
   * 复议/应诉 workbook's 当事人 sheet, which names the cases by 案号 and so needs them there). Problems it returns
   * undo the whole import and are reported (ImportOutcome.alsoErrors). Not called when the rows have problems.
   */
  alsoWrite?: () => string[];
}

/** The matches turned into updates (or skipped), after every row was taken: the outcome's counts and list. */
function settle(core: Core, def: LedgerDef, matches: ImportMatch[], errors: RowError[], opts: ImportOptions) {
  // skipped records are left as they are: what the sheet would have made of them is no reason to refuse
  const planned = matches.length ? planUpdates(core, def, matches, opts.existing === 'skip' ? [] : errors, opts.versions) : [];
  const updates = describeUpdates(def, planned);
  const unchanged = planned.length - updates.length;
  return { planned, updates, unchanged, skipped: opts.existing === 'skip' ? matches.length - unchanged : 0 };
}

/**
 * Validate every row, then insert all of them in one transaction, or nothing at all. A row whose record is
 * already there is updated or skipped under `opts.existing` (refused without it); updates are written in the
 * same transaction, each at its version with its own audit entry.
 * `rows` carry typed values and the line the user sees; parse errors from the file come in `parseErrors`.
 */
export function importRecords(
  core: Core,
  kind: LedgerKind,
  rows: { line: number; values: Row }[],
  parseErrors: RowError[] = [],
  opts: ImportOptions = {},
): ImportOutcome {
  const def = LEDGERS[kind];
  const labelOf = fieldLabels(def);
  const errors = [...parseErrors];
  const prepared: PreparedRow[] = [];
  const matches: ImportMatch[] = [];
  const match = rowMatcher(core, def, opts.existing);
  const ctx = core.ctx();
  for (const { line, values } of rows) {
    const p = prepareImportRow(def, labelOf, line, values, ctx, errors);
    if (!p) continue;
    const m = match(line, p.row);
    if (m && 'id' in m) matches.push({ line, id: m.id, given: canonicalInput(def, values) as Row });
    else if (m) errors.push(m);
    else prepared.push(p);
  }
  const s = settle(core, def, matches, errors, opts);
  errors.sort((a, b) => a.line - b.line);
  const base = { updates: s.updates, unchanged: s.unchanged, skipped: s.skipped };
  if (errors.length || opts.dryRun) return { inserted: 0, updated: 0, errors, ...base };
  const at = isoNow(core.now());
  opts.onWrite?.();
  const w = writeImport(
    core,
    def,
    prepared.length,
    at,
    opts,
    (insert) => {
      let done = 0;
      for (const p of prepared) {
        insert(p.row, p.manual);
        if (++done % 5000 === 0) opts.progress?.(done, prepared.length);
      }
      return true;
    },
    (trail) => (opts.existing === 'update' ? writeUpdates(core, def, s.planned, at, opts.source, trail) : 0),
  );
  return { inserted: w.inserted, updated: w.updated, importId: w.importId, errors: [], ...base, ...(w.alsoErrors ? { alsoErrors: w.alsoErrors } : {}) };
}

/** Rows of an import validated elsewhere (the import worker), a chunk at a time, with the problems found there. */
export interface ImportChunk {
  /** given: the row's values as read from the sheet, sent for rows whose key is one of existingKeys */
  rows: { line: number; row: Row; manual: string[]; given?: Row }[];
  errors: RowError[];
}

/**
 * importRecords over rows validated elsewhere and received a chunk at a time from `next` (null: no more), so
 * inserting overlaps their validation: the transaction is opened before the first chunk and rolled back when
 * any problem turns up, after every chunk was taken so the report lists all of them. `next` must not yield to
 * the event loop (exchange/pipeline.ts receives synchronously): other calls share the connection.
 * Same rows, audit entry, updates and problems as importRecords given the same rows; `existing`: the keys the
 * worker was given (so its `given` values are there for every match).
 */
export function importChunks(
  core: Core,
  kind: LedgerKind,
  expected: number,
  next: () => ImportChunk | null,
  opts: ImportOptions & { keys?: ReturnType<typeof existingKeys> } = {},
): ImportOutcome {
  const def = LEDGERS[kind];
  const match = rowMatcher(core, def, opts.existing, opts.keys);
  const errors: RowError[] = [];
  const matches: ImportMatch[] = [];
  let taken = 0;
  const take = (insert?: (row: Row, manual: string[]) => void): boolean => {
    for (let c = next(); c; c = next()) {
      taken += c.rows.length + c.errors.length;
      opts.progress?.(Math.min(taken, expected), expected);
      for (const e of c.errors) errors.push(e);
      for (const r of c.rows) {
        const m = match(r.line, r.row);
        if (m && 'id' in m) matches.push({ line: r.line, id: m.id, given: r.given ?? {} });
        else if (m) errors.push(m);
        else if (insert && !errors.length) insert(r.row, r.manual);
      }
    }
    return !errors.length;
  };
  let s: ReturnType<typeof settle> | null = null;
  const settleOnce = () => (s ??= settle(core, def, matches, errors, opts));
  let w: { inserted: number; updated: number; importId?: number; alsoErrors?: string[] } = { inserted: 0, updated: 0 };
  if (opts.dryRun) {
    take();
    settleOnce();
  } else {
    const at = isoNow(core.now());
    w = writeImport(core, def, expected, at, opts, take, (trail) => {
      const r = settleOnce();
      if (errors.length) return false;
      return opts.existing === 'update' ? writeUpdates(core, def, r.planned, at, opts.source, trail) : 0;
    });
  }
  // a file with problems in its rows: the updates were not planned inside the transaction
  const r = settleOnce();
  errors.sort((a, b) => a.line - b.line);
  return {
    inserted: w.inserted,
    updated: w.updated,
    importId: w.importId,
    errors,
    updates: r.updates,
    unchanged: r.unchanged,
    skipped: r.skipped,
    ...(w.alsoErrors ? { alsoErrors: w.alsoErrors } : {}),
  };
}
