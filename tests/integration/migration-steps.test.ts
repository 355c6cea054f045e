// One test per migration (issue 13 part 8): a file is made at version N−1 by running only the migrations before N,
// rows are written into it with raw SQL as that version stored them (not through today's API, which expects
// today's schema), then the file is opened as the app opens it — schema check at N−1, verified backup, migration
// N — and the rows are checked. Also: the released migrations' SQL text is what was released, byte for byte.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/connection';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { tempDir } from '../helpers/db';

/**
 * SHA-256 of each released migration's SQL. Released migrations are never edited — not even in whitespace — so
 * a change here is a mistake; add a migration's hash once it has shipped.
 */
const RELEASED: Record<number, string> = {
  1: 'da096138205e2f04f9f517f50163053db69f9163b528645bf1ec564a76b9eace',
  2: 'a57c017d549cdc324e8291622860b260ffff2306cdbe1e55de69b218affbeada',
  3: '2758d5f4e3375212f71161be9618053af8720bf786f8d96a0a1fb5cce12febdf',
  4: '006be23b644eae4dececbc34e1b7926ba15337037173dff22ce0c739ff152467',
  5: '3418041b7ca3982fb1d0d4cccb355eff05abacf1efdfba98fcae56c663d49187',
};

/** The search fields as migrations 1–5 indexed them (written out: these tests are about those versions). */
const SEARCH: Record<string, string[]> = {
  normative: ['serialNo', 'title', 'drafter', 'regNo', 'docNo', 'handler', 'note'],
  decision: ['title', 'sponsor', 'handler', 'note'],
  contract: ['title', 'submitter', 'counterparty', 'handler', 'note'],
  reconsideration: ['caseNo', 'applicant', 'respondent', 'field', 'handler', 'note'],
  litigation: ['caseNo', 'priorCaseNo', 'court', 'plaintiff', 'defendant', 'field', 'headName', 'handler', 'note'],
  casefile: ['batch', 'unit', 'field', 'caseNo', 'party', 'reviewer', 'issueSummary', 'handler', 'note'],
};

/** A data file at `version`, made by running only the migrations up to it, open for raw SQL. */
function fileAt(version: number): { file: string; db: Db } {
  const file = path.join(tempDir(), `v${version}.db`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  return { file, db };
}

let seq = 0;
/** Insert a row with raw SQL: the bookkeeping columns every version has, plus the given columns. */
function insert(db: Db, kind: string, cols: Record<string, string | number | null>): number {
  const all = { id: `raw-${++seq}`, created_at: '2025-01-02T03:04:05.000Z', updated_at: '2025-01-02T03:04:05.000Z', ...cols };
  const names = Object.keys(all);
  const r = db.prepare(`INSERT INTO ${kind} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(all));
  return Number(r.lastInsertRowid);
}

/** Open as the app does, with migrations up to `version` only: checks the schema, backs up, migrates. */
async function migrateTo(file: string, version: number): Promise<Db> {
  const db = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= version) });
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  // the verified backup made before migrating holds the file as it was
  const backups = fs.readdirSync(path.join(path.dirname(file), 'backups')).filter((f) => f.endsWith('.db'));
  expect(backups).toEqual([expect.stringMatching(new RegExp(`升级前-v${version - 1}\\.db$`))]);
  return db;
}

function body(db: Db, kind: string, rid: number): string | undefined {
  return db.prepare(`SELECT body FROM ${kind}_fts WHERE rowid = ?`).pluck().get(rid) as string | undefined;
}

function indexColumns(db: Db, index: string): string[] {
  return (db.prepare(`PRAGMA index_info("${index}")`).all() as { name: string }[]).map((c) => c.name);
}

describe('released migrations', () => {
  it('are byte for byte the text that was released', () => {
    for (const [v, hash] of Object.entries(RELEASED)) {
      const m = MIGRATIONS.find((x) => x.version === +v)!;
      expect({ v, hash: crypto.createHash('sha256').update(m.sql).digest('hex') }).toEqual({ v, hash });
    }
  });
});

describe('each migration on rows written at the version before it', () => {
  it('2: the search index keeps live rows only, every text ends with a space, the figure indexes carry their columns', async () => {
    const { file, db } = fileAt(1);
    const live = insert(db, 'reconsideration', {
      caseNo: '复〔2025〕1号',
      applicant: '王建国',
      respondent: '县公安局',
      receivedOn: '2025-03-03',
      note: '尾注乙丙',
    });
    const gone = insert(db, 'reconsideration', {
      caseNo: '复〔2025〕2号',
      applicant: '李明',
      receivedOn: '2025-03-04',
      deleted_at: '2025-04-01T00:00:00.000Z',
    });
    const plain = insert(db, 'normative', { serialNo: 'G-1', title: '某县规范性文件', receivedOn: '2025-02-01', dueOn: '2025-02-20' });
    // version 1 indexed every row, deleted or not, with no space at the end
    expect(body(db, 'reconsideration', live)).toBe('复〔2025〕1号 王建国 县公安局   尾注乙丙');
    expect(body(db, 'reconsideration', gone)).toBeDefined();
    db.close();

    const v2 = await migrateTo(file, 2);
    try {
      expect(body(v2, 'reconsideration', live)).toBe('复〔2025〕1号 王建国 县公安局   尾注乙丙 ');
      expect(body(v2, 'reconsideration', gone)).toBeUndefined();
      // a text whose last field was empty already ended with a space: migration 2 leaves it as it is (one space
      // fewer than its trigger writes — the same trigrams, so the same search answers)
      expect(body(v2, 'normative', plain)).toBe('G-1 某县规范性文件     ');
      // the fragment at the very end is a trigram of the index now
      expect(v2.prepare(`SELECT rowid FROM reconsideration_fts WHERE body MATCH '"乙丙 "'`).pluck().all()).toEqual([live]);
      expect(indexColumns(v2, 'reconsideration_receivedOn')).toEqual([
        'receivedOn',
        'intake',
        'enterprise',
        'actType',
        'field',
        'respondentType',
        'deleted_at',
      ]);
      expect(indexColumns(v2, 'normative_open_dueOn')).toEqual(['dueOn', 'id', 'title', 'completedOn', 'deleted_at']);
      // the rows themselves are untouched
      expect(v2.prepare('SELECT rid, caseNo, deleted_at FROM reconsideration ORDER BY rid').all()).toEqual([
        { rid: live, caseNo: '复〔2025〕1号', deleted_at: null },
        { rid: gone, caseNo: '复〔2025〕2号', deleted_at: '2025-04-01T00:00:00.000Z' },
      ]);
      // and version 2's triggers: a soft delete leaves the index, a restore returns to it
      v2.prepare(`UPDATE reconsideration SET deleted_at = 'x' WHERE rid = ?`).run(live);
      expect(body(v2, 'reconsideration', live)).toBeUndefined();
      v2.prepare('UPDATE reconsideration SET deleted_at = NULL WHERE rid = ?').run(gone);
      expect(body(v2, 'reconsideration', gone)).toBe('复〔2025〕2号 李明     ');
    } finally {
      v2.close();
    }
  });

  it('3: a template saved in the settings becomes version 1 of the template history; the settings row stays', async () => {
    const { file, db } = fileAt(2);
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(
      'report.template',
      JSON.stringify('一、{本年度}工作\n第二段'),
      '2025-05-06T07:08:09.000Z',
    );
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('单位名称', JSON.stringify('某县司法局'), '2025-05-06T07:08:09.000Z');
    db.close();
    const v3 = await migrateTo(file, 3);
    try {
      expect(v3.prepare('SELECT * FROM report_templates').all()).toEqual([
        { version: 1, text: '一、{本年度}工作\n第二段', note: '升级前保存的模板', saved_at: '2025-05-06T07:08:09.000Z', saved_by: '' },
      ]);
      expect(v3.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual(['report.template', '单位名称']);
      expect(() => v3.prepare('UPDATE report_templates SET text = 1').run()).toThrow(/只能追加/);
      expect(() => v3.prepare('DELETE FROM report_templates').run()).toThrow(/只能追加/);
    } finally {
      v3.close();
    }
    // no saved template, or a value that is not text: no history entry
    const other = fileAt(2);
    other.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('report.template', '123', '2025-05-06T07:08:09.000Z');
    other.db.close();
    const v3b = await migrateTo(other.file, 3);
    expect(v3b.prepare('SELECT count(*) FROM report_templates').pluck().get()).toBe(0);
    v3b.close();
  });

  it('4: 合同类型 and 事项类别 join the ★ date indexes; the rows are untouched', async () => {
    const { file, db } = fileAt(3);
    for (let i = 0; i < 5; i++) {
      insert(db, 'contract', { title: `合同${i}`, receivedOn: `2025-0${i + 1}-10`, contractType: i % 2 ? '政府采购' : '租赁', amount: 1000 * i, major: i % 2 });
      insert(db, 'decision', { title: `决策${i}`, receivedOn: `2025-0${i + 1}-11`, category: i % 2 ? '公共服务' : '规划' });
    }
    const before = (d: Db) => [d.prepare('SELECT * FROM contract ORDER BY rid').all(), d.prepare('SELECT * FROM decision ORDER BY rid').all()];
    const rows = before(db);
    db.close();
    const v4 = await migrateTo(file, 4);
    try {
      expect(before(v4)).toEqual(rows);
      expect(indexColumns(v4, 'contract_receivedOn')).toEqual(['receivedOn', 'contractType', 'opinions', 'adopted', 'major', 'amount', 'deleted_at']);
      expect(indexColumns(v4, 'decision_receivedOn')).toEqual([
        'receivedOn',
        'category',
        'inCatalog',
        'opinions',
        'publicParticipation',
        'expertReview',
        'riskAssessment',
        'hearing',
        'deleted_at',
      ]);
      // a year's page of one type is read from the index
      const plan = v4
        .prepare(
          `EXPLAIN QUERY PLAN SELECT rid FROM contract WHERE deleted_at IS NULL AND "receivedOn" BETWEEN '2025-01-01' AND '2025-12-31' AND "contractType" = '政府采购'`,
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/contract_receivedOn/);
      expect(
        v4
          .prepare(
            `SELECT count(*) FROM contract WHERE deleted_at IS NULL AND "receivedOn" BETWEEN '2025-01-01' AND '2025-12-31' AND "contractType" = '政府采购'`,
          )
          .pluck()
          .get(),
      ).toBe(2);
    } finally {
      v4.close();
    }
  });

  it('5: rows indexed before stay as they were; a ledger named in fts_batch is left to the import, the others index as before', async () => {
    const { file, db } = fileAt(4);
    const rids: Record<string, number> = {};
    for (const [kind, fields] of Object.entries(SEARCH)) rids[kind] = insert(db, kind, Object.fromEntries(fields.map((f) => [f, `${kind}的${f}`])));
    const bodies = Object.fromEntries(Object.keys(SEARCH).map((k) => [k, body(db, k, rids[k])]));
    db.close();
    const v5 = await migrateTo(file, 5);
    try {
      for (const [kind, fields] of Object.entries(SEARCH)) {
        expect(body(v5, kind, rids[kind]), kind).toBe(bodies[kind]);
        expect(bodies[kind]).toBe(`${fields.map((f) => `${kind}的${f}`).join(' ')} `);
        // a row saved afterwards is indexed by the rebuilt insert trigger, with text of the same shape
        const again = insert(v5, kind, Object.fromEntries(fields.map((f) => [f, `${kind}的${f}2`])));
        expect(body(v5, kind, again), kind).toBe(`${fields.map((f) => `${kind}的${f}2`).join(' ')} `);
      }
      expect(v5.prepare('SELECT count(*) FROM fts_batch').pluck().get()).toBe(0);
      v5.prepare(`INSERT INTO fts_batch (kind) VALUES ('contract')`).run();
      const aside = insert(v5, 'contract', { title: '导入中的合同' });
      const other = insert(v5, 'decision', { title: '同时新建的决策' });
      expect(body(v5, 'contract', aside)).toBeUndefined();
      expect(body(v5, 'decision', other)).toBe('同时新建的决策    ');
      // a deleted row is still kept out of the index by the insert trigger
      const deleted = insert(v5, 'decision', { title: '已删除', deleted_at: 'x' });
      expect(body(v5, 'decision', deleted)).toBeUndefined();
    } finally {
      v5.close();
    }
  });
  it('11: imports and what they wrote start empty; rows written before stay as they were and belong to no import', async () => {
    const { file, db } = fileAt(10);
    const rid = insert(db, 'decision', { title: '升级前的决策', sponsor: '县局', receivedOn: '2025-03-04', version: 3 });
    db.prepare(`INSERT INTO indicators (year, name, value, updated_at) VALUES (2025, '法治培训次数', 3, '2025-01-02T03:04:05.000Z')`).run();
    const before = db.prepare('SELECT * FROM decision WHERE rid = ?').get(rid);
    db.close();
    const v11 = await migrateTo(file, 11);
    try {
      expect(v11.prepare('SELECT * FROM decision WHERE rid = ?').get(rid)).toEqual(before);
      expect(v11.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
      expect(v11.prepare('SELECT count(*) FROM import_rows').pluck().get()).toBe(0);
      expect(v11.prepare('SELECT value FROM indicators').pluck().get()).toBe(3);
      // an import's rows name their import (foreign key): a row of no import is refused
      v11.pragma('foreign_keys = ON');
      expect(() => v11.prepare(`INSERT INTO import_rows (import_id, record_id, version, before) VALUES (99, 'x', 1, NULL)`).run()).toThrow(/FOREIGN KEY/);
      const id = v11
        .prepare(`INSERT INTO imports (kind, file_name, at, actor, inserted, updated) VALUES ('decision', 'a.xlsx', '2026-01-01T00:00:00.000Z', '测试', 1, 0)`)
        .run().lastInsertRowid;
      v11.prepare(`INSERT INTO import_rows (import_id, record_id, version, before) VALUES (?, 'raw-1', 1, NULL)`).run(id);
      expect(v11.prepare('SELECT undone_at FROM imports WHERE id = ?').pluck().get(id)).toBeNull();
    } finally {
      v11.close();
    }
  });
});
