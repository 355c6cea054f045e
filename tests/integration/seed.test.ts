// The synthetic-data generator: deterministic to the id, every row valid under the app's own rules, a county's
// mix of outcomes, indicators and materials for each year, and open cases overdue on the deadline board.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { fromDbRow } from '../../electron/core/db/ledger-repo';
import type { LedgerKind } from '../../electron/domain/fields';
import { LEDGERS } from '../../electron/domain/ledgers';
import { BUILTIN_INDICATORS } from '../../electron/domain/metrics';
import { prepareRow } from '../../electron/domain/rows';
import { PER_YEAR, seedDatabase } from '../../scripts/seed';
import { call, tempDir } from '../helpers/db';

const KINDS = Object.keys(PER_YEAR) as LedgerKind[];
const OPTS = { years: [2022, 2025] as [number, number], scale: 0.5, today: '2025-11-20' };

let dir: string;
let core: Core;
beforeAll(async () => {
  dir = tempDir('fazhi-seed-');
  await seedDatabase(path.join(dir, 'a.db'), OPTS);
  core = await openCore(path.join(dir, 'a.db'), { actor: '测试' });
});
afterAll(() => core.close());

function dump(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (
      KINDS.map((k) => JSON.stringify(db.prepare(`SELECT * FROM ${k} ORDER BY id`).all())).join('\n') +
      JSON.stringify(db.prepare('SELECT * FROM indicators ORDER BY year, name').all()) +
      JSON.stringify(db.prepare('SELECT * FROM materials ORDER BY year, name').all())
    );
  } finally {
    db.close();
  }
}

describe('seed', () => {
  it('writes the same data, ids and timestamps included, for the same arguments; other arguments differ', async () => {
    const r = await seedDatabase(path.join(dir, 'b.db'), OPTS);
    expect(r.total).toBe(KINDS.reduce((s, k) => s + Math.round(PER_YEAR[k] * 0.5) * 4, 0));
    expect(dump(path.join(dir, 'a.db'))).toBe(dump(path.join(dir, 'b.db')));
    await seedDatabase(path.join(dir, 'c.db'), { ...OPTS, today: '2025-11-21' });
    expect(dump(path.join(dir, 'c.db'))).not.toBe(dump(path.join(dir, 'a.db')));
    await expect(seedDatabase(path.join(dir, 'a.db'), OPTS)).rejects.toThrow(/已存在/);
  });

  it('every stored row passes the app validation unchanged, and nothing is dated after today', () => {
    for (const kind of KINDS) {
      const def = LEDGERS[kind];
      const raw = core.db.prepare(`SELECT * FROM ${kind}`).all() as Record<string, unknown>[];
      expect(raw.length, kind).toBe(Math.round(PER_YEAR[kind] * 0.5) * 4);
      for (const r of raw) {
        const s = fromDbRow(def, r);
        const p = prepareRow(def, s.values, core.ctx());
        expect(p.ok, `${kind} ${JSON.stringify(p.ok ? '' : p.issues)}`).toBe(true);
        if (p.ok) expect(p.value.row).toEqual(s.values);
        for (const f of def.fields) {
          const v = s.values[f.key];
          if (f.type === 'date' && typeof v === 'string' && !f.derived && !['rectifyBy', 'effectiveOn'].includes(f.key))
            expect(v <= OPTS.today, `${kind}.${f.key} ${v}`).toBe(true);
        }
      }
    }
  });

  it('gives a county office’s mix: metrics are non-trivial and in realistic ranges', async () => {
    const m = await call(core, 'stats.year', { year: 2024 });
    const v = (k: string) => m.values[k]?.value ?? null;
    expect(v('行政复议.收案数')).toBe(60);
    expect(v('行政复议.纠错率')).toBeGreaterThan(0);
    expect(v('行政复议.纠错率')).toBeLessThan(30);
    expect(v('行政复议.调撤率')).toBeGreaterThan(5);
    expect(v('行政应诉.出庭率')).toBeGreaterThan(60);
    expect(v('合同.审查件数')).toBe(100);
    expect(v('案卷评查.案卷数')).toBe(150);
    expect(v(`指标.${BUILTIN_INDICATORS[0]}`)).toBeGreaterThan(0);
  });

  it('fills indicators and report material for every year, and leaves some open cases overdue on the board', async () => {
    for (let y = 2022; y <= 2025; y++) {
      const ind = await call(core, 'indicators.list', { year: y });
      expect(ind.items.filter((i) => i.value !== null).length, String(y)).toBe(BUILTIN_INDICATORS.length);
      expect(core.db.prepare('SELECT count(*) FROM materials WHERE year = ?').pluck().get(y) as number).toBeGreaterThanOrEqual(4);
    }
    const board = await call(core, 'deadlines.board', { today: OPTS.today });
    const overdue = board.items.filter((i) => i.status === '逾期');
    expect(overdue.length).toBeGreaterThan(0);
    expect(board.items.some((i) => i.status === '即将到期')).toBe(true);
    // carried over: a reconsideration case received in 2024 closed in 2025
    expect(core.db.prepare(`SELECT count(*) FROM reconsideration WHERE "receivedOn" LIKE '2024%' AND "closedOn" LIKE '2025%'`).pluck().get()).toBeGreaterThan(
      0,
    );
    expect(core.db.prepare(`SELECT "caseNo" FROM reconsideration ORDER BY "receivedOn", rid LIMIT 1`).pluck().get()).toMatch(/^（2022）清复字第\d+号$/);
    expect(fs.existsSync(path.join(dir, 'a.db'))).toBe(true);
  });

  it('the 工作台 page of the board (counted by due date, only the page read) is exactly that page of the full board', async () => {
    // a bigger office, so that many items share a due date, a ledger and a deadline
    const file = path.join(dir, 'big.db');
    await seedDatabase(file, { years: [2021, 2025], scale: 4, today: OPTS.today });
    const big = await openCore(file, { actor: '测试' });
    try {
      await compareBoard(big);
    } finally {
      big.close();
    }
  }, 120_000);
});

async function compareBoard(core: Core) {
  {
    const full = await call(core, 'deadlines.board', { today: OPTS.today });
    const key = (i: { kind: string; id: string; field: string; left: number; status: string; dueOn: string; title: string }) =>
      `${i.kind}|${i.id}|${i.field}|${i.dueOn}|${i.left}|${i.status}|${i.title}`;
    expect(full.items.length).toBeGreaterThan(100);
    for (const status of [undefined, '逾期', '即将到期'] as const) {
      const want = status ? full.items.filter((i) => i.status === status) : full.items;
      for (const pageSize of [7, 50]) {
        const pages = Math.ceil(want.length / pageSize) + 1;
        const got: string[] = [];
        for (let page = 1; page <= pages; page++) {
          const p = await call(core, 'deadlines.board', { today: OPTS.today, page, pageSize, ...(status ? { status } : {}) });
          expect([p.total, p.overdue, p.soon]).toEqual([want.length, full.overdue, full.soon]);
          got.push(...p.items.map(key));
        }
        expect(got, `${status ?? '全部'} / ${pageSize}`).toEqual(want.map(key));
      }
    }
    // many items on one day of one ledger and deadline: the page boundaries fall inside such runs
    const runs = new Map<string, number>();
    for (const i of full.items) runs.set(`${i.dueOn}|${i.kind}|${i.field}`, (runs.get(`${i.dueOn}|${i.kind}|${i.field}`) ?? 0) + 1);
    expect(Math.max(...runs.values())).toBeGreaterThan(7);
  }
}
