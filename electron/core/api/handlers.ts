// The handler map: one function per API method, `area.verb`. Inputs arrive already checked by the zod
// schemas of domain/api.ts (see ./dispatch.ts); every write runs in one transaction with its audit entry.

import type { ApiInput, ApiMethod, ApiOutput } from '../../domain/api';
import { LEDGERS, LEDGER_KINDS } from '../../domain/ledgers';
import { BUILTIN_INDICATORS, BUILTIN_MATERIALS } from '../../domain/metrics';
import { previewRow } from '../../domain/rows';
import { chineseDate, reportTitle } from '../../domain/report';
import { SETTING_DEFS } from '../../domain/settings';
import { calendarYears, loadCalendar, parseHolidayFile } from '../calendar-store';
import { currentProgress, isoNow, localDate, longWrite, rederiveAllYielding, reopenCore, updateSettingsYielding, type Core } from '../core';
import { addParty, addSuspension, caseFileView, deleteParty, deleteSuspension, updateParty, updateSuspension } from '../case-file';
import { backupDirFor, schemaVersion } from '../db/connection';
import { getRow, listIds, listRows } from '../db/ledger-repo';
import { suggestCaseNo, suggestValues } from '../db/suggest';
import { deadlineBoard, deadlinePage, dismissDeadline, restoreDeadline } from '../deadlines';
import { AppError } from '../errors';
import { exportFile, fileBytes, importFile, templateFile } from '../exchange';
import { layoutOf, saveMapping, savedMapping } from '../exchange/mapping-store';
import { builtinTemplate, currentTemplate, fillTemplate, generateReport, readiness, saveTemplate, templateHistory, templateVersion } from '../report';
import { fillDocxInWorker } from '../report/docx-host';
import { reportData } from '../report/values';
import { createRecord, formatRowError, importRecords, purgeRecords, setRecordsDeleted, updateRecord, view } from '../records';
import { appendAudit, auditWorkbook, listAudit } from '../safety/audit';
import { backupNow } from '../safety/auto-backup';
import { readLogTail } from '../safety/errlog';
import { checkRestorable, listBackups, restoreDatabase } from '../safety/backups';
import { yearMetrics } from '../stats/stats-host';
import { catalogueFile, statsForm, statsFormFile } from '../outgoing';
import { statsWorkbook } from '../stats/export';
import { APP_VERSION } from '../version';

type Handlers = { [M in ApiMethod]: (core: Core, input: ApiInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>> };

/**
 * The years the switcher offers: from the earliest to the latest ★ date of any ledger (two index lookups per
 * ledger, where listing the distinct years read every row: 150 ms at 1,000,000 rows), and the years of
 * indicators and materials.
 */
function years(core: Core): number[] {
  const ys = new Set<number>();
  for (const k of LEDGER_KINDS) {
    const col = LEDGERS[k].primaryDate;
    const end = (dir: 'ASC' | 'DESC') =>
      core.db.prepare(`SELECT "${col}" FROM ${k} WHERE deleted_at IS NULL AND "${col}" IS NOT NULL ORDER BY "${col}" ${dir} LIMIT 1`).pluck().get() as string | undefined;
    const [lo, hi] = [end('ASC'), end('DESC')];
    if (lo && hi) for (let y = +lo.slice(0, 4); y <= +hi.slice(0, 4); y++) ys.add(y);
  }
  for (const y of core.db.prepare('SELECT DISTINCT year FROM indicators UNION SELECT DISTINCT year FROM materials').pluck().all() as number[]) ys.add(y);
  return [...ys].sort((a, b) => b - a);
}

export const handlers: Handlers = {
  'case.get': (core, { kind, id }) => caseFileView(core, kind, id),
  'case.addParty': (core, { kind, id, party }) => addParty(core, kind, id, party),
  'case.updateParty': (core, { kind, id, partyId, party }) => updateParty(core, kind, id, partyId, party),
  'case.deleteParty': (core, { kind, id, partyId }) => deleteParty(core, kind, id, partyId),
  'case.addSuspension': (core, { id, period }) => addSuspension(core, id, period),
  'case.updateSuspension': (core, { id, periodId, period }) => updateSuspension(core, id, periodId, period),
  'case.deleteSuspension': (core, { id, periodId }) => deleteSuspension(core, id, periodId),

  'app.progress': (core) => ({ task: currentProgress(core) }),
  'app.info': (core) => ({
    version: APP_VERSION,
    schemaVersion: schemaVersion(core.db),
    dataFile: core.file,
    counts: Object.fromEntries(
      LEDGER_KINDS.map((k) => [k, core.db.prepare(`SELECT count(*) FROM ${k} WHERE deleted_at IS NULL`).pluck().get() as number]),
    ) as ApiOutput<'app.info'>['counts'],
    years: years(core),
    integrity: core.integrity,
  }),
  'app.log': (core, { lines }) => readLogTail(core.file, lines ?? 200),

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
    const { rows, total, within } = listRows(core.db, LEDGERS[input.kind], input);
    const due = LEDGERS[input.kind].deadlines.length && rows.length ? deadlineBoard(core, localDate(core.now()), [input.kind], rows.map((r) => r.id)) : [];
    return { rows: rows.map((r) => view(input.kind, r)), total, due, ...(within !== undefined ? { within } : {}) };
  },
  'ledger.ids': (core, input) => ({ ids: listIds(core.db, LEDGERS[input.kind], input) }),
  'ledger.preview': (core, { kind, values }) => {
    const r = previewRow(LEDGERS[kind], values, core.ctx());
    return { values: r.row, manual: r.manual, warnings: r.warnings, issues: r.issues };
  },
  'ledger.suggest': (core, { kind, field, prefix, limit }) => ({ values: suggestValues(core.db, LEDGERS[kind], field, prefix ?? '', limit ?? 10) }),
  'ledger.nextCaseNo': (core, { kind, date }) => ({ caseNo: suggestCaseNo(core.db, LEDGERS[kind], Number((date ?? localDate(core.now())).slice(0, 4))) }),
  'ledger.import': (core, { kind, rows }) => {
    const r = importRecords(core, kind, rows.map((values, i) => ({ line: i + 1, values: values as never })));
    return { kind, total: rows.length, inserted: r.inserted, errors: r.errors.map(formatRowError) };
  },

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
  'exchange.export': async (core, { kind, format, year, ids, columns }) => {
    const r = await exportFile(core, kind, format, { year, ids, columns });
    return { fileName: r.fileName, content: r.bytes.toString('base64'), count: r.count };
  },
  'exchange.template': async (_core, { kind }) => {
    const r = await templateFile(kind);
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },

  'report.readiness': (core, { year }) => readiness(core, year),
  'report.keys': (core, { year }) => {
    const { values } = reportData(core, year);
    return { keys: Object.entries(values).map(([key, v]) => ({ key, text: v.text })) };
  },
  'report.preview': (core, { year, variant, date, template }) => {
    const { blocks, unknownKeys } = fillTemplate(core, year, template, date);
    const unit = core.settings.单位名称 || '（单位名称）';
    return {
      title: reportTitle(unit, year, variant),
      recipient: variant === 'formal' ? core.settings.主送机关 : '',
      blocks,
      unknownKeys,
      signer: unit,
      date: chineseDate(date ?? localDate(core.now())),
    };
  },
  'report.template': (core) => {
    const history = templateHistory(core);
    return { template: currentTemplate(core), builtIn: builtinTemplate(), version: history[0]?.version ?? null, history };
  },
  'report.templateVersion': (core, { version }) => templateVersion(core, version),
  'report.saveTemplate': (core, { year, text, note, base }) => saveTemplate(core, { year, text, note: note?.trim() ?? '', base }),
  'report.checkDocx': async (core, { year, content }) => {
    const r = await fillDocxInWorker(Buffer.from(content, 'base64'), reportData(core, year).values, { dryRun: true });
    return { keys: r.keys, unknownKeys: r.unknownKeys };
  },
  'report.generate': async (core, { year, variant, date, templateDocx, attachment }) => {
    const r = await generateReport(core, { year, variant, date, attachment, templateDocx: templateDocx ? Buffer.from(templateDocx, 'base64') : undefined });
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },

  'stats.year': (core, { year }) => yearMetrics(core, year),
  'stats.export': async (core, { year }) => {
    const r = await statsWorkbook(yearMetrics(core, year), core.settings.单位名称);
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
  'stats.monthly': (core, { year }) => {
    const months = {} as Record<(typeof LEDGER_KINDS)[number], number[]>;
    for (const k of LEDGER_KINDS) {
      const col = LEDGERS[k].primaryDate;
      const counts = new Array<number>(12).fill(0);
      const rows = core.db
        .prepare(`SELECT substr("${col}", 6, 2) AS m, count(*) AS n FROM ${k} WHERE deleted_at IS NULL AND "${col}" BETWEEN ? AND ? GROUP BY m`)
        .all(`${year}-01-01`, `${year}-12-31`) as { m: string; n: number }[];
      for (const r of rows) counts[+r.m - 1] = r.n;
      months[k] = counts;
    }
    return { months };
  },
  'deadlines.board': (core, { today, kinds, status, page, pageSize, handler, dismissed }) => {
    const t = today ?? localDate(core.now());
    // the 工作台 asks for a page: counted by due date and only the page's rows read (10,000 items at a city's scale)
    if (pageSize) return { today: t, ...deadlinePage(core, t, kinds ?? LEDGER_KINDS, { status, page: page ?? 1, pageSize, handler, dismissed }) };
    const all = deadlineBoard(core, t, kinds ?? LEDGER_KINDS, undefined, { handler, dismissed });
    const live = all.filter((i) => !i.dismissed);
    const overdue = live.filter((i) => i.status === '逾期').length;
    const items = status ? all.filter((i) => i.status === status) : all;
    const handlers = [...new Set(live.map((i) => i.handler).filter((h): h is string => h !== null))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    return { today: t, items, total: items.length, overdue, soon: live.length - overdue, dismissed: all.length - live.length, handlers };
  },
  'deadlines.dismiss': (core, { kind, id, field, reason }) => dismissDeadline(core, kind, id, field, reason),
  'deadlines.restore': (core, { kind, id, field }) => restoreDeadline(core, kind, id, field),

  'settings.get': (core) => ({ values: { ...core.settings }, defs: [...SETTING_DEFS] }),
  'settings.update': async (core, { patch }) => {
    const r = await updateSettingsYielding(core, patch);
    return { values: { ...r.values }, rederived: r.rederived };
  },

  'indicators.list': (core, { year }) => {
    const stored = new Map(
      (core.db.prepare('SELECT name, value FROM indicators WHERE year = ?').all(year) as { name: string; value: number }[]).map((r) => [r.name, r.value]),
    );
    const names = [...new Set([...BUILTIN_INDICATORS, ...stored.keys()])];
    return { items: names.map((name) => ({ name, value: stored.get(name) ?? null, builtIn: (BUILTIN_INDICATORS as readonly string[]).includes(name) })) };
  },
  'indicators.set': (core, { year, items }) => {
    for (const it of items) {
      if (it.value !== null && !Number.isFinite(it.value)) throw new AppError('VALIDATION', `指标“${it.name}”的数值无效`);
      if (it.value !== null && it.value < 0) throw new AppError('VALIDATION', `指标“${it.name}”的数值不能为负数`);
    }
    const at = isoNow(core.now());
    core.db.transaction(() => {
      const get = core.db.prepare('SELECT value FROM indicators WHERE year = ? AND name = ?').pluck();
      const put = core.db.prepare('INSERT INTO indicators (year, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
      const del = core.db.prepare('DELETE FROM indicators WHERE year = ? AND name = ?');
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const it of items) {
        const old = (get.get(year, it.name) as number | undefined) ?? null;
        if (old === it.value) continue;
        before[it.name] = old;
        after[it.name] = it.value;
        if (it.value === null) del.run(year, it.name);
        else put.run(year, it.name, it.value, at);
      }
      if (Object.keys(after).length) appendAudit(core.db, { at, actor: core.actor, action: '年度指标', before, after, summary: `${year}年度指标` });
    })();
    return { count: items.length };
  },
  'materials.list': (core, { year }) => {
    const stored = new Map(
      (core.db.prepare('SELECT name, content FROM materials WHERE year = ?').all(year) as { name: string; content: string }[]).map((r) => [r.name, r.content]),
    );
    const names = [...new Set([...BUILTIN_MATERIALS, ...stored.keys()])];
    return { items: names.map((name) => ({ name, content: stored.get(name) ?? '', builtIn: (BUILTIN_MATERIALS as readonly string[]).includes(name) })) };
  },
  'materials.set': (core, { year, name: given, content }) => {
    // The name is stored trimmed, so the old text is looked up (and audited) under the trimmed name too: with the
    // name as typed (" 工作亮点 ") the lookup missed and the audit said before: "" while the text was overwritten.
    const name = given.trim();
    if (!name) throw new AppError('VALIDATION', '素材名称不能为空');
    const at = isoNow(core.now());
    core.db.transaction(() => {
      const old = (core.db.prepare('SELECT content FROM materials WHERE year = ? AND name = ?').pluck().get(year, name) as string | undefined) ?? '';
      if (old === content) return;
      core.db
        .prepare('INSERT INTO materials (year, name, content, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (year, name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at')
        .run(year, name, content, at);
      appendAudit(core.db, { at, actor: core.actor, action: '年度素材', before: { [name]: old }, after: { [name]: content }, summary: `${year}年度素材“${name}”` });
    })();
    return { name };
  },

  'audit.list': (core, input) => listAudit(core.db, input),
  'audit.export': async (core, input) => {
    const r = await auditWorkbook(core.db, input, core.settings.单位名称, localDate(core.now()));
    return { fileName: r.fileName, content: r.content.toString('base64') };
  },

  'ledger.purge': (core, { kind, ids }) => ({ count: purgeRecords(core, kind, ids) }),
  'backup.list': (core) => ({ dir: backupDirFor(core.file), backups: listBackups(backupDirFor(core.file), core.now()) }),
  'backup.create': async (core) => {
    // a verified backup of a damaged file cannot be made (its check fails); say why at once instead of after
    // copying a large file. Restoring keeps the damaged file as it is (safety/backups.ts, keepDamaged).
    if (core.integrity.state === 'damaged') {
      throw new AppError('INTEGRITY', `数据文件已损坏，无法生成经过校验的备份。请还原最近的备份；还原时程序会把损坏的数据文件原样另存一份。${core.integrity.message ?? ''}`);
    }
    return backupNow(core, '手动');
  },
  'backup.restore': async (core, { file }) => {
    checkRestorable(file);
    await core.settled();
    core.close();
    let r: Awaited<ReturnType<typeof restoreDatabase>>;
    try {
      r = await restoreDatabase(core.file, file, { now: core.now() });
    } finally {
      await reopenCore(core);
    }
    appendAudit(core.db, {
      at: isoNow(core.now()), actor: core.actor, action: '还原', after: { from: file, safetyBackup: r.safetyBackup, counts: r.counts },
      summary: `从 ${file} 还原；还原前的数据已备份到 ${r.safetyBackup ?? '（无）'}`,
    });
    return r;
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
        await rederiveAllYielding(core, LEDGER_KINDS, progress);
      });
    } catch (e) {
      core.calendar = before;
      throw e;
    }
    return { years: Object.keys(ys).map(Number) };
  },
};
