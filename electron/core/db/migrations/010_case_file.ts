// Migration 10 (issue 18, "the case file", first part; DOMAIN §11): the facts of a 行政复议 / 行政应诉 case file.
// Written out in full; released migrations are never edited.
//
// - Plain dated facts of the case are columns of the case's own table (one declaration drives form, table,
//   import/export): 被申请行为, 复议请求, 事实和理由, 补正, 副本发送, 答复, 听证, 延期, 决定书送达; 诉讼请求, 裁判文书
//   收到日, 上诉期限, 上诉提交日. The derived due dates (补正期限, 副本发送期限, 答复期限, 上诉期限) are stored like the
//   existing ones and each has a partial index of open items named `<kind>_open_<field>`, carrying what the
//   deadline board reads, so the board never scans the table (tests/integration/query-plans.test.ts).
// - Lists are child tables keyed by (kind, case_id): `case_parties` (当事人; a 代理人 points at the party it
//   represents) and `case_suspensions` (中止 periods of a 复议 case; 中止天数 is derived from them). Rows are
//   soft-deleted like records (deleted_at) and every write is audited under the case's record id.
// - Search: a case is found by its parties' names through the case's own search index. A column `partyNames`
//   (kept by the party API, never by the form) joins the live parties' names and is indexed after the declared
//   search fields; 复议请求 is a new searched field. Both search triggers are rebuilt from one list each.
//   Existing rows keep their index text (the new fields are empty for them; only trailing spaces would differ).
import { rebuildSearchTriggers } from './search-text';

/** The search fields of the two case ledgers in this migration: declared `search` fields, then `partyNames`. */
const SEARCH_FIELDS = {
  reconsideration: ['caseNo', 'applicant', 'respondent', 'field', 'request', 'handler', 'note', 'partyNames'],
  litigation: ['caseNo', 'priorCaseNo', 'court', 'plaintiff', 'defendant', 'field', 'headName', 'handler', 'note', 'partyNames'],
} as const;

export const caseFile = /* sql */ `
ALTER TABLE reconsideration ADD COLUMN "actName" TEXT;
ALTER TABLE reconsideration ADD COLUMN "actDocNo" TEXT;
ALTER TABLE reconsideration ADD COLUMN "actDate" TEXT;
ALTER TABLE reconsideration ADD COLUMN "request" TEXT;
ALTER TABLE reconsideration ADD COLUMN "factsReasons" TEXT;
ALTER TABLE reconsideration ADD COLUMN "correctionNoticeOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "correctionDueOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "correctedOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "copyDueOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "copySentOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "answerNoticeOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "answerDueOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "answerReceivedOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "hearingOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "hearingPlace" TEXT;
ALTER TABLE reconsideration ADD COLUMN "extensionApprovedOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "extensionDays" INTEGER CHECK ("extensionDays" BETWEEN 1 AND 30);
ALTER TABLE reconsideration ADD COLUMN "servedOn" TEXT;
ALTER TABLE reconsideration ADD COLUMN "partyNames" TEXT;
ALTER TABLE litigation ADD COLUMN "claims" TEXT;
ALTER TABLE litigation ADD COLUMN "judgmentReceivedOn" TEXT;
ALTER TABLE litigation ADD COLUMN "appealDueOn" TEXT;
ALTER TABLE litigation ADD COLUMN "appealFiledOn" TEXT;
ALTER TABLE litigation ADD COLUMN "partyNames" TEXT;

CREATE INDEX reconsideration_open_correctionDueOn ON reconsideration ("correctionDueOn", "id", "caseNo", "closedOn", "acceptedOn", "correctedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "correctedOn" IS NULL;
CREATE INDEX reconsideration_open_copyDueOn ON reconsideration ("copyDueOn", "id", "caseNo", "closedOn", "answerNoticeOn", "copySentOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "copySentOn" IS NULL;
CREATE INDEX reconsideration_open_answerDueOn ON reconsideration ("answerDueOn", "id", "caseNo", "closedOn", "answerReceivedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "answerReceivedOn" IS NULL;
CREATE INDEX litigation_open_appealDueOn ON litigation ("appealDueOn", "id", "caseNo", "appealed", "appealFiledOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "appealFiledOn" IS NULL;

CREATE TABLE case_parties (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reconsideration', 'litigation')),
  case_id TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  role TEXT NOT NULL,
  party_type TEXT,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  gender TEXT CHECK (gender IN ('男', '女')),
  birth_date TEXT,
  id_no TEXT,
  address TEXT,
  phone TEXT,
  legal_rep TEXT,
  legal_rep_title TEXT,
  represents_id TEXT REFERENCES case_parties (id),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX case_parties_case ON case_parties (kind, case_id, sort_order) WHERE deleted_at IS NULL;

CREATE TABLE case_suspensions (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reconsideration')),
  case_id TEXT NOT NULL,
  from_on TEXT NOT NULL,
  to_on TEXT CHECK (to_on IS NULL OR to_on >= from_on),
  reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX case_suspensions_case ON case_suspensions (kind, case_id, from_on) WHERE deleted_at IS NULL;

${rebuildSearchTriggers('reconsideration', SEARCH_FIELDS.reconsideration)}
${rebuildSearchTriggers('litigation', SEARCH_FIELDS.litigation)}
`;
