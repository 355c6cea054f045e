// API handlers for settings and the holiday calendar; both re-derive every row (run alone, dispatch.ts).

import { LEDGER_KINDS } from '../../../domain/ledgers';
import { SETTING_DEFS } from '../../../domain/settings';
import { calendarYears, loadCalendar, parseHolidayFile } from '../../calendar-store';
import { calendarScope, isoNow, longWrite, rederiveAllYielding, updateSettingsYielding } from '../../core';
import { appendAudit } from '../../safety/audit';
import type { AreaHandlers } from './area';

export const settingsHandlers: AreaHandlers<'settings' | 'calendar'> = {
  'settings.get': (core) => ({ values: { ...core.settings }, defs: [...SETTING_DEFS] }),
  'settings.update': async (core, { patch }) => {
    const r = await updateSettingsYielding(core, patch);
    return { values: { ...r.values }, rederived: r.rederived };
  },
  'calendar.years': (core) => ({ years: calendarYears(core.db) }),
  'calendar.addYear': async (core, { data, source }) => {
    const ys = parseHolidayFile(data);
    const at = isoNow(core.now());
    // one transaction, re-deriving in chunks that let progress polls through (the call runs alone: dispatch.ts)
    const before = core.calendar;
    try {
      await longWrite(core, '正在按新的节假日安排重新计算期限', async (progress) => {
        const put = core.db.prepare(
          'INSERT INTO holiday_years (year, off, work, source, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET off = excluded.off, work = excluded.work, source = excluded.source, added_at = excluded.added_at',
        );
        for (const [y, v] of Object.entries(ys)) put.run(+y, JSON.stringify(v.off), JSON.stringify(v.work), source ?? '用户导入', at);
        appendAudit(core.db, { at, actor: core.actor, action: '节假日', after: { years: Object.keys(ys) }, summary: `导入节假日安排：${Object.keys(ys).join('、')}年` });
        core.calendar = loadCalendar(core.db);
        // only rows with a date near the years added can change (core.ts calendarScope)
        await rederiveAllYielding(core, LEDGER_KINDS, progress, calendarScope(LEDGER_KINDS, Object.keys(ys).map(Number)));
      });
    } catch (e) {
      core.calendar = before;
      throw e;
    }
    return { years: Object.keys(ys).map(Number) };
  },
};
