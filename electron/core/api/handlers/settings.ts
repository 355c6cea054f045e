// API handlers for settings and the holiday calendar; both re-derive every row (run alone, dispatch.ts).

import { LEDGER_KINDS } from '../../../domain/ledgers';
import { SETTING_DEFS } from '../../../domain/settings';
import { calendarYears, loadCalendar, parseHolidayFile } from '../../calendar-store';
import { calendarScope, firstChangedDay, rederiveAllYielding, updateSettingsYielding } from '../../core';
import { putHolidayYears } from '../../db/year-data';
import type { AreaHandlers } from './area';
import { writeLong } from './write';

export const settingsHandlers: AreaHandlers<'settings' | 'calendar'> = {
  'settings.get': (core) => ({ values: { ...core.settings }, defs: [...SETTING_DEFS] }),
  'settings.update': async (core, { patch, allRecords }) => {
    const r = await updateSettingsYielding(core, patch, { allRecords });
    return { values: { ...r.values }, rederived: r.rederived };
  },
  'calendar.years': (core) => ({ years: calendarYears(core.db) }),
  // one transaction, re-deriving in chunks that let progress polls through (the call runs alone: dispatch.ts)
  'calendar.addYear': writeLong('正在按新的节假日安排重新计算期限', async (core, { data, source, allRecords }, { at, progress }) => {
    const ys = parseHolidayFile(data);
    const before = core.calendar;
    let rederived = 0;
    let from: string | null;
    try {
      putHolidayYears(core.db, ys, source ?? '用户导入', at);
      core.calendar = loadCalendar(core.db);
      // only rows with a derived deadline on or after the first day that changed; settled deadlines keep their date
      // unless the user asked for every record (core.ts calendarScope)
      from = firstChangedDay(before, core.calendar);
      if (from) rederived = await rederiveAllYielding(core, LEDGER_KINDS, progress, calendarScope(LEDGER_KINDS, from, !!allRecords), !allRecords);
    } catch (e) {
      core.calendar = before;
      throw e;
    }
    const years = Object.keys(ys).map(Number);
    return {
      result: { years, rederived, from },
      audit: {
        action: '节假日',
        after: { years: Object.keys(ys), allRecords: !!allRecords },
        summary: `导入节假日安排：${Object.keys(ys).join('、')}年${allRecords ? '（已办结的记录也重新计算）' : ''}`,
      },
    };
  }),
};
