// Issue 18, first part (DOMAIN §11): the case file of a 复议/应诉 case — parties and 中止 periods in child tables
// (migration 10), the new procedure deadlines on the board with their legal basis, and the case's timeline.
// Working-day figures are counted by hand from resources/cn-holidays.json around the 2025 National Day: 10-01 to
// 10-08 off, Sunday 09-28 and Saturday 10-11 working days (调休).
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { caseTimeline, suspendedDaysOf } from '../../electron/domain/case-file';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

let core: Core;
beforeEach(async () => {
  core = await tempCore();
});
afterEach(() => core.close());

const CASE = {
  caseNo: '（2025）某复字第18号',
  receivedOn: '2025-09-19',
  applicant: '某某商贸有限公司',
  applicantType: '法人',
  respondent: '县市场监督管理局',
  handler: '李明',
  intake: '受理',
  acceptedOn: '2025-09-26',
  procedure: '普通程序',
};

async function newCase(values: Record<string, unknown> = {}) {
  return call(core, 'ledger.create', { kind: 'reconsideration', values: { ...CASE, ...values } });
}

describe('parties of a case', () => {
  it('are added, changed and soft-deleted, each write audited under the case; a 代理人 points at its principal', async () => {
    const c = await newCase();
    let f = await call(core, 'case.addParty', {
      kind: 'reconsideration',
      id: c.id,
      party: { role: '申请人', partyType: '法人', name: '某某商贸有限公司', idNo: '91330100MA2ABCDE1X', legalRep: '周大成', legalRepTitle: '执行董事' },
    });
    const principal = f.parties[0];
    f = await call(core, 'case.addParty', {
      kind: 'reconsideration',
      id: c.id,
      party: { role: '代理人', partyType: '自然人', name: '吴律师', gender: '女', representsId: principal.id, phone: '0571-88886666' },
    });
    expect(f.parties.map((p) => [p.role, p.name, p.sortOrder, p.representsId])).toEqual([
      ['申请人', '某某商贸有限公司', 1, null],
      ['代理人', '吴律师', 2, principal.id],
    ]);
    const { id: agentId, kind: _k, caseId: _c, sortOrder: _s, ...agent } = f.parties[1];
    void [_k, _c, _s];
    f = await call(core, 'case.updateParty', { kind: 'reconsideration', id: c.id, partyId: agentId, party: { ...agent, address: '杭州市某路 1 号' } });
    expect(f.parties[1].address).toBe('杭州市某路 1 号');
    // a represented party cannot become the 代理人 of its own 代理人
    expect(
      (
        await callFail(core, 'case.updateParty', {
          kind: 'reconsideration',
          id: c.id,
          partyId: principal.id,
          party: { role: '代理人', name: principal.name, representsId: agentId },
        })
      ).message,
    ).toBe('当事人“某某商贸有限公司”：被代理人：“吴律师”本身是代理人');
    // the principal cannot go while its agent stays
    expect((await callFail(core, 'case.deleteParty', { kind: 'reconsideration', id: c.id, partyId: principal.id })).message).toMatch(/有代理人“吴律师”/);
    f = await call(core, 'case.deleteParty', { kind: 'reconsideration', id: c.id, partyId: f.parties[1].id });
    expect(f.parties.map((p) => p.name)).toEqual(['某某商贸有限公司']);
    // soft: the row stays in the file, marked deleted
    expect(core.db.prepare('SELECT name, deleted_at IS NOT NULL AS gone FROM case_parties ORDER BY sort_order').all()).toEqual([
      { name: '某某商贸有限公司', gone: 0 },
      { name: '吴律师', gone: 1 },
    ]);
    const history = (await call(core, 'ledger.get', { kind: 'reconsideration', id: c.id })).history;
    const partyEntries = history
      .filter((h) => h.action === '当事人')
      .map((h) => h.summary)
      .reverse();
    expect(partyEntries).toEqual([
      '行政复议“（2025）某复字第18号”新增当事人“某某商贸有限公司”（申请人）',
      '行政复议“（2025）某复字第18号”新增当事人“吴律师”（代理人）',
      '行政复议“（2025）某复字第18号”修改当事人“吴律师”（代理人）',
      '行政复议“（2025）某复字第18号”删除当事人“吴律师”（代理人）',
    ]);
    // the party writes do not move the record's version (an open form stays valid)
    expect((await call(core, 'ledger.get', { kind: 'reconsideration', id: c.id })).version).toBe(c.version);
  });

  it('are refused with Chinese messages naming the party and field, and nothing is written', async () => {
    const c = await newCase();
    const bad = async (party: Record<string, unknown>) => (await callFail(core, 'case.addParty', { kind: 'reconsideration', id: c.id, party })).message;
    expect(await bad({ role: '申请人', name: '  ' })).toBe('当事人：姓名或名称必填');
    expect(await bad({ role: '原告', name: '张三' })).toBe('当事人“张三”：身份只能是：申请人、被申请人、第三人、代理人');
    expect(await bad({ role: '申请人', name: '张三', idNo: '12345' })).toMatch(/^当事人“张三”：证件号码或统一社会信用代码应为 18 位/);
    expect(await bad({ role: '申请人', name: '张三', birthDate: '2025-02-30' })).toBe('当事人“张三”：出生日期应为有效日期（YYYY-MM-DD）');
    expect(await bad({ role: '申请人', name: '张三', phone: 'abc' })).toBe('当事人“张三”：联系电话只能含数字、空格和 -+()');
    expect(await bad({ role: '代理人', name: '吴律师' })).toBe('当事人“吴律师”：被代理人：代理人须注明代理哪一方当事人');
    expect(await bad({ role: '申请人', partyType: '法人', name: '某公司', gender: '男' })).toBe('当事人“某公司”：性别：只适用于自然人');
    expect(await bad({ role: '申请人', partyType: '公司', name: '某公司' })).toMatch(/^当事人“某公司”：类型只能是：自然人、法人/);
    expect(core.db.prepare('SELECT count(*) FROM case_parties').pluck().get()).toBe(0);
    expect(core.db.prepare(`SELECT count(*) FROM audit_log WHERE action = '当事人'`).pluck().get()).toBe(0);
    // a 诉讼 case has its own roles
    const l = await call(core, 'ledger.create', {
      kind: 'litigation',
      values: { caseNo: '（2025）某0102行初7号', receivedOn: '2025-04-08', plaintiff: '钱某某', defendant: '县人民政府' },
    });
    const f = await call(core, 'case.addParty', {
      kind: 'litigation',
      id: l.id,
      party: { role: '原告', partyType: '自然人', name: '钱某某', gender: '男', birthDate: '1970-05-06', idNo: '33010219700506123X' },
    });
    expect(f.parties[0].birthDate).toBe('1970-05-06');
  });

  it('find the case by a party’s name (search, Ctrl+K); a deleted party no longer does', async () => {
    const c = await newCase();
    await newCase({ caseNo: '（2025）某复字第19号', applicant: '别的公司' });
    const find = async (q: string) => (await call(core, 'ledger.list', { kind: 'reconsideration', q })).rows.map((r) => r.values.caseNo);
    expect(await find('欧阳明')).toEqual([]);
    const f = await call(core, 'case.addParty', { kind: 'reconsideration', id: c.id, party: { role: '第三人', partyType: '自然人', name: '欧阳明月' } });
    expect(await find('欧阳明')).toEqual(['（2025）某复字第18号']);
    expect(await find('阳明')).toEqual(['（2025）某复字第18号']);
    await call(core, 'case.deleteParty', { kind: 'reconsideration', id: c.id, partyId: f.parties[0].id });
    expect(await find('欧阳明')).toEqual([]);
    // and 复议请求 is searched
    await call(core, 'ledger.update', { kind: 'reconsideration', id: c.id, version: c.version, values: { ...c.values, request: '撤销罚款决定书' } });
    expect(await find('罚款决定')).toEqual(['（2025）某复字第18号']);
  });
});

describe('中止 periods', () => {
  it('derive 中止天数 and move the 审理期限; a form save cannot set another 中止天数 while periods exist', async () => {
    const c = await newCase({ suspendedDays: 3 });
    // 60 days from 2025-09-26 + 3 = 2025-11-28
    expect(c.values.decisionDueOn).toBe('2025-11-28');
    let f = await call(core, 'case.addSuspension', {
      kind: 'reconsideration',
      id: c.id,
      period: { from: '2025-10-20', to: '2025-10-30', reason: '申请人下落不明' },
    });
    expect(f.record.values.suspendedDays).toBe(10);
    expect(f.record.values.decisionDueOn).toBe('2025-12-05');
    f = await call(core, 'case.addSuspension', { kind: 'reconsideration', id: c.id, period: { from: '2025-11-10', to: '2025-11-14' } });
    expect(f.record.values.suspendedDays).toBe(14);
    expect(f.record.values.decisionDueOn).toBe(suspendedDaysOf(f.suspensions) === 14 ? '2025-12-09' : 'x');
    const saved = await call(core, 'ledger.update', {
      kind: 'reconsideration',
      id: c.id,
      version: f.record.version,
      values: { ...f.record.values, suspendedDays: 99 },
    });
    expect(saved.values.suspendedDays).toBe(14);
    f = await call(core, 'case.deleteSuspension', { kind: 'reconsideration', id: c.id, periodId: f.suspensions[1].id });
    expect(f.record.values.suspendedDays).toBe(10);
    const entries = (await call(core, 'ledger.get', { kind: 'reconsideration', id: c.id })).history
      .filter((h) => h.action === '中止期间')
      .map((h) => h.summary)
      .reverse();
    expect(entries).toEqual([
      '行政复议“（2025）某复字第18号”登记中止期间 2025-10-20 至 2025-10-30；中止天数 3 → 10',
      '行政复议“（2025）某复字第18号”登记中止期间 2025-11-10 至 2025-11-14；中止天数 10 → 14',
      '行政复议“（2025）某复字第18号”删除中止期间 2025-11-10 至 2025-11-14；中止天数 14 → 10',
    ]);
  });

  it('§13: a 恢复日 before its 中止日 is refused naming both, as are overlapping periods; nothing is written', async () => {
    const c = await newCase();
    const e = await callFail(core, 'case.addSuspension', { kind: 'reconsideration', id: c.id, period: { from: '2025-10-20', to: '2025-10-19' } });
    expect(e.message).toBe('中止期间：恢复日（2025-10-19）早于中止日（2025-10-20），请核对中止日或恢复日');
    expect((await callFail(core, 'case.addSuspension', { kind: 'reconsideration', id: c.id, period: { to: '2025-10-19' } })).message).toBe(
      '中止期间：中止日必填',
    );
    await call(core, 'case.addSuspension', { kind: 'reconsideration', id: c.id, period: { from: '2025-10-20', to: '2025-10-30' } });
    expect((await callFail(core, 'case.addSuspension', { kind: 'reconsideration', id: c.id, period: { from: '2025-10-25' } })).message).toBe(
      '中止期间：中止日：与 2025-10-20 起的中止期间重叠',
    );
    expect(core.db.prepare('SELECT count(*) FROM case_suspensions').pluck().get()).toBe(1);
    // the table refuses it too, whatever door writes
    expect(() =>
      core.db
        .prepare(
          `INSERT INTO case_suspensions (id, kind, case_id, from_on, to_on, created_at, updated_at) VALUES ('x', 'reconsideration', ?, '2025-10-20', '2025-10-01', 'a', 'a')`,
        )
        .run(c.id),
    ).toThrow(/CHECK/);
  });
});

describe('the procedure deadlines (working days across the 2025 National Day 调休)', () => {
  it('are derived by the law’s counting and shown on the board with their legal basis', async () => {
    const c = await newCase({ correctionNoticeOn: '2025-09-22', acceptedOn: '2025-09-26' });
    // the 答复通知书 of another case (with it, the copy counts as sent: its reminder ends)
    const ans = await newCase({ caseNo: '（2025）某复字第24号', answerNoticeOn: '2025-09-25' });
    // 补正: 10 working days after Mon 09-22 — 23–26, Sun 09-28 (调休), 29, 30, 10-09, 10-10, Sat 10-11 (调休)
    expect(c.values.correctionDueOn).toBe('2025-10-11');
    // 副本: 7 working days after Fri 09-26 — 09-28, 29, 30, 10-09, 10, 11, 13
    expect(c.values.copyDueOn).toBe('2025-10-13');
    // 答复: 10 working days after Thu 09-25 — 26, 28, 29, 30, 10-09, 10, 11, 13, 14, 15
    expect(ans.values.answerDueOn).toBe('2025-10-15');
    const simple = await newCase({ caseNo: '（2025）某复字第20号', procedure: '简易程序', answerNoticeOn: '2025-09-25' });
    expect([simple.values.copyDueOn, simple.values.answerDueOn]).toEqual(['2025-09-30', '2025-10-09']);
    // the 受理审查期限 restarts from the day the material is complete: 5 working days after Fri 09-26 — 09-28, 29,
    // 30, 10-09, 10-10 (from the 收到申请日期 09-19 it would have been 09-26)
    const corrected = await newCase({
      caseNo: '（2025）某复字第21号',
      intake: '补正中',
      acceptedOn: null,
      correctionNoticeOn: '2025-09-22',
      correctedOn: '2025-09-26',
    });
    expect(corrected.values.intakeDueOn).toBe('2025-10-10');
    expect((await newCase({ caseNo: '（2025）某复字第22号', intake: '审查中', acceptedOn: null })).values.intakeDueOn).toBe('2025-09-26');

    // a case still waiting for its 补正 (not accepted): 补正期限 2025-10-11
    const waiting = await newCase({ caseNo: '（2025）某复字第23号', intake: '补正中', acceptedOn: null, correctionNoticeOn: '2025-09-22' });
    // on Thu 10-09: 副本 due in 3 working days (10-10, Sat 10-11, 10-13), beyond the 2-day warning; 补正 in 2
    const on = async (today: string) =>
      (await call(core, 'deadlines.board', { today, kinds: ['reconsideration'] })).items.filter((i) => [c.id, waiting.id, ans.id].includes(i.id));
    const shown = (items: Awaited<ReturnType<typeof on>>) => items.map((i) => [i.title, i.fieldLabel, i.dueOn, i.left, i.unit]).sort();
    expect(shown(await on('2025-10-09'))).toEqual([['（2025）某复字第23号', '补正期限', '2025-10-11', 2, 'workdays']]);
    const fri = await on('2025-10-10');
    expect(shown(fri)).toEqual([
      ['（2025）某复字第18号', '副本发送期限', '2025-10-13', 2, 'workdays'],
      ['（2025）某复字第23号', '补正期限', '2025-10-11', 1, 'workdays'],
    ]);
    const rules = Object.fromEntries(fri.map((i) => [i.field, i.rule]));
    expect(rules.correctionDueOn).toMatch(/^行政复议法第三十一条、第八十八条/);
    expect(rules.copyDueOn).toMatch(/^行政复议法第四十八条、第五十四条/);
    // 答复期限 10-15 joins on Mon 10-13 (2 working days left: 10-14, 10-15), with its rule
    expect((await on('2025-10-13')).find((i) => i.field === 'answerDueOn')).toMatchObject({
      title: '（2025）某复字第24号',
      dueOn: '2025-10-15',
      left: 2,
      rule: expect.stringMatching(/10 个工作日（简易程序 5 个工作日）/),
    });
    // its 副本 reminder ended with the 答复通知书
    expect((await on('2025-10-10')).filter((i) => i.id === ans.id).map((i) => i.field)).toEqual([]);
    // the 补正 made: off the board
    await call(core, 'ledger.update', {
      kind: 'reconsideration',
      id: waiting.id,
      version: waiting.version,
      values: { ...waiting.values, correctedOn: '2025-10-10' },
    });
    expect((await on('2025-10-10')).filter((i) => i.id === waiting.id && i.field === 'correctionDueOn')).toEqual([]);
    // done: the step taken takes it off the board
    await call(core, 'ledger.update', { kind: 'reconsideration', id: c.id, version: c.version, values: { ...c.values, copySentOn: '2025-10-10' } });
    await call(core, 'ledger.update', { kind: 'reconsideration', id: ans.id, version: ans.version, values: { ...ans.values, answerReceivedOn: '2025-10-13' } });
    expect((await on('2025-10-13')).filter((i) => i.id === c.id || i.id === ans.id).map((i) => i.field)).toEqual([]);
  });

  it('上诉期限: 15 days from a 判决, 10 from a 裁定, rolled past the holiday; off the board once 上诉 is 否', async () => {
    const base = {
      caseNo: '（2025）某0102行初8号',
      receivedOn: '2025-04-08',
      plaintiff: '钱某某',
      defendant: '县人民政府',
      closedOn: '2025-09-18',
      judgmentReceivedOn: '2025-09-20',
    };
    const j = await call(core, 'ledger.create', { kind: 'litigation', values: { ...base, closure: '判决', judgment: '驳回诉讼请求' } });
    // 09-20 + 15 = 10-05, a holiday: the next working day is 10-09
    expect(j.values.appealDueOn).toBe('2025-10-09');
    const r = await call(core, 'ledger.create', { kind: 'litigation', values: { ...base, caseNo: '（2025）某0102行初9号', closure: '裁定驳回起诉' } });
    expect(r.values.appealDueOn).toBe('2025-09-30');
    const board = await call(core, 'deadlines.board', { today: '2025-09-29', kinds: ['litigation'] });
    expect(board.items.filter((i) => i.field === 'appealDueOn').map((i) => [i.title, i.dueOn, i.left])).toEqual([['（2025）某0102行初9号', '2025-09-30', 1]]);
    expect(board.items.find((i) => i.field === 'appealDueOn')!.rule).toMatch(/^行政诉讼法第八十五条/);
    await call(core, 'ledger.update', { kind: 'litigation', id: r.id, version: r.version, values: { ...r.values, appealed: false } });
    expect((await call(core, 'deadlines.board', { today: '2025-09-29', kinds: ['litigation'] })).items.filter((i) => i.field === 'appealDueOn')).toEqual([]);
  });
});

describe('彻底删除 of a case', () => {
  it('takes its parties and 中止 periods with it, kept in the audit entry', async () => {
    const c = await newCase();
    const other = await newCase({ caseNo: '（2025）某复字第30号' });
    const f = await call(core, 'case.addParty', { kind: 'reconsideration', id: c.id, party: { role: '申请人', name: '甲公司' } });
    await call(core, 'case.addParty', { kind: 'reconsideration', id: c.id, party: { role: '代理人', name: '乙律师', representsId: f.parties[0].id } });
    await call(core, 'case.addParty', { kind: 'reconsideration', id: other.id, party: { role: '申请人', name: '丙' } });
    await call(core, 'case.addSuspension', { kind: 'reconsideration', id: c.id, period: { from: '2025-10-20', to: '2025-10-22' } });
    await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [c.id] });
    // only deleted: the case file stays
    expect(core.db.prepare('SELECT count(*) FROM case_parties WHERE case_id = ?').pluck().get(c.id)).toBe(2);
    await call(core, 'ledger.purge', { kind: 'reconsideration', ids: [c.id], confirm: '彻底删除' });
    expect(core.db.prepare('SELECT case_id FROM case_parties UNION ALL SELECT case_id FROM case_suspensions').pluck().all()).toEqual([other.id]);
    const entry = (await call(core, 'audit.list', { recordId: c.id })).rows.find((r) => r.action === '彻底删除')!;
    expect((entry.before as { parties: { name: string }[] }).parties.map((p) => p.name)).toEqual(['甲公司', '乙律师']);
  });
});

describe('the case timeline', () => {
  it('puts every step of a full case in date order with the deadline each starts', async () => {
    const c = await newCase({
      receivedOn: '2025-09-15',
      intake: '受理',
      correctionNoticeOn: '2025-09-16',
      correctedOn: '2025-09-19',
      acceptedOn: '2025-09-26',
      copySentOn: '2025-09-29',
      answerNoticeOn: '2025-09-30',
      answerReceivedOn: '2025-10-13',
      hearing: true,
      hearingOn: '2025-10-20',
      hearingPlace: '第一听证室',
      extended: true,
      extensionApprovedOn: '2025-11-20',
      extensionDays: 20,
      closedOn: '2025-12-20',
      disposition: '撤销',
      servedOn: '2025-12-23',
    });
    const f = await call(core, 'case.addSuspension', {
      kind: 'reconsideration',
      id: c.id,
      period: { from: '2025-10-27', to: '2025-11-03', reason: '等待鉴定结论' },
    });
    const due = f.record.values.decisionDueOn as string;
    // 09-26 + 60 + 20 (延期) + 7 (中止) = 2025-12-22 (Monday)
    expect(due).toBe('2025-12-22');
    expect(f.timeline.map((s) => [s.date, s.label, s.starts ? `${s.starts.label} ${s.starts.dueOn}` : ''])).toEqual([
      ['2025-09-15', '收到行政复议申请', ''],
      ['2025-09-16', '补正通知送达申请人', `补正期限 ${f.record.values.correctionDueOn}`],
      ['2025-09-19', '补正材料齐全', '受理审查期限（重新计算） 2025-09-26'],
      ['2025-09-26', '受理', `审理期限 ${due}`],
      ['2025-09-26', '应发送申请书副本', '副本发送期限 2025-10-13'],
      ['2025-09-29', '申请书副本发送被申请人', ''],
      // 10 working days after Tue 09-30: 10-09, 10, Sat 11 (调休), 13, 14, 15, 16, 17, 20, 21
      ['2025-09-30', '答复通知书送达被申请人', '答复期限 2025-10-21'],
      ['2025-10-13', '收到被申请人答复', ''],
      ['2025-10-20', '听证（第一听证室）', ''],
      ['2025-10-27', '中止审理：等待鉴定结论', ''],
      ['2025-11-03', '恢复审理（中止 7 日不计入审理期限）', `审理期限 ${due}`],
      ['2025-11-20', '批准延期 20 日', `审理期限 ${due}`],
      ['2025-12-20', '审结：撤销', ''],
      ['2025-12-23', '决定书送达', ''],
    ]);
    // the pure function gives the same from the stored record
    expect(caseTimeline('reconsideration', f.record.values, f.suspensions)).toEqual(f.timeline);
  });
});

describe('migration 10 on rows written at the version before it', () => {
  it('adds the columns empty, keeps the rows and their search text, and indexes new party names and 复议请求', async () => {
    const v10 = MIGRATIONS.at(-1)!.version;
    const file = path.join(tempDir(), 'old.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.filter((x) => x.version < v10)) {
      raw.exec(m.sql);
      m.run?.(raw);
      raw.pragma(`user_version = ${m.version}`);
    }
    raw
      .prepare(
        `INSERT INTO reconsideration (id, created_at, updated_at, "caseNo", "receivedOn", applicant, respondent, "acceptedOn", "suspendedDays", "decisionDueOn")
      VALUES ('old-1', 'a', 'a', '（2024）某复字第3号', '2024-05-06', '老申请人', '某局', '2024-05-08', 5, '2024-07-12')`,
      )
      .run();
    raw.close();
    const db = await openDatabase(file, { migrations: MIGRATIONS });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(v10);
      expect(db.prepare(`SELECT "caseNo", "suspendedDays", "decisionDueOn", request, "partyNames", "correctionDueOn" FROM reconsideration`).get()).toEqual({
        caseNo: '（2024）某复字第3号',
        suspendedDays: 5,
        decisionDueOn: '2024-07-12',
        request: null,
        partyNames: null,
        correctionDueOn: null,
      });
      const hits = (q: string) => db.prepare(`SELECT count(*) FROM reconsideration_fts WHERE body MATCH ?`).pluck().get(`"${q}"`);
      expect(hits('老申请人')).toBe(1);
      db.prepare(`UPDATE reconsideration SET request = '请求撤销决定', "partyNames" = '老申请人 第三人甲' WHERE id = 'old-1'`).run();
      expect([hits('请求撤销'), hits('第三人甲')]).toEqual([1, 1]);
      expect(db.prepare(`SELECT count(*) FROM case_parties`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
