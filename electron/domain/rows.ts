// Validation and derivation of one ledger row, from its declaration. The same function serves the form (live
// checks), the API (create/update) and import (every row of a file), so a rule is written once.

import { z } from 'zod';
import { isIsoDate } from './calendar';
import type { DeadlineDef, DeriveContext, FieldDef, LedgerDef, Row, RowIssue, Value } from './fields';

export const TEXT_MAX = 500;
export const LONGTEXT_MAX = 5000;

function fieldSchema(f: FieldDef): z.ZodType<Value | undefined> {
  switch (f.type) {
    case 'text':
    case 'longtext': {
      const max = f.type === 'text' ? TEXT_MAX : LONGTEXT_MAX;
      return z
        .string({ error: '应为文字' })
        .max(max, { error: `过长（最多 ${max} 字）` })
        .refine((s) => !s.includes('\u0000'), { error: '含有不可见的控制字符' })
        .nullish();
    }
    case 'enum':
      return z
        .string({ error: '应为文字' })
        .refine((s) => f.options!.includes(s), { error: `只能是：${f.options!.join('、')}` })
        .nullish();
    case 'multiEnum':
      return z
        .array(z.string({ error: '应为文字' }), { error: '应为列表' })
        .max(f.options!.length, { error: '项数过多' })
        .refine((a) => a.every((s) => f.options!.includes(s)), { error: `只能从以下选择：${f.options!.join('、')}` })
        .refine((a) => new Set(a).size === a.length, { error: '有重复项' })
        .nullish();
    case 'date':
      return z.string({ error: '应为日期' }).refine(isIsoDate, { error: '不是有效日期（应为 YYYY-MM-DD）' }).nullish();
    case 'int':
    case 'decimal': {
      let n = z.number({ error: '应为数字' }).refine(Number.isFinite, { error: '应为数字' });
      if (f.type === 'int') n = n.refine(Number.isInteger, { error: '应为整数' });
      if (f.min !== undefined) n = n.refine((v) => v >= f.min!, { error: `不能小于 ${f.min}` });
      if (f.max !== undefined) n = n.refine((v) => v <= f.max!, { error: `不能大于 ${f.max}` });
      return n.nullish();
    }
    case 'bool':
      return z.boolean({ error: '应为“是”或“否”' }).nullish();
  }
}

const schemas = new WeakMap<LedgerDef, z.ZodType<Row>>();

/** The zod schema of a row of this kind: every field typed, unknown keys refused. */
export function rowSchema(def: LedgerDef): z.ZodType<Row> {
  let s = schemas.get(def);
  if (!s) {
    const shape = Object.fromEntries(def.fields.map((f) => [f.key, fieldSchema(f)]));
    s = z.strictObject(shape, {
      error: (iss) => (iss.code === 'unrecognized_keys' ? `未知的字段：${(iss.keys as string[]).join('、')}` : '记录应为对象'),
    }) as unknown as z.ZodType<Row>;
    schemas.set(def, s);
  }
  return s;
}

function normaliseEmpty(v: Value | undefined): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (Array.isArray(v)) return v.length ? v : null;
  return v;
}

function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

export interface PreparedRow {
  row: Row;
  /** derived fields the user set to a value other than the computed one */
  manual: string[];
  warnings: string[];
}

export type PrepareResult = { ok: true; value: PreparedRow } | { ok: false; issues: RowIssue[] };

/**
 * Validate an input row, fill defaults and derived values under the current settings.
 * A 'suggested' derived field keeps a user value that differs from the computed one (and is marked manual);
 * an 'always' derived field is always computed.
 */
export function prepareRow(def: LedgerDef, input: unknown, ctx: DeriveContext): PrepareResult {
  const r = checkAndDerive(def, input, ctx, false);
  return r.issues.length ? { ok: false, issues: r.issues } : { ok: true, value: { row: r.row, manual: r.manual, warnings: r.warnings } };
}

/**
 * What the entry form shows while the clerk types: the problems so far AND the derived values of what is
 * already there — a deadline appears as soon as its date is typed, before the required fields are filled.
 */
export function previewRow(def: LedgerDef, input: unknown, ctx: DeriveContext): { row: Row; manual: string[]; warnings: string[]; issues: RowIssue[] } {
  return checkAndDerive(def, input, ctx, true);
}

function checkAndDerive(def: LedgerDef, input: unknown, ctx: DeriveContext, deriveAnyway: boolean) {
  const parsed = rowSchema(def).safeParse(input);
  if (!parsed.success) {
    return {
      row: {} as Row,
      manual: [] as string[],
      warnings: [] as string[],
      issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
    };
  }
  const row: Row = {};
  for (const f of def.fields) row[f.key] = normaliseEmpty(parsed.data[f.key]);
  const issues: RowIssue[] = [];
  for (const f of def.fields) {
    if (f.required && row[f.key] === null && !f.derived) issues.push({ field: f.key, message: '必填' });
  }
  Object.assign(row, Object.fromEntries(Object.entries(def.defaults?.(row) ?? {}).filter(([k]) => row[k] === null)));
  issues.push(...(def.check?.(row) ?? []));
  const manual: string[] = [];
  if (issues.length && !deriveAnyway) return { row, manual, warnings: [] as string[], issues };

  const computed = def.derive(row, ctx);
  for (const f of def.fields) {
    if (!f.derived) continue;
    const c = normaliseEmpty(computed[f.key]);
    if (f.derived === 'suggested' && row[f.key] !== null && !sameValue(row[f.key], c)) manual.push(f.key);
    else row[f.key] = c;
  }
  return { row, manual, warnings: def.warn?.(row, ctx) ?? [], issues };
}

/** Recompute derived values of a stored row after settings or the calendar changed; manual values stay. */
export function rederive(def: LedgerDef, row: Row, manual: string[], ctx: DeriveContext): Row {
  const computed = def.derive(row, ctx);
  const changed: Row = {};
  for (const f of def.fields) {
    if (!f.derived || manual.includes(f.key)) continue;
    const c = normaliseEmpty(computed[f.key]);
    if (!sameValue(row[f.key] ?? null, c)) changed[f.key] = c;
  }
  return changed;
}

/**
 * A derived value is settled once it belongs to history (docs/decisions.md “办结的和往年的记录保持原结果”):
 *   - a deadline once its clock has stopped: its doneField is filled (办结日期, 受理日期…) or it no longer applies
 *     (DeadlineDef.applies) — the date it ran to decided whether the case was late;
 *   - any other derived value (重大合同, 总分, 等次…) once the row's ★ year (primaryDate) is before the years still
 *     open (openYears: the current year, and the year before until its report is due on 1 March) — the figures of
 *     that year have been reported.
 * A settings or holiday change leaves settled values as they are unless the user asks for every record.
 */
export function settledFor(def: LedgerDef, field: string, row: Row, today: string): boolean {
  const d = def.deadlines.find((x) => x.field === field);
  if (d) return normaliseEmpty(row[d.doneField]) !== null || (d.applies ? !d.applies(row) : false);
  const p = row[def.primaryDate];
  return typeof p === 'string' && p !== '' && p < openFrom(today);
}

/**
 * The years whose figures are still open on `today` (YYYY-MM-DD): the current one, and until 1 March — when the
 * 法治政府建设年度报告 of the year before is due (DOMAIN.md) — the year before too: a 分数线 corrected in January
 * still counts for the report being written.
 */
export function openYears(today: string): number[] {
  const y = Number(today.slice(0, 4));
  return today.slice(5) < '03-01' ? [y - 1, y] : [y];
}

/** 1 January of the oldest open year (openYears): rows dated before it are past years'. */
export function openFrom(today: string): string {
  return `${openYears(today)[0]}-01-01`;
}

/** The derived deadline fields of `def` (each DeadlineDef whose field the program computes). */
export function derivedDeadlines(def: LedgerDef): DeadlineDef[] {
  return def.deadlines.filter((d) => def.fields.some((f) => f.key === d.field && f.derived));
}

/** Drop from a re-derive's `patch` the values of `row` that are settled: they stay as they are. */
export function withoutSettled(def: LedgerDef, row: Row, patch: Row, today: string): Row {
  for (const k of Object.keys(patch)) if (settledFor(def, k, row, today)) delete patch[k];
  return patch;
}

/**
 * An edit (a form save, an import's update, a new 中止天数) keeps a settled value as it is, unless the edit changed
 * what it is computed from or made it unsettled (reopened the case): the stored value can come from earlier settings
 * or holidays (a settings change leaves settled values alone), and a typo fixed in 备注 must not change last year's
 * 超期件数 or 优秀案卷数. Computed with the same settings before and after the edit: equal means the inputs are the same.
 */
export function keepSettled(def: LedgerDef, before: Row, after: { row: Row; manual: string[] }, ctx: DeriveContext): void {
  let was: Row | null = null;
  for (const f of def.fields) {
    const k = f.key;
    if (!f.derived || after.manual.includes(k) || sameValue(before[k] ?? null, after.row[k] ?? null)) continue;
    if (!settledFor(def, k, before, ctx.today ?? '') || !settledFor(def, k, after.row, ctx.today ?? '')) continue;
    was ??= def.derive(before, ctx);
    if (sameValue(normaliseEmpty(was[k]), after.row[k] ?? null)) after.row[k] = before[k] ?? null;
  }
}

/** RowIssue messages never repeat the field's label: the caller puts it in front, as `文件名称：必填`. */
export function formatIssues(def: LedgerDef, issues: RowIssue[]): string {
  const label = (k: string) => def.fields.find((f) => f.key === k)?.label;
  return issues.map((i) => (label(i.field) ? `${label(i.field)}：${i.message}` : i.message)).join('；');
}
