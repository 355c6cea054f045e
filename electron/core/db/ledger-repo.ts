// Storage of ledger rows, driven by the declaration: conversion between domain values and SQLite columns,
// and the list query (year, filters, full-text search, sort, paging).

import { sql, type Expression, type SqlBool } from 'kysely';
import type { FieldDef, LedgerDef, Row, Value } from '../../domain/fields';
import type { ListInput } from '../../domain/api';
import { AppError } from '../errors';
import type { Db } from './connection';
import { all, first, qb } from './query';

export interface StoredRow {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  manual: string[];
  values: Row;
}

export const MULTI_SEP = '、';

export function toColumn(f: FieldDef, v: Value): string | number | null {
  if (v === null || v === undefined) return null;
  if (f.type === 'bool') return v ? 1 : 0;
  if (f.type === 'multiEnum') return Array.isArray(v) && v.length ? v.join(MULTI_SEP) : null;
  return v as string | number;
}

export function fromColumn(f: FieldDef, v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (f.type === 'bool') return v === 1;
  if (f.type === 'multiEnum') return String(v).split(MULTI_SEP).filter(Boolean);
  return v as string | number;
}

export function fromDbRow(def: LedgerDef, r: Record<string, unknown>): StoredRow {
  const values: Row = {};
  for (const f of def.fields) values[f.key] = fromColumn(f, r[f.key]);
  return {
    id: r.id as string,
    version: r.version as number,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    deletedAt: (r.deleted_at as string | null) ?? null,
    manual: String(r.manual ?? '').split(',').filter(Boolean),
    values,
  };
}

export function getRow(db: Db, def: LedgerDef, id: string): StoredRow | undefined {
  const r = first(db, qb.selectFrom(def.kind).selectAll().where('id', '=', id));
  return r ? fromDbRow(def, r) : undefined;
}

export function insertRow(db: Db, def: LedgerDef, id: string, row: Row, manual: string[], now: string): void {
  const cols: Record<string, unknown> = { id, version: 1, created_at: now, updated_at: now, manual: manual.join(',') };
  for (const f of def.fields) cols[f.key] = toColumn(f, row[f.key] ?? null);
  const c = qb.insertInto(def.kind).values(cols).compile();
  db.prepare(c.sql).run(...(c.parameters as unknown[]));
}

/** A prepared insert statement for bulk import: one statement, many rows. */
export function bulkInserter(db: Db, def: LedgerDef): (id: string, row: Row, manual: string[], now: string) => void {
  const keys = def.fields.map((f) => f.key);
  const stmt = db.prepare(
    `INSERT INTO ${def.kind} (id, version, created_at, updated_at, manual, ${keys.map((k) => `"${k}"`).join(', ')}) VALUES (?, 1, ?, ?, ?, ${keys.map(() => '?').join(', ')})`,
  );
  return (id, row, manual, now) => {
    stmt.run(id, now, now, manual.join(','), ...def.fields.map((f) => toColumn(f, row[f.key] ?? null)));
  };
}

export function updateRow(db: Db, def: LedgerDef, id: string, version: number, patch: Row, manual: string[] | null, now: string): void {
  const cols: Record<string, unknown> = { updated_at: now, version: version + 1 };
  if (manual) cols.manual = manual.join(',');
  for (const f of def.fields) if (f.key in patch) cols[f.key] = toColumn(f, patch[f.key] ?? null);
  const c = qb.updateTable(def.kind).set(cols).where('id', '=', id).where('version', '=', version).compile();
  const res = db.prepare(c.sql).run(...(c.parameters as unknown[]));
  if (res.changes !== 1) throw new AppError('STALE', '该记录已被修改，请刷新后重试');
}

export function setDeleted(db: Db, def: LedgerDef, id: string, deletedAt: string | null, version: number, now: string): void {
  db.prepare(`UPDATE ${def.kind} SET deleted_at = ?, updated_at = ?, version = ? WHERE id = ?`).run(deletedAt, now, version + 1, id);
}

/** Live rows of this kind holding `caseNo`, other than `exceptId`. */
export function liveCaseNoOwner(db: Db, def: LedgerDef, caseNo: string, exceptId?: string): string | undefined {
  const r = db
    .prepare(`SELECT id FROM ${def.kind} WHERE "caseNo" = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1`)
    .get(caseNo, exceptId ?? null) as { id: string } | undefined;
  return r?.id;
}

export function liveCaseNos(db: Db, def: LedgerDef): Set<string> {
  return new Set(db.prepare(`SELECT "caseNo" FROM ${def.kind} WHERE deleted_at IS NULL AND "caseNo" IS NOT NULL`).pluck().all() as string[]);
}

/** Escape a user fragment for an FTS5 trigram phrase query. */
function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A WHERE condition for a text fragment: FTS5 trigram index for 3+ characters, a scan of the index text below. */
export function textCondition(kind: string, q: string): Expression<SqlBool> {
  const t = q.trim();
  if ([...t].length >= 3) {
    return sql<SqlBool>`rid IN (SELECT rowid FROM ${sql.table(`${kind}_fts`)} WHERE body MATCH ${ftsPhrase(t)})`;
  }
  return sql<SqlBool>`rid IN (SELECT rowid FROM ${sql.table(`${kind}_fts`)} WHERE body LIKE ${likePattern(t)} ESCAPE '\\')`;
}

export function listRows(db: Db, def: LedgerDef, input: ListInput): { rows: StoredRow[]; total: number } {
  const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
  let q = qb.selectFrom(def.kind);
  q = input.deleted ? q.where('deleted_at', 'is not', null) : q.where('deleted_at', 'is', null);
  if (input.year !== undefined) {
    q = q.where(def.primaryDate, '>=', `${input.year}-01-01`).where(def.primaryDate, '<=', `${input.year}-12-31`);
  }
  for (const [key, cond] of Object.entries(input.filters ?? {})) {
    const f = fieldOf.get(key);
    if (!f) throw new AppError('INVALID_INPUT', `筛选条件中的字段“${key}”不存在`);
    if (cond === null) {
      q = q.where(key, 'is', null);
    } else if (typeof cond === 'object' && !Array.isArray(cond)) {
      if (f.type !== 'date' && f.type !== 'int' && f.type !== 'decimal') throw new AppError('INVALID_INPUT', `“${f.label}”不能按范围筛选`);
      if (cond.from !== undefined && cond.from !== null) q = q.where(key, '>=', cond.from);
      if (cond.to !== undefined && cond.to !== null) q = q.where(key, '<=', cond.to);
    } else {
      const values = (Array.isArray(cond) ? cond : [cond]).map((v) => toColumn(f, v as Value));
      if (f.type === 'multiEnum') {
        // any of the chosen items present
        q = q.where((eb) => eb.or(values.map((v) => eb(sql`${MULTI_SEP} || ${sql.ref(key)} || ${MULTI_SEP}`, 'like', `%${MULTI_SEP}${v}${MULTI_SEP}%`))));
      } else if (values.length === 1) {
        q = q.where(key, '=', values[0]);
      } else {
        q = q.where(key, 'in', values);
      }
    }
  }
  if (input.q && input.q.trim()) q = q.where(textCondition(def.kind, input.q));

  const total = (first<{ n: number }>(db, q.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const sortKey = input.sort?.field && fieldOf.has(input.sort.field) ? input.sort.field : def.primaryDate;
  const dir = input.sort?.dir === 'asc' ? 'asc' : 'desc';
  const pageSize = input.pageSize ?? 50;
  const page = input.page ?? 1;
  const rows = all(
    db,
    q.selectAll().orderBy(sql.ref(sortKey), (ob) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast()).orderBy('rid', dir).limit(pageSize).offset((page - 1) * pageSize),
  );
  return { rows: rows.map((r) => fromDbRow(def, r)), total };
}
