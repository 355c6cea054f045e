import { caseNoSortKey } from '../case-no';
import { COMMON_FIELDS, date, labelsOf, notBefore, num, str, type FieldDef, type LedgerDef, type RowIssue } from '../fields';
import { appealDays } from '../case-file';
import { ACT_TYPES, enterpriseDefault, FIELD_SUGGESTIONS, PARTY_TYPES } from './reconsideration';
import { LOSING_JUDGMENTS, lost } from '../rules';

const fields: FieldDef[] = [
  { key: 'caseNo', label: '案号', type: 'text', section: '基本信息', required: true, unique: true, search: true, width: 10, sortKey: caseNoSortKey },
  {
    key: 'instance',
    label: '审级',
    type: 'enum',
    section: '基本信息',
    options: ['一审', '二审', '再审'],
    width: 3,
    aliases: ['诉讼类型', '审理阶段', '审理程序'],
    words: { 1: '一审', 2: '二审', 3: '再审', 一审程序: '一审', 二审程序: '二审', 再审程序: '再审' },
  },
  { key: 'priorCaseNo', label: '关联案号', type: 'text', section: '基本信息', search: true, width: 10, help: '前一审级的案号或行政复议案号。' },
  {
    key: 'receivedOn',
    label: '收案日期',
    type: 'date',
    section: '基本信息',
    required: true,
    width: 6,
    help: '收到起诉状副本之日。',
    aliases: ['收文日期', '来文日期', '应诉通知书签收日期', '收到起诉状副本日期'],
  },
  { key: 'court', label: '管辖法院', type: 'text', section: '基本信息', search: true, suggest: true, width: 10, aliases: ['受理法院', '审理法院'] },
  { key: 'plaintiff', label: '原告', type: 'text', section: '基本信息', required: true, search: true, suggest: true, width: 8, aliases: ['起诉人', '上诉人'] },
  {
    key: 'plaintiffType',
    label: '原告类型',
    type: 'enum',
    section: '基本信息',
    options: PARTY_TYPES,
    width: 5,
    words: { 个人: '自然人', 公民: '自然人', 企业: '法人', 公司: '法人', 个体户: '个体工商户' },
  },
  { key: 'enterprise', label: '涉企', type: 'bool', section: '基本信息', width: 3, help: '原告为法人或个体工商户的默认涉企，可修改。' },
  {
    key: 'defendant',
    label: '被告',
    type: 'text',
    section: '基本信息',
    required: true,
    search: true,
    suggest: true,
    width: 10,
    aliases: ['被诉行政机关', '被上诉人'],
  },
  { key: 'defendantType', label: '被告类型', type: 'enum', section: '基本信息', options: ['本级人民政府', '政府部门', '乡镇(街道)', '其他'], width: 6 },
  { key: 'coDefendant', label: '复议机关共同被告', type: 'bool', section: '基本信息', width: 4 },
  {
    key: 'actType',
    label: '行为类别',
    type: 'enum',
    section: '基本信息',
    options: ACT_TYPES,
    width: 6,
    aliases: ['案由', '案件类别', '被诉行为'],
    words: { 处罚: '行政处罚', 强制: '行政强制', 许可: '行政许可', 信息公开: '政府信息公开', 不作为: '不履行法定职责' },
  },
  { key: 'field', label: '行政管理领域', type: 'text', section: '基本信息', suggestions: FIELD_SUGGESTIONS, search: true, suggest: true, width: 6 },
  { key: 'claims', label: '诉讼请求', type: 'longtext', section: '基本信息', width: 16 },
  {
    key: 'answerDueOn',
    label: '答辩期限',
    type: 'date',
    section: '办理过程',
    derived: 'always',
    width: 6,
    help: '收到起诉状副本之日起 15 日；末日为节假日的顺延。',
    aliases: ['书面答辩提交截止日期', '举证期限'],
  },
  { key: 'answeredOn', label: '答辩提交日期', type: 'date', section: '办理过程', width: 6 },
  { key: 'hearings', label: '开庭次数', type: 'int', section: '办理过程', min: 0, width: 4 },
  { key: 'headHearings', label: '负责人出庭次数', type: 'int', section: '办理过程', min: 0, width: 4 },
  {
    key: 'headName',
    label: '出庭负责人',
    type: 'text',
    section: '办理过程',
    search: true,
    suggest: true,
    width: 8,
    help: '姓名及职务。',
    aliases: ['出庭应诉负责人'],
  },
  { key: 'absenceReason', label: '未出庭原因', type: 'text', section: '办理过程', width: 10 },
  { key: 'closedOn', label: '结案日期', type: 'date', section: '结果', width: 6, aliases: ['审结日期', '办结日期'] },
  {
    key: 'closure',
    label: '结案方式',
    type: 'enum',
    section: '结果',
    options: ['判决', '裁定驳回起诉', '准予撤诉', '按撤诉处理', '调解'],
    width: 6,
    words: { 撤诉: '准予撤诉', 原告撤诉: '准予撤诉', 判决结案: '判决', 调解结案: '调解' },
  },
  { key: 'judgment', label: '裁判结果', type: 'enum', section: '结果', options: ['驳回诉讼请求', ...LOSING_JUDGMENTS, '其他'], width: 6 },
  { key: 'withdrawnAfterChange', label: '被告改变后撤诉', type: 'bool', section: '结果', width: 4 },
  {
    key: 'lost',
    label: '败诉',
    type: 'bool',
    section: '结果',
    derived: 'suggested',
    width: 3,
    help: '以判决结案且裁判结果为撤销、变更、确认违法等的自动计为败诉；可手工改定。',
  },
  { key: 'judgmentReceivedOn', label: '裁判文书收到日', type: 'date', noSort: true, section: '结果', width: 6 },
  {
    key: 'appealDueOn',
    label: '上诉期限',
    type: 'date',
    noSort: true,
    section: '结果',
    derived: 'always',
    width: 6,
    help: '行政诉讼法第八十五条：收到判决书之日起 15 日、裁定书之日起 10 日；末日为节假日的顺延。',
  },
  { key: 'appealed', label: '上诉', type: 'bool', section: '结果', width: 3, help: '选“否”表示决定不上诉，上诉期限不再提醒。' },
  { key: 'appealFiledOn', label: '上诉提交日', type: 'date', noSort: true, section: '结果', width: 6 },
  { key: 'judicialSuggestion', label: '司法建议', type: 'bool', section: '结果', width: 4, help: '收到之日起 2 个月内回复。' },
  { key: 'judicialReceivedOn', label: '司法建议收到日期', type: 'date', noSort: true, section: '结果', width: 6 },
  {
    key: 'judicialReplyDueOn',
    label: '司法建议回复期限',
    type: 'date',
    noSort: true,
    section: '结果',
    derived: 'always',
    width: 6,
    help: '收到之日起 2 个月；末日为节假日的顺延。',
  },
  { key: 'judicialRepliedOn', label: '司法建议回复日期', type: 'date', noSort: true, section: '结果', width: 6 },
  { key: 'procuratorSuggestion', label: '检察建议', type: 'bool', section: '结果', width: 4, help: '收到之日起 2 个月内回复。' },
  { key: 'procuratorReceivedOn', label: '检察建议收到日期', type: 'date', noSort: true, section: '结果', width: 6 },
  {
    key: 'procuratorReplyDueOn',
    label: '检察建议回复期限',
    type: 'date',
    noSort: true,
    section: '结果',
    derived: 'always',
    width: 6,
    help: '收到之日起 2 个月；末日为节假日的顺延。',
  },
  { key: 'procuratorRepliedOn', label: '检察建议回复日期', type: 'date', noSort: true, section: '结果', width: 6 },
  ...COMMON_FIELDS,
];
const labels = labelsOf(fields);

/** 司法建议/检察建议 are answered within this many months of receipt (DOMAIN §5, §11). */
export const SUGGESTION_REPLY_MONTHS = 2;

export const litigation: LedgerDef = {
  kind: 'litigation',
  name: '行政应诉案件台账',
  shortName: '行政应诉',
  primaryDate: 'receivedOn',
  titleField: 'caseNo',
  fields,
  defaultColumns: [
    'caseNo',
    'instance',
    'receivedOn',
    'plaintiff',
    'defendant',
    'actType',
    'answerDueOn',
    'headHearings',
    'closedOn',
    'closure',
    'lost',
    'handler',
  ],
  defaults: (row) => ({
    enterprise: typeof row.enterprise === 'boolean' ? row.enterprise : enterpriseDefault(str(row.plaintiffType)),
    // a 收到日期 says the suggestion was received
    judicialSuggestion: date(row.judicialReceivedOn) ? true : null,
    procuratorSuggestion: date(row.procuratorReceivedOn) ? true : null,
  }),
  derive(row, { calendar }) {
    const received = date(row.receivedOn);
    const judicial = date(row.judicialReceivedOn);
    const procurator = date(row.procuratorReceivedOn);
    const judgmentReceived = date(row.judgmentReceivedOn);
    const appeal = appealDays(row.closure);
    return {
      answerDueOn: received ? calendar.addCalendarDays(received, 15) : null,
      lost: lost.test(row),
      judicialReplyDueOn: judicial ? calendar.addMonthsPeriod(judicial, SUGGESTION_REPLY_MONTHS) : null,
      procuratorReplyDueOn: procurator ? calendar.addMonthsPeriod(procurator, SUGGESTION_REPLY_MONTHS) : null,
      appealDueOn: judgmentReceived && appeal ? calendar.addCalendarDays(judgmentReceived, appeal) : null,
    };
  },
  check(row) {
    const issues: RowIssue[] = [
      ...notBefore(row, 'closedOn', 'receivedOn', labels),
      ...notBefore(row, 'answeredOn', 'receivedOn', labels),
      ...notBefore(row, 'judicialRepliedOn', 'judicialReceivedOn', labels),
      ...notBefore(row, 'procuratorRepliedOn', 'procuratorReceivedOn', labels),
      ...notBefore(row, 'judgmentReceivedOn', 'receivedOn', labels),
      ...notBefore(row, 'appealFiledOn', 'judgmentReceivedOn', labels),
    ];
    for (const [received, replied] of [
      ['judicialReceivedOn', 'judicialRepliedOn'],
      ['procuratorReceivedOn', 'procuratorRepliedOn'],
    ] as const) {
      if (date(row[replied]) && !date(row[received])) issues.push({ field: received, message: `填写了${labels[replied]}时必填` });
    }
    const h = num(row.hearings);
    const hh = num(row.headHearings);
    if (hh !== null && hh > (h ?? 0)) issues.push({ field: 'headHearings', message: `${hh} 次，不能大于开庭次数（${h ?? 0} 次）` });
    if (str(row.closure) && !date(row.closedOn)) issues.push({ field: 'closedOn', message: '填写了结案方式时必填' });
    // DOMAIN §13: a judgment says what it decided (败诉 is derived from it)
    if (row.closure === '判决' && !str(row.judgment)) issues.push({ field: 'judgment', message: '结案方式为“判决”时必填' });
    return issues;
  },
  deadlines: [
    {
      field: 'answerDueOn',
      doneField: 'answeredOn',
      warnWithin: { n: 5, unit: 'days' },
      applies: (row) => !date(row.closedOn),
      reads: ['closedOn'],
      appliesSql: `"closedOn" IS NULL`,
      rule: () => '行政诉讼法第六十七条：收到起诉状副本之日起 15 日内提交答辩状和证据',
    },
    {
      field: 'judicialReplyDueOn',
      doneField: 'judicialRepliedOn',
      warnWithin: { n: 10, unit: 'days' },
      rule: () => '司法建议：收到之日起 2 个月内书面回复（最高人民法院关于加强司法建议工作的意见；建议书另定期限的从其规定）',
    },
    {
      field: 'procuratorReplyDueOn',
      doneField: 'procuratorRepliedOn',
      warnWithin: { n: 10, unit: 'days' },
      rule: () => '人民检察院检察建议工作规定第十九条：收到检察建议书之日起 2 个月内书面回复',
    },
    {
      field: 'appealDueOn',
      doneField: 'appealFiledOn',
      warnWithin: { n: 5, unit: 'days' },
      applies: (row) => row.appealed !== false,
      reads: ['appealed'],
      appliesSql: `"appealed" IS NULL OR "appealed" <> 0`,
      rule: () => '行政诉讼法第八十五条：收到判决书之日起 15 日内、裁定书之日起 10 日内向上一级人民法院提起上诉',
    },
  ],
};
