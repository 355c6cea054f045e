// Reading an import file into typed rows: the file as a table (tables.ts), its header row mapped onto the
// declaration and each cell parsed (cells.ts), with every problem as `第N行 字段：问题`. Shared by the main thread
// and the import worker (import-worker.ts), so it imports nothing that opens the data file.

import type { FieldDef, LedgerKind, Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import { AppError } from '../errors';
import { findHeader, type SheetMapping } from '../../domain/sheet-mapping';
import { parseCell, type Cell } from './cells';
import type { RowError } from './prepare';
import { planSheet, sheetRows, type SheetPlan, type UnknownValue } from './sheet';
import { formatOf, readCsv, readJson, readXlsx, type Format, type Table } from './tables';

export type ExchangeKind = LedgerKind | 'indicator' | 'material';

/** The columns of the two yearly tables, declared like ledger fields so parsing is shared. */
export const YEARLY: Record<'indicator' | 'material', { name: string; fields: FieldDef[] }> = {
  indicator: {
    name: '年度指标',
    fields: [
      { key: 'year', label: '年度', type: 'int', section: '基本信息', required: true, min: 1990, max: 2100, width: 4 },
      { key: 'name', label: '指标', type: 'text', section: '基本信息', required: true, width: 14 },
      { key: 'value', label: '数值', type: 'decimal', section: '基本信息', required: true, min: 0, width: 8 },
    ],
  },
  material: {
    name: '年度素材',
    fields: [
      { key: 'year', label: '年度', type: 'int', section: '基本信息', required: true, min: 1990, max: 2100, width: 4 },
      { key: 'name', label: '名称', type: 'text', section: '基本信息', required: true, width: 14 },
      { key: 'content', label: '内容', type: 'longtext', section: '基本信息', required: true, width: 40 },
    ],
  },
};

export function fieldsOf(kind: ExchangeKind): FieldDef[] {
  return kind === 'indicator' || kind === 'material' ? YEARLY[kind].fields : LEDGERS[kind].fields;
}

export function nameOf(kind: ExchangeKind): string {
  return kind === 'indicator' || kind === 'material' ? YEARLY[kind].name : LEDGERS[kind].name;
}

export async function readTable(kind: ExchangeKind, fileName: string, bytes: Buffer): Promise<{ table: Table | null; format: Format }> {
  const format = formatOf(fileName);
  if (!bytes.length) throw new AppError('IMPORT_FAILED', `文件“${fileName}”是空的`);
  if (format === 'csv') return { table: readCsv(bytes), format };
  if (format === 'json') return { table: readJson(bytes), format };
  // a sheet whose row names a field by its header or an alias (domain/sheet-mapping.ts)
  const fields = fieldsOf(kind);
  const { table, sheets } = await readXlsx(bytes, (headers) => findHeader(fields, [headers]) !== null);
  if (!table && sheets.length) {
    throw new AppError(
      'IMPORT_FAILED',
      `在工作表（${sheets.join('、')}）中都没有找到${nameOf(kind)}的列名，请确认选择了正确的文件，或在导入时指定列的对应关系`,
    );
  }
  return { table, format };
}

/** The declared field of each column (null: skipped), from the header row. */
export type Columns = (FieldDef | null)[];

/** The header row mapped onto a declaration: missing required, unknown and duplicate columns. Derived columns are optional. */
export function mapHeader(fields: FieldDef[], table: Table): { columns: Columns; errors: RowError[] } {
  const errors: RowError[] = [];
  const byLabel = new Map(fields.map((f) => [f.label, f]));
  const columns: Columns = [];
  const seen = new Set<string>();
  table.headers.forEach((h) => {
    const f = byLabel.get(h) ?? null;
    if (!h) errors.push({ line: table.headerLine, field: null, message: '有一列没有列名' });
    else if (!f) errors.push({ line: table.headerLine, field: null, message: `无法识别的列“${h}”（列名须与模板一致）` });
    else if (seen.has(h)) errors.push({ line: table.headerLine, field: null, message: `列“${h}”重复出现` });
    seen.add(h);
    columns.push(f && !columns.includes(f) ? f : null);
  });
  for (const f of fields) {
    if (f.required && !f.derived && !seen.has(f.label)) errors.push({ line: table.headerLine, field: null, message: `缺少必填列“${f.label}”` });
  }
  return { columns, errors };
}

/** Data rows parsed cell by cell under mapped columns: typed rows, and the problems with the line the user sees. */
export function mapRows(columns: Columns, rows: Table['rows'], format: Format, errors: RowError[]): { line: number; values: Row }[] {
  const out: { line: number; values: Row }[] = [];
  const fromSheet = format === 'xlsx';
  const neutralised = format !== 'json';
  for (const r of rows) {
    const values: Row = {};
    let ok = true;
    for (let i = 0; i < columns.length; i++) {
      const f = columns[i];
      if (!f) continue;
      const p = parseCell(f, (r.cells[i] ?? null) as Cell, fromSheet, neutralised);
      if (p.ok) values[f.key] = p.value;
      else {
        ok = false;
        errors.push({ line: r.line, field: f.label, message: p.message });
      }
    }
    if (ok) out.push({ line: r.line, values });
  }
  return out;
}

/** Map a whole table onto a declaration: header problems first (then no rows), else per-cell problems. */
export function mapTable(fields: FieldDef[], table: Table, format: Format): { rows: { line: number; values: Row }[]; errors: RowError[] } {
  const { columns, errors } = mapHeader(fields, table);
  if (errors.length) return { rows: [], errors };
  return { rows: mapRows(columns, table.rows, format, errors), errors };
}

export interface ParsedLedgerFile {
  rows: { line: number; values: Row }[];
  errors: RowError[];
  /** the columns as matched, notices, words that are no option (exchange/sheet.ts); absent for a file without data */
  plan?: Omit<SheetPlan, 'rows' | 'errors'>;
  unknown?: UnknownValue[];
}

/**
 * Parse a ledger file into typed rows and the problems found while reading it (not yet validated as rows): the
 * header row found among the first rows and the columns matched under `mapping` (exchange/sheet.ts).
 */
export async function parseLedgerFile(kind: LedgerKind, fileName: string, bytes: Buffer, mapping?: SheetMapping): Promise<ParsedLedgerFile> {
  const { table, format } = await readTable(kind, fileName, bytes);
  if (!table) return { rows: [], errors: [] };
  const fields = LEDGERS[kind].fields;
  const { rows: data, errors, ...plan } = planSheet(fields, table, format, mapping);
  if (errors.length) return { rows: [], errors, plan };
  const unknown = new Map<string, UnknownValue>();
  const rows = sheetRows(fields, plan.columns, data, format, errors, mapping, unknown);
  return { rows, errors, plan, unknown: [...unknown.values()] };
}
