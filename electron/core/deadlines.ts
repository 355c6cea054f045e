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

interface Group {
  kind: LedgerKind;
  /** position of the deadline in its ledger's declaration: the order items of one day and ledger come in */
  di: number;
  due: string;
  left: number;
  /** the values of the deadline's `reads` shared by the group's rows */
  reads: unknown[];
  n: number;
}

/**
 * One page of the board and its counts, as the 工作台 shows it, without making every item: open rows are counted
 * by due date (and by the columns the deadline's condition reads, so the condition holds for a whole group or
 * for none of it), the working days are counted once per date, and only the rows of the page are read. The page
 * holds exactly the items `deadlineBoard` would list there, in the same order (tests compare the two).
 */
export function deadlinePage(
  core: Core,
  today: string,
  kinds: readonly LedgerKind[],
  o: { status?: DeadlineItem['status']; page: number; pageSize: number },
): { items: DeadlineItem[]; total: number; overdue: number; soon: number } {
  const workdays = new Map<string, number>();
  const groups: Group[] = [];
  let overdue = 0;
  let soon = 0;
  for (const kind of kinds) {
    const def = LEDGERS[kind];
    const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
    def.deadlines.forEach((d, di) => {
      const horizon = addDays(today, d.warnWithin.unit === 'workdays' ? d.warnWithin.n * 3 + 14 : d.warnWithin.n);
      const reads = d.reads ?? [];
      const cols = [`"${d.field}"`, ...reads.map((c) => `"${c}"`)].join(', ');
      const rows = core.db
        .prepare(
          `SELECT ${cols}, count(*) AS n FROM ${kind} INDEXED BY ${kind}_open_${d.field}
           WHERE deleted_at IS NULL AND "${d.doneField}" IS NULL AND "${d.field}" IS NOT NULL AND "${d.field}" <= ?
           GROUP BY ${cols}`,
        )
        .raw()
        .all(horizon) as unknown[][];
      for (const r of rows) {
        const due = r[0] as string;
        const readVals = r.slice(1, 1 + reads.length);
        if (d.applies && !d.applies(Object.fromEntries(reads.map((k, i) => [k, fromColumn(fieldOf.get(k)!, readVals[i] as never)])))) continue;
        let left: number;
        if (d.warnWithin.unit === 'workdays') {
          left = workdays.get(due) ?? core.calendar.workdaysUntil(today, due);
          workdays.set(due, left);
        } else left = daysBetween(today, due);
        if (left > d.warnWithin.n) continue;
        const n = r[r.length - 1] as number;
        if (due < today) overdue += n;
        else soon += n;
        if (o.status && (due < today ? '逾期' : '即将到期') !== o.status) continue;
        groups.push({ kind, di, due, left, reads: readVals, n });
      }
    });
  }
  // the board's order: due date, then ledger, then the order of the ledger's deadlines, then the index (id)
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  groups.sort((a, b) => cmp(a.due, b.due) || cmp(a.kind, b.kind) || a.di - b.di);
  const total = groups.reduce((s, g) => s + g.n, 0);
  const items: DeadlineItem[] = [];
  let skip = (o.page - 1) * o.pageSize;
  // rows of one (date, ledger, deadline) from different read-value groups interleave by id: read them together
  for (let i = 0; i < groups.length && items.length < o.pageSize; ) {
    let j = i;
    let n = 0;
    while (j < groups.length && groups[j].due === groups[i].due && groups[j].kind === groups[i].kind && groups[j].di === groups[i].di) n += groups[j++].n;
    if (skip >= n) {
      skip -= n;
      i = j;
      continue;
    }
    const g = groups[i];
    const def = LEDGERS[g.kind];
    const d = def.deadlines[g.di];
    const reads = d.reads ?? [];
    const members = groups.slice(i, j);
    const match = members.map(() => `(${reads.map((c) => `"${c}" IS ?`).join(' AND ') || '1'})`).join(' OR ');
    const rows = core.db
      .prepare(
        `SELECT id, "${def.titleField}" AS title FROM ${g.kind} INDEXED BY ${g.kind}_open_${d.field}
         WHERE deleted_at IS NULL AND "${d.doneField}" IS NULL AND "${d.field}" = ? AND (${match})
         ORDER BY id LIMIT ? OFFSET ?`,
      )
      .all(g.due, ...members.flatMap((m) => m.reads), o.pageSize - items.length, skip) as { id: string; title: unknown }[];
    skip = 0;
    const label = def.fields.find((f) => f.key === d.field)!.label;
    const rule = d.rule(core.settings);
    for (const r of rows) {
      items.push({ kind: g.kind, id: r.id, title: String(r.title ?? ''), field: d.field, fieldLabel: label, dueOn: g.due, left: g.left, unit: d.warnWithin.unit, status: g.due < today ? '逾期' : '即将到期', rule });
    }
    i = j;
  }
  return { items, total, overdue, soon };
}
