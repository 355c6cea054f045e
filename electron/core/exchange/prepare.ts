// Validating one imported row as a ledger row (declaration, defaults, derived values under the settings and the
// calendar), with its problems as `第N行 字段：问题`. Shared by the main thread (records.ts) and the import worker
// (import-worker.ts), so it imports nothing that opens the data file.

import type { DeriveContext, LedgerDef, Row } from '../../domain/fields';
import { prepareRow, type PreparedRow } from '../../domain/rows';

export interface RowError {
  /** the row number as the user sees it (sheet row, or 1-based index for JSON) */
  line: number;
  field: string | null;
  message: string;
}

/**
 * A case number in its one written form, so （2025）复1号, (2025)复1号 and （２０２５） 复1号 are the same case:
 * full-width digits and letters to half-width, round brackets to the full-width （） that 案号 are written with
 * (最高人民法院关于人民法院案件案号的若干规定), no spaces. 〔〕 and [] are a different spelling and stay as typed.
 */
export function canonicalCaseNo(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '');
}

const CASE_NO_KEYS = new Set(['caseNo', 'priorCaseNo']);

/**
 * Case numbers of the input written canonically, in the ledgers where 案号 is unique (复议, 应诉); the input is
 * otherwise untouched and validated after.
 */
export function canonicalInput(def: LedgerDef, values: unknown): unknown {
  if (!def.fields.some((f) => f.unique) || !values || typeof values !== 'object' || Array.isArray(values)) return values;
  const v = values as Record<string, unknown>;
  if (!Object.keys(v).some((k) => CASE_NO_KEYS.has(k) && typeof v[k] === 'string')) return values;
  const out: Record<string, unknown> = { ...v };
  for (const k of CASE_NO_KEYS) if (typeof out[k] === 'string') out[k] = canonicalCaseNo(out[k] as string);
  return out;
}

/** Field key → label, for naming the field of a problem. */
export function fieldLabels(def: LedgerDef): Map<string, string> {
  return new Map(def.fields.map((f) => [f.key, f.label]));
}

/** One imported row validated and derived; its problems (labelled, with its line) go to `errors` instead. */
export function prepareImportRow(
  def: LedgerDef,
  labelOf: Map<string, string>,
  line: number,
  values: Row,
  ctx: DeriveContext,
  errors: RowError[],
): PreparedRow | null {
  const r = prepareRow(def, canonicalInput(def, values), ctx);
  if (r.ok) return r.value;
  for (const i of r.issues) errors.push({ line, field: labelOf.get(i.field) ?? null, message: i.message });
  return null;
}
