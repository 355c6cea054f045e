// The ledger page's state in the address: `#/ledger/<kind>?<field>=…&q=…&year=…&id=…` (see ../../router.ts).
// Field keys filter — `a,b` any of, `from..to` a range, 是/否 a yes/no field; `q` searches; `id` opens a record.
import type { ListInput } from '../../../../electron/domain/api';
import { filterableField, type FieldDef, type LedgerKind } from '../../../../electron/domain/fields';
import { LEDGERS } from '../../../../electron/domain/ledgers';

export type Filters = NonNullable<ListInput['filters']>;

/** The query value that selects rows with the field empty. */
export const EMPTY = '未填写';

/** Route query → list filters. */
export function filtersFromQuery(kind: LedgerKind, query: URLSearchParams): Filters {
  const out: Filters = {};
  for (const f of LEDGERS[kind].fields) {
    const raw = query.get(f.key);
    if (raw === null || raw === '') continue;
    const isNum = f.type === 'int' || f.type === 'decimal';
    // 未填写: rows where the field is empty (the name the statistics give such rows; the report's readiness links)
    if (raw === EMPTY) out[f.key] = null;
    else if (raw.includes('..')) {
      const [from, to] = raw.split('..');
      out[f.key] = { from: from ? (isNum ? Number(from) : from) : null, to: to ? (isNum ? Number(to) : to) : null };
    } else if (f.type === 'bool') out[f.key] = raw === '是' || raw === 'true';
    else if (raw.includes(',')) out[f.key] = raw.split(',');
    else out[f.key] = isNum ? Number(raw) : raw;
  }
  return out;
}

/** The fields the filter panel offers: every enum, multi-choice, yes/no and date field. */
export function filterableFields(kind: LedgerKind): FieldDef[] {
  return LEDGERS[kind].fields.filter(filterableField);
}

/** A filter as the user reads it: `行为类别：行政处罚、行政许可`. */
export function filterText(f: FieldDef, raw: string): string {
  if (raw.includes('..')) {
    const [from, to] = raw.split('..');
    return `${f.label}：${from || '不限'} 至 ${to || '不限'}`;
  }
  return `${f.label}：${raw.split(',').join('、')}`;
}

/** The current query with some keys set (empty / null / undefined removes them). */
export function withQuery(query: URLSearchParams, patch: Record<string, string | null | undefined>): Record<string, string> {
  const out = Object.fromEntries(query);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}
