// Migration 12 (issue 18, "the case file", 文书 part; DOMAIN §11): the 文书 of a 行政复议 / 行政应诉 case.
// Written out in full; released migrations are never edited.
//
// - `case_doc_templates`: versions of the office's template of each 文书 kind (doc_kind is the 文书's Chinese name,
//   domain/case-docs.ts DOC_KINDS). The newest version of a kind is in use; `text` null and `docx` null means the
//   built-in wording (恢复内置模板); `docx` is the office's own Word file; `no_pattern` the kind's 文号 pattern
//   (null: the built-in one). Versions are only added, never changed, like report_templates (migration 3).
// - `case_docs`: the 文书 log of a case — kind, 文号, 签发人, 签发日期, when and by whom generated, the texts the
//   clerk wrote (inputs, JSON) and the generated .docx itself (content), so the very document sent can be
//   downloaded again. Soft-deleted like records.
// - `case_doc_services`: the 送达 log of a 文书 (受送达人, 方式 直接/邮寄/电子/公告, 日期). Soft-deleted.
// Every write to these tables is audited under the case's record id (electron/core/case-docs.ts).

export const caseDocs = /* sql */ `
CREATE TABLE case_doc_templates (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_kind TEXT NOT NULL,
  text TEXT,
  docx BLOB,
  no_pattern TEXT,
  note TEXT NOT NULL DEFAULT '',
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  CHECK (text IS NULL OR docx IS NULL)
) STRICT;
CREATE INDEX case_doc_templates_kind ON case_doc_templates (doc_kind, version);

CREATE TABLE case_docs (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reconsideration', 'litigation')),
  case_id TEXT NOT NULL,
  doc_kind TEXT NOT NULL,
  doc_no TEXT NOT NULL DEFAULT '',
  signer TEXT NOT NULL DEFAULT '',
  signed_on TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  inputs TEXT NOT NULL DEFAULT '{}',
  template_version INTEGER,
  file_name TEXT NOT NULL,
  content BLOB NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX case_docs_case ON case_docs (kind, case_id, generated_at) WHERE deleted_at IS NULL;

CREATE TABLE case_doc_services (
  id TEXT PRIMARY KEY NOT NULL,
  doc_id TEXT NOT NULL REFERENCES case_docs (id),
  kind TEXT NOT NULL CHECK (kind IN ('reconsideration', 'litigation')),
  case_id TEXT NOT NULL,
  recipient TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
  method TEXT NOT NULL CHECK (method IN ('直接', '邮寄', '电子', '公告')),
  served_on TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX case_doc_services_case ON case_doc_services (kind, case_id, doc_id) WHERE deleted_at IS NULL;
`;
