// Migration 11 (issue 16): an import undoes itself, instead of a full backup of the file before it (11 s at
// 1,000,000 rows, blocking the import). Written out in full; released migrations are never edited.
//
// - `imports`: one row per import that wrote something (a ledger or a yearly table): what, from which file, when,
//   by whom, how many rows it inserted and updated, and when and by whom it was undone (NULL: not undone).
// - `import_rows`: what each import wrote, so undo can take it back (electron/core/import-undo.ts). `record_id` is
//   the record's id (a ledger) or `year<TAB>name` (年度指标, 年度素材); `version` the record's version right after
//   the import (a ledger: a later edit moves it on, and undo is then refused, naming the row); `before` NULL for a
//   row the import inserted, else the JSON of what the import replaced ({values, manual} of a ledger record,
//   {value} / {content} of a yearly row) — undo puts it back. WITHOUT ROWID: the primary key is the only index,
//   one B-tree insert a row (≈1 µs; a 50,000-row import writes 50,000 of these).
export const importUndo = /* sql */ `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  undone_at TEXT,
  undone_by TEXT
) STRICT;

CREATE TABLE import_rows (
  import_id INTEGER NOT NULL REFERENCES imports (id),
  record_id TEXT NOT NULL,
  version INTEGER,
  before TEXT,
  PRIMARY KEY (import_id, record_id)
) STRICT, WITHOUT ROWID;
`;
