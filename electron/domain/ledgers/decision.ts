import { COMMON_FIELDS, date, isTrue, labelsOf, notBefore, num, type FieldDef, type LedgerDef } from '../fields';

const fields: FieldDef[] = [
  {
    key: 'title',
    label: '决策事项名称',
    type: 'text',
    section: '基本信息',
    required: true,
    search: true,
    width: 20,
    aliases: ['决策事项', '重大行政决策事项', '事项名称'],
  },
  {
    key: 'sponsor',
    label: '承办单位',
    type: 'text',
    section: '基本信息',
    required: true,
    search: true,
    suggest: true,
    width: 10,
    aliases: ['决策承办单位', '责任单位', '决策实施单位'],
  },
  {
    key: 'category',
    label: '事项类别',
    type: 'enum',
    section: '基本信息',
    options: ['公共政策措施', '发展规划', '资源保护利用', '重大公共建设项目', '其他重大事项'],
    width: 8,
  },
  { key: 'inCatalog', label: '列入年度目录', type: 'bool', section: '基本信息', width: 4 },
  { key: 'receivedOn', label: '送审日期', type: 'date', section: '基本信息', required: true, width: 6 },
  { key: 'dueOn', label: '审查期限', type: 'date', section: '办理过程', derived: 'suggested', width: 6, help: '按设置的工作日数自动计算；可手工修改。' },
  { key: 'completedOn', label: '办结日期', type: 'date', section: '办理过程', width: 6 },
  { key: 'publicParticipation', label: '公众参与', type: 'bool', section: '办理过程', width: 4 },
  { key: 'commentDays', label: '征求意见天数', type: 'int', section: '办理过程', min: 0, width: 4, help: '公开征求意见期限一般不少于 30 日。' },
  { key: 'expertReview', label: '专家论证', type: 'bool', section: '办理过程', width: 4 },
  { key: 'riskAssessment', label: '风险评估', type: 'bool', section: '办理过程', width: 4 },
  { key: 'hearing', label: '听证', type: 'bool', section: '办理过程', width: 3 },
  { key: 'conclusion', label: '审查结论', type: 'enum', section: '结果', options: ['合法', '修改后合法', '不合法'], width: 6 },
  { key: 'opinions', label: '意见条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'discussedOn', label: '集体讨论日期', type: 'date', section: '结果', width: 6, help: '政府常务会议或全体会议讨论的日期。' },
  { key: 'outcome', label: '决策结果', type: 'enum', section: '结果', options: ['通过', '修改后通过', '暂缓', '不予通过'], width: 6 },
  { key: 'publishedOn', label: '公布日期', type: 'date', section: '结果', width: 6 },
  { key: 'postEvaluation', label: '后评估', type: 'bool', section: '结果', width: 4 },
  ...COMMON_FIELDS,
];
const labels = labelsOf(fields);

export const decision: LedgerDef = {
  kind: 'decision',
  name: '重大行政决策审查台账',
  shortName: '重大行政决策',
  primaryDate: 'receivedOn',
  titleField: 'title',
  fields,
  defaultColumns: ['title', 'sponsor', 'category', 'inCatalog', 'receivedOn', 'dueOn', 'completedOn', 'conclusion', 'opinions', 'outcome', 'handler'],
  derive(row, { settings, calendar }) {
    const received = date(row.receivedOn);
    return { dueOn: received ? calendar.addWorkdays(received, settings['decision.reviewWorkdays']) : null };
  },
  check: (row) => [...notBefore(row, 'completedOn', 'receivedOn', labels), ...notBefore(row, 'publishedOn', 'receivedOn', labels)],
  warn(row) {
    const days = num(row.commentDays);
    return isTrue(row.publicParticipation) && days !== null && days < 30 ? [`公开征求意见 ${days} 天，少于 30 日`] : [];
  },
  deadlines: [
    { field: 'dueOn', doneField: 'completedOn', warnWithin: { n: 3, unit: 'workdays' }, rule: (s) => `合法性审查 ${s['decision.reviewWorkdays']} 个工作日` },
  ],
};
