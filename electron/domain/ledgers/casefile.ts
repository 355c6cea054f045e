import { caseNoSortKey } from '../case-no';
import { COMMON_FIELDS, labelsOf, notBefore, num, type FieldDef, type LedgerDef } from '../fields';
import { scoreAndGrade } from '../rules';

export const VETO_ITEMS = [
  '主体不合法',
  '无执法资格',
  '事实不清',
  '证据不足',
  '定性错误',
  '适用法律错误',
  '程序违法',
  '执法人员少于2人',
  '应移送未移送',
] as const;

const fields: FieldDef[] = [
  { key: 'batch', label: '评查批次', type: 'text', section: '基本信息', search: true, suggest: true, width: 10, help: '如“2025年度行政执法案卷评查”。' },
  { key: 'mode', label: '评查方式', type: 'enum', section: '基本信息', options: ['自查', '抽查', '交叉评查', '专项评查'], width: 5 },
  { key: 'unit', label: '被评查单位', type: 'text', section: '基本信息', required: true, search: true, suggest: true, width: 10 },
  { key: 'field', label: '执法领域', type: 'text', section: '基本信息', search: true, suggest: true, width: 6 },
  {
    key: 'fileType',
    label: '案卷类型',
    type: 'enum',
    section: '基本信息',
    options: ['行政处罚', '行政许可', '行政强制', '行政检查', '行政征收', '其他'],
    width: 5,
  },
  { key: 'caseNo', label: '案号', type: 'text', section: '基本信息', search: true, width: 10, sortKey: caseNoSortKey },
  { key: 'party', label: '当事人', type: 'text', section: '基本信息', search: true, width: 8 },
  { key: 'closedOn', label: '办结日期', type: 'date', section: '基本信息', width: 6 },
  { key: 'reviewedOn', label: '评查日期', type: 'date', section: '办理过程', required: true, width: 6 },
  { key: 'reviewer', label: '评查人', type: 'text', section: '办理过程', search: true, suggest: true, width: 6 },
  { key: 'vetoes', label: '否决项', type: 'multiEnum', section: '结果', options: VETO_ITEMS, width: 10, help: 'Excel 中多项以“、”分隔。' },
  { key: 'formScore', label: '卷面分', type: 'decimal', section: '结果', min: 0, max: 20, width: 4 },
  { key: 'contentScore', label: '内容分', type: 'decimal', section: '结果', min: 0, max: 80, width: 4 },
  {
    key: 'score',
    label: '总分',
    type: 'decimal',
    section: '结果',
    min: 0,
    max: 100,
    derived: 'always',
    width: 4,
    help: '卷面分与内容分之和（只有总分时按所填总分）；有否决项且规则为“零分”时为 0。',
  },
  { key: 'grade', label: '等次', type: 'enum', section: '结果', options: ['优秀', '合格', '不合格'], derived: 'always', width: 4 },
  { key: 'model', label: '优秀案卷', type: 'bool', section: '结果', width: 4 },
  { key: 'issues', label: '问题条数', type: 'int', section: '结果', min: 0, width: 4 },
  { key: 'issueSummary', label: '主要问题', type: 'longtext', section: '结果', search: true, width: 16 },
  { key: 'rectifyBy', label: '整改期限', type: 'date', section: '结果', width: 6 },
  { key: 'rectifiedOn', label: '整改完成日期', type: 'date', section: '结果', width: 6 },
  ...COMMON_FIELDS,
];
const labels = labelsOf(fields);

export const casefile: LedgerDef = {
  kind: 'casefile',
  name: '行政执法案卷评查台账',
  shortName: '案卷评查',
  primaryDate: 'reviewedOn',
  titleField: 'unit',
  fields,
  defaultColumns: ['batch', 'unit', 'fileType', 'caseNo', 'party', 'reviewedOn', 'score', 'grade', 'issues', 'rectifyBy', 'rectifiedOn'],
  derive: (row, { settings }) => scoreAndGrade(row, settings),
  check: (row) => [...notBefore(row, 'rectifiedOn', 'reviewedOn', labels), ...notBefore(row, 'rectifyBy', 'reviewedOn', labels)],
  deadlines: [
    {
      field: 'rectifyBy',
      doneField: 'rectifiedOn',
      warnWithin: { n: 10, unit: 'days' },
      applies: (row) => (num(row.issues) ?? 0) > 0,
      reads: ['issues'],
      rule: () => '评查发现问题的整改期限',
    },
  ],
};
