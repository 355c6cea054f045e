// Writes tests/fixtures/schema.sql: the schema a fresh database gets from the migrations.
// A test compares it, so any schema change is a visible, reviewed diff. Run: npm run schema:snapshot
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { migrate } from '../electron/core/db/connection';
import { MIGRATIONS } from '../electron/core/db/migrations';
import { builtSchema } from '../electron/core/db/schema';

export function schemaText(db: Database.Database): string {
  const rows = db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as {
    type: string;
    name: string;
    sql: string;
  }[];
  const version = db.pragma('user_version', { simple: true });
  return `-- schema version ${version}\n${rows.map((r) => `${r.sql};`).join('\n')}\n`;
}

export function freshSchema(): string {
  const db = new Database(':memory:');
  migrate(db);
  const s = schemaText(db);
  db.close();
  return s;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'schema.sql');
  fs.writeFileSync(out, freshSchema());
  console.error(`已写入 ${out}`);
  // the newest schema, prebuilt for opening files (electron/core/db/schema.ts prebuilt)
  const built = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'electron', 'core', 'db', 'schema-built.json');
  fs.writeFileSync(built, `${JSON.stringify(builtSchema(MIGRATIONS), null, 1)}\n`);
  console.error(`已写入 ${built}`);
}
