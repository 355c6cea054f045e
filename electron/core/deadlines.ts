// The deadline board: open items across ledgers that are overdue or due soon, with the days left (working
// days where the law counts them) and the rule that set the deadline.
//
// Its cost is the number of open items, not the size of the ledgers: each deadline reads its partial index of
// open rows (migration 2), and only the columns the board shows and the deadline's `applies` reads.

import type { DeadlineItem } from '../domain/api';
import { addDays, daysBetween } from '../domain/calendar';
import type { LedgerKind } from '../domain/fields';
import { LEDGERS } from '../domain/ledgers';
import type { Core } from './core';
import { fromColumn } from './db/ledger-repo';

/** `ids`: only these records (a page of a ledger list), looked up by id instead of walking the open items. */
export function deadlineBoard(core: Core, today: string, kinds: readonly LedgerKind[], ids?: readonly string[]): DeadlineItem[] {
  const items: DeadlineItem[] = [];
  // many items fall due on the same day: count the working days to each date once
  const workdays = new Map<string, number>();
  const workdaysUntil = (due: string) => {
    let n = workdays.get(due);
    if (n === undefined) workdays.set(due, (n = core.calendar.workdaysUntil(today, due)));
    return n;
  };
  for (const kind of kinds) {
    const def = LEDGERS[kind];
    const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
    for (const d of def.deadlines) {
      // A generous calendar horizon for the SQL filter; the exact working-day count is made below.
      const horizon = addDays(today, d.warnWithin.unit === 'workdays' ? d.warnWithin.n * 3 + 14 : d.warnWithin.n);
      const cols = [...new Set([d.field, def.titleField, ...(d.reads ?? [])])];
      // Named index, so that a missing one is an error rather than a walk over every due date since the ledger
      // began; for given ids, the ids drive (CROSS JOIN keeps that order) and each row is found by its id.
      const select = `SELECT ${kind}.id AS id, ${cols.map((c) => `${kind}."${c}" AS "${c}"`).join(', ')}`;
      const open = `deleted_at IS NULL AND "${d.doneField}" IS NULL AND "${d.field}" IS NOT NULL AND "${d.field}" <= ?`;
      const rows = (
        ids
          ? core.db.prepare(`${select} FROM json_each(?) AS j CROSS JOIN ${kind} ON ${kind}.id = j.value WHERE ${open}`).all(JSON.stringify(ids), horizon)
          : core.db.prepare(`${select} FROM ${kind} INDEXED BY ${kind}_open_${d.field} WHERE ${open}`).all(horizon)
      ) as Record<string, unknown>[];
      const label = fieldOf.get(d.field)!.label;
      const rule = d.rule(core.settings);
      for (const r of rows) {
        if (d.applies && !d.applies(Object.fromEntries((d.reads ?? []).map((k) => [k, fromColumn(fieldOf.get(k)!, r[k])])))) continue;
        const due = r[d.field] as string;
        const left = d.warnWithin.unit === 'workdays' ? workdaysUntil(due) : daysBetween(today, due);
        if (left > d.warnWithin.n) continue;
        items.push({
          kind,
          id: r.id as string,
          title: String(r[def.titleField] ?? ''),
          field: d.field,
          fieldLabel: label,
          dueOn: due,
          left,
          unit: d.warnWithin.unit,
          status: due < today ? '逾期' : '即将到期',
          rule,
        });
      }
    }
  }
  // ISO dates and ASCII kind names: code-point order is their order, without the cost of localeCompare (10,000 items)
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return items.sort((a, b) => cmp(a.dueOn, b.dueOn) || cmp(a.kind, b.kind));
}
