// API handlers for settings and the holiday calendar; both re-derive every row (run alone, dispatch.ts).

import { LEDGER_KINDS } from '../../../domain/ledgers';
import { SETTING_DEFS } from '../../../domain/settings';
import { calendarYears, loadCalendar, parseHolidayFile } from '../../calendar-store';
import { calendarScope, rederiveAllYielding, updateSettingsYielding } from '../../core';
import { putHolidayYears } from '../../db/year-data';
import type { AreaHandlers } from './area';
import { writeLong } from './write';

export const settingsHandlers: AreaHandlers<'settings' | 'calendar'> = {
  'settings.get': (core) => ({ values: { ...core.settings }, defs: [...SETTING_DEFS] }),
  'settings.update': async (core, { patch }) => {
    const r = await updateSettingsYielding(core, patch);
    return { values: { ...r.values }, rederived: r.rederived };
  },
  'calendar.years': (core) => ({ years: calendarYears(core.db) }),
  // one transaction, re-deriving in chunks that let progress polls through (the call runs alone: dispatch.ts)
  'calendar.addYear': writeLong('正在按新的节假日安排重新计算期限', async (core, { data, source }, { at, progress }) => {
    const ys = parseHolidayFile(data);
    const before = core.calendar;
    try {
      putHolidayYears(core.db, ys, source ?? '用户导入', at);
      core.calendar = loadCalendar(core.db);
      // only rows with a date near the years added can change (core.ts calendarScope)
      await rederiveAllYielding(core, LEDGER_KINDS, progress, calendarScope(LEDGER_KINDS, Object.keys(ys).map(Number)));
    } catch (e) {
      core.calendar = before;
      throw e;
    }
    return {
      result: { years: Object.keys(ys).map(Number) },
      audit: { action: '节假日', after: { years: Object.keys(ys) }, summary: `导入节假日安排：${Object.keys(ys).join('、')}年` },
    };
  }),
};
