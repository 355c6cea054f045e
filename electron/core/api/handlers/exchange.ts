// API handlers for importing and exporting ledger sheets (.xlsx/.csv) and the blank import template.

import { exportFile, fileBytes, importFile, templateFile } from '../../exchange';
import { layoutOf, saveMapping, savedMapping } from '../../exchange/mapping-store';
import { backupNow } from '../../safety/auto-backup';
import type { AreaHandlers } from './area';

export const exchangeHandlers: AreaHandlers<'exchange'> = {
  'exchange.preview': async (core, { kind, fileName, content, mapping, existing, versions }) => {
    const bytes = fileBytes(content);
    const r = await importFile(core, kind, fileName, bytes, { dryRun: true, mapping, existing, versions });
    // a sheet of a layout mapped before: the mapping chosen then is applied and said (the wizard shows it)
    if (mapping || !r.columns?.length) return r;
    const saved = savedMapping(core, kind, layoutOf(r.columns.map((c) => c.header)));
    if (!saved) return r;
    return { ...(await importFile(core, kind, fileName, bytes, { dryRun: true, mapping: saved, existing, versions })), savedMapping: saved };
  },
  'exchange.import': async (core, { kind, fileName, content, mapping, existing, versions }) => {
    const bytes = fileBytes(content);
    const opts = { mapping, existing, versions };
    // Check first, so a file with errors does not cost a backup; then back up, then write.
    const check = await importFile(core, kind, fileName, bytes, { dryRun: true, ...opts });
    if (check.errors.length) {
      const { sample, ...failed } = check;
      void sample;
      return { ...failed, inserted: 0 };
    }
    await backupNow(core, '导入前');
    const r = await importFile(core, kind, fileName, bytes, opts);
    // remembered for the next sheet of this layout (migration 6)
    if (mapping && !r.errors.length && r.columns?.length) saveMapping(core, kind, layoutOf(r.columns.map((c) => c.header)), mapping);
    const { sample, ...report } = r;
    void sample;
    return report;
  },
  'exchange.export': async (core, { kind, format, year, ids, columns, scope }) => {
    const r = await exportFile(core, kind, format, { year, ids, columns, scope });
    return { fileName: r.fileName, content: r.bytes.toString('base64'), count: r.count };
  },
  'exchange.template': async (_core, { kind }) => {
    const r = await templateFile(kind);
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },
};
