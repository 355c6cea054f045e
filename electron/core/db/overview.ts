// Small read-only questions about the ledgers as a whole, for the app shell and the 工作台 (api/handlers/app.ts,
// stats.ts): each one an index lookup or one indexed range, never a read of every row.

import type { LedgerKind } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import type { Db } from './connection';

export function liveCount(db: Db, kind: LedgerKind): number {
  return db.prepare(`SELECT count(*) FROM ${kind} WHERE deleted_at IS NULL`).pluck().get() as number;
}

/** The earliest and latest ★ date of a ledger's live rows (two index lookups), or null when it has none. */
export function primaryDateSpan(db: Db, kind: LedgerKind): [string, string] | null {
  const col = LEDGERS[kind].primaryDate;
  const end = (dir: 'ASC' | 'DESC') =>
    db.prepare(`SELECT "${col}" FROM ${kind} WHERE deleted_at IS NULL AND "${col}" IS NOT NULL ORDER BY "${col}" ${dir} LIMIT 1`).pluck().get() as
      string | undefined;
  const [lo, hi] = [end('ASC'), end('DESC')];
  return lo && hi ? [lo, hi] : null;
}

/** Live rows per month of a year by the ★ date: twelve counts, January first. */
/** `where`: the scope's condition (core/units.ts scopeCondition: '' for every row, else " AND …"). */
export function monthlyCounts(db: Db, kind: LedgerKind, year: number, where = ''): number[] {
  const col = LEDGERS[kind].primaryDate;
  const counts = new Array<number>(12).fill(0);
  const rows = db
    .prepare(`SELECT substr("${col}", 6, 2) AS m, count(*) AS n FROM ${kind} WHERE deleted_at IS NULL${where} AND "${col}" BETWEEN ? AND ? GROUP BY m`)
    .all(`${year}-01-01`, `${year}-12-31`) as { m: string; n: number }[];
  for (const r of rows) counts[+r.m - 1] = r.n;
  return counts;
}
