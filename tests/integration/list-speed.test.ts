// Issue 16 (fast everywhere at 1,000,000 rows): the faster paths give the same answers as the plain ones.
//  - a one-character search with `recent` (Ctrl+K) finds exactly the rows a LIKE scan finds among the newest rows;
//  - a page in the back half, read from the end in reverse order, is the same page OFFSET gives from the front;
//  - the chunked rederiveAll leaves a file identical to the row-at-a-time one it replaced.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, rederiveAll, REDERIVE_CHUNK, type Core } from '../../electron/core/core';
import { fromDbRow, listIds, listRows, toColumn } from '../../electron/core/db/ledger-repo';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { qb } from '../../electron/core/db/query';
import type { ListInput } from '../../electron/domain/api';
import type { LedgerKind } from '../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { rederive } from '../../electron/domain/rows';
import { seedCore } from '../../scripts/seed';
import { call, tempCore, tempDir } from '../helpers/db';

let core: Core & { dir: string };
beforeAll(async () => {
  core = await tempCore();
  // ~2,200 rows over three years, every ledger (casefile ~900)
  await seedCore(core, { years: [2023, 2025], scale: 1, today: '2025-12-20' });
  // a few deleted rows, which neither the window nor the pages may show
  for (const kind of LEDGER_KINDS) core.db.prepare(`UPDATE ${kind} SET deleted_at = '2025-12-01T00:00:00Z' WHERE rid % 17 = 0`).run();
}, 120_000);
afterAll(() => core.close());

/** The search text of a row as the declaration lists it (the fields marked `search`). */
function haystack(kind: LedgerKind, r: Record<string, unknown>): string {
  return LEDGERS[kind].fields
    .filter((f) => f.search)
    .map((f) => String(r[f.key] ?? ''))
    .join(' ')
    .toLowerCase();
}

describe('one-character search among the most recently entered rows', () => {
  it('finds what a scan of the N most recently entered live rows finds, newest first, and says it looked at N', async () => {
    let checked = 0;
    for (const kind of LEDGER_KINDS) {
      const live = core.db.prepare(`SELECT * FROM ${kind} WHERE deleted_at IS NULL`).all() as Record<string, unknown>[];
      // the most recently entered live rows: what the window holds, newest first
      const newest = [...live].sort((a, b) => (b.rid as number) - (a.rid as number));
      for (const recent of [100, 300]) {
        const window = newest.slice(0, recent);
        for (const q of ['王', '局', '县', 'A', '1']) {
          const want = window.filter((r) => haystack(kind, r).includes(q.toLowerCase()));
          const r = await call(core, 'ledger.list', { kind, q, recent, pageSize: 1000 });
          expect(r.total, `${kind} ${q} ${recent}`).toBe(want.length);
          expect(r.rows.map((x) => x.id)).toEqual(want.map((x) => x.id));
          // and page by page, the second page from the end included
          if (want.length > 20) {
            const p2 = await call(core, 'ledger.list', { kind, q, recent, pageSize: 10, page: 2 });
            expect(p2.rows.map((x) => x.id)).toEqual(want.slice(10, 20).map((x) => x.id));
          }
          expect(r.within).toBe(live.length > recent ? recent : undefined);
          checked += want.length;
        }
      }
    }
    // the test data does hold such rows (the comparison above is not between two empty lists)
    expect(checked).toBeGreaterThan(100);
  });

  it('two characters and more, and a search without `recent`, still search every row', async () => {
    const all = await call(core, 'ledger.list', { kind: 'casefile', q: '局', pageSize: 5 });
    const scan = (core.db.prepare(`SELECT * FROM casefile WHERE deleted_at IS NULL`).all() as Record<string, unknown>[]).filter((r) =>
      haystack('casefile', r).includes('局'),
    );
    expect(all.total).toBe(scan.length);
    expect(all.within).toBeUndefined();
    const two = await call(core, 'ledger.list', { kind: 'casefile', q: '县局', recent: 100, pageSize: 5 });
    expect(two.within).toBeUndefined();
    expect(two.total).toBe(
      (core.db.prepare(`SELECT * FROM casefile WHERE deleted_at IS NULL`).all() as Record<string, unknown>[]).filter((r) =>
        haystack('casefile', r).includes('县局'),
      ).length,
    );
  });
});

describe('deep pages read from the end', () => {
  const cases: ListInput[] = [
    { kind: 'casefile' },
    { kind: 'casefile', sort: { field: 'reviewedOn', dir: 'asc' } },
    { kind: 'casefile', sort: { field: 'caseNo', dir: 'desc' } },
    // a column with empty values: they stay last whichever end the page is read from
    { kind: 'reconsideration', sort: { field: 'closedOn', dir: 'asc' } },
    { kind: 'reconsideration', sort: { field: 'closedOn', dir: 'desc' } },
    { kind: 'contract', year: 2024, filters: { contractType: '政府采购' }, sort: { field: 'amount', dir: 'desc' } },
    { kind: 'reconsideration', q: '复字', sort: { field: 'caseNo', dir: 'asc' } },
  ];
  for (const input of cases) {
    it(`every page equals the slice of the whole ordered list: ${JSON.stringify(input)}`, () => {
      const def = LEDGERS[input.kind];
      const ids = listIds(core.db, def, input);
      expect(ids.length).toBeGreaterThan(40);
      const pageSize = 37;
      const pages = Math.ceil(ids.length / pageSize);
      const got: string[] = [];
      for (let page = 1; page <= pages; page++) {
        const r = listRows(core.db, def, { ...input, page, pageSize });
        expect(r.total).toBe(ids.length);
        expect(r.rows.map((x) => x.id)).toEqual(ids.slice((page - 1) * pageSize, page * pageSize));
        got.push(...r.rows.map((x) => x.id));
      }
      expect(got).toEqual(ids);
      expect(listRows(core.db, def, { ...input, page: pages + 1, pageSize }).rows).toEqual([]);
    });
  }
});

/** rederiveAll as it was before issue 16: every row at once, an UPDATE built and prepared per changed row. */
function rederiveAllBefore(c: Core, kinds: readonly string[]): number {
  let changed = 0;
  for (const kind of kinds) {
    const def = LEDGERS[kind as LedgerKind];
    const rows = c.db.prepare(`SELECT * FROM ${kind}`).all() as Record<string, unknown>[];
    for (const r of rows) {
      const stored = fromDbRow(def, r);
      const patch = rederive(def, stored.values, stored.manual, c.ctx());
      if (Object.keys(patch).length) {
        const cols = Object.fromEntries(
          Object.entries(patch).map(([k, v]) => [
            k,
            toColumn(
              def.fields.find((f) => f.key === k)!,
              v,
            ),
          ]),
        );
        const q = qb
          .updateTable(kind as LedgerKind)
          .set(cols)
          .where('id', '=', stored.id)
          .compile();
        c.db.prepare(q.sql).run(...(q.parameters as unknown[]));
        changed++;
      }
    }
  }
  return changed;
}

describe('rederiveAll in chunks', () => {
  it('changes the same rows to the same values as the row-at-a-time version, and reports progress', async () => {
    const dir = tempDir();
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = ['a.db', 'b.db'].map((n) => path.join(dir, n));
    for (const f of files) fs.copyFileSync(core.file, f);
    const [a, b] = await Promise.all(files.map((f) => openCore(f, { actor: '测试' })));
    try {
      // settings that move deadlines, 重大合同 and 等次: applied to both files, then re-derived each way
      const patch = {
        'normative.reviewWorkdays': 10,
        'contract.majorThreshold': 100,
        'contract.reviewWorkdays': 3,
        'casefile.excellentMin': 85,
        'decision.reviewWorkdays': 20,
      };
      for (const c of [a, b]) {
        for (const [k, v] of Object.entries(patch))
          c.db
            .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
            .run(k, JSON.stringify(v), 'x');
        c.settings = { ...c.settings, ...patch };
      }
      const seen: [number, number][] = [];
      const n = a.db.transaction(() => rederiveAll(a, LEDGER_KINDS, (done, total) => seen.push([done, total])))();
      const m = b.db.transaction(() => rederiveAllBefore(b, LEDGER_KINDS))();
      expect(n).toBe(m);
      expect(n).toBeGreaterThan(100);
      for (const kind of LEDGER_KINDS) {
        const dump = (c: Core) => c.db.prepare(`SELECT * FROM ${kind} ORDER BY rid`).raw().all();
        expect(dump(a), kind).toEqual(dump(b));
      }
      const rows = LEDGER_KINDS.reduce((s, k) => s + (a.db.prepare(`SELECT count(*) FROM ${k}`).pluck().get() as number), 0);
      expect(seen.at(-1)).toEqual([rows, rows]);
      // one report per chunk of a ledger at least, counting up
      expect(seen.length).toBeGreaterThanOrEqual(LEDGER_KINDS.length);
      expect(seen.every(([d], i) => i === 0 || d > seen[i - 1][0])).toBe(true);
      expect(REDERIVE_CHUNK).toBeGreaterThan(0);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('the paging indexes (migration 9, listed as the next version)', () => {
  it('a file of the version before keeps its rows; a page sorted by a date, deep or not, is read from the index alone', async () => {
    const pagingVersion = MIGRATIONS.find((m) => m.name === '按日期排序和翻到深页的分页索引')!.version;
    const file = path.join(tempDir(), 'old.db');
    const old = await openDatabase(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < pagingVersion) });
    const ins = old.prepare(
      `INSERT INTO casefile (id, version, created_at, updated_at, manual, "unit", "reviewedOn", "caseNo", "score", deleted_at) VALUES (?, 1, 'x', 'x', '', '县局', ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 300; i++) ins.run(`id${i}`, `2024-0${1 + (i % 9)}-1${i % 10}`, `案${i}`, i % 100, i % 50 === 0 ? '2025-01-01T00:00:00Z' : null);
    old.close();
    const db = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= pagingVersion) });
    try {
      expect(db.prepare('SELECT count(*), sum(deleted_at IS NULL), sum(score) FROM casefile').raw().get()).toEqual([
        300,
        294,
        [...Array(300).keys()].reduce((a, i) => a + (i % 100), 0),
      ]);
      for (const field of ['reviewedOn', 'rectifyBy', 'closedOn']) {
        for (const dir of ['asc', 'desc'] as const) {
          const sqls: string[] = [];
          const prepare = db.prepare.bind(db);
          (db as unknown as { prepare: (s: string) => unknown }).prepare = (s: string) => (sqls.push(s), prepare(s));
          try {
            listRows(db, LEDGERS.casefile, { kind: 'casefile', sort: { field, dir }, page: 5, pageSize: 50 });
          } finally {
            (db as unknown as { prepare: typeof prepare }).prepare = prepare;
          }
          const page = sqls.find((s) => /order by/i.test(s))!;
          const plan = (db.prepare(`EXPLAIN QUERY PLAN ${page}`).all(50, 200) as { detail: string }[]).map((r) => r.detail).join(' | ');
          expect(plan, `${field} ${dir}`).toMatch(new RegExp(`SCAN casefile USING COVERING INDEX casefile_${field}(_page)?\\b`));
          expect(plan).not.toMatch(/TEMP B-TREE/);
        }
      }
    } finally {
      db.close();
    }
  });
});

describe('a settings change re-derives alone, with progress', () => {
  it('progress is answered while it runs; a save sent meanwhile waits for its commit and is derived with the new settings', async () => {
    const c = await tempCore();
    try {
      await seedCore(c, { years: [2023, 2025], scale: 4, today: '2025-12-20' });
      const { dispatch } = await import('../../electron/core/api/dispatch');
      const order: string[] = [];
      const seen: { label: string; done: number; total: number }[] = [];
      // closed cases too (the explicit choice): every contract is re-derived, long enough to be polled
      const update = dispatch(c, 'settings.update', { patch: { 'contract.reviewWorkdays': 9, 'casefile.excellentMin': 80 }, allRecords: true }).then(
        (r) => (order.push('settings'), r),
      );
      const save = dispatch(c, 'ledger.create', {
        kind: 'contract',
        values: { title: '重新计算期间保存的合同', submitter: '县局', receivedOn: '2025-12-01' },
      }).then((r) => (order.push('save'), r));
      // poll as the 设置 page does, until the update has answered
      let done = false;
      void update.then(() => (done = true));
      while (!done) {
        const p = await dispatch(c, 'app.progress', {});
        const task = p.ok ? (p.data as { task: (typeof seen)[number] | null }).task : null;
        if (task) seen.push({ ...task });
        await new Promise((r) => setImmediate(r));
      }
      const u = await update;
      const s = await save;
      expect(u.ok && s.ok).toBe(true);
      expect(order).toEqual(['settings', 'save']);
      expect((u as { data: { rederived: number } }).data.rederived).toBeGreaterThan(100);
      // progress was seen mid-way, in Chinese, counting up to the rows that can change: every contract (a deadline
      // setting, closed cases included), the 案卷 whose 总分 lies between the old and the new 优秀分数线 (rederive-scope.test.ts)
      const rows =
        (c.db.prepare('SELECT count(*) FROM contract').pluck().get() as number) -
        1 +
        (c.db.prepare('SELECT count(*) FROM casefile WHERE score BETWEEN 80 AND 90').pluck().get() as number);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0].label).toMatch(/重新计算/);
      expect(seen.some((t) => t.done > 0 && t.done < rows)).toBe(true);
      expect(seen.every((t) => t.total === rows)).toBe(true);
      // the record saved meanwhile has the new 9-workday deadline (2025-12-01 + 9 workdays)
      const id = (s as { data: { id: string } }).data.id;
      const due = c.db.prepare('SELECT "dueOn" FROM contract WHERE id = ?').pluck().get(id);
      expect(due).toBe(c.calendar.addWorkdays('2025-12-01', 9));
      expect((await dispatch(c, 'app.progress', {})) as unknown).toEqual({ ok: true, data: { task: null } });
    } finally {
      c.close();
    }
  }, 120_000);

  it('all or nothing: a re-derive that fails leaves the settings and every row as they were', async () => {
    const c = await tempCore();
    try {
      await seedCore(c, { years: [2025, 2025], scale: 2, today: '2025-12-20' });
      const before = c.db.prepare('SELECT * FROM contract ORDER BY rid').raw().all();
      const settingsBefore = c.db.prepare('SELECT * FROM settings ORDER BY key').raw().all();
      // a row the re-derive cannot write (a trigger stands in for a full disk half-way)
      const last = c.db.prepare('SELECT max(rid) FROM contract').pluck().get() as number;
      c.db.exec(`CREATE TEMP TRIGGER fail_late BEFORE UPDATE ON contract WHEN new.rid = ${last} BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      const { dispatch } = await import('../../electron/core/api/dispatch');
      const r = await dispatch(c, 'settings.update', { patch: { 'contract.reviewWorkdays': 12 }, allRecords: true });
      expect(r.ok).toBe(false);
      expect(c.db.inTransaction).toBe(false);
      expect(c.settings['contract.reviewWorkdays']).not.toBe(12);
      c.db.exec('DROP TRIGGER temp.fail_late');
      expect(c.db.prepare('SELECT * FROM contract ORDER BY rid').raw().all()).toEqual(before);
      expect(c.db.prepare('SELECT * FROM settings ORDER BY key').raw().all()).toEqual(settingsBefore);
      expect((await dispatch(c, 'app.progress', {})) as unknown).toEqual({ ok: true, data: { task: null } });
    } finally {
      c.close();
    }
  }, 120_000);
});

describe('a list count kept until the file changes', () => {
  it('follows this connection’s writes, a rolled-back one, and another connection’s commit', async () => {
    const c = await tempCore();
    try {
      const total = async () => (await call(c, 'ledger.list', { kind: 'decision', pageSize: 5 })).total;
      expect(await total()).toBe(0);
      const made = await call(c, 'ledger.create', { kind: 'decision', values: { title: '计数一', sponsor: '县发改局', receivedOn: '2025-01-06' } });
      expect(await total()).toBe(1);
      await call(c, 'ledger.delete', { kind: 'decision', ids: [made.id] });
      expect(await total()).toBe(0);
      // a change rolled back: the count read inside it is not kept afterwards
      c.db.exec('BEGIN');
      c.db.prepare(`UPDATE decision SET deleted_at = NULL`).run();
      expect(await total()).toBe(1);
      c.db.exec('ROLLBACK');
      expect(await total()).toBe(0);
      // another connection (the CLI beside the app) commits a row
      const other = await openCore(c.file, { actor: '另一个' });
      await call(other, 'ledger.create', { kind: 'decision', values: { title: '计数二', sponsor: '县发改局', receivedOn: '2025-02-06' } });
      other.close();
      expect(await total()).toBe(1);
    } finally {
      c.close();
    }
  });
});
