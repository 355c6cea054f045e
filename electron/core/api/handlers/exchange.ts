// API handlers for importing and exporting ledger sheets (.xlsx/.csv) and the blank import template.

import { exportFile, exportName, fileBytes, importFile, templateFile } from '../../exchange';
import { layoutOf, saveMapping, savedMapping } from '../../exchange/mapping-store';
import { withProgress } from '../../core';
import { listImports, undoImportYielding } from '../../import-undo';
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
    // Read once, check every row and write in one transaction, all or nothing (a file with problems writes
    // nothing). No full backup before it (11 s at 1,000,000 rows): the import records what it wrote and can be
    // undone by itself (exchange.undoImport, core/import-undo.ts); the backup schedule covers the file.
    const r = await withProgress(core, `正在导入“${fileName}”`, (progress) => importFile(core, kind, fileName, bytes, { mapping, existing, versions, progress }));
    // remembered for the next sheet of this layout (migration 6)
    if (mapping && !r.errors.length && r.columns?.length) saveMapping(core, kind, layoutOf(r.columns.map((c) => c.header)), mapping);
    const { sample, ...report } = r;
    void sample;
    return report;
  },
  'exchange.export': async (core, { kind, format, year, ids, columns }) => {
    const r = await withProgress(core, `正在导出${exportName(kind, format, year)}`, (progress) => exportFile(core, kind, format, { year, ids, columns, progress }));
    return { fileName: r.fileName, content: r.bytes.toString('base64'), count: r.count };
  },
  'exchange.imports': (core, { limit }) => ({ imports: listImports(core, limit) }),
  'exchange.undoImport': (core, { id }) => undoImportYielding(core, id),
  'exchange.template': async (_core, { kind }) => {
    const r = await templateFile(kind);
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },
};
