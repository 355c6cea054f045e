// Issue 14, "the first hour": 案号 sorted by year and number, search that normalises 案号 as saving does, the
// consistency rules of DOMAIN §13 through the API and an import, and the deadline board's order, 承办人 filter
// and 不再提醒. Real data files, real migrations.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { migrate } from '../../electron/core/db/connection';
import { listRows } from '../../electron/core/db/ledger-repo';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { deskDetails } from '../../electron/core/db/migrations/007_desk_details';
import { deadlineBoard, deadlinePage } from '../../electron/core/deadlines';
import { caseNoSortKey } from '../../electron/domain/case-no';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

const rec = (caseNo: string, extra: Record<string, unknown> = {}) => ({
  caseNo,
  receivedOn: '2025-03-03',
  applicant: '张三',
  respondent: '县市场监管局',
  ...extra,
});

const MIXED = ['〔2025〕9号', '〔2025〕10号', '〔2024〕100号', '待编号', '（2025）清复字第100号', '（2025）清复字第10号', '（2024）清复字第7号'];
const MIXED_ASC = ['（2024）清复字第7号', '〔2024〕100号', '〔2025〕9号', '〔2025〕10号', '（2025）清复字第10号', '（2025）清复字第100号', '待编号'];

describe('案号 sorts by year and number', () => {
  let core: Core;
  beforeAll(async () => {
    core = await tempCore();
  });
  afterAll(() => core.close());

  it('the key: year, then number, then text without numbers', () => {
    const sorted = [...MIXED].sort((a, b) => (caseNoSortKey(a)! < caseNoSortKey(b)! ? -1 : 1));
    expect(sorted).toEqual(MIXED_ASC);
    // full-width digits read as digits; empty has no key
    expect(caseNoSortKey('（２０２５）清复字第１０号')).toBe(caseNoSortKey('（2025）清复字第10号'));
    expect(caseNoSortKey('')).toBeNull();
  });

  it('a list sorted by 案号, both ways, for records saved one by one, imported, and edited', async () => {
    // saved one by one and imported: both write the key
    for (const c of MIXED.slice(0, 4)) await call(core, 'ledger.create', { kind: 'reconsideration', values: rec(c) });
    const imp = await call(core, 'ledger.import', { kind: 'reconsideration', rows: MIXED.slice(4).map((c) => rec(c)) });
    expect(imp.errors).toEqual([]);
    const list = async (dir: 'asc' | 'desc') =>
      (await call(core, 'ledger.list', { kind: 'reconsideration', sort: { field: 'caseNo', dir }, pageSize: 100 })).rows.map((r) => r.values.caseNo);
    expect(await list('asc')).toEqual(MIXED_ASC);
    expect(await list('desc')).toEqual([...MIXED_ASC].reverse());
    // an edit of the number moves the row
    const row = (await call(core, 'ledger.list', { kind: 'reconsideration', q: '待编号' })).rows[0];
    await call(core, 'ledger.update', { kind: 'reconsideration', id: row.id, version: row.version, values: { ...row.values, caseNo: '〔2023〕1号' } });
    expect((await list('asc'))[0]).toBe('〔2023〕1号');
  });

  it('案卷评查 (案号 optional): rows without one come last in ascending order', async () => {
    const base = { unit: '县市场监管局', reviewedOn: '2025-05-06' };
    for (const caseNo of ['罚〔2025〕12号', '罚〔2025〕2号', null])
      await call(core, 'ledger.create', { kind: 'casefile', values: { ...base, ...(caseNo ? { caseNo } : {}) } });
    const rows = (await call(core, 'ledger.list', { kind: 'casefile', sort: { field: 'caseNo', dir: 'asc' } })).rows.map((r) => r.values.caseNo);
    expect(rows).toEqual(['罚〔2025〕2号', '罚〔2025〕12号', null]);
  });
});

describe('migration 7 on a file made before it', () => {
  it('gives every existing 案号 its key, keeps the search index and its trigger as they were', async () => {
    const file = path.join(tempDir(), 'v5.db');
    // the migrations before it, and it (not the later ones: migration 9 narrows the update trigger on purpose, 10 rebuilds the search triggers)
    const desk = MIGRATIONS.find((m) => m.sql === deskDetails)!.version;
    const before = MIGRATIONS.filter((m) => m.version < desk);
    const db = new Database(file);
    migrate(db, before);
    const ins = db.prepare(
      `INSERT INTO reconsideration (id, version, created_at, updated_at, "caseNo", "receivedOn", "applicant", "respondent", deleted_at) VALUES (?, 1, 'x', 'x', ?, '2025-01-02', '甲', '乙', ?)`,
    );
    MIXED.forEach((c, i) => ins.run(`r${i}`, c, i === 1 ? '2025-06-01T00:00:00Z' : null));
    db.prepare(
      `INSERT INTO casefile (id, version, created_at, updated_at, "caseNo", "unit", "reviewedOn") VALUES ('c1', 1, 'x', 'x', '罚〔2025〕3号', '县局', '2025-01-02')`,
    ).run();
    const trigger = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'reconsideration_fts_au'`).pluck().get();
    const fts = db.prepare('SELECT rowid, body FROM reconsideration_fts ORDER BY rowid').all();
    db.close();

    const core = { db: new Database(file), close: () => core.db.close() };
    migrate(
      core.db,
      MIGRATIONS.filter((m) => m.version <= desk),
    );
    try {
      const keys = core.db.prepare(`SELECT "caseNo", "caseNo_sort" FROM reconsideration ORDER BY rid`).all() as { caseNo: string; caseNo_sort: string }[];
      // deleted rows too (they may be restored)
      expect(keys.map((k) => k.caseNo_sort)).toEqual(MIXED.map(caseNoSortKey));
      expect(core.db.prepare(`SELECT "caseNo_sort" FROM casefile`).pluck().get()).toBe(caseNoSortKey('罚〔2025〕3号'));
      expect(core.db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'reconsideration_fts_au'`).pluck().get()).toBe(trigger);
      expect(core.db.prepare('SELECT rowid, body FROM reconsideration_fts ORDER BY rowid').all()).toEqual(fts);
      const live = MIXED_ASC.filter((c) => c !== MIXED[1]);
      expect(
        listRows(core.db, LEDGERS.reconsideration, { kind: 'reconsideration', sort: { field: 'caseNo', dir: 'asc' } }).rows.map((r) => r.values.caseNo),
      ).toEqual(live);
      // the board's table is there and empty
      expect(core.db.prepare('SELECT count(*) FROM deadline_dismissals').pluck().get()).toBe(0);
    } finally {
      core.close();
    }
  });
});

describe('search normalises 案号 the way saving does', () => {
  let core: Core;
  beforeAll(async () => {
    core = await tempCore();
    await call(core, 'ledger.create', { kind: 'reconsideration', values: rec('(2025)清复字第3号') });
    await call(core, 'ledger.create', { kind: 'reconsideration', values: rec('（2024）清复字第8号', { applicant: '某某公司(城西分公司)' }) });
    await call(core, 'ledger.create', {
      kind: 'litigation',
      values: { caseNo: '(2025)浙0102行初12号', receivedOn: '2025-04-01', plaintiff: '李四', defendant: '县政府' },
    });
  });
  afterAll(() => core.close());

  const found = async (kind: 'reconsideration' | 'litigation', q: string, extra: Record<string, unknown> = {}) =>
    (await call(core, 'ledger.list', { kind, q, ...extra })).rows.map((r) => String(r.values.caseNo ?? ''));

  it('saved with half-width brackets, stored with full-width ones', async () => {
    expect(await found('reconsideration', '清复字第3号')).toEqual(['（2025）清复字第3号']);
  });

  it.each([
    ['(2025)清复字', ['（2025）清复字第3号']],
    ['(2025)', ['（2025）清复字第3号']],
    ['（２０２５） 清复', ['（2025）清复字第3号']],
    ['(2', ['（2025）清复字第3号', '（2024）清复字第8号']],
  ])('%s', async (q, want) => {
    expect((await found('reconsideration', q)).sort()).toEqual([...want].sort());
    // with a year (the other search path: every row here was received in 2025)
    expect((await found('reconsideration', q, { year: 2025 })).sort()).toEqual([...want].sort());
  });

  it('应诉 too; text stored as typed is still found as typed', async () => {
    expect(await found('litigation', '(2025)浙0102')).toEqual(['（2025）浙0102行初12号']);
    expect(await found('reconsideration', '(城西分公司)')).toEqual(['（2024）清复字第8号']);
  });

  it('the 回收站 search normalises as well', async () => {
    const r = (await call(core, 'ledger.list', { kind: 'reconsideration', q: '第3号' })).rows[0];
    await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [r.id] });
    expect((await call(core, 'ledger.list', { kind: 'reconsideration', deleted: true, q: '(2025)清复' })).rows.map((x) => x.id)).toEqual([r.id]);
  });
});

describe('DOMAIN §13: contradictory cases are refused, naming both fields', () => {
  let core: Core;
  beforeAll(async () => {
    core = await tempCore();
  });
  afterAll(() => core.close());

  it.each([
    [{ intake: '不予受理', closedOn: '2025-03-10', disposition: '撤销' }, /审结方式：“撤销”是对案件实体的决定，与受理情况“不予受理”矛盾/],
    [{ intake: '视为放弃', closedOn: '2025-03-10', disposition: '维持' }, /审结方式：“维持”.*受理情况“视为放弃”/],
    [{ intake: '受理前撤回', closedOn: '2025-03-10', disposition: '调解' }, /审结方式：“调解”.*受理情况“受理前撤回”/],
    [{ intake: '受理', acceptedOn: '2025-03-05', closedOn: '2025-03-10' }, /审结方式：填写了审结日期时必填/],
    [{ intake: '受理', acceptedOn: '2025-03-05', disposition: '维持' }, /审结日期：填写了审结方式时必填/],
  ])('复议 %o', async (extra, message) => {
    const e = await callFail(core, 'ledger.create', { kind: 'reconsideration', values: rec(`〔2025〕${Math.random()}号`, extra) });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(message);
  });

  it('a case not accepted may still end procedurally (驳回申请, 终止)', async () => {
    const r = await call(core, 'ledger.create', {
      kind: 'reconsideration',
      values: rec('〔2025〕50号', { intake: '受理前撤回', closedOn: '2025-03-10', disposition: '终止(撤回)' }),
    });
    expect(r.values.disposition).toBe('终止(撤回)');
  });

  it('应诉: 判决 without 裁判结果', async () => {
    const e = await callFail(core, 'ledger.create', {
      kind: 'litigation',
      values: { caseNo: '（2025）浙01行初1号', receivedOn: '2025-02-01', plaintiff: '甲', defendant: '乙', closedOn: '2025-06-01', closure: '判决' },
    });
    expect(e.message).toMatch(/裁判结果：结案方式为“判决”时必填/);
  });

  it('an update is held to the same rules', async () => {
    const r = await call(core, 'ledger.create', { kind: 'reconsideration', values: rec('〔2025〕60号', { intake: '不予受理' }) });
    const e = await callFail(core, 'ledger.update', {
      kind: 'reconsideration',
      id: r.id,
      version: r.version,
      values: { ...r.values, closedOn: '2025-03-20', disposition: '撤销' },
    });
    expect(e.message).toMatch(/审结方式：“撤销”/);
    expect((await call(core, 'ledger.get', { kind: 'reconsideration', id: r.id })).values.disposition).toBeNull();
  });

  it('审结日期 after 审理期限: saved, with a warning (and none when on time)', async () => {
    const late = await call(core, 'ledger.create', {
      kind: 'reconsideration',
      values: rec('〔2025〕70号', { intake: '受理', acceptedOn: '2025-03-05', procedure: '普通程序', closedOn: '2025-06-30', disposition: '维持' }),
    });
    expect(late.values.decisionDueOn).toBe('2025-05-06');
    expect(late.warnings).toEqual(['审结日期（2025-06-30）晚于审理期限（2025-05-06），已超期；如有延期或中止，请填写“延期”或“中止天数”']);
    const onTime = await call(core, 'ledger.update', {
      kind: 'reconsideration',
      id: late.id,
      version: late.version,
      values: { ...late.values, closedOn: '2025-04-30' },
    });
    expect(onTime.warnings).toEqual([]);
    // the form's preview shows it as it is typed
    const p = await call(core, 'ledger.preview', { kind: 'reconsideration', values: { ...late.values, decisionDueOn: undefined, intakeDueOn: undefined } });
    expect(p.warnings).toHaveLength(1);
  });

  it('an import refuses the file, naming every contradictory row, and writes nothing', async () => {
    const header = ['案号', '收到申请日期', '申请人', '被申请人', '受理情况', '受理日期', '审结日期', '审结方式'];
    const lines = [
      header,
      ['〔2025〕101号', '2025-03-03', '甲', '县局', '受理', '2025-03-05', '2025-04-01', '维持'],
      ['〔2025〕102号', '2025-03-03', '乙', '县局', '不予受理', '', '2025-03-09', '撤销'],
      ['〔2025〕103号', '2025-03-03', '丙', '县局', '受理', '2025-03-05', '2025-04-01', ''],
      ['〔2025〕104号', '2025-03-03', '丁', '县局', '受理', '2025-03-05', '', '变更'],
    ];
    const content = Buffer.from(lines.map((l) => l.join(',')).join('\n'), 'utf8').toString('base64');
    const before = (await call(core, 'ledger.list', { kind: 'reconsideration' })).total;
    const r = await call(core, 'exchange.import', { kind: 'reconsideration', fileName: '复议台账.csv', content });
    expect(r.inserted).toBe(0);
    expect(r.errors).toEqual([
      expect.stringMatching(/^第3行 审结方式：“撤销”是对案件实体的决定/),
      '第4行 审结方式：填写了审结日期时必填',
      '第5行 审结日期：填写了审结方式时必填',
    ]);
    expect((await call(core, 'ledger.list', { kind: 'reconsideration' })).total).toBe(before);
  });
});

describe('the deadline board: what needs action first, by 承办人, and 不再提醒', () => {
  const TODAY = '2025-10-22'; // a Wednesday
  let core: Core;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    core = await tempCore();
    // contracts with their 审查期限 set by hand (warned 2 working days ahead), and old 整改 items
    const contracts: [string, string, string][] = [
      ['过期很久的合同', '2025-03-03', '王五'],
      ['昨天到期的合同', '2025-10-21', '李明'],
      ['明天到期的合同', '2025-10-23', '李明'],
      ['今天到期的合同', '2025-10-22', '王五'],
      ['上周到期的合同', '2025-10-15', '李明'],
    ];
    for (const [title, dueOn, handler] of contracts) {
      const r = await call(core, 'ledger.create', { kind: 'contract', values: { title, submitter: '县局', receivedOn: '2025-01-06', dueOn, handler } });
      ids[title] = r.id;
    }
    for (let i = 0; i < 6; i++) {
      await call(core, 'ledger.create', { kind: 'casefile', values: { unit: `单位${i}`, reviewedOn: '2024-05-06', issues: 2, rectifyBy: `2024-06-1${i}` } });
    }
  });
  afterAll(() => core.close());

  const titles = (items: { title: string }[]) => items.map((i) => i.title);

  it('due soon first (nearest first), then overdue (most recent first): old items sink to the end', async () => {
    const all = await call(core, 'deadlines.board', { today: TODAY });
    expect(titles(all.items).slice(0, 5)).toEqual(['今天到期的合同', '明天到期的合同', '昨天到期的合同', '上周到期的合同', '过期很久的合同']);
    expect(titles(all.items).slice(5)).toEqual(['单位5', '单位4', '单位3', '单位2', '单位1', '单位0']);
    // the paged board gives the same order, page by page
    const pages = [];
    for (let p = 1; p <= 3; p++) pages.push(...(await call(core, 'deadlines.board', { today: TODAY, page: p, pageSize: 4 })).items);
    expect(pages).toEqual(all.items);
    expect(deadlinePage(core, TODAY, LEDGER_KINDS, { page: 1, pageSize: 100 }).items).toEqual(deadlineBoard(core, TODAY, LEDGER_KINDS));
  });

  it('filters by ledger and by 承办人, and lists the 承办人 to choose from', async () => {
    const mine = await call(core, 'deadlines.board', { today: TODAY, page: 1, pageSize: 10, handler: '李明' });
    expect(titles(mine.items)).toEqual(['明天到期的合同', '昨天到期的合同', '上周到期的合同']);
    expect([mine.overdue, mine.soon]).toEqual([2, 1]);
    expect(mine.handlers).toEqual(['李明', '王五'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    const none = await call(core, 'deadlines.board', { today: TODAY, page: 1, pageSize: 10, handler: null, kinds: ['casefile'] });
    expect(none.total).toBe(6);
    expect(titles((await call(core, 'deadlines.board', { today: TODAY, kinds: ['contract'], handler: '王五' })).items)).toEqual([
      '今天到期的合同',
      '过期很久的合同',
    ]);
  });

  it('不再提醒 with a reason hides an item (audited); shown again on request, and restored', async () => {
    const id = ids['过期很久的合同'];
    expect((await callFail(core, 'deadlines.dismiss', { kind: 'contract', id, field: 'dueOn', reason: '  ' })).message).toMatch(/请填写不再提醒的原因/);
    expect((await callFail(core, 'deadlines.dismiss', { kind: 'contract', id, field: 'signedOn', reason: '已办' })).message).toMatch(
      /没有名为“signedOn”的期限/,
    );
    await call(core, 'deadlines.dismiss', { kind: 'contract', id, field: 'dueOn', reason: '合同已终止，不再签订' });

    const board = await call(core, 'deadlines.board', { today: TODAY, page: 1, pageSize: 50 });
    expect(titles(board.items)).not.toContain('过期很久的合同');
    expect([board.overdue, board.soon, board.dismissed]).toEqual([8, 2, 1]);
    expect(titles((await call(core, 'deadlines.board', { today: TODAY })).items)).not.toContain('过期很久的合同');

    const shown = await call(core, 'deadlines.board', { today: TODAY, page: 1, pageSize: 50, dismissed: true });
    const item = shown.items.find((i) => i.id === id)!;
    expect(item.dismissed).toMatchObject({ reason: '合同已终止，不再签订', actor: '测试' });
    expect(shown.items.filter((i) => i.dismissed)).toHaveLength(1);
    // the ledger page's status column still shows the record's state
    expect((await call(core, 'ledger.list', { kind: 'contract', pageSize: 50 })).due.map((d) => d.id)).toContain(id);

    const audit = await call(core, 'audit.list', { recordId: id });
    expect(audit.rows[0]).toMatchObject({ action: '不再提醒', actor: '测试', after: { 期限: '审查期限', 到期日: '2025-03-03', 原因: '合同已终止，不再签订' } });

    await call(core, 'deadlines.restore', { kind: 'contract', id, field: 'dueOn' });
    expect(titles((await call(core, 'deadlines.board', { today: TODAY, page: 1, pageSize: 50 })).items)).toContain('过期很久的合同');
    expect((await call(core, 'audit.list', { recordId: id })).rows[0]).toMatchObject({ action: '恢复提醒' });
  });

  it('a 不再提醒 lapses when the due date moves', async () => {
    const id = ids['上周到期的合同'];
    await call(core, 'deadlines.dismiss', { kind: 'contract', id, field: 'dueOn', reason: '已电话催办' });
    expect(titles((await call(core, 'deadlines.board', { today: TODAY })).items)).not.toContain('上周到期的合同');
    const r = await call(core, 'ledger.get', { kind: 'contract', id });
    await call(core, 'ledger.update', { kind: 'contract', id, version: r.version, values: { ...r.values, dueOn: '2025-10-20' } });
    expect(titles((await call(core, 'deadlines.board', { today: TODAY })).items)).toContain('上周到期的合同');
  });
});
