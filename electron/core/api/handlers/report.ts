// API handlers for the year-end report: readiness, template, preview, .docx; the year's indicators and materials.

import { BUILTIN_INDICATORS, BUILTIN_MATERIALS } from '../../../domain/metrics';
import { chineseDate, reportTitle } from '../../../domain/report';
import { localDate } from '../../core';
import { indicatorValue, materialText, materialTexts, putIndicator, putMaterial } from '../../db/year-data';
import { AppError } from '../../errors';
import { builtinTemplate, currentTemplate, fillTemplate, generateReport, readiness, saveTemplate, templateHistory, templateVersion } from '../../report';
import { fillDocxInWorker } from '../../report/docx-host';
import { reportData } from '../../report/values';
import { indicatorValues } from '../../stats/compute';
import type { AreaHandlers } from './area';
import { write } from './write';

export const reportHandlers: AreaHandlers<'report' | 'indicators' | 'materials'> = {
  'report.readiness': (core, { year }) => readiness(core, year),
  'report.keys': (core, { year }) => {
    const { values, units } = reportData(core, year);
    // the scoped copies (全部.…, 本级.…, issue 20) are listed once units' packages have come in; before that they
    // equal the plain keys (a template may still use them)
    const scoped = (k: string) => k.startsWith('全部.') || k.startsWith('本级.');
    return {
      keys: Object.entries(values)
        .filter(([key]) => units || !scoped(key))
        .map(([key, v]) => ({ key, text: v.text })),
    };
  },
  'report.preview': (core, { year, variant, date, template, scope }) => {
    const { blocks, unknownKeys } = fillTemplate(core, year, template, date, scope);
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
  'report.generate': async (core, { year, variant, date, templateDocx, attachment, scope }) => {
    const r = await generateReport(core, {
      year,
      variant,
      date,
      attachment,
      scope,
      templateDocx: templateDocx ? Buffer.from(templateDocx, 'base64') : undefined,
    });
    return { fileName: r.fileName, content: r.bytes.toString('base64') };
  },
  'indicators.list': (core, { year }) => {
    const stored = indicatorValues(core.db, year);
    const names = [...new Set([...BUILTIN_INDICATORS, ...stored.keys()])];
    return { items: names.map((name) => ({ name, value: stored.get(name) ?? null, builtIn: (BUILTIN_INDICATORS as readonly string[]).includes(name) })) };
  },
  'indicators.set': write((core, { year, items }, { at }) => {
    for (const it of items) {
      if (it.value !== null && !Number.isFinite(it.value)) throw new AppError('VALIDATION', `指标“${it.name}”的数值无效`);
      if (it.value !== null && it.value < 0) throw new AppError('VALIDATION', `指标“${it.name}”的数值不能为负数`);
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const it of items) {
      const old = indicatorValue(core.db, year, it.name);
      if (old === it.value) continue;
      before[it.name] = old;
      after[it.name] = it.value;
      putIndicator(core.db, year, it.name, it.value, at);
    }
    const audit = Object.keys(after).length ? { action: '年度指标' as const, before, after, summary: `${year}年度指标` } : null;
    return { result: { count: items.length }, audit };
  }),
  'materials.list': (core, { year }) => {
    const stored = materialTexts(core.db, year);
    const names = [...new Set([...BUILTIN_MATERIALS, ...stored.keys()])];
    return { items: names.map((name) => ({ name, content: stored.get(name) ?? '', builtIn: (BUILTIN_MATERIALS as readonly string[]).includes(name) })) };
  },
  'materials.set': write((core, { year, name: given, content }, { at }) => {
    // The name is stored trimmed, so the old text is looked up (and audited) under the trimmed name too: with the
    // name as typed (" 工作亮点 ") the lookup missed and the audit said before: "" while the text was overwritten.
    const name = given.trim();
    if (!name) throw new AppError('VALIDATION', '素材名称不能为空');
    const old = materialText(core.db, year, name);
    if (old === content) return { result: { name }, audit: null };
    putMaterial(core.db, year, name, content, at);
    return { result: { name }, audit: { action: '年度素材', before: { [name]: old }, after: { [name]: content }, summary: `${year}年度素材“${name}”` } };
  }),
};
