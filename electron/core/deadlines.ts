// The deadline board: open items across ledgers that are overdue or due soon, with the days left (working
// days where the law counts them) and the rule that set the deadline.
//
// Its cost is the number of open items, not the size of the ledgers: each deadline reads its partial index of
// open rows (migration 2), and only the columns the board shows and the deadline's `applies` reads.
//
// Order (issue 14: a case due tomorrow was on page 13 behind 75 old 整改 items): what needs action first — items
// not yet due, the nearest first; then overdue ones, the most recently overdue first, so long-stale items sink to
// the end. An item can be marked 不再提醒 with a reason (migration 7, `deadline_dismissals`, audited): it leaves the
// board and its counts until its due date moves or it is restored; `dismissed: true` lists them too, flagged.

import { DUE_DOCS } from '../domain/case-docs';
import type { DeadlineItem } from '../domain/api';
import { addDays, daysBetween } from '../domain/calendar';
import type { LedgerKind } from '../domain/fields';
import { LEDGERS } from '../domain/ledgers';
import { isoNow, type Core } from './core';
import { columnsOf, fromColumn, getRow } from './db/ledger-repo';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';

type DeadlineDef = (typeof LEDGERS)[LedgerKind]['deadlines'][number];

/** A generous calendar horizon for the SQL filter; the exact working-day count is made in JS. */
function horizonOf(d: DeadlineDef, today: string): string {
  return addDays(today, d.warnWithin.unit === 'workdays' ? d.warnWithin.n * 3 + 14 : d.warnWithin.n);
}

/**
 * Open rows of a deadline due by the horizon (the condition of its partial index `<kind>_open_<field>`), and not
 * overdue for longer than its `lookBackDays` (issue 15: a document published years ago whose filing was never
 * recorded is a gap in the data, not a reminder). The arguments: `rangeOf`.
 */
function openWhere(d: DeadlineDef): string {
  return `deleted_at IS NULL AND "${d.doneField}" IS NULL AND "${d.field}" IS NOT NULL AND "${d.field}" <= ?${d.lookBackDays ? ` AND "${d.field}" >= ?` : ''}${d.appliesSql ? ` AND (${d.appliesSql})` : ''}`;
}

function rangeOf(d: DeadlineDef, today: string): string[] {
  return d.lookBackDays ? [horizonOf(d, today), addDays(today, -d.lookBackDays)] : [horizonOf(d, today)];
}

/** 1 when the row's reminder of this deadline, for its current due date, is marked 不再提醒 (a primary-key lookup). */
function dismissedExpr(kind: LedgerKind, d: DeadlineDef): string {
  return `EXISTS (SELECT 1 FROM deadline_dismissals AS x WHERE x.record_id = ${kind}.id AND x.field = '${d.field}' AND x.due_on = ${kind}."${d.field}")`;
}

/** What the board shows: one 承办人 (null: none recorded), and whether items marked 不再提醒 are listed too. */
export interface BoardFilter {
  handler?: string | null;
  dismissed?: boolean;
  /** issue 20: the scope's condition on unit_id (core/units.ts scopeCondition; '' = every row) */
  units?: string;
}

/** The handler condition of a filter (the column is in each open-item index since migration 7). */
function handlerWhere(f: BoardFilter): { sql: string; args: unknown[] } {
  const units = f.units ?? '';
  if (f.handler === undefined) return { sql: units, args: [] };
  return f.handler === null || f.handler === ''
    ? { sql: ` AND "handler" IS NULL${units}`, args: [] }
    : { sql: ` AND "handler" = ?${units}`, args: [f.handler] };
}

/**
 * The board's order of two due dates: not yet due before overdue; among those not yet due the nearest first,
 * among the overdue the most recent first.
 */
export function byAction(today: string): (a: string, b: string) => number {
  return (a, b) => {
    const ao = a < today;
    const bo = b < today;
    if (ao !== bo) return ao ? 1 : -1;
    return ao ? byCode(b, a) : byCode(a, b);
  };
}

/** The 不再提醒 marks of these items (reason, who, when), added to the items in place. */
function markDismissed(core: Core, items: DeadlineItem[]): void {
  if (!items.length) return;
  const marks = core.db
    .prepare(`SELECT record_id, field, reason, at, actor FROM deadline_dismissals WHERE record_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify([...new Set(items.map((i) => i.id))])) as { record_id: string; field: string; reason: string; at: string; actor: string }[];
  const by = new Map(marks.map((m) => [`${m.record_id}\u0000${m.field}`, m]));
  for (const i of items) {
    const m = by.get(`${i.id}\u0000${i.field}`);
    if (m) i.dismissed = { reason: m.reason, at: m.at, actor: m.actor };
  }
}

/** ISO dates and ASCII ledger names: code-point order is their order, without the cost of localeCompare. */
const byCode = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

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

/** Items of one board: the label and the rule (from the settings) made once per deadline, not once per item. */
function itemMaker(core: Core, today: string) {
  const shown = new Map<DeadlineDef, { label: string; rule: string }>();
  return (kind: LedgerKind, d: DeadlineDef, id: string, title: unknown, handler: unknown, due: string, left: number): DeadlineItem => {
    let s = shown.get(d);
    if (!s) shown.set(d, (s = { label: LEDGERS[kind].fields.find((f) => f.key === d.field)!.label, rule: d.rule(core.settings) }));
    return {
      kind,
      id,
      title: String(title ?? ''),
      field: d.field,
      fieldLabel: s.label,
      dueOn: due,
      left,
      unit: d.warnWithin.unit,
      status: statusOf(due, today),
      rule: s.rule,
      handler: typeof handler === 'string' && handler !== '' ? handler : null,
      // the 文书 this deadline calls for (答复通知书 within 7 working days of acceptance…), domain/case-docs.ts
      ...(DUE_DOCS[kind]?.[d.field] ? { doc: DUE_DOCS[kind][d.field] } : {}),
    };
  };
}

/**
 * `ids`: only these records (a page of a ledger list: their status column, 不再提醒 not asked), looked up by id
 * instead of walking the open items. Otherwise the board: items marked 不再提醒 left out unless `filter.dismissed`.
 */
export function deadlineBoard(core: Core, today: string, kinds: readonly LedgerKind[], ids?: readonly string[], filter: BoardFilter = {}): DeadlineItem[] {
  const found: { item: DeadlineItem; di: number; dismissed: boolean }[] = [];
  const left = daysLeft(core, today);
  const item = itemMaker(core, today);
  const hw = handlerWhere(filter);
  for (const kind of kinds) {
    const def = LEDGERS[kind];
    const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
    def.deadlines.forEach((d, di) => {
      // a ledger page of a file made before the deadline's migration (tests of older migrations): not yet kept
      if (ids && !columnsOf(core.db, kind).has(d.field)) return;
      const cols = [...new Set([d.field, def.titleField, 'handler', ...(d.reads ?? [])])];
      // Named index, so that a missing one is an error rather than a walk over every due date since the ledger
      // began; for given ids, the ids drive (CROSS JOIN keeps that order) and each row is found by its id.
      // a ledger page's status column shows the record's own state: 不再提醒 is the board's business only
      const select = `SELECT ${kind}.id AS id, ${cols.map((c) => `${kind}."${c}" AS "${c}"`).join(', ')}, ${ids ? '0' : dismissedExpr(kind, d)} AS dismissed_`;
      const rows = (
        ids
          ? core.db
              .prepare(`${select} FROM json_each(?) AS j CROSS JOIN ${kind} ON ${kind}.id = j.value WHERE ${openWhere(d)}${hw.sql}`)
              .all(JSON.stringify(ids), ...rangeOf(d, today), ...hw.args)
          : core.db.prepare(`${select} FROM ${kind} INDEXED BY ${kind}_open_${d.field} WHERE ${openWhere(d)}${hw.sql}`).all(...rangeOf(d, today), ...hw.args)
      ) as Record<string, unknown>[];
      for (const r of rows) {
        if (d.applies && !d.applies(Object.fromEntries((d.reads ?? []).map((k) => [k, fromColumn(fieldOf.get(k)!, r[k])])))) continue;
        const dismissed = r.dismissed_ === 1;
        if (dismissed && !filter.dismissed) continue;
        const due = r[d.field] as string;
        const n = left(d, due);
        if (n <= d.warnWithin.n) found.push({ item: item(kind, d, r.id as string, r[def.titleField], r.handler, due, n), di, dismissed });
      }
    });
  }
  const order = byAction(today);
  found.sort((a, b) => order(a.item.dueOn, b.item.dueOn) || byCode(a.item.kind, b.item.kind) || a.di - b.di || byCode(a.item.id, b.item.id));
  const items = found.map((f) => f.item);
  markDismissed(
    core,
    found.filter((f) => f.dismissed).map((f) => f.item),
  );
  return items;
}

interface Group {
  kind: LedgerKind;
  /** position of the deadline in its ledger's declaration: the order items of one day and ledger come in */
  di: number;
  due: string;
  left: number;
  /** the values of the deadline's `reads`, the 承办人 and the 不再提醒 mark shared by the group's rows */
  reads: unknown[];
  n: number;
}

/**
 * One page of the board and its counts, as the 工作台 shows it, without making every item: open rows are counted
 * by due date (and by the columns the deadline's condition reads, the 承办人 and the 不再提醒 mark, so the
 * condition holds for a whole group or for none of it), the working days are counted once per date, and only the
 * rows of the page are read. The page holds exactly the items `deadlineBoard` would list there, in the same order
 * (tests compare the two). `handlers`: every 承办人 with an item on the board (for the filter's choices).
 */
export function deadlinePage(
  core: Core,
  today: string,
  kinds: readonly LedgerKind[],
  o: { status?: DeadlineItem['status']; page: number; pageSize: number } & BoardFilter,
): { items: DeadlineItem[]; total: number; overdue: number; soon: number; dismissed: number; handlers: string[] } {
  const daysTo = daysLeft(core, today);
  const item = itemMaker(core, today);
  const groups: Group[] = [];
  const handlers = new Set<string>();
  let overdue = 0;
  let soon = 0;
  let dismissedCount = 0;
  const wantHandler = o.handler === undefined ? undefined : o.handler === '' ? null : o.handler;
  for (const kind of kinds) {
    const def = LEDGERS[kind];
    const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
    def.deadlines.forEach((d, di) => {
      const reads = d.reads ?? [];
      const cols = [`"${d.field}"`, ...reads.map((c) => `"${c}"`), '"handler"', dismissedExpr(kind, d)].join(', ');
      const rows = core.db
        .prepare(`SELECT ${cols}, count(*) AS n FROM ${kind} INDEXED BY ${kind}_open_${d.field} WHERE ${openWhere(d)}${o.units ?? ''} GROUP BY ${cols}`)
        .raw()
        .all(...rangeOf(d, today)) as unknown[][];
      for (const r of rows) {
        const due = r[0] as string;
        const readVals = r.slice(1, 1 + reads.length);
        if (d.applies && !d.applies(Object.fromEntries(reads.map((k, i) => [k, fromColumn(fieldOf.get(k)!, readVals[i] as never)])))) continue;
        const left = daysTo(d, due);
        if (left > d.warnWithin.n) continue;
        const handler = (r[1 + reads.length] as string | null) ?? null;
        const dismissed = r[2 + reads.length] === 1;
        const n = r[r.length - 1] as number;
        if (handler !== null && !dismissed) handlers.add(handler);
        if (wantHandler !== undefined && handler !== wantHandler) continue;
        if (dismissed) dismissedCount += n;
        else if (due < today) overdue += n;
        else soon += n;
        if (dismissed && !o.dismissed) continue;
        if (o.status && statusOf(due, today) !== o.status) continue;
        groups.push({ kind, di, due, left, reads: [...readVals, handler, dismissed ? 1 : 0], n });
      }
    });
  }
  // the board's order: what needs action first (byAction), then ledger, then the order of the ledger's
  // deadlines, then the index (id)
  const order = byAction(today);
  groups.sort((a, b) => order(a.due, b.due) || byCode(a.kind, b.kind) || a.di - b.di);
  const total = groups.reduce((s, g) => s + g.n, 0);
  const items: DeadlineItem[] = [];
  let skip = (o.page - 1) * o.pageSize;
  // rows of one (date, ledger, deadline) from different groups interleave by id: read them together
  for (let i = 0; i < groups.length && items.length < o.pageSize;) {
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
    const conds = [...(d.reads ?? []).map((c) => `"${c}" IS ?`), '"handler" IS ?', `${dismissedExpr(g.kind, d)} = ?`];
    const members = groups.slice(i, j);
    const match = members.map(() => `(${conds.join(' AND ')})`).join(' OR ');
    const rows = core.db
      .prepare(
        `SELECT id, "${def.titleField}" AS title, "handler" AS handler FROM ${g.kind} INDEXED BY ${g.kind}_open_${d.field}
         WHERE deleted_at IS NULL AND "${d.doneField}" IS NULL AND "${d.field}" = ? AND (${match})${o.units ?? ''}
         ORDER BY id LIMIT ? OFFSET ?`,
      )
      .all(g.due, ...members.flatMap((m) => m.reads), o.pageSize - items.length, skip) as { id: string; title: unknown; handler: unknown }[];
    skip = 0;
    for (const r of rows) items.push(item(g.kind, d, r.id, r.title, r.handler, g.due, g.left));
    i = j;
  }
  if (o.dismissed) markDismissed(core, items);
  return { items, total, overdue, soon, dismissed: dismissedCount, handlers: [...handlers].sort((a, b) => a.localeCompare(b, 'zh-CN')) };
}

/** The deadline of a ledger named by its date field, or a clear refusal. */
function deadlineOf(kind: LedgerKind, field: string): DeadlineDef {
  const d = LEDGERS[kind].deadlines.find((x) => x.field === field);
  if (!d) throw new AppError('INVALID_INPUT', `${LEDGERS[kind].shortName}没有名为“${field}”的期限`);
  return d;
}

/**
 * 不再提醒: the record's reminder of this deadline leaves the board (for its current due date), with the reason,
 * who and when, in one transaction with its audit entry. Marking it again replaces the reason.
 */
export function dismissDeadline(core: Core, kind: LedgerKind, id: string, field: string, reason: string): { dueOn: string } {
  const def = LEDGERS[kind];
  const d = deadlineOf(kind, field);
  const why = reason.trim();
  if (!why) throw new AppError('VALIDATION', '请填写不再提醒的原因（例如：已电话催办、案件已移送）');
  const at = isoNow(core.now());
  let dueOn = '';
  core.db.transaction(() => {
    const r = getRow(core.db, def, id);
    if (!r || r.deletedAt) throw new AppError('NOT_FOUND', `${def.shortName}中找不到该记录，可能已被删除`);
    const due = r.values[d.field];
    if (typeof due !== 'string') throw new AppError('VALIDATION', `该记录没有${def.fields.find((f) => f.key === d.field)!.label}，无需提醒`);
    dueOn = due;
    core.db
      .prepare('INSERT OR REPLACE INTO deadline_dismissals (record_id, field, kind, due_on, reason, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, d.field, kind, due, why, at, core.actor);
    const label = def.fields.find((f) => f.key === d.field)!.label;
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '不再提醒',
      kind,
      recordId: id,
      after: { 期限: label, 到期日: due, 原因: why },
      summary: `${String(r.values[def.titleField] ?? '')}：${label}（${due}）不再提醒，原因：${why}`,
    });
  })();
  return { dueOn };
}

/** 恢复提醒: the reminder is back on the board; the mark is removed, the audit log keeps it. */
export function restoreDeadline(core: Core, kind: LedgerKind, id: string, field: string): { restored: boolean } {
  const def = LEDGERS[kind];
  const d = deadlineOf(kind, field);
  const at = isoNow(core.now());
  let restored = false;
  core.db.transaction(() => {
    const mark = core.db.prepare('SELECT due_on, reason FROM deadline_dismissals WHERE record_id = ? AND field = ?').get(id, d.field) as
      { due_on: string; reason: string } | undefined;
    if (!mark) return;
    core.db.prepare('DELETE FROM deadline_dismissals WHERE record_id = ? AND field = ?').run(id, d.field);
    const r = getRow(core.db, def, id);
    const label = def.fields.find((f) => f.key === d.field)!.label;
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '恢复提醒',
      kind,
      recordId: id,
      before: { 期限: label, 到期日: mark.due_on, 原因: mark.reason },
      summary: `${String(r?.values[def.titleField] ?? id)}：${label}（${mark.due_on}）恢复提醒`,
    });
    restored = true;
  })();
  return { restored };
}
