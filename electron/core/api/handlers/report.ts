// API handlers for the year-end report: readiness, template, preview, .docx; the year's indicators and materials.

import { BUILTIN_INDICATORS, BUILTIN_MATERIALS } from '../../../domain/metrics';
import { chineseDate, reportTitle } from '../../../domain/report';
import { isoNow, localDate } from '../../core';
import { AppError } from '../../errors';
import { builtinTemplate, currentTemplate, fillTemplate, generateReport, readiness, saveTemplate, templateHistory, templateVersion } from '../../report';
import { fillDocxInWorker } from '../../report/docx-host';
import { reportData } from '../../report/values';
import { appendAudit } from '../../safety/audit';
import type { AreaHandlers } from './area';

export const reportHandlers: AreaHandlers<'report' | 'indicators' | 'materials'> = {
  'report.readiness': (core, { year }) => readiness(core, year),
  'report.keys': (core, { year }) => {
    const { values, units } = reportData(core, year);
    // the scoped copies (全部.…, 本级.…, issue 20) are listed once units' packages have come in; before that they
    // equal the plain keys (a template may still use them)
    const scoped = (k: string) => k.startsWith('全部.') || k.startsWith('本级.');
    return { keys: Object.entries(values).filter(([key]) => units || !scoped(key)).map(([key, v]) => ({ key, text: v.text })) };
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
};
