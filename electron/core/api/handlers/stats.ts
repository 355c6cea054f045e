// API handlers for the year's figures and the documents sent out from them (目录, 统计报表).

import { LEDGER_KINDS } from '../../../domain/ledgers';
import { monthlyCounts } from '../../db/overview';
import { yearMetrics } from '../../stats/stats-host';
import { catalogueFile, statsForm, statsFormFile } from '../../outgoing';
import { statsWorkbook } from '../../stats/export';
import { scopeCondition } from '../../units';
import type { AreaHandlers } from './area';

export const statsHandlers: AreaHandlers<'stats' | 'outgoing'> = {
  'stats.year': (core, { year, scope }) => yearMetrics(core, year, scope),
  'stats.export': async (core, { year, scope }) => {
    const r = await statsWorkbook(yearMetrics(core, year, scope), core.settings.单位名称);
    return { fileName: r.fileName, content: r.content.toString('base64') };
  },
  'outgoing.catalogue': async (core, { year, quarter, format }) => {
    const r = await catalogueFile(core, year, quarter, format);
    return { fileName: r.fileName, content: r.bytes.toString('base64'), count: r.count };
  },
  'outgoing.statsForm': async (core, { year, kind, file }) => {
    if (!file) return { form: statsForm(core, year, kind) };
    const r = await statsFormFile(core, year, kind);
    return { form: r.form, fileName: r.fileName, content: r.bytes.toString('base64') };
  },
  'stats.monthly': (core, { year, scope }) => {
    const where = scopeCondition(core.db, scope);
    const months = {} as Record<(typeof LEDGER_KINDS)[number], number[]>;
    for (const k of LEDGER_KINDS) months[k] = monthlyCounts(core.db, k, year, where);
    return { months };
  },
};
