// Which derived values are settled (domain/rows.ts; docs/decisions.md “办结的和往年的记录保持原结果”): a deadline once
// its case is done, any other value once its row's year is no longer open — the previous year stays open until its
// report is due on 1 March.
import { describe, expect, it } from 'vitest';
import { LEDGERS } from '../../electron/domain/ledgers';
import { openFrom, openYears, settledFor } from '../../electron/domain/rows';

describe('the years still open', () => {
  it('the year before stays open until 1 March, when its report is due', () => {
    expect(openYears('2027-01-01')).toEqual([2026, 2027]);
    expect(openYears('2027-02-28')).toEqual([2026, 2027]);
    expect(openYears('2028-02-29')).toEqual([2027, 2028]);
    expect(openYears('2027-03-01')).toEqual([2027]);
    expect(openYears('2026-12-31')).toEqual([2026]);
    expect(openFrom('2027-02-10')).toBe('2026-01-01');
    expect(openFrom('2027-03-01')).toBe('2027-01-01');
  });
});

describe('settledFor', () => {
  const contract = LEDGERS.contract;
  it('a deadline: once its case is done, whatever the year', () => {
    expect(settledFor(contract, 'dueOn', { receivedOn: '2020-03-02', completedOn: '2020-03-05' }, '2026-06-01')).toBe(true);
    expect(settledFor(contract, 'dueOn', { receivedOn: '2020-03-02', completedOn: null }, '2026-06-01')).toBe(false);
    expect(settledFor(contract, 'dueOn', { receivedOn: '2026-03-02', completedOn: '2026-03-05' }, '2026-06-01')).toBe(true);
  });
  it('a deadline that no longer applies is settled (报备期限 once filed with the 人大常委会)', () => {
    const n = LEDGERS.normative;
    expect(settledFor(n, 'filingDueOn', { filedGovOn: null, filedCongressOn: '2024-05-01' }, '2026-06-01')).toBe(true);
    expect(settledFor(n, 'filingDueOn', { filedGovOn: null, filedCongressOn: null }, '2026-06-01')).toBe(false);
  });
  it('any other value: once its row’s year is closed; undated rows stay open', () => {
    expect(settledFor(contract, 'major', { receivedOn: '2025-12-31' }, '2026-06-01')).toBe(true);
    expect(settledFor(contract, 'major', { receivedOn: '2025-12-31' }, '2026-02-01')).toBe(false);
    expect(settledFor(contract, 'major', { receivedOn: '2026-01-01' }, '2026-06-01')).toBe(false);
    expect(settledFor(contract, 'major', { receivedOn: null }, '2026-06-01')).toBe(false);
    expect(settledFor(LEDGERS.casefile, 'grade', { reviewedOn: '2024-11-20' }, '2026-06-01')).toBe(true);
  });
});
