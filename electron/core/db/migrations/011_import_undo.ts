// Migration 11 (issue 16): an import undoes itself, instead of a full backup of the file before it (11 s at
// 1,000,000 rows, blocking the import). Written out in full; released migrations are never edited.
//
// - `imports`: one row per import that wrote something (a ledger or a yearly table): what, from which file, when,
//   by whom, how many rows it inserted and updated, and when and by whom it was undone (NULL: not undone).
//   `rid_from`/`rid_to`: the rows a ledger import inserted are those of rids in (rid_from, rid_to] created at `at`
//   (one transaction inserts them one after another); no row a record for them (50,000 more B-tree inserts).
// - `import_rows`: what an import changed that was there before, so undo can put it back
//   (electron/core/import-undo.ts). `record_id` is the record's id (a ledger) or `year<TAB>name` (年度指标, 年度素材);
//   `version` the record's version right after the import (a ledger: a later edit moves it on, and undo is then
//   refused, naming the row); `before` the JSON of what the import replaced ({values, manual} of a ledger record,
//   {value} of a yearly row; NULL: a yearly row the import added). WITHOUT ROWID: the primary key is its only index.
export const importUndo = /* sql */ `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  rid_from INTEGER,
  rid_to INTEGER,
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
