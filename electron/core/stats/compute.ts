// The metric catalogue of DOMAIN.md §8, computed from the ledgers of one year.
// One aggregate pass per ledger table (conditional sums over the rows whose relevant dates fall in the year),
// plus the few figures that need the holiday calendar or a year-end snapshot.

import type { HolidayCalendar } from '../../domain/calendar';
import {
  BUILTIN_INDICATORS,
  formatChange,
  formatMetric,
  indicatorFormat,
  METRICS,
  metricValue,
  type Distribution,
  type MetricsResult,
  type MetricValue,
} from '../../domain/metrics';
import type { Settings } from '../../domain/settings';
import type { Db } from '../db/connection';

const live = 'deleted_at IS NULL';
const inY = (col: string) => `"${col}" BETWEEN @s AND @e`;
const cnt = (cond: string) => `coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
const sumOf = (col: string, cond: string) => `coalesce(sum(CASE WHEN ${cond} THEN "${col}" END), 0)`;

type Raw = Record<string, number | null>;

/**
 * Conditional sums over the rows whose `date` column falls in the year: one indexed range scan per date column
 * (the partial indexes `WHERE deleted_at IS NULL` serve exactly this), instead of a scan of the whole table.
 */
function aggregate(db: Db, table: string, date: string, cols: Record<string, string>, params: object): Raw {
  const select = Object.entries(cols)
    .map(([name, expr]) => `${expr} AS "${name}"`)
    .join(',\n  ');
  return db.prepare(`SELECT\n  ${select}\nFROM ${table} WHERE ${live} AND ${inY(date)}`).get(params) as Raw;
}

/**
 * Rows received by year end and not closed by then. Two index lookups on 结案/审结日期 (still open, or closed
 * after the year), rather than a range over every row received since the ledger began.
 */
function openAtYearEnd(db: Db, table: string, extra: string, p: YearParams): number {
  const q = (closed: string) =>
    db.prepare(`SELECT count(*) FROM ${table} WHERE ${live} AND ${closed} AND "receivedOn" <= @e AND ${extra}`).pluck().get(p) as number;
  return q('"closedOn" IS NULL') + q('"closedOn" > @e');
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function normativeFigures(db: Db, p: YearParams, calendar: HolidayCalendar, settings: Settings): Raw {
  const review = `"reviewType" = '合法性审核'`;
  const filing = `"reviewType" = '备案审查'`;
  const r: Raw = {
    ...aggregate(db, 'normative', 'receivedOn', {
      审核件数: cnt(review),
      审核意见条数: sumOf('opinions', review),
      采纳条数: sumOf('adopted', review),
      不同意件数: cnt(`${review} AND "conclusion" IN ('不同意', '建议不制定')`),
      备案审查件数: cnt(filing),
      纠正件数: cnt(`${filing} AND "conclusion" IN ('要求纠正', '建议撤销')`),
    }, p),
    ...aggregate(db, 'normative', 'publishedOn', { 登记发布件数: cnt(`coalesce("regNo", '') <> ''`) }, p),
    // filed with either body in the year, each row once: two index range scans
    报备件数:
      (aggregate(db, 'normative', 'filedGovOn', { n: 'count(*)' }, p).n ?? 0) +
      (aggregate(db, 'normative', 'filedCongressOn', { n: `count(CASE WHEN "filedGovOn" IS NULL OR "filedGovOn" NOT BETWEEN @s AND @e THEN 1 END)` }, p).n ?? 0),
    ...aggregate(db, 'normative', 'cleanupOn', {
      清理保留件数: cnt(`"status" = '有效'`),
      清理修改件数: cnt(`"status" = '已修改'`),
      清理废止件数: cnt(`"status" = '已废止'`),
      清理失效件数: cnt(`"status" IN ('宣布失效', '到期失效')`),
    }, p),
    ...aggregate(db, 'normative', 'completedOn', { 超期件数: cnt(`"dueOn" IS NOT NULL AND "completedOn" > "dueOn"`) }, p),
  };
  // 按时报备率: the earliest filing date within the filing period (a calendar-day period, rolled past holidays).
  const published = db
    .prepare(`SELECT "publishedOn" AS p, "filedGovOn" AS g, "filedCongressOn" AS c FROM normative WHERE ${live} AND ${inY('publishedOn')}`)
    .all(p) as { p: string; g: string | null; c: string | null }[];
  let onTime = 0;
  for (const row of published) {
    const filed = [row.g, row.c].filter((d): d is string => !!d).sort()[0];
    if (filed && filed <= calendar.addCalendarDays(row.p, settings['normative.filingDays'])) onTime++;
  }
  r.按时报备率 = ratio(onTime, published.length);
  return r;
}

function decisionFigures(db: Db, p: YearParams): Raw {
  return aggregate(db, 'decision', 'receivedOn', {
    审查件数: 'count(*)',
    目录事项数: cnt('"inCatalog" = 1'),
    意见条数: sumOf('opinions', '1'),
    公众参与件数: cnt('"publicParticipation" = 1'),
    专家论证件数: cnt('"expertReview" = 1'),
    风险评估件数: cnt('"riskAssessment" = 1'),
    听证件数: cnt('"hearing" = 1'),
  }, p);
}

function contractFigures(db: Db, p: YearParams): Raw {
  return {
    ...aggregate(db, 'contract', 'receivedOn', {
      审查件数: 'count(*)',
      意见条数: sumOf('opinions', '1'),
      采纳条数: sumOf('adopted', '1'),
      重大合同件数: cnt('"major" = 1'),
      标的总额: sumOf('amount', '1'),
    }, p),
    ...aggregate(db, 'contract', 'completedOn', { 超期件数: cnt(`"dueOn" IS NOT NULL AND "completedOn" > "dueOn"`) }, p),
  };
}

function reconsiderationFigures(db: Db, p: YearParams, settings: Settings): Raw {
  const by = (...d: string[]) => cnt(`"disposition" IN (${d.map((x) => `'${x}'`).join(', ')})`);
  const corrected = `("disposition" IN ('变更', '撤销', '确认违法', '确认无效', '责令履行')${
    settings['reconsideration.correctionScope'] === '综合' ? ` OR ("disposition" = '终止(撤回)' AND "selfCorrected" = 1)` : ''
  })`;
  const settled = `"disposition" IN ('调解', '终止(撤回)')`;
  const r: Raw = {
    ...aggregate(db, 'reconsideration', 'receivedOn', {
      收案数: 'count(*)',
      不予受理数: cnt(`"intake" = '不予受理'`),
      涉企收案数: cnt('"enterprise" = 1'),
    }, p),
    ...aggregate(db, 'reconsideration', 'acceptedOn', {
      受理数: 'count(*)',
      听证数: cnt('"hearing" = 1'),
      简易程序数: cnt(`"procedure" = '简易程序'`),
    }, p),
    ...aggregate(db, 'reconsideration', 'closedOn', {
      审结数: 'count(*)',
      维持数: by('维持'),
      驳回数: by('驳回复议请求', '驳回申请'),
      变更数: by('变更'),
      撤销数: by('撤销'),
      确认违法数: by('确认违法'),
      确认无效数: by('确认无效'),
      责令履行数: by('责令履行'),
      调解数: by('调解'),
      撤回数: by('终止(撤回)'),
      终止数: by('终止(其他)'),
      纠错数: cnt(corrected),
      调撤数: cnt(settled),
      涉企审结数: cnt('"enterprise" = 1'),
      涉企调撤数: cnt(`"enterprise" = 1 AND ${settled}`),
      决定书公开数: cnt('"published" = 1'),
      意见书数: cnt('"opinionLetter" = 1'),
      超期数: cnt(`"decisionDueOn" IS NOT NULL AND "closedOn" > "decisionDueOn"`),
    }, p),
  };
  // Open at year end: received and accepted by then, not closed by then.
  r.在办数 = openAtYearEnd(db, 'reconsideration', `("acceptedOn" <= @e OR ("acceptedOn" IS NULL AND "intake" = '受理'))`, p);
  const base = settings['reconsideration.correctionBase'] === '审结数减调撤数' ? r.审结数! - r.调撤数! : r.审结数!;
  r.纠错率 = ratio(r.纠错数!, base);
  r.调撤率 = ratio(r.调撤数!, r.审结数!);
  r.涉企调撤率 = ratio(r.涉企调撤数!, r.涉企审结数!);
  return r;
}

function litigationFigures(db: Db, p: YearParams, settings: Settings): Raw {
  const r: Raw = {
    ...aggregate(db, 'litigation', 'receivedOn', {
      收案数: 'count(*)',
      一审收案数: cnt(`"instance" = '一审'`),
      二审收案数: cnt(`"instance" = '二审'`),
      再审收案数: cnt(`"instance" = '再审'`),
      开庭案件数: cnt('"hearings" > 0'),
      开庭次数: sumOf('hearings', '1'),
      负责人出庭件数: cnt('"headHearings" > 0'),
      负责人出庭次数: sumOf('headHearings', '1'),
    }, p),
    ...aggregate(db, 'litigation', 'closedOn', {
      结案数: 'count(*)',
      判决数: cnt(`"closure" = '判决'`),
      败诉数: cnt('"lost" = 1'),
      司法建议数: cnt('"judicialSuggestion" = 1'),
      检察建议数: cnt('"procuratorSuggestion" = 1'),
    }, p),
  };
  r.在办数 = openAtYearEnd(db, 'litigation', '1', p);
  r.败诉率 = ratio(r.败诉数!, settings['litigation.lossBase'] === '判决数' ? r.判决数! : r.结案数!);
  const base = settings['litigation.appearanceBase'];
  r.出庭率 =
    base === '开庭次数' ? ratio(r.负责人出庭次数!, r.开庭次数!)
    : base === '开庭案件' ? ratio(r.负责人出庭件数!, r.开庭案件数!)
    : ratio(r.负责人出庭件数!, r.收案数!);
  return r;
}

function casefileFigures(db: Db, p: YearParams): Raw {
  const r = aggregate(db, 'casefile', 'reviewedOn', {
    案卷数: 'count(*)',
    单位数: 'count(DISTINCT "unit")',
    优秀数: cnt(`"grade" = '优秀'`),
    合格数: cnt(`"grade" = '合格'`),
    不合格数: cnt(`"grade" = '不合格'`),
    优秀案卷数: cnt('"model" = 1'),
    问题条数: sumOf('issues', '1'),
    平均分: 'avg("score")',
    有问题数: cnt('"issues" > 0'),
    整改完成数: cnt('"issues" > 0 AND "rectifiedOn" IS NOT NULL'),
  }, p);
  r.合格率 = ratio(r.优秀数! + r.合格数!, r.案卷数!);
  r.整改完成率 = ratio(r.整改完成数!, r.有问题数!);
  return r;
}

interface YearParams {
  s: string;
  e: string;
}

/** Every §8 metric of one year as raw numbers (rates as fractions), keyed by metric key. */
export function rawMetrics(db: Db, year: number, settings: Settings, calendar: HolidayCalendar): Map<string, number | null> {
  const p: YearParams = { s: `${year}-01-01`, e: `${year}-12-31` };
  const groups: [string, Raw][] = [
    ['规范性文件', normativeFigures(db, p, calendar, settings)],
    ['重大决策', decisionFigures(db, p)],
    ['合同', contractFigures(db, p)],
    ['行政复议', reconsiderationFigures(db, p, settings)],
    ['行政应诉', litigationFigures(db, p, settings)],
    ['案卷评查', casefileFigures(db, p)],
  ];
  const flat = new Map<string, number | null>();
  for (const [g, raw] of groups) for (const [k, v] of Object.entries(raw)) flat.set(`${g}.${k}`, v);
  flat.set('行政复议.复议诉讼收案比', ratio(flat.get('行政复议.收案数')!, flat.get('行政应诉.一审收案数')!));
  return new Map(METRICS.map((m) => [m.key, flat.get(m.key) ?? null]));
}

const DISTRIBUTIONS: { key: string; label: string; basis: string; table: string; col: string; date: string }[] = [
  { key: '行政复议.行为类别', label: '行政复议案件行为类别分布', basis: '行政复议收案', table: 'reconsideration', col: 'actType', date: 'receivedOn' },
  { key: '行政复议.行政管理领域', label: '行政复议案件行政管理领域分布', basis: '行政复议收案', table: 'reconsideration', col: 'field', date: 'receivedOn' },
  { key: '行政复议.被申请人类型', label: '行政复议案件被申请人类型分布', basis: '行政复议收案', table: 'reconsideration', col: 'respondentType', date: 'receivedOn' },
  { key: '行政应诉.行为类别', label: '行政应诉案件行为类别分布', basis: '行政应诉收案', table: 'litigation', col: 'actType', date: 'receivedOn' },
  { key: '行政应诉.行政管理领域', label: '行政应诉案件行政管理领域分布', basis: '行政应诉收案', table: 'litigation', col: 'field', date: 'receivedOn' },
  { key: '案卷评查.案卷类型', label: '评查案卷类型分布', basis: '评查案卷', table: 'casefile', col: 'fileType', date: 'reviewedOn' },
  { key: '案卷评查.被评查单位', label: '被评查单位案卷分布', basis: '评查案卷', table: 'casefile', col: 'unit', date: 'reviewedOn' },
];

export const DISTRIBUTION_KEYS = DISTRIBUTIONS.map((d) => d.key);

export function distributions(db: Db, year: number): Distribution[] {
  const p = { s: `${year}-01-01`, e: `${year}-12-31` };
  return DISTRIBUTIONS.map((d) => ({
    key: d.key,
    label: d.label,
    basis: d.basis,
    rows: (
      db
        .prepare(
          `SELECT coalesce(nullif("${d.col}", ''), '未填写') AS name, count(*) AS count FROM ${d.table}
           WHERE ${live} AND ${inY(d.date)} GROUP BY 1 ORDER BY 2 DESC, 1`,
        )
        .all(p) as { name: string; count: number }[]
    ),
  }));
}

export function indicatorValues(db: Db, year: number): Map<string, number> {
  const rows = db.prepare('SELECT name, value FROM indicators WHERE year = ?').all(year) as { name: string; value: number }[];
  return new Map(rows.map((r) => [r.name, r.value]));
}

/** The whole catalogue of a year: values, 上年, 同比, indicators and distributions, formatted. */
export function computeMetrics(db: Db, year: number, settings: Settings, calendar: HolidayCalendar): MetricsResult {
  const cur = rawMetrics(db, year, settings, calendar);
  const prev = rawMetrics(db, year - 1, settings, calendar);
  const values: Record<string, MetricValue> = {};
  const put = (key: string, format: Parameters<typeof formatMetric>[0], unit: string, a: number | null, b: number | null) => {
    values[key] = { value: metricValue(format, a), text: formatMetric(format, a) };
    values[`上年.${key}`] = { value: metricValue(format, b), text: formatMetric(format, b) };
    values[`同比.${key}`] = formatChange({ format, unit: unit as never }, a, b);
  };
  for (const m of METRICS) put(m.key, m.format, m.unit, cur.get(m.key) ?? null, prev.get(m.key) ?? null);
  const ic = indicatorValues(db, year);
  const ip = indicatorValues(db, year - 1);
  const names = [...new Set([...BUILTIN_INDICATORS, ...ic.keys(), ...ip.keys()])];
  for (const n of names) {
    const f = indicatorFormat(n);
    put(`指标.${n}`, f, f === 'money' ? '万元' : '', ic.get(n) ?? null, ip.get(n) ?? null);
  }
  return { year, values, distributions: distributions(db, year), previousDistributions: distributions(db, year - 1) };
}
