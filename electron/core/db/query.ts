// Kysely as a query builder only: queries are compiled here and run synchronously on the better-sqlite3
// connection, so a write transaction (better-sqlite3's `db.transaction`) can never interleave with anything.
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';
import type { LedgerKind } from '../../domain/fields';
import type { Db } from './connection';

// Typed by the ledger declarations (docs/decisions.md "Kysely: typed, for the queries the declarations shape"):
// one table per ledger kind, with the bookkeeping columns every ledger table has (migration 1) and one column per
// declared field (FieldDef.key; `<key>_sort` for a field with a sortKey). The field columns' names are data of the
// declaration, read at run time, so they are typed by what SQLite stores for a field — text, a number or NULL —
// and the declaration is checked against the file by the schema snapshot test.
interface LedgerTable {
  rid: number;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  manual: string | null;
  [field: string]: string | number | null;
}

export type Database = { [K in LedgerKind]: LedgerTable };

export const qb = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export function all<T = Record<string, unknown>>(db: Db, q: { compile(): CompiledQuery }): T[] {
  const c = q.compile();
  return db.prepare(c.sql).all(...(c.parameters as unknown[])) as T[];
}

export function first<T = Record<string, unknown>>(db: Db, q: { compile(): CompiledQuery }): T | undefined {
  const c = q.compile();
  return db.prepare(c.sql).get(...(c.parameters as unknown[])) as T | undefined;
}
