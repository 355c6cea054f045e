// ledger.ids: every id matching the ledger page's filters, search and year (no paging), so the page can export
// "what I am looking at" however many pages it spans.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { call, callFail, tempCore } from '../helpers/db';

let core: Core;
const made: Record<string, string> = {};
beforeAll(async () => {
  core = await tempCore();
  const rows = [
    { caseNo: 'UI-1', receivedOn: '2025-01-05', applicant: '张三丰', respondent: '某县公安局', actType: '行政处罚' },
    { caseNo: 'UI-2', receivedOn: '2025-02-05', applicant: '李四', respondent: '某县公安局', actType: '行政许可' },
    { caseNo: 'UI-3', receivedOn: '2025-03-05', applicant: '张小凡', respondent: '某县自然资源局', actType: '行政处罚' },
    { caseNo: 'UI-4', receivedOn: '2024-03-05', applicant: '张无忌', respondent: '某县公安局', actType: '行政处罚' },
  ];
  for (const values of rows) {
    const r = await call(core, 'ledger.create', { kind: 'reconsideration', values });
    made[values.caseNo] = r.id;
  }
  // a deleted row is never listed
  const gone = await call(core, 'ledger.create', {
    kind: 'reconsideration',
    values: { caseNo: 'UI-5', receivedOn: '2025-04-05', applicant: '张五', respondent: '某局', actType: '行政处罚' },
  });
  await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [gone.id] });
});
afterAll(() => core.close());

describe('ledger.ids', () => {
  it('returns the ids of every matching row, across pages, the same set as ledger.list', async () => {
    const input = { kind: 'reconsideration' as const, year: 2025, filters: { actType: '行政处罚' }, q: '张' };
    const r = await call(core, 'ledger.ids', input);
    expect(r.ids.sort()).toEqual([made['UI-1'], made['UI-3']].sort());
    const listed = await call(core, 'ledger.list', { ...input, pageSize: 1 });
    expect(listed.total).toBe(r.ids.length);
  });

  it('without a year spans every year; without filters, every live row', async () => {
    expect((await call(core, 'ledger.ids', { kind: 'reconsideration', filters: { actType: '行政处罚' } })).ids.sort()).toEqual(
      [made['UI-1'], made['UI-3'], made['UI-4']].sort(),
    );
    expect((await call(core, 'ledger.ids', { kind: 'reconsideration' })).ids).toHaveLength(4);
  });

  it('in the list order: the ids are the list pages one after another, for each sort', async () => {
    for (const sort of [undefined, { field: 'applicant', dir: 'asc' as const }, { field: 'caseNo', dir: 'desc' as const }]) {
      const input = { kind: 'reconsideration' as const, sort };
      const paged: string[] = [];
      for (let page = 1; page <= 4; page++) paged.push(...(await call(core, 'ledger.list', { ...input, page, pageSize: 1 })).rows.map((r) => r.id));
      expect((await call(core, 'ledger.ids', input)).ids).toEqual(paged);
    }
  });

  it('the ids export exactly those rows', async () => {
    const { ids } = await call(core, 'ledger.ids', { kind: 'reconsideration', year: 2025, filters: { respondent: '某县公安局' } });
    const out = await call(core, 'exchange.export', { kind: 'reconsideration', format: 'json', ids });
    expect(out.count).toBe(2);
    const parsed = JSON.parse(Buffer.from(out.content, 'base64').toString('utf8')) as unknown;
    expect(JSON.stringify(parsed)).toContain('UI-1');
    expect(JSON.stringify(parsed)).toContain('UI-2');
    expect(JSON.stringify(parsed)).not.toContain('UI-3');
  });

  it('rejects paging and unknown fields in Chinese', async () => {
    expect((await callFail(core, 'ledger.ids', { kind: 'reconsideration', filters: { 不存在: 1 } })).message).toContain('不存在');
    expect((await callFail(core, 'ledger.ids', { kind: 'reconsideration', page: 2 } as never)).code).toBe('INVALID_INPUT');
  });
});

describe('ledger.preview (the entry form as the clerk types)', () => {
  it('derives deadlines from the dates already typed, while required fields are still missing', async () => {
    // 2026-03-10 is a Tuesday: five working days → 2026-03-17 (the weekend of 14–15 skipped)
    const p = await call(core, 'ledger.preview', { kind: 'reconsideration', values: { receivedOn: '2026-03-10' } });
    expect(p.values.intakeDueOn).toBe('2026-03-17');
    expect(p.issues.map((i) => i.field).sort()).toEqual(['applicant', 'caseNo', 'respondent']);
  });

  it('reports a date out of order and still derives the rest', async () => {
    const p = await call(core, 'ledger.preview', { kind: 'reconsideration', values: { receivedOn: '2026-03-10', acceptedOn: '2026-03-01' } });
    expect(p.issues.find((i) => i.field === 'acceptedOn')?.message).toContain('不能早于收到申请日期');
    expect(p.values.intakeDueOn).toBe('2026-03-17');
  });

  it('a complete record has no issues and the same values ledger.create stores', async () => {
    const values = { caseNo: 'UI-P', receivedOn: '2026-03-10', applicant: '赵六', respondent: '某县公安局', acceptedOn: '2026-03-12' };
    const p = await call(core, 'ledger.preview', { kind: 'reconsideration', values });
    expect(p.issues).toEqual([]);
    const made = await call(core, 'ledger.create', { kind: 'reconsideration', values });
    expect(made.values.intakeDueOn).toBe(p.values.intakeDueOn);
    expect(made.values.decisionDueOn).toBe(p.values.decisionDueOn);
    expect(p.values.decisionDueOn).toMatch(/^2026-05-/);
  });
});
