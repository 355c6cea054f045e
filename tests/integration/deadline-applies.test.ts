// A deadline's `applies` (TypeScript, read on each group of the board) and its `appliesSql` (the board's WHERE, which
// leaves rows out before they are grouped) must pick the same rows. For every deadline that has both, rows are written
// through the repository with every value its `reads` fields can take — each option, true/false, dates, empty and
// missing — and the SQL's rows are compared with the TypeScript's, in a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { fromDbRow, insertRow } from '../../electron/core/db/ledger-repo';
import type { FieldDef, LedgerKind, Row } from '../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { tempCore } from '../helpers/db';

const N = 300;
let seed = 29;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** The values a field can hold, as the form or an import would write them (and null). */
function valuesOf(f: FieldDef): unknown[] {
  switch (f.type) {
    case 'date':
      return ['2025-03-01', '2024-12-31', null];
    case 'bool':
      return [true, false, null];
    case 'enum':
      return [...(f.options ?? []), null];
    case 'multiEnum':
      return [[], [f.options![0]], null];
    case 'int':
    case 'decimal':
      return [0, 1, null];
    default:
      return ['甲', null];
  }
}

const withSql = LEDGER_KINDS.flatMap((kind) => LEDGERS[kind].deadlines.filter((d) => d.appliesSql).map((d) => ({ kind, d })));
let core: Core;

beforeAll(async () => {
  core = await tempCore();
  const at = '2025-06-01T00:00:00.000Z';
  core.db.transaction(() => {
    for (const { kind, d } of withSql) {
      const def = LEDGERS[kind];
      for (let i = 0; i < N; i++) {
        const row: Row = {};
        for (const k of d.reads ?? []) row[k] = pick(valuesOf(def.fields.find((f) => f.key === k)!)) as Row[string];
        insertRow(core.db, def, `${kind}-${d.field}-${i}`, row, [], at);
      }
    }
  })();
});
afterAll(() => core.close());

describe('appliesSql picks the rows applies picks', () => {
  it('has deadlines to check', () => expect(withSql.length).toBeGreaterThanOrEqual(6));
  for (const { kind, d } of withSql) {
    it(`${kind}.${d.field}`, () => {
      const def = LEDGERS[kind as LedgerKind];
      const prefix = `${kind}-${d.field}-%`;
      const all = core.db.prepare(`SELECT * FROM ${kind} WHERE id LIKE ?`).all(prefix) as Record<string, unknown>[];
      expect(all.length).toBe(N);
      const ts = all
        .map((r) => fromDbRow(def, r))
        .filter((s) => d.applies!(s.values))
        .map((s) => s.id)
        .sort();
      const sql = (core.db.prepare(`SELECT id FROM ${kind} WHERE id LIKE ? AND (${d.appliesSql})`).pluck().all(prefix) as string[]).sort();
      expect(sql).toEqual(ts);
      // both kinds of row are there: the check can fail either way
      expect(ts.length).toBeGreaterThan(0);
      expect(ts.length).toBeLessThan(N);
    });
  }
});
