// The distributions of the year figures come from one GROUP BY per table over all its distribution columns,
// tallied and ordered in JavaScript. They must equal, row for row and in the same order, what a GROUP BY of each
// column gives in SQLite: empty and NULL as 未填写 (together with a literal 未填写), most frequent first, ties in
// SQLite's BINARY order (UTF-8 bytes — characters beyond U+FFFF after U+E000–U+FFFF, unlike JavaScript's `<`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { importRecords } from '../../electron/core/records';
import { computeMetrics } from '../../electron/core/stats/compute';
import { tempCore } from '../helpers/db';

const DISTRIBUTIONS: [key: string, table: string, col: string, date: string][] = [
  ['行政复议.行为类别', 'reconsideration', 'actType', 'receivedOn'],
  ['行政复议.行政管理领域', 'reconsideration', 'field', 'receivedOn'],
  ['行政复议.被申请人类型', 'reconsideration', 'respondentType', 'receivedOn'],
  ['行政应诉.行为类别', 'litigation', 'actType', 'receivedOn'],
  ['行政应诉.行政管理领域', 'litigation', 'field', 'receivedOn'],
  ['案卷评查.案卷类型', 'casefile', 'fileType', 'reviewedOn'],
  ['案卷评查.被评查单位', 'casefile', 'unit', 'reviewedOn'],
];

// Names whose order differs between UTF-16 and UTF-8: U+E000 (private use), U+FF5A (ｚ), U+20000 (𠀀, a surrogate pair);
// with these counts some of them tie (comparing them with JavaScript's `<` fails the first test).
const NAMES = [null, '', '未填写', 'b', 'a', '\uE000甲', 'ｚ', '𠀀', '行政处罚', '行政许可', '𠀀乙'];
const pick = (i: number, salt: number) => NAMES[(i * 7 + salt * 3 + ((i * i) % 5)) % NAMES.length];

let core: Core;
beforeAll(async () => {
  core = await tempCore();
  for (const year of [2024, 2025]) {
    const n = year === 2025 ? 120 : 70;
    const day = (i: number) => `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const r = importRecords(
      core,
      'reconsideration',
      Array.from({ length: n }, (_, i) => ({
        line: i + 2,
        values: { caseNo: `R${year}-${i}`, applicant: `申请人${i}`, respondent: '县局', receivedOn: day(i) },
      })),
    );
    const l = importRecords(
      core,
      'litigation',
      Array.from({ length: n }, (_, i) => ({
        line: i + 2,
        values: { caseNo: `L${year}-${i}`, instance: '一审', plaintiff: `原告${i}`, defendant: '县政府', court: '中院', receivedOn: day(i) },
      })),
    );
    const c = importRecords(
      core,
      'casefile',
      Array.from({ length: n }, (_, i) => ({
        line: i + 2,
        values: { unit: `单位${i % 4}`, reviewedOn: day(i), formScore: 18, contentScore: 70 },
      })),
    );
    expect([...r.errors, ...l.errors, ...c.errors]).toEqual([]);
  }
  // the tricky values, written past the app's normalisation (which would turn '' into NULL)
  const rows = (table: string) => core.db.prepare(`SELECT rid FROM ${table} ORDER BY rid`).pluck().all() as number[];
  for (const [, table, col] of DISTRIBUTIONS) {
    const set = core.db.prepare(`UPDATE ${table} SET "${col}" = ? WHERE rid = ?`);
    rows(table).forEach((rid, i) => set.run(pick(i, col.length), rid));
  }
});
afterAll(() => core.close());

describe('year distributions', () => {
  it('equal a GROUP BY of each column, in the same order, this year and last', () => {
    const m = computeMetrics(core.db, 2025, core.settings, core.calendar);
    for (const [year, got] of [
      [2025, m.distributions],
      [2024, m.previousDistributions],
    ] as const) {
      const p = { s: `${year}-01-01`, e: `${year}-12-31` };
      expect(got.map((d) => d.key)).toEqual(DISTRIBUTIONS.map(([key]) => key));
      for (const [key, table, col, date] of DISTRIBUTIONS) {
        const want = core.db
          .prepare(
            `SELECT coalesce(nullif("${col}", ''), '未填写') AS name, count(*) AS count FROM ${table}
             WHERE deleted_at IS NULL AND "${date}" BETWEEN @s AND @e GROUP BY 1 ORDER BY 2 DESC, 1`,
          )
          .all(p);
        expect(want.length).toBeGreaterThan(5);
        expect(got.find((d) => d.key === key)!.rows, `${year} ${key}`).toEqual(want);
      }
    }
  });

  it('单位数 counts an empty unit but not a missing one, as count(DISTINCT) does', () => {
    for (const year of [2025, 2024]) {
      const m = computeMetrics(core.db, year, core.settings, core.calendar);
      const want = core.db
        .prepare(`SELECT count(DISTINCT "unit") FROM casefile WHERE deleted_at IS NULL AND "reviewedOn" BETWEEN ? AND ?`)
        .pluck()
        .get(`${year}-01-01`, `${year}-12-31`);
      expect(m.values['案卷评查.单位数'].value).toBe(want);
    }
  });

  it('casefile counts each review day in index order first: the only sort is over those counts', async () => {
    const c = await tempCore();
    try {
      const sqls: string[] = [];
      const prepare = c.db.prepare.bind(c.db);
      (c.db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
        sqls.push(sql);
        return prepare(sql);
      };
      computeMetrics(c.db, 2025, c.settings, c.calendar);
      const grouped = sqls.filter((q) => /FROM casefile/.test(q) && /GROUP BY/.test(q));
      expect(grouped).toHaveLength(1);
      expect(grouped[0]).toMatch(/GROUP BY "reviewedOn", /);
      const plan = (prepare(`EXPLAIN QUERY PLAN ${grouped[0]}`).all({ s: '2025-01-01', e: '2025-12-31' }) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toMatch(/SEARCH casefile USING COVERING INDEX casefile_reviewedOn/);
      expect(plan.match(/USE TEMP B-TREE/g)).toHaveLength(1);
    } finally {
      c.close();
    }
  });
});
