// Migration 15 (issue 20): units (填报单位) and the 数据包 that lower units send up. Additive only: other
// engineers change the ledger tables at the same time (migration 14: users/承办人), so each ledger gets two new
// columns and one index, nothing else.
//
// - `units`: the tree 市 → 县/区 → 部门/乡镇 the upper level maintains. Row 1 is always this installation's own
//   unit (its `source` is this installation's id, made here at random); `path` is the ids from the root,
//   `/1/5/23/`, so a unit's subtree is one prefix range. `uid` names a unit across installations (a sub-unit
//   that came in a county's package keeps the county's uid for it); `code` is the optional 统一社会信用代码.
//   `via`: the unit whose package brought this one (it is maintained at that level, not here).
// - Every ledger row belongs to a unit: `unit_id` (DEFAULT 1: existing rows and everything entered here are the
//   own unit's), `source_package` (the package a received row came in; NULL for own rows). Received rows are
//   read-only at this level (core/units.ts, records.ts).
// - `unit_packages`: one row per package received (manifest kept whole); `unit_indicators`/`unit_materials`: the
//   年度指标 and 素材 of received units (the own unit's stay in `indicators`/`materials`, whose keys cannot grow
//   a unit column without rebuilding them); `unit_replaced`: every row a package replaced or removed, as it was
//   (never delete user data without trace); `unit_sent`: the packages made here (上报 status of the own unit).

import type Database from 'better-sqlite3';

const KINDS = {
  normative: 'receivedOn',
  decision: 'receivedOn',
  contract: 'receivedOn',
  reconsideration: 'receivedOn',
  litigation: 'receivedOn',
  casefile: 'reviewedOn',
} as const;

export const units = /* sql */ `
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  code TEXT,
  parent_id INTEGER REFERENCES units (id),
  path TEXT NOT NULL,
  upper TEXT,
  source TEXT,
  via INTEGER REFERENCES units (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((id = 1) = (parent_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX units_code ON units (code) WHERE code IS NOT NULL;
CREATE INDEX units_parent ON units (parent_id, name);
CREATE INDEX units_path ON units (path);
INSERT INTO units (id, uid, name, parent_id, path, source, created_at, updated_at)
  VALUES (1, lower(hex(randomblob(16))), '本单位', NULL, '/1/', lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

${Object.entries(KINDS)
  .map(
    ([kind, date]) => `ALTER TABLE ${kind} ADD COLUMN unit_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ${kind} ADD COLUMN source_package TEXT;
CREATE INDEX ${kind}_unit ON ${kind} (unit_id, "${date}") WHERE deleted_at IS NULL;`,
  )
  .join('\n')}

CREATE TABLE unit_packages (
  id TEXT PRIMARY KEY NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  source TEXT NOT NULL,
  year_from INTEGER NOT NULL,
  year_to INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  app_version TEXT NOT NULL,
  made_at TEXT NOT NULL,
  last_change TEXT,
  rows INTEGER NOT NULL,
  hash TEXT NOT NULL,
  manifest TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL
) STRICT;
CREATE INDEX unit_packages_unit ON unit_packages (unit_id, year_from, year_to);

CREATE TABLE unit_indicators (
  unit_id INTEGER NOT NULL REFERENCES units (id),
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  updated_at TEXT NOT NULL,
  source_package TEXT NOT NULL,
  PRIMARY KEY (unit_id, year, name)
) STRICT;
CREATE INDEX unit_indicators_year ON unit_indicators (year, name);

CREATE TABLE unit_materials (
  unit_id INTEGER NOT NULL REFERENCES units (id),
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  source_package TEXT NOT NULL,
  PRIMARY KEY (unit_id, year, name)
) STRICT;

CREATE TABLE unit_replaced (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  package_id TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('替换', '移除')),
  row TEXT NOT NULL
) STRICT;
CREATE INDEX unit_replaced_unit ON unit_replaced (unit_id, at);
CREATE TRIGGER unit_replaced_no_update BEFORE UPDATE ON unit_replaced BEGIN
  SELECT RAISE(ABORT, '被替换记录的存档只能追加，不能修改');
END;
CREATE TRIGGER unit_replaced_no_delete BEFORE DELETE ON unit_replaced BEGIN
  SELECT RAISE(ABORT, '被替换记录的存档只能追加，不能删除');
END;

CREATE TABLE unit_sent (
  id TEXT PRIMARY KEY NOT NULL,
  year_from INTEGER NOT NULL,
  year_to INTEGER NOT NULL,
  made_at TEXT NOT NULL,
  rows INTEGER NOT NULL,
  hash TEXT NOT NULL,
  made_by TEXT NOT NULL
) STRICT;
`;

/** The own unit takes the office's 单位名称 when one is set (the report already names the office by it). */
export function ownUnitName(db: Database.Database): void {
  const r = db.prepare(`SELECT value FROM settings WHERE key = '单位名称'`).pluck().get() as string | undefined;
  if (r === undefined) return;
  let name: unknown;
  try {
    name = JSON.parse(r);
  } catch {
    return;
  }
  if (typeof name === 'string' && name.trim()) db.prepare('UPDATE units SET name = ? WHERE id = 1').run(name.trim());
}
