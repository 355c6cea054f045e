// Reading the three file formats as plain tables (and writing CSV): a header row and data rows, each data row with
// the line number the user sees (the sheet row; for JSON the array position counted as if under a header row).

import { AppError } from '../errors';
import type { Cell } from './cells';
import { normaliseText } from './cells';
import { MAX_CELLS, MAX_COLUMNS, MAX_ROWS, n } from './limits';
import { decodeText, readCsvRows } from './text-read';
import { openXlsx } from './xlsx-read';

export interface Table {
  headers: string[];
  /** line number of the header row (1 unless a sheet starts lower) */
  headerLine: number;
  rows: { line: number; cells: Cell[] }[];
}

export type Format = 'xlsx' | 'csv' | 'json';

export function formatOf(fileName: string): Format {
  const ext = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext === 'xlsx' || ext === 'csv' || ext === 'json') return ext;
  if (ext === 'xls' || ext === 'et') {
    throw new AppError(
      'IMPORT_FAILED',
      `不支持旧版 .${ext} 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入（Excel：文件 → 另存为 → 保存类型选“Excel 工作簿(*.xlsx)”；WPS：文件 → 另存为 → 文件类型选“Microsoft Excel 文件(*.xlsx)”）`,
    );
  }
  throw new AppError('IMPORT_FAILED', `不支持的文件类型“${fileName}”：请使用 .xlsx、.csv 或 .json 文件`);
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM and CRLF, as Excel/WPS on Windows open without garbling. */
export function writeCsv(headers: string[], rows: (string | number | null)[][]): Buffer {
  const lines = [headers, ...rows].map((r) => r.map(csvField).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

const isEmpty = (c: Cell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

function fromRows(raw: { line: number; cells: Cell[] }[]): Table | null {
  const nonEmpty = raw.filter((r) => r.cells.some((c) => !isEmpty(c)));
  if (!nonEmpty.length) return null;
  const [head, ...rows] = nonEmpty;
  // trailing empty header cells are not columns
  let width = head.cells.length;
  while (width > 0 && isEmpty(head.cells[width - 1])) width--;
  return {
    headers: head.cells.slice(0, width).map((c) => (c === null ? '' : normaliseText(String(c)))),
    headerLine: head.line,
    rows,
  };
}

export function readCsv(bytes: Buffer): Table | null {
  // decoded and split under the bounds of limits.ts (text-read.ts)
  return fromRows(readCsvRows(bytes).map((cells, i) => ({ line: i + 1, cells })));
}

export function readJson(bytes: Buffer): Table | null {
  let data: unknown;
  try {
    data = JSON.parse(decodeText(bytes));
  } catch (e) {
    throw new AppError('IMPORT_FAILED', `JSON 文件格式有误：${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new AppError('IMPORT_FAILED', 'JSON 文件应为一个数组，每个元素是一条记录（以中文列名为键的对象）');
  if (!data.length) return null;
  // the bounds of limits.ts, before the rows × columns table is made
  if (data.length > MAX_ROWS)
    throw new AppError(
      'IMPORT_FAILED',
      `JSON 文件有 ${n(data.length)} 条记录，超过了 ${n(MAX_ROWS)} 条（Excel 的上限），没有导入。请把文件拆分成几个较小的文件分别导入`,
    );
  const headers: string[] = [];
  const seen = new Set<string>();
  data.forEach((o, i) => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new AppError('IMPORT_FAILED', `JSON 第 ${i + 1} 个元素不是对象`);
    for (const k of Object.keys(o)) {
      if (seen.has(k)) continue;
      seen.add(k);
      headers.push(k);
      if (headers.length > MAX_COLUMNS)
        throw new AppError(
          'IMPORT_FAILED',
          `JSON 文件的记录里有超过 ${n(MAX_COLUMNS)} 个不同的列名（第 ${n(i + 1)} 个元素），文件可能已损坏或被改造，不能导入`,
        );
    }
  });
  if (data.length * headers.length > MAX_CELLS) {
    throw new AppError(
      'IMPORT_FAILED',
      `JSON 文件的格子（${n(data.length)} 条 × ${n(headers.length)} 列）超过 ${n(MAX_CELLS)} 个，超出了一次导入的上限，没有导入。请把文件拆分成几个较小的文件分别导入`,
    );
  }
  const cell = (v: unknown): Cell => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map(String).join('、');
    return JSON.stringify(v);
  };
  // Line numbers read as a sheet would: the first record is 第2行, under an imagined header row.
  return {
    headers: headers.map(normaliseText),
    headerLine: 1,
    rows: data.map((o, i) => ({ line: i + 2, cells: headers.map((h) => cell((o as Record<string, unknown>)[h])) })),
  };
}

/**
 * The sheets of a workbook as tables. `pick` chooses the sheet whose header row it recognises; the names of all
 * sheets are returned so a message can list them. Sheets are read one by one until one is picked.
 */
export async function readXlsx(bytes: Buffer, pick: (headers: string[]) => boolean): Promise<{ table: Table | null; sheets: string[] }> {
  const book = openXlsx(bytes);
  const sheets = book.sheets;
  let first: Table | null = null;
  for (let i = 0; i < sheets.length; i++) {
    const raw = book.rows(i);
    const t = fromRows(raw);
    if (!t) continue;
    first ??= t;
    if (pick(t.headers)) return { table: t, sheets };
    // title rows above the header (“某某县行政复议案件台账（2025年）”, “填报单位：…”) are common: look down the
    // first 10 rows (DOMAIN.md §10)
    const filled = raw.filter((r) => r.cells.some((c) => !isEmpty(c)));
    for (let k = 1; k < Math.min(filled.length, 10); k++) {
      const below = fromRows(raw.filter((r) => r.line >= filled[k].line));
      if (below && pick(below.headers)) return { table: below, sheets };
    }
  }
  return { table: first && pick(first.headers) ? first : null, sheets };
}
