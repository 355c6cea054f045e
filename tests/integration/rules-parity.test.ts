// Each counting rule of domain/rules.ts has a TypeScript form (derived values, the readiness panel) and an SQL form
// (the statistics, the 在办 list filter). Both are run on the same generated rows in a real SQLite file, written
// through the repository, and must pick the same rows; the statistics and the report's 在办 link must count them.
// Rows also carry values written past the app's normalisation ('' and text that is no date), which SQL compares as
// stored text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { fromDbRow, insertRow } from '../../electron/core/db/ledger-repo';
import { computeMetrics } from '../../electron/core/stats/compute';
import type { LedgerKind, Row } from '../../electron/domain/fields';
import { LEDGERS } from '../../electron/domain/ledgers';
import { DISPOSITIONS } from '../../electron/domain/ledgers/reconsideration';
import { corrected, isOpenAt, lost, openAtSql, settled } from '../../electron/domain/rules';
import { call, tempCore } from '../helpers/db';

const N = 400;
let seed = 17;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const DATES = ['2023-06-30', '2023-12-31', '2024-01-01', '2024-07-15', '2024-12-31', '2025-01-01', '2025-03-01', null];
const CLOSURES = ['判决', '裁定驳回起诉', '准予撤诉', '按撤诉处理', '调解', null];
const JUDGMENTS = [...(LEDGERS.litigation.fields.find((f) => f.key === 'judgment')!.options ?? []), null];
const INTAKES = [...(LEDGERS.reconsideration.fields.find((f) => f.key === 'intake')!.options ?? []), null];

let core: Core;
const ids: Record<'reconsideration' | 'litigation', string[]> = { reconsideration: [], litigation: [] };

beforeAll(async () => {
  core = await tempCore();
  const now = '2025-06-01T00:00:00.000Z';
  core.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const received = pick(DATES.slice(0, -1))!;
      const r: Row = {
        caseNo: `R${i}`,
        applicant: '甲',
        respondent: '县局',
        receivedOn: received,
        intake: pick(INTAKES),
        acceptedOn: pick(DATES),
        closedOn: pick(DATES),
        disposition: pick([...DISPOSITIONS, null]),
        selfCorrected: pick([true, false, null]),
      };
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      insertRow(core.db, LEDGERS.reconsideration, id, r, [], now);
      ids.reconsideration.push(id);
      const l: Row = {
        caseNo: `L${i}`,
        instance: '一审',
        plaintiff: '乙',
        defendant: '县政府',
        receivedOn: received,
        closedOn: pick(DATES),
        closure: pick(CLOSURES),
        judgment: pick(JUDGMENTS),
      };
      const lid = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
      // 败诉 is derived on save by the declaration (which applies the rule) and stored
      insertRow(core.db, LEDGERS.litigation, lid, { ...l, ...LEDGERS.litigation.derive(l, { settings: core.settings, calendar: core.calendar }) }, [], now);
      ids.litigation.push(lid);
    }
    // values no form writes, but a file may hold (an old import, a hand edit): '' and dates with a tail
    const odd = core.db.prepare(`UPDATE reconsideration SET "closedOn" = ?, "acceptedOn" = ? WHERE rid = ?`);
    for (let rid = 1; rid <= 40; rid++) odd.run(pick(['', '2024-12-31x', '2024-00-00', null]), pick(['', '2024-12-31 ', null]), rid);
  })();
});
afterAll(() => core?.close());

/** The ids the TypeScript form picks and those the SQL form picks, over the live rows of a table. */
function both(kind: LedgerKind, test: (row: Row) => boolean, cond: string): [string[], string[]] {
  const rows = core.db.prepare(`SELECT * FROM ${kind} WHERE deleted_at IS NULL ORDER BY id`).all() as Record<string, unknown>[];
  const ts = rows
    .map((r) => fromDbRow(LEDGERS[kind], r))
    .filter((r) => test(r.values))
    .map((r) => r.id);
  const sqlIds = core.db.prepare(`SELECT id FROM ${kind} WHERE deleted_at IS NULL AND ${cond} ORDER BY id`).pluck().all() as string[];
  return [ts, sqlIds];
}

describe('each rule: its SQL form picks the rows its TypeScript form does', () => {
  it('纠错 under both scopes, 调撤 and 败诉', () => {
    for (const scope of ['直接', '综合'] as const) {
      const [ts, sqlIds] = both('reconsideration', (r) => corrected.test(r, scope), corrected.sql(scope));
      expect(ts.length).toBeGreaterThan(10);
      expect(sqlIds).toEqual(ts);
    }
    const [a, b] = both('reconsideration', settled.test, settled.sql());
    expect(a.length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    const [c, d] = both('litigation', lost.test, lost.sql());
    expect(c.length).toBeGreaterThan(10);
    expect(d).toEqual(c);
    // 综合 counts more than 直接 on these rows: the scope is not ignored by either form
    expect(both('reconsideration', (r) => corrected.test(r, '综合'), 'true')[0].length).toBeGreaterThan(
      both('reconsideration', (r) => corrected.test(r, '直接'), 'true')[0].length,
    );
  });

  it('在办 at each year end, and the stored 败诉 derived by the rule', () => {
    for (const kind of ['reconsideration', 'litigation'] as const) {
      for (const end of ['2023-12-31', '2024-12-31', '2025-12-31']) {
        const [ts, sqlIds] = both(kind, (r) => isOpenAt(kind, r, end), openAtSql(kind, `'${end}'`));
        expect(ts.length).toBeGreaterThan(0);
        expect(sqlIds).toEqual(ts);
      }
    }
    const stored = core.db.prepare(`SELECT id FROM litigation WHERE "lost" = 1 ORDER BY id`).pluck().all();
    expect(stored).toEqual(both('litigation', lost.test, lost.sql())[1]);
  });
});

describe('the statistics and the report count by the rules', () => {
  it('纠错数, 调撤数, 败诉数 and 在办数 of 2024 are the rows the TypeScript forms pick', async () => {
    for (const scope of ['直接', '综合'] as const) {
      const settings = { ...core.settings, 'reconsideration.correctionScope': scope };
      const m = computeMetrics(core.db, 2024, settings, core.calendar);
      const closedIn = (r: Row) => typeof r.closedOn === 'string' && r.closedOn >= '2024-01-01' && r.closedOn <= '2024-12-31';
      const tsCount = (kind: LedgerKind, test: (r: Row) => boolean) =>
        (core.db.prepare(`SELECT * FROM ${kind} WHERE deleted_at IS NULL`).all() as Record<string, unknown>[])
          .map((r) => fromDbRow(LEDGERS[kind], r).values)
          .filter(test).length;
      expect(m.values['行政复议.纠错数'].value).toBe(tsCount('reconsideration', (r) => closedIn(r) && corrected.test(r, scope)));
      expect(m.values['行政复议.调撤数'].value).toBe(tsCount('reconsideration', (r) => closedIn(r) && settled.test(r)));
      expect(m.values['行政应诉.败诉数'].value).toBe(tsCount('litigation', (r) => closedIn(r) && lost.test(r)));
      for (const [kind, key] of [
        ['reconsideration', '行政复议'],
        ['litigation', '行政应诉'],
      ] as const) {
        const open = tsCount(kind, (r) => isOpenAt(kind, r, '2024-12-31'));
        expect(m.values[`${key}.在办数`].value).toBe(open);
        expect(m.values[`上年.${key}.在办数`].value).toBe(tsCount(kind, (r) => isOpenAt(kind, r, '2023-12-31')));
      }
    }
  });

  it('the readiness panel’s 在办 link lists exactly the rows the report’s 在办数 counts', async () => {
    await call(core, 'settings.update', { patch: { 单位名称: '某某县人民政府' } });
    const ready = await call(core, 'report.readiness', { year: 2024 });
    const stats = await call(core, 'stats.year', { year: 2024 });
    expect(ready.openCases.map((c) => c.kind)).toEqual(['reconsideration', 'litigation']);
    for (const c of ready.openCases) {
      expect(c.count).toBe(stats.values[c.kind === 'reconsideration' ? '行政复议.在办数' : '行政应诉.在办数'].value);
      expect(c.query).toEqual({ year: 'all', openAt: '2024-12-31' });
      const listed = await call(core, 'ledger.ids', { kind: c.kind, openAt: c.query.openAt });
      const [ts] = both(c.kind, (r) => isOpenAt(c.kind as 'reconsideration', r, '2024-12-31'), 'true');
      expect([...listed.ids].sort()).toEqual(ts);
      expect(listed.ids.length).toBe(c.count);
    }
  });
});
