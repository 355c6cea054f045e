// The hot queries use indexes: EXPLAIN QUERY PLAN of every statement the year metrics, the deadline board, a
// filtered list and a search run shows no full scan of a ledger table.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { listRows } from '../../electron/core/db/ledger-repo';
import { deadlineBoard, deadlinePage } from '../../electron/core/deadlines';
import { catalogue, statsForm } from '../../electron/core/outgoing';
import { importRecords } from '../../electron/core/records';
import { computeMetrics } from '../../electron/core/stats/compute';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { filterableField, sortableField } from '../../electron/domain/fields';
import { seedCore } from '../../scripts/seed';
import { tempCore } from '../helpers/db';

const LEDGER_SCAN = new RegExp(`\\bSCAN (${LEDGER_KINDS.join('|')})\\b`);

/** Run `fn`, capturing the query plan of every statement it executes, with the arguments it ran with. */
function capturePlans(db: Database.Database, fn: () => void): { sql: string; plan: string }[] {
  const plans: { sql: string; plan: string }[] = [];
  const prepare = db.prepare.bind(db);
  const spy = (sql: string) => {
    const stmt = prepare(sql);
    if (!/^\s*SELECT/i.test(sql)) return stmt;
    for (const m of ['get', 'all', 'iterate'] as const) {
      const orig = stmt[m].bind(stmt) as (...a: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
        plans.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 400), plan });
        return orig(...args);
      };
    }
    return stmt;
  };
  (db as unknown as { prepare: typeof spy }).prepare = spy;
  try {
    fn();
  } finally {
    (db as unknown as { prepare: typeof prepare }).prepare = prepare;
  }
  return plans;
}

/**
 * Full scans of a ledger table. A page query that walks a covering index in its sort order and stops after the
 * page (`SCAN x USING COVERING INDEX …` with a LIMIT) reads no table rows and is not counted.
 */
function scans(plans: { sql: string; plan: string }[]) {
  return plans.filter((p) => LEDGER_SCAN.test(p.plan) && !(/\bSCAN \w+ USING COVERING INDEX\b/.test(p.plan) && /\blimit\b/i.test(p.sql)));
}

let core: Core;
beforeAll(async () => {
  core = await tempCore();
  // A few thousand rows over several years, so the planner has something to choose between.
  for (let y = 2019; y <= 2025; y++) {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      line: i + 2,
      values: {
        caseNo: `P${y}-${i}`,
        applicant: `申请人${i}`,
        respondent: '县局',
        receivedOn: `${y}-0${1 + (i % 9)}-1${i % 10}`,
        actType: i % 3 ? '行政处罚' : '政府信息公开',
        acceptedOn: `${y}-0${1 + (i % 9)}-2${i % 8}`,
        ...(i % 4 ? { closedOn: `${y}-12-2${i % 8}`, disposition: '维持' } : {}),
      },
    }));
    importRecords(core, 'reconsideration', rows);
  }
});
afterAll(() => core.close());

describe('query plans', () => {
  it('the detector sees a full scan when there is one', () => {
    const plans = capturePlans(core.db, () => listRows(core.db, LEDGERS.reconsideration, { kind: 'reconsideration', filters: { actType: '行政处罚' } }));
    expect(scans(plans).length).toBeGreaterThan(0);
  });

  it('year metrics: every statement is an index search', () => {
    const plans = capturePlans(core.db, () => computeMetrics(core.db, 2025, core.settings, core.calendar));
    expect(plans.length).toBeGreaterThan(20);
    expect(scans(plans)).toEqual([]);
    // and index-only: the year's date indexes carry the columns the figures read (migration 2)
    expect(plans.filter((p) => new RegExp(`SEARCH (${LEDGER_KINDS.join('|')}) USING INDEX`).test(p.plan))).toEqual([]);
  });

  it('deadline board', () => {
    const plans = capturePlans(core.db, () => {
      deadlineBoard(core, '2025-10-22', LEDGER_KINDS);
      deadlinePage(core, '2025-10-22', LEDGER_KINDS, { page: 2, pageSize: 8 });
      // filtered by 承办人 and listing the items marked 不再提醒: still the open-item indexes alone (migration 7)
      deadlineBoard(core, '2025-10-22', LEDGER_KINDS, undefined, { handler: '李明', dismissed: true });
      deadlinePage(core, '2025-10-22', LEDGER_KINDS, { page: 1, pageSize: 8, handler: '李明', dismissed: true });
    });
    expect(plans.length).toBeGreaterThan(5);
    expect(scans(plans)).toEqual([]);
    // each deadline reads only open items, through its partial index over rows whose done-date is empty
    for (const p of plans) expect(p.plan).toMatch(/USING COVERING INDEX \w+_open_\w+/);
    // issue 15's deadlines among them (migration 8): 报备期限, 评估提醒, the replies to 司法建议/检察建议
    for (const ix of ['normative_open_filingDueOn', 'normative_open_expiresOn', 'litigation_open_judicialReplyDueOn', 'litigation_open_procuratorReplyDueOn']) {
      expect(
        plans.some((p) => p.plan.includes(`USING COVERING INDEX ${ix}`)),
        ix,
      ).toBe(true);
    }
  });

  it('the documents that leave the office (备案目录, 上报统计表): no full scan', () => {
    const plans = capturePlans(core.db, () => {
      catalogue(core, 2025, 2);
      statsForm(core, 2025, 'reconsideration');
      statsForm(core, 2025, 'litigation');
    });
    expect(plans.length).toBeGreaterThan(5);
    expect(scans(plans)).toEqual([]);
  });

  it('a list page with the year and each kind of filter, sorted', () => {
    const def = LEDGERS.reconsideration;
    const plans = capturePlans(core.db, () => {
      listRows(core.db, def, { kind: 'reconsideration', year: 2025, filters: { actType: '行政处罚' }, sort: { field: 'receivedOn', dir: 'desc' } });
      listRows(core.db, def, { kind: 'reconsideration', year: 2025, filters: { enterprise: true } });
      listRows(core.db, def, { kind: 'reconsideration', year: 2025, filters: { closedOn: { from: '2025-06-01', to: '2025-12-31' } } });
      listRows(core.db, def, { kind: 'reconsideration', year: 2025, sort: { field: 'closedOn', dir: 'asc' } });
    });
    expect(scans(plans)).toEqual([]);
  });

  it('a page sorted by 案号 walks the sort-key index (migration 7) and stops after the page', () => {
    const def = LEDGERS.reconsideration;
    const plans = capturePlans(core.db, () => {
      for (const dir of ['asc', 'desc'] as const) listRows(core.db, def, { kind: 'reconsideration', sort: { field: 'caseNo', dir }, page: 3, pageSize: 50 });
    });
    // (the count of every live row reads some index whole, whatever the order: not this test's concern)
    const pages = plans.filter((p) => /ORDER BY/i.test(p.sql));
    expect(scans(pages)).toEqual([]);
    expect(pages).toHaveLength(2);
    for (const p of pages) {
      expect(p.plan).toMatch(/SCAN reconsideration USING COVERING INDEX reconsideration_caseNo_sort/);
      expect(p.plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('a year of one contract type sorted by amount is read from the year index alone (migration 4)', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      line: i + 2,
      values: {
        title: `合同${i}`,
        submitter: '县局',
        receivedOn: `202${4 + (i % 2)}-0${1 + (i % 9)}-1${i % 10}`,
        contractType: i % 3 ? '政府采购' : '工程建设',
        amount: (i * 37) % 1000,
      },
    }));
    importRecords(core, 'contract', rows);
    const plans = capturePlans(core.db, () =>
      listRows(core.db, LEDGERS.contract, {
        kind: 'contract',
        year: 2025,
        filters: { contractType: '政府采购' },
        sort: { field: 'amount', dir: 'desc' },
        page: 2,
        pageSize: 20,
      }),
    );
    expect(plans.length).toBeGreaterThan(0);
    expect(scans(plans)).toEqual([]);
    const rowReads = plans.filter((p) => /SEARCH contract USING INDEX contract_receivedOn/.test(p.plan));
    expect(rowReads).toEqual([]);
    expect(plans.some((p) => /SEARCH contract USING COVERING INDEX contract_receivedOn/.test(p.plan))).toBe(true);
  });

  it('text search goes through the full-text index', () => {
    const def = LEDGERS.reconsideration;
    const plans = capturePlans(core.db, () => {
      listRows(core.db, def, { kind: 'reconsideration', q: '申请人12' });
      listRows(core.db, def, { kind: 'reconsideration', year: 2025, q: '申请' });
      listRows(core.db, def, { kind: 'reconsideration', filters: { actType: '行政处罚' }, q: '请人' });
    });
    expect(scans(plans)).toEqual([]);
    expect(plans.some((p) => /reconsideration_fts/.test(p.plan))).toBe(true);
    // two characters are answered by the index (MATCH over the trigrams that begin with them), not a LIKE scan
    expect(plans.filter((p) => /body LIKE/.test(p.sql))).toEqual([]);
  });

  it('every column a header offers to sort by, either way, first or deep page: one index walked in order, no sort (issue 16)', async () => {
    // rows in every ledger (a page of an empty list runs no page query)
    await seedCore(core, { years: [2024, 2025], scale: 0.5, today: '2025-12-20' });
    let offered = 0;
    for (const kind of LEDGER_KINDS) {
      const def = LEDGERS[kind];
      for (const f of def.fields.filter(sortableField)) {
        for (const dir of ['asc', 'desc'] as const) {
          // the first page, and the last (read from the end in the reverse order)
          const last = Math.ceil((core.db.prepare(`SELECT count(*) FROM ${kind} WHERE deleted_at IS NULL`).pluck().get() as number) / 5);
          expect(last).toBeGreaterThan(2);
          for (const page of [1, last]) {
            const plans = capturePlans(core.db, () => listRows(core.db, def, { kind, sort: { field: f.key, dir }, page, pageSize: 5 }));
            const ordered = plans.filter((p) => /ORDER BY/i.test(p.sql));
            expect(ordered, `${kind}.${f.key} ${dir} p${page}`).toHaveLength(1);
            expect(ordered[0].plan, `${kind}.${f.key} ${dir}`).toMatch(
              new RegExp(`^SCAN ${kind} USING COVERING INDEX ${kind}_${f.sortKey ? `${f.key}_sort` : f.key}(_page)?$`),
            );
            offered++;
          }
        }
      }
      // what is not offered: a name or a title (a sort of every row)
      expect(def.fields.filter((f) => f.type === 'text' && !f.sortKey).every((f) => !sortableField(f))).toBe(true);
    }
    expect(offered).toBeGreaterThan(100);
  });

  it('every filter the panel offers, within a year, is answered through the year index (no full scan)', () => {
    for (const kind of LEDGER_KINDS) {
      const def = LEDGERS[kind];
      for (const f of LEDGERS[kind].fields.filter(filterableField)) {
        const cond = f.type === 'date' ? { from: '2025-03-01', to: '2025-06-30' } : f.type === 'bool' ? true : (f.options?.[0] ?? 'x');
        const plans = capturePlans(core.db, () => listRows(core.db, def, { kind, year: 2025, filters: { [f.key]: cond as never }, pageSize: 50 }));
        expect(scans(plans), `${kind}.${f.key}`).toEqual([]);
      }
    }
  });
});
