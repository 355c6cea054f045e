// The year figures read the year before together with the year where that is cheaper: the rows still open at
// either year end in one pass (在办数), and 按时报备率's filing deadlines compared in SQL. Each 上年 figure must be
// exactly the figure of that year asked for on its own, and 在办数 / 按时报备率 what the plain definitions give —
// also for values written past the app's normalisation: a 审结日期 that is no date but sorts between two year ends,
// empty filing dates, filing dates that sort differently in UTF-8 and UTF-16.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { importRecords } from '../../electron/core/records';
import { computeMetrics } from '../../electron/core/stats/compute';
import { metricValue } from '../../electron/domain/metrics';
import { tempCore } from '../helpers/db';

const YEARS = [2023, 2024, 2025];
// dates between and around the year ends, and strings that are not dates but sort among them
const ODD = ['2023-12-31', '2024-01-01', '2023-12-31x', '2024-12-31 ', '2024-00-00', '2024-12-31', '2025-01-01', '', null];
const FILED = [null, '', '2024-02-01', '2023-05-05', '\uE000', '𠀀', '2025-01-20', '2024-12-31x'];

let core: Core;
beforeAll(async () => {
  core = await tempCore();
  for (const year of YEARS) {
    const day = (i: number) => `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const r = importRecords(
      core,
      'reconsideration',
      Array.from({ length: 60 }, (_, i) => ({
        line: i + 2,
        values: { caseNo: `R${year}-${i}`, applicant: `申请人${i}`, respondent: '县局', receivedOn: day(i) },
      })),
    );
    const l = importRecords(
      core,
      'litigation',
      Array.from({ length: 40 }, (_, i) => ({
        line: i + 2,
        values: { caseNo: `L${year}-${i}`, instance: '一审', plaintiff: `原告${i}`, defendant: '县政府', court: '中院', receivedOn: day(i) },
      })),
    );
    const n = importRecords(
      core,
      'normative',
      Array.from({ length: 50 }, (_, i) => ({
        line: i + 2,
        values: { reviewType: '合法性审核', title: `文件${year}-${i}`, drafter: '县局', receivedOn: day(i) },
      })),
    );
    expect([...r.errors, ...l.errors, ...n.errors]).toEqual([]);
  }
  const rows = (table: string) => core.db.prepare(`SELECT rid FROM ${table} ORDER BY rid`).pluck().all() as number[];
  const recon = core.db.prepare(`UPDATE reconsideration SET "acceptedOn" = ?, "intake" = ?, "closedOn" = ? WHERE rid = ?`);
  rows('reconsideration').forEach((rid, i) => {
    const received = core.db.prepare('SELECT "receivedOn" FROM reconsideration WHERE rid = ?').pluck().get(rid) as string;
    const accepted = i % 5 === 0 ? null : i % 7 === 0 ? ODD[i % ODD.length] : received;
    recon.run(accepted, ['受理', '不予受理', null, '审查中'][i % 4], ODD[(i * 7) % ODD.length] ?? (i % 2 ? null : '2026-03-01'), rid);
  });
  const lit = core.db.prepare(`UPDATE litigation SET "closedOn" = ? WHERE rid = ?`);
  rows('litigation').forEach((rid, i) => lit.run(ODD[(i * 5) % ODD.length], rid));
  const norm = core.db.prepare(`UPDATE normative SET "publishedOn" = "receivedOn", "filedGovOn" = ?, "filedCongressOn" = ?, "regNo" = ? WHERE rid = ?`);
  rows('normative').forEach((rid, i) => norm.run(FILED[i % FILED.length], FILED[(i * 3 + 1) % FILED.length], ['', null, 'R1'][i % 3], rid));
  // a few deleted rows, which count nowhere
  for (const t of ['reconsideration', 'litigation', 'normative'])
    core.db.prepare(`UPDATE ${t} SET deleted_at = '2025-06-01T00:00:00Z' WHERE rid % 9 = 4`).run();
});
afterAll(() => core.close());

/** 在办数 by its definition: received by the year end, not closed by then (and for 复议 accepted by then). */
function openAt(table: string, year: number): number {
  const accepted = table === 'reconsideration' ? `AND ("acceptedOn" <= @e OR ("acceptedOn" IS NULL AND "intake" = '受理'))` : '';
  return core.db
    .prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL AND "receivedOn" <= @e AND ("closedOn" IS NULL OR "closedOn" > @e) ${accepted}`)
    .pluck()
    .get({ e: `${year}-12-31` }) as number;
}

/** 按时报备率 by its definition: the earlier filing date no later than the end of the filing period. */
function onTimeRate(year: number): number | null {
  const rows = core.db
    .prepare(`SELECT "publishedOn", "filedGovOn", "filedCongressOn" FROM normative WHERE deleted_at IS NULL AND "publishedOn" BETWEEN ? AND ?`)
    .raw()
    .all(`${year}-01-01`, `${year}-12-31`) as [string, string | null, string | null][];
  let onTime = 0;
  for (const [pub, gov, congress] of rows) {
    const last = core.calendar.addCalendarDays(pub, core.settings['normative.filingDays']);
    const filed = gov && congress ? (congress < gov ? congress : gov) : gov || congress;
    if (filed && filed <= last) onTime++;
  }
  return metricValue('rate', rows.length ? onTime / rows.length : null);
}

describe('the year and the year before', () => {
  it('every 上年 figure is that year asked for on its own', () => {
    for (const year of [2024, 2025, 2026]) {
      const m = computeMetrics(core.db, year, core.settings, core.calendar);
      const prev = computeMetrics(core.db, year - 1, core.settings, core.calendar);
      for (const [key, v] of Object.entries(prev.values)) {
        if (key.startsWith('上年.') || key.startsWith('同比.')) continue;
        expect(m.values[`上年.${key}`], `${year} 上年.${key}`).toEqual(v);
      }
      expect(m.previousDistributions).toEqual(prev.distributions);
    }
  });

  it('在办数 at both year ends is what its definition gives', () => {
    for (const year of [2024, 2025]) {
      const m = computeMetrics(core.db, year, core.settings, core.calendar);
      for (const [group, table] of [
        ['行政复议', 'reconsideration'],
        ['行政应诉', 'litigation'],
      ]) {
        expect(m.values[`${group}.在办数`].value, `${year} ${group}`).toBe(openAt(table, year));
        expect(m.values[`上年.${group}.在办数`].value, `${year - 1} ${group}`).toBe(openAt(table, year - 1));
      }
    }
    // the odd closing dates are there: rows closed "between" the year ends, still open at the first
    const between = core.db
      .prepare(
        `SELECT count(*) FROM reconsideration WHERE deleted_at IS NULL AND "closedOn" > '2023-12-31' AND "closedOn" < '2024-01-01' AND "receivedOn" <= '2023-12-31'`,
      )
      .pluck()
      .get();
    expect(between).toBeGreaterThan(0);
  });

  it('按时报备率 is what its definition gives, for any filing period', () => {
    for (const days of [30, 1, 365]) {
      const settings = { ...core.settings, 'normative.filingDays': days };
      const saved = core.settings;
      core.settings = settings;
      try {
        for (const year of [2024, 2025]) {
          const m = computeMetrics(core.db, year, settings, core.calendar);
          expect(m.values['规范性文件.按时报备率'].value, `${year} ${days}`).toBe(onTimeRate(year));
          expect(m.values['上年.规范性文件.按时报备率'].value, `${year - 1} ${days}`).toBe(onTimeRate(year - 1));
        }
      } finally {
        core.settings = saved;
      }
    }
  });
});
