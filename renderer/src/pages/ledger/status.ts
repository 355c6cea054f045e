// A row's status tag, from the kind's deadline declarations and the deadline board (the server counts days,
// working days and holidays; this file only decides which tag a row wears). The one place for the rule:
// 逾期 (a live deadline is past) > 即将到期 (within its warning window) > 办理中 (a deadline still runs) > 已办结.
import type { DeadlineItem } from '../../../../electron/domain/api';
import type { LedgerDef, Row } from '../../../../electron/domain/fields';
import { daysText } from '../../format';

export interface StatusTag {
  text: string;
  color: string;
  /** the detail shown on hover */
  title: string;
  rank: number;
}

const filled = (v: Row[string] | undefined) => v !== null && v !== undefined && v !== '';

/** Board items by record id, the most urgent first. */
export function boardIndex(items: DeadlineItem[] | undefined): Map<string, DeadlineItem[]> {
  const m = new Map<string, DeadlineItem[]>();
  for (const it of items ?? [])
    m.set(
      it.id,
      [...(m.get(it.id) ?? []), it].sort((a, b) => a.left - b.left),
    );
  return m;
}

/** null when the ledger declares no deadlines (no status column then). */
export function statusOf(def: LedgerDef, id: string, row: Row, board: Map<string, DeadlineItem[]>): StatusTag | null {
  if (!def.deadlines.length) return null;
  const due = board.get(id)?.[0];
  if (due) {
    const overdue = due.status === '逾期';
    return {
      text: overdue ? '逾期' : '即将到期',
      color: overdue ? 'red' : 'orange',
      title: `${due.fieldLabel} ${due.dueOn}，${daysText(due.left, due.unit)}。${due.rule}`,
      rank: overdue ? 0 : 1,
    };
  }
  const live = def.deadlines.filter((d) => !filled(row[d.doneField]) && filled(row[d.field]) && (!d.applies || d.applies(row)));
  if (live.length) {
    const label = (k: string) => def.fields.find((f) => f.key === k)?.label ?? k;
    return { text: '办理中', color: 'blue', title: live.map((d) => `${label(d.field)} ${String(row[d.field])}`).join('；'), rank: 2 };
  }
  return { text: '已办结', color: 'green', title: '没有未到期的办理期限', rank: 3 };
}
