import { addYears, type IsoDate } from '../calendar';
import { COMMON_FIELDS, date, labelsOf, notBefore, num, str, type FieldDef, type LedgerDef, type RowIssue } from '../fields';

export const NORMATIVE_CONCLUSIONS = {
  合法性审核: ['同意', '修改后同意', '不同意', '退回补正', '建议不制定'],
  备案审查: ['予以备案', '要求纠正', '建议撤销'],
} as const;

const fields: FieldDef[] = [
  { key: 'reviewType', label: '审查类型', type: 'enum', section: '基本信息', required: true, options: ['合法性审核', '备案审查'], width: 6 },
  { key: 'serialNo', label: '送审编号', type: 'text', section: '基本信息', search: true, width: 8 },
  { key: 'title', label: '文件名称', type: 'text', section: '基本信息', required: true, search: true, width: 20, aliases: ['文件标题', '名称'] },
  { key: 'drafter', label: '起草单位', type: 'text', section: '基本信息', required: true, search: true, suggest: true, width: 10, help: '备案审查填写制定机关。', aliases: ['制定机关', '起草部门', '报送单位'] },
  { key: 'level', label: '文件层级', type: 'enum', section: '基本信息', options: ['政府规范性文件', '部门规范性文件', '下级政府规范性文件'], width: 8 },
  { key: 'receivedOn', label: '送审日期', type: 'date', section: '基本信息', required: true, width: 6, aliases: ['收文日期', '报送日期'] },
  { key: 'dueOn', label: '审核期限', type: 'date', section: '办理过程', derived: 'suggested', width: 6, help: '按设置自动计算：合法性审核按工作日，备案审查按自然日；可手工修改。' },
  { key: 'completedOn', label: '办结日期', type: 'date', section: '办理过程', width: 6 },
  {
    key: 'conclusion', label: '审核结论', type: 'enum', section: '结果',
    options: [...NORMATIVE_CONCLUSIONS.合法性审核, ...NORMATIVE_CONCLUSIONS.备案审查], width: 6,
  },
  { key: 'opinions', label: '意见条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'adopted', label: '采纳条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'publicComment', label: '公开征求意见', type: 'bool', section: '办理过程', width: 4 },
  { key: 'fairCompetition', label: '公平竞争审查', type: 'bool', section: '办理过程', width: 4 },
  { key: 'regNo', label: '登记编号', type: 'text', section: '结果', search: true, width: 8, help: '统一登记、统一编号、统一印发（三统一）的登记编号。' },
  { key: 'docNo', label: '文号', type: 'text', section: '结果', search: true, width: 8 },
  { key: 'publishedOn', label: '公布日期', type: 'date', section: '结果', width: 6 },
  { key: 'effectiveOn', label: '施行日期', type: 'date', section: '结果', width: 6 },
  { key: 'expiresOn', label: '有效期至', type: 'date', section: '结果', derived: 'suggested', width: 6, help: '默认为公布日期起 5 年，暂行、试行文件 2 年；可手工修改。' },
  { key: 'filedGovOn', label: '报备上级政府日期', type: 'date', section: '结果', width: 6 },
  { key: 'filedCongressOn', label: '报备人大常委会日期', type: 'date', section: '结果', width: 6 },
  { key: 'status', label: '文件状态', type: 'enum', section: '结果', options: ['有效', '已修改', '已废止', '宣布失效', '到期失效'], width: 5 },
  { key: 'cleanupType', label: '清理类型', type: 'enum', section: '结果', options: ['全面清理', '专项清理', '定期清理', '后评估', '公平竞争审查'], width: 6 },
  { key: 'cleanupOn', label: '清理日期', type: 'date', section: '结果', width: 6, help: '文件状态变更或经清理、评估决定保留时填写。' },
  ...COMMON_FIELDS,
];
const labels = labelsOf(fields);

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
      dueOn = row.reviewType === '备案审查'
        ? calendar.addCalendarDays(received, settings['normative.filingReviewDays'])
        : calendar.addWorkdays(received, settings['normative.reviewWorkdays']);
    }
    const published = date(row.publishedOn);
    const provisional = /暂行|试行/.test(str(row.title) ?? '');
    return { dueOn, expiresOn: published ? addYears(published, provisional ? 2 : 5) : null };
  },
  check(row) {
    const issues: RowIssue[] = [
      ...notBefore(row, 'completedOn', 'receivedOn', labels),
      ...notBefore(row, 'expiresOn', 'publishedOn', labels),
    ];
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
  deadlines: [
    {
      field: 'dueOn', doneField: 'completedOn', warnWithin: { n: 3, unit: 'workdays' },
      rule: (s) => `合法性审核 ${s['normative.reviewWorkdays']} 个工作日；备案审查 ${s['normative.filingReviewDays']} 日`,
    },
  ],
};
