// The search index's text for a row, as SQL, and the search triggers of today's shape, built from ONE field list.
//
// Every migration that (re)builds a ledger's search triggers names the ledger's search fields once, in a constant
// of its own (released migrations keep theirs: a later change to a declaration must not change what an old
// migration did), and builds every trigger from that list — the insert and the update trigger can then never
// index different fields (forgetting one of them passed the suite before; tests/integration/search-parity.test.ts
// now catches it). tests/integration/migration-steps.test.ts checks the released migrations' text byte for byte.

/** `coalesce(new."a", '') || ' ' || coalesce(new."b", '')`: the fields joined by a space (`row` '' for a plain column). */
export function searchText(fields: readonly string[], row = 'new'): string {
  const ref = row ? `${row}.` : '';
  return fields.map((f) => `coalesce(${ref}"${f}", '')`).join(` || ' ' || `);
}

/**
 * For a NEW migration that changes a ledger's search fields (a field added with `search: true`): drop and
 * rebuild its insert trigger (which stands aside while an import indexes in one statement, migration 5) and its
 * update trigger (a soft-deleted row leaves the index, a restored one returns, migration 2; it fires only when a
 * searched column or deleted_at changes, migration 9, so re-deriving deadlines does not rewrite the index), both
 * from `fields`.
 * Write the list out in the migration as a constant — not read from the declaration — and run
 * `npm run schema:snapshot`; the schema test checks the declaration agrees with the triggers it leaves behind.
 */
export function rebuildSearchTriggers(kind: string, fields: readonly string[]): string {
  const text = `${searchText(fields)} || ' '`;
  return `DROP TRIGGER ${kind}_fts_ai;
DROP TRIGGER ${kind}_fts_au;
CREATE TRIGGER ${kind}_fts_ai AFTER INSERT ON ${kind} WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = '${kind}') BEGIN
  INSERT INTO ${kind}_fts (rowid, body) VALUES (new.rid, ${text});
END;
CREATE TRIGGER ${kind}_fts_au AFTER UPDATE OF ${fields.map((f) => `"${f}"`).join(', ')}, deleted_at ON ${kind} BEGIN
  DELETE FROM ${kind}_fts WHERE rowid = old.rid;
  INSERT INTO ${kind}_fts (rowid, body) SELECT new.rid, ${text} WHERE new.deleted_at IS NULL;
END;
`;
}
