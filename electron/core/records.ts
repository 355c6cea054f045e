// Writing ledger rows: every change validated by the declaration, in one transaction with its audit entry.

import { randomUUID } from 'node:crypto';
import type { RecordView } from '../domain/api';
import type { LedgerDef, LedgerKind, Row } from '../domain/fields';
import { LEDGERS } from '../domain/ledgers';
import { formatIssues, prepareRow, type PreparedRow } from '../domain/rows';
import { isoNow, type Core } from './core';
import { bulkInserter, getRow, insertRow, liveCaseNoOwner, liveCaseNos, setDeleted, updateRow, type StoredRow } from './db/ledger-repo';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';

export function view(kind: LedgerKind, s: StoredRow): RecordView {
  return { kind, ...s };
}

/**
 * A case number in its one written form, so （2025）复1号, (2025)复1号 and （２０２５） 复1号 are the same case:
 * full-width digits and letters to half-width, round brackets to the full-width （） that 案号 are written with
 * (最高人民法院关于人民法院案件案号的若干规定), no spaces. 〔〕 and [] are a different spelling and stay as typed.
 */
export function canonicalCaseNo(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '');
}

const CASE_NO_KEYS = new Set(['caseNo', 'priorCaseNo']);

/**
 * Case numbers of the input written canonically, in the ledgers where 案号 is unique (复议, 应诉); the input is
 * otherwise untouched and validated after.
 */
function canonicalInput(def: LedgerDef, values: unknown): unknown {
  if (!def.fields.some((f) => f.unique) || !values || typeof values !== 'object' || Array.isArray(values)) return values;
  const v = values as Record<string, unknown>;
  if (!Object.keys(v).some((k) => CASE_NO_KEYS.has(k) && typeof v[k] === 'string')) return values;
  const out: Record<string, unknown> = { ...v };
  for (const k of CASE_NO_KEYS) if (typeof out[k] === 'string') out[k] = canonicalCaseNo(out[k] as string);
  return out;
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

export function createRecord(core: Core, kind: LedgerKind, values: unknown): RecordView {
  const def = LEDGERS[kind];
  const p = prepareOrThrow(core, def, values);
  const id = randomUUID();
  const at = isoNow(core.now());
  core.db.transaction(() => {
    checkUnique(core, def, p.row);
    insertRow(core.db, def, id, p.row, p.manual, at);
    appendAudit(core.db, { at, actor: core.actor, action: '新建', kind, recordId: id, after: p.row, summary: String(p.row[def.titleField] ?? '') });
  })();
  return view(kind, mustGet(core, def, id));
}

export function updateRecord(core: Core, kind: LedgerKind, id: string, version: number, values: unknown): RecordView {
  const def = LEDGERS[kind];
  const p = prepareOrThrow(core, def, values);
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
  return view(kind, mustGet(core, def, id));
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
      appendAudit(core.db, { at, actor: core.actor, action: '彻底删除', kind, recordId: id, before: r.values, summary: String(r.values[def.titleField] ?? '') });
      count++;
    }
  })();
  return count;
}

const BIG_IMPORT = 2000;
const BIG_IMPORT_CACHE_KIB = -65536;

export interface RowError {
  /** the row number as the user sees it (sheet row, or 1-based index for JSON) */
  line: number;
  field: string | null;
  message: string;
}

export function formatRowError(e: RowError): string {
  return e.field ? `第${e.line}行 ${e.field}：${e.message}` : `第${e.line}行：${e.message}`;
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
  const labelOf = new Map(def.fields.map((f) => [f.key, f.label]));
  const errors = [...parseErrors];
  const prepared: { line: number; p: PreparedRow }[] = [];
  const unique = def.fields.some((f) => f.unique);
  const live = unique ? liveCaseNos(core.db, def) : new Set<string>();
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const r = prepareRow(def, canonicalInput(def, values), core.ctx());
    if (!r.ok) {
      for (const i of r.issues) errors.push({ line, field: labelOf.get(i.field) ?? null, message: i.message });
      continue;
    }
    if (unique) {
      const caseNo = r.value.row.caseNo as string | null;
      if (caseNo) {
        if (seen.has(caseNo)) errors.push({ line, field: '案号', message: `“${caseNo}”与第${seen.get(caseNo)}行重复` });
        else if (live.has(caseNo)) errors.push({ line, field: '案号', message: `“${caseNo}”已存在于${def.name}中` });
        seen.set(caseNo, seen.get(caseNo) ?? line);
      }
    }
    prepared.push({ line, p: r.value });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length || opts.dryRun) return { inserted: 0, errors };
  const at = isoNow(core.now());
  opts.onWrite?.();
  // A big import touches pages of every index (the random UUID key, dates, FTS) all over the file: with the
  // default 2 MB page cache most inserts miss. 64 MB for the duration of the import, then back.
  // Its COMMIT would also run SQLite's automatic checkpoint (WAL beyond 1,000 pages: copy ~6,000 pages into the
  // file and sync, 80–100 ms of a 10,000-row import); that happens after, in a worker (core.checkpointInBackground).
  const big = prepared.length >= BIG_IMPORT;
  const cache = big ? (core.db.pragma('cache_size', { simple: true }) as number) : null;
  const autoCheckpoint = big ? (core.db.pragma('wal_autocheckpoint', { simple: true }) as number) : null;
  if (cache !== null) core.db.pragma(`cache_size = ${BIG_IMPORT_CACHE_KIB}`);
  if (autoCheckpoint !== null) core.db.pragma('wal_autocheckpoint = 0');
  try {
    core.db.transaction(() => {
      const newId = opts.newId ?? randomUUID;
      const bulk = bulkInserter(core.db, def);
      for (const { p } of prepared) bulk.insert(newId(), p.row, p.manual, at);
      bulk.finish();
      appendAudit(core.db, {
        at, actor: core.actor, action: '导入', kind,
        summary: `${opts.source ? `从“${opts.source}”` : ''}导入${def.shortName} ${prepared.length} 条`,
      });
    })();
  } finally {
    if (cache !== null) core.db.pragma(`cache_size = ${cache}`);
    if (autoCheckpoint !== null) {
      core.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      core.checkpointInBackground();
    }
  }
  return { inserted: prepared.length, errors: [] };
}
