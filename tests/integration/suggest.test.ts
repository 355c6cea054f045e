// ledger.suggest and ledger.nextCaseNo: what the entry form offers (issue 14). Real file, real migrations.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { suggestCaseNo, suggestValues } from '../../electron/core/db/suggest';
import { importRecords } from '../../electron/core/records';
import { LEDGERS } from '../../electron/domain/ledgers';
import { caseNoParts, nextCaseNo } from '../../electron/domain/suggest';
import { call, callFail, tempCore } from '../helpers/db';

let core: Core;
const rec = (caseNo: string, receivedOn: string, applicant: string, respondent: string, handler?: string) => ({
  caseNo,
  receivedOn,
  applicant,
  respondent,
  ...(handler ? { handler } : {}),
});

beforeAll(async () => {
  core = await tempCore();
  const rows = [
    rec('清复字〔2024〕40号', '2024-11-02', '张三丰', '县公安局', '王五'),
    rec('清复字〔2025〕3号', '2025-01-10', '李四', '县市场监管局', '王五'),
    rec('清复字〔2025〕11号', '2025-02-10', '张无忌', '县公安局', '赵六'),
    rec('清复字〔2025〕12号', '2025-03-01', '某某有限公司', '县公安局', '王五'),
  ];
  for (const values of rows) await call(core, 'ledger.create', { kind: 'reconsideration', values });
  // a deleted row's values and number are not offered
  const gone = await call(core, 'ledger.create', { kind: 'reconsideration', values: rec('清复字〔2025〕30号', '2025-03-02', '张删除', '县删除局', '删除人') });
  await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [gone.id] });
});
afterAll(() => core.close());

describe('ledger.nextCaseNo', () => {
  it('follows the latest 案号 with the next number of the case’s year', async () => {
    expect((await call(core, 'ledger.nextCaseNo', { kind: 'reconsideration', date: '2025-03-05' })).caseNo).toBe('清复字〔2025〕13号');
    expect((await call(core, 'ledger.nextCaseNo', { kind: 'reconsideration', date: '2024-12-30' })).caseNo).toBe('清复字〔2024〕41号');
    // a year with no case yet starts at 1
    expect((await call(core, 'ledger.nextCaseNo', { kind: 'reconsideration', date: '2026-01-04' })).caseNo).toBe('清复字〔2026〕1号');
  });
  it('is null for a ledger with no numbered case, and refused for a ledger without a unique 案号', async () => {
    expect((await call(core, 'ledger.nextCaseNo', { kind: 'litigation', date: '2025-03-05' })).caseNo).toBeNull();
    expect((await callFail(core, 'ledger.nextCaseNo', { kind: 'contract' })).message).toContain('没有统一编号的案号');
  });
  it('reads court numbers and zero padding, and skips numbers in use', () => {
    expect(caseNoParts('（2025）苏0102行初12号')).toEqual({ head: '（', year: 2025, mid: '）苏0102行初', seq: '12', tail: '号' });
    expect(nextCaseNo(['（2025）苏0102行初12号', '（2025）苏0102行初9号', '（2025）苏0102行终30号'], 2025)).toBe('（2025）苏0102行初13号');
    expect(nextCaseNo(['复〔2025〕007号'], 2025)).toBe('复〔2025〕008号');
    expect(nextCaseNo(['A2025-1'], 2025, (s) => s === 'A2025-2' || s === 'A2025-3')).toBe('A2025-4');
    expect(nextCaseNo(['无编号'], 2025)).toBeNull();
  });
});

describe('ledger.suggest', () => {
  it('offers earlier values, most frequent first, typed text matching from the start before anywhere', async () => {
    expect((await call(core, 'ledger.suggest', { kind: 'reconsideration', field: 'handler' })).values).toEqual(['王五', '赵六']);
    expect((await call(core, 'ledger.suggest', { kind: 'reconsideration', field: 'respondent' })).values).toEqual(['县公安局', '县市场监管局']);
    expect((await call(core, 'ledger.suggest', { kind: 'reconsideration', field: 'applicant', prefix: '张' })).values).toEqual(['张无忌', '张三丰']);
    expect((await call(core, 'ledger.suggest', { kind: 'reconsideration', field: 'respondent', prefix: '公安' })).values).toEqual(['县公安局']);
    expect((await call(core, 'ledger.suggest', { kind: 'reconsideration', field: 'respondent', prefix: '县', limit: 1 })).values).toEqual(['县公安局']);
  });
  it('refuses fields that are not suggested (案号, dates, unknown keys) with a Chinese message', async () => {
    expect((await callFail(core, 'ledger.suggest', { kind: 'reconsideration', field: 'caseNo' })).message).toContain('“案号”没有可选的历史填写值');
    expect((await callFail(core, 'ledger.suggest', { kind: 'reconsideration', field: 'nope' })).code).toBe('INVALID_INPUT');
  });
  it('reads a bounded window of recent rows through the rowid and the 案号 index (no full scan)', () => {
    const db = core.db as Database.Database;
    const plans: { text: string; plan: string }[] = [];
    const prepare = db.prepare.bind(db);
    (db as unknown as { prepare: unknown }).prepare = (text: string) => {
      const stmt = prepare(text);
      for (const m of ['get', 'all'] as const) {
        const orig = stmt[m].bind(stmt) as (...a: unknown[]) => unknown;
        (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
          plans.push({ text, plan: (prepare(`EXPLAIN QUERY PLAN ${text}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ') });
          return orig(...args);
        };
      }
      return stmt;
    };
    try {
      suggestValues(db, LEDGERS.reconsideration, 'applicant', '张', 10);
      suggestValues(db, LEDGERS.reconsideration, 'handler', '', 10);
      suggestCaseNo(db, LEDGERS.reconsideration, 2025);
    } finally {
      (db as unknown as { prepare: unknown }).prepare = prepare;
    }
    expect(plans.length).toBeGreaterThanOrEqual(5);
    // a table walk is allowed only where it stops at once: max(rid), and the latest 50 rows in rowid order
    for (const { text, plan } of plans) if (!/max\(rid\)|ORDER BY rid DESC LIMIT 50/.test(text)) expect(plan, text).not.toMatch(/\bSCAN reconsideration\b/);
    expect(plans.filter((p) => /USING INTEGER PRIMARY KEY \(rowid>\?\)/.test(p.plan))).toHaveLength(2);
    expect(plans.some((p) => /USING (COVERING )?INDEX reconsideration_caseNo_live \(caseNo>\? AND caseNo<\?\)/.test(p.plan))).toBe(true);
  });
  it('finds values in a large ledger only among the latest rows, quickly', () => {
    const rows = Array.from({ length: 7_000 }, (_, i) => ({
      line: i + 1,
      values: rec(`大批〔2023〕${i + 1}号`, '2023-05-05', i < 1000 ? '很早的申请人' : `申请人${i % 700}`, '县局') as never,
    }));
    importRecords(core, 'reconsideration', rows);
    const t0 = performance.now();
    return call(core, 'ledger.suggest', { kind: 'reconsideration', field: 'applicant', prefix: '申请人1' }).then(async (s) => {
      expect(s.values.length).toBe(10);
      expect(s.values.every((v) => v.startsWith('申请人1'))).toBe(true);
      // the first 1000 rows are beyond the window of the latest 5,000
      expect((await call(core, 'ledger.suggest', { kind: 'reconsideration', field: 'applicant', prefix: '很早' })).values).toEqual([]);
      expect(performance.now() - t0).toBeLessThan(2000);
    });
  });
});
