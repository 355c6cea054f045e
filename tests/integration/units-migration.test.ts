// Migration 15 (issue 20): a file at the version before it, rows written with raw SQL as that version stored them,
// opened as the app opens it (schema check, verified backup, migration): every existing row belongs to the own
// unit, which takes the office's 单位名称, and the own rows' figures are what they were.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { tempDir } from '../helpers/db';

const at = MIGRATIONS.findIndex((m) => m.version === 15);
const before = MIGRATIONS[at - 1].version;

describe('migration 15: units', () => {
  it('puts every existing row in the own unit, named as the office is named', async () => {
    const file = path.join(tempDir(), `v${before}.db`);
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.slice(0, at)) {
      raw.exec(m.sql);
      m.run?.(raw);
      raw.pragma(`user_version = ${m.version}`);
    }
    const t = '2025-01-02T03:04:05.000Z';
    raw.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('单位名称', ?, ?)`).run(JSON.stringify('某某县人民政府'), t);
    raw
      .prepare(
        `INSERT INTO litigation (id, created_at, updated_at, "caseNo", "receivedOn", "instance") VALUES ('a', ?, ?, '(2025)行初1号', '2025-03-03', '一审')`,
      )
      .run(t, t);
    raw.prepare(`INSERT INTO casefile (id, created_at, updated_at, "unit", "reviewedOn", deleted_at) VALUES ('b', ?, ?, '县局', '2025-05-05', ?)`).run(t, t, t);
    raw.prepare(`INSERT INTO indicators (year, name, value, updated_at) VALUES (2025, '执法人员培训人次', 12, ?)`).run(t);
    raw.close();

    const db = await openDatabase(file, { migrations: MIGRATIONS.slice(0, at + 1) });
    expect(db.pragma('user_version', { simple: true })).toBe(15);
    expect(db.prepare('SELECT id, name, parent_id, path, via FROM units').all()).toEqual([
      { id: 1, name: '某某县人民政府', parent_id: null, path: '/1/', via: null },
    ]);
    // an installation id of its own, 32 hex digits (the source its packages carry)
    expect(db.prepare('SELECT source FROM units WHERE id = 1').pluck().get()).toMatch(/^[0-9a-f]{32}$/);
    expect(db.prepare('SELECT id, unit_id, source_package FROM litigation').all()).toEqual([{ id: 'a', unit_id: 1, source_package: null }]);
    // the 回收站's rows too
    expect(db.prepare('SELECT unit_id, deleted_at FROM casefile').all()).toEqual([{ unit_id: 1, deleted_at: t }]);
    expect(db.prepare('SELECT count(*) FROM unit_packages').pluck().get()).toBe(0);
    // the archive of replaced rows only grows
    db.prepare(`INSERT INTO unit_replaced (at, package_id, unit_id, kind, record_id, reason, row) VALUES (?, 'p', 2, 'litigation', 'x', '替换', '{}')`).run(t);
    expect(() => db.exec('DELETE FROM unit_replaced')).toThrow(/只能追加，不能删除/);
    expect(() => db.exec(`UPDATE unit_replaced SET row = ''`)).toThrow(/只能追加，不能修改/);
    db.close();
  });

  it('without a 单位名称 the own unit is 本单位 until it is named', async () => {
    const file = path.join(tempDir(), 'new.db');
    const db = await openDatabase(file, { create: true });
    expect(db.prepare('SELECT name FROM units WHERE id = 1').pluck().get()).toBe('本单位');
    db.close();
  });
});
