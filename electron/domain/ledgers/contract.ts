import { COMMON_FIELDS, date, isTrue, labelsOf, notBefore, num, type FieldDef, type LedgerDef, type RowIssue } from '../fields';

const fields: FieldDef[] = [
  { key: 'title', label: '合同名称', type: 'text', section: '基本信息', required: true, search: true, width: 20 },
  {
    key: 'submitter',
    label: '送审单位',
    type: 'text',
    section: '基本信息',
    required: true,
    search: true,
    suggest: true,
    width: 10,
    aliases: ['签订部门', '承办部门', '承办科室'],
  },
  {
    key: 'counterparty',
    label: '合同相对方',
    type: 'text',
    section: '基本信息',
    search: true,
    suggest: true,
    width: 10,
    aliases: ['签订单位', '合同相对人', '乙方'],
  },
  {
    key: 'contractType',
    label: '合同类型',
    type: 'enum',
    section: '基本信息',
    width: 8,
    options: ['政府采购', '工程建设', '招商引资', '国有资产处置租赁', '特许经营(PPP)', '征收补偿协议', '借款融资补贴', '合作协议', '其他'],
  },
  { key: 'administrative', label: '行政协议', type: 'bool', section: '基本信息', width: 4 },
  { key: 'amount', label: '标的额(万元)', type: 'decimal', section: '基本信息', min: 0, width: 6, aliases: ['合同金额', '标的额'] },
  { key: 'inGovName', label: '以政府名义签订', type: 'bool', section: '基本信息', width: 4 },
  {
    key: 'major',
    label: '重大合同',
    type: 'bool',
    section: '基本信息',
    derived: 'suggested',
    width: 4,
    help: '以政府名义签订或标的额达到设置金额的，自动标为重大合同；可手工改定。',
  },
  { key: 'receivedOn', label: '送审日期', type: 'date', section: '基本信息', required: true, width: 6 },
  { key: 'dueOn', label: '审查期限', type: 'date', section: '办理过程', derived: 'suggested', width: 6 },
  { key: 'completedOn', label: '办结日期', type: 'date', section: '办理过程', width: 6 },
  { key: 'conclusion', label: '审查结论', type: 'enum', section: '结果', options: ['同意', '修改后同意', '不同意'], width: 6 },
  { key: 'opinions', label: '意见条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'adopted', label: '采纳条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'signedOn', label: '签订日期', type: 'date', section: '结果', width: 6 },
  { key: 'filedOn', label: '备案日期', type: 'date', section: '结果', width: 6 },
  {
    key: 'performance',
    label: '履约状态',
    type: 'enum',
    section: '结果',
    options: ['履行中', '已履行', '发生纠纷', '解除终止'],
    width: 5,
    aliases: ['履行情况'],
  },
  ...COMMON_FIELDS,
];
const labels = labelsOf(fields);

export const contract: LedgerDef = {
  kind: 'contract',
  name: '合同审查台账',
  shortName: '合同审查',
  primaryDate: 'receivedOn',
  titleField: 'title',
  fields,
  defaultColumns: ['title', 'submitter', 'counterparty', 'contractType', 'amount', 'major', 'receivedOn', 'dueOn', 'completedOn', 'conclusion', 'handler'],
  derive(row, { settings, calendar }) {
    const received = date(row.receivedOn);
    const amount = num(row.amount);
    return {
      major: isTrue(row.inGovName) || (amount !== null && amount >= settings['contract.majorThreshold']),
      dueOn: received ? calendar.addWorkdays(received, settings['contract.reviewWorkdays']) : null,
    };
  },
  check(row) {
    const issues: RowIssue[] = [...notBefore(row, 'completedOn', 'receivedOn', labels), ...notBefore(row, 'filedOn', 'signedOn', labels)];
    const o = num(row.opinions);
    const a = num(row.adopted);
    if (a !== null && (o === null || a > o)) issues.push({ field: 'adopted', message: `${a} 条，不能大于意见条数（${o ?? 0} 条）` });
    return issues;
  },
  deadlines: [
    { field: 'dueOn', doneField: 'completedOn', warnWithin: { n: 2, unit: 'workdays' }, rule: (s) => `合同审查 ${s['contract.reviewWorkdays']} 个工作日` },
  ],
};
