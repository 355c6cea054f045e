// Text search through the trigram index (migration 2): two-character fragments answered by the index give exactly
// what a substring scan gives, the index holds live rows only, and a file made before migration 2 is brought in line.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { openCore } from '../../electron/core/core';
import { listRows } from '../../electron/core/db/ledger-repo';
import { migrate } from '../../electron/core/db/connection';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { importRecords } from '../../electron/core/records';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { call, tempCore, tempDir } from '../helpers/db';
import { FULL } from '../helpers/full-rows';

const def = LEDGERS.reconsideration;
const SURNAMES = ['王', '李', '张', '刘', '陈', '𠮷'];
const RESPONDENTS = ['县公安局', '县市场监督管理局', '县自然资源局', '某镇人民政府', 'ABC 公司'];

function rows(year: number, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    values: {
      caseNo: `复${year}-${i}`,
      applicant: `${SURNAMES[i % SURNAMES.length]}${'建国明华'[i % 4]}`,
      respondent: RESPONDENTS[i % RESPONDENTS.length],
      receivedOn: `${year}-0${1 + (i % 9)}-1${i % 10}`,
      actType: i % 3 ? '行政处罚' : '政府信息公开',
      // a note that ends with a two-character fragment searched below: the end of the indexed text
      ...(i % 7 === 0 ? { note: `已补正材料，尾注${'甲乙'[i % 2]}丙` } : {}),
    },
  }));
}

/** What a search must return: the live rows whose search fields contain the fragment (ASCII case ignored). */
function expected(core: Core, q: string, where = 'deleted_at IS NULL'): number {
  // the search fields the file has (one made before migration 10 has no 复议请求 column)
  const has = new Set(core.db.prepare(`SELECT name FROM pragma_table_info('reconsideration')`).pluck().all() as string[]);
  const text = def.fields
    .filter((f) => f.search && has.has(f.key))
    .map((f) => `coalesce("${f.key}", '')`)
    .join(` || ' ' || `);
  return core.db.prepare(`SELECT count(*) FROM reconsideration WHERE ${where} AND instr(lower(${text}), lower(?)) > 0`).pluck().get(q) as number;
}

let core: Core;
beforeAll(async () => {
  core = await tempCore();
  for (const y of [2023, 2024, 2025]) importRecords(core, 'reconsideration', rows(y, 210));
});
afterAll(() => core.close());

describe('text search', () => {
  it('two-character fragments: the index gives exactly the substring matches, wherever they sit', () => {
    for (const q of ['公安', '王建', '建国', '丙', '甲丙', '乙丙', 'ab', 'C ', '𠮷明', '复2', '监督管理', '不存在的词', '无有']) {
      const r = listRows(core.db, def, { kind: 'reconsideration', q, pageSize: 5000 });
      expect({ q, total: r.total }).toEqual({ q, total: expected(core, q) });
      expect(r.rows.length).toBe(r.total);
    }
    // '乙丙' ends the note, the last indexed field: found only because every indexed text ends with a space
    expect(expected(core, '乙丙')).toBeGreaterThan(0);
  });

  it('with a year, a filter and a sort, and page by page', () => {
    const all = listRows(core.db, def, { kind: 'reconsideration', year: 2024, filters: { actType: '行政处罚' }, q: '公安', pageSize: 5000 });
    expect(all.total).toBe(expected(core, '公安', `deleted_at IS NULL AND "receivedOn" LIKE '2024-%' AND "actType" = '行政处罚'`));
    const paged = [1, 2, 3].flatMap((page) =>
      listRows(core.db, def, { kind: 'reconsideration', year: 2024, filters: { actType: '行政处罚' }, q: '公安', pageSize: 10, page }).rows.map((r) => r.id),
    );
    expect(paged).toEqual(all.rows.slice(0, 30).map((r) => r.id));
    const dates = all.rows.map((r) => r.values.receivedOn as string);
    expect(dates).toEqual([...dates].sort().reverse());
    // every page states the whole total (one statement gives page and count), a page past the end too
    for (const page of [1, 3, 999]) {
      const r = listRows(core.db, def, { kind: 'reconsideration', year: 2024, filters: { actType: '行政处罚' }, q: '公安', pageSize: 10, page });
      expect(r.total).toBe(all.total);
    }
    expect(listRows(core.db, def, { kind: 'reconsideration', year: 2024, q: '不存在的词' }).total).toBe(0);
  });

  it('a fragment in more rows than the year holds is checked on the year rows: the same answer, page by page', () => {
    // '复2' begins every case number: 630 matches against 210 rows in 2024
    for (const q of ['复2', '复20', '-1']) {
      const where = `deleted_at IS NULL AND "receivedOn" LIKE '2024-%'`;
      const all = listRows(core.db, def, { kind: 'reconsideration', year: 2024, q, pageSize: 5000 });
      expect({ q, total: all.total }).toEqual({ q, total: expected(core, q, where) });
      const paged = [1, 2].flatMap((page) => listRows(core.db, def, { kind: 'reconsideration', year: 2024, q, pageSize: 25, page }).rows.map((r) => r.id));
      expect(paged).toEqual(all.rows.slice(0, 50).map((r) => r.id));
    }
  });

  it('a deleted row leaves the index and the count; restored, it is found again; the 回收站 searches its own rows', async () => {
    const before = listRows(core.db, def, { kind: 'reconsideration', q: '王建' });
    const victim = before.rows[0];
    await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [victim.id] });
    const after = listRows(core.db, def, { kind: 'reconsideration', q: '王建' });
    expect(after.total).toBe(before.total - 1);
    expect(after.rows.map((r) => r.id)).not.toContain(victim.id);
    expect(
      core.db.prepare('SELECT count(*) FROM reconsideration_fts WHERE rowid = (SELECT rid FROM reconsideration WHERE id = ?)').pluck().get(victim.id),
    ).toBe(0);
    const bin = listRows(core.db, def, { kind: 'reconsideration', deleted: true, q: '王建' });
    expect(bin.rows.map((r) => r.id)).toEqual([victim.id]);
    await call(core, 'ledger.restore', { kind: 'reconsideration', ids: [victim.id] });
    expect(listRows(core.db, def, { kind: 'reconsideration', q: '王建' }).total).toBe(before.total);
  });

  it('an edit re-indexes the row', async () => {
    const r = (await call(core, 'ledger.list', { kind: 'reconsideration', year: 2025, pageSize: 1 })).rows[0];
    await call(core, 'ledger.update', { kind: 'reconsideration', id: r.id, version: r.version, values: { ...r.values, applicant: '欧阳修远' } });
    expect((await call(core, 'ledger.list', { kind: 'reconsideration', q: '阳修' })).rows.map((x) => x.id)).toEqual([r.id]);
  });
});

describe('an import indexes its rows in one statement (migration 5)', () => {
  it('gives every ledger the same search text a record saved one by one gets, and leaves no ledger standing aside', async () => {
    const k = await tempCore();
    try {
      for (const kind of LEDGER_KINDS) {
        const d = LEDGERS[kind];
        // every search field filled, so a field missing from the batch text or out of order shows
        const values: Record<string, unknown> = {};
        for (const f of d.fields) if (f.search) values[f.key] = `${f.label}Ab 值`;
        const base = FULL[kind];
        const one = await call(k, 'ledger.create', {
          kind,
          values: { ...base, ...values, ...(d.fields.some((f) => f.unique) ? { caseNo: `单条${kind}` } : {}) },
        });
        const r = importRecords(k, kind, [
          { line: 2, values: { ...base, ...values, ...(d.fields.some((f) => f.unique) ? { caseNo: `导入${kind}` } : {}) } as never },
        ]);
        expect(r.errors).toEqual([]);
        const body = (id: string) =>
          k.db.prepare(`SELECT body FROM ${kind}_fts WHERE rowid = (SELECT rid FROM ${kind} WHERE id = ?)`).pluck().get(id) as string;
        const imported = k.db.prepare(`SELECT id FROM ${kind} ORDER BY rid DESC LIMIT 1`).pluck().get() as string;
        expect(body(imported).replace(`导入${kind}`, `单条${kind}`), kind).toBe(body(one.id));
        expect(listRows(k.db, d, { kind, q: 'ab 值' }).total, kind).toBe(2);
      }
      expect(k.db.prepare('SELECT count(*) FROM fts_batch').pluck().get()).toBe(0);
      // a failed import takes its rows, their index entries and the stand-aside mark back together
      expect(() =>
        k.db.transaction(() => {
          importRecords(k, 'reconsideration', rows(2022, 5));
          throw new Error('中途失败');
        })(),
      ).toThrow('中途失败');
      expect(k.db.prepare('SELECT count(*) FROM fts_batch').pluck().get()).toBe(0);
      expect(k.db.prepare(`SELECT count(*) FROM reconsideration_fts WHERE body LIKE '%复2022-%'`).pluck().get()).toBe(0);
      // and a record saved afterwards is indexed by its trigger again
      await call(k, 'ledger.create', { kind: 'decision', values: { title: '导入之后新建的事项', sponsor: '县局', receivedOn: '2025-03-03' } });
      expect(listRows(k.db, LEDGERS.decision, { kind: 'decision', q: '之后新建' }).total).toBe(1);
    } finally {
      k.close();
    }
  });
});

describe('migration 2 on a file made before it', () => {
  it('drops deleted rows from the index and ends every indexed text with a space', async () => {
    const file = path.join(tempDir(), 'v1.db');
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 1));
    db.close();
    const v1 = await openCore(file, { migrations: MIGRATIONS.slice(0, 1), actor: '测试' });
    // saved one by one: the import of this program needs migration 5's table, which a version-1 file lacks
    for (const r of rows(2025, 30)) await call(v1, 'ledger.create', { kind: 'reconsideration', values: r.values });
    const gone = (await call(v1, 'ledger.list', { kind: 'reconsideration', pageSize: 1 })).rows[0];
    await call(v1, 'ledger.delete', { kind: 'reconsideration', ids: [gone.id] });
    v1.close();

    const v2 = await openCore(file, { migrations: MIGRATIONS.slice(0, 2), actor: '测试' });
    try {
      expect(v2.db.pragma('user_version', { simple: true })).toBe(2);
      expect(v2.db.prepare(`SELECT count(*) FROM reconsideration_fts WHERE substr(body, -1) <> ' '`).pluck().get()).toBe(0);
      expect(v2.db.prepare('SELECT count(*) FROM reconsideration_fts').pluck().get()).toBe(29);
      for (const q of ['乙丙', '甲丙', '公安', '复2']) expect(listRows(v2.db, def, { kind: 'reconsideration', q }).total).toBe(expected(v2, q));
      expect(listRows(v2.db, def, { kind: 'reconsideration', deleted: true, q: String(gone.values.applicant) }).rows.map((r) => r.id)).toEqual([gone.id]);
    } finally {
      v2.close();
    }
  });
});
