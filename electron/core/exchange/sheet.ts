// An import table read as an office sheet (DOMAIN.md §10): its header row found among the first rows, its columns
// matched to the declaration (domain/sheet-mapping.ts) under the user's mapping, and its rows parsed with the
// words for values, 合计/小计 rows skipped, unknown columns kept in 备注. Shared by the main thread (parse.ts) and
// the import worker, so it imports nothing that opens the data file; the mapping is plain data.

import type { FieldDef, Row } from '../../domain/fields';
import { cellText, findHeader, isNonRecord, mapColumns, wordFor, type ColumnMatch, type SheetMapping } from '../../domain/sheet-mapping';
import { normaliseText, parseCell, type Cell } from './cells';
import type { RowError } from './prepare';
import type { Format, Table } from './tables';

export interface SheetPlan {
  columns: ColumnMatch[];
  /** the sheet's line of the (last) header row */
  headerLine: number;
  /** data rows: the table's rows below the header that are records */
  rows: Table['rows'];
  /** header problems: missing required columns, ambiguous matches (nothing is imported while there are any) */
  errors: RowError[];
  /** said before importing, never a reason to refuse: columns kept in 备注, rows skipped */
  notices: string[];
}

/** A word of the sheet that is neither an option nor a known word, with how often it occurs. */
export interface UnknownValue {
  field: string;
  word: string;
  count: number;
  options: string[];
}

/** The header row, the columns and the record rows of a table. JSON has its keys for headers: no header search. */
export function planSheet(fields: FieldDef[], table: Table, format: Format, mapping?: SheetMapping): SheetPlan {
  let headers = table.headers;
  let headerLine = table.headerLine;
  let rows = table.rows;
  const notices: string[] = [];
  if (format !== 'json') {
    const candidates: Cell[][] = [headers, ...rows.slice(0, 10).map((r) => r.cells)];
    const found = findHeader(fields, candidates);
    if (found) {
      const lineAt = (i: number) => (i === 0 ? table.headerLine : table.rows[i - 1].line);
      // title rows the reader passed over already (it starts a sheet's table at the first row naming a field)
      const above = Array.from({ length: found.rows[0] }, (_, i) => lineAt(i));
      const first = above.length ? above[0] : lineAt(found.rows[0]);
      if (first > 1) above.unshift(...Array.from({ length: first - 1 }, (_, i) => i + 1));
      if (above.length)
        notices.push(
          `表头在第${lineAt(found.rows[0])}行${found.rows.length > 1 ? `至第${lineAt(found.rows[1])}行` : ''}，第${above.length > 2 ? `${above[0]}—${above[above.length - 1]}` : above.join('、')}行是标题或填报说明，不作为记录导入`,
        );
      headers = found.headers.map((h) => normaliseText(h));
      headerLine = lineAt(found.dataFrom - 1);
      rows = rows.slice(found.dataFrom - 1);
    }
  }
  const { columns, problems } = mapColumns(fields, headers, mapping);
  const errors: RowError[] = problems.map((message) => ({ line: headerLine, field: null, message }));
  columns.forEach((c, i) => {
    if (!c.header) c.header = `第${i + 1}列`;
  });
  const taken = new Set(columns.map((c) => c.target));
  for (const f of fields) {
    if (f.required && !f.derived && !taken.has(f.key)) errors.push({ line: headerLine, field: null, message: `缺少必填列“${f.label}”` });
  }
  const noted = columns.filter((c) => c.target === '@note' && !c.ambiguous);
  if (noted.length) notices.push(`${noted.map((c) => `“${c.header}”`).join('、')}不是本台账的列，内容将以“列名：值”写入备注`);
  const kept = rows.filter((r) => !isNonRecord(r.cells, headers));
  if (kept.length < rows.length) {
    const keep = new Set(kept);
    const skipped = rows.filter((r) => !keep.has(r)).map((r) => r.line);
    notices.push(`第${skipped.join('、')}行是合计、小计或表尾，不作为记录导入`);
  }
  return { columns, headerLine, rows: kept, errors, notices };
}

type Plan = { kind: 0 | 1 | 2 | 3; f: FieldDef | null; c: ColumnMatch };

/** Data rows parsed under the plan: typed rows, the problems with their lines, and the unknown words counted. */
export function sheetRows(
  fields: FieldDef[],
  columns: ColumnMatch[],
  rows: Table['rows'],
  format: Format,
  errors: RowError[],
  mapping?: SheetMapping,
  unknown?: Map<string, UnknownValue>,
): { line: number; values: Row }[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const note = byKey.get('note') ?? null;
  // 0 skip, 1 a plain cell (the fast path of a big import in the canonical headers), 2 a cell with words or a
  // unit, 3 a column kept in 备注
  const plans: Plan[] = columns.map((c) => {
    if (c.target === '@ignore') return { kind: 0, f: null, c };
    if (c.target === '@note') return { kind: 3, f: null, c };
    const f = byKey.get(c.target)!;
    const words = f.type === 'enum' || f.type === 'multiEnum' || f.type === 'bool';
    return { kind: words || c.scale ? 2 : 1, f, c };
  });
  const out: { line: number; values: Row }[] = [];
  const fromSheet = format === 'xlsx';
  const neutralised = format !== 'json';
  for (const r of rows) {
    const values: Row = {};
    let notes: string[] | null = null;
    let ok = true;
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i];
      if (p.kind === 0) continue;
      const cell = (r.cells[i] ?? null) as Cell;
      if (p.kind === 3) {
        const t = cellText(cell);
        if (t) (notes ??= []).push(`${p.c.header}：${t}`);
        continue;
      }
      const f = p.f!;
      // a cell as the template writes it parses as before; only one that does not is looked up in the words
      let parsed = parseCell(f, cell, fromSheet, neutralised);
      if (p.kind === 2 && !parsed.ok) {
        const t = translate(f, cell, mapping);
        if (t !== cell) parsed = parseCell(f, t, fromSheet, neutralised);
      }
      if (!parsed.ok) {
        ok = false;
        errors.push({ line: r.line, field: f.label, message: parsed.message });
        if (unknown && (f.type === 'enum' || f.type === 'multiEnum' || f.type === 'bool')) countUnknown(unknown, f, cell, mapping);
        continue;
      }
      let v = parsed.value;
      if (p.c.scale && typeof v === 'number') v = Math.round(v * p.c.scale * 1e6) / 1e6;
      if (f === note && typeof v === 'string' && values.note) v = `${values.note}；${v}`;
      values[f.key] = v;
    }
    if (notes && note) values.note = [typeof values.note === 'string' ? values.note : '', ...notes].filter(Boolean).join('；');
    if (ok) out.push({ line: r.line, values });
  }
  return out;
}

/** The cell with its words replaced by options (each item of a multi-value cell), or as it is. */
function translate(f: FieldDef, cell: Cell, mapping?: SheetMapping): Cell {
  if (cell === null || typeof cell === 'boolean' || cell instanceof Date) return cell;
  const text = normaliseText(String(cell));
  if (!text) return cell;
  if (f.type === 'multiEnum') {
    const items = text
      .split(/[、；;,，\n]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    return items.map((x) => (f.options!.includes(x) ? x : (wordFor(f, x, mapping) ?? x))).join('、');
  }
  if (f.type === 'enum' && f.options!.includes(text)) return text;
  return wordFor(f, text, mapping) ?? cell;
}

function countUnknown(unknown: Map<string, UnknownValue>, f: FieldDef, cell: Cell, mapping?: SheetMapping): void {
  const text = normaliseText(cellText(cell));
  const words =
    f.type === 'multiEnum'
      ? text
          .split(/[、；;,，\n]+/)
          .map((x) => x.trim())
          .filter((x) => x && !f.options!.includes(x) && !wordFor(f, x, mapping))
      : [text];
  for (const word of words) {
    const k = `${f.key}\u0000${word}`;
    const u = unknown.get(k);
    if (u) u.count++;
    else unknown.set(k, { field: f.label, word, count: 1, options: f.type === 'bool' ? ['是', '否'] : [...f.options!] });
  }
}
