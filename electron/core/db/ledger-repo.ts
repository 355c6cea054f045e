// Storage of ledger rows, driven by the declaration: conversion between domain values and SQLite columns,
// and the list query (year, filters, full-text search, sort, paging).

import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { isCaseKind, PARTY_NAMES_COLUMN } from '../../domain/case-file';
import type { FieldDef, LedgerDef, LedgerKind, Row, Value } from '../../domain/fields';
import { openAtSql } from '../../domain/rules';
import type { ListInput, RecordView } from '../../domain/api';
import { AppError } from '../errors';
import { canonicalCaseNo } from '../exchange/prepare';
import type { Db } from './connection';
import { searchText as joinSearchFields } from './migrations/search-text';
import { all, first, qb } from './query';

export interface StoredRow {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  manual: string[];
  values: Row;
  /** a row received in another unit's 数据包 (issue 20): its unit and package; read-only here. Absent for own rows. */
  unitId?: number;
  sourcePackage?: string | null;
}

/** A stored row as the API shows it (RecordView). */
export function view(kind: LedgerKind, s: StoredRow): RecordView {
  return { kind, ...s };
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
    manual: String(r.manual ?? '')
      .split(',')
      .filter(Boolean),
    values,
    ...(typeof r.unit_id === 'number' && r.unit_id !== 1 ? { unitId: r.unit_id, sourcePackage: (r.source_package as string | null) ?? null } : {}),
  };
}

/** The column holding a field's sort key (fields declared with `sortKey`: 案号, migration 7). */
export const sortColumn = (f: FieldDef): string => `${f.key}_sort`;

function sortValue(f: FieldDef, v: Value | undefined): string | null {
  return typeof v === 'string' && v !== '' ? f.sortKey!(v) : null;
}

const tableColumns = new WeakMap<Db, Map<string, Set<string>>>();
/**
 * The columns a ledger's table has in this file: a file is always migrated before the program writes to it, but
 * tests of the older migrations write to files made before later ones (migration 7's sort keys, migration 10's
 * case-file columns), so the writes below leave out fields whose column the file does not have yet.
 */
export function columnsOf(db: Db, kind: string): Set<string> {
  let byKind = tableColumns.get(db);
  if (!byKind) tableColumns.set(db, (byKind = new Map()));
  let cols = byKind.get(kind);
  if (!cols) byKind.set(kind, (cols = new Set(db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(kind) as string[])));
  return cols;
}

/** The declared fields stored in this file's table (all of them, once migrated). */
function storedFields(db: Db, def: LedgerDef): FieldDef[] {
  const cols = columnsOf(db, def.kind);
  return def.fields.filter((f) => cols.has(f.key));
}

/** The fields of a ledger sorted by a key of their own, whose key column the file has (migration 7). */
function sortKeyed(db: Db, def: LedgerDef): FieldDef[] {
  const cols = columnsOf(db, def.kind);
  return def.fields.filter((f) => f.sortKey && cols.has(sortColumn(f)));
}

export function getRow(db: Db, def: LedgerDef, id: string): StoredRow | undefined {
  const r = first(db, qb.selectFrom(def.kind).selectAll().where('id', '=', id));
  return r ? fromDbRow(def, r) : undefined;
}

export function insertRow(db: Db, def: LedgerDef, id: string, row: Row, manual: string[], now: string): void {
  const cols: Record<string, string | number | null> = { id, version: 1, created_at: now, updated_at: now, manual: manual.join(',') };
  for (const f of storedFields(db, def)) cols[f.key] = toColumn(f, row[f.key] ?? null);
  for (const f of sortKeyed(db, def)) cols[sortColumn(f)] = sortValue(f, row[f.key]);
  const c = qb.insertInto(def.kind).values(cols).compile();
  db.prepare(c.sql).run(...(c.parameters as unknown[]));
}

/**
 * Bulk import: one prepared insert for many rows, inside the caller's transaction. The rows are indexed for
 * search by one statement at the end (`finish`) instead of the per-row trigger, which stands aside while the
 * ledger is named in fts_batch (migration 5: three times faster at 1,000,000 rows).
 */
export function bulkInserter(db: Db, def: LedgerDef): { insert: (id: string, row: Row, manual: string[], now: string) => void; finish: () => void } {
  if (!db.inTransaction) throw new Error('bulkInserter must run inside a transaction');
  const keyedFields = sortKeyed(db, def);
  const fields = storedFields(db, def);
  const keys = [...fields.map((f) => f.key), ...keyedFields.map(sortColumn)];
  const stmt = db.prepare(
    `INSERT INTO ${def.kind} (id, version, created_at, updated_at, manual, ${keys.map((k) => `"${k}"`).join(', ')}) VALUES (?, 1, ?, ?, ?, ${keys.map(() => '?').join(', ')})`,
  );
  const from = (db.prepare(`SELECT max(rid) FROM ${def.kind}`).pluck().get() as number | null) ?? 0;
  db.prepare('INSERT INTO fts_batch (kind) VALUES (?)').run(def.kind);
  return {
    insert: (id, row, manual, now) => {
      stmt.run(id, now, now, manual.join(','), ...fields.map((f) => toColumn(f, row[f.key] ?? null)), ...keyedFields.map((f) => sortValue(f, row[f.key])));
    },
    finish: () => {
      db.prepare(
        `INSERT INTO ${def.kind}_fts (rowid, body) SELECT rid, ${searchBody(def, columnsOf(db, def.kind))} FROM ${def.kind} WHERE rid > ? AND deleted_at IS NULL`,
      ).run(from);
      db.prepare('DELETE FROM fts_batch WHERE kind = ?').run(def.kind);
    },
  };
}

export function updateRow(db: Db, def: LedgerDef, id: string, version: number, patch: Row, manual: string[] | null, now: string): void {
  const cols: Record<string, string | number | null> = { updated_at: now, version: version + 1 };
  if (manual) cols.manual = manual.join(',');
  for (const f of storedFields(db, def)) if (f.key in patch) cols[f.key] = toColumn(f, patch[f.key] ?? null);
  for (const f of sortKeyed(db, def)) if (f.key in patch) cols[sortColumn(f)] = sortValue(f, patch[f.key]);
  const c = qb.updateTable(def.kind).set(cols).where('id', '=', id).where('version', '=', version).compile();
  const res = db.prepare(c.sql).run(...(c.parameters as unknown[]));
  if (res.changes !== 1) throw new AppError('STALE', '该记录已被修改，请刷新后重试');
}

export function setDeleted(db: Db, def: LedgerDef, id: string, deletedAt: string | null, version: number, now: string): void {
  db.prepare(`UPDATE ${def.kind} SET deleted_at = ?, updated_at = ?, version = ? WHERE id = ?`).run(deletedAt, now, version + 1, id);
}

/** Live rows of this kind holding `caseNo`, other than `exceptId`. */
export function liveCaseNoOwner(db: Db, def: LedgerDef, caseNo: string, exceptId?: string): string | undefined {
  const r = db.prepare(`SELECT id FROM ${def.kind} WHERE "caseNo" = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1`).get(caseNo, exceptId ?? null) as
    { id: string } | undefined;
  return r?.id;
}

/**
 * The forms a search fragment is looked for in: as typed and, in the ledgers that write 案号 in one canonical
 * form when saving (复议, 应诉: exchange/prepare.ts canonicalInput), in that form too — the same function — so
 * `(2025)清复字` typed with half-width brackets finds the stored （2025）清复字, while text stored as typed (a name
 * with half-width brackets) is still found as typed.
 */
export function searchForms(def: LedgerDef, q: string): string[] {
  const t = q.trim();
  if (!def.fields.some((f) => f.unique)) return [t];
  const c = canonicalCaseNo(t);
  return c && c !== t ? [t, c] : [t];
}

/** Escape a user fragment for an FTS5 trigram phrase query. */
function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The fts5vocab view of a ledger's search index, made per connection in the temp schema (never stored). */
export function vocabTable(db: Db, kind: string): string {
  const name = `${kind}_fts_vocab`;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."${name}" USING fts5vocab(main, "${kind}_fts", row)`);
  return name;
}

/**
 * ftsSearch over every form of the fragment (searchForms), joined by OR; undefined when a form is shorter than
 * two characters (those are scanned).
 */
function searchFts(db: Db, def: LedgerDef, q: string): FtsSearch {
  const parts = searchForms(def, q).map((t) => ftsSearch(db, def.kind, t));
  if (parts.length === 1) return parts[0];
  const matches = parts.map((p) => p.match).filter((m): m is string => m !== null);
  return { match: matches.length ? matches.map((m) => `(${m})`).join(' OR ') : null, estimate: () => parts.reduce((n, p) => n + p.estimate(), 0) };
}

interface FtsSearch {
  /** the FTS5 query, or null when no row can match */
  match: string | null;
  /** an upper bound of the rows it matches, from the index's vocabulary (to choose how to search, not to show) */
  estimate: () => number;
}

/**
 * The FTS5 query for a fragment of two or more characters. Three characters and more are a trigram phrase. Two
 * characters are not a trigram, but since migration 2 every indexed text ends with a space, so a
 * two-character fragment occurs exactly where some trigram begins with it: the index's vocabulary gives those
 * trigrams, and the query is their OR. One character falls back to a scan (see textCondition).
 */
function ftsSearch(db: Db, kind: string, q: string): FtsSearch {
  const vocab = `temp."${vocabTable(db, kind)}"`;
  const lower = q.toLowerCase();
  const chars = [...lower];
  if (chars.length >= 3) {
    const docs = db.prepare(`SELECT doc FROM ${vocab} WHERE term = ?`).pluck();
    return {
      match: ftsPhrase(q),
      estimate: () => Math.min(...chars.slice(2).map((_, i) => (docs.get(chars.slice(i, i + 3).join('')) as number | undefined) ?? 0)),
    };
  }
  const terms = db.prepare(`SELECT term, doc FROM ${vocab} WHERE term >= ? AND term < ?`).all(lower, `${lower}\u{10ffff}`) as { term: string; doc: number }[];
  return { match: terms.length ? terms.map((t) => ftsPhrase(t.term)).join(' OR ') : null, estimate: () => terms.reduce((n, t) => n + t.doc, 0) };
}

/**
 * A WHERE condition for a text fragment. Live rows: the trigram index (it holds live rows only); `drive`
 * chooses whether the index's matches drive the query (`rid IN …`, best when nothing else narrows it) or are
 * only probed while another index is walked (`+rid IN …`: the unary plus keeps SQLite from driving by rowid,
 * best when a year range or an indexed sort order leads). Deleted rows (回收站) are few: their text columns
 * are scanned.
 */
export function textCondition(
  db: Db,
  def: LedgerDef,
  q: string,
  opts: { deleted?: boolean; drive?: 'fts' | 'index' | 'scan'; match?: string | null } = {},
): Expression<SqlBool> {
  const forms = searchForms(def, q);
  const likeAny = (target: RawBuilder<string> | RawBuilder<unknown>) =>
    sql.join(
      forms.map((t) => sql`${target} LIKE ${likePattern(t)} ESCAPE '\\'`),
      sql` OR `,
    );
  if (opts.deleted || opts.drive === 'scan') return sql<SqlBool>`(${likeAny(searchText(def, columnsOf(db, def.kind)))})`;
  const fts = sql.table(`${def.kind}_fts`);
  if (forms.some((t) => [...t].length < 2)) return sql<SqlBool>`rid IN (SELECT rowid FROM ${fts} WHERE ${likeAny(sql.raw('body'))})`;
  const match = opts.match !== undefined ? opts.match : searchFts(db, def, q).match;
  if (match === null) return sql<SqlBool>`0`;
  return sql<SqlBool>`${opts.drive === 'index' ? sql`+rid` : sql`rid`} IN (SELECT rowid FROM ${fts} WHERE body MATCH ${match})`;
}

/**
 * A row's searchable text exactly as the search index holds it (the triggers of migrations 2 and 5): the search
 * fields joined by a space, a space at the end. Field keys are identifiers of the declarations, not input.
 */
function searchBody(def: LedgerDef, has?: Set<string>): string {
  return `${joinSearchFields(
    searchColumns(def).filter((c) => !has || has.has(c)),
    '',
  )} || ' '`;
}

/**
 * The columns a ledger's search index holds, in the triggers' order: the declared `search` fields, then for a
 * 复议/应诉 case the names of its parties (`partyNames`, kept by the party API: migration 10, case-parties.ts).
 */
export function searchColumns(def: LedgerDef): string[] {
  const declared = def.fields.filter((f) => f.search).map((f) => f.key);
  return isCaseKind(def.kind) ? [...declared, PARTY_NAMES_COLUMN] : declared;
}

function searchText(def: LedgerDef, has?: Set<string>): RawBuilder<string> {
  return sql.raw<string>(searchBody(def, has));
}

/** Live rows of a year of the ★ date: a count inside its index. */
function yearCount(db: Db, def: LedgerDef, year: number): number {
  return db
    .prepare(`SELECT count(*) FROM ${def.kind} WHERE deleted_at IS NULL AND "${def.primaryDate}" BETWEEN ? AND ?`)
    .pluck()
    .get(`${year}-01-01`, `${year}-12-31`) as number;
}

/** Leading columns of the live-row indexes of a table (a sort on one of them can walk the index). */
const indexedCache = new WeakMap<Db, Map<string, Set<string>>>();
function indexedColumns(db: Db, kind: string): Set<string> {
  let byKind = indexedCache.get(db);
  if (!byKind) indexedCache.set(db, (byKind = new Map()));
  let cols = byKind.get(kind);
  if (!cols) {
    const names = db
      .prepare(
        `SELECT ii.name FROM sqlite_master AS m, pragma_index_info(m.name) AS ii
         WHERE m.type = 'index' AND m.tbl_name = ? AND ii.seqno = 0 AND m.sql LIKE '%WHERE deleted_at IS NULL'`,
      )
      .pluck()
      .all(kind) as string[];
    byKind.set(kind, (cols = new Set(names)));
  }
  return cols;
}

/**
 * A list's count, kept until the file changes. Counting every live row of a 400,000-row ledger walks a whole index
 * (~20 ms, 50 ms on a busy machine) and every page of the same list asks again: the pager's jump to page 4,000
 * or the last page would cost more for its count than for its rows (issue 16). A count stays valid while neither
 * this connection has changed a row (total_changes()) nor another has committed (PRAGMA data_version); counts
 * read inside a transaction are not kept (its rollback would not move either).
 */
const counts = new WeakMap<Db, { stamp: string; byQuery: Map<string, number> }>();
function cachedCount(db: Db, c: { sql: string; parameters: readonly unknown[] }): number {
  const fresh = () =>
    (db
      .prepare(c.sql)
      .pluck()
      .get(...(c.parameters as unknown[])) as number | undefined) ?? 0;
  // inside a transaction nothing is kept: a rollback leaves total_changes() where the changes took it
  if (db.inTransaction) {
    counts.delete(db);
    return fresh();
  }
  const stamp = `${db.pragma('data_version', { simple: true })}:${db.prepare('SELECT total_changes()').pluck().get()}`;
  let entry = counts.get(db);
  if (!entry || entry.stamp !== stamp) counts.set(db, (entry = { stamp, byQuery: new Map() }));
  const key = `${c.sql}\u0000${JSON.stringify(c.parameters)}`;
  let n = entry.byQuery.get(key);
  if (n === undefined) {
    n = fresh();
    if (entry.byQuery.size > 200) entry.byQuery.clear();
    entry.byQuery.set(key, n);
  }
  return n;
}

/** 在办 at the end of `end` by the rule the statistics count (domain/rules.ts): the report's 在办 link lists these rows. */
function openAtCondition(def: LedgerDef, end: string) {
  if (!isCaseKind(def.kind)) throw new AppError('INVALID_INPUT', `${def.shortName}没有“在办”的口径`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) throw new AppError('INVALID_INPUT', '在办的截止日期应为 YYYY-MM-DD');
  return sql<SqlBool>`${sql.raw(openAtSql(def.kind, `'${end}'`))}`;
}

/** The rows a list's input selects, in its order (rid and id only), and their count, worked out when asked for. */
/** A list's input with its scope resolved to unit ids (null or absent: no limit). */
export type ScopedList = ListInput & { units?: number[] | null };

function listQuery(db: Db, def: LedgerDef, input: Omit<ScopedList, 'page' | 'pageSize'> & Partial<Pick<ListInput, 'page' | 'pageSize'>>) {
  const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
  let q = qb.selectFrom(def.kind);
  q = input.deleted ? q.where('deleted_at', 'is not', null) : q.where('deleted_at', 'is', null);
  if (input.year !== undefined) {
    q = q.where(def.primaryDate, '>=', `${input.year}-01-01`).where(def.primaryDate, '<=', `${input.year}-12-31`);
  }
  // issue 20: the units the input's scope names, resolved by the caller (core/units.ts scopeIds; null = every
  // row: 本级, the default, adds nothing until a unit's package has come in)
  const units = input.units;
  if (units) q = q.where(sql.ref('unit_id'), 'in', units);
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
  if (input.openAt !== undefined) q = q.where(openAtCondition(def, input.openAt));
  const sortField = fieldOf.get(input.sort?.field && fieldOf.has(input.sort.field) ? input.sort.field : def.primaryDate)!;
  // 案号 sorts by its year and number (a key column kept on write, indexed): migration 7
  const sortKey = sortField.sortKey ? sortColumn(sortField) : sortField.key;
  const dir = input.sort?.dir === 'asc' ? 'asc' : 'desc';
  const text = input.q?.trim() ?? '';
  const deleted = !!input.deleted;

  const count = (x: typeof q) => cachedCount(db, x.select((eb) => eb.fn.countAll<number>().as('n')).compile());
  const narrowed = input.year !== undefined || input.openAt !== undefined || Object.keys(input.filters ?? {}).length > 0;
  const fts = text && !deleted && searchForms(def, text).every((t) => [...t].length >= 2) ? searchFts(db, def, text) : undefined;
  let total: () => number;
  let pageQ = q;
  // A one-character fragment is in no trigram of its own; scanning every row's text for it costs 600–1,000 ms at
  // 1,000,000 rows. With `recent` (Ctrl+K) it is looked for in the ledger's `recent` most recently entered live
  // rows only: one range scan of the search index's own copy of their text (FTS5 keeps it in <table>_content,
  // column c0, keyed by rid — the same text and the same LIKE as the scan above), newest first; the answer says
  // how many rows were searched when the ledger has more (docs/performance.md, issue 16).
  const window = text && !deleted && input.recent !== undefined && searchForms(def, text).some((t) => [...t].length < 2) ? input.recent : undefined;
  let within: number | undefined;
  if (window !== undefined) {
    const content = `"${def.kind}_fts_content"`;
    const forms = searchForms(def, text);
    const from = (db.prepare(`SELECT min(id) FROM (SELECT id FROM ${content} ORDER BY id DESC LIMIT ?)`).pluck().get(window) as number | null) ?? 0;
    const rids = db
      .prepare(`SELECT id FROM ${content} WHERE id >= ? AND (${forms.map(() => `c0 LIKE ? ESCAPE '\\'`).join(' OR ')}) ORDER BY id DESC`)
      .pluck()
      .all(from, ...forms.map(likePattern)) as number[];
    const live = db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM ${content} LIMIT ?)`)
      .pluck()
      .get(window + 1) as number;
    if (live > window) within = window;
    // a year or filters narrow the matches further (their rows are read); newest entered first, whatever the sort
    const narrowedHere = input.year !== undefined || input.openAt !== undefined || Object.keys(input.filters ?? {}).length > 0;
    const found = narrowedHere
      ? all<{ rid: number }>(
          db,
          q
            .where(sql<SqlBool>`rid IN (SELECT value FROM json_each(${JSON.stringify(rids)}))`)
            .select('rid')
            .orderBy('rid', 'desc'),
        ).map((r) => r.rid)
      : rids;
    return { found, ordered: q.orderBy('rid', 'desc'), reversed: q.orderBy('rid', 'asc'), total: () => found.length, within };
  }
  if (!text) {
    total = () => count(q);
  } else if (fts && !narrowed) {
    // nothing but the text: the count from the search index alone (it holds live rows only)
    total = () => (fts.match === null ? 0 : (db.prepare(`SELECT count(*) FROM "${def.kind}_fts" WHERE body MATCH ?`).pluck().get(fts.match) as number));
    pageQ = q.where(textCondition(db, def, text, { match: fts.match, drive: indexedColumns(db, def.kind).has(sortKey) ? 'index' : 'fts' }));
  } else {
    // Text with a year or filters. A fragment the index finds in more rows than the year holds (复字 is in every
    // case number) is checked on the year's rows themselves: building its set of matches — twice, for the count
    // and for the page — costs more than reading them. Otherwise the matches are probed while the year's date
    // index (the count) and the sort order (the page) are walked.
    const scan = deleted || (fts !== undefined && fts.match !== null && input.year !== undefined && fts.estimate() > yearCount(db, def, input.year));
    const cond = (drive: 'index' | 'fts') => textCondition(db, def, text, { deleted, match: fts?.match, drive: scan ? 'scan' : drive });
    total = () => count(q.where(cond(input.year !== undefined ? 'index' : 'fts')));
    pageQ = q.where(cond(indexedColumns(db, def.kind).has(sortKey) ? 'index' : 'fts'));
  }
  const ordered = pageQ.orderBy(sql.ref(sortKey), (ob) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast()).orderBy('rid', dir);
  // the same order backwards (empty values first): a page in the back half is read from the end (deep pages)
  const back = dir === 'asc' ? 'desc' : 'asc';
  const reversed = pageQ.orderBy(sql.ref(sortKey), (ob) => (back === 'asc' ? ob.asc() : ob.desc()).nullsFirst()).orderBy('rid', back);
  return { found: undefined as number[] | undefined, ordered, reversed, total, within: undefined as number | undefined };
}

export function listRows(db: Db, def: LedgerDef, input: ScopedList): { rows: StoredRow[]; total: number; within?: number } {
  const { found, ordered, reversed, total: countRows, within } = listQuery(db, def, input);
  const total = countRows();
  const pageSize = input.pageSize ?? 50;
  const page = input.page ?? 1;
  const start = (page - 1) * pageSize;
  const end = Math.min(start + pageSize, total);
  // The page's row ids first (the sort carries two columns, not whole rows), then those rows. OFFSET steps over
  // every row before the page, so a page past the middle (the pager's last page, page 4,000 of 400,000 rows) is
  // read from the other end in the reverse order and turned round: never more than half the rows are stepped over.
  const rids =
    start >= total
      ? []
      : found
        ? found.slice(start, end)
        : start > total - end
          ? all<{ rid: number }>(
              db,
              reversed
                .select('rid')
                .limit(end - start)
                .offset(total - end),
            )
              .map((r) => r.rid)
              .reverse()
          : all<{ rid: number }>(db, ordered.select('rid').limit(pageSize).offset(start)).map((r) => r.rid);
  const byRid = new Map(
    (db.prepare(`SELECT * FROM ${def.kind} WHERE rid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(rids)) as Record<string, unknown>[]).map((r) => [
      r.rid,
      r,
    ]),
  );
  const rows = rids.map((rid) => byRid.get(rid)!);
  return { rows: rows.map((r) => fromDbRow(def, r)), total, ...(within !== undefined ? { within } : {}) };
}

/** The ids of every row a list's input selects, in its order (an export of the filtered list): no row is read. */
export function listIds(db: Db, def: LedgerDef, input: Omit<ScopedList, 'page' | 'pageSize'>): string[] {
  const { found, ordered } = listQuery(db, def, input);
  if (found) {
    const idOf = db.prepare(`SELECT id FROM ${def.kind} WHERE rid = ?`).pluck();
    return found.map((rid) => idOf.get(rid) as string);
  }
  return all<{ id: string }>(db, ordered.select('id')).map((r) => r.id);
}
