// Reading an office's own Excel ledger (DOMAIN.md §10): which row is the header, which column is which field
// (by label, alias or part of a name, each with a confidence), which words stand for which values, which rows are
// not records (合计/小计, footers). Pure: the import (exchange/), its worker and the import wizard share it, and a
// saved mapping (SheetMapping, plain JSON) travels to the worker and to the CLI's --mapping file as it is.
// How matching works and what the confidences mean: docs/decisions.md “导入：列名和取值的匹配”.

import type { FieldDef } from './fields';
import { UNIT_COLUMN } from './units';

/** What a column goes to: a field key, the 备注 (kept as `列名：值`), or nowhere (序号, or the user's choice). */
export type ColumnTarget = string | '@note' | '@ignore';

/**
 * A mapping the user chose (or a --mapping file): by header as the sheet writes it. Columns map to a field's
 * label, to 备注 or to 忽略; values map, per field label, a word of the sheet to an option (是/否 for yes/no).
 */
export interface SheetMapping {
  columns?: Record<string, string>;
  values?: Record<string, Record<string, string>>;
}

export const NOTE_TARGET = '备注';
export const IGNORE_TARGET = '忽略';

export interface ColumnMatch {
  /** 0-based column of the sheet */
  index: number;
  /** the header as shown (two header rows joined by / when both say something different) */
  header: string;
  target: ColumnTarget;
  /** 0–1: 1 the canonical header or the user's choice, 0.9 an alias, 0.5–0.85 part of a name, 0 none */
  confidence: number;
  via: 'label' | 'alias' | 'partial' | 'serial' | 'mapping' | 'none';
  /** fields that matched equally well (more than one: ambiguous, the user chooses) */
  candidates: string[];
  /** the cell's number times this (a header in 元 for a field in 万元: 0.0001) */
  scale?: number;
  /** several fields fit equally: a problem until the user chooses */
  ambiguous?: boolean;
}

/** Below this a partial match is only suggested: the column goes to 备注 until the user chooses. */
export const ACCEPT_PARTIAL = 0.7;

const SPACES = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** NFKC (full width to half width) without spaces, stars or colons; `unit`: a trailing bracket, e.g. 元. */
export function splitHeader(s: string): { name: string; unit: string | null } {
  let t = s
    .normalize('NFKC')
    .replace(SPACES, '')
    .replace(/^[*※]+|[*※:：]+$/g, '');
  let unit: string | null = null;
  const m = /^(.+?)[(（[]([^()（）[\]]{1,6})[)）\]]$/.exec(t);
  if (m) {
    t = m[1];
    unit = m[2];
  }
  return { name: t, unit };
}

export function normHeader(s: string): string {
  return splitHeader(s).name;
}

// 填报单位: the column an export adds once there are units (domain/units.ts); the importing unit's rows are its own
const SERIAL = new Set(['序号', '序', 'No', 'No.', 'NO', '编码序号', UNIT_COLUMN]);

function unitScale(f: FieldDef, unit: string | null): number | undefined {
  const own = splitHeader(f.label).unit;
  if (own === '万元' && unit === '元') return 0.0001;
  return undefined;
}

/** How well one header names each field: the best fields (ties) and the confidence. */
export function matchHeader(fields: readonly FieldDef[], header: string): Omit<ColumnMatch, 'index' | 'header'> {
  const { name, unit } = splitHeader(header);
  if (!name) return { target: '@ignore', confidence: 0, via: 'none', candidates: [] };
  if (SERIAL.has(name)) return { target: '@ignore', confidence: 1, via: 'serial', candidates: [] };
  const exact = fields.filter((f) => normHeader(f.label) === name);
  if (exact.length) return { target: exact[0].key, confidence: 1, via: 'label', candidates: exact.map((f) => f.key), scale: unitScale(exact[0], unit) };
  const alias = fields.filter((f) => f.aliases?.some((a) => normHeader(a) === name));
  if (alias.length) {
    return {
      target: alias.length === 1 ? alias[0].key : '@note',
      confidence: 0.9,
      via: 'alias',
      candidates: alias.map((f) => f.key),
      scale: unitScale(alias[0], unit),
    };
  }
  // part of a name: the header holds a label or alias (申请人姓名 → 申请人), or a label holds the header
  // (赔偿 → 一并请求赔偿); the longer the shared part, the surer. Names of one character say too little.
  let best = 0;
  let bestFields: FieldDef[] = [];
  for (const f of fields) {
    let score = 0;
    for (const n of [f.label, ...(f.aliases ?? [])].map(normHeader)) {
      if (n.length < 2 || name.length < 2) continue;
      const shared = name.includes(n) ? n.length : n.includes(name) ? name.length : 0;
      if (shared) score = Math.max(score, 0.5 + 0.35 * (shared / Math.max(n.length, name.length)));
    }
    score = Math.round(score * 100) / 100;
    if (score > best) {
      best = score;
      bestFields = [f];
    } else if (score && score === best) bestFields.push(f);
  }
  if (!bestFields.length) return { target: '@note', confidence: 0, via: 'none', candidates: [] };
  const sure = bestFields.length === 1 && best >= ACCEPT_PARTIAL;
  return {
    target: sure ? bestFields[0].key : '@note',
    confidence: best,
    via: 'partial',
    candidates: bestFields.map((f) => f.key),
    scale: sure ? unitScale(bestFields[0], unit) : undefined,
  };
}

/** Text of a cell for headers and notes: dates as YYYY-MM-DD, numbers as written. */
export function cellText(c: unknown): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  return String(c).trim();
}

function headerScore(fields: readonly FieldDef[], cells: readonly unknown[]): number {
  let n = 0;
  const seen = new Set<string>();
  for (const c of cells) {
    const t = cellText(c);
    if (!t || t.length > 30 || seen.has(t)) continue;
    seen.add(t);
    const m = matchHeader(fields, t);
    if (m.via === 'label' || m.via === 'alias') n += 1;
    else if (m.via === 'partial' && m.confidence >= ACCEPT_PARTIAL) n += 0.5;
  }
  return n;
}

/**
 * A row made only of header words: each cell the one above/below it (a merged header), a field's name, or a
 * short group name (审结情况) — with a field's name the other row lacks, or two cells merged with it.
 */
function isHeaderLike(fields: readonly FieldDef[], cells: readonly unknown[], other: readonly unknown[]): boolean {
  let fresh = 0;
  let same = 0;
  for (let i = 0; i < cells.length; i++) {
    const t = cellText(cells[i]);
    if (!t) continue;
    if (t === cellText(other[i])) {
      same++;
      continue;
    }
    const m = matchHeader(fields, t);
    if (m.via === 'label' || m.via === 'alias' || m.via === 'serial' || (m.via === 'partial' && m.confidence >= ACCEPT_PARTIAL)) fresh++;
    else if (t.length > 12 || /^\d/.test(t)) return false;
  }
  return fresh > 0 || same >= 2;
}

export interface HeaderFound {
  /** positions (in the rows given) of the header rows, one or two */
  rows: number[];
  /** position of the first data row */
  dataFrom: number;
  headers: string[];
}

/**
 * The header among the first 10 rows: the one naming the most fields; a row just above or below it made only
 * of header words (a header over two merged rows: 审结情况 over 结案日期 | 结案方式) joins it. null: none names a field.
 */
export function findHeader(fields: readonly FieldDef[], rows: readonly (readonly unknown[])[]): HeaderFound | null {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const s = headerScore(fields, rows[i]);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  if (best < 0) return null;
  const used = [best];
  if (best + 1 < rows.length && isHeaderLike(fields, rows[best + 1], rows[best])) used.push(best + 1);
  else if (best > 0 && isHeaderLike(fields, rows[best - 1], rows[best])) used.unshift(best - 1);
  const width = Math.max(...used.map((i) => rows[i].length));
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts = used.map((i) => cellText(rows[i][c]));
    const [a, b] = parts;
    if (parts.length === 1 || !b || a === b) headers.push(a || b || '');
    else if (!a) headers.push(b);
    else {
      // the row that names a field wins (审结情况 / 结案方式 → 结案方式); else both, as 审结情况/是否公开
      const ma = matchHeader(fields, a);
      const mb = matchHeader(fields, b);
      headers.push(mb.confidence >= ma.confidence && mb.confidence > 0 ? b : ma.confidence > 0 ? a : `${a}/${b}`);
    }
  }
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  return { rows: used, dataFrom: used[used.length - 1] + 1, headers };
}

/** Find a field by key or label (a mapping file names fields by label). */
function fieldByName(fields: readonly FieldDef[], name: string): FieldDef | undefined {
  const n = normHeader(name);
  return fields.find((f) => f.key === name || normHeader(f.label) === n);
}

/**
 * Every column's target. A saved or given mapping decides first; then label, alias, part of a name. Two columns
 * that would fill one field: the surer one keeps it, the other goes to 备注 — unless they are equally sure, which
 * is ambiguous (problems name both). Problems name the column and the choices.
 */
export function mapColumns(fields: readonly FieldDef[], headers: readonly string[], mapping?: SheetMapping): { columns: ColumnMatch[]; problems: string[] } {
  const problems: string[] = [];
  const given = new Map(Object.entries(mapping?.columns ?? {}).map(([h, t]) => [normHeader(h), t]));
  const note = fields.find((f) => f.key === 'note');
  const columns: ColumnMatch[] = headers.map((header, index) => {
    const chosen = given.get(normHeader(header));
    if (chosen !== undefined) {
      if (chosen === IGNORE_TARGET) return { index, header, target: '@ignore', confidence: 1, via: 'mapping', candidates: [] };
      // 备注 for a column that is not the 备注 itself: kept as `列名：值`
      if (normHeader(chosen) === NOTE_TARGET && matchHeader(fields, header).target !== 'note')
        return { index, header, target: '@note', confidence: 1, via: 'mapping', candidates: [] };
      const f = fieldByName(fields, chosen);
      if (!f) {
        problems.push(`映射中列“${header}”对应的“${chosen}”不是本台账的字段`);
        return { index, header, target: '@note', confidence: 0, via: 'none', candidates: [] };
      }
      return { index, header, target: f.key, confidence: 1, via: 'mapping', candidates: [f.key], scale: unitScale(f, splitHeader(header).unit) };
    }
    return { index, header, ...matchHeader(fields, header) };
  });
  const label = (k: string) => fields.find((f) => f.key === k)?.label ?? k;
  // a column that names several fields as well as each other (日期: 受理日期 or 审结日期) — those another column
  // already fills surely are no choice
  const sure = new Set(columns.filter((c) => !c.target.startsWith('@')).map((c) => c.target));
  for (const c of columns) {
    if (c.target !== '@note' || c.candidates.length < 2 || c.confidence < 0.6) continue;
    const open = c.candidates.filter((k) => !sure.has(k));
    c.candidates = open.length ? open : c.candidates;
    problems.push(`列“${c.header}”可对应多个字段：${c.candidates.map(label).join('、')}，请指定`);
    c.ambiguous = true;
  }
  // one field, several columns
  const byField = new Map<string, ColumnMatch[]>();
  for (const c of columns) {
    if (c.target.startsWith('@')) continue;
    byField.set(c.target, [...(byField.get(c.target) ?? []), c]);
  }
  for (const [key, cs] of byField) {
    if (cs.length < 2) continue;
    // a 备注 column and unknown columns both end in the 备注: that is not a clash
    if (note && key === note.key) continue;
    const top = Math.max(...cs.map((c) => c.confidence));
    const tops = cs.filter((c) => c.confidence === top);
    if (tops.length > 1) {
      const names = [...new Set(tops.map((c) => c.header))];
      problems.push(
        names.length === 1
          ? `列“${names[0]}”重复出现`
          : `列${names.map((h) => `“${h}”`).join('和')}都对应“${label(key)}”，请指定其中一列，其余列写入备注或忽略`,
      );
    }
    for (const c of cs) {
      if (c === tops[0]) continue;
      c.candidates = [key];
      c.target = '@note';
      // a tie is a problem (named above), not a column kept in 备注
      if (tops.length > 1 && tops.includes(c)) c.ambiguous = true;
    }
  }
  return { columns, problems };
}

/** The option a cell's word stands for: the user's mapping, then the declaration's words; undefined: none. */
export function wordFor(f: FieldDef, word: string, mapping?: SheetMapping): string | undefined {
  const w = word.normalize('NFKC').replace(SPACES, '');
  const own = mapping?.values?.[f.label];
  if (own) {
    for (const [k, v] of Object.entries(own)) if (k.normalize('NFKC').replace(SPACES, '') === w) return v;
  }
  if (f.words) for (const [k, v] of Object.entries(f.words)) if (k === w) return v;
  if (f.type === 'bool') return BOOL_WORDS[w];
  return undefined;
}

/** yes/no as offices write them, besides 是/否 (cells.ts takes 是/否, 1/0, √/×). */
const BOOL_WORDS: Record<string, string> = { 有: '是', 无: '否', 没有: '否', 已: '是', 未: '否', Y: '是', N: '否', '✓': '是', '✗': '否' };

/** The blank template's note row starts with this (the import skips it). */
export const TEMPLATE_NOTE = '填写说明';

// 合计, 小计：, 总计8件 — but not 合计公司 (a name that starts so)
const TOTAL_ROW = /^(?:(?:合计|小计|总计|共计)(?:[:：(（\d件]|$)|填写说明)/;
const MAYBE_TOTAL = /^[\s\u3000]*[合小总共填]/;
const MAYBE_FOOTER = /^[\s\u3000]*[填制审负注说备]/;
const FOOTER_ROW = /^(填表人|制表人|填报人|审核人|负责人|制表日期|填表日期|注[:：]|说明[:：]|备注[:：])/;

/**
 * Not a record: 合计/小计/总计 in one of the first cells, a footer line (填表人：…, 注：…), or the header printed
 * again on a later page.
 */
export function isNonRecord(cells: readonly unknown[], headers: readonly string[]): boolean {
  // runs on every row of a big import: the first three non-empty cells, and a regex only where the first
  // character could start such a row
  let first: string | null = null;
  let firstAt = -1;
  let seen = 0;
  for (let i = 0; i < cells.length && seen < 3; i++) {
    const c = cells[i];
    if (c === null || c === undefined || c === '') continue;
    if (typeof c !== 'string') {
      seen++;
      continue;
    }
    if (MAYBE_TOTAL.test(c) && TOTAL_ROW.test(c.replace(SPACES, ''))) return true;
    if (!c.trim()) continue;
    seen++;
    if (first === null) {
      first = c;
      firstAt = i;
    }
  }
  if (!seen) return true;
  if (first === null) return false;
  if (MAYBE_FOOTER.test(first) && FOOTER_ROW.test(first.replace(SPACES, '')) && new Set(cells.map(cellText).filter(Boolean)).size <= 3) return true;
  // the header printed again (a sheet printed over several pages, pasted together)
  if (first.trim() !== headers[firstAt]) return false;
  let same = 0;
  for (let i = 0; i < headers.length; i++) if (headers[i] && cellText(cells[i]) === headers[i]) same++;
  return same >= 3 && same >= headers.filter(Boolean).length / 2;
}

/**
 * A record's identity for re-importing: its 案号 where the ledger has one (复议, 应诉, 案卷评查), else title +
 * primary date (a 案卷评查 row without 案号 has none: one unit's files are reviewed on one day).
 */
export function recordKey(def: { fields: readonly FieldDef[]; titleField: string; primaryDate: string }, row: Record<string, unknown>): string | null {
  if (def.fields.some((f) => f.key === 'caseNo')) return typeof row.caseNo === 'string' && row.caseNo ? `#${row.caseNo}` : null;
  const t = row[def.titleField];
  const d = row[def.primaryDate];
  return typeof t === 'string' && t && typeof d === 'string' && d ? `${t}|${d}` : null;
}
