// Issue 13 part 5: a data file or backup whose schema is not exactly the one its version has — an extra trigger,
// a trigger with another body, an extra view, a missing index — is refused before it is opened (app, browser
// mode, CLI) or restored, with a Chinese message naming the object; the file is left as it was.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { expectedSchema, schemaDifferences } from '../../electron/core/db/schema';
import { checkRestorable } from '../../electron/core/safety/backups';
import { call, callFail, tempCore, tempDir } from '../helpers/db';
import { fazhi } from '../helpers/cli';

/** A sound data file with a record and a verified backup, closed. */
async function soundFile(): Promise<{ file: string; backup: string }> {
  const core = await tempCore();
  await call(core, 'ledger.create', { kind: 'decision', values: { title: '篡改测试的事项', sponsor: '县发改局', receivedOn: '2025-01-06' } });
  const backup = (await call(core, 'backup.create', {})).file;
  core.close();
  return { file: core.file, backup };
}

function tamper(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

const TAMPERINGS: { what: string; sql: string; named: RegExp }[] = [
  {
    what: 'an added trigger that deletes every new record',
    sql: `CREATE TRIGGER tidy AFTER INSERT ON decision BEGIN DELETE FROM decision WHERE rid = new.rid; END;`,
    named: /有本程序不会创建的触发器“tidy”/,
  },
  {
    what: 'the audit log’s guard with another body (entries can then be deleted)',
    sql: `DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END;`,
    named: /触发器“audit_log_no_delete”的定义与本程序创建的不同/,
  },
  {
    what: 'an extra view',
    sql: `CREATE VIEW all_people AS SELECT applicant FROM reconsideration;`,
    named: /有本程序不会创建的视图“all_people”/,
  },
  {
    what: 'a dropped index',
    sql: `DROP INDEX audit_log_at;`,
    named: /缺少索引“audit_log_at”/,
  },
];

describe('the schema of a file must be exactly the one its version has', () => {
  it('a sound file and a sound backup pass; the expected schema is built in well under 100 ms', async () => {
    const { file, backup } = await soundFile();
    expect(checkRestorable(backup).decision).toBe(1);
    const db = await openDatabase(file);
    expect(schemaDifferences(db, SCHEMA_VERSION, MIGRATIONS)).toEqual([]);
    db.close();
    // not cached: the same migrations with a different text (more newlines) make a new cache entry each time.
    // About 5–7 ms on an idle machine; the best of three, so that a machine busy with other tests does not fail it.
    const times = [1, 2, 3].map((n) => {
      const t = performance.now();
      const objects = expectedSchema(
        SCHEMA_VERSION,
        MIGRATIONS.map((m) => ({ ...m, sql: `${m.sql}${'\n'.repeat(n)}` })),
      );
      expect(objects.size).toBeGreaterThan(100);
      return performance.now() - t;
    });
    expect(Math.min(...times)).toBeLessThan(100);
  });

  for (const t of TAMPERINGS) {
    it(`refuses to open a data file with ${t.what}, naming it, and leaves the file as it was`, async () => {
      const { file } = await soundFile();
      tamper(file, t.sql);
      const before = fs.readFileSync(file);
      const err = await openDatabase(file).catch((e) => e);
      expect(err.code).toBe('SCHEMA');
      expect(err.message).toMatch(t.named);
      expect(err.message).toMatch(/可能被篡改/);
      expect(err.message).toMatch(/最近的备份是 .*手动\.db/);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      // the command line's check says the same
      const r = fazhi('check', '--db', file);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(t.named);
    });

    it(`refuses to restore a backup with ${t.what}: the data in use stays`, async () => {
      const { backup } = await soundFile();
      tamper(backup, t.sql);
      expect(() => checkRestorable(backup)).toThrow(new RegExp(`备份文件中${t.named.source}.*可能被篡改，不能还原`));
      const core = await tempCore();
      try {
        await call(core, 'ledger.create', { kind: 'decision', values: { title: '在用的数据', sponsor: '县局', receivedOn: '2025-02-03' } });
        const e = await callFail(core, 'backup.restore', { file: backup });
        expect(e.code).toBe('SCHEMA');
        expect(e.message).toMatch(t.named);
        expect((await call(core, 'ledger.list', { kind: 'decision' })).rows.map((r) => r.values.title)).toEqual(['在用的数据']);
        // and nothing was set aside as 还原前: the refusal came before anything was touched
        expect((await call(core, 'backup.list', {})).backups).toEqual([]);
      } finally {
        core.close();
      }
    });
  }

  it('the crafted backup of the issue would otherwise delete what is saved: refused by restore on the command line too', async () => {
    const { file, backup } = await soundFile();
    tamper(backup, TAMPERINGS[0].sql);
    const r = fazhi('restore', '--db', file, '--from', backup);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/备份文件中有本程序不会创建的触发器“tidy”.*不能还原/);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM decision').pluck().get()).toBe(1);
    db.close();
  });

  it('whitespace is not a difference: the same trigger written on other lines opens', async () => {
    const { file } = await soundFile();
    const db = new Database(file);
    const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'`).pluck().get() as string;
    db.exec(`DROP TRIGGER audit_log_no_update; ${sql.replace(/ /g, '\r\n  ')};`);
    db.close();
    const opened = await openDatabase(file);
    opened.close();
  });

  it('an older file is checked against its own version, then migrated', async () => {
    const file = path.join(tempDir(), 'v3.db');
    const db = new Database(file);
    for (const m of MIGRATIONS.slice(0, 3)) db.exec(m.sql);
    db.pragma('user_version = 3');
    db.close();
    const opened = await openDatabase(file);
    expect(opened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    opened.close();
    // the same older file with a trigger added is refused at version 3, before any backup or migration
    const file2 = path.join(tempDir(), 'v3.db');
    const db2 = new Database(file2);
    for (const m of MIGRATIONS.slice(0, 3)) db2.exec(m.sql);
    db2.pragma('user_version = 3');
    db2.exec(`CREATE TRIGGER x AFTER INSERT ON contract BEGIN SELECT 1; END;`);
    db2.close();
    const err = await openDatabase(file2).catch((e) => e);
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toMatch(/结构与版本 3 应有的结构不一致：有本程序不会创建的触发器“x”/);
    expect(fs.existsSync(path.join(path.dirname(file2), 'backups'))).toBe(false);
  });

  it('a SQLite file of another program (no version, tables of its own) is not taken for a new ledger', async () => {
    const file = path.join(tempDir(), 'other.db');
    tamper(file, 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);');
    const err = await openDatabase(file, { create: true }).catch((e) => e);
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toMatch(/有本程序不会创建的表“customers”/);
  });
});
