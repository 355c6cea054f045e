// API handlers for records of the six ledgers (create, edit, delete, list, suggest) and the deadline board.

import { LEDGERS, LEDGER_KINDS } from '../../../domain/ledgers';
import { previewRow } from '../../../domain/rows';
import { localDate } from '../../core';
import { getRow, listIds, listRows } from '../../db/ledger-repo';
import { suggestCaseNo, suggestValues } from '../../db/suggest';
import { deadlineBoard, deadlinePage, dismissDeadline, restoreDeadline } from '../../deadlines';
import { AppError } from '../../errors';
import { createRecord, formatRowError, importRecords, purgeRecords, setRecordsDeleted, updateRecord, view } from '../../records';
import { listAudit } from '../../safety/audit';
import { scopeCondition, scopeIds } from '../../units';
import { reportReminder } from '../../units-package';
import type { AreaHandlers } from './area';

export const ledgerHandlers: AreaHandlers<'ledger' | 'deadlines'> = {
  'ledger.create': (core, { kind, values }) => createRecord(core, kind, values),
  'ledger.update': (core, { kind, id, version, values }) => updateRecord(core, kind, id, version, values),
  'ledger.delete': (core, { kind, ids }) => ({ count: setRecordsDeleted(core, kind, ids, true) }),
  'ledger.restore': (core, { kind, ids }) => ({ count: setRecordsDeleted(core, kind, ids, false) }),
  'ledger.get': (core, { kind, id }) => {
    const r = getRow(core.db, LEDGERS[kind], id);
    if (!r) throw new AppError('NOT_FOUND', `${LEDGERS[kind].shortName}中找不到该记录`);
    return { ...view(kind, r), history: listAudit(core.db, { recordId: id, pageSize: 500 }).rows };
  },
  'ledger.list': (core, input) => {
    const { rows, total, within } = listRows(core.db, LEDGERS[input.kind], { ...input, units: scopeIds(core.db, input.scope) });
    const due =
      LEDGERS[input.kind].deadlines.length && rows.length
        ? deadlineBoard(
            core,
            localDate(core.now()),
            [input.kind],
            rows.map((r) => r.id),
          )
        : [];
    return { rows: rows.map((r) => view(input.kind, r)), total, due, ...(within !== undefined ? { within } : {}) };
  },
  'ledger.ids': (core, input) => ({ ids: listIds(core.db, LEDGERS[input.kind], { ...input, units: scopeIds(core.db, input.scope) }) }),
  'ledger.preview': (core, { kind, values }) => {
    const r = previewRow(LEDGERS[kind], values, core.ctx());
    return { values: r.row, manual: r.manual, warnings: r.warnings, issues: r.issues };
  },
  'ledger.suggest': (core, { kind, field, prefix, limit }) => ({ values: suggestValues(core.db, LEDGERS[kind], field, prefix ?? '', limit ?? 10) }),
  'ledger.nextCaseNo': (core, { kind, date }) => ({ caseNo: suggestCaseNo(core.db, LEDGERS[kind], Number((date ?? localDate(core.now())).slice(0, 4))) }),
  'ledger.import': (core, { kind, rows }) => {
    const r = importRecords(
      core,
      kind,
      rows.map((values, i) => ({ line: i + 1, values: values as never })),
    );
    return { kind, total: rows.length, inserted: r.inserted, errors: r.errors.map(formatRowError) };
  },
  'deadlines.board': (core, { today, kinds, status, page, pageSize, handler, dismissed, scope }) => {
    const t = today ?? localDate(core.now());
    const units = scopeCondition(core.db, scope);
    // the 上报 reminder (issue 20): units that have not sent their package before the report's deadline
    const reminder = reportReminder(core, t);
    const reminders = reminder ? { reminders: [reminder] } : {};
    // the 工作台 asks for a page: counted by due date and only the page's rows read (10,000 items at a city's scale)
    if (pageSize)
      return { today: t, ...deadlinePage(core, t, kinds ?? LEDGER_KINDS, { status, page: page ?? 1, pageSize, handler, dismissed, units }), ...reminders };
    const all = deadlineBoard(core, t, kinds ?? LEDGER_KINDS, undefined, { handler, dismissed, units });
    const live = all.filter((i) => !i.dismissed);
    const overdue = live.filter((i) => i.status === '逾期').length;
    const items = status ? all.filter((i) => i.status === status) : all;
    const handlers = [...new Set(live.map((i) => i.handler).filter((h): h is string => h !== null))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    return { today: t, items, total: items.length, overdue, soon: live.length - overdue, dismissed: all.length - live.length, handlers, ...reminders };
  },
  'deadlines.dismiss': (core, { kind, id, field, reason }) => dismissDeadline(core, kind, id, field, reason),
  'deadlines.restore': (core, { kind, id, field }) => restoreDeadline(core, kind, id, field),
  'ledger.purge': (core, { kind, ids }) => ({ count: purgeRecords(core, kind, ids) }),
};
