// Every value a report template can use, for one year: the metric catalogue with 上年 and 同比, the annual
// indicators, the material texts, the distributions as lists, and the office's own names and dates.

import { BUILTIN_MATERIALS, METRIC_BY_KEY, type MetricsResult } from '../../domain/metrics';
import { chineseDate, emptyValues, type ReportValues } from '../../domain/report';
import { localDate, type Core } from '../core';
import { yearMetrics } from '../stats/stats-host';
import { hasReceived, listUnits, OWN_UNIT } from '../units';
import { SCOPE_ALL, SCOPE_OWN } from '../../domain/units';

/** How many entries a distribution list names in a sentence (the rest stay in the attachment's tables). */
export const LIST_TOP = 5;

export interface ReportData {
  year: number;
  values: ReportValues;
  metrics: MetricsResult;
  materials: Map<string, string>;
  /**
   * issue 20: once units' packages have come in, the figures of 本级 and of each unit directly below it (the
   * annex's per-unit tables); absent before (the report is then exactly what it was).
   */
  units?: { name: string; metrics: MetricsResult }[];
}

export function materialsOf(core: Core, year: number): Map<string, string> {
  const rows = core.db.prepare('SELECT name, content FROM materials WHERE year = ?').all(year) as { name: string; content: string }[];
  return new Map(rows.map((r) => [r.name, r.content]));
}

/**
 * The report speaks for the government: its figures are the whole tree's (全部: the own unit's rows and those of
 * every unit whose 数据包 has come in — the same rows as 本级 until one has). A placeholder can name a scope:
 * `全部.行政应诉.出庭率`, `本级.行政应诉.出庭率` (also `本级.上年.…`, `本级.同比.…`).
 */
export function reportData(core: Core, year: number, date?: string): ReportData {
  const metrics = yearMetrics(core, year, SCOPE_ALL);
  const received = hasReceived(core.db);
  const own = received ? yearMetrics(core, year, SCOPE_OWN) : metrics;
  // no prototype: a template's {{constructor}} or {{__proto__}} finds nothing (domain/report.ts reportValue)
  const values: ReportValues = emptyValues();
  const put = (prefix: string, m: MetricsResult) => {
    for (const [key, v] of Object.entries(m.values)) {
      values[`${prefix}${key}`] = key.startsWith('同比.') ? { text: changeInWords(v.text), figure: v.value } : { text: v.text, figure: v.value };
    }
  };
  put('', metrics);
  put(`${SCOPE_ALL}.`, metrics);
  put(`${SCOPE_OWN}.`, own);
  const units = received
    ? [
        { name: SCOPE_OWN, metrics: own },
        ...listUnits(core.db)
          .filter((u) => u.parentId === OWN_UNIT)
          .map((u) => ({ name: u.name, metrics: yearMetrics(core, year, String(u.id)) })),
      ]
    : undefined;
  for (const d of metrics.distributions) {
    const rows = d.rows.filter((r) => r.name !== '未填写');
    const unit = METRIC_BY_KEY.get(d.key)?.unit ?? '件';
    values[`分布.${d.key}`] = {
      text: rows.slice(0, LIST_TOP).map((r) => `${r.name}${r.count}${unit}`).join('、'),
      figure: rows.reduce((s, r) => s + r.count, 0),
    };
  }
  const materials = materialsOf(core, year);
  for (const name of new Set([...BUILTIN_MATERIALS, ...materials.keys()])) values[`素材.${name}`] = { text: materials.get(name) ?? '' };
  values['单位名称'] = { text: core.settings.单位名称 || '（单位名称）' };
  values['主送机关'] = { text: core.settings.主送机关 };
  values['年度'] = { text: String(year) };
  values['下一年度'] = { text: String(year + 1) };
  values['成文日期'] = { text: chineseDate(date ?? localDate(core.now())) };
  return { year, values, metrics, materials, ...(units ? { units } : {}) };
}

/**
 * 同比 as a sentence says it: 增加5件, 减少1.5个百分点, 持平 (the tables keep the signs: +5件, −1.5个百分点).
 */
export function changeInWords(text: string): string {
  if (text.startsWith('+')) return `增加${text.slice(1)}`;
  if (text.startsWith('−') || text.startsWith('-')) return `减少${text.slice(1)}`;
  return text;
}
