// Issue 16: re-deriving after a setting or the holidays changed reads only the rows the change can alter (a
// setting's `narrows`, core.ts calendarScope). Whatever it leaves out must be rows a whole re-derive would not
// change: each narrowed change is applied to two copies of one file, re-derived narrowed (as the API does) and whole,
// and the ledgers compared row by row. A settled value — a deadline whose case is closed, a past year's 等次 or 重大合同
// — stays unless the user asks for every record (decisions.md “办结的和往年的记录保持原结果”): the whole re-derive it is
// compared with keeps them too, and with allRecords the API equals re-deriving every value of every row. The office's
// today is 2025-12-20, so 2025 is the current year and 2023–2024 are past.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onProgress, openCore, rederiveAll, type Core } from '../../electron/core/core';
import { loadCalendar } from '../../electron/core/calendar-store';
import { LEDGER_KINDS } from '../../electron/domain/ledgers';
import { seedCore } from '../../scripts/seed';
import { call, tempCore, tempDir } from '../helpers/db';
import { addDays } from '../../electron/domain/calendar';

const NOW = () => new Date('2025-12-20T10:00:00+08:00');
let core: Core & { dir: string };
beforeAll(async () => {
  core = await tempCore({ now: NOW });
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
  const [a, b] = await Promise.all(files.map((f) => openCore(f, { actor: '测试', now: NOW })));
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
  for (const [name, patch, kind] of changes)
    for (const allRecords of [false, true])
      it(`${name}${allRecords ? ', every record' : ''}: the same rows as re-deriving every row, reading fewer`, async () => {
        const [a, b] = await twoCopies();
        try {
          const seen: number[] = [];
          onProgress(a, (p) => seen.push(p.total));
          const r = await call(a, 'settings.update', { patch, allRecords });
          // fewer rows read than the ledger has
          expect(Math.max(...seen)).toBeLessThan(a.db.prepare(`SELECT count(*) FROM ${kind}`).pluck().get() as number);
          expect(r.rederived).toBeGreaterThan(0);
          // the whole way: the same settings, every row
          let whole = 0;
          b.db.transaction(() => {
            b.settings = { ...b.settings, ...patch } as Core['settings'];
            whole = rederiveAll(b, [kind], undefined, undefined, !allRecords);
          })();
          expect(r.rederived).toBe(whole);
          expect(dump(a, kind)).toEqual(dump(b, kind));
          // past years' rows change only when every record was asked for
          const date = kind === 'casefile' ? 'reviewedOn' : 'receivedOn';
          const moved = (year: string) => {
            const x = dump(a, kind) as Record<string, unknown>[];
            const y = dump(core, kind) as Record<string, unknown>[];
            return x.filter((row, i) => String(row[date]).startsWith(year) && JSON.stringify(row) !== JSON.stringify(y[i])).length;
          };
          expect(moved('2025')).toBeGreaterThan(0);
          if (allRecords) expect(moved('2024')).toBeGreaterThan(0);
          else expect(moved('2024') + moved('2023')).toBe(0);
        } finally {
          a.close();
          b.close();
        }
      });

  // 2026 gets its first two weeks off: deadlines of late 2025 running into them move; rows of 2023 are not read
  const off = Array.from({ length: 14 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
  const addHolidays = (c: Core) => {
    c.db
      .prepare(
        `INSERT INTO holiday_years (year, off, work, source, added_at) VALUES (2026, ?, '[]', '测试', '2025-01-01') ON CONFLICT (year) DO UPDATE SET off = excluded.off, work = excluded.work`,
      )
      .run(JSON.stringify(off));
    c.calendar = loadCalendar(c.db);
  };
  const allRows = (c: Core) => LEDGER_KINDS.reduce((n, k) => n + (c.db.prepare(`SELECT count(*) FROM ${k}`).pluck().get() as number), 0);

  for (const allRecords of [false, true]) {
    it(`new holidays${allRecords ? ', closed cases too' : ''}: rows with a deadline from the first changed day, the same as every row`, async () => {
      const [a, b] = await twoCopies();
      try {
        const seen: number[] = [];
        onProgress(a, (p) => seen.push(p.total));
        const r = await call(a, 'calendar.addYear', { data: { years: { 2026: { off, work: [] } } }, allRecords });
        expect(r.from).toBe('2026-01-04'); // 1–3 January are already off in the bundled 2026; the 4th was a 调休 working Sunday
        expect(Math.max(...seen)).toBeLessThan(allRows(a));
        b.db.transaction(() => {
          addHolidays(b);
          rederiveAll(b, LEDGER_KINDS, undefined, undefined, !allRecords);
        })();
        let moved = 0;
        for (const kind of LEDGER_KINDS) {
          const x = dump(a, kind);
          const y = dump(b, kind);
          expect(x, kind).toEqual(y);
          moved += x.filter((r, i) => JSON.stringify(r) !== JSON.stringify(dump(core, kind)[i])).length;
        }
        expect(moved).toBeGreaterThan(0);
        expect(r.rederived).toBe(moved);
      } finally {
        a.close();
        b.close();
      }
    });
  }

  it('the same holidays again change no day: nothing is read', async () => {
    const [a] = await twoCopies();
    try {
      await call(a, 'calendar.addYear', { data: { years: { 2026: { off, work: [] } } } });
      const seen: number[] = [];
      onProgress(a, (p) => seen.push(p.total));
      const r = await call(a, 'calendar.addYear', { data: { years: { 2026: { off, work: [] } } } });
      expect(r).toEqual({ years: [2026], rederived: 0, from: null });
      expect(seen).toEqual([]);
    } finally {
      a.close();
    }
  });
});

describe('a deadline setting re-derives running deadlines; closed cases keep theirs unless asked', () => {
  const patch = { 'contract.reviewWorkdays': 9, 'normative.reviewWorkdays': 10, 'normative.filingDays': 20, 'decision.reviewWorkdays': 12 };
  const kinds = ['contract', 'normative', 'decision'];
  /** the same change on `b`, every row re-derived (settled values kept or not): the count of rows changed */
  const whole = (b: Core, keepSettled: boolean) => {
    let n = 0;
    b.db.transaction(() => {
      b.settings = { ...b.settings, ...patch } as Core['settings'];
      n = rederiveAll(b, kinds, undefined, undefined, keepSettled);
    })();
    return n;
  };
  /** a contract closed or still running, not set by hand */
  const contract = (a: Core, closed: boolean) =>
    a.db.prepare(`SELECT "receivedOn", "dueOn" FROM contract WHERE "completedOn" IS ${closed ? 'NOT ' : ''}NULL AND manual = '' LIMIT 1`).get() as Record<
      string,
      string
    >;

  it('only rows with a running deadline are read, and the file equals a whole re-derive that keeps settled deadlines', async () => {
    const [a, b] = await twoCopies();
    try {
      const seen: number[] = [];
      onProgress(a, (p) => seen.push(p.total));
      const r = await call(a, 'settings.update', { patch });
      const open = (c: Core) =>
        (c.db.prepare(`SELECT count(*) FROM contract WHERE "completedOn" IS NULL`).pluck().get() as number) +
        (c.db.prepare(`SELECT count(*) FROM normative WHERE "completedOn" IS NULL OR "filedGovOn" IS NULL`).pluck().get() as number) +
        (c.db.prepare(`SELECT count(*) FROM decision WHERE "completedOn" IS NULL`).pluck().get() as number);
      expect(Math.max(...seen)).toBe(open(a));
      expect(open(a)).toBeLessThan(kinds.reduce((n, k) => n + (a.db.prepare(`SELECT count(*) FROM ${k}`).pluck().get() as number), 0) / 4);
      expect(r.rederived).toBeGreaterThan(0);
      expect(r.rederived).toBe(whole(b, true));
      for (const kind of kinds) expect(dump(a, kind), kind).toEqual(dump(b, kind));
      // a closed contract kept its date; an open one has the new 9 working days
      const closed = contract(a, true);
      expect(closed.dueOn).toBe(a.calendar.addWorkdays(closed.receivedOn, 5));
      const running = contract(a, false);
      expect(running.dueOn).toBe(a.calendar.addWorkdays(running.receivedOn, 9));
    } finally {
      a.close();
      b.close();
    }
  });

  it('allRecords: every row, the same as re-deriving every value', async () => {
    const [a, b] = await twoCopies();
    try {
      const r = await call(a, 'settings.update', { patch, allRecords: true });
      expect(r.rederived).toBe(whole(b, false));
      for (const kind of kinds) expect(dump(a, kind), kind).toEqual(dump(b, kind));
      const closed = contract(a, true);
      expect(closed.dueOn).toBe(a.calendar.addWorkdays(closed.receivedOn, 9));
      expect((await call(a, 'audit.list', {})).rows[0].summary).toContain('已办结的记录也按新设置重新计算');
    } finally {
      a.close();
      b.close();
    }
  });

  it('an edit of a closed case keeps its deadline, unless it changes what the deadline runs from or reopens the case', async () => {
    const [a] = await twoCopies();
    try {
      await call(a, 'settings.update', { patch: { 'contract.reviewWorkdays': 9 } });
      const row = a.db.prepare(`SELECT id, "receivedOn", "dueOn" FROM contract WHERE "completedOn" IS NOT NULL AND manual = '' LIMIT 1`).get() as Record<
        string,
        string
      >;
      const get = () => call(a, 'ledger.get', { kind: 'contract', id: row.id });
      const save = async (values: Record<string, unknown>) => {
        const r = await get();
        return call(a, 'ledger.update', { kind: 'contract', id: row.id, version: r.version, values: { ...r.values, dueOn: null, ...values } });
      };
      // a note added: the 5-day deadline it ran to stays (last year's 超期件数 do not move)
      expect((await save({ note: '补记' })).values.dueOn).toBe(row.dueOn);
      expect((await get()).manual).toEqual([]);
      // 收到日期 corrected: the deadline runs from the new date, under today's setting
      const received = addDays(row.receivedOn, -1);
      expect((await save({ receivedOn: received })).values.dueOn).toBe(a.calendar.addWorkdays(received, 9));
      // and back: a deadline that now follows the setting stays with it
      expect((await save({ receivedOn: row.receivedOn })).values.dueOn).toBe(a.calendar.addWorkdays(row.receivedOn, 9));
    } finally {
      a.close();
    }
  });

  it('an import that updates a closed case (a 备注 added) keeps its deadline too', async () => {
    const [a] = await twoCopies();
    try {
      const made = await call(a, 'ledger.create', {
        kind: 'contract',
        values: { title: '导入更新的已办结合同', submitter: '县民政局', receivedOn: '2025-06-02', completedOn: '2025-06-04' },
      });
      await call(a, 'settings.update', { patch: { 'contract.reviewWorkdays': 9 } });
      const csv = '合同名称,送审单位,送审日期,备注\n导入更新的已办结合同,县民政局,2025-06-02,补充说明\n';
      const r = await call(a, 'exchange.import', { kind: 'contract', fileName: 'a.csv', content: Buffer.from(csv).toString('base64'), existing: 'update' });
      expect(r.errors, JSON.stringify(r)).toEqual([]);
      expect(r.updated).toBe(1);
      const after = await call(a, 'ledger.get', { kind: 'contract', id: made.id });
      expect(after.values.note).toBe('补充说明');
      expect(after.values.dueOn).toBe(made.values.dueOn);
      expect(after.values.dueOn).toBe(a.calendar.addWorkdays('2025-06-02', 5));
    } finally {
      a.close();
    }
  });

  it('an edit of a past year’s 案卷 keeps its 等次 under a changed 分数线; this year’s follow the new line', async () => {
    const [a] = await twoCopies();
    try {
      const pick = (year: string) =>
        a.db.prepare(`SELECT id, grade FROM casefile WHERE score >= 85 AND score < 90 AND "reviewedOn" LIKE ? AND manual = '' LIMIT 1`).get(`${year}%`) as {
          id: string;
          grade: string;
        };
      const past = pick('2024');
      expect(past.grade).toBe('合格');
      await call(a, 'settings.update', { patch: { 'casefile.excellentMin': 85 } });
      // this year's between the lines are 优秀 now
      expect(
        a.db.prepare(`SELECT count(*) FROM casefile WHERE score >= 85 AND "reviewedOn" LIKE '2025%' AND grade <> '优秀' AND manual = ''`).pluck().get(),
      ).toBe(0);
      expect(a.db.prepare(`SELECT grade FROM casefile WHERE id = ?`).pluck().get(past.id)).toBe('合格');
      const r = await call(a, 'ledger.get', { kind: 'casefile', id: past.id });
      const saved = await call(a, 'ledger.update', { kind: 'casefile', id: past.id, version: r.version, values: { ...r.values, note: '补记' } });
      expect(saved.values.grade).toBe('合格');
    } finally {
      a.close();
    }
  });

  it('an edit that reopens a closed case (办结日期 cleared) gives it the deadline of today’s setting', async () => {
    const [a] = await twoCopies();
    try {
      await call(a, 'settings.update', { patch: { 'contract.reviewWorkdays': 9 } });
      const row = a.db.prepare(`SELECT id, "receivedOn" FROM contract WHERE "completedOn" IS NOT NULL AND manual = '' LIMIT 1`).get() as Record<string, string>;
      const r = await call(a, 'ledger.get', { kind: 'contract', id: row.id });
      const saved = await call(a, 'ledger.update', {
        kind: 'contract',
        id: row.id,
        version: r.version,
        values: { ...r.values, dueOn: null, completedOn: null },
      });
      expect(saved.values.dueOn).toBe(a.calendar.addWorkdays(row.receivedOn, 9));
    } finally {
      a.close();
    }
  });
});
