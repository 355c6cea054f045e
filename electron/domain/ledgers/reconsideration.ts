import { caseNoSortKey } from '../case-no';
import { COMMON_FIELDS, date, isTrue, labelsOf, notBefore, num, str, type FieldDef, type LedgerDef, type RowIssue } from '../fields';

export const PARTY_TYPES = ['自然人', '法人', '非法人组织', '个体工商户'] as const;
export const ACT_TYPES = [
  '行政处罚',
  '行政强制',
  '行政许可',
  '行政确认',
  '行政征收征用补偿',
  '政府信息公开',
  '举报投诉处理',
  '不履行法定职责',
  '工伤认定',
  '行政协议',
  '行政给付',
  '其他',
] as const;
export const FIELD_SUGGESTIONS = [
  '公安',
  '市场监管',
  '自然资源',
  '住房城乡建设',
  '人力资源社会保障',
  '生态环境',
  '交通运输',
  '综合行政执法',
  '卫生健康',
  '农业农村',
  '应急管理',
  '教育',
  '民政',
  '财政',
  '税务',
  '其他',
] as const;
export const DISPOSITIONS = [
  '维持',
  '驳回复议请求',
  '驳回申请',
  '变更',
  '撤销',
  '确认违法',
  '确认无效',
  '责令履行',
  '调解',
  '终止(撤回)',
  '终止(其他)',
] as const;
/**
 * 审结方式 that decide the case on its merits (DOMAIN §13): an application that was never accepted (不予受理,
 * 视为放弃, 受理前撤回) cannot end in one of these. 驳回申请 and the two 终止 are procedural endings and stay allowed.
 */
export const MERITS_DISPOSITIONS = ['维持', '驳回复议请求', '变更', '撤销', '确认违法', '确认无效', '责令履行', '调解'] as const;
/** 受理情况 of an application that was not accepted. */
export const NOT_ACCEPTED_INTAKES = ['不予受理', '视为放弃', '受理前撤回'] as const;

/** 涉企 defaults to true for 法人 and 个体工商户. */
export function enterpriseDefault(partyType: string | null): boolean | null {
  if (!partyType) return null;
  return partyType === '法人' || partyType === '个体工商户';
}

const fields: FieldDef[] = [
  {
    key: 'caseNo',
    label: '案号',
    type: 'text',
    section: '基本信息',
    required: true,
    unique: true,
    search: true,
    width: 10,
    sortKey: caseNoSortKey,
    aliases: ['案件编号', '复议案号', '收案号', '编号'],
  },
  {
    key: 'receivedOn',
    label: '收到申请日期',
    type: 'date',
    section: '基本信息',
    required: true,
    width: 6,
    aliases: ['申请日期', '申请时间', '收案日期', '收到日期', '来文日期'],
  },
  {
    key: 'channel',
    label: '申请方式',
    type: 'enum',
    section: '基本信息',
    options: ['书面', '口头', '网上', '邮寄'],
    width: 4,
    aliases: ['收到申请方式', '申请途径'],
    words: { 书面申请: '书面', 口头申请: '口头', 网上申请: '网上', 网络: '网上', 邮寄申请: '邮寄', 邮件: '邮寄' },
  },
  { key: 'applicant', label: '申请人', type: 'text', section: '基本信息', required: true, search: true, suggest: true, width: 8 },
  {
    key: 'applicantType',
    label: '申请人类型',
    type: 'enum',
    section: '基本信息',
    options: PARTY_TYPES,
    width: 5,
    words: { 个人: '自然人', 公民: '自然人', 企业: '法人', 公司: '法人', 个体户: '个体工商户' },
  },
  { key: 'enterprise', label: '涉企', type: 'bool', section: '基本信息', width: 3, help: '申请人为法人或个体工商户的默认涉企，可修改。' },
  {
    key: 'respondent',
    label: '被申请人',
    type: 'text',
    section: '基本信息',
    required: true,
    search: true,
    suggest: true,
    width: 10,
    aliases: ['被复议机关', '被申请机关'],
  },
  {
    key: 'respondentType',
    label: '被申请人类型',
    type: 'enum',
    section: '基本信息',
    options: ['政府部门', '乡镇(街道)', '下级人民政府', '派出机构', '法律法规授权组织', '其他'],
    width: 6,
  },
  {
    key: 'field',
    label: '行政管理领域',
    type: 'text',
    section: '基本信息',
    suggestions: FIELD_SUGGESTIONS,
    search: true,
    suggest: true,
    width: 6,
    aliases: ['行政类别', '行政管理类型', '管理领域'],
  },
  {
    key: 'actType',
    label: '行为类别',
    type: 'enum',
    section: '基本信息',
    options: ACT_TYPES,
    width: 6,
    aliases: ['案由', '行政行为类型', '申请事项', '复议事项', '案件类别'],
    words: { 处罚: '行政处罚', 强制: '行政强制', 许可: '行政许可', 信息公开: '政府信息公开', 不作为: '不履行法定职责' },
  },
  { key: 'mandatory', label: '复议前置', type: 'bool', section: '基本信息', width: 4, aliases: ['是否复议前置'] },
  { key: 'attachedReview', label: '附带审查规范性文件', type: 'bool', section: '基本信息', width: 4 },
  { key: 'compensation', label: '一并请求赔偿', type: 'bool', section: '基本信息', width: 4, aliases: ['是否附带行政赔偿', '行政赔偿'] },
  // DOMAIN §11: the facts of the case file (migration 10); 当事人 and 中止 periods are child tables (case-file.ts)
  { key: 'actName', label: '被申请行为名称', type: 'text', section: '基本信息', width: 12 },
  { key: 'actDocNo', label: '被申请行为文号', type: 'text', section: '基本信息', width: 10 },
  { key: 'actDate', label: '被申请行为作出日期', type: 'date', noSort: true, section: '基本信息', width: 6 },
  { key: 'request', label: '复议请求', type: 'longtext', section: '基本信息', search: true, width: 16 },
  { key: 'factsReasons', label: '事实和理由', type: 'longtext', section: '基本信息', width: 16 },
  {
    key: 'intake',
    label: '受理情况',
    type: 'enum',
    section: '办理过程',
    options: ['审查中', '受理', '不予受理', '补正中', '视为放弃', '受理前撤回'],
    width: 5,
  },
  { key: 'acceptedOn', label: '受理日期', type: 'date', section: '办理过程', width: 6, aliases: ['立案日期'] },
  { key: 'procedure', label: '适用程序', type: 'enum', section: '办理过程', options: ['普通程序', '简易程序'], width: 5 },
  { key: 'hearing', label: '听证', type: 'bool', section: '办理过程', width: 3 },
  { key: 'committee', label: '提请复议委员会', type: 'bool', section: '办理过程', width: 4 },
  {
    key: 'suspendedDays',
    label: '中止天数',
    type: 'int',
    section: '办理过程',
    min: 0,
    width: 4,
    help: '中止期间不计入审理期限。已登记中止期间的案件按中止日至恢复日自动计算（行政复议法第三十九条）。',
  },
  { key: 'extended', label: '延期', type: 'bool', section: '办理过程', width: 3, help: '普通程序经批准可延长不超过 30 日。' },
  {
    key: 'intakeDueOn',
    label: '受理审查期限',
    type: 'date',
    section: '办理过程',
    derived: 'always',
    width: 6,
    help: '收到申请之日起 5 个工作日；通知补正的，自补正材料齐全之日起重新计算。',
  },
  {
    key: 'decisionDueOn',
    label: '审理期限',
    type: 'date',
    section: '办理过程',
    derived: 'always',
    width: 6,
    help: '受理之日起 60 日（简易程序 30 日），延期加 30 日，另加中止天数；末日为节假日的顺延。',
  },
  { key: 'correctionNoticeOn', label: '补正通知日', type: 'date', noSort: true, section: '办理过程', width: 6, help: '申请人收到补正通知书之日。' },
  {
    key: 'correctionDueOn',
    label: '补正期限',
    type: 'date',
    noSort: true,
    section: '办理过程',
    derived: 'always',
    width: 6,
    help: '行政复议法第三十一条、第八十八条：收到补正通知之日起 10 个工作日。',
  },
  { key: 'correctedOn', label: '补正完成日', type: 'date', noSort: true, section: '办理过程', width: 6, help: '补正材料齐全之日；受理审查期限自此重新计算。' },
  {
    key: 'copyDueOn',
    label: '副本发送期限',
    type: 'date',
    noSort: true,
    section: '办理过程',
    derived: 'always',
    width: 6,
    help: '行政复议法第四十八条、第五十四条、第八十八条：受理之日起 7 个工作日（简易程序 3 个工作日）。',
  },
  { key: 'copySentOn', label: '副本发送日', type: 'date', noSort: true, section: '办理过程', width: 6, help: '申请书副本或笔录复印件发送被申请人之日。' },
  { key: 'answerNoticeOn', label: '答复通知书送达日', type: 'date', noSort: true, section: '办理过程', width: 6 },
  {
    key: 'answerDueOn',
    label: '答复期限',
    type: 'date',
    noSort: true,
    section: '办理过程',
    derived: 'always',
    width: 6,
    help: '行政复议法第四十八条、第五十四条、第八十八条：收到答复通知书之日起 10 个工作日（简易程序 5 个工作日）。',
  },
  { key: 'answerReceivedOn', label: '答复收到日', type: 'date', noSort: true, section: '办理过程', width: 6 },
  { key: 'hearingOn', label: '听证日期', type: 'date', noSort: true, section: '办理过程', width: 6, help: '听证通知应在听证 5 个工作日前送达。' },
  { key: 'hearingPlace', label: '听证地点', type: 'text', section: '办理过程', width: 10 },
  { key: 'extensionApprovedOn', label: '延期批准日', type: 'date', noSort: true, section: '办理过程', width: 6 },
  {
    key: 'extensionDays',
    label: '延期天数',
    type: 'int',
    section: '办理过程',
    min: 1,
    max: 30,
    width: 4,
    help: '经批准延长的天数，不超过 30 日；不填按 30 日计。',
  },
  { key: 'closedOn', label: '审结日期', type: 'date', section: '结果', width: 6, aliases: ['结案日期', '办结日期', '决定日期'] },
  { key: 'servedOn', label: '决定书送达日', type: 'date', noSort: true, section: '结果', width: 6 },
  {
    key: 'disposition',
    label: '审结方式',
    type: 'enum',
    section: '结果',
    options: DISPOSITIONS,
    width: 6,
    aliases: ['结案方式', '复议结果', '审理结果', '处理结果', '决定类型'],
    words: { 驳回: '驳回复议请求', 调解结案: '调解', 申请人撤回: '终止(撤回)', 撤回: '终止(撤回)', 准予撤回: '终止(撤回)', 终止: '终止(其他)' },
  },
  { key: 'selfCorrected', label: '被申请人自行纠正', type: 'bool', section: '结果', width: 4, help: '被申请人改变原行政行为、申请人撤回申请的案件。' },
  { key: 'published', label: '决定书公开', type: 'bool', section: '结果', width: 4 },
  { key: 'opinionLetter', label: '制发意见书建议书', type: 'bool', section: '结果', width: 4 },
  { key: 'sued', label: '复议后起诉', type: 'bool', section: '结果', width: 4 },
  ...COMMON_FIELDS,
];
const labels = labelsOf(fields);

export const reconsideration: LedgerDef = {
  kind: 'reconsideration',
  name: '行政复议案件台账',
  shortName: '行政复议',
  primaryDate: 'receivedOn',
  titleField: 'caseNo',
  fields,
  defaultColumns: ['caseNo', 'receivedOn', 'applicant', 'respondent', 'actType', 'intake', 'decisionDueOn', 'closedOn', 'disposition', 'handler'],
  defaults: (row) => ({ enterprise: typeof row.enterprise === 'boolean' ? row.enterprise : enterpriseDefault(str(row.applicantType)) }),
  derive(row, { calendar }) {
    const received = date(row.receivedOn);
    const accepted = date(row.acceptedOn);
    let decisionDueOn: string | null = null;
    if (accepted) {
      const simple = row.procedure === '简易程序';
      const extension = isTrue(row.extended) && !simple ? (num(row.extensionDays) ?? 30) : 0;
      const days = (simple ? 30 : 60) + extension + (num(row.suspendedDays) ?? 0);
      decisionDueOn = calendar.addCalendarDays(accepted, days);
    }
    const simple = row.procedure === '简易程序';
    const notice = date(row.correctionNoticeOn);
    const answerNotice = date(row.answerNoticeOn);
    // §11: the 受理审查期限 restarts from the day the corrected material is complete, and does not run while the
    // applicant has the 补正 notice (the 补正期限 is then the deadline of the case)
    const intakeFrom = date(row.correctedOn) ?? (notice ? null : received);
    return {
      intakeDueOn: intakeFrom ? calendar.addWorkdays(intakeFrom, 5) : null,
      decisionDueOn,
      correctionDueOn: notice ? calendar.addWorkdays(notice, 10) : null,
      copyDueOn: accepted ? calendar.addWorkdays(accepted, simple ? 3 : 7) : null,
      answerDueOn: answerNotice ? calendar.addWorkdays(answerNotice, simple ? 5 : 10) : null,
    };
  },
  check(row) {
    const issues: RowIssue[] = [
      ...notBefore(row, 'acceptedOn', 'receivedOn', labels),
      ...notBefore(row, 'closedOn', 'receivedOn', labels),
      ...notBefore(row, 'closedOn', 'acceptedOn', labels),
    ];
    issues.push(
      ...notBefore(row, 'correctedOn', 'correctionNoticeOn', labels),
      ...notBefore(row, 'answerReceivedOn', 'answerNoticeOn', labels),
      ...notBefore(row, 'servedOn', 'closedOn', labels),
    );
    if ((num(row.extensionDays) !== null || date(row.extensionApprovedOn)) && !isTrue(row.extended))
      issues.push({ field: 'extended', message: '填写了延期批准日或延期天数时应为“是”' });
    if (isTrue(row.extended) && row.procedure === '简易程序') issues.push({ field: 'extended', message: '简易程序案件不能延期，请改为普通程序或取消延期' });
    if (str(row.disposition) && !date(row.closedOn)) issues.push({ field: 'closedOn', message: '填写了审结方式时必填' });
    // DOMAIN §13: the two fields of a closing go together, and a case not accepted has no decision on its merits
    if (date(row.closedOn) && !str(row.disposition)) issues.push({ field: 'disposition', message: '填写了审结日期时必填' });
    const intake = str(row.intake);
    const disposition = str(row.disposition);
    if (
      intake &&
      disposition &&
      (NOT_ACCEPTED_INTAKES as readonly string[]).includes(intake) &&
      (MERITS_DISPOSITIONS as readonly string[]).includes(disposition)
    ) {
      issues.push({
        field: 'disposition',
        message: `“${disposition}”是对案件实体的决定，与受理情况“${intake}”矛盾：未受理的申请只能以驳回申请或终止结案，请核对受理情况或审结方式`,
      });
    }
    if (isTrue(row.selfCorrected) && str(row.disposition) && row.disposition !== '终止(撤回)') {
      issues.push({ field: 'selfCorrected', message: '仅适用于审结方式为“终止(撤回)”的案件' });
    }
    return issues;
  },
  warn(row) {
    // DOMAIN §13: closing after the decision period is allowed (the period may have been extended or suspended
    // without it being recorded) but said; a warning, not a refusal
    const closed = date(row.closedOn);
    const due = date(row.decisionDueOn);
    return closed && due && closed > due ? [`审结日期（${closed}）晚于审理期限（${due}），已超期；如有延期或中止，请填写“延期”或“中止天数”`] : [];
  },
  deadlines: [
    {
      field: 'intakeDueOn',
      doneField: 'acceptedOn',
      warnWithin: { n: 2, unit: 'workdays' },
      applies: (row) => !date(row.closedOn) && (!str(row.intake) || row.intake === '审查中' || row.intake === '补正中'),
      reads: ['closedOn', 'intake'],
      appliesSql: `"closedOn" IS NULL AND ("intake" IS NULL OR "intake" IN ('', '审查中', '补正中'))`,
      rule: () => '行政复议法第三十条、第三十一条：收到申请之日起 5 个工作日内审查是否受理；通知补正的，自收到补正材料之日起重新计算',
    },
    {
      field: 'decisionDueOn',
      doneField: 'closedOn',
      warnWithin: { n: 10, unit: 'days' },
      rule: () => '行政复议法第六十二条：受理之日起 60 日（简易程序 30 日）内作出决定，经批准可延长 30 日',
    },
    {
      field: 'correctionDueOn',
      doneField: 'correctedOn',
      warnWithin: { n: 2, unit: 'workdays' },
      applies: (row) => !date(row.closedOn) && !date(row.acceptedOn),
      reads: ['closedOn', 'acceptedOn'],
      appliesSql: `"closedOn" IS NULL AND "acceptedOn" IS NULL`,
      rule: () => '行政复议法第三十一条、第八十八条：申请人自收到补正通知之日起 10 个工作日内补正',
    },
    {
      // the copy goes out with the 答复通知书 in practice: either date recorded ends the reminder. Cases accepted
      // before this field existed never recorded the step: past 60 days (when the decision period is the reminder
      // that matters) the item leaves the board instead of flooding it
      field: 'copyDueOn',
      doneField: 'copySentOn',
      warnWithin: { n: 2, unit: 'workdays' },
      lookBackDays: 60,
      applies: (row) => !date(row.closedOn) && !date(row.answerNoticeOn),
      reads: ['closedOn', 'answerNoticeOn'],
      appliesSql: `"closedOn" IS NULL AND "answerNoticeOn" IS NULL`,
      rule: () => '行政复议法第四十八条、第五十四条：受理之日起 7 个工作日（简易程序 3 个工作日）内将申请书副本发送被申请人',
    },
    {
      field: 'answerDueOn',
      doneField: 'answerReceivedOn',
      warnWithin: { n: 2, unit: 'workdays' },
      applies: (row) => !date(row.closedOn),
      reads: ['closedOn'],
      appliesSql: `"closedOn" IS NULL`,
      rule: () => '行政复议法第四十八条、第五十四条：被申请人自收到答复通知书之日起 10 个工作日（简易程序 5 个工作日）内提出书面答复',
    },
  ],
};
