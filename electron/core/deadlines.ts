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

type DeadlineDef = (typeof LEDGERS)[LedgerKind]['deadlines'][number];

/** A generous calendar horizon for the SQL filter; the exact working-day count is made in JS. */
function horizonOf(d: DeadlineDef, today: string): string {
  return addDays(today, d.warnWithin.unit === 'workdays' ? d.warnWithin.n * 3 + 14 : d.warnWithin.n);
}

/** Open rows of a deadline due by the horizon (the condition of its partial index `<kind>_open_<field>`). */
function openWhere(d: DeadlineDef): string {
  return `deleted_at IS NULL AND "${d.doneField}" IS NULL AND "${d.field}" IS NOT NULL AND "${d.field}" <= ?`;
}

/** Days left to a due date in the deadline's unit; many items fall due on the same day, so working days are counted once per date. */
function daysLeft(core: Core, today: string): (d: DeadlineDef, due: string) => number {
  const workdays = new Map<string, number>();
  return (d, due) => {
    if (d.warnWithin.unit !== 'workdays') return daysBetween(today, due);
    let n = workdays.get(due);
    if (n === undefined) workdays.set(due, (n = core.calendar.workdaysUntil(today, due)));
    return n;
  };
}

const statusOf = (due: string, today: string): DeadlineItem['status'] => (due < today ? '逾期' : '即将到期');

/** ISO dates and ASCII ledger names: code-point order is their order, without the cost of localeCompare. */
const byCode = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Items of one board: the label and the rule (from the settings) made once per deadline, not once per item. */
function itemMaker(core: Core, today: string) {
  const shown = new Map<DeadlineDef, { label: string; rule: string }>();
  return (kind: LedgerKind, d: DeadlineDef, id: string, title: unknown, due: string, left: number): DeadlineItem => {
    let s = shown.get(d);
    if (!s) shown.set(d, (s = { label: LEDGERS[kind].fields.find((f) => f.key === d.field)!.label, rule: d.rule(core.settings) }));
    return { kind, id, title: String(title ?? ''), field: d.field, fieldLabel: s.label, dueOn: due, left, unit: d.warnWithin.unit, status: statusOf(due, today), rule: s.rule };
  };
}

/** `ids`: only these records (a page of a ledger list), looked up by id instead of walking the open items. */
export function deadlineBoard(core: Core, today: string, kinds: readonly LedgerKind[], ids?: readonly string[]): DeadlineItem[] {
  const items: DeadlineItem[] = [];
  const left = daysLeft(core, today);
  const item = itemMaker(core, today);
  for (const kind of kinds) {
    const def = LEDGERS[kind];
    const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
    for (const d of def.deadlines) {
      const cols = [...new Set([d.field, def.titleField, ...(d.reads ?? [])])];
      // Named index, so that a missing one is an error rather than a walk over every due date since the ledger
      // began; for given ids, the ids drive (CROSS JOIN keeps that order) and each row is found by its id.
      const select = `SELECT ${kind}.id AS id, ${cols.map((c) => `${kind}."${c}" AS "${c}"`).join(', ')}`;
      const rows = (
        ids
          ? core.db.prepare(`${select} FROM json_each(?) AS j CROSS JOIN ${kind} ON ${kind}.id = j.value WHERE ${openWhere(d)}`).all(JSON.stringify(ids), horizonOf(d, today))
          : core.db.prepare(`${select} FROM ${kind} INDEXED BY ${kind}_open_${d.field} WHERE ${openWhere(d)}`).all(horizonOf(d, today))
      ) as Record<string, unknown>[];
      for (const r of rows) {
        if (d.applies && !d.applies(Object.fromEntries((d.reads ?? []).map((k) => [k, fromColumn(fieldOf.get(k)!, r[k])])))) continue;
        const due = r[d.field] as string;
        const n = left(d, due);
        if (n <= d.warnWithin.n) items.push(item(kind, d, r.id as string, r[def.titleField], due, n));
      }
    }
  }
  return items.sort((a, b) => byCode(a.dueOn, b.dueOn) || byCode(a.kind, b.kind));
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
  const daysTo = daysLeft(core, today);
  const item = itemMaker(core, today);
  const groups: Group[] = [];
  let overdue = 0;
  let soon = 0;
  for (const kind of kinds) {
    const def = LEDGERS[kind];
    const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
    def.deadlines.forEach((d, di) => {
      const reads = d.reads ?? [];
      const cols = [`"${d.field}"`, ...reads.map((c) => `"${c}"`)].join(', ');
      const rows = core.db
        .prepare(`SELECT ${cols}, count(*) AS n FROM ${kind} INDEXED BY ${kind}_open_${d.field} WHERE ${openWhere(d)} GROUP BY ${cols}`)
        .raw()
        .all(horizonOf(d, today)) as unknown[][];
      for (const r of rows) {
        const due = r[0] as string;
        const readVals = r.slice(1, 1 + reads.length);
        if (d.applies && !d.applies(Object.fromEntries(reads.map((k, i) => [k, fromColumn(fieldOf.get(k)!, readVals[i] as never)])))) continue;
        const left = daysTo(d, due);
        if (left > d.warnWithin.n) continue;
        const n = r[r.length - 1] as number;
        if (due < today) overdue += n;
        else soon += n;
        if (o.status && statusOf(due, today) !== o.status) continue;
        groups.push({ kind, di, due, left, reads: readVals, n });
      }
    });
  }
  // the board's order: due date, then ledger, then the order of the ledger's deadlines, then the index (id)
  groups.sort((a, b) => byCode(a.due, b.due) || byCode(a.kind, b.kind) || a.di - b.di);
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
    for (const r of rows) items.push(item(g.kind, d, r.id, r.title, g.due, g.left));
    i = j;
  }
  return { items, total, overdue, soon };
}
