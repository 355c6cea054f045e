// Kysely as a query builder only: queries are compiled here and run synchronously on the better-sqlite3
// connection, so a write transaction (better-sqlite3's `db.transaction`) can never interleave with anything.
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';
import type { Db } from './connection';

// Ledger tables have columns named by the declaration, so rows are loosely typed here and the declaration is
// the source of truth for their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Record<string, any>;

export const qb = new Kysely<AnyDb>({
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
