// Every metric of DOMAIN.md §8 on small hand-computed data, through the real API on a real SQLite file,
// under each settings variant. Expected figures are worked out by hand in the comments.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { LedgerKind } from '../../electron/domain/fields';
import type { MetricsResult } from '../../electron/domain/metrics';
import { call, tempCore } from '../helpers/db';

let core: Core;

async function mk(kind: LedgerKind, values: Record<string, unknown>) {
  return call(core, 'ledger.create', { kind, values });
}

async function stats(year = 2025): Promise<MetricsResult> {
  return call(core, 'stats.year', { year });
}

function pick(m: MetricsResult, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, m.values[k]?.text]));
}

// allRecords: the figures are of a past year, whose rows a threshold change leaves alone unless every record is asked
// for (decisions.md “办结的和往年的记录保持原结果”; rederive-scope.test.ts tests that rule)
async function withSettings<T>(patch: Record<string, string | number>, fn: () => Promise<T>): Promise<T> {
  const before = (await call(core, 'settings.get', {})).values;
  await call(core, 'settings.update', { patch, allRecords: true });
  try {
    return await fn();
  } finally {
    await call(core, 'settings.update', { patch: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k]])), allRecords: true });
  }
}

beforeAll(async () => {
  core = await tempCore();
  const n = 'normative';
  // 1: reviewed on time, published and filed with the government within 30 days (04-01 → 05-01 is a holiday → 05-06)
  await mk(n, {
    reviewType: '合法性审核',
    title: '某某县城市道路管理办法',
    drafter: '县住建局',
    receivedOn: '2025-03-03',
    completedOn: '2025-03-20',
    conclusion: '修改后同意',
    opinions: 5,
    adopted: 4,
    regNo: 'XGZ-2025-001',
    publishedOn: '2025-04-01',
    filedGovOn: '2025-04-20',
  });
  // 2: overdue (due 15 working days after 06-03 = 06-24), 不同意
  await mk(n, {
    reviewType: '合法性审核',
    title: '关于加强农村宅基地管理的通知',
    drafter: '县自然资源局',
    receivedOn: '2025-06-03',
    completedOn: '2025-07-10',
    conclusion: '不同意',
    opinions: 3,
    adopted: 0,
  });
  // 3: received last year; due set by hand to 2025-01-10, completed 01-15 → 超期 in 2025; filed with the congress late
  await mk(n, {
    reviewType: '合法性审核',
    title: '某某县公共资源交易管理暂行办法',
    drafter: '县发改局',
    receivedOn: '2024-12-20',
    dueOn: '2025-01-10',
    completedOn: '2025-01-15',
    conclusion: '同意',
    opinions: 2,
    adopted: 2,
    regNo: 'XGZ-2025-002',
    publishedOn: '2025-02-10',
    filedCongressOn: '2025-03-30',
  });
  // 4, 5: filing reviews
  await mk(n, {
    reviewType: '备案审查',
    title: '某某镇村庄规划管理规定',
    drafter: '某某镇人民政府',
    receivedOn: '2025-05-06',
    conclusion: '要求纠正',
    publishedOn: '2025-04-15',
  });
  await mk(n, { reviewType: '备案审查', title: '县教育局校外培训管理办法', drafter: '县教育局', receivedOn: '2025-08-01', conclusion: '予以备案' });
  // cleanup of old documents
  await mk(n, { reviewType: '合法性审核', title: '旧文件甲', drafter: '县政府办', receivedOn: '2020-01-06', status: '已废止', cleanupOn: '2025-06-30' });
  await mk(n, { reviewType: '合法性审核', title: '旧文件乙', drafter: '县政府办', receivedOn: '2020-01-06', status: '有效', cleanupOn: '2025-06-30' });
  await mk(n, { reviewType: '合法性审核', title: '旧文件丙', drafter: '县政府办', receivedOn: '2020-01-06', status: '宣布失效', cleanupOn: '2025-07-01' });
  await mk(n, { reviewType: '合法性审核', title: '旧文件丁', drafter: '县政府办', receivedOn: '2020-01-06', status: '已修改', cleanupOn: '2024-12-31' });

  await mk('decision', {
    title: '某某县国土空间总体规划',
    sponsor: '县自然资源局',
    receivedOn: '2025-02-10',
    inCatalog: true,
    publicParticipation: true,
    commentDays: 30,
    expertReview: true,
    opinions: 4,
  });
  await mk('decision', {
    title: '某某县城区公交票价调整',
    sponsor: '县交通运输局',
    receivedOn: '2025-09-01',
    riskAssessment: true,
    hearing: true,
    opinions: 2,
  });
  await mk('decision', { title: '上年事项', sponsor: '县发改局', receivedOn: '2024-05-01', opinions: 9 });

  // contracts: k1 major by government name, k2 major by amount (= threshold), k2 overdue (due 04-09: 清明 04-04)
  await mk('contract', {
    title: '城区污水处理特许经营协议',
    submitter: '县住建局',
    amount: 1200.5,
    inGovName: true,
    receivedOn: '2025-03-03',
    completedOn: '2025-03-05',
    opinions: 3,
    adopted: 2,
    conclusion: '修改后同意',
  });
  await mk('contract', {
    title: '县医院设备采购合同',
    submitter: '县卫健局',
    amount: 3000,
    receivedOn: '2025-04-01',
    completedOn: '2025-04-15',
    opinions: 1,
    adopted: 1,
    conclusion: '同意',
  });
  await mk('contract', { title: '办公用房租赁合同', submitter: '县机关事务中心', amount: 10.25, receivedOn: '2025-05-06' });

  const r = 'reconsideration';
  const base = { respondent: '县市场监督管理局', channel: '书面' };
  await mk(r, {
    ...base,
    caseNo: 'X复〔2025〕1号',
    applicant: '张某某',
    applicantType: '自然人',
    receivedOn: '2025-01-10',
    acceptedOn: '2025-01-15',
    closedOn: '2025-03-01',
    disposition: '维持',
    hearing: true,
    published: true,
    actType: '行政处罚',
    field: '市场监管',
  });
  await mk(r, {
    ...base,
    caseNo: 'X复〔2025〕2号',
    applicant: '某某建材有限公司',
    applicantType: '法人',
    receivedOn: '2025-02-01',
    acceptedOn: '2025-02-05',
    closedOn: '2025-04-01',
    disposition: '撤销',
    opinionLetter: true,
    actType: '行政处罚',
    field: '市场监管',
  });
  await mk(r, {
    ...base,
    caseNo: 'X复〔2025〕3号',
    applicant: '李某小吃店',
    applicantType: '个体工商户',
    receivedOn: '2025-03-01',
    acceptedOn: '2025-03-03',
    procedure: '简易程序',
    closedOn: '2025-03-20',
    disposition: '终止(撤回)',
    selfCorrected: true,
    actType: '行政处罚',
  });
  await mk(r, {
    ...base,
    caseNo: 'X复〔2025〕4号',
    applicant: '王某',
    applicantType: '自然人',
    receivedOn: '2025-04-01',
    acceptedOn: '2025-04-03',
    closedOn: '2025-05-01',
    disposition: '调解',
    actType: '行政征收征用补偿',
  });
  await mk(r, {
    ...base,
    caseNo: 'X复〔2025〕5号',
    applicant: '赵某',
    applicantType: '自然人',
    receivedOn: '2025-05-01',
    intake: '不予受理',
    actType: '政府信息公开',
  });
  // received 2024, extended (11-05 + 90 = 2025-02-03), closed 2025
  await mk(r, {
    ...base,
    caseNo: 'X复〔2024〕9号',
    applicant: '钱某',
    applicantType: '自然人',
    receivedOn: '2024-11-01',
    acceptedOn: '2024-11-05',
    extended: true,
    closedOn: '2025-01-20',
    disposition: '确认违法',
    actType: '行政强制',
  });
  await mk(r, { ...base, caseNo: 'X复〔2025〕7号', applicant: '孙某', applicantType: '自然人', receivedOn: '2025-11-01', acceptedOn: '2025-11-05' });
  await mk(r, { ...base, caseNo: 'X复〔2024〕8号', applicant: '周某', applicantType: '自然人', receivedOn: '2024-10-01', acceptedOn: '2024-10-08' });
  // 06-03 + 60 = 08-02 (Saturday) → 08-04; closed 09-30 → 超期
  await mk(r, {
    ...base,
    caseNo: 'X复〔2025〕9号',
    applicant: '吴某',
    applicantType: '自然人',
    receivedOn: '2025-06-01',
    acceptedOn: '2025-06-03',
    closedOn: '2025-09-30',
    disposition: '驳回复议请求',
    actType: '工伤认定',
  });
  await mk(r, {
    ...base,
    caseNo: 'X复〔2025〕10号',
    applicant: '郑某',
    applicantType: '自然人',
    receivedOn: '2025-07-01',
    acceptedOn: '2025-07-02',
    closedOn: '2025-08-01',
    disposition: '终止(其他)',
    actType: '行政处罚',
  });
  await mk(r, { ...base, caseNo: 'X复〔2025〕11号', applicant: '冯某', applicantType: '自然人', receivedOn: '2025-12-30', intake: '审查中' });

  const l = 'litigation';
  const lb = { defendant: '某某县人民政府', court: '某某市中级人民法院' };
  await mk(l, {
    ...lb,
    caseNo: '(2025)X01行初1号',
    instance: '一审',
    plaintiff: '陈某',
    receivedOn: '2025-02-01',
    hearings: 2,
    headHearings: 1,
    closedOn: '2025-06-01',
    closure: '判决',
    judgment: '撤销',
    judicialSuggestion: true,
  });
  await mk(l, {
    ...lb,
    caseNo: '(2025)X01行初2号',
    instance: '一审',
    plaintiff: '褚某',
    receivedOn: '2025-03-01',
    hearings: 1,
    headHearings: 0,
    closedOn: '2025-07-01',
    closure: '判决',
    judgment: '驳回诉讼请求',
  });
  await mk(l, {
    ...lb,
    caseNo: '(2025)X行终3号',
    instance: '二审',
    plaintiff: '卫某',
    receivedOn: '2025-04-01',
    hearings: 0,
    closedOn: '2025-05-01',
    closure: '准予撤诉',
  });
  await mk(l, { ...lb, caseNo: '(2025)X01行初4号', instance: '一审', plaintiff: '蒋某', receivedOn: '2025-05-01', hearings: 1, headHearings: 1 });
  await mk(l, {
    ...lb,
    caseNo: '(2024)X行再5号',
    instance: '再审',
    plaintiff: '沈某',
    receivedOn: '2024-12-01',
    closedOn: '2025-03-01',
    closure: '裁定驳回起诉',
    procuratorSuggestion: true,
  });
  // judged 确认违法 but 败诉 set to 否 by hand
  await mk(l, {
    ...lb,
    caseNo: '(2025)X01行初6号',
    instance: '一审',
    plaintiff: '韩某',
    receivedOn: '2025-06-01',
    closedOn: '2025-08-01',
    closure: '判决',
    judgment: '确认违法',
    lost: false,
  });

  const c = 'casefile';
  await mk(c, { unit: '县市场监督管理局', reviewedOn: '2025-06-01', formScore: 18, contentScore: 75, model: true, issues: 0, fileType: '行政处罚' });
  await mk(c, {
    unit: '县市场监督管理局',
    reviewedOn: '2025-07-01',
    formScore: 15,
    contentScore: 60,
    issues: 3,
    rectifyBy: '2025-08-30',
    rectifiedOn: '2025-08-20',
    fileType: '行政许可',
  });
  await mk(c, { unit: '县交通运输局', reviewedOn: '2025-07-02', formScore: 10, contentScore: 40, issues: 5, fileType: '行政处罚' });
  await mk(c, {
    unit: '县生态环境局',
    reviewedOn: '2025-07-03',
    formScore: 19,
    contentScore: 78,
    vetoes: ['程序违法'],
    issues: 2,
    rectifiedOn: '2025-09-01',
    fileType: '行政强制',
  });
  await mk(c, { unit: '县生态环境局', reviewedOn: '2024-07-03', formScore: 19, contentScore: 78, issues: 1 });

  await call(core, 'indicators.set', {
    year: 2025,
    items: [
      { name: '常务会议学法次数', value: 4 },
      { name: '罚没款(万元)', value: 123.456 },
    ],
  });
  await call(core, 'indicators.set', { year: 2024, items: [{ name: '常务会议学法次数', value: 3 }] });
});

afterAll(() => core.close());

describe('规范性文件', () => {
  it('counts reviews, opinions, publication, filing, cleanup and overdue under the definitions', async () => {
    expect(
      pick(await stats(), [
        '规范性文件.审核件数',
        '规范性文件.审核意见条数',
        '规范性文件.采纳条数',
        '规范性文件.不同意件数',
        '规范性文件.登记发布件数',
        '规范性文件.报备件数',
        '规范性文件.按时报备率',
        '规范性文件.备案审查件数',
        '规范性文件.纠正件数',
        '规范性文件.清理保留件数',
        '规范性文件.清理修改件数',
        '规范性文件.清理废止件数',
        '规范性文件.清理失效件数',
        '规范性文件.超期件数',
      ]),
    ).toEqual({
      '规范性文件.审核件数': '2',
      '规范性文件.审核意见条数': '8',
      '规范性文件.采纳条数': '4',
      '规范性文件.不同意件数': '1',
      '规范性文件.登记发布件数': '2',
      '规范性文件.报备件数': '2',
      '规范性文件.按时报备率': '33.33%',
      '规范性文件.备案审查件数': '2',
      '规范性文件.纠正件数': '1',
      '规范性文件.清理保留件数': '1',
      '规范性文件.清理修改件数': '0',
      '规范性文件.清理废止件数': '1',
      '规范性文件.清理失效件数': '1',
      '规范性文件.超期件数': '2',
    });
  });

  it('the filing period follows the setting', async () => {
    // with 60 days, row 3 (published 02-10, filed 03-30) is on time too: 2 of 3
    await withSettings({ 'normative.filingDays': 60 }, async () => {
      expect((await stats()).values['规范性文件.按时报备率']).toEqual({ value: 66.67, text: '66.67%' });
    });
  });
});

describe('重大决策 and 合同', () => {
  it('counts decisions by received date', async () => {
    expect(
      pick(await stats(), [
        '重大决策.审查件数',
        '重大决策.目录事项数',
        '重大决策.意见条数',
        '重大决策.公众参与件数',
        '重大决策.专家论证件数',
        '重大决策.风险评估件数',
        '重大决策.听证件数',
      ]),
    ).toEqual({
      '重大决策.审查件数': '2',
      '重大决策.目录事项数': '1',
      '重大决策.意见条数': '6',
      '重大决策.公众参与件数': '1',
      '重大决策.专家论证件数': '1',
      '重大决策.风险评估件数': '1',
      '重大决策.听证件数': '1',
    });
  });

  it('counts contracts, major contracts and the total amount', async () => {
    const m = await stats();
    expect(pick(m, ['合同.审查件数', '合同.意见条数', '合同.采纳条数', '合同.重大合同件数', '合同.标的总额', '合同.超期件数'])).toEqual({
      '合同.审查件数': '3',
      '合同.意见条数': '4',
      '合同.采纳条数': '3',
      '合同.重大合同件数': '2',
      '合同.标的总额': '4210.75',
      '合同.超期件数': '1',
    });
    expect(m.values['合同.标的总额'].value).toBe(4210.75);
  });

  it('the major-contract threshold is a setting and re-derives stored rows', async () => {
    await withSettings({ 'contract.majorThreshold': 5000 }, async () => {
      expect((await stats()).values['合同.重大合同件数'].text).toBe('1');
    });
    expect((await stats()).values['合同.重大合同件数'].text).toBe('2');
  });
});

describe('行政复议', () => {
  it('counts intake, closure by disposition, correction, settlement, open cases and enterprise figures', async () => {
    const m = await stats();
    expect(
      pick(m, [
        '行政复议.收案数',
        '行政复议.受理数',
        '行政复议.不予受理数',
        '行政复议.审结数',
        '行政复议.维持数',
        '行政复议.驳回数',
        '行政复议.变更数',
        '行政复议.撤销数',
        '行政复议.确认违法数',
        '行政复议.确认无效数',
        '行政复议.责令履行数',
        '行政复议.调解数',
        '行政复议.撤回数',
        '行政复议.终止数',
        '行政复议.纠错数',
        '行政复议.纠错率',
        '行政复议.调撤数',
        '行政复议.调撤率',
        '行政复议.在办数',
        '行政复议.涉企收案数',
        '行政复议.涉企调撤率',
        '行政复议.听证数',
        '行政复议.简易程序数',
        '行政复议.决定书公开数',
        '行政复议.意见书数',
        '行政复议.超期数',
        '行政复议.复议诉讼收案比',
      ]),
    ).toEqual({
      '行政复议.收案数': '9',
      '行政复议.受理数': '7',
      '行政复议.不予受理数': '1',
      '行政复议.审结数': '7',
      '行政复议.维持数': '1',
      '行政复议.驳回数': '1',
      '行政复议.变更数': '0',
      '行政复议.撤销数': '1',
      '行政复议.确认违法数': '1',
      '行政复议.确认无效数': '0',
      '行政复议.责令履行数': '0',
      '行政复议.调解数': '1',
      '行政复议.撤回数': '1',
      '行政复议.终止数': '1',
      '行政复议.纠错数': '2',
      '行政复议.纠错率': '28.57%',
      '行政复议.调撤数': '2',
      '行政复议.调撤率': '28.57%',
      '行政复议.在办数': '2',
      '行政复议.涉企收案数': '2',
      '行政复议.涉企调撤率': '50%',
      '行政复议.听证数': '1',
      '行政复议.简易程序数': '1',
      '行政复议.决定书公开数': '1',
      '行政复议.意见书数': '1',
      '行政复议.超期数': '1',
      '行政复议.复议诉讼收案比': '2.25:1',
    });
    expect(m.values['行政复议.纠错率'].value).toBe(28.57);
    expect(m.values['行政复议.复议诉讼收案比'].value).toBe(2.25);
  });

  it('the 综合 correction scope counts self-corrected withdrawals', async () => {
    await withSettings({ 'reconsideration.correctionScope': '综合' }, async () => {
      expect(pick(await stats(), ['行政复议.纠错数', '行政复议.纠错率'])).toEqual({ '行政复议.纠错数': '3', '行政复议.纠错率': '42.86%' });
    });
  });

  it('the correction base may exclude settled cases', async () => {
    await withSettings({ 'reconsideration.correctionBase': '审结数减调撤数' }, async () => {
      expect((await stats()).values['行政复议.纠错率'].text).toBe('40%');
    });
  });

  it('last year, its change and open cases at last year end', async () => {
    const m = await stats();
    // 2024: received X复〔2024〕9号 and 8号; both accepted and open at 2024-12-31
    expect(m.values['上年.行政复议.收案数'].text).toBe('2');
    expect(m.values['上年.行政复议.在办数'].text).toBe('2');
    expect(m.values['同比.行政复议.收案数'].text).toBe('+7件');
    // no cases closed in 2024: rates have no denominator
    expect(m.values['上年.行政复议.纠错率']).toEqual({ value: null, text: '—' });
    expect(m.values['同比.行政复议.纠错率'].text).toBe('—');
  });
});

describe('行政应诉', () => {
  it('counts cases by instance, closures, losses, appearances and suggestions', async () => {
    expect(
      pick(await stats(), [
        '行政应诉.收案数',
        '行政应诉.一审收案数',
        '行政应诉.二审收案数',
        '行政应诉.再审收案数',
        '行政应诉.结案数',
        '行政应诉.败诉数',
        '行政应诉.败诉率',
        '行政应诉.开庭案件数',
        '行政应诉.负责人出庭件数',
        '行政应诉.负责人出庭次数',
        '行政应诉.出庭率',
        '行政应诉.在办数',
        '行政应诉.司法建议数',
        '行政应诉.检察建议数',
      ]),
    ).toEqual({
      '行政应诉.收案数': '5',
      '行政应诉.一审收案数': '4',
      '行政应诉.二审收案数': '1',
      '行政应诉.再审收案数': '0',
      '行政应诉.结案数': '5',
      '行政应诉.败诉数': '1',
      '行政应诉.败诉率': '20%',
      '行政应诉.开庭案件数': '3',
      '行政应诉.负责人出庭件数': '2',
      '行政应诉.负责人出庭次数': '2',
      '行政应诉.出庭率': '40%',
      '行政应诉.在办数': '1',
      '行政应诉.司法建议数': '1',
      '行政应诉.检察建议数': '1',
    });
  });

  it('loss and appearance rates follow their settings', async () => {
    await withSettings({ 'litigation.lossBase': '判决数' }, async () => {
      expect((await stats()).values['行政应诉.败诉率'].text).toBe('33.33%');
    });
    await withSettings({ 'litigation.appearanceBase': '开庭案件' }, async () => {
      expect((await stats()).values['行政应诉.出庭率'].text).toBe('66.67%');
    });
    await withSettings({ 'litigation.appearanceBase': '开庭次数' }, async () => {
      expect((await stats()).values['行政应诉.出庭率'].text).toBe('50%');
    });
  });
});

describe('案卷评查', () => {
  it('grades, scores and rectification under the default 零分 veto rule', async () => {
    expect(
      pick(await stats(), [
        '案卷评查.案卷数',
        '案卷评查.单位数',
        '案卷评查.优秀数',
        '案卷评查.合格数',
        '案卷评查.不合格数',
        '案卷评查.优秀案卷数',
        '案卷评查.问题条数',
        '案卷评查.合格率',
        '案卷评查.平均分',
        '案卷评查.整改完成率',
      ]),
    ).toEqual({
      '案卷评查.案卷数': '4',
      '案卷评查.单位数': '3',
      '案卷评查.优秀数': '1',
      '案卷评查.合格数': '1',
      '案卷评查.不合格数': '2',
      '案卷评查.优秀案卷数': '1',
      '案卷评查.问题条数': '10',
      '案卷评查.合格率': '50%',
      '案卷评查.平均分': '54.5',
      '案卷评查.整改完成率': '66.67%',
    });
  });

  it('不得评优 keeps the score but not 优秀; thresholds are settings', async () => {
    await withSettings({ 'casefile.vetoRule': '不得评优' }, async () => {
      expect(pick(await stats(), ['案卷评查.优秀数', '案卷评查.合格数', '案卷评查.不合格数', '案卷评查.合格率', '案卷评查.平均分'])).toEqual({
        '案卷评查.优秀数': '1',
        '案卷评查.合格数': '2',
        '案卷评查.不合格数': '1',
        '案卷评查.合格率': '75%',
        '案卷评查.平均分': '78.8',
      });
    });
    await withSettings({ 'casefile.excellentMin': 95 }, async () => {
      expect(pick(await stats(), ['案卷评查.优秀数', '案卷评查.合格数'])).toEqual({ '案卷评查.优秀数': '0', '案卷评查.合格数': '2' });
    });
  });
});

describe('indicators, distributions and deleted rows', () => {
  it('reports annual indicators with last year', async () => {
    const m = await stats();
    expect(m.values['指标.常务会议学法次数']).toEqual({ value: 4, text: '4' });
    expect(m.values['上年.指标.常务会议学法次数'].text).toBe('3');
    expect(m.values['指标.罚没款(万元)']).toEqual({ value: 123.46, text: '123.46' });
    expect(m.values['指标.法律顾问人数']).toEqual({ value: null, text: '—' });
  });

  it('distributes reconsideration intake by 行为类别', async () => {
    const d = (await stats()).distributions.find((x) => x.key === '行政复议.行为类别')!;
    expect(d.rows).toEqual([
      { name: '行政处罚', count: 4 },
      { name: '未填写', count: 2 },
      { name: '工伤认定', count: 1 },
      { name: '政府信息公开', count: 1 },
      { name: '行政征收征用补偿', count: 1 },
    ]);
  });

  it('a deleted row leaves the figures and comes back when restored', async () => {
    const { rows } = await call(core, 'ledger.list', { kind: 'decision', year: 2025, q: '公交票价' });
    expect(rows).toHaveLength(1);
    await call(core, 'ledger.delete', { kind: 'decision', ids: [rows[0].id] });
    expect((await stats()).values['重大决策.审查件数'].text).toBe('1');
    await call(core, 'ledger.restore', { kind: 'decision', ids: [rows[0].id] });
    expect((await stats()).values['重大决策.审查件数'].text).toBe('2');
  });
});
