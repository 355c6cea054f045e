// Migration 13 (issue 18 item 4, 电子卷宗; DOMAIN §11): attachments of any record. Written out in full; released
// migrations are never edited.
//
// A row describes one file attached to one record: the file itself is kept outside the database, beside the
// data file, under its SHA-256 (core/attachments.ts: `<数据文件名>.files/ab/cdef…`), so the same scan attached
// twice is stored once and a backup copies each content once. Rows are soft-deleted like records (deleted_at:
// the 回收站); the content stays even when no row refers to it any more. `sort_order` is the order within the
// record's 卷 (正卷/副卷), which the 卷内目录 and the 归档包 follow.
export const attachments = /* sql */ `
CREATE TABLE attachments (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('normative', 'decision', 'contract', 'reconsideration', 'litigation', 'casefile')),
  record_id TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size INTEGER NOT NULL CHECK (size > 0),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  role TEXT NOT NULL,
  volume TEXT NOT NULL CHECK (volume IN ('正卷', '副卷')),
  sort_order INTEGER NOT NULL,
  note TEXT,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX attachments_record ON attachments (kind, record_id, volume, sort_order) WHERE deleted_at IS NULL;
CREATE INDEX attachments_sha256 ON attachments (sha256);
`;
