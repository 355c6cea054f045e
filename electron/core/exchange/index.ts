// Import and export of ledgers, annual indicators and report material (.xlsx, .csv, .json) by the canonical
// Chinese headers of DOMAIN.md, in any column order. Import is all-or-nothing: every problem of the file is
// listed as `第N行 字段：问题` and nothing is written unless there are none.

import type { ImportReport } from '../../domain/api';
import type { FieldDef, LedgerKind, Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import { isoNow, type Core } from '../core';
import { fromDbRow } from '../db/ledger-repo';
import { AppError } from '../errors';
import { formatRowError, importRecords, type RowError } from '../records';
import { exportLedgerDocx } from '../report';
import { appendAudit } from '../safety/audit';
import { exportCell, neutralise, parseCell, type Cell } from './cells';
import { formatOf, readCsv, readJson, readXlsx, writeCsv, writeXlsx, type Format, type Table } from './tables';

export type ExchangeKind = LedgerKind | 'indicator' | 'material';

/** The columns of the two yearly tables, declared like ledger fields so parsing is shared. */
const YEARLY: Record<'indicator' | 'material', { name: string; fields: FieldDef[] }> = {
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

function fieldsOf(kind: ExchangeKind): FieldDef[] {
  return kind === 'indicator' || kind === 'material' ? YEARLY[kind].fields : LEDGERS[kind].fields;
}

function nameOf(kind: ExchangeKind): string {
  return kind === 'indicator' || kind === 'material' ? YEARLY[kind].name : LEDGERS[kind].name;
}

async function readTable(kind: ExchangeKind, fileName: string, bytes: Buffer): Promise<{ table: Table | null; format: Format }> {
  const format = formatOf(fileName);
  if (!bytes.length) throw new AppError('IMPORT_FAILED', `文件“${fileName}”是空的`);
  if (format === 'csv') return { table: readCsv(bytes), format };
  if (format === 'json') return { table: readJson(bytes), format };
  const labels = new Set(fieldsOf(kind).map((f) => f.label));
  const { table, sheets } = await readXlsx(bytes, (headers) => headers.some((h) => labels.has(h)));
  if (!table && sheets.length) {
    throw new AppError('IMPORT_FAILED', `在工作表（${sheets.join('、')}）中都没有找到${nameOf(kind)}的列名，请确认选择了正确的文件或工作表的第一行是列名`);
  }
  return { table, format };
}

/**
 * Map a table onto a declaration: header problems (missing required, unknown, duplicate columns) and per-cell
 * problems, with the line the user sees. Derived columns are optional.
 */
function mapTable(fields: FieldDef[], table: Table, format: Format): { rows: { line: number; values: Row }[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const byLabel = new Map(fields.map((f) => [f.label, f]));
  const columns: (FieldDef | null)[] = [];
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
  if (errors.length) return { rows: [], errors };
  const rows: { line: number; values: Row }[] = [];
  const fromSheet = format === 'xlsx';
  const neutralised = format !== 'json';
  for (const r of table.rows) {
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
    if (ok) rows.push({ line: r.line, values });
  }
  return { rows, errors };
}

/** Parse a ledger file into typed rows and the problems found while reading it (not yet validated as rows). */
export async function parseLedgerFile(kind: LedgerKind, fileName: string, bytes: Buffer): Promise<{ rows: { line: number; values: Row }[]; errors: RowError[] }> {
  const { table, format } = await readTable(kind, fileName, bytes);
  if (!table) return { rows: [], errors: [] };
  return mapTable(LEDGERS[kind].fields, table, format);
}

function report(kind: ExchangeKind, total: number, inserted: number, errors: RowError[], sample: Row[]): ImportReport & { sample: Row[] } {
  return { kind, total, inserted, errors: errors.map(formatRowError), sample };
}

async function importYearly(core: Core, kind: 'indicator' | 'material', fileName: string, bytes: Buffer, dryRun: boolean) {
  const { table, format } = await readTable(kind, fileName, bytes);
  if (!table || !table.rows.length) return report(kind, 0, 0, [{ line: table?.headerLine ?? 1, field: null, message: '文件中没有数据' }], []);
  const { rows, errors } = mapTable(YEARLY[kind].fields, table, format);
  const seen = new Map<string, number>();
  for (const r of rows) {
    for (const f of YEARLY[kind].fields) {
      const v = r.values[f.key];
      if (v === null) errors.push({ line: r.line, field: f.label, message: '必填' });
      else if (typeof v === 'number' && ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max))) {
        errors.push({ line: r.line, field: f.label, message: f.key === 'year' ? `年度应在 ${f.min} 至 ${f.max} 之间` : `不能小于 ${f.min}` });
      } else if (f.key === 'year' && typeof v === 'number' && !Number.isInteger(v)) errors.push({ line: r.line, field: f.label, message: '应为整数' });
      else if (f.key === 'name' && String(v).length > 50) errors.push({ line: r.line, field: f.label, message: '过长（最多 50 字）' });
    }
    const key = `${r.values.year}|${r.values.name}`;
    if (seen.has(key)) errors.push({ line: r.line, field: YEARLY[kind].fields[1].label, message: `“${r.values.name}”与第${seen.get(key)}行重复（同一年度）` });
    else seen.set(key, r.line);
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length || dryRun) return report(kind, table.rows.length, 0, errors, rows.slice(0, 20).map((r) => r.values));
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const put =
      kind === 'indicator'
        ? core.db.prepare('INSERT INTO indicators (year, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        : core.db.prepare('INSERT INTO materials (year, name, content, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at');
    for (const r of rows) put.run(r.values.year, r.values.name, kind === 'indicator' ? r.values.value : r.values.content, at);
    appendAudit(core.db, {
      at, actor: core.actor, action: kind === 'indicator' ? '年度指标' : '年度素材',
      after: rows.map((r) => r.values), summary: `从“${fileName}”导入${YEARLY[kind].name} ${rows.length} 条`,
    });
  })();
  return report(kind, rows.length, rows.length, [], []);
}

export async function importFile(core: Core, kind: ExchangeKind, fileName: string, bytes: Buffer, opts: { dryRun?: boolean }): Promise<ImportReport & { sample: Row[] }> {
  if (kind === 'indicator' || kind === 'material') return importYearly(core, kind, fileName, bytes, !!opts.dryRun);
  const parsed = await parseLedgerFile(kind, fileName, bytes);
  const total = parsed.rows.length + new Set(parsed.errors.map((e) => e.line)).size;
  if (!total && !parsed.errors.length) return report(kind, 0, 0, [{ line: 1, field: null, message: '文件中没有数据' }], []);
  const r = importRecords(core, kind, parsed.rows, parsed.errors, { dryRun: opts.dryRun, source: fileName });
  return report(kind, total, r.inserted, r.errors, parsed.rows.slice(0, 20).map((x) => x.values));
}

function stamp(year?: number): string {
  return year ? String(year) : '全部';
}

/** Export live rows (of a year, or exactly the given ids) with the canonical headers. */
export async function exportFile(
  core: Core,
  kind: ExchangeKind,
  format: Format | 'docx',
  opts: { year?: number; ids?: string[]; columns?: string[] },
): Promise<{ fileName: string; bytes: Buffer; count: number }> {
  if (format === 'docx' && (kind === 'indicator' || kind === 'material')) throw new AppError('VALIDATION', `${nameOf(kind)}只能导出为 .xlsx、.csv 或 .json`);
  // the chosen columns (the list's column chooser) when given; a plain export carries every field so it re-imports
  const fields = opts.columns?.length ? fieldsOf(kind).filter((f) => opts.columns!.includes(f.key)) : fieldsOf(kind);
  let records: Row[];
  if (kind === 'indicator' || kind === 'material') {
    const table = kind === 'indicator' ? 'indicators' : 'materials';
    const col = kind === 'indicator' ? 'value' : 'content';
    records = core.db
      .prepare(`SELECT year, name, ${col} AS "${col}" FROM ${table} ${opts.year ? 'WHERE year = ?' : ''} ORDER BY year, name`)
      .all(...(opts.year ? [opts.year] : [])) as Row[];
  } else {
    const def = LEDGERS[kind];
    const where = ['deleted_at IS NULL'];
    const params: unknown[] = [];
    if (opts.year) {
      where.push(`"${def.primaryDate}" BETWEEN ? AND ?`);
      params.push(`${opts.year}-01-01`, `${opts.year}-12-31`);
    }
    const order = `ORDER BY "${def.primaryDate}", created_at, rid`;
    let raw: Record<string, unknown>[] = [];
    if (opts.ids) {
      for (let i = 0; i < opts.ids.length; i += 500) {
        const chunk = opts.ids.slice(i, i + 500);
        raw.push(...(core.db.prepare(`SELECT * FROM ${kind} WHERE ${where.join(' AND ')} AND id IN (${chunk.map(() => '?').join(',')})`).all(...params, ...chunk) as Record<string, unknown>[]));
      }
      const pos = new Map(opts.ids.map((id, i) => [id, i]));
      raw.sort((a, b) => pos.get(a.id as string)! - pos.get(b.id as string)!);
    } else {
      raw = core.db.prepare(`SELECT * FROM ${kind} WHERE ${where.join(' AND ')} ${order}`).all(...params) as Record<string, unknown>[];
    }
    records = raw.map((r) => fromDbRow(def, r).values);
  }
  const headers = fields.map((f) => f.label);
  const fileName = `${nameOf(kind)}-${stamp(opts.year)}.${format}`;
  let bytes: Buffer;
  if (format === 'docx') {
    bytes = await exportLedgerDocx(core, kind as LedgerKind, records, { year: opts.year, columns: opts.columns });
  } else if (format === 'json') {
    const out = records.map((r) => Object.fromEntries(fields.map((f) => [f.label, jsonCell(f, r[f.key] ?? null)])));
    bytes = Buffer.from(JSON.stringify(out, null, 1), 'utf8');
  } else {
    const rows = records.map((r) => fields.map((f) => exportCell(f, r[f.key] ?? null)));
    bytes = format === 'csv' ? writeCsv(headers, rows) : await writeXlsx([{ name: sheetName(kind), headers, widths: fields.map((f) => f.width ?? 6), rows }]);
  }
  return { fileName, bytes, count: records.length };
}

/** JSON is data, not a spreadsheet: numbers stay numbers and text is not neutralised; 是/否 and 、 as in sheets. */
function jsonCell(f: FieldDef, v: Row[string]): unknown {
  if (v === null || v === undefined) return null;
  if (f.type === 'multiEnum' && Array.isArray(v)) return v.join('、');
  if (f.type === 'bool') return v ? '是' : '否';
  return v;
}

function sheetName(kind: ExchangeKind): string {
  return kind === 'indicator' || kind === 'material' ? YEARLY[kind].name : LEDGERS[kind].shortName;
}

/** A blank .xlsx with the header row, and a sheet 填写说明 explaining every column. */
export async function templateFile(kind: ExchangeKind): Promise<{ fileName: string; bytes: Buffer }> {
  const fields = fieldsOf(kind);
  const help = fields.map((f) => [
    f.label,
    f.required && !f.derived ? '必填' : f.derived ? '可不填（自动计算）' : '选填',
    describe(f),
    f.help ?? '',
  ]);
  const bytes = await writeXlsx([
    { name: sheetName(kind), headers: fields.map((f) => f.label), widths: fields.map((f) => f.width ?? 6), rows: [] },
    { name: '填写说明', headers: ['列名', '是否必填', '格式或可选值', '说明'], widths: [10, 8, 30, 30], rows: help.map((r) => r.map((c) => neutralise(c))) },
  ]);
  return { fileName: `${nameOf(kind)}-导入模板.xlsx`, bytes };
}

function describe(f: FieldDef): string {
  switch (f.type) {
    case 'date':
      return '日期，如 2025-03-05、2025/3/5、2025年3月5日';
    case 'bool':
      return '是 / 否';
    case 'enum':
      return `可选：${f.options!.join('、')}`;
    case 'multiEnum':
      return `可多选，用“、”分隔：${f.options!.join('、')}`;
    case 'int':
      return `整数${f.min !== undefined ? `，不小于 ${f.min}` : ''}${f.max !== undefined ? `，不大于 ${f.max}` : ''}`;
    case 'decimal':
      return `数字${f.min !== undefined ? `，不小于 ${f.min}` : ''}${f.max !== undefined ? `，不大于 ${f.max}` : ''}`;
    default:
      return f.suggestions ? `文字，常用：${f.suggestions.join('、')}` : '文字';
  }
}
