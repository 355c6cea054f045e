// Import and export of ledgers, annual indicators and report material (.xlsx, .csv, .json) by the canonical
// Chinese headers of DOMAIN.md, in any column order. Import is all-or-nothing: every problem of the file is
// listed as `第N行 字段：问题` and nothing is written unless there are none.

import { partiesSheetFor } from './parties-sheet';
import fs from 'node:fs';
import type { ImportReport } from '../../domain/api';
import type { FieldDef, LedgerKind, Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import { isoNow, type Core } from '../core';
import { AppError } from '../errors';
import type { SheetMapping } from '../../domain/sheet-mapping';
import { formatRowError, importRecords, type ExistingMode, type ImportOutcome, type RowError } from '../records';
import { exportLedgerDocx } from '../report';
import { appendAudit } from '../safety/audit';
import { recordYearlyImport } from '../import-undo';
import { exportCell, neutralise } from './cells';
import { exportPages, UNIT_FIELD, writeXlsxStream, xlsxStreamBytes, type ExportQuery } from './export-stream';
import { unitNames } from '../units';
import { MAX_LISTED_ERRORS, n } from './limits';
import { fieldsOf, mapTable, nameOf, parseLedgerFile, readTable, YEARLY, type ExchangeKind, type ParsedLedgerFile } from './parse';
import { importInWorker, readTableInWorker, usePipeline } from './pipeline';
import type { UnknownValue } from './sheet';
import { writeCsv, type Format } from './tables';
import { TEMPLATE_NOTE } from '../../domain/sheet-mapping';
import { writeXlsx } from './xlsx-write';

export { type ExchangeKind } from './parse';

/**
 * The report of an import: the first MAX_LISTED_ERRORS problems by row, then a line saying how many more there are
 * (`omitted`: problems already left out by the worker); errorCount then says how many in all.
 */
function report(kind: ExchangeKind, total: number, inserted: number, errors: RowError[], sample: Row[], omitted = 0): ImportReport & { sample: Row[] } {
  const count = errors.length + omitted;
  if (count <= MAX_LISTED_ERRORS) return { kind, total, inserted, errors: errors.map(formatRowError), sample };
  const listed = [...errors]
    .sort((a, b) => a.line - b.line)
    .slice(0, MAX_LISTED_ERRORS)
    .map(formatRowError);
  listed.push(`另有 ${n(count - listed.length)} 处问题没有列出（共 ${n(count)} 处），请先改正以上问题后重新检查`);
  return { kind, total, inserted, errors: listed, errorCount: count, sample };
}

/**
 * An import file's content sent as base64 (the window, the CLI, browser mode), decoded into shared memory: the
 * import worker reads the same bytes without a copy (a 150 MB file is not held twice).
 */
export function fileBytes(base64: string): Buffer {
  const bytes = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(base64, 'base64')));
  const written = bytes.write(base64, 'base64');
  return written === bytes.length ? bytes : bytes.subarray(0, written);
}

/** A ledger import's report: its counts, and what the wizard shows (columns, notices, unknown words, updates). */
function ledgerReport(
  kind: LedgerKind,
  total: number,
  r: ImportOutcome,
  sample: Row[],
  plan?: ParsedLedgerFile['plan'],
  unknown?: UnknownValue[],
  omitted = 0,
): ImportReport & { sample: Row[] } {
  const base = report(kind, total, r.inserted, r.errors, sample, omitted);
  return {
    ...base,
    errors: [...base.errors, ...(r.alsoErrors ?? [])],
    importId: r.importId,
    updated: r.updated,
    skipped: r.skipped,
    unchanged: r.unchanged,
    updates: r.updates.slice(0, 500),
    notices: plan?.notices ?? [],
    columns: plan?.columns ?? [],
    unknownValues: unknown ?? [],
  };
}

async function importYearly(core: Core, kind: 'indicator' | 'material', fileName: string, bytes: Buffer, dryRun: boolean) {
  // a big file is read in the import worker, never in this thread (pipeline.ts); a small one here, under the bounds
  const { table, format } = (usePipeline(bytes) ? await readTableInWorker(core, kind, fileName, bytes) : null) ?? (await readTable(kind, fileName, bytes));
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
  if (errors.length || dryRun)
    return report(
      kind,
      table.rows.length,
      0,
      errors,
      rows.slice(0, 20).map((r) => r.values),
    );
  const at = isoNow(core.now());
  let importId = 0;
  core.db.transaction(() => {
    // what each row held before, for 撤销本次导入 (import-undo.ts)
    const y = kind === 'indicator' ? { table: 'indicators', column: 'value' } : { table: 'materials', column: 'content' };
    const was = core.db.prepare(`SELECT ${y.column} AS v FROM ${y.table} WHERE year = ? AND name = ?`);
    const trail = rows.map((r) => {
      const b = was.get(r.values.year, r.values.name) as { v: unknown } | undefined;
      return { year: r.values.year as number, name: r.values.name as string, before: b ? { value: b.v } : null };
    });
    const put =
      kind === 'indicator'
        ? core.db.prepare(
            'INSERT INTO indicators (year, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
          )
        : core.db.prepare(
            'INSERT INTO materials (year, name, content, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at',
          );
    for (const r of rows) put.run(r.values.year, r.values.name, kind === 'indicator' ? r.values.value : r.values.content, at);
    importId = recordYearlyImport(core, kind, fileName, at, trail);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: kind === 'indicator' ? '年度指标' : '年度素材',
      after: rows.map((r) => r.values),
      summary: `从“${fileName}”导入${YEARLY[kind].name} ${rows.length} 条（导入编号 ${importId}，可撤销）`,
    });
  })();
  return { ...report(kind, rows.length, rows.length, [], []), importId };
}

/**
 * Import (dryRun: only check) a file. A ledger file of PIPELINE_MIN_BYTES or more is read and validated by a
 * worker thread while this one inserts (pipeline.ts), and is never read in this thread; `pipeline` forces (true)
 * or forbids (false) that, for tests and the bench only (the API never passes it). Both give the same rows,
 * report and sample.
 */
export async function importFile(
  core: Core,
  kind: ExchangeKind,
  fileName: string,
  bytes: Buffer,
  opts: {
    dryRun?: boolean;
    pipeline?: boolean;
    mapping?: SheetMapping;
    existing?: ExistingMode;
    versions?: Record<string, number>;
    progress?: (done: number, total: number) => void;
    /** records.ts ImportOptions.alsoWrite: the 当事人 sheet, in the same transaction */
    alsoWrite?: () => string[];
  },
): Promise<ImportReport & { sample: Row[] }> {
  if (kind === 'indicator' || kind === 'material') return importYearly(core, kind, fileName, bytes, !!opts.dryRun);
  const o = {
    dryRun: opts.dryRun,
    mapping: opts.mapping,
    existing: opts.existing,
    versions: opts.versions,
    progress: opts.progress,
    alsoWrite: opts.alsoWrite,
  };
  if (opts.pipeline ?? usePipeline(bytes)) {
    const r = await importInWorker(core, kind, fileName, bytes, o);
    if (r && !r.total && !r.errors.length) return report(kind, 0, 0, [{ line: 1, field: null, message: '文件中没有数据' }], []);
    if (r) return ledgerReport(kind, r.total, r, r.sample, r.plan, r.unknown, r.omitted);
  }
  const parsed = await parseLedgerFile(kind, fileName, bytes, opts.mapping);
  const total = parsed.rows.length + new Set(parsed.errors.map((e) => e.line)).size;
  if (!total && !parsed.errors.length) return report(kind, 0, 0, [{ line: 1, field: null, message: '文件中没有数据' }], []);
  const r = importRecords(core, kind, parsed.rows, parsed.errors, { ...o, source: fileName });
  return ledgerReport(
    kind,
    total,
    r,
    parsed.rows.slice(0, 20).map((x) => x.values),
    parsed.plan,
    parsed.unknown,
  );
}

function stamp(year?: number): string {
  return year ? String(year) : '全部';
}

/** The file name an export is offered under: 台账名-年度.扩展名. */
export function exportName(kind: ExchangeKind, format: Format | 'docx', year?: number): string {
  return `${nameOf(kind)}-${stamp(year)}.${format}`;
}

/** Export live rows (of a year, or exactly the given ids) with the canonical headers. */
export async function exportFile(
  core: Core,
  kind: ExchangeKind,
  format: Format | 'docx',
  opts: { year?: number; ids?: string[]; columns?: string[]; scope?: string; progress?: (done: number, total: number) => void },
): Promise<{ fileName: string; bytes: Buffer; count: number }> {
  if (format === 'docx' && (kind === 'indicator' || kind === 'material')) throw new AppError('VALIDATION', `${nameOf(kind)}只能导出为 .xlsx、.csv 或 .json`);
  const { fields, query } = withUnits(core, kind, format, opts);
  const fileName = exportName(kind, format, opts.year);
  // .xlsx streams (export-stream.ts): rows are read a page at a time and written as they are read
  if (format === 'xlsx') {
    // 复议/应诉: the parties of the cases exported on a second sheet, keyed by 案号 (parties-sheet.ts)
    const { pages, extraSheets } = partiesSheetFor(core, kind, exportPages(core, kind, query));
    return { fileName, ...(await xlsxStreamBytes({ sheetName: sheetName(kind), fields, extraSheets }, pages)) };
  }
  const records: Row[] = [...exportPages(core, kind, query)].flat();
  const headers = fields.map((f) => f.label);
  let bytes: Buffer;
  if (format === 'docx') {
    bytes = await exportLedgerDocx(core, kind as LedgerKind, records, { year: opts.year, columns: opts.columns });
  } else if (format === 'json') {
    const out = records.map((r) => Object.fromEntries(fields.map((f) => [f.label, jsonCell(f, r[f.key] ?? null)])));
    bytes = Buffer.from(JSON.stringify(out, null, 1), 'utf8');
  } else {
    bytes = writeCsv(
      headers,
      records.map((r) => fields.map((f) => exportCell(f, r[f.key] ?? null))),
    );
  }
  return { fileName, bytes, count: records.length };
}

/** The chosen columns (the list's column chooser) when given; a plain export carries every field so it re-imports. */
function exportFields(kind: ExchangeKind, columns?: string[]): FieldDef[] {
  return columns?.length ? fieldsOf(kind).filter((f) => columns.includes(f.key)) : fieldsOf(kind);
}

/**
 * The fields of an export and its query, with the 填报单位 column last once the unit tree has units besides the own
 * one (issue 20; an import ignores it, so the file still re-imports). Not in the Word ledger (its columns are the
 * list's) nor in the yearly indicator/material sheets; a file without units exports exactly as before.
 */
function withUnits(
  core: Core,
  kind: ExchangeKind,
  format: Format | 'docx',
  opts: ExportQuery & { columns?: string[] },
): { fields: FieldDef[]; query: ExportQuery } {
  const fields = exportFields(kind, opts.columns);
  const names = format === 'docx' || kind === 'indicator' || kind === 'material' ? null : unitNames(core.db);
  return names ? { fields: [...fields, UNIT_FIELD], query: { ...opts, unitNames: names } } : { fields, query: opts };
}

/**
 * Export straight into `file` (the CLI's --out): an .xlsx streams into it, whatever the number of rows, without
 * the whole file ever being in memory; other formats are made as exportFile makes them. The file appears complete
 * or not at all (written under a temporary name, then renamed).
 */
export async function exportToFile(
  core: Core,
  kind: ExchangeKind,
  format: Format | 'docx',
  opts: { year?: number; ids?: string[]; columns?: string[]; scope?: string; progress?: (done: number, total: number) => void },
  file: string,
): Promise<{ count: number }> {
  if (format === 'xlsx') {
    const { fields, query } = withUnits(core, kind, format, opts);
    const { pages, extraSheets } = partiesSheetFor(core, kind, exportPages(core, kind, query));
    const count = await writeXlsxStream(file, { sheetName: sheetName(kind), fields, extraSheets }, pages);
    return { count };
  }
  const r = await exportFile(core, kind, format, opts);
  const tmp = `${file}.${process.pid}-${Date.now()}.part`;
  try {
    fs.writeFileSync(tmp, r.bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { count: r.count };
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
  const help = fields.map((f) => [f.label, f.required && !f.derived ? '必填' : f.derived ? '可不填（自动计算）' : '选填', describe(f), f.help ?? '']);
  // a note row under the header (what each column takes) and a drop-down list on every enum and yes/no column
  const ledger = kind !== 'indicator' && kind !== 'material';
  const note = !ledger
    ? undefined
    : fields.map((f, i) => `${i === 0 ? `${TEMPLATE_NOTE}：` : ''}${f.required && !f.derived ? '必填' : f.derived ? '自动计算' : '选填'}；${describe(f)}`);
  const lists = !ledger ? undefined : fields.map((f) => (f.type === 'enum' ? f.options! : f.type === 'bool' ? ['是', '否'] : null));
  const dateColumns = fields.flatMap((f, i) => (f.type === 'date' ? [i] : []));
  const bytes = await writeXlsx([
    { name: sheetName(kind), headers: fields.map((f) => f.label), widths: fields.map((f) => f.width ?? 6), rows: [], note, lists, dateColumns },
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
