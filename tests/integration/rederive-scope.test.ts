// Issue 16: re-deriving after a setting or the holidays changed reads only the rows the change can alter (a
// setting's `narrows`, core.ts calendarScope). Whatever it leaves out must be rows a whole re-derive would not
// change: each narrowed change is applied to two copies of one file, re-derived narrowed (as the API does) and whole,
// and the ledgers compared row by row.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onProgress, openCore, rederiveAll, type Core } from '../../electron/core/core';
import { loadCalendar } from '../../electron/core/calendar-store';
import { LEDGER_KINDS } from '../../electron/domain/ledgers';
import { seedCore } from '../../scripts/seed';
import { call, tempCore, tempDir } from '../helpers/db';

let core: Core & { dir: string };
beforeAll(async () => {
  core = await tempCore();
  await seedCore(core, { years: [2023, 2025], scale: 1, today: '2025-12-20' });
  // amounts and scores right at the lines, and 否决项, so each narrowed change has rows to alter
  core.db.prepare(`UPDATE contract SET amount = 3000 WHERE rid % 7 = 0`).run();
  core.db.prepare(`UPDATE contract SET amount = 2500 WHERE rid % 11 = 0`).run();
  core.db.prepare(`UPDATE casefile SET "formScore" = 15, "contentScore" = 70 WHERE rid % 5 = 0`).run();
  core.db.prepare(`UPDATE casefile SET vetoes = '主体不合法', "formScore" = 18, "contentScore" = 75 WHERE rid % 13 = 0`).run();
  // those rows re-derived under the current settings, as saving them would
  rederiveAll(core, ['contract', 'casefile']);
}, 120_000);
afterAll(() => core.close());

async function twoCopies(): Promise<[Core, Core]> {
  const dir = tempDir();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const files = ['narrow.db', 'whole.db'].map((n) => path.join(dir, n));
  for (const f of files) fs.copyFileSync(core.file, f);
  const [a, b] = await Promise.all(files.map((f) => openCore(f, { actor: '测试' })));
  return [a, b];
}

const dump = (c: Core, kind: string) => c.db.prepare(`SELECT * FROM ${kind} ORDER BY rid`).all();

describe('re-deriving only the rows a change can alter', () => {
  const changes: [string, Record<string, string | number>, string][] = [
    ['重大合同标的额', { 'contract.majorThreshold': 2500 }, 'contract'],
    ['优秀分数线', { 'casefile.excellentMin': 85 }, 'casefile'],
    ['合格分数线', { 'casefile.passMin': 90 }, 'casefile'],
    ['否决项规则', { 'casefile.vetoRule': '不得评优' }, 'casefile'],
  ];
  for (const [name, patch, kind] of changes) {
    it(`${name}: the same rows as re-deriving every row, reading fewer`, async () => {
      const [a, b] = await twoCopies();
      try {
        const seen: number[] = [];
        onProgress(a, (p) => seen.push(p.total));
        const r = await call(a, 'settings.update', { patch });
        // fewer rows read than the ledger has
        expect(Math.max(...seen)).toBeLessThan(a.db.prepare(`SELECT count(*) FROM ${kind}`).pluck().get() as number);
        expect(r.rederived).toBeGreaterThan(0);
        // the whole way: the same settings, every row
        let whole = 0;
        b.db.transaction(() => {
          b.settings = { ...b.settings, ...patch } as Core['settings'];
          whole = rederiveAll(b, [kind]);
        })();
        expect(r.rederived).toBe(whole);
        expect(dump(a, kind)).toEqual(dump(b, kind));
      } finally {
        a.close();
        b.close();
      }
    });
  }

  it('new holidays: rows dated two years before the year added and later, the same as every row', async () => {
    const [a, b] = await twoCopies();
    try {
      // 2026 gets its first two weeks off: deadlines of late 2025 running into them move; rows of 2023 are not read
      const off = Array.from({ length: 14 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
      const data = { years: { 2026: { off, work: [] } } };
      const seen: number[] = [];
      onProgress(a, (p) => seen.push(p.total));
      await call(a, 'calendar.addYear', { data });
      expect(Math.max(...seen)).toBeLessThan(LEDGER_KINDS.reduce((n, k) => n + (a.db.prepare(`SELECT count(*) FROM ${k}`).pluck().get() as number), 0));
      b.db.transaction(() => {
        b.db
          .prepare(
            `INSERT INTO holiday_years (year, off, work, source, added_at) VALUES (2026, ?, '[]', '测试', '2025-01-01') ON CONFLICT (year) DO UPDATE SET off = excluded.off, work = excluded.work`,
          )
          .run(JSON.stringify(off));
        b.calendar = loadCalendar(b.db);
        rederiveAll(b, LEDGER_KINDS);
      })();
      let moved = 0;
      for (const kind of LEDGER_KINDS) {
        const x = dump(a, kind);
        const y = dump(b, kind);
        expect(x, kind).toEqual(y);
        moved += x.filter((r, i) => JSON.stringify(r) !== JSON.stringify(dump(core, kind)[i])).length;
      }
      expect(moved).toBeGreaterThan(0);
    } finally {
      a.close();
      b.close();
    }
  });
});
