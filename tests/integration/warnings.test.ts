// Issue 15 item 9: the warnings DOMAIN §1 promises — filing late (报备期限) and 评估提醒 (有效期 within 6 months) —
// on the deadline board and in the form, and 司法建议/检察建议 with their 2-month reply deadline (DOMAIN §11);
// migration 8 (registered as 7 on this branch) on a file made before it.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { migrate } from '../../electron/core/db/connection';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { deadlineBoard, deadlinePage } from '../../electron/core/deadlines';
import { addDays, addMonths } from '../../electron/domain/calendar';
import { LEDGER_KINDS } from '../../electron/domain/ledgers';
import { call, tempCore, tempDir } from '../helpers/db';

const TODAY = '2025-11-20';

describe('the new deadlines on the board', () => {
  let core: Core;
  const ids: Record<string, string> = {};
  const create = async (name: string, kind: 'normative' | 'litigation' | 'reconsideration', values: Record<string, unknown>) => {
    ids[name] = (await call(core, 'ledger.create', { kind, values })).id;
  };
  const base = { reviewType: '合法性审核', drafter: '县市场监管局', receivedOn: '2020-01-06', completedOn: '2020-01-10' };

  beforeAll(async () => {
    core = await tempCore({ now: () => new Date(`${TODAY}T03:00:00Z`) });
    // published 2025-10-24: 报备期限 30 days later (a Sunday, so the Monday), not filed → due soon
    await create('unfiled', 'normative', { ...base, title: '未报备的办法', publishedOn: '2025-10-24', handler: '李明' });
    // published more than a year before TODAY, filing never recorded: a gap in the data, not on the board
    await create('stale', 'normative', { ...base, title: '多年前公布未记录报备的办法', publishedOn: '2023-05-04' });
    await create('filedGov', 'normative', { ...base, title: '已报政府的办法', publishedOn: '2025-10-31', filedGovOn: '2025-11-05' });
    await create('filedCongress', 'normative', { ...base, title: '已报人大的办法', publishedOn: '2025-10-31', filedCongressOn: '2025-11-06' });
    // published 2021-03-01: 有效期至 2026-03-01, within 6 months of TODAY
    await create('expiring', 'normative', { ...base, title: '快到期的规定', publishedOn: '2021-03-01', filedGovOn: '2021-03-05' });
    await create('repealed', 'normative', {
      ...base,
      title: '已废止的规定',
      publishedOn: '2021-03-01',
      filedGovOn: '2021-03-05',
      status: '已废止',
      cleanupType: '定期清理',
      cleanupOn: '2024-06-01',
    });
    await create('evaluated', 'normative', {
      ...base,
      title: '已评估的规定',
      publishedOn: '2021-03-01',
      filedGovOn: '2021-03-05',
      cleanupType: '后评估',
      cleanupOn: '2025-09-01',
    });
    await create('farOff', 'normative', { ...base, title: '远未到期的规定', publishedOn: '2024-03-01', filedGovOn: '2024-03-05' });
    await create('theirs', 'normative', {
      reviewType: '备案审查',
      title: '乡政府报备的文件',
      drafter: '某乡人民政府',
      receivedOn: '2021-03-02',
      completedOn: '2021-03-20',
      publishedOn: '2021-03-01',
      filedGovOn: '2021-03-02',
    });
    const lit = { instance: '一审', receivedOn: '2025-06-02', answeredOn: '2025-06-10', plaintiff: '张某', defendant: '县政府' };
    await create('judicial', 'litigation', { ...lit, caseNo: '（2025）浙0102行初1号', judicialReceivedOn: '2025-09-28', handler: '王芳' });
    await create('procuratorDone', 'litigation', {
      ...lit,
      caseNo: '（2025）浙0102行初2号',
      procuratorReceivedOn: '2025-10-10',
      procuratorRepliedOn: '2025-11-01',
    });
    await create('procurator', 'litigation', { ...lit, caseNo: '（2025）浙0102行初3号', procuratorReceivedOn: '2025-09-25' });
    await create('case', 'reconsideration', {
      caseNo: '复2025-9',
      receivedOn: '2025-09-22',
      applicant: '刘某',
      respondent: '县公安局',
      intake: '受理',
      acceptedOn: '2025-09-26',
    });
  });
  afterAll(() => core.close());

  const itemsOf = (field: string) => deadlineBoard(core, TODAY, LEDGER_KINDS).filter((i) => i.field === field);

  it('报备期限: derived from 公布日期 and the setting; on the board until filed with either body, with its basis', () => {
    const due = core.calendar.addCalendarDays('2025-10-24', core.settings['normative.filingDays']);
    const items = itemsOf('filingDueOn');
    expect(items.map((i) => i.id)).toEqual([ids.unfiled]);
    expect(items[0]).toMatchObject({ dueOn: due, fieldLabel: '报备期限', status: '即将到期', handler: '李明' });
    expect(items[0].rule).toContain(`自公布之日起 ${core.settings['normative.filingDays']} 日内报送备案`);
    // one overdue for less than a year is still there: a day later than the look-back it is not
    const later = addDays(core.calendar.addCalendarDays('2023-05-04', core.settings['normative.filingDays']), 365);
    expect(deadlineBoard(core, later, ['normative']).some((i) => i.id === ids.stale && i.field === 'filingDueOn')).toBe(true);
    expect(deadlineBoard(core, addDays(later, 1), ['normative']).some((i) => i.id === ids.stale && i.field === 'filingDueOn')).toBe(false);
  });

  it('评估提醒: 有效期至 within 6 months, only for documents still in force that no 清理/评估 has dealt with', () => {
    const items = itemsOf('expiresOn');
    expect(items.map((i) => i.id)).toEqual([ids.expiring]);
    expect(items[0].dueOn).toBe('2026-03-01');
    expect(items[0].dueOn <= addMonths(TODAY, 6)).toBe(true);
    expect(items[0].rule).toContain('有效期届满前 6 个月组织评估');
  });

  it('司法建议/检察建议: reply due 2 months after receipt, until the 回复日期 is filled', () => {
    const j = itemsOf('judicialReplyDueOn');
    expect(j.map((i) => i.id)).toEqual([ids.judicial]);
    expect(j[0]).toMatchObject({ dueOn: core.calendar.addMonthsPeriod('2025-09-28', 2), fieldLabel: '司法建议回复期限', handler: '王芳' });
    expect(j[0].rule).toContain('2 个月内书面回复');
    const p = itemsOf('procuratorReplyDueOn');
    expect(p.map((i) => i.id)).toEqual([ids.procurator]);
    expect(p[0].dueOn).toBe(core.calendar.addMonthsPeriod('2025-09-25', 2));
    expect(p[0].rule).toContain('检察建议工作规定');
  });

  it('the decision period cites 行政复议法第六十二条 only (第六十四条 is about 撤销)', () => {
    const [item] = itemsOf('decisionDueOn');
    expect(item.id).toBe(ids.case);
    expect(item.rule).toContain('第六十二条');
    expect(item.rule).not.toContain('第六十四条');
  });

  it('the paged board lists the same items as the whole board, and a 司法建议 with a 收到日期 counts as received', async () => {
    const all = deadlineBoard(core, TODAY, LEDGER_KINDS);
    const page = deadlinePage(core, TODAY, LEDGER_KINDS, { page: 1, pageSize: 100 });
    expect(page.items.map((i) => `${i.id}/${i.field}`)).toEqual(all.map((i) => `${i.id}/${i.field}`));
    expect(page.total).toBe(all.length);
    const rec = await call(core, 'ledger.get', { kind: 'litigation', id: ids.judicial });
    expect(rec.values.judicialSuggestion).toBe(true);
  });

  it('a 回复日期 before its 收到日期, or without one, is refused naming the fields', async () => {
    const p = await call(core, 'ledger.preview', {
      kind: 'litigation',
      values: {
        caseNo: 'x',
        receivedOn: '2025-06-02',
        plaintiff: '张某',
        defendant: '县政府',
        judicialReceivedOn: '2025-10-10',
        judicialRepliedOn: '2025-10-01',
        procuratorRepliedOn: '2025-10-01',
      },
    });
    expect(p.issues).toEqual(
      expect.arrayContaining([
        { field: 'judicialRepliedOn', message: '不能早于司法建议收到日期' },
        { field: 'procuratorReceivedOn', message: '填写了检察建议回复日期时必填' },
      ]),
    );
  });

  it('changing the filing period recomputes 报备期限 of the stored rows', async () => {
    await call(core, 'settings.update', { patch: { 'normative.filingDays': 20 } });
    try {
      const r = await call(core, 'ledger.get', { kind: 'normative', id: ids.unfiled });
      expect(r.values.filingDueOn).toBe(core.calendar.addCalendarDays('2025-10-24', 20));
      expect(itemsOf('filingDueOn')[0].rule).toContain('20 日内');
    } finally {
      await call(core, 'settings.update', { patch: { 'normative.filingDays': 30 } });
    }
  });
});

describe('the warnings in the form (ledger.preview and save)', () => {
  let core: Core;
  beforeAll(async () => {
    core = await tempCore({ now: () => new Date('2026-02-10T03:00:00Z') });
  });
  afterAll(() => core.close());
  const doc = { reviewType: '合法性审核', title: '某办法', drafter: '县局', receivedOn: '2025-01-02' };

  it('filed after 报备期限: 逾期报备, naming the dates', async () => {
    const p = await call(core, 'ledger.preview', {
      kind: 'normative',
      values: { ...doc, publishedOn: '2025-01-10', filedGovOn: '2025-03-01', filedCongressOn: '2025-03-05' },
    });
    const due = core.calendar.addCalendarDays('2025-01-10', 30);
    expect(p.values.filingDueOn).toBe(due);
    expect(p.warnings).toContain(`报备日期（2025-03-01）晚于报备期限（公布之日起 30 日，${due}），属逾期报备`);
  });

  it('filed in time: no warning; not filed and the period over: 仍未报备', async () => {
    const inTime = await call(core, 'ledger.preview', { kind: 'normative', values: { ...doc, publishedOn: '2025-01-10', filedCongressOn: '2025-01-20' } });
    expect(inTime.warnings).toEqual([]);
    const late = await call(core, 'ledger.create', { kind: 'normative', values: { ...doc, publishedOn: '2025-12-01' } });
    expect(late.warnings.join()).toContain(`已过报备期限（公布之日起 30 日，${core.calendar.addCalendarDays('2025-12-01', 30)}）仍未报备`);
  });

  it('评估提醒 when 有效期至 is less than 6 months away (not for a repealed document)', async () => {
    const v = { ...doc, publishedOn: '2021-06-01', filedGovOn: '2021-06-05' };
    const p = await call(core, 'ledger.preview', { kind: 'normative', values: v });
    expect(p.values.expiresOn).toBe('2026-06-01');
    expect(p.warnings).toEqual(['有效期至 2026-06-01，不足 6 个月，请组织评估（评估提醒）']);
    const gone = await call(core, 'ledger.preview', { kind: 'normative', values: { ...v, status: '已废止' } });
    expect(gone.warnings).toEqual([]);
    const later = await call(core, 'ledger.preview', { kind: 'normative', values: { ...v, publishedOn: '2022-06-01', filedGovOn: '2022-06-05' } });
    expect(later.warnings).toEqual([]);
  });
});

describe('migration 8 on a file made before it', () => {
  it('adds the columns, fills 报备期限 under the file’s own setting and calendar, keeps search working', async () => {
    const file = path.join(tempDir(), 'v-1.db');
    const before = MIGRATIONS.filter((m) => m.version < 8);
    const db = new Database(file);
    migrate(db, before);
    const at = '2025-01-01T00:00:00.000Z';
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('normative.filingDays', '20', ?)`).run(at);
    const ins = db.prepare(
      `INSERT INTO normative (id, created_at, updated_at, "reviewType", "title", "drafter", "receivedOn", "publishedOn", "status") VALUES (?, ?, ?, '合法性审核', ?, '县局', '2025-09-01', ?, '有效')`,
    );
    ins.run('n1', at, at, '国庆前公布的办法', '2025-09-20');
    ins.run('n2', at, at, '未公布的办法', null);
    db.prepare(
      `INSERT INTO litigation (id, created_at, updated_at, "caseNo", "receivedOn", "plaintiff", "defendant", "judicialSuggestion") VALUES ('l1', ?, ?, '（2024）浙01行初9号', '2024-05-06', '甲', '县政府', 1)`,
    ).run(at, at);
    db.close();

    const core = await openCore(file, { actor: '测试' });
    try {
      expect(core.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
      const n = core.db.prepare(`SELECT id, "filingDueOn" FROM normative ORDER BY id`).all();
      // 20 days from 2025-09-20 is 2025-10-10; the holiday calendar decides whether it rolls
      expect(n).toEqual([
        { id: 'n1', filingDueOn: core.calendar.addCalendarDays('2025-09-20', 20) },
        { id: 'n2', filingDueOn: null },
      ]);
      const l = core.db.prepare(`SELECT "judicialSuggestion", "judicialReceivedOn", "judicialReplyDueOn", "procuratorRepliedOn" FROM litigation`).get();
      expect(l).toEqual({ judicialSuggestion: 1, judicialReceivedOn: null, judicialReplyDueOn: null, procuratorRepliedOn: null });
      const found = await call(core, 'ledger.list', { kind: 'normative', q: '国庆前' });
      expect(found.rows.map((r) => r.id)).toEqual(['n1']);
      // the new open-item indexes exist (the board names them)
      const names = core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_open_%'`).pluck().all();
      expect(names).toEqual(
        expect.arrayContaining([
          'normative_open_filingDueOn',
          'normative_open_expiresOn',
          'litigation_open_judicialReplyDueOn',
          'litigation_open_procuratorReplyDueOn',
        ]),
      );
      expect(deadlineBoard(core, '2025-10-05', ['normative']).map((i) => `${i.id}/${i.field}`)).toEqual(['n1/filingDueOn']);
    } finally {
      core.close();
    }
  });
});
