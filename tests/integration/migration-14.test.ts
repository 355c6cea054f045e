// Migration 14 (issue 19, office mode) on rows written at the version before it with raw SQL: records, their
// search index and the audit log are untouched; the new columns (audit_log.user, 协办人) are empty, the accounts
// table is empty (the host's first start then asks for the administrator), and the audit log stays append-only.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { tempDir } from '../helpers/db';

describe('migration 14: accounts, audit user, 协办人', () => {
  it('keeps the records and the audit log, adds empty columns and an empty accounts table', async () => {
    const before = Math.max(...MIGRATIONS.filter((m) => m.version < 14).map((m) => m.version));
    const file = path.join(tempDir(), `v${before}.db`);
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.filter((x) => x.version <= before)) {
      raw.exec(m.sql);
      m.run?.(raw);
      raw.pragma(`user_version = ${m.version}`);
    }
    raw
      .prepare(`INSERT INTO decision (id, created_at, updated_at, "title", "sponsor", "receivedOn", "handler") VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run('raw-1', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z', '迁移前的决策', '县局', '2025-01-02', '王承办');
    raw
      .prepare('INSERT INTO audit_log (at, actor, action, kind, record_id, summary) VALUES (?, ?, ?, ?, ?, ?)')
      .run('2025-01-02T03:04:05.000Z', 'clerk', '新建', 'decision', 'raw-1', '迁移前');
    raw.close();

    const db = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 14) });
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    expect(db.prepare('SELECT title, handler, "coHandler" FROM decision WHERE id = ?').get('raw-1')).toEqual({
      title: '迁移前的决策',
      handler: '王承办',
      coHandler: null,
    });
    for (const k of ['normative', 'decision', 'contract', 'reconsideration', 'litigation', 'casefile']) {
      expect((db.prepare(`PRAGMA table_info(${k})`).all() as { name: string }[]).map((c) => c.name)).toContain('coHandler');
    }
    expect(db.prepare('SELECT actor, summary, user FROM audit_log').all()).toEqual([{ actor: 'clerk', summary: '迁移前', user: null }]);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
    // the search still finds the row by its handler
    expect(db.prepare(`SELECT count(*) FROM decision_fts WHERE decision_fts MATCH '"王承办"'`).pluck().get()).toBe(1);
    expect(() => db.prepare('UPDATE audit_log SET user = ?').run('x')).toThrow(/只能追加/);
    // an account: the role is checked by the table itself
    const ins = db.prepare("INSERT INTO users (login, name, role, password, created_at, updated_at) VALUES (?, ?, ?, 'scrypt$x', '2025', '2025')");
    ins.run('wang', '王承办', '承办人');
    expect(() => ins.run('WANG', '重名', '承办人')).toThrow(/UNIQUE/);
    expect(() => ins.run('li', '李', '超级用户')).toThrow(/CHECK/);
    db.close();
  });
});
