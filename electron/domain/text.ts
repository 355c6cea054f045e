// Reading what people type: full-width characters from a Chinese IME or a WPS sheet, and dates in the forms
// offices write them. One function each, shared by the import (every cell of a sheet) and the entry form and
// report page (every keystroke), so a date the import takes is a date the form takes and vice versa.

import { isIsoDate, type IsoDate } from './calendar';

const FULL_WIDTH: Record<string, string> = { '（': '(', '）': ')', '\u3000': ' ', '：': ':', '，': ',', '．': '.', '－': '-', '／': '/' };

const TO_HALF = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a（）\u3000：，．－／\u00a0\u200b\ufeff]/g;
const HAS_FULL = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a（）\u3000：，．－／\u00a0\u200b\ufeff]/;
const toHalf = (c: string): string => FULL_WIDTH[c] ?? (c >= '\uff10' ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : ' ');

/** Full-width digits, letters, brackets and spaces to half-width; trimmed. (One pass: it runs on every imported cell.) */
export function normaliseText(s: string): string {
  // most cells have nothing to convert: a test is much cheaper than a replace with a callback
  return (HAS_FULL.test(s) ? s.replace(TO_HALF, toHalf) : s).trim();
}

const DATE_SEPARATED = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** The forms parseDateText reads, for messages and placeholders. */
export const DATE_FORMS_TEXT = '2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日';

/**
 * A date typed as text → `YYYY-MM-DD`, or null when it is not a real day in a known form: 2024-03-05, 2024-3-5,
 * 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, with full-width digits and spaces around the separators.
 * The import reads text cells with it (Excel date cells and serial numbers are the import's own business).
 */
export function parseDateText(text: string): IsoDate | null {
  const s = normaliseText(text);
  const m = DATE_SEPARATED.exec(s) ?? DATE_COMPACT.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * Ctrl+K's window for a one-character search (ListInput.recent): each ledger's 5,000 most recently entered records
 * (docs/performance.md, issue 16). Shared by the dialog and the benchmark.
 */
export const SEARCH_RECENT = 5_000;
