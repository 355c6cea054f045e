// The metric catalogue of DOMAIN.md §8, computed from the ledgers of one year and the year before.
// One aggregate pass per ledger table and date (conditional counts over the rows whose date falls in the year,
// read from the covering date indexes of migration 2), plus the few figures that need the holiday calendar or a
// year-end snapshot. The distributions of a table come from one GROUP BY over all its distribution columns
// (one sort of the year's rows instead of one per column), tallied per column here.
//
// The two years are not read in one pass per statement: at 1,000,000 rows a range over both with each figure
// filtered by year (every condition evaluated twice per row) took 2.5× as long as two ranges for the 案卷评查
// aggregate, and a GROUP BY with the year in the key ~15% longer than two sorts (SQLite has no hash aggregate).
// What the two years do share is the year-end snapshot: the rows still open at either year end are read once for
// both (openAtYearEnds).

import type { Statement } from 'better-sqlite3';
import type { HolidayCalendar } from '../../domain/calendar';
import {
  BUILTIN_INDICATORS,
  formatChange,
  formatMetric,
  indicatorFormat,
  ALL_METRICS,
  metricValue,
  type Distribution,
  type MetricsResult,
  type MetricValue,
} from '../../domain/metrics';
import type { LedgerKind } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import { CLEANUP_OUTCOMES, CLEANUP_TYPES, filingDueOf } from '../../domain/ledgers/normative';
import { corrected as correctedRule, openAtEnd, settled as settledRule } from '../../domain/rules';
import type { Settings } from '../../domain/settings';
import type { Db } from '../db/connection';

/**
 * The rows a computation reads (issue 20): a scope resolved by core/units.ts resolveScope. `rows` is the
 * condition added to every ledger statement ('' = every row: the statements of a file without received
 * packages are exactly what they were); `ownIndicators`/`unitIndicators`: whose 年度指标 are summed.
 */
export interface StatsScope {
  rows: string;
  ownIndicators: boolean;
  /** condition on unit_indicators ('' = all of them), null for none */
  unitIndicators: string | null;
}
export const ALL_ROWS: StatsScope = { rows: '', ownIndicators: true, unitIndicators: '' };

/** The scope of the computation running now (set by yearFigures/computeMetrics for their duration; all synchronous). */
let current: StatsScope = ALL_ROWS;
function withScope<T>(scope: StatsScope, fn: () => T): T {
  const before = current;
  current = scope;
  try {
    return fn();
  } finally {
    current = before;
  }
}
const live = () => `deleted_at IS NULL${current.rows}`;
const inY = (col: string) => `"${col}" BETWEEN @s AND @e`;
// FILTER rather than sum(CASE …): the same figures, about a third less work per row in SQLite.
const cnt = (cond: string) => `count(*) FILTER (WHERE ${cond})`;
const sumOf = (col: string, cond?: string) => `coalesce(sum("${col}")${cond ? ` FILTER (WHERE ${cond})` : ''}, 0)`;

type Raw = Record<string, number | null>;

/** Statements prepared once per connection: the catalogue runs the same ~60 statements on every call. */
const statements = new WeakMap<Db, Map<string, Statement>>();
function stmt(db: Db, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/**
 * Conditional sums over the rows whose `date` column falls in the year: one indexed range scan per date column
 * (the partial indexes `WHERE deleted_at IS NULL` serve exactly this), instead of a scan of the whole table.
 */
function aggregate(db: Db, table: string, date: string, cols: Record<string, string>, params: object): Raw {
  const select = Object.entries(cols)
    .map(([name, expr]) => `${expr} AS "${name}"`)
    .join(',\n  ');
  return stmt(db, `SELECT\n  ${select}\nFROM ${table} WHERE ${live()} AND ${inY(date)}`).get(params) as Raw;
}

/**
 * Rows received by year end and not closed by then. Two index lookups on 结案/审结日期 (still open, or closed
 * after the year), rather than a range over every row received since the ledger began. `extra(end)`: a further
 * condition on the row as it stood at that year end.
 */
function openAtYearEnd(db: Db, table: string, extra: (end: string) => string, p: YearParams): number {
  const q = (closed: string) =>
    stmt(db, `SELECT count(*) FROM ${table} WHERE ${live()} AND ${closed} AND "receivedOn" <= @e AND ${extra('@e')}`)
      .pluck()
      .get(p) as number;
  return q('"closedOn" IS NULL') + q('"closedOn" > @e');
}

/** Open at the end of the year before (@pe), among rows closed after it: counted where such rows are read anyway. */
const openAtPrevEnd = (extra: (end: string) => string) => cnt(`"receivedOn" <= @pe AND ${extra('@pe')}`);

/**
 * 在办数 at the end of the year and of the year before, read together. The rows still open, and those closed after
 * the year, are read once with both years' conditions; a row open at the end of the year before but closed after it
 * is closed either in the year — `closedInYear`, counted by the year's 审结 aggregate (openAtPrevEnd) — or after
 * the year, or (not a date) between the two year ends. Only for adjacent years (`prev.e` < `cur.s`, as for every
 * year of four digits); otherwise each year on its own.
 */
function openAtYearEnds(
  db: Db,
  table: string,
  extra: (end: string) => string,
  cur: YearParams,
  prev: YearParams,
  closedInYear: number | null | undefined,
): [number, number] {
  if (!(prev.e < cur.s && cur.s <= cur.e) || closedInYear == null) {
    return [openAtYearEnd(db, table, extra, cur), openAtYearEnd(db, table, extra, prev)];
  }
  const p = { ...cur, pe: prev.e };
  const both = (closed: string) =>
    stmt(db, `SELECT ${cnt(extra('@e'))}, ${openAtPrevEnd(extra)} FROM ${table} WHERE ${live()} AND ${closed} AND "receivedOn" <= @e`)
      .raw()
      .get(p) as [number, number];
  const [stillOpen, stillOpenPrev] = both('"closedOn" IS NULL');
  const [closedAfter, closedAfterPrev] = both('"closedOn" > @e');
  const between = stmt(db, `SELECT count(*) FROM ${table} WHERE ${live()} AND "closedOn" > @pe AND "closedOn" < @s AND "receivedOn" <= @pe AND ${extra('@pe')}`)
    .pluck()
    .get(p) as number;
  return [stillOpen + closedAfter, stillOpenPrev + closedAfterPrev + between + closedInYear];
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function normativeFigures(db: Db, p: YearParams, calendar: HolidayCalendar, settings: Settings): Raw {
  const review = `"reviewType" = '合法性审核'`;
  const filing = `"reviewType" = '备案审查'`;
  const r: Raw = {
    ...aggregate(
      db,
      'normative',
      'receivedOn',
      {
        审核件数: cnt(review),
        审核意见条数: sumOf('opinions', review),
        采纳条数: sumOf('adopted', review),
        不同意件数: cnt(`${review} AND "conclusion" IN ('不同意', '建议不制定')`),
        备案审查件数: cnt(filing),
        纠正件数: cnt(`${filing} AND "conclusion" IN ('要求纠正', '建议撤销')`),
      },
      p,
    ),
    // filed with either body in the year, each row once: two index range scans
    报备件数:
      (aggregate(db, 'normative', 'filedGovOn', { n: 'count(*)' }, p).n ?? 0) +
      (aggregate(db, 'normative', 'filedCongressOn', { n: cnt(`"filedGovOn" IS NULL OR "filedGovOn" NOT BETWEEN @s AND @e`) }, p).n ?? 0),
    ...aggregate(
      db,
      'normative',
      'cleanupOn',
      {
        清理保留件数: cnt(`"status" = '有效'`),
        清理修改件数: cnt(`"status" = '已修改'`),
        清理废止件数: cnt(`"status" = '已废止'`),
        清理失效件数: cnt(`"status" IN ('宣布失效', '到期失效')`),
        // per 清理类型 (DOMAIN §12), in the same pass over the year's 清理日期 index
        ...Object.fromEntries(
          CLEANUP_TYPES.flatMap((t) =>
            CLEANUP_OUTCOMES.map((o) => [`清理.${t}.${o.name}`, cnt(`"cleanupType" = '${t}' AND "status" IN (${o.statuses.map((x) => `'${x}'`).join(', ')})`)]),
          ),
        ),
      },
      p,
    ),
    ...aggregate(db, 'normative', 'completedOn', { 超期件数: cnt(`"dueOn" IS NOT NULL AND "completedOn" > "dueOn"`) }, p),
  };
  // The year's publications per day, in index order (no sort): a few hundred days at most.
  const days = stmt(
    db,
    `SELECT "publishedOn", count(*), ${cnt(`coalesce("regNo", '') <> ''`)} FROM normative WHERE ${live()} AND ${inY('publishedOn')} GROUP BY "publishedOn"`,
  )
    .raw()
    .all(p) as [string, number, number][];
  let published = 0;
  let registered = 0;
  for (const [, n, reg] of days) {
    published += n;
    registered += reg;
  }
  r.登记发布件数 = registered;
  r.按时报备率 = ratio(days.length ? onTimeFilings(db, days, calendar, settings) : 0, published);
  return r;
}

/**
 * 按时报备率's numerator: publications whose earliest filing date (with either body) is within the filing period — a
 * calendar-day period from publication, rolled past holidays. The period's end is worked out once per publication
 * day here, passed as a JSON object {day: end}, and the rows are compared with it in SQL, one index lookup per day,
 * rather than read out one by one. A row is on time when either of its non-empty filing dates is no later than the
 * end, i.e. when the earlier one is (the ends are ASCII dates, for which SQLite's byte order and JavaScript's
 * UTF-16 order agree whatever the other string).
 */
function onTimeFilings(db: Db, days: [string, ...unknown[]][], calendar: HolidayCalendar, settings: Settings): number {
  const ends = `{${days.map(([pub]) => `${JSON.stringify(pub)}:${JSON.stringify(filingDueOf(pub, calendar, settings))}`).join(',')}}`;
  return stmt(
    db,
    // CROSS JOIN: the days outside, each one an index lookup, whatever the planner would guess
    `SELECT count(*) FROM json_each(@ends) AS d CROSS JOIN normative AS n
     WHERE n."publishedOn" = d.key AND n.deleted_at IS NULL${current.rows.replace(/unit_id/g, 'n.unit_id')} AND (nullif(n."filedGovOn", '') <= d.value OR nullif(n."filedCongressOn", '') <= d.value)`,
  )
    .pluck()
    .get({ ends }) as number;
}

function decisionFigures(db: Db, p: YearParams): Raw {
  return aggregate(
    db,
    'decision',
    'receivedOn',
    {
      审查件数: 'count(*)',
      目录事项数: cnt('"inCatalog" = 1'),
      意见条数: sumOf('opinions'),
      公众参与件数: cnt('"publicParticipation" = 1'),
      专家论证件数: cnt('"expertReview" = 1'),
      风险评估件数: cnt('"riskAssessment" = 1'),
      听证件数: cnt('"hearing" = 1'),
    },
    p,
  );
}

function contractFigures(db: Db, p: YearParams): Raw {
  return {
    ...aggregate(
      db,
      'contract',
      'receivedOn',
      {
        审查件数: 'count(*)',
        意见条数: sumOf('opinions'),
        采纳条数: sumOf('adopted'),
        重大合同件数: cnt('"major" = 1'),
        标的总额: sumOf('amount'),
      },
      p,
    ),
    ...aggregate(db, 'contract', 'completedOn', { 超期件数: cnt(`"dueOn" IS NOT NULL AND "completedOn" > "dueOn"`) }, p),
  };
}

/** Open at a year end (domain/rules.ts): received and not closed by then (checked by the callers) and accepted by then. */
const reconsiderationOpen = openAtEnd.reconsideration.accepted.sql;
const litigationOpen = openAtEnd.litigation.accepted.sql;

/** Raw figures the two years share, not metrics themselves. */
const OPEN_AT_PREV_END = '上年末在办且本年审结数';

/**
 * `prevEnd`: the end of the year before, when this year's 审结 rows also count those still open then (for
 * openAtYearEnds: OPEN_AT_PREV_END). 在办数 is filled in by the caller.
 */
function reconsiderationFigures(db: Db, p: YearParams, settings: Settings, prevEnd?: string): Raw {
  const by = (...d: string[]) => cnt(`"disposition" IN (${d.map((x) => `'${x}'`).join(', ')})`);
  const corrected = correctedRule.sql(settings['reconsideration.correctionScope']);
  const settled = settledRule.sql();
  const r: Raw = {
    ...aggregate(
      db,
      'reconsideration',
      'receivedOn',
      {
        收案数: 'count(*)',
        不予受理数: cnt(`"intake" = '不予受理'`),
        涉企收案数: cnt('"enterprise" = 1'),
      },
      p,
    ),
    ...aggregate(
      db,
      'reconsideration',
      'acceptedOn',
      {
        受理数: 'count(*)',
        听证数: cnt('"hearing" = 1'),
        简易程序数: cnt(`"procedure" = '简易程序'`),
      },
      p,
    ),
    ...aggregate(
      db,
      'reconsideration',
      'closedOn',
      {
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
        ...(prevEnd === undefined ? {} : { [OPEN_AT_PREV_END]: openAtPrevEnd(reconsiderationOpen) }),
      },
      prevEnd === undefined ? p : { ...p, pe: prevEnd },
    ),
  };
  const base = settings['reconsideration.correctionBase'] === '审结数减调撤数' ? r.审结数! - r.调撤数! : r.审结数!;
  r.纠错率 = ratio(r.纠错数!, base);
  r.调撤率 = ratio(r.调撤数!, r.审结数!);
  r.涉企调撤率 = ratio(r.涉企调撤数!, r.涉企审结数!);
  return r;
}

/** `prevEnd`: as for reconsiderationFigures. */
function litigationFigures(db: Db, p: YearParams, settings: Settings, prevEnd?: string): Raw {
  const r: Raw = {
    ...aggregate(
      db,
      'litigation',
      'receivedOn',
      {
        收案数: 'count(*)',
        一审收案数: cnt(`"instance" = '一审'`),
        二审收案数: cnt(`"instance" = '二审'`),
        再审收案数: cnt(`"instance" = '再审'`),
        开庭案件数: cnt('"hearings" > 0'),
        开庭次数: sumOf('hearings'),
        负责人出庭件数: cnt('"headHearings" > 0'),
        负责人出庭次数: sumOf('headHearings'),
      },
      p,
    ),
    ...aggregate(
      db,
      'litigation',
      'closedOn',
      {
        结案数: 'count(*)',
        判决数: cnt(`"closure" = '判决'`),
        败诉数: cnt('"lost" = 1'),
        司法建议数: cnt('"judicialSuggestion" = 1'),
        检察建议数: cnt('"procuratorSuggestion" = 1'),
        ...(prevEnd === undefined ? {} : { [OPEN_AT_PREV_END]: openAtPrevEnd(litigationOpen) }),
      },
      prevEnd === undefined ? p : { ...p, pe: prevEnd },
    ),
  };
  r.败诉率 = ratio(r.败诉数!, settings['litigation.lossBase'] === '判决数' ? r.判决数! : r.结案数!);
  const base = settings['litigation.appearanceBase'];
  r.出庭率 =
    base === '开庭次数'
      ? ratio(r.负责人出庭次数!, r.开庭次数!)
      : base === '开庭案件'
        ? ratio(r.负责人出庭件数!, r.开庭案件数!)
        : ratio(r.负责人出庭件数!, r.收案数!);
  return r;
}

/** `units`: the distinct 被评查单位 of the year, taken from the distribution counts instead of a count(DISTINCT). */
function casefileFigures(db: Db, p: YearParams, units: number): Raw {
  const r = aggregate(
    db,
    'casefile',
    'reviewedOn',
    {
      案卷数: 'count(*)',
      优秀数: cnt(`"grade" = '优秀'`),
      合格数: cnt(`"grade" = '合格'`),
      不合格数: cnt(`"grade" = '不合格'`),
      优秀案卷数: cnt('"model" = 1'),
      问题条数: sumOf('issues'),
      平均分: 'avg("score")',
      有问题数: cnt('"issues" > 0'),
      整改完成数: cnt('"issues" > 0 AND "rectifiedOn" IS NOT NULL'),
    },
    p,
  );
  r.单位数 = units;
  r.合格率 = ratio(r.优秀数! + r.合格数!, r.案卷数!);
  r.整改完成率 = ratio(r.整改完成数!, r.有问题数!);
  return r;
}

export interface YearParams {
  s: string;
  e: string;
}

const DISTRIBUTIONS: { key: string; label: string; basis: string; table: string; col: string; date: string }[] = [
  { key: '行政复议.行为类别', label: '行政复议案件行为类别分布', basis: '行政复议收案', table: 'reconsideration', col: 'actType', date: 'receivedOn' },
  { key: '行政复议.行政管理领域', label: '行政复议案件行政管理领域分布', basis: '行政复议收案', table: 'reconsideration', col: 'field', date: 'receivedOn' },
  {
    key: '行政复议.被申请人类型',
    label: '行政复议案件被申请人类型分布',
    basis: '行政复议收案',
    table: 'reconsideration',
    col: 'respondentType',
    date: 'receivedOn',
  },
  { key: '行政应诉.行为类别', label: '行政应诉案件行为类别分布', basis: '行政应诉收案', table: 'litigation', col: 'actType', date: 'receivedOn' },
  { key: '行政应诉.行政管理领域', label: '行政应诉案件行政管理领域分布', basis: '行政应诉收案', table: 'litigation', col: 'field', date: 'receivedOn' },
  { key: '案卷评查.案卷类型', label: '评查案卷类型分布', basis: '评查案卷', table: 'casefile', col: 'fileType', date: 'reviewedOn' },
  { key: '案卷评查.被评查单位', label: '被评查单位案卷分布', basis: '评查案卷', table: 'casefile', col: 'unit', date: 'reviewedOn' },
];

/** The distribution columns of each table and the date they count by (one date per table). */
const GROUPINGS: { table: string; date: string; cols: string[] }[] = [];
for (const d of DISTRIBUTIONS) {
  const g = GROUPINGS.find((x) => x.table === d.table);
  if (!g) GROUPINGS.push({ table: d.table, date: d.date, cols: [d.col] });
  else if (g.date !== d.date) throw new Error(`${d.table} 的分布须按同一日期统计`);
  else if (!g.cols.includes(d.col)) g.cols.push(d.col);
}

/** Row counts of the year per combination of a table's distribution columns: `[col1, col2, …, count]`. */
type Groups = Map<string, { cols: string[]; rows: (string | null | number)[][] }>;

/**
 * Tables whose date index goes on with exactly their distribution columns (casefile_reviewedOn: "reviewedOn",
 * "unit", "fileType", …): their rows are first counted per day as the index gives them, without a sort, and only
 * those counts are sorted. Files are reviewed in batches — at 1,000,000 rows, 40,000 files a year on 63 days make
 * 5,000 day × unit × type counts. In the other tables' indexes other columns come between (intake, instance, …)
 * and nearly every row of a day is a group of its own, so there is nothing to gain.
 */
const COUNT_BY_DAY_FIRST = new Set(['casefile']);

/**
 * The grouping key is one text, the JSON array of the columns, rather than the columns themselves: SQLite sorts
 * on one key faster (the 复议 distribution at 1,000,000 rows: ~20% less), and the array still tells NULL from ''
 * and every value from every other.
 */
function groupCounts(db: Db, p: YearParams): Groups {
  const out: Groups = new Map();
  for (const g of GROUPINGS) {
    const cols = g.cols.map((c) => `"${c}"`).join(', ');
    const key = `json_array(${cols})`;
    const from = `FROM ${g.table} WHERE ${live()} AND ${inY(g.date)}`;
    const sql = COUNT_BY_DAY_FIRST.has(g.table)
      ? `SELECT k, sum(n) FROM (SELECT ${key} AS k, count(*) AS n ${from} GROUP BY "${g.date}", ${cols}) GROUP BY k`
      : `SELECT ${key}, count(*) ${from} GROUP BY 1`;
    const rows = (stmt(db, sql).raw().all(p) as [string, number][]).map(([k, n]) => [...(JSON.parse(k) as (string | null)[]), n]);
    out.set(g.table, { cols: g.cols, rows });
  }
  return out;
}

/**
 * SQLite's BINARY order of two strings (UTF-8 bytes, i.e. code points). JavaScript compares UTF-16 code units,
 * which puts characters beyond U+FFFF (surrogates) before U+E000–U+FFFF; shift them above.
 */
function binaryCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * One distribution from the grouped counts: empty values as 未填写, most frequent first, then by name — what
 * `GROUP BY coalesce(nullif(col, ''), '未填写') ORDER BY count DESC, name` gives.
 */
function tally(groups: Groups, table: string, col: string): { name: string; count: number }[] {
  const g = groups.get(table)!;
  const i = g.cols.indexOf(col);
  const counts = new Map<string, number>();
  for (const r of g.rows) {
    const v = r[i] as string | null;
    const name = v === null || v === '' ? '未填写' : v;
    counts.set(name, (counts.get(name) ?? 0) + (r[g.cols.length] as number));
  }
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || binaryCompare(a.name, b.name));
}

/** Distinct values of a column (NULL not counted, as count(DISTINCT col)). */
function distinctCount(groups: Groups, table: string, col: string): number {
  const g = groups.get(table)!;
  const i = g.cols.indexOf(col);
  return new Set(g.rows.map((r) => r[i]).filter((v) => v !== null)).size;
}

/**
 * Every §8 metric of one year as raw numbers (rates as fractions), keyed by `group.key`, but 在办数, and its
 * distributions. `prevEnd`: as for reconsiderationFigures.
 */
export interface YearFigures {
  flat: Map<string, number | null>;
  distributions: Distribution[];
}

export function yearFigures(db: Db, p: YearParams, settings: Settings, calendar: HolidayCalendar, prevEnd?: string, scope: StatsScope = current): YearFigures {
  return withScope(scope, () => scopedYearFigures(db, p, settings, calendar, prevEnd));
}

function scopedYearFigures(db: Db, p: YearParams, settings: Settings, calendar: HolidayCalendar, prevEnd?: string): YearFigures {
  const groups = groupCounts(db, p);
  const figures: [string, Raw][] = [
    ['规范性文件', normativeFigures(db, p, calendar, settings)],
    ['重大决策', decisionFigures(db, p)],
    ['合同', contractFigures(db, p)],
    ['行政复议', reconsiderationFigures(db, p, settings, prevEnd)],
    ['行政应诉', litigationFigures(db, p, settings, prevEnd)],
    ['案卷评查', casefileFigures(db, p, distinctCount(groups, 'casefile', 'unit'))],
  ];
  const flat = new Map<string, number | null>();
  for (const [g, raw] of figures) for (const [k, v] of Object.entries(raw)) flat.set(`${g}.${k}`, v);
  flat.set('行政复议.复议诉讼收案比', ratio(flat.get('行政复议.收案数')!, flat.get('行政应诉.一审收案数')!));
  return {
    flat,
    distributions: DISTRIBUTIONS.map((d) => ({ key: d.key, label: d.label, basis: d.basis, kind: d.table, field: d.col, rows: tally(groups, d.table, d.col) })),
  };
}

/** The ledger table behind each metric group, dated by its primary date. */
const LEDGER_OF_GROUP: [string, string][] = [
  ['规范性文件', 'normative'],
  ['重大决策', 'decision'],
  ['合同', 'contract'],
  ['行政复议', 'reconsideration'],
  ['行政应诉', 'litigation'],
  ['案卷评查', 'casefile'],
];

/** Whether a ledger holds any live row dated (by its primary date) on or before `end`: one index probe. */
export function hasRowsBy(db: Db, table: string, end: string): boolean {
  const date = LEDGERS[table as LedgerKind].primaryDate;
  return stmt(db, `SELECT 1 FROM ${table} WHERE ${live()} AND "${date}" <= ? LIMIT 1`).pluck().get(end) !== undefined;
}

export function indicatorValues(db: Db, year: number, scope: StatsScope = current): Map<string, number> {
  const out = new Map<string, number>();
  const add = (rows: { name: string; value: number }[]) => {
    for (const r of rows) out.set(r.name, (out.get(r.name) ?? 0) + r.value);
  };
  if (scope.ownIndicators) add(stmt(db, 'SELECT name, value FROM indicators WHERE year = ?').all(year) as { name: string; value: number }[]);
  if (scope.unitIndicators !== null)
    add(
      stmt(db, `SELECT name, sum(value) AS value FROM unit_indicators WHERE year = ?${scope.unitIndicators} GROUP BY name`).all(year) as {
        name: string;
        value: number;
      }[],
    );
  return out;
}

/**
 * Starts computing the year before's figures (yearFigures without `prevEnd`) elsewhere — on another connection in
 * another thread (stats-host.ts) — and gives the function that waits for them, or null when it cannot. The wait
 * returns null when that failed; the figures are then computed here.
 */
export type Elsewhere = (p: YearParams, scope: StatsScope) => (() => YearFigures | null) | null;

/**
 * The whole catalogue of a year: values, 上年, 同比, indicators and distributions, formatted. With `elsewhere`,
 * the year before is computed there while this thread computes the year.
 */
export function computeMetrics(
  db: Db,
  year: number,
  settings: Settings,
  calendar: HolidayCalendar,
  elsewhere?: Elsewhere,
  scope: StatsScope = ALL_ROWS,
): MetricsResult {
  return withScope(scope, () => scopedMetrics(db, year, settings, calendar, elsewhere));
}

function scopedMetrics(db: Db, year: number, settings: Settings, calendar: HolidayCalendar, elsewhere?: Elsewhere): MetricsResult {
  const p: YearParams = { s: `${year}-01-01`, e: `${year}-12-31` };
  const pp: YearParams = { s: `${year - 1}-01-01`, e: `${year - 1}-12-31` };
  const other = elsewhere?.(pp, current);
  const thisYear = yearFigures(db, p, settings, calendar, pp.e);
  const lastYear = other?.() ?? yearFigures(db, pp, settings, calendar);
  for (const [g, table, open] of [
    ['行政复议', 'reconsideration', reconsiderationOpen],
    ['行政应诉', 'litigation', litigationOpen],
  ] as const) {
    const [a, b] = openAtYearEnds(db, table, open, p, pp, thisYear.flat.get(`${g}.${OPEN_AT_PREV_END}`));
    thisYear.flat.set(`${g}.在办数`, a);
    lastYear.flat.set(`${g}.在办数`, b);
  }
  // A ledger with no row dated in a year or earlier has no data for that year (the office began using it later):
  // its figures are "—", not 0, and no 同比 is stated against them — so a ledger started this year shows no
  // 上年 and no change equal to this year's figure. The same rule for both years, so 上年 is always what the year
  // before gives on its own.
  for (const [figures, end] of [
    [thisYear, p.e],
    [lastYear, pp.e],
  ] as const) {
    const unused = new Set(LEDGER_OF_GROUP.filter(([, table]) => !hasRowsBy(db, table, end)).map(([group]) => group));
    for (const k of [...figures.flat.keys()]) if (unused.has(k.slice(0, k.indexOf('.')))) figures.flat.set(k, null);
    if (unused.has('行政应诉')) figures.flat.set('行政复议.复议诉讼收案比', null);
  }
  const cur = thisYear.flat;
  const prev = lastYear.flat;
  const values: Record<string, MetricValue> = {};
  const put = (key: string, format: Parameters<typeof formatMetric>[0], unit: string, a: number | null, b: number | null) => {
    values[key] = { value: metricValue(format, a), text: formatMetric(format, a) };
    values[`上年.${key}`] = { value: metricValue(format, b), text: formatMetric(format, b) };
    values[`同比.${key}`] = formatChange({ format, unit: unit as never }, a, b);
  };
  for (const m of ALL_METRICS) put(m.key, m.format, m.unit, cur.get(m.key) ?? null, prev.get(m.key) ?? null);
  const ic = indicatorValues(db, year);
  const ip = indicatorValues(db, year - 1);
  const names = [...new Set([...BUILTIN_INDICATORS, ...ic.keys(), ...ip.keys()])];
  for (const n of names) {
    const f = indicatorFormat(n);
    put(`指标.${n}`, f, f === 'money' ? '万元' : '', ic.get(n) ?? null, ip.get(n) ?? null);
  }
  return { year, values, distributions: thisYear.distributions, previousDistributions: lastYear.distributions };
}
