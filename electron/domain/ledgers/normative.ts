import { addMonths, addYears, type HolidayCalendar, type IsoDate } from '../calendar';
import type { Settings } from '../settings';
import { COMMON_FIELDS, date, labelsOf, notBefore, num, str, type FieldDef, type LedgerDef, type Row, type RowIssue } from '../fields';

export const NORMATIVE_CONCLUSIONS = {
  合法性审核: ['同意', '修改后同意', '不同意', '退回补正', '建议不制定'],
  备案审查: ['予以备案', '要求纠正', '建议撤销'],
} as const;

export const CLEANUP_TYPES = ['全面清理', '专项清理', '定期清理', '后评估', '公平竞争审查'] as const;

/**
 * The outcome of a 清理 as the catalogue names it (规范性文件.清理保留件数…, DOMAIN §8) and the 文件状态 values it
 * counts; 保留 = still 有效.
 */
export const CLEANUP_OUTCOMES = [
  { name: '保留', statuses: ['有效'] },
  { name: '修改', statuses: ['已修改'] },
  { name: '废止', statuses: ['已废止'] },
  { name: '失效', statuses: ['宣布失效', '到期失效'] },
] as const;

/**
 * 报备期限: 公布日期 + setting `normative.filingDays` calendar days, rolled past holidays (DOMAIN §1). Derived into
 * `filingDueOn` on save; the statistics' 按时报备率 works it out per publication day with this same function.
 */
export function filingDueOf(published: IsoDate, calendar: HolidayCalendar, settings: Settings): IsoDate {
  return calendar.addCalendarDays(published, settings['normative.filingDays']);
}

const fields: FieldDef[] = [
  { key: 'reviewType', label: '审查类型', type: 'enum', section: '基本信息', required: true, options: ['合法性审核', '备案审查'], width: 6 },
  { key: 'serialNo', label: '送审编号', type: 'text', section: '基本信息', search: true, width: 8 },
  { key: 'title', label: '文件名称', type: 'text', section: '基本信息', required: true, search: true, width: 20, aliases: ['文件标题', '名称'] },
  {
    key: 'drafter',
    label: '起草单位',
    type: 'text',
    section: '基本信息',
    required: true,
    search: true,
    suggest: true,
    width: 10,
    help: '备案审查填写制定机关。',
    aliases: ['制定机关', '起草部门', '报送单位'],
  },
  { key: 'level', label: '文件层级', type: 'enum', section: '基本信息', options: ['政府规范性文件', '部门规范性文件', '下级政府规范性文件'], width: 8 },
  { key: 'receivedOn', label: '送审日期', type: 'date', section: '基本信息', required: true, width: 6, aliases: ['收文日期', '报送日期'] },
  {
    key: 'dueOn',
    label: '审核期限',
    type: 'date',
    section: '办理过程',
    derived: 'suggested',
    width: 6,
    help: '按设置自动计算：合法性审核按工作日，备案审查按自然日；可手工修改。',
  },
  { key: 'completedOn', label: '办结日期', type: 'date', section: '办理过程', width: 6 },
  {
    key: 'conclusion',
    label: '审核结论',
    type: 'enum',
    section: '结果',
    options: [...NORMATIVE_CONCLUSIONS.合法性审核, ...NORMATIVE_CONCLUSIONS.备案审查],
    width: 6,
  },
  { key: 'opinions', label: '意见条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'adopted', label: '采纳条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'publicComment', label: '公开征求意见', type: 'bool', section: '办理过程', width: 4 },
  { key: 'fairCompetition', label: '公平竞争审查', type: 'bool', section: '办理过程', width: 4 },
  { key: 'regNo', label: '登记编号', type: 'text', section: '结果', search: true, width: 8, help: '统一登记、统一编号、统一印发（三统一）的登记编号。' },
  { key: 'docNo', label: '文号', type: 'text', section: '结果', search: true, width: 8 },
  { key: 'publishedOn', label: '公布日期', type: 'date', section: '结果', width: 6 },
  { key: 'effectiveOn', label: '施行日期', type: 'date', section: '结果', width: 6 },
  {
    key: 'expiresOn',
    label: '有效期至',
    type: 'date',
    section: '结果',
    derived: 'suggested',
    width: 6,
    help: '默认为公布日期起 5 年，暂行、试行文件 2 年；可手工修改。',
  },
  {
    key: 'filingDueOn',
    label: '报备期限',
    type: 'date',
    noSort: true,
    section: '结果',
    derived: 'always',
    width: 6,
    help: '公布之日起按设置的报备时限（默认 30 日）计算；末日为节假日的顺延。',
  },
  { key: 'filedGovOn', label: '报备上级政府日期', type: 'date', section: '结果', width: 6 },
  { key: 'filedCongressOn', label: '报备人大常委会日期', type: 'date', section: '结果', width: 6 },
  { key: 'status', label: '文件状态', type: 'enum', section: '结果', options: ['有效', '已修改', '已废止', '宣布失效', '到期失效'], width: 5 },
  { key: 'cleanupType', label: '清理类型', type: 'enum', section: '结果', options: CLEANUP_TYPES, width: 6 },
  { key: 'cleanupOn', label: '清理日期', type: 'date', section: '结果', width: 6, help: '文件状态变更或经清理、评估决定保留时填写。' },
  ...COMMON_FIELDS,
];
const labels = labelsOf(fields);

/** 评估提醒 starts this many months before 有效期至 (DOMAIN §1). */
export const EXPIRY_WARN_MONTHS = 6;

/**
 * The filing and 评估 reminders leave the board a year after they fell due: an office importing ten years of
 * documents without their filing dates would otherwise find hundreds of them there (issue 14's complaint). The
 * form's warning and 按时报备率 still show such a document.
 */
const LOOK_BACK_DAYS = 365;

const isInForce = (row: Row) => (str(row.status) ?? '有效') === '有效';

/** The earlier of the two filing dates (报备上级政府 / 人大常委会), as 按时报备率 counts it. */
export function earliestFiling(row: Row): IsoDate | null {
  const a = date(row.filedGovOn);
  const b = date(row.filedCongressOn);
  return a && b ? (a < b ? a : b) : (a ?? b);
}

export const normative: LedgerDef = {
  kind: 'normative',
  name: '规范性文件审核台账',
  shortName: '规范性文件',
  primaryDate: 'receivedOn',
  titleField: 'title',
  fields,
  defaultColumns: ['reviewType', 'title', 'drafter', 'receivedOn', 'dueOn', 'completedOn', 'conclusion', 'opinions', 'adopted', 'status', 'handler'],
  defaults: (row) => ({ status: str(row.status) ?? '有效' }),
  derive(row, { settings, calendar }) {
    const received = date(row.receivedOn);
    let dueOn: IsoDate | null = null;
    if (received) {
      dueOn =
        row.reviewType === '备案审查'
          ? calendar.addCalendarDays(received, settings['normative.filingReviewDays'])
          : calendar.addWorkdays(received, settings['normative.reviewWorkdays']);
    }
    const published = date(row.publishedOn);
    const provisional = /暂行|试行/.test(str(row.title) ?? '');
    return {
      dueOn,
      expiresOn: published ? addYears(published, provisional ? 2 : 5) : null,
      filingDueOn: published ? filingDueOf(published, calendar, settings) : null,
    };
  },
  check(row) {
    const issues: RowIssue[] = [...notBefore(row, 'completedOn', 'receivedOn', labels), ...notBefore(row, 'expiresOn', 'publishedOn', labels)];
    const type = str(row.reviewType) as keyof typeof NORMATIVE_CONCLUSIONS | null;
    const c = str(row.conclusion);
    if (type && c && !(NORMATIVE_CONCLUSIONS[type] as readonly string[]).includes(c)) {
      issues.push({ field: 'conclusion', message: `${type}的结论只能是：${NORMATIVE_CONCLUSIONS[type].join('、')}` });
    }
    const o = num(row.opinions);
    const a = num(row.adopted);
    if (a !== null && (o === null || a > o)) issues.push({ field: 'adopted', message: `${a} 条，不能大于意见条数（${o ?? 0} 条）` });
    return issues;
  },
  warn(row, { settings, today }) {
    // DOMAIN §1: filing late and 评估提醒 — warnings, not refusals (the form and import show them)
    const out: string[] = [];
    const due = date(row.filingDueOn);
    const filed = earliestFiling(row);
    const days = settings['normative.filingDays'];
    if (due && filed && filed > due) out.push(`报备日期（${filed}）晚于报备期限（公布之日起 ${days} 日，${due}），属逾期报备`);
    else if (due && !filed && today && today > due) out.push(`已过报备期限（公布之日起 ${days} 日，${due}）仍未报备`);
    const expires = date(row.expiresOn);
    if (expires && today && isInForce(row) && expires <= addMonths(today, EXPIRY_WARN_MONTHS)) {
      out.push(
        expires < today
          ? `有效期已于 ${expires} 届满，请评估后重新公布或标为到期失效`
          : `有效期至 ${expires}，不足 ${EXPIRY_WARN_MONTHS} 个月，请组织评估（评估提醒）`,
      );
    }
    return out;
  },
  deadlines: [
    {
      field: 'dueOn',
      doneField: 'completedOn',
      warnWithin: { n: 3, unit: 'workdays' },
      rule: (s) => `合法性审核 ${s['normative.reviewWorkdays']} 个工作日；备案审查 ${s['normative.filingReviewDays']} 日`,
    },
    {
      // filed with either body ends it (as 按时报备率 counts the earlier filing date)
      field: 'filingDueOn',
      doneField: 'filedGovOn',
      warnWithin: { n: 7, unit: 'days' },
      lookBackDays: LOOK_BACK_DAYS,
      applies: (row) => !date(row.filedCongressOn),
      reads: ['filedCongressOn'],
      appliesSql: `"filedCongressOn" IS NULL`,
      rule: (s) => `规范性文件应当自公布之日起 ${s['normative.filingDays']} 日内报送备案（国办发〔2018〕37号；时限见设置）`,
    },
    {
      // 评估提醒: our own documents still in force; a 清理/后评估 (清理日期) ends it
      field: 'expiresOn',
      doneField: 'cleanupOn',
      // 公布日期 + 5 (暂行/试行 2) years, no holiday roll-forward (decisions.md 派生值): holidays never move it
      calendarFree: true,
      warnWithin: { n: 183, unit: 'days' },
      lookBackDays: LOOK_BACK_DAYS,
      applies: (row) => isInForce(row) && row.reviewType !== '备案审查',
      reads: ['status', 'reviewType'],
      rule: () => '有效期届满前 6 个月组织评估，需要继续施行的重新公布，否则有效期届满自动失效（国办发〔2018〕37号）',
    },
  ],
};
