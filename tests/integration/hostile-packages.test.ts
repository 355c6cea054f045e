// Hostile and damaged 数据包 (issue 20), made here from a good package: each received through the command line in a
// child process (`node bin/fazhi.js receive`, as a user runs it, under the data-file lock) must end with exit 1, a
// Chinese refusal naming what is wrong, no stack trace, a peak RSS under 1 GB and under 20 s; and the receiving
// data file must be exactly as it was. The same refusals through the API: tests/integration/units.test.ts.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { contentHash, MANIFEST_KEY } from '../../electron/core/units-package';
import { call, tempCore, tempDir } from '../helpers/db';

const root = path.resolve(__dirname, '..', '..');
const RSS = pathToFileURL(path.join(root, 'tests/hostile/rss.mjs')).href;
const dir = tempDir('fazhi-hostile-pkg-');
let good = '';
let county = '';
let other = '';

function run(args: string[], rssFile: string): Promise<{ code: number | null; stderr: string; rssKb: number; ms: number }> {
  const t = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', RSS, 'bin/fazhi.js', ...args],
      { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOSTILE_RSS_FILE: rssFile } },
      (e, _out, stderr) => {
        const u = fs.existsSync(rssFile) ? (JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRssKb: number }) : { maxRssKb: NaN };
        resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stderr, rssKb: u.maxRssKb, ms: performance.now() - t });
      },
    );
  });
}

/** Every table the receiving file holds, as rows: what a refused package must leave untouched. */
function contents(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}"`).all()));
  } finally {
    db.close();
  }
}

/** A copy of the good package changed by `fn` (SQL on the copy). */
function crafted(name: string, fn: (db: Database.Database) => void): string {
  const f = path.join(dir, name);
  fs.copyFileSync(good, f);
  const db = new Database(f);
  fn(db);
  db.close();
  return f;
}

const manifestOf = (db: Database.Database) =>
  JSON.parse(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MANIFEST_KEY) as string) as Record<string, unknown>;
const setManifest = (db: Database.Database, m: Record<string, unknown>) =>
  db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(m), MANIFEST_KEY);

beforeAll(async () => {
  const dept = await tempCore();
  await call(dept, 'settings.update', { patch: { 单位名称: '某县交通运输局' } });
  for (let i = 1; i <= 3; i++) {
    await call(dept, 'ledger.create', {
      kind: 'litigation',
      values: { caseNo: `(2025)交行初${i}号`, instance: '一审', plaintiff: `原告${i}`, defendant: '某县交通运输局', receivedOn: '2025-03-10' },
    });
  }
  const r = await call(dept, 'units.package', { from: 2025, to: 2025 });
  good = path.join(dir, 'good.fzpkg');
  fs.writeFileSync(good, Buffer.from(r.content, 'base64'));
  dept.close();
  const c = await tempCore();
  await call(c, 'settings.update', { patch: { 单位名称: '某县人民政府' } });
  await call(c, 'units.add', { name: '某县交通运输局', parentId: 1 });
  county = c.file;
  c.close();
  // a county whose tree lacks the department
  const o = await tempCore();
  other = o.file;
  o.close();
});

const CASES: { name: string; make: () => string; expect: RegExp; db?: () => string }[] = [
  {
    name: 'newer-schema',
    make: () => crafted('newer-schema.fzpkg', (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)),
    expect: /更新版本的法治台账制作（结构版本/,
  },
  {
    name: 'newer-app',
    make: () => crafted('newer-app.fzpkg', (db) => setManifest(db, { ...manifestOf(db), appVersion: '99.0.0' })),
    expect: /更新版本的法治台账（99\.0\.0）制作/,
  },
  {
    name: 'extra-trigger',
    make: () => crafted('extra-trigger.fzpkg', (db) => db.exec(`CREATE TRIGGER t AFTER INSERT ON litigation BEGIN DELETE FROM audit_log; END;`)),
    expect: /触发器“t”/,
  },
  { name: 'extra-view', make: () => crafted('extra-view.fzpkg', (db) => db.exec(`CREATE VIEW v AS SELECT * FROM litigation`)), expect: /视图“v”/ },
  {
    name: 'tampered-row',
    make: () => crafted('tampered-row.fzpkg', (db) => db.exec(`UPDATE litigation SET plaintiff = '改过'`)),
    expect: /内容校验值与清单不符/,
  },
  {
    name: 'rehashed-out-of-range',
    // a row moved outside the package's years, manifest hash made again to match: still refused
    make: () =>
      crafted('rehashed.fzpkg', (db) => {
        db.exec(`UPDATE litigation SET "receivedOn" = '2019-01-01' WHERE rowid = (SELECT min(rowid) FROM litigation)`);
        setManifest(db, { ...manifestOf(db), hash: contentHash(db) });
      }),
    expect: /不在所报年度内/,
  },
  { name: 'manifest-counts', make: () => crafted('counts.fzpkg', (db) => setManifest(db, { ...manifestOf(db), rows: 3_000_000 })), expect: /记录过多/ },
  {
    name: 'manifest-garbage',
    make: () => crafted('garbage.fzpkg', (db) => db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('{"format":', MANIFEST_KEY)),
    expect: /清单不是有效的 JSON/,
  },
  {
    name: 'truncated',
    make: () => {
      const f = path.join(dir, 'truncated.fzpkg');
      const b = fs.readFileSync(good);
      fs.writeFileSync(f, b.subarray(0, Math.floor(b.length / 3)));
      return f;
    },
    expect: /损坏|不完整|校验/,
  },
  {
    name: 'flipped-bytes',
    make: () => {
      const f = path.join(dir, 'flipped.fzpkg');
      const b = Buffer.from(fs.readFileSync(good));
      for (let i = 4096; i < b.length; i += 997) b[i] ^= 0xff;
      fs.writeFileSync(f, b);
      return f;
    },
    expect: /损坏|校验|不一致|不对/,
  },
  { name: 'empty', make: () => (fs.writeFileSync(path.join(dir, 'empty.fzpkg'), ''), path.join(dir, 'empty.fzpkg')), expect: /0 字节/ },
  {
    name: 'zip',
    make: () => (fs.writeFileSync(path.join(dir, 'zip.fzpkg'), Buffer.from('PK\u0003\u0004\u0014\u0000')), path.join(dir, 'zip.fzpkg')),
    expect: /不是法治台账的数据包/,
  },
  {
    name: 'oversized',
    make: () => {
      const f = path.join(dir, 'oversized.fzpkg');
      fs.copyFileSync(good, f);
      fs.truncateSync(f, 201 * 1024 * 1024);
      return f;
    },
    expect: /文件过大/,
  },
  {
    name: 'a-backup',
    make: () => crafted('backup.fzpkg', (db) => db.prepare('DELETE FROM settings WHERE key = ?').run(MANIFEST_KEY)),
    expect: /数据文件或备份，不是数据包/,
  },
  { name: 'unit-not-in-tree', make: () => good, db: () => other, expect: /“某县交通运输局”不在本级的单位树中/ },
];

describe('hostile 数据包: refused in Chinese, bounded, nothing changed', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_n, c) => {
      const file = c.make();
      const db = c.db?.() ?? county;
      const before = contents(db);
      const r = await run(['receive', '--db', db, '--package', file], path.join(dir, `${c.name}.rss`));
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/数据包不能接收：/);
      expect(r.stderr).toMatch(c.expect);
      expect(r.stderr).toMatch(/本级数据没有任何改动/);
      expect(r.stderr).not.toMatch(/\n\s+at |Error:|FATAL/);
      expect(r.rssKb).toBeLessThan(1024 * 1024);
      expect(r.ms).toBeLessThan(20_000);
      expect(contents(db)).toBe(before);
    },
    60_000,
  );

  it('the good package is received (the corpus is made from a package that passes)', async () => {
    const r = await run(['receive', '--db', county, '--package', good], path.join(dir, 'good.rss'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/已接收：新增 3/);
  });
});
