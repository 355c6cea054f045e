// One cell of an imported sheet → a typed value of the declaration, or a Chinese problem; and back for export.
// Accepts what offices type in Excel/WPS: dates as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or real date
// cells; 是/否, 1/0, √/×; multi-values split by 、；; full-width brackets, digits and spaces.

import { DATE_FORMS_TEXT, normaliseText, parseDateText } from '../../domain/text';
import type { FieldDef, Value } from '../../domain/fields';

export type Cell = string | number | boolean | Date | null;
export type Parsed = { ok: true; value: Value } | { ok: false; message: string };

// The text rules live in the domain, shared with the entry form; re-exported for the exchange code that reads them here.
export { normaliseText };

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
function excelSerialToIso(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 2958465) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** `text`: the cell's normaliseText when the caller has it already. */
function parseDate(cell: Cell, fromSheet: boolean, text?: string): string | null {
  if (cell instanceof Date) {
    // exceljs reads date cells as UTC midnight of the displayed date
    return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') return fromSheet ? excelSerialToIso(cell) : null;
  if (typeof cell !== 'string') return null;
  return parseDateText(text ?? cell);
}

const TRUE = new Set(['是', '1', '√', '✓', '✔', 'true', 'y', 'yes', '对', 'TRUE', 'Y', 'YES']);
const FALSE = new Set(['否', '0', '×', '✗', '✘', 'false', 'n', 'no', '错', 'FALSE', 'N', 'NO']);

function parseNumber(cell: Cell, text?: string): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const s = (text ?? normaliseText(cell)).replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  return Number(s);
}

/** Text a spreadsheet would take for a formula, also behind quotes we added (so a typed ' round-trips). */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

/** Strip the one quote export puts before text that a spreadsheet would take for a formula. */
function unneutralise(s: string): string {
  return s.startsWith("'") && FORMULA_LIKE.test(s) ? s.slice(1) : s;
}

const EMPTY: Parsed = { ok: true, value: null };

/** Convert one cell for a field. An empty cell is null (the declaration decides whether that is allowed). */
export function parseCell(f: FieldDef, cell: Cell, fromSheet: boolean, neutralised = true): Parsed {
  if (cell === null || cell === undefined) return EMPTY;
  // a text cell made half-width once: it decides emptiness and is what every type but text reads
  const norm = typeof cell === 'string' ? normaliseText(cell) : undefined;
  if (norm === '') return EMPTY;
  switch (f.type) {
    case 'text':
    case 'longtext': {
      const s = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
      return { ok: true, value: neutralised ? unneutralise(s.trim()) : s.trim() };
    }
    case 'enum': {
      const s = norm ?? normaliseText(String(cell));
      if (f.options!.includes(s)) return { ok: true, value: s };
      return { ok: false, message: `“${String(cell).trim()}”不是可选值（可选：${f.options!.join('、')}）` };
    }
    case 'multiEnum': {
      const items = (norm ?? normaliseText(String(cell)))
        .split(/[、；;,，\n]+/)
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = items.filter((x) => !f.options!.includes(x));
      if (bad.length) return { ok: false, message: `“${bad.join('、')}”不是可选值（可选：${f.options!.join('、')}）` };
      return { ok: true, value: [...new Set(items)] };
    }
    case 'date': {
      const d = parseDate(cell, fromSheet, norm);
      return d
        ? { ok: true, value: d }
        : { ok: false, message: `“${cell instanceof Date ? '无效日期' : String(cell).trim()}”不是有效日期（可写作 ${DATE_FORMS_TEXT}）` };
    }
    case 'int':
    case 'decimal': {
      const n = parseNumber(cell, norm);
      if (n === null) return { ok: false, message: `“${String(cell).trim()}”不是数字` };
      if (f.type === 'int' && !Number.isInteger(n)) return { ok: false, message: `“${String(cell).trim()}”应为整数` };
      return { ok: true, value: n };
    }
    case 'bool': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const s = norm ?? normaliseText(String(cell));
      if (TRUE.has(s) || TRUE.has(s.toLowerCase())) return { ok: true, value: true };
      if (FALSE.has(s) || FALSE.has(s.toLowerCase())) return { ok: true, value: false };
      return { ok: false, message: `“${s}”应为“是”或“否”（也可写 1/0、√/×）` };
    }
  }
}

/** Text a spreadsheet would evaluate as a formula gets a leading quote (undone on import). */
export function neutralise(s: string): string {
  return FORMULA_LIKE.test(s) ? `'${s}` : s;
}

/** A typed value as the cell written on export: 是/否, multi-values joined by 、, dates as text. */
export function exportCell(f: FieldDef, v: Value): string | number | null {
  if (v === null || v === undefined) return null;
  switch (f.type) {
    case 'bool':
      return v ? '是' : '否';
    case 'multiEnum':
      return Array.isArray(v) ? v.join('、') : String(v);
    case 'int':
    case 'decimal':
      return typeof v === 'number' ? v : Number(v);
    case 'text':
    case 'longtext':
      return neutralise(String(v));
    default:
      return String(v);
  }
}
