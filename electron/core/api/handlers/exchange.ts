// API handlers for importing and exporting ledger sheets (.xlsx/.csv) and the blank import template.

import { exportFile, exportName, fileBytes, importFile, templateFile } from '../../exchange';
import { layoutOf, saveMapping, savedMapping } from '../../exchange/mapping-store';
import { withProgress } from '../../core';
import { importPartiesSheet } from '../../exchange/parties-sheet';
import { isCaseKind } from '../../../domain/case-file';
import { listImports, undoImportYielding } from '../../import-undo';
import type { AreaHandlers } from './area';

/**
 * The 当事人 sheet's problems joined to the report's (so one refuses the import), and what it adds, said. Read only
 * once the ledger's sheet has passed (in the import worker for a large file): a damaged or hostile workbook is
 * refused there and never opened a second time on this thread.
 */
function withParties<R extends { errors: string[]; notices?: string[] }>(r: R, read: () => ReturnType<typeof importPartiesSheet>): R {
  if (r.errors.length) return r;
  const p = read();
  if (!p.found) return r;
  r.errors.push(...p.errors);
  if (p.errors.length) return r;
  const total = p.added + p.updated + p.unchanged;
  (r.notices ??= []).push(
    p.checked !== undefined
      ? `“当事人”表的当事人已核对无误，导入时按案号加入各案件`
      : `“当事人”表：新增 ${p.added} 名、更新 ${p.updated} 名当事人${p.unchanged ? `，${p.unchanged} 名已在案、未作改动` : ''}（共 ${total} 名）`,
  );
  return r;
}

export const exchangeHandlers: AreaHandlers<'exchange'> = {
  'exchange.preview': async (core, { kind, fileName, content, mapping, existing, versions }) => {
    const bytes = fileBytes(content);
    const r = withParties(await importFile(core, kind, fileName, bytes, { dryRun: true, mapping, existing, versions }), () =>
      importPartiesSheet(core, kind, fileName, bytes, { dryRun: true }),
    );
    // a sheet of a layout mapped before: the mapping chosen then is applied and said (the wizard shows it)
    if (mapping || !r.columns?.length) return r;
    const saved = savedMapping(core, kind, layoutOf(r.columns.map((c) => c.header)));
    if (!saved) return r;
    return { ...(await importFile(core, kind, fileName, bytes, { dryRun: true, mapping: saved, existing, versions })), savedMapping: saved };
  },
  'exchange.import': async (core, { kind, fileName, content, mapping, existing, versions }) => {
    const bytes = fileBytes(content);
    const opts = { mapping, existing, versions };
    // 复议/应诉 files may carry a 当事人 sheet keyed by 案号: it is written in the import's own transaction once
    // the rows are (its 案号 name the cases the file adds), and a problem in it undoes the rows too (issue 16: the
    // file was read twice, a check first). Read once, check every row and write in one transaction, all or nothing
    // (a file with problems writes nothing). No full backup before it (11 s at 1,000,000 rows): the import records
    // what it wrote and can be undone by itself (exchange.undoImport, core/import-undo.ts); the backup schedule
    // covers the file.
    let parties: ReturnType<typeof importPartiesSheet> | undefined;
    const alsoWrite = isCaseKind(kind) ? () => (parties = importPartiesSheet(core, kind, fileName, bytes, { dryRun: false })).errors : undefined;
    const r = await withProgress(core, `正在导入“${fileName}”`, (progress) => importFile(core, kind, fileName, bytes, { ...opts, progress, alsoWrite }));
    if (parties?.found && !parties.errors.length) withParties(r, () => parties!);
    // remembered for the next sheet of this layout (migration 6)
    if (mapping && !r.errors.length && r.columns?.length) saveMapping(core, kind, layoutOf(r.columns.map((c) => c.header)), mapping);
    const { sample, ...report } = r;
    void sample;
    return report;
  },
  'exchange.export': async (core, { kind, format, year, ids, columns, scope }) => {
    const r = await withProgress(core, `正在导出${exportName(kind, format, year)}`, (progress) =>
      exportFile(core, kind, format, { year, ids, columns, scope, progress }),
    );
    return { fileName: r.fileName, content: r.bytes.toString('base64'), count: r.count };
  },
  'exchange.imports': (core, { limit }) => ({ imports: listImports(core, limit) }),
  'exchange.undoImport': (core, { id }) => undoImportYielding(core, id),
  'exchange.template': async (_core, { kind }) => {
    const r = await templateFile(kind);
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },
};
