// The vocabulary a ledger declaration is written in. Plain data plus small functions: the form, the table,
// import/export, Word export and validation all read the same declaration.

import type { HolidayCalendar, IsoDate } from './calendar';
import type { Settings } from './settings';

export type FieldType = 'text' | 'longtext' | 'enum' | 'multiEnum' | 'date' | 'int' | 'decimal' | 'bool';
export type Section = '基本信息' | '办理过程' | '结果';

export interface FieldDef {
  key: string;
  /** Canonical Chinese header: import/export column name and form label. */
  label: string;
  type: FieldType;
  section: Section;
  required?: boolean;
  /** enum / multiEnum values (stored as the Chinese label). */
  options?: readonly string[];
  /** free-text suggestions (行政管理领域). */
  suggestions?: readonly string[];
  /** the form offers values entered earlier for this text field (承办人, 申请人, units, courts): `ledger.suggest` */
  suggest?: boolean;
  min?: number;
  max?: number;
  /**
   * 'always': computed on every save from other fields and settings (总分, 等次, 受理审查期限…).
   * 'suggested': computed unless the user sets a different value (审核期限, 重大合同, 败诉, 有效期至).
   */
  derived?: 'always' | 'suggested';
  /** unique among live rows (案号). */
  unique?: boolean;
  /** indexed for full-text search. */
  search?: boolean;
  /** one sentence shown under the form field. */
  help?: string;
  /** column width in Chinese characters, for the list and the Word table. */
  width?: number;
  /**
   * lists sort by this key of the text instead of the text (案号 by year and number); it is stored in the column
   * `<key>_sort`, kept by every write and indexed (migration 7)
   */
  sortKey?: (text: string) => string | null;
  /**
   * A date the list does not offer to sort by: the procedure dates of a case file (§11) and of 报备/建议 replies
   * have no index of their own (an index a date would slow every import), so sorting by one would sort every row
   * (sortableField). They are still shown, filtered within a year and on the deadline board.
   */
  noSort?: boolean;
  /**
   * Other headers offices write for this column in their own Excel ledgers (DOMAIN.md §10); matched like the
   * label (spaces, full/half width and a trailing unit in brackets ignored). See domain/sheet-mapping.ts.
   */
  aliases?: readonly string[];
  /** Words offices write for a value (enum/multiEnum: → an option; bool: → 是/否), besides the options themselves. */
  words?: Readonly<Record<string, string>>;
}

export type Value = string | number | boolean | string[] | null;
export type Row = Record<string, Value>;

export interface DeriveContext {
  settings: Settings;
  calendar: HolidayCalendar;
  /**
   * the office's date today, for warnings that depend on it (not yet filed, 有效期 ending soon); derived values
   * never read it (they must not change by themselves overnight)
   */
  today?: IsoDate;
}

export interface RowIssue {
  field: string;
  /** the problem, without the field's label (the caller shows `label：message`) */
  message: string;
}

/** A statutory or configured deadline, for the board and the status tags. */
export interface DeadlineDef {
  /** the date field holding the deadline */
  field: string;
  /** the field whose value ends the clock (办结日期, 受理日期…); the deadline is live while it is empty */
  doneField: string;
  /** computed without the holiday calendar (a period in years): a holiday change need not read it (core.ts calendarScope) */
  calendarFree?: true;
  /** extra condition for the deadline to be live */
  applies?: (row: Row) => boolean;
  /** the fields `applies` reads: the board loads only these (a test holds `applies` to them) */
  reads?: string[];
  /**
   * `applies` in SQL on the row's columns (those of `reads`, in the deadline's open-item index): the board leaves the
   * other rows out before grouping them (issue 16: 1,000,000 rows hold thousands of 不予受理 cases whose 受理审查期限
   * never stops). tests/integration/deadline-applies.test.ts holds the two to the same rows.
   */
  appliesSql?: string;
  /**
   * leave the board once overdue for more than this many calendar days (a reminder that old is a gap in the data,
   * shown by the metrics, not something to do today); unset: stays until done
   */
  lookBackDays?: number;
  /** warn when due within this many days ('workdays' counts working days) */
  warnWithin: { n: number; unit: 'days' | 'workdays' };
  /** the rule that set the deadline, in one Chinese sentence, for the board */
  rule: (settings: Settings) => string;
}

export interface LedgerDef {
  kind: LedgerKind;
  /** 规范性文件审核台账 */
  name: string;
  /** 规范性文件 — the ledger in navigation and sentences */
  shortName: string;
  /** the ★ date: a row belongs to this date's year */
  primaryDate: string;
  /** the field that best names a row in lists and search results */
  titleField: string;
  fields: FieldDef[];
  defaultColumns: string[];
  /** defaults applied when a value is missing (涉企 from 申请人类型, 文件状态 有效) */
  defaults?: (row: Row) => Row;
  /** derived values under the current settings and calendar */
  derive: (row: Row, ctx: DeriveContext) => Row;
  /** cross-field rules; field-level rules come from the declaration */
  check?: (row: Row) => RowIssue[];
  /** soft warnings that do not block saving */
  warn?: (row: Row, ctx: DeriveContext) => string[];
  deadlines: DeadlineDef[];
}

export type LedgerKind = 'normative' | 'decision' | 'contract' | 'reconsideration' | 'litigation' | 'casefile';

export const COMMON_FIELDS: FieldDef[] = [
  {
    key: 'handler',
    label: '承办人',
    type: 'text',
    section: '办理过程',
    search: true,
    suggest: true,
    width: 5,
    aliases: ['经办人', '办案人员', '主承办人', '承办人员'],
  },
  // office mode (issue 19, migration 14): a colleague who helps with the record; in host mode both are chosen from
  // the accounts (我的案件 finds a record by either). Not searched: the search index's text is the released one.
  { key: 'coHandler', label: '协办人', type: 'text', section: '办理过程', suggest: true, width: 5, aliases: ['协办人员', '协办'] },
  { key: 'note', label: '备注', type: 'longtext', section: '结果', search: true, width: 12, aliases: ['说明', '其他'] },
];

// Small helpers the declarations share.
export const str = (v: Value | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const num = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);
export const isTrue = (v: Value | undefined): boolean => v === true;
export const date = (v: Value | undefined): IsoDate | null => str(v);

/** `a` must not be before `b` (both optional). */
export function notBefore(row: Row, a: string, b: string, labels: Record<string, string>): RowIssue[] {
  const va = date(row[a]);
  const vb = date(row[b]);
  return va && vb && va < vb ? [{ field: a, message: `不能早于${labels[b]}` }] : [];
}

export function labelsOf(fields: FieldDef[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.label]));
}

/**
 * Whether a list column offers sorting: the dates, each with an index whose next column is rid (migration 9), and
 * 案号 (its sort key's index, migration 7). Any other column (a title, a name, an amount) sorted over every year
 * of a 1,000,000-row file costs 400 ms–2.6 s (a sort of every row), so it is not offered (issue 16;
 * tests/integration/query-plans.test.ts checks each offered column walks an index and stops after the page).
 */
export function sortableField(f: FieldDef): boolean {
  return (f.type === 'date' && !f.noSort) || !!f.sortKey;
}

/** Whether the filter panel offers a field: every enum, multi-choice, yes/no and date field. */
export function filterableField(f: FieldDef): boolean {
  return f.type === 'enum' || f.type === 'multiEnum' || f.type === 'bool' || f.type === 'date';
}
