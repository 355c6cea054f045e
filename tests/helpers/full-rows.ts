// One record of every ledger with every field filled (quotes, commas, formulas and line breaks in the text),
// for tests that must see each field survive: exchange round trips, the search text of an import.
import type { LedgerKind, Row } from '../../electron/domain/fields';

export const FULL: Record<LedgerKind, Row> = {
  normative: {
    reviewType: '合法性审核', serialNo: 'SS-2025-007', title: '某某县物业管理办法（试行）', drafter: '县住房城乡建设局',
    level: '政府规范性文件', receivedOn: '2025-03-03', dueOn: '2025-04-30', completedOn: '2025-03-20', conclusion: '修改后同意',
    opinions: 5, adopted: 4, publicComment: true, fairCompetition: false, regNo: 'DJ-2025-01', docNo: '某府发〔2025〕3号',
    publishedOn: '2025-04-01', effectiveOn: '2025-05-01', expiresOn: '2030-12-31', filedGovOn: '2025-04-10',
    filedCongressOn: '2025-04-12', status: '已修改', cleanupType: '专项清理', cleanupOn: '2025-10-09',
    handler: '张三', coHandler: '协办张三', note: '-5 条意见，含“引号”"半角引号"，逗号,\n第二行',
  },
  decision: {
    title: '某某县城区停车设施建设规划', sponsor: '县发展和改革局', category: '发展规划', inCatalog: true, receivedOn: '2025-02-10',
    dueOn: '2025-03-31', completedOn: '2025-02-18', publicParticipation: true, commentDays: 30, expertReview: true,
    riskAssessment: false, hearing: true, conclusion: '修改后合法', opinions: 3, discussedOn: '2025-03-05',
    outcome: '修改后通过', publishedOn: '2025-03-10', postEvaluation: false, handler: '李四', coHandler: '协办李四', note: '=1+1 不是公式',
  },
  contract: {
    title: '某某县老旧小区改造工程施工合同', submitter: '县住房城乡建设局', counterparty: '某某建设集团有限公司',
    contractType: '特许经营(PPP)', administrative: true, amount: 1234.56, inGovName: false, major: true,
    receivedOn: '2025-05-06', dueOn: '2025-06-30', completedOn: '2025-05-09', conclusion: '修改后同意', opinions: 6, adopted: 6,
    signedOn: '2025-05-20', filedOn: '2025-05-25', performance: '履行中', handler: '王五', coHandler: '协办王五', note: '@王五 跟进',
  },
  reconsideration: {
    caseNo: '（2025）某复字第1号', receivedOn: '2025-06-03', channel: '网上', applicant: '某某商贸有限公司', applicantType: '法人',
    enterprise: false, respondent: '县市场监督管理局', respondentType: '乡镇(街道)', field: '市场监管', actType: '行政处罚',
    mandatory: true, attachedReview: true, compensation: true, intake: '受理', acceptedOn: '2025-06-06', procedure: '普通程序',
    hearing: true, committee: true, suspendedDays: 3, extended: true, closedOn: '2025-08-20', disposition: '终止(撤回)',
    selfCorrected: true, published: true, opinionLetter: true, sued: false, handler: '赵六', coHandler: '协办赵六', note: '+ 被申请人自行撤销处罚',
    actName: '行政处罚决定书', actDocNo: '某市监处罚〔2025〕88号', actDate: '2025-05-20', request: '撤销“某市监处罚〔2025〕88号”，\n并返还罚款',
    factsReasons: '认定事实不清,证据不足', correctionNoticeOn: '2025-06-04', correctedOn: '2025-06-05', copySentOn: '2025-06-10',
    answerNoticeOn: '2025-06-10', answerReceivedOn: '2025-06-20', hearingOn: '2025-07-01', hearingPlace: '第一听证室',
    extensionApprovedOn: '2025-07-20', extensionDays: 20, servedOn: '2025-08-22',
  },
  litigation: {
    caseNo: '（2025）某0102行初5号', instance: '一审', priorCaseNo: '（2024）某复字第9号', receivedOn: '2025-04-08', court: '某某县人民法院',
    plaintiff: '钱某某', plaintiffType: '自然人', enterprise: true, defendant: '县人民政府', defendantType: '本级人民政府',
    coDefendant: true, actType: '行政征收征用补偿', field: '自然资源', answeredOn: '2025-04-20', hearings: 2, headHearings: 1,
    headName: '孙副县长', absenceReason: '第二次开庭时在省里开会', closedOn: '2025-09-30', closure: '判决', judgment: '撤销',
    withdrawnAfterChange: false, lost: false, appealed: true, judicialSuggestion: true, judicialReceivedOn: '2025-10-09', judicialRepliedOn: '2025-11-20',
    procuratorSuggestion: true, procuratorReceivedOn: '2025-10-15', procuratorRepliedOn: '2025-12-01',
    handler: '周七', coHandler: '协办周七', note: '败诉已手工改为否，待二审', claims: '撤销征收决定；\n赔偿损失 10 万元', judgmentReceivedOn: '2025-10-09', appealFiledOn: '2025-10-20',
  },
  casefile: {
    batch: '2025年第一批', mode: '交叉评查', unit: '县市场监督管理局', field: '市场监管', fileType: '行政处罚',
    caseNo: '某市监罚〔2024〕12号', party: '某某超市', closedOn: '2024-12-20', reviewedOn: '2025-07-15', reviewer: '吴八、郑九',
    vetoes: ['证据不足', '程序违法'], formScore: 18, contentScore: 70.5, model: false, issues: 3,
    issueSummary: '1. 证据不足；\n2. 未告知陈述申辩权', rectifyBy: '2025-08-15', rectifiedOn: '2025-08-10', handler: '冯十', coHandler: '协办冯十', note: '',
  },
};
