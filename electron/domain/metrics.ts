// The metric catalogue of DOMAIN.md §8 and its formatting rules. Computation lives in core/stats; the keys,
// units and formats live here so the report, the statistics screen and `stats --json` agree.

export type MetricFormat = 'count' | 'money' | 'rate' | 'ratio' | 'score' | 'number';

export interface MetricDef {
  key: string;
  /** unit word used by sentences and table headers; never part of the formatted text */
  unit: '件' | '条' | '个' | '万元' | '%' | '分' | '' | '次' | '人次' | '人' | '场' | '宗';
  format: MetricFormat;
  /** what it counts, one Chinese sentence (statistics screen, docs) */
  help: string;
}

import { CLEANUP_OUTCOMES, CLEANUP_TYPES } from './ledgers/normative';

const m = (key: string, unit: MetricDef['unit'], format: MetricFormat, help: string): MetricDef => ({ key, unit, format, help });

export const METRICS: MetricDef[] = [
  m('规范性文件.审核件数', '件', 'count', '审查类型为合法性审核、送审日期在本年度的件数'),
  m('规范性文件.审核意见条数', '条', 'count', '上述合法性审核件的意见条数之和'),
  m('规范性文件.采纳条数', '条', 'count', '上述合法性审核件的采纳条数之和'),
  m('规范性文件.不同意件数', '件', 'count', '上述合法性审核件中结论为不同意或建议不制定的件数'),
  m('规范性文件.登记发布件数', '件', 'count', '有登记编号且公布日期在本年度的件数'),
  m('规范性文件.报备件数', '件', 'count', '报备上级政府或人大常委会日期在本年度的件数'),
  m('规范性文件.按时报备率', '%', 'rate', '本年度公布的文件中，在报备时限内报备的比例'),
  m('规范性文件.备案审查件数', '件', 'count', '审查类型为备案审查、送审日期在本年度的件数'),
  m('规范性文件.纠正件数', '件', 'count', '本年度备案审查件中结论为要求纠正或建议撤销的件数'),
  m('规范性文件.清理保留件数', '件', 'count', '清理日期在本年度、文件状态仍为有效的件数'),
  m('规范性文件.清理修改件数', '件', 'count', '清理日期在本年度、文件状态为已修改的件数'),
  m('规范性文件.清理废止件数', '件', 'count', '清理日期在本年度、文件状态为已废止的件数'),
  m('规范性文件.清理失效件数', '件', 'count', '清理日期在本年度、文件状态为宣布失效或到期失效的件数'),
  m('规范性文件.超期件数', '件', 'count', '办结日期在本年度且晚于审核期限的件数'),
  m('重大决策.审查件数', '件', 'count', '送审日期在本年度的重大行政决策件数'),
  m('重大决策.目录事项数', '件', 'count', '其中列入年度目录的件数'),
  m('重大决策.意见条数', '条', 'count', '其意见条数之和'),
  m('重大决策.公众参与件数', '件', 'count', '其中经公众参与的件数'),
  m('重大决策.专家论证件数', '件', 'count', '其中经专家论证的件数'),
  m('重大决策.风险评估件数', '件', 'count', '其中经风险评估的件数'),
  m('重大决策.听证件数', '件', 'count', '其中举行听证的件数'),
  m('合同.审查件数', '件', 'count', '送审日期在本年度的合同件数'),
  m('合同.意见条数', '条', 'count', '其意见条数之和'),
  m('合同.采纳条数', '条', 'count', '其采纳条数之和'),
  m('合同.重大合同件数', '件', 'count', '其中重大合同件数'),
  m('合同.标的总额', '万元', 'money', '其标的额之和（万元）'),
  m('合同.超期件数', '件', 'count', '办结日期在本年度且晚于审查期限的件数'),
  m('行政复议.收案数', '件', 'count', '收到申请日期在本年度的件数'),
  m('行政复议.受理数', '件', 'count', '受理日期在本年度的件数'),
  m('行政复议.不予受理数', '件', 'count', '收到申请日期在本年度、受理情况为不予受理的件数'),
  m('行政复议.审结数', '件', 'count', '审结日期在本年度的件数'),
  m('行政复议.维持数', '件', 'count', '本年度审结、审结方式为维持的件数'),
  m('行政复议.驳回数', '件', 'count', '本年度审结、驳回复议请求或驳回申请的件数'),
  m('行政复议.变更数', '件', 'count', '本年度审结、审结方式为变更的件数'),
  m('行政复议.撤销数', '件', 'count', '本年度审结、审结方式为撤销的件数'),
  m('行政复议.确认违法数', '件', 'count', '本年度审结、审结方式为确认违法的件数'),
  m('行政复议.确认无效数', '件', 'count', '本年度审结、审结方式为确认无效的件数'),
  m('行政复议.责令履行数', '件', 'count', '本年度审结、审结方式为责令履行的件数'),
  m('行政复议.调解数', '件', 'count', '本年度审结、审结方式为调解的件数'),
  m('行政复议.撤回数', '件', 'count', '本年度审结、审结方式为终止(撤回)的件数'),
  m('行政复议.终止数', '件', 'count', '本年度审结、审结方式为终止(其他)的件数（撤回终止另计为撤回数）'),
  m('行政复议.纠错数', '件', 'count', '本年度审结并纠错的件数（口径见设置）'),
  m('行政复议.纠错率', '%', 'rate', '纠错数 ÷ 审结数（或审结数减调撤数，见设置）'),
  m('行政复议.调撤数', '件', 'count', '本年度审结、以调解或撤回终止结案的件数'),
  m('行政复议.调撤率', '%', 'rate', '调撤数 ÷ 审结数'),
  m('行政复议.在办数', '件', 'count', '年末已受理尚未审结的件数'),
  m('行政复议.涉企收案数', '件', 'count', '本年度收案中涉企的件数'),
  m('行政复议.涉企调撤率', '%', 'rate', '本年度审结的涉企案件中调撤的比例'),
  m('行政复议.听证数', '件', 'count', '受理日期在本年度且举行听证的件数'),
  m('行政复议.简易程序数', '件', 'count', '受理日期在本年度且适用简易程序的件数'),
  m('行政复议.决定书公开数', '件', 'count', '本年度审结且决定书公开的件数'),
  m('行政复议.意见书数', '件', 'count', '本年度审结且制发意见书、建议书的件数'),
  m('行政复议.超期数', '件', 'count', '本年度审结且审结日期晚于审理期限的件数'),
  m('行政复议.复议诉讼收案比', '', 'ratio', '行政复议收案数 ÷ 行政应诉一审收案数'),
  m('行政应诉.收案数', '件', 'count', '收案日期在本年度的件数'),
  m('行政应诉.一审收案数', '件', 'count', '其中一审件数'),
  m('行政应诉.二审收案数', '件', 'count', '其中二审件数'),
  m('行政应诉.再审收案数', '件', 'count', '其中再审件数'),
  m('行政应诉.结案数', '件', 'count', '结案日期在本年度的件数'),
  m('行政应诉.败诉数', '件', 'count', '本年度结案且败诉的件数'),
  m('行政应诉.败诉率', '%', 'rate', '败诉数 ÷ 结案数（或判决数，见设置）'),
  m('行政应诉.开庭案件数', '件', 'count', '本年度收案中开庭次数大于 0 的件数'),
  m('行政应诉.负责人出庭件数', '件', 'count', '本年度收案中负责人出庭次数大于 0 的件数'),
  m('行政应诉.负责人出庭次数', '次', 'count', '本年度收案的负责人出庭次数之和'),
  m('行政应诉.出庭率', '%', 'rate', '负责人出庭率（口径见设置）'),
  m('行政应诉.在办数', '件', 'count', '年末尚未结案的件数'),
  m('行政应诉.司法建议数', '件', 'count', '本年度结案且收到司法建议的件数'),
  m('行政应诉.检察建议数', '件', 'count', '本年度结案且收到检察建议的件数'),
  m('案卷评查.案卷数', '件', 'count', '评查日期在本年度的案卷数'),
  m('案卷评查.单位数', '个', 'count', '被评查单位数（去重）'),
  m('案卷评查.优秀数', '件', 'count', '等次为优秀的案卷数'),
  m('案卷评查.合格数', '件', 'count', '等次为合格的案卷数'),
  m('案卷评查.不合格数', '件', 'count', '等次为不合格的案卷数'),
  m('案卷评查.优秀案卷数', '件', 'count', '选为优秀案卷的件数'),
  m('案卷评查.问题条数', '条', 'count', '问题条数之和'),
  m('案卷评查.合格率', '%', 'rate', '（优秀数 + 合格数）÷ 案卷数'),
  m('案卷评查.平均分', '分', 'score', '有总分的案卷的平均分，保留 1 位小数'),
  m('案卷评查.整改完成率', '%', 'rate', '有问题的案卷中已填整改完成日期的比例'),
];

/**
 * DOMAIN §12: the 清理 counts per 清理类型 (`规范性文件.清理.<类型>.<保留|修改|废止|失效>`), so a 公平竞争审查 clean-up can
 * be reported apart from the regular one. Part of the catalogue (computed, `stats --json`, the Excel export, report
 * placeholders) but kept out of `METRICS`, the list the report's statistics attachment and the screen walk row by
 * row: twenty rows of mostly zeros there; the statistics screen shows them as one 类型 × 结果 table instead.
 */
export const CLEANUP_METRICS: MetricDef[] = CLEANUP_TYPES.flatMap((t) =>
  CLEANUP_OUTCOMES.map((o) => m(`规范性文件.清理.${t}.${o.name}`, '件', 'count', `清理类型为${t}、清理日期在本年度、文件状态为${o.statuses.join('或')}的件数`)),
);

/** Every metric of the catalogue: the §8 list and the breakdowns. */
export const ALL_METRICS: MetricDef[] = [...METRICS, ...CLEANUP_METRICS];

export const METRIC_KEYS = ALL_METRICS.map((x) => x.key);
export const METRIC_BY_KEY = new Map(ALL_METRICS.map((x) => [x.key, x]));

export const BUILTIN_INDICATORS = [
  '常务会议学法次数',
  '领导干部法治培训人次',
  '执法人员培训人次',
  '持证执法人员数',
  '新增执法证件数',
  '法律顾问人数',
  '公职律师人数',
  '政府信息主动公开条数',
  '依申请公开件数',
  '人大代表建议件数',
  '政协委员提案件数',
  '法治督察次数',
  '普法活动场次',
  '行政执法案件数',
  '罚没款(万元)',
] as const;

export const BUILTIN_MATERIALS = ['工作亮点', '存在的不足和原因', '第一责任人履职情况', '下一年度工作安排', '其他需要报告的事项'] as const;

/** Format of an indicator, from its name. */
export function indicatorFormat(name: string): MetricFormat {
  return /万元/.test(name) ? 'money' : 'number';
}

/** Round half away from zero at `d` decimals, robust to binary noise (1.005 → 1.01). */
export function round(x: number, d: number): number {
  const f = 10 ** d;
  const r = Math.round(Math.abs(x) * f + 1e-9) / f;
  return x < 0 ? -r : r;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export const EMPTY_TEXT = '—';

/** The value a metric reports: rates as a percentage, all rounded as they are shown. */
export function metricValue(format: MetricFormat, x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  switch (format) {
    case 'count':
      return Math.round(x);
    case 'money':
    case 'ratio':
    case 'number':
      return round(x, 2);
    case 'rate':
      return round(x * 100, 2);
    case 'score':
      return round(x, 1);
  }
}

/** Formatted text per DOMAIN.md §8: no unit words; "—" when there is no value. */
export function formatMetric(format: MetricFormat, x: number | null): string {
  const v = metricValue(format, x);
  if (v === null) return EMPTY_TEXT;
  switch (format) {
    case 'count':
      return String(v);
    case 'money':
    case 'number':
      return trimZeros(v.toFixed(2));
    case 'rate':
      return `${trimZeros(v.toFixed(2))}%`;
    case 'ratio':
      return `${v.toFixed(2)}:1`;
    case 'score':
      return v.toFixed(1);
  }
}

/** 同比: "+3件", "−1.5个百分点", "持平"; null when either year has no value. */
export function formatChange(def: Pick<MetricDef, 'format' | 'unit'>, current: number | null, previous: number | null): { value: number | null; text: string } {
  const a = metricValue(def.format, current);
  const b = metricValue(def.format, previous);
  if (a === null || b === null) return { value: null, text: EMPTY_TEXT };
  const d = round(a - b, def.format === 'score' ? 1 : 2);
  if (d === 0) return { value: 0, text: '持平' };
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  const num = def.format === 'count' ? String(abs) : trimZeros(abs.toFixed(2));
  const unit = def.format === 'rate' ? '个百分点' : def.format === 'ratio' ? '' : def.unit;
  return { value: d, text: `${sign}${num}${unit}` };
}

export interface MetricValue {
  value: number | null;
  text: string;
}

export interface Distribution {
  key: string;
  label: string;
  /** what is counted, e.g. 行政复议收案 */
  basis: string;
  /** the ledger and field counted (for links to the rows) */
  kind?: string;
  field?: string;
  rows: { name: string; count: number }[];
}

export interface MetricsResult {
  year: number;
  /** every §8 key, `指标.<name>`, `上年.<key>`, `同比.<key>` */
  values: Record<string, MetricValue>;
  distributions: Distribution[];
  /** distributions of last year, same keys */
  previousDistributions: Distribution[];
}
