// The schema a data file of a given version must have: exactly what migrations 1..N create, nothing more.
//
// A data file is a program as well as data: a trigger or a view in it runs whenever the app writes. A backup
// crafted with one extra trigger (say, AFTER INSERT ON audit_log … DELETE a row) would pass integrity_check,
// be restored, and then quietly delete records and hide its own audit entries. So before a file is opened (app,
// browser mode, CLI) or restored, its sqlite_master must equal, object for object, the schema that migrations
// 1..N build on an empty in-memory database (built once per version and migration list, then cached: a few
// milliseconds, see tests/integration/schema-check.test.ts). Reading sqlite_master of a 1,000,000-row file is
// a few hundred rows, so the check costs nothing at start-up.
//
// Compared: type, name, tbl_name and the SQL text with runs of whitespace made one space (SQLite keeps the text
// as written; a build whose sources were checked out with CRLF line ends must still open its own files).
// Two kinds of objects SQLite writes itself rather than our SQL are treated apart: the shadow tables of an FTS5
// index are not compared at all (which ones exist and their column lists follow the SQLite version that created
// the index, and an upgrade of better-sqlite3 must not make every existing file unopenable; they hold no code),
// and the automatic indexes (sql IS NULL) are compared by presence. Triggers, views, indexes and tables of our
// own are compared in full. The statistics tables
// (sqlite_stat1..4) are ignored: ANALYZE may make them and they hold no code.

import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Migration } from './migrations';
import built from './schema-built.json';

export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const TYPE_LABEL: Record<string, string> = { table: '表', index: '索引', trigger: '触发器', view: '视图' };

const FTS5_SHADOW = ['data', 'idx', 'content', 'docsize', 'config'];

export function normalizeSql(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/g, ' ').trim();
}

/** Every object of the main schema but the statistics tables, as stored. */
export function schemaObjects(db: Database.Database): SchemaObject[] {
  return db
    .prepare(`SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE NOT (type = 'table' AND name GLOB 'sqlite_stat[1-4]') ORDER BY type, name`)
    .all() as SchemaObject[];
}

const cache = new Map<string, Map<string, SchemaObject>>();
/** the same list asked again (the app's MIGRATIONS at every open): found without rebuilding the content key */
const byList = new WeakMap<readonly Migration[], Map<number, Map<string, SchemaObject>>>();

/**
 * The objects migrations 1..version of `migrations` create, keyed by type and name, their SQL already
 * normalised (normalizeSql). Cached by the migrations' content, so a test's copy of the list shares the entry.
 */
export function expectedSchema(version: number, migrations: readonly Migration[]): Map<string, SchemaObject> {
  const perVersion = byList.get(migrations) ?? new Map<number, Map<string, SchemaObject>>();
  byList.set(migrations, perVersion);
  const known = perVersion.get(version);
  if (known) return known;
  const upTo = migrations.filter((m) => m.version <= version);
  const key = upTo.map((m) => `${m.version}\u0000${m.sql}`).join('\u0001');
  let objects = cache.get(key) ?? prebuilt(key);
  if (!objects) {
    const mem = new Database(':memory:');
    try {
      for (const m of upTo) mem.exec(m.sql);
      objects = new Map(schemaObjects(mem).map((o) => [`${o.type}\u0000${o.name}`, { ...o, sql: normalizeSql(o.sql) }]));
    } finally {
      mem.close();
    }
    cache.set(key, objects);
  }
  perVersion.set(version, objects);
  return objects;
}

/** The key of a migration list's content, as schema-built.json records it. */
function schemaKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * The schema of the newest migrations as `npm run schema:snapshot` built it (schema-built.json, committed beside
 * this file; tests/integration/migrations.test.ts fails when it is stale): opening a file of the current version
 * reads it instead of running every migration on an empty database, ~40 ms of each CLI command at 1,000,000 rows
 * (issue 16). Used only when its key is the hash of exactly these migrations; otherwise they are run as before.
 * It is part of the program, like the migrations it stands for: the same trust as the code.
 */
function prebuilt(key: string): Map<string, SchemaObject> | undefined {
  if (built.key !== schemaKey(key)) return undefined;
  return new Map(built.objects.map((o) => [`${o.type}\u0000${o.name}`, o]));
}

/** What schema-built.json holds: the key of the migrations and the objects they make (SQL normalised). */
export function builtSchema(migrations: readonly Migration[]): { key: string; version: number; objects: SchemaObject[] } {
  const version = Math.max(...migrations.map((m) => m.version));
  const mem = new Database(':memory:');
  try {
    for (const m of migrations) mem.exec(m.sql);
    return {
      key: schemaKey(migrations.map((m) => `${m.version}\u0000${m.sql}`).join('\u0001')),
      version,
      objects: schemaObjects(mem).map((o) => ({ ...o, sql: normalizeSql(o.sql) })),
    };
  } finally {
    mem.close();
  }
}

function label(o: SchemaObject): string {
  return `${TYPE_LABEL[o.type] ?? o.type}“${o.name}”`;
}

/**
 * A shadow table of one of our FTS5 indexes: FTS5 makes them, and which ones it makes (and their columns) may
 * differ between SQLite versions, so they are neither compared nor counted as missing or extra. They hold no
 * code; a trigger on one is an object of its own and is compared like any other.
 */
function fts5Shadow(o: SchemaObject, expected: Map<string, SchemaObject>): boolean {
  if (o.type !== 'table') return false;
  const m = /^(.*)_([a-z]+)$/.exec(o.name);
  if (!m || !FTS5_SHADOW.includes(m[2])) return false;
  const owner = expected.get(`table\u0000${m[1]}`);
  return !!owner?.sql && /^CREATE VIRTUAL TABLE .* USING fts5\s*\(/i.test(owner.sql);
}

/**
 * How the schema of `db` differs from the one migrations 1..version create: one Chinese phrase per object
 * (我们会创建却缺少的、不会创建却多出的、定义不同的), at most `limit`; [] when they are equal.
 */
export function schemaDifferences(db: Database.Database, version: number, migrations: readonly Migration[], limit = 5): string[] {
  const expected = expectedSchema(version, migrations);
  const actual = new Map(schemaObjects(db).map((o) => [`${o.type}\u0000${o.name}`, o]));
  const out: string[] = [];
  for (const [k, o] of actual) {
    if (fts5Shadow(o, expected)) continue;
    const want = expected.get(k);
    if (!want) out.push(`有本程序不会创建的${label(o)}`);
    else if (o.tbl_name !== want.tbl_name) out.push(`${label(o)}属于“${o.tbl_name}”，应属于“${want.tbl_name}”`);
    // automatic indexes (sql NULL) are SQLite's: their presence is what counts
    else if (want.sql !== null && normalizeSql(o.sql) !== want.sql) out.push(`${label(o)}的定义与本程序创建的不同`);
  }
  for (const [k, o] of expected) if (!actual.has(k) && !fts5Shadow(o, expected)) out.push(`缺少${label(o)}`);
  // the most telling first: objects that run code (triggers, views), then the rest
  const rank = (s: string) => (/触发器|视图/.test(s) ? 0 : 1);
  out.sort((a, b) => rank(a) - rank(b));
  return out.length > limit ? [...out.slice(0, limit), `等 ${out.length} 处`] : out;
}
