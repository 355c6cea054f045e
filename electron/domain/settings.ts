// Every setting of DOMAIN.md with its default, plus the office's own 单位名称 and 主送机关.
// Where practice differs between provinces the value is a setting, never a constant in code.

import { DEFAULT_FORM_COLUMNS, FORM_ITEMS, FORM_KINDS, FORM_SETTING, parseFormColumns } from './stats-form';

interface SettingBase {
  key: string;
  label: string;
  /** one sentence explaining the choice, shown in 设置 */
  help: string;
  group: '单位' | '规范性文件' | '重大行政决策' | '合同审查' | '行政复议' | '行政应诉' | '案卷评查' | '数据安全';
  /** changing it recomputes derived values of these kinds */
  affects?: string[];
  /**
   * The only rows a change can alter (issue 16: re-deriving reads just those, core.ts settingsScope): the ones whose
   * `field` lies between the old and the new value, both included (a threshold the field is compared with), or whose
   * `field` is not empty, or — a deadline setting — whose deadline `running` has not stopped (its doneField empty,
   * DeadlineDef). Unless the user asks for every record, settled values stay (rows.ts settledFor; docs/decisions.md
   * “办结的和往年的记录保持原结果”): a threshold reads only the current year's rows. Absent: every row of `affects`.
   * Keep it in step with the ledger's derive.
   */
  narrows?: { field: string; between: true } | { field: string; nonEmpty: true } | { running: string };
}
export type SettingDef =
  | (SettingBase & { type: 'int' | 'number'; default: number; min: number; max: number })
  | (SettingBase & { type: 'choice'; default: string; options: readonly string[] })
  | (SettingBase & { type: 'text'; default: string });

export const SETTING_DEFS = [
  { key: '单位名称', label: '单位名称', type: 'text', default: '', group: '单位', help: '报告标题、署名和台账导出标题使用的机关全称，如“某某县人民政府”。' },
  { key: '主送机关', label: '主送机关', type: 'text', default: '', group: '单位', help: '正式报告的主送机关，如“县委、县人大常委会：”；网站公开版不显示。' },
  {
    key: '经办人',
    label: '经办人姓名',
    type: 'text',
    default: '',
    group: '单位',
    help: '记入操作日志的经办人姓名，与电脑登录用户名一起记录，便于多人共用一台电脑时分清是谁的操作。',
  },
  {
    key: 'backup.intervalMinutes',
    label: '自动备份间隔（分钟）',
    type: 'int',
    default: 30,
    min: 5,
    max: 1440,
    group: '数据安全',
    help: '有修改时每隔多少分钟自动备份一次；另外每天首次启动、升级和还原之前都会先备份（导入不再先备份整个文件，每次导入可以单独撤销）。',
  },
  {
    key: 'backup.secondDir',
    label: '第二备份位置',
    type: 'text',
    default: '',
    group: '数据安全',
    help: '可选。每次自动备份后再复制一份到这里，例如移动硬盘或单位共享文件夹（填完整路径，如 D:\\法治台账备份 或 \\\\服务器\\共享）；保存时会试写一次，写不进去的位置不能保存；留空则不复制。',
  },
  {
    key: 'normative.reviewWorkdays',
    label: '合法性审核期限（工作日）',
    type: 'int',
    default: 15,
    min: 5,
    max: 15,
    group: '规范性文件',
    affects: ['normative'],
    narrows: { running: 'dueOn' },
    help: '自送审之日起计算的合法性审核工作日数，按各地规定在 5 至 15 个工作日之间设置，节假日和调休按官方日历计算。',
  },
  {
    key: 'normative.filingReviewDays',
    label: '备案审查期限（日）',
    type: 'int',
    default: 30,
    min: 1,
    max: 365,
    group: '规范性文件',
    affects: ['normative'],
    narrows: { running: 'dueOn' },
    help: '收到报备文件后完成备案审查的自然日数，期限最后一日为节假日的顺延至节后第一个工作日。',
  },
  {
    key: 'normative.filingDays',
    label: '报备时限（日）',
    type: 'int',
    default: 30,
    min: 1,
    max: 365,
    group: '规范性文件',
    affects: ['normative'],
    narrows: { running: 'filingDueOn' },
    help: '文件公布后应当报送备案的自然日数，用于“按时报备率”、报备期限和逾期报备提醒。',
  },
  {
    key: 'decision.reviewWorkdays',
    label: '重大决策合法性审查期限（工作日）',
    type: 'int',
    default: 7,
    min: 1,
    max: 60,
    group: '重大行政决策',
    affects: ['decision'],
    narrows: { running: 'dueOn' },
    help: '《重大行政决策程序暂行条例》规定送请审查应保证不少于 7 个工作日的审查时间，默认按 7 个工作日计算期限。',
  },
  {
    key: 'contract.majorThreshold',
    label: '重大合同标的额（万元）',
    type: 'number',
    default: 3000,
    min: 0,
    max: 100000000,
    group: '合同审查',
    affects: ['contract'],
    // derive: major = inGovName || amount >= threshold
    narrows: { field: 'amount', between: true },
    help: '以政府名义签订、或标的额达到此金额（万元）的合同计为重大合同；单条记录可手工改定。',
  },
  {
    key: 'contract.reviewWorkdays',
    label: '合同审查期限（工作日）',
    type: 'int',
    default: 5,
    min: 1,
    max: 60,
    group: '合同审查',
    affects: ['contract'],
    narrows: { running: 'dueOn' },
    help: '合同合法性审查的工作日数，无全国统一规定，按本地制度设置。',
  },
  {
    key: 'reconsideration.correctionScope',
    label: '纠错口径',
    type: 'choice',
    default: '直接',
    options: ['直接', '综合'],
    group: '行政复议',
    help: '“直接”只计变更、撤销、确认违法、确认无效、责令履行；“综合”另计被申请人自行纠正后申请人撤回而终止的案件。',
  },
  {
    key: 'reconsideration.correctionBase',
    label: '纠错率分母',
    type: 'choice',
    default: '审结数',
    options: ['审结数', '审结数减调撤数'],
    group: '行政复议',
    help: '纠错率 = 纠错数 ÷ 分母；分母取当年审结数，或审结数减去调解、撤回终止的案件数。',
  },
  {
    key: 'litigation.lossBase',
    label: '败诉率分母',
    type: 'choice',
    default: '结案数',
    options: ['结案数', '判决数'],
    group: '行政应诉',
    help: '败诉率 = 败诉数 ÷ 分母；分母取当年结案数，或其中以判决方式结案的件数。',
  },
  {
    key: 'litigation.appearanceBase',
    label: '负责人出庭率口径',
    type: 'choice',
    default: '案件',
    options: ['案件', '开庭案件', '开庭次数'],
    group: '行政应诉',
    help: '“案件”= 负责人出庭件数 ÷ 收案数；“开庭案件”= ÷ 开庭案件数；“开庭次数”= 负责人出庭次数 ÷ 开庭总次数。',
  },
  {
    key: 'casefile.vetoRule',
    label: '否决项规则',
    type: 'choice',
    default: '零分',
    options: ['零分', '不得评优'],
    group: '案卷评查',
    affects: ['casefile'],
    // scoreAndGrade: the rule applies to files with a 否决项 only
    narrows: { field: 'vetoes', nonEmpty: true },
    help: '“零分”：存在任一否决项的案卷总分为 0、评为不合格；“不得评优”：保留得分，但不能评为优秀。',
  },
  {
    key: 'casefile.excellentMin',
    label: '优秀分数线',
    type: 'number',
    default: 90,
    min: 0,
    max: 100,
    group: '案卷评查',
    affects: ['casefile'],
    // scoreAndGrade: 等次 compares 总分 with the line
    narrows: { field: 'score', between: true },
    help: '总分达到此分数（含）评为优秀。',
  },
  {
    key: 'casefile.passMin',
    label: '合格分数线',
    type: 'number',
    default: 60,
    min: 0,
    max: 100,
    group: '案卷评查',
    affects: ['casefile'],
    narrows: { field: 'score', between: true },
    help: '总分达到此分数（含）且未达优秀分数线的评为合格，低于此分数为不合格。',
  },
  {
    key: '文书.机关代字',
    label: '文书机关代字',
    type: 'text',
    default: '',
    group: '行政复议',
    help: '复议、应诉文书文号开头的机关代字，如“清政”。文号按各类文书的格式编排（如“{代字}复决字〔{年}〕{号}号”），{年}和{号}取自案号的年度和序号。',
  },
  {
    key: 'statsForm.reconsiderationColumns',
    label: '行政复议统计表栏目',
    type: 'text',
    default: DEFAULT_FORM_COLUMNS.reconsideration,
    group: '行政复议',
    help: `上报的行政复议统计表的栏目及顺序，用“、”分隔，栏次按此顺序编号。可用：${Object.keys(FORM_ITEMS.reconsideration).join('、')}。`,
  },
  {
    key: 'statsForm.litigationColumns',
    label: '行政应诉统计表栏目',
    type: 'text',
    default: DEFAULT_FORM_COLUMNS.litigation,
    group: '行政应诉',
    help: `上报的行政应诉统计表的栏目及顺序，用“、”分隔，栏次按此顺序编号。可用：${Object.keys(FORM_ITEMS.litigation).join('、')}。`,
  },
] as const satisfies readonly SettingDef[];

export interface Settings {
  单位名称: string;
  主送机关: string;
  经办人: string;
  'backup.intervalMinutes': number;
  'backup.secondDir': string;
  'normative.reviewWorkdays': number;
  'normative.filingReviewDays': number;
  'normative.filingDays': number;
  'decision.reviewWorkdays': number;
  'contract.majorThreshold': number;
  'contract.reviewWorkdays': number;
  'reconsideration.correctionScope': '直接' | '综合';
  'reconsideration.correctionBase': '审结数' | '审结数减调撤数';
  'litigation.lossBase': '结案数' | '判决数';
  'litigation.appearanceBase': '案件' | '开庭案件' | '开庭次数';
  'casefile.vetoRule': '零分' | '不得评优';
  'casefile.excellentMin': number;
  'casefile.passMin': number;
  'statsForm.reconsiderationColumns': string;
  'statsForm.litigationColumns': string;
  '文书.机关代字': string;
}

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(SETTING_DEFS.map((d) => [d.key, d.default])) as unknown as Settings;

export function settingDef(key: string): SettingDef | undefined {
  return (SETTING_DEFS as readonly SettingDef[]).find((d) => d.key === key);
}

/**
 * Parse one setting value (from the CLI's key=value, the settings form or the database).
 * Returns the typed value or a Chinese message naming the key.
 */
export function parseSetting(key: string, raw: unknown): { ok: true; value: string | number } | { ok: false; message: string } {
  const def = settingDef(key);
  if (!def) return { ok: false, message: `未知的设置项“${key}”。可用的设置项：${SETTING_DEFS.map((d) => d.key).join('、')}` };
  if (def.type === 'text') {
    if (typeof raw !== 'string') return { ok: false, message: `设置项“${key}”应为文字` };
    if (raw.length > 200) return { ok: false, message: `设置项“${key}”过长（最多 200 字）` };
    return { ok: true, value: raw.trim() };
  }
  if (def.type === 'choice') {
    const s = String(raw).trim();
    if (!def.options.includes(s)) return { ok: false, message: `设置项“${key}”只能取：${def.options.join('、')}（收到“${s}”）` };
    return { ok: true, value: s };
  }
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(n) || String(raw).trim() === '') return { ok: false, message: `设置项“${key}”应为数字（收到“${String(raw)}”）` };
  if (def.type === 'int' && !Number.isInteger(n)) return { ok: false, message: `设置项“${key}”应为整数` };
  if (n < def.min || n > def.max) return { ok: false, message: `设置项“${key}”应在 ${def.min} 至 ${def.max} 之间（收到 ${n}）` };
  return { ok: true, value: n };
}

/** Cross-setting rules. */
export function checkSettings(s: Settings): string[] {
  const problems = s['casefile.passMin'] > s['casefile.excellentMin'] ? ['合格分数线不能高于优秀分数线'] : [];
  for (const kind of FORM_KINDS) {
    const p = parseFormColumns(kind, String(s[FORM_SETTING[kind]] ?? ''));
    if (!p.ok) problems.push(p.message);
  }
  return problems;
}

/**
 * A setting that changes derived values (`affects`): saving it re-derives running deadlines and the current year's
 * rows; closed cases and past years keep their results unless the user asks for every record (设置 offers the
 * choice, the CLI's --all-records).
 */
export function rederivesSome(key: string): boolean {
  const d = SETTING_DEFS.find((x) => x.key === key) as SettingDef | undefined;
  return !!d?.affects?.length;
}
