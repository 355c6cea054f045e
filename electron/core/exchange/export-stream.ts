// Exports that stream (issue 16): the rows are read from SQLite a page at a time and each row is written to the
// .xlsx as soon as it is read (exceljs's streaming WorkbookWriter), so memory stays flat whatever the size of the
// ledger — a year of 案卷评查 (40,000 rows) or a whole ledger (400,000) both in well under 300 MB
// (docs/performance.md). The file is written beside its destination under a temporary name and renamed when
// complete: a failed or interrupted export never leaves a half-written file under the name the user chose.
//
// Pages, not one cursor: better-sqlite3 keeps a connection busy while an iterator is open, and the app and browser
// mode share their connection with every other call. So the ordered row ids are listed first (integers, a few MB
// for the largest ledger) and the rows fetched by id, PAGE at a time, each page read to its end before the writer
// is given time to flush.

import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { FieldDef, Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import type { Core } from '../core';
import { fromDbRow } from '../db/ledger-repo';
import { scopeCondition } from '../units';
import { UNIT_COLUMN } from '../../domain/units';
import { exportCell } from './cells';
import type { ExchangeKind } from './parse';

/** Rows fetched per query. */
export const PAGE = 1000;

export interface ExportQuery {
  year?: number;
  /** exactly these live records, in this order */
  ids?: string[];
  /** rows read so far of how many, after each page (core.withProgress) */
  progress?: (done: number, total: number) => void;
  /** issue 20: 本级 (default: every row until a unit's 数据包 has come in), 全部, or a unit */
  scope?: string;
  /** issue 20: each unit's name by id (units.ts unitNames): each row gets its unit's name under UNIT_FIELD's key */
  unitNames?: Map<number, string> | null;
}

/** The 填报单位 column of an export (domain/units.ts UNIT_COLUMN): not a ledger field, the row's unit's name. */
export const UNIT_FIELD: FieldDef = { key: '@unit', label: UNIT_COLUMN, type: 'text', section: '基本信息', width: 12 };

/** The records of an export, a page at a time (each a finished query: nothing stays open between pages). */
export function* exportPages(core: Core, kind: ExchangeKind, opts: ExportQuery): Generator<Row[]> {
  if (kind === 'indicator' || kind === 'material') {
    // one row per indicator or material of a year: a few hundred at most
    const table = kind === 'indicator' ? 'indicators' : 'materials';
    const col = kind === 'indicator' ? 'value' : 'content';
    yield core.db
      .prepare(`SELECT year, name, ${col} AS "${col}" FROM ${table} ${opts.year ? 'WHERE year = ?' : ''} ORDER BY year, name`)
      .all(...(opts.year ? [opts.year] : [])) as Row[];
    return;
  }
  const def = LEDGERS[kind];
  const where = ['deleted_at IS NULL'];
  const units = scopeCondition(core.db, opts.scope).replace(/^ AND /, '');
  if (units) where.push(units);
  const params: unknown[] = [];
  if (opts.year) {
    where.push(`"${def.primaryDate}" BETWEEN ? AND ?`);
    params.push(`${opts.year}-01-01`, `${opts.year}-12-31`);
  }
  // the given ids, or every live row's rid in the export's order
  const keyCol = opts.ids ? 'id' : 'rid';
  const keys: (string | number)[] =
    opts.ids ??
    (core.db
      .prepare(`SELECT rid FROM ${kind} WHERE ${where.join(' AND ')} ORDER BY "${def.primaryDate}", created_at, rid`)
      .pluck()
      .all(...params) as number[]);
  const size = opts.ids ? Math.min(PAGE, 500) : PAGE;
  opts.progress?.(0, keys.length);
  for (let i = 0; i < keys.length; i += size) {
    const chunk = keys.slice(i, i + size);
    const pos = new Map(chunk.map((k, j) => [k, j]));
    const page: (Row | undefined)[] = new Array(chunk.length);
    const stmt = core.db.prepare(`SELECT * FROM ${kind} WHERE ${where.join(' AND ')} AND ${keyCol} IN (${chunk.map(() => '?').join(',')})`);
    for (const r of stmt.iterate(...params, ...chunk) as IterableIterator<Record<string, unknown>>) {
      const values = fromDbRow(def, r).values;
      if (opts.unitNames) values[UNIT_FIELD.key] = opts.unitNames.get(r.unit_id as number) ?? null;
      page[pos.get(r[keyCol] as string | number)!] = values;
    }
    // an id given but deleted (or outside the year) meanwhile is left out, as a plain query would
    yield page.filter((r): r is Row => r !== undefined);
    opts.progress?.(Math.min(i + size, keys.length), keys.length);
  }
}

/** A date as a real date cell: UTC midnight of the day, which Excel, WPS and our reader all show as that day. */
function dateCell(v: unknown): Date | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** One record as the cells of its row: dates as date cells, the rest as exportCell (formula-like text quoted). */
export function xlsxCells(fields: FieldDef[], r: Row): (string | number | Date | null)[] {
  return fields.map((f) => {
    const v = r[f.key] ?? null;
    if (f.type === 'date') return dateCell(v) ?? exportCell(f, v);
    return exportCell(f, v);
  });
}

/**
 * exceljs looks up every cell's style by rendering it to XML, and each cell gets a style object of its own (merged
 * from its row and column), so its own cache (a WeakMap by object) never hits: that was a third of the time of a
 * large export. Our cells have a handful of distinct styles; cache their ids by content. (exceljs 4.4's
 * StylesXform.addStyleModel(model, cellType); left alone should a later version not have it.)
 */
function cacheStyles(wb: object): void {
  const styles = (wb as { styles?: { addStyleModel?: (model: unknown, cellType?: number) => number } }).styles;
  const add = styles?.addStyleModel;
  if (!styles || typeof add !== 'function') return;
  const ids = new Map<string, number>();
  styles.addStyleModel = (model, cellType) => {
    if (!model) return add.call(styles, model, cellType);
    const keys = Object.keys(model);
    const key = !keys.length
      ? `${cellType}`
      : keys.length === 1 && keys[0] === 'numFmt'
        ? `${cellType}|${(model as { numFmt: string }).numFmt}`
        : `${cellType}|${JSON.stringify(model)}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = add.call(styles, model, cellType)));
    return id;
  };
}

/**
 * Wait until the compressor has taken what the sheet wrote. exceljs's sheet stream writes on to the zip without
 * waiting (it ignores backpressure), so rows written faster than they are compressed pile up in memory — the whole
 * sheet's XML, for a large ledger. Between pages we wait for its consumers to drain.
 */
async function drained(ws: object): Promise<void> {
  const pipes = (ws as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const p of pipes) {
    // archiver's streams are readable-stream 2 (no writableNeedDrain): its state says whether a write was refused
    const state = (p as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
    if (p.writableNeedDrain ?? state?.needDrain) await once(p, 'drain');
  }
  await new Promise((resolve) => setImmediate(resolve));
}

export interface XlsxTarget {
  sheetName: string;
  fields: FieldDef[];
  /** sheets written after the ledger's, made once its rows are written (复议/应诉: 当事人, parties-sheet.ts) */
  extraSheets?: () => { name: string; headers: string[]; widths: number[]; rows: (string | null)[][] }[];
}

/**
 * Write `pages` as a one-sheet .xlsx to `file` (through a temporary name beside it, renamed when complete).
 * Headers, widths and header style as writeXlsx (xlsx-write.ts); date columns are date cells shown yyyy-mm-dd.
 * Returns the number of rows written.
 */
export async function writeXlsxStream(file: string, target: XlsxTarget, pages: Iterable<Row[]>): Promise<number> {
  // the streaming writer alone: `import('exceljs')` also loads the readers (unzipper, sax, …), a second of start-up
  // on a busy machine for nothing here
  const { default: WorkbookWriter } = (await import('exceljs/lib/stream/xlsx/workbook-writer.js' as string)) as {
    default: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  };
  const tmp = `${file}.${process.pid}-${Date.now()}.part`;
  let count = 0;
  try {
    // inline strings (no shared-string table to hold in memory until the end); styles for the header and dates
    const wb = new WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
    wb.creator = '法治台账';
    cacheStyles(wb);
    const ws = wb.addWorksheet(target.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = target.fields.map((f) => ({
      header: f.label,
      width: Math.max(8, Math.min(60, (f.width ?? 6) * 2 + 2)),
      ...(f.type === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
    }));
    const head = ws.getRow(1);
    head.font = { bold: true, name: '宋体' };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
    head.alignment = { vertical: 'middle' };
    head.commit();
    for (const page of pages) {
      for (const r of page) ws.addRow(xlsxCells(target.fields, r)).commit();
      count += page.length;
      await drained(ws);
    }
    ws.commit();
    for (const extra of target.extraSheets?.() ?? []) {
      const xs = wb.addWorksheet(extra.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      xs.columns = extra.headers.map((h, i) => ({ header: h, width: Math.max(8, Math.min(60, (extra.widths[i] ?? 6) * 2 + 2)) }));
      const h = xs.getRow(1);
      h.font = { bold: true, name: '宋体' };
      h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
      h.commit();
      for (const r of extra.rows) xs.addRow(r).commit();
      xs.commit();
    }
    await wb.commit();
    fs.renameSync(tmp, file);
    return count;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** The same, returned as bytes (the API's small exports): written to a temporary directory, read, removed. */
export async function xlsxStreamBytes(target: XlsxTarget, pages: Iterable<Row[]>): Promise<{ bytes: Buffer; count: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-export-'));
  try {
    const file = path.join(dir, 'export.xlsx');
    const count = await writeXlsxStream(file, target, pages);
    return { bytes: fs.readFileSync(file), count };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
