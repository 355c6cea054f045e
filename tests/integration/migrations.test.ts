// Migrations on real files: the committed schema snapshot, declaration ↔ schema agreement, refusal of a file
// from a newer version, the verified backup before migrating, and the append-only audit log.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { startIntegrityCheck } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/safety/open';
import { checkFileInWorker } from '../../electron/core/db/worker';
import { startServer } from '../../electron/server/index';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { freshSchema } from '../../scripts/schema-snapshot';
import { builtSchema, expectedSchema } from '../../electron/core/db/schema';
import { call, tempCore, tempDir } from '../helpers/db';

describe('schema', () => {
  it('matches the committed snapshot (run `npm run schema:snapshot` after adding a migration)', () => {
    // the snapshot and schema-built.json are written together
    const committed = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'schema.sql'), 'utf8');
    expect(freshSchema()).toBe(committed);
  });

  it('the prebuilt newest schema (schema-built.json) is what the migrations make, and opening a file uses it', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'electron', 'core', 'db', 'schema-built.json'), 'utf8'));
    expect(committed).toEqual(builtSchema(MIGRATIONS));
    // used for exactly these migrations, not for a list that differs by one character
    const built = expectedSchema(SCHEMA_VERSION, MIGRATIONS);
    expect([...built.values()]).toEqual(committed.objects);
    const changed = MIGRATIONS.map((m, i) => (i === MIGRATIONS.length - 1 ? { ...m, sql: `${m.sql}\nCREATE TABLE extra_for_test (x);` } : m));
    expect(expectedSchema(SCHEMA_VERSION, changed).has('table\u0000extra_for_test')).toBe(true);
  });

  it('has a column for every field of every ledger declaration, of the right storage class', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS) db.exec(m.sql);
    for (const k of LEDGER_KINDS) {
      const cols = new Map((db.prepare(`PRAGMA table_info(${k})`).all() as { name: string; type: string }[]).map((c) => [c.name, c.type]));
      for (const f of LEDGERS[k].fields) {
        const want = f.type === 'int' || f.type === 'bool' ? 'INTEGER' : f.type === 'decimal' ? 'REAL' : 'TEXT';
        expect(cols.get(f.key), `${k}.${f.key}`).toBe(want);
      }
    }
    db.close();
  });

  it('migration versions are 1..N in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
});

describe('opening a data file', () => {
  it('refuses a file from a newer version, naming both versions, and leaves it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'future.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    db.close();
    const before = fs.readFileSync(file);
    await expect(openDatabase(file)).rejects.toThrow(new RegExp(`结构版本为 ${SCHEMA_VERSION + 3}.*只支持到版本 ${SCHEMA_VERSION}`));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('never creates an empty file in place of a missing one unless asked', async () => {
    const file = path.join(tempDir(), 'gone.db');
    await expect(openDatabase(file)).rejects.toThrow(/找不到数据文件/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('backs up (verified) before migrating an older file, then migrates it keeping its data', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '迁移前的事项', sponsor: '县发改局', receivedOn: '2025-01-06' } });
    const file = core.file;
    core.close();
    const next = { version: SCHEMA_VERSION + 1, name: '测试用新增列', sql: 'ALTER TABLE decision ADD COLUMN "testOnly" TEXT;' };
    const db = await openDatabase(file, { migrations: [...MIGRATIONS, next] });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT title FROM decision').pluck().all()).toEqual(['迁移前的事项']);
    db.close();
    const dir = path.join(path.dirname(file), 'backups');
    const backups = fs.readdirSync(dir);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`升级前-v${SCHEMA_VERSION}\\.db$`));
    const copy = new Database(path.join(dir, backups[0]), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(copy.prepare('SELECT title FROM decision').pluck().all()).toEqual(['迁移前的事项']);
    copy.close();
  });

  it('a failing migration changes nothing: its transaction is rolled back', async () => {
    const core = await tempCore();
    const file = core.file;
    core.close();
    const broken = { version: SCHEMA_VERSION + 1, name: '坏迁移', sql: 'ALTER TABLE decision ADD COLUMN "x" TEXT; SELECT * FROM no_such_table;' };
    await expect(openDatabase(file, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect((db.prepare('PRAGMA table_info(decision)').all() as { name: string }[]).some((c) => c.name === 'x')).toBe(false);
    db.close();
  });
});

describe('audit log', () => {
  it('is append-only: the database refuses to change or delete an entry', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '审计测试', sponsor: '县发改局', receivedOn: '2025-01-06' } });
    expect(() => core.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/只能追加/);
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow(/只能追加/);
    core.close();
  });
});

describe('damage on start-up', () => {
  it('is reported with the latest backup to restore; nothing is created or deleted', async () => {
    const core = await tempCore();
    for (let i = 0; i < 200; i++)
      await call(core, 'ledger.create', { kind: 'decision', values: { title: `事项${i}`.repeat(20), sponsor: '县局', receivedOn: '2025-03-03' } });
    await call(core, 'backup.create', {});
    const file = core.file;
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    // Scribble over pages in the middle of the file.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xab), 0, 4096 * 3, 4096 * 4);
    fs.closeSync(fd);
    const before = fs.readdirSync(path.dirname(file)).sort();
    const err = await openDatabase(file, { quickCheck: true }).catch((e) => e);
    expect(err.code).toBe('INTEGRITY');
    expect(err.message).toMatch(/数据文件已损坏.*最近的备份是 .*手动\.db/);
    expect((err.details as { backups: unknown[] }).backups).toHaveLength(1);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(before);
  });

  it('found by the background check of browser mode: the page is told through app.info, nothing is deleted', async () => {
    const core = await tempCore();
    for (let i = 0; i < 200; i++)
      await call(core, 'ledger.create', { kind: 'decision', values: { title: `事项${i}`.repeat(20), sponsor: '县局', receivedOn: '2025-03-03' } });
    await call(core, 'backup.create', {});
    const file = core.file;
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    expect(await checkFileInWorker(file, true)).toEqual([]);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xab), 0, 4096 * 3, 4096 * 4);
    fs.closeSync(fd);
    // SQLite's own -wal/-shm companions come and go with connections, and the damaged read is written to the
    // program's log (logs/); every other file must stay
    const files = () =>
      fs
        .readdirSync(path.dirname(file))
        .filter((f) => !/-(wal|shm)$/.test(f) && f !== 'logs')
        .sort();
    const before = files();
    expect((await checkFileInWorker(file, false)).length).toBeGreaterThan(0);

    const warnings: string[] = [];
    const srv = await startServer({ db: file, rendererDir: path.dirname(file), autoBackup: false, onWarning: (m) => warnings.push(m) });
    try {
      // the worker's verdict arrives on its own, without any call touching the damaged pages
      await expect.poll(() => srv.core.integrity.state, { timeout: 20_000 }).toBe('damaged');
      expect(srv.core.integrity.message).toMatch(/数据文件已损坏.*最近的备份是 .*手动\.db/);
      expect(warnings.join('')).toMatch(/数据文件已损坏/);
      // a call that reads a damaged page says so in the same words instead of an internal error
      const r = await dispatch(srv.core, 'app.info', {});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INTEGRITY');
        expect(r.error.message).toMatch(/数据文件已损坏.*最近的备份是 .*手动\.db/);
      }
    } finally {
      await srv.close();
    }
    expect(files()).toEqual(before);
  });

  it('a sound file is reported sound by the background check', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '检查', sponsor: '县局', receivedOn: '2025-03-03' } });
    expect((await call(core, 'app.info', {})).integrity.state).toBe('unchecked');
    expect(await startIntegrityCheck(core)).toEqual({ state: 'ok' });
    expect((await call(core, 'app.info', {})).integrity.state).toBe('ok');
    core.close();
  });
});
