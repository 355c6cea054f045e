// The deadline board: open items across ledgers that are overdue or due soon, with the days left (working
// days where the law counts them) and the rule that set the deadline.

import type { DeadlineItem } from '../domain/api';
import { addDays, daysBetween } from '../domain/calendar';
import type { LedgerKind } from '../domain/fields';
import { LEDGERS } from '../domain/ledgers';
import type { Core } from './core';
import { fromDbRow } from './db/ledger-repo';

export function deadlineBoard(core: Core, today: string, kinds: readonly LedgerKind[]): DeadlineItem[] {
  const items: DeadlineItem[] = [];
  for (const kind of kinds) {
    const def = LEDGERS[kind];
    for (const d of def.deadlines) {
      // A generous calendar horizon for the SQL filter; the exact working-day count is made below.
      const horizon = addDays(today, d.warnWithin.unit === 'workdays' ? d.warnWithin.n * 3 + 14 : d.warnWithin.n);
      const rows = core.db
        .prepare(`SELECT * FROM ${kind} WHERE deleted_at IS NULL AND "${d.doneField}" IS NULL AND "${d.field}" IS NOT NULL AND "${d.field}" <= ?`)
        .all(horizon) as Record<string, unknown>[];
      const label = def.fields.find((f) => f.key === d.field)!.label;
      for (const r of rows) {
        const s = fromDbRow(def, r);
        if (d.applies && !d.applies(s.values)) continue;
        const due = s.values[d.field] as string;
        const left = d.warnWithin.unit === 'workdays' ? core.calendar.workdaysUntil(today, due) : daysBetween(today, due);
        if (left > d.warnWithin.n) continue;
        items.push({
          kind,
          id: s.id,
          title: String(s.values[def.titleField] ?? ''),
          field: d.field,
          fieldLabel: label,
          dueOn: due,
          left,
          unit: d.warnWithin.unit,
          status: due < today ? '逾期' : '即将到期',
          rule: d.rule(core.settings),
        });
      }
    }
  }
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.kind.localeCompare(b.kind));
}
