// The queries behind the entry form's suggestions. Both are bounded whatever the ledger's size: earlier values
// are read from the most recently entered rows only (a rowid range, SUGGEST_WINDOW rows), and the next 案号
// reads one range of the live-案号 unique index (the year's 案号 of the ledger's current numbering).

import type { LedgerDef } from '../../domain/fields';
import { nextCaseNo, rankSuggestions, suggestable, caseNoParts, type SeenValue } from '../../domain/suggest';
import { AppError } from '../errors';
import type { Db } from './connection';

/** How many of the latest rows the suggestions are drawn from (measured in docs/performance.md). */
export const SUGGEST_WINDOW = 5_000;
/** How many distinct values one query may hand back for ranking. */
const CANDIDATES = 400;

export function suggestValues(db: Db, def: LedgerDef, fieldKey: string, typed: string, limit: number): string[] {
  const f = def.fields.find((x) => x.key === fieldKey);
  if (!f || !suggestable(f)) throw new AppError('INVALID_INPUT', `${def.shortName}的“${f?.label ?? fieldKey}”没有可选的历史填写值`);
  const top = (db.prepare(`SELECT max(rid) FROM ${def.kind}`).pluck().get() as number | null) ?? 0;
  const t = typed.trim();
  // values containing the typed text (prefix matches are ranked first in rankSuggestions)
  const rows = db
    .prepare(
      `SELECT "${f.key}" AS value, count(*) AS count, max(rid) AS last FROM ${def.kind}
       WHERE rid > ? AND deleted_at IS NULL AND "${f.key}" IS NOT NULL ${t ? `AND instr("${f.key}", ?) > 0` : ''}
       GROUP BY "${f.key}" ORDER BY count DESC, last DESC LIMIT ${CANDIDATES}`,
    )
    .all(...(t ? [top - SUGGEST_WINDOW, t] : [top - SUGGEST_WINDOW])) as SeenValue[];
  return rankSuggestions(rows, t, limit);
}

/** The next 案号 for a case dated in `year`, in the numbering of the latest entered 案号; null without one. */
export function suggestCaseNo(db: Db, def: LedgerDef, year: number): string | null {
  const f = def.fields.find((x) => x.key === 'caseNo');
  if (!f?.unique) throw new AppError('INVALID_INPUT', `${def.shortName}没有统一编号的案号`);
  const recent = db
    .prepare(`SELECT "caseNo" FROM ${def.kind} WHERE deleted_at IS NULL AND "caseNo" IS NOT NULL ORDER BY rid DESC LIMIT 50`)
    .pluck()
    .all() as string[];
  const tpl = recent.map(caseNoParts).find((p) => p !== null);
  if (!tpl) return null;
  // every live 案号 of that year in the same numbering starts with head + year: one range of the unique index
  const from = `${tpl.head}${year}`;
  const sameYear = db
    .prepare(`SELECT "caseNo" FROM ${def.kind} WHERE deleted_at IS NULL AND "caseNo" >= ? AND "caseNo" < ?`)
    .pluck()
    .all(from, `${from}\uffff`) as string[];
  const used = db.prepare(`SELECT 1 FROM ${def.kind} WHERE deleted_at IS NULL AND "caseNo" = ?`).pluck();
  return nextCaseNo([...recent, ...sameYear], year, (s) => used.get(s) !== undefined);
}
