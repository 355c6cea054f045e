// Every value a report template can use, for one year: the metric catalogue with 上年 and 同比, the annual
// indicators, the material texts, the distributions as lists, and the office's own names and dates.

import { BUILTIN_MATERIALS, METRIC_BY_KEY, type MetricsResult } from '../../domain/metrics';
import { chineseDate, emptyValues, type ReportValues } from '../../domain/report';
import { localDate, type Core } from '../core';
import { yearMetrics } from '../stats/stats-host';
import { hasReceived, listUnits, OWN_UNIT } from '../units';
import { formatMetric } from '../../domain/metrics';
import { SCOPE_ALL, SCOPE_OWN } from '../../domain/units';

/** How many entries a distribution list names in a sentence (the rest stay in the attachment's tables). */
export const LIST_TOP = 5;

export interface ReportData {
  year: number;
  values: ReportValues;
  metrics: MetricsResult;
  materials: Map<string, string>;
  /**
   * issue 20: once units' packages have come in, the rows of the annex's per-unit tables (本级 and each unit
   * directly below it, with the units below that); absent before (the report is then exactly what it was).
   */
  units?: UnitFigures[];
}

export function materialsOf(core: Core, year: number): Map<string, string> {
  const rows = core.db.prepare('SELECT name, content FROM materials WHERE year = ?').all(year) as { name: string; content: string }[];
  return new Map(rows.map((r) => [r.name, r.content]));
}

/**
 * The report speaks for the government: its figures are the whole tree's (全部: the own unit's rows and those of
 * every unit whose 数据包 has come in — the same rows as 本级 until one has). A placeholder can name a scope:
 * `全部.行政应诉.出庭率`, `本级.行政应诉.出庭率` (also `本级.上年.…`, `本级.同比.…`).
 * `scope` (the CLI's `report --scope`): which rows the plain keys and the lists count — 全部 by default, 本级, or a
 * unit (with the units below it); the 全部./本级. keys stay what they say.
 */
export function reportData(core: Core, year: number, date?: string, scope: string = SCOPE_ALL): ReportData {
  const all = yearMetrics(core, year, SCOPE_ALL);
  const received = hasReceived(core.db);
  const own = received ? yearMetrics(core, year, SCOPE_OWN) : all;
  const metrics = scope === SCOPE_ALL ? all : scope === SCOPE_OWN ? own : yearMetrics(core, year, scope);
  // no prototype: a template's {{constructor}} or {{__proto__}} finds nothing (domain/report.ts reportValue)
  const values: ReportValues = emptyValues();
  const put = (prefix: string, m: MetricsResult) => {
    for (const [key, v] of Object.entries(m.values)) {
      values[`${prefix}${key}`] = key.startsWith('同比.') ? { text: changeInWords(v.text), figure: v.value } : { text: v.text, figure: v.value };
    }
  };
  put('', metrics);
  put(`${SCOPE_ALL}.`, all);
  put(`${SCOPE_OWN}.`, own);
  const units = received ? unitFigures(core, year) : undefined;
  for (const d of metrics.distributions) {
    const rows = d.rows.filter((r) => r.name !== '未填写');
    const unit = METRIC_BY_KEY.get(d.key)?.unit ?? '件';
    values[`分布.${d.key}`] = {
      text: rows
        .slice(0, LIST_TOP)
        .map((r) => `${r.name}${r.count}${unit}`)
        .join('、'),
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

/** One row of the annex's per-unit tables: the unit and its figures as formatted texts, keyed by metric key. */
export interface UnitFigures {
  name: string;
  text: Record<string, string>;
}

/**
 * The per-unit figures of the annex (各单位应诉案件和负责人出庭情况, 各单位案卷评查情况): three GROUP BY unit_id
 * statements over the year's rows, summed per unit directly below the own one (with the units below it), rather
 * than the whole catalogue once per unit (20 counties: 20 × the statistics). The same definitions as §8:
 * 收案 by 收案日期, 败诉 by 结案日期, the 出庭率 on the base the settings choose; 案卷 by 评查日期.
 */
export function unitFigures(core: Core, year: number): UnitFigures[] {
  const db = core.db;
  const p = { s: `${year}-01-01`, e: `${year}-12-31` };
  type Sum = Record<string, number>;
  const by = new Map<number, Sum>();
  const add = (unit: number, r: Sum) => {
    const cur = by.get(unit) ?? {};
    for (const [k, v] of Object.entries(r)) if (k !== 'unit_id') cur[k] = (cur[k] ?? 0) + (v ?? 0);
    by.set(unit, cur);
  };
  const q = (sql: string) => (db.prepare(sql).all(p) as Sum[]).forEach((r) => add(r.unit_id, r));
  q(`SELECT unit_id, count(*) AS 收案数, count(*) FILTER (WHERE "headHearings" > 0) AS 负责人出庭件数, count(*) FILTER (WHERE "hearings" > 0) AS 开庭案件数,
       coalesce(sum("hearings"), 0) AS 开庭次数, coalesce(sum("headHearings"), 0) AS 负责人出庭次数
     FROM litigation WHERE deleted_at IS NULL AND "receivedOn" BETWEEN @s AND @e GROUP BY unit_id`);
  q(`SELECT unit_id, count(*) FILTER (WHERE "lost" = 1) AS 败诉数 FROM litigation WHERE deleted_at IS NULL AND "closedOn" BETWEEN @s AND @e GROUP BY unit_id`);
  q(`SELECT unit_id, count(*) AS 案卷数, count(*) FILTER (WHERE "grade" = '优秀') AS 优秀数, count(*) FILTER (WHERE "grade" = '合格') AS 合格数,
       count(*) FILTER (WHERE "grade" = '不合格') AS 不合格数, coalesce(sum("score"), 0) AS 总分, count("score") AS 有分数
     FROM casefile WHERE deleted_at IS NULL AND "reviewedOn" BETWEEN @s AND @e GROUP BY unit_id`);
  const units = listUnits(db);
  const rows: { name: string; ids: Set<number> }[] = [
    { name: SCOPE_OWN, ids: new Set([OWN_UNIT]) },
    ...units
      .filter((u) => u.parentId === OWN_UNIT)
      .map((u) => ({ name: u.name, ids: new Set(units.filter((x) => x.path.startsWith(u.path)).map((x) => x.id)) })),
  ];
  const base = core.settings['litigation.appearanceBase'];
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return rows.map(({ name, ids }) => {
    const t: Sum = {};
    for (const id of ids) for (const [k, v] of Object.entries(by.get(id) ?? {})) t[k] = (t[k] ?? 0) + v;
    const n = (k: string) => t[k] ?? 0;
    const appearance =
      base === '开庭次数'
        ? ratio(n('负责人出庭次数'), n('开庭次数'))
        : base === '开庭案件'
          ? ratio(n('负责人出庭件数'), n('开庭案件数'))
          : ratio(n('负责人出庭件数'), n('收案数'));
    return {
      name,
      text: {
        '行政应诉.收案数': formatMetric('count', n('收案数')),
        '行政应诉.负责人出庭件数': formatMetric('count', n('负责人出庭件数')),
        '行政应诉.出庭率': formatMetric('rate', appearance),
        '行政应诉.败诉数': formatMetric('count', n('败诉数')),
        '案卷评查.案卷数': formatMetric('count', n('案卷数')),
        '案卷评查.优秀数': formatMetric('count', n('优秀数')),
        '案卷评查.合格数': formatMetric('count', n('合格数')),
        '案卷评查.不合格数': formatMetric('count', n('不合格数')),
        '案卷评查.合格率': formatMetric('rate', ratio(n('优秀数') + n('合格数'), n('案卷数'))),
        '案卷评查.平均分': formatMetric('score', ratio(n('总分'), n('有分数'))),
      },
    };
  });
}
