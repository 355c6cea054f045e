// What the entry form offers before the clerk types: the next 案号 in the ledger's own numbering, and earlier
// values of a field (承办人, 申请人, 被申请人, units, courts). Pure: the core supplies the rows it read.

import type { FieldDef } from './fields';

/** A 案号 cut where it varies: 清复字〔2025〕12号 → head 清复字〔, year 2025, mid 〕, seq 12, tail 号. */
export interface CaseNoParts {
  head: string;
  year: number;
  mid: string;
  /** the sequence number as written (keeps zero padding: 007) */
  seq: string;
  tail: string;
}

// the first 19xx/20xx is the year; the last run of digits is the sequence; digits between them (a court's
// code such as 0102 in （2025）苏0102行初12号) belong to the middle
const CASE_NO = /^(.*?)((?:19|20)\d{2})(.*?)(\d+)(\D*)$/;

export function caseNoParts(s: string): CaseNoParts | null {
  const m = CASE_NO.exec(s.trim());
  if (!m || (m[3] === '' && m[4].length > 4)) return null;
  return { head: m[1], year: Number(m[2]), mid: m[3], seq: m[4], tail: m[5] };
}

const shape = (p: CaseNoParts) => `${p.head}\u0000${p.mid}\u0000${p.tail}`;

/**
 * The next 案号 for a case of `year`: the numbering of the most recently entered 案号 (`caseNos[0]`), with the
 * year of the case and one more than the highest number of that year among `caseNos` (1 when the year has none).
 * `taken` says whether a 案号 is in use (it is skipped). Null when no earlier 案号 has a year and a number.
 */
export function nextCaseNo(caseNos: readonly string[], year: number, taken: (caseNo: string) => boolean = () => false): string | null {
  let template: CaseNoParts | null = null;
  for (const s of caseNos) if ((template = caseNoParts(s))) break;
  if (!template) return null;
  const want = shape(template);
  let max = 0;
  let width = template.seq.length > 1 && template.seq.startsWith('0') ? template.seq.length : 1;
  for (const s of caseNos) {
    const p = caseNoParts(s);
    if (!p || p.year !== year || shape(p) !== want) continue;
    const n = Number(p.seq);
    if (n > max) max = n;
    if (p.seq.length > 1 && p.seq.startsWith('0')) width = Math.max(width, p.seq.length);
  }
  for (let n = max + 1; n < max + 1000; n++) {
    const s = `${template.head}${year}${template.mid}${String(n).padStart(width, '0')}${template.tail}`;
    if (!taken(s)) return s;
  }
  return null;
}

/** Text fields whose earlier values the form offers (the declaration marks them `suggest`). */
export const suggestable = (f: FieldDef): boolean => f.type === 'text' && !!f.suggest && !f.unique;

export interface SeenValue {
  value: string;
  /** how often it was entered (in the window the core read) */
  count: number;
  /** how recently (higher is later) */
  last: number;
}

/**
 * Earlier values for a field, best first: values that start with what was typed, then values that contain it;
 * within each, the most frequent, then the most recent. Without typing, the most frequent and recent.
 */
export function rankSuggestions(seen: readonly SeenValue[], typed: string, limit: number): string[] {
  const t = typed.trim();
  const rank = (v: string) => (t === '' || v.startsWith(t) ? 0 : v.includes(t) ? 1 : 2);
  return seen
    .filter((s) => s.value !== t && rank(s.value) < 2)
    .sort((a, b) => rank(a.value) - rank(b.value) || b.count - a.count || b.last - a.last)
    .slice(0, limit)
    .map((s) => s.value);
}
