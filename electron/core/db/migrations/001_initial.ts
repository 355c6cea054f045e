// Migration 1: the initial schema. Released migrations are never edited: change the schema with a new
// migration (additive only) and update tests/fixtures/schema.sql with `npm run schema:snapshot`.
// Written out in full (not generated from the ledger declarations at run time) so that a later change to a
// declaration can never change what this migration did. The search triggers are built from the one field list
// below; the text is the released text byte for byte (tests/integration/migration-steps.test.ts).

import { searchText } from './search-text';

/**
 * The fields each ledger's search index held in this migration, named once: the three triggers of a ledger are
 * built from its one list, so an insert and an update can never index different fields.
 */
const SEARCH_FIELDS = {
  normative: ['serialNo', 'title', 'drafter', 'regNo', 'docNo', 'handler', 'note'],
  decision: ['title', 'sponsor', 'handler', 'note'],
  contract: ['title', 'submitter', 'counterparty', 'handler', 'note'],
  reconsideration: ['caseNo', 'applicant', 'respondent', 'field', 'handler', 'note'],
  litigation: ['caseNo', 'priorCaseNo', 'court', 'plaintiff', 'defendant', 'field', 'headName', 'handler', 'note'],
  casefile: ['batch', 'unit', 'field', 'caseNo', 'party', 'reviewer', 'issueSummary', 'handler', 'note'],
} as const;

function searchTriggers(kind: keyof typeof SEARCH_FIELDS): string {
  const text = searchText(SEARCH_FIELDS[kind]);
  return `CREATE TRIGGER ${kind}_fts_ai AFTER INSERT ON ${kind} BEGIN
  INSERT INTO ${kind}_fts (rowid, body) VALUES (new.rid, ${text});
END;
CREATE TRIGGER ${kind}_fts_au AFTER UPDATE ON ${kind} BEGIN
  UPDATE ${kind}_fts SET body = ${text} WHERE rowid = new.rid;
END;
CREATE TRIGGER ${kind}_fts_ad AFTER DELETE ON ${kind} BEGIN
  DELETE FROM ${kind}_fts WHERE rowid = old.rid;
END;`;
}

export const initial = /* sql */ `
CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE indicators (
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, name)
) STRICT;

CREATE TABLE materials (
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, name)
) STRICT;

-- Holiday years the user added (the shipped calendar lives in resources/cn-holidays.json).
CREATE TABLE holiday_years (
  year INTEGER PRIMARY KEY NOT NULL,
  off TEXT NOT NULL,
  work TEXT NOT NULL,
  source TEXT NOT NULL,
  added_at TEXT NOT NULL
) STRICT;

-- Append-only: written in the same transaction as the change it records.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  kind TEXT,
  record_id TEXT,
  before TEXT,
  after TEXT,
  summary TEXT
) STRICT;
CREATE INDEX audit_log_record ON audit_log (record_id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;

CREATE TABLE normative (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  manual TEXT NOT NULL DEFAULT '',
  "reviewType" TEXT,
  "serialNo" TEXT,
  "title" TEXT,
  "drafter" TEXT,
  "level" TEXT,
  "receivedOn" TEXT,
  "dueOn" TEXT,
  "completedOn" TEXT,
  "conclusion" TEXT,
  "opinions" INTEGER,
  "adopted" INTEGER,
  "publicComment" INTEGER CHECK ("publicComment" IN (0, 1)),
  "fairCompetition" INTEGER CHECK ("fairCompetition" IN (0, 1)),
  "regNo" TEXT,
  "docNo" TEXT,
  "publishedOn" TEXT,
  "effectiveOn" TEXT,
  "expiresOn" TEXT,
  "filedGovOn" TEXT,
  "filedCongressOn" TEXT,
  "status" TEXT,
  "cleanupType" TEXT,
  "cleanupOn" TEXT,
  "handler" TEXT,
  "note" TEXT
) STRICT;
CREATE INDEX normative_receivedOn ON normative ("receivedOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_dueOn ON normative ("dueOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_completedOn ON normative ("completedOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_publishedOn ON normative ("publishedOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_effectiveOn ON normative ("effectiveOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_expiresOn ON normative ("expiresOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_filedGovOn ON normative ("filedGovOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_filedCongressOn ON normative ("filedCongressOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_cleanupOn ON normative ("cleanupOn") WHERE deleted_at IS NULL;
CREATE INDEX normative_deleted ON normative (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE VIRTUAL TABLE normative_fts USING fts5(body, tokenize = 'trigram');
${searchTriggers('normative')}
CREATE TABLE decision (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  manual TEXT NOT NULL DEFAULT '',
  "title" TEXT,
  "sponsor" TEXT,
  "category" TEXT,
  "inCatalog" INTEGER CHECK ("inCatalog" IN (0, 1)),
  "receivedOn" TEXT,
  "dueOn" TEXT,
  "completedOn" TEXT,
  "publicParticipation" INTEGER CHECK ("publicParticipation" IN (0, 1)),
  "commentDays" INTEGER,
  "expertReview" INTEGER CHECK ("expertReview" IN (0, 1)),
  "riskAssessment" INTEGER CHECK ("riskAssessment" IN (0, 1)),
  "hearing" INTEGER CHECK ("hearing" IN (0, 1)),
  "conclusion" TEXT,
  "opinions" INTEGER,
  "discussedOn" TEXT,
  "outcome" TEXT,
  "publishedOn" TEXT,
  "postEvaluation" INTEGER CHECK ("postEvaluation" IN (0, 1)),
  "handler" TEXT,
  "note" TEXT
) STRICT;
CREATE INDEX decision_receivedOn ON decision ("receivedOn") WHERE deleted_at IS NULL;
CREATE INDEX decision_dueOn ON decision ("dueOn") WHERE deleted_at IS NULL;
CREATE INDEX decision_completedOn ON decision ("completedOn") WHERE deleted_at IS NULL;
CREATE INDEX decision_discussedOn ON decision ("discussedOn") WHERE deleted_at IS NULL;
CREATE INDEX decision_publishedOn ON decision ("publishedOn") WHERE deleted_at IS NULL;
CREATE INDEX decision_deleted ON decision (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE VIRTUAL TABLE decision_fts USING fts5(body, tokenize = 'trigram');
${searchTriggers('decision')}
CREATE TABLE contract (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  manual TEXT NOT NULL DEFAULT '',
  "title" TEXT,
  "submitter" TEXT,
  "counterparty" TEXT,
  "contractType" TEXT,
  "administrative" INTEGER CHECK ("administrative" IN (0, 1)),
  "amount" REAL,
  "inGovName" INTEGER CHECK ("inGovName" IN (0, 1)),
  "major" INTEGER CHECK ("major" IN (0, 1)),
  "receivedOn" TEXT,
  "dueOn" TEXT,
  "completedOn" TEXT,
  "conclusion" TEXT,
  "opinions" INTEGER,
  "adopted" INTEGER,
  "signedOn" TEXT,
  "filedOn" TEXT,
  "performance" TEXT,
  "handler" TEXT,
  "note" TEXT
) STRICT;
CREATE INDEX contract_receivedOn ON contract ("receivedOn") WHERE deleted_at IS NULL;
CREATE INDEX contract_dueOn ON contract ("dueOn") WHERE deleted_at IS NULL;
CREATE INDEX contract_completedOn ON contract ("completedOn") WHERE deleted_at IS NULL;
CREATE INDEX contract_signedOn ON contract ("signedOn") WHERE deleted_at IS NULL;
CREATE INDEX contract_filedOn ON contract ("filedOn") WHERE deleted_at IS NULL;
CREATE INDEX contract_deleted ON contract (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE VIRTUAL TABLE contract_fts USING fts5(body, tokenize = 'trigram');
${searchTriggers('contract')}
CREATE TABLE reconsideration (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  manual TEXT NOT NULL DEFAULT '',
  "caseNo" TEXT,
  "receivedOn" TEXT,
  "channel" TEXT,
  "applicant" TEXT,
  "applicantType" TEXT,
  "enterprise" INTEGER CHECK ("enterprise" IN (0, 1)),
  "respondent" TEXT,
  "respondentType" TEXT,
  "field" TEXT,
  "actType" TEXT,
  "mandatory" INTEGER CHECK ("mandatory" IN (0, 1)),
  "attachedReview" INTEGER CHECK ("attachedReview" IN (0, 1)),
  "compensation" INTEGER CHECK ("compensation" IN (0, 1)),
  "intake" TEXT,
  "acceptedOn" TEXT,
  "procedure" TEXT,
  "hearing" INTEGER CHECK ("hearing" IN (0, 1)),
  "committee" INTEGER CHECK ("committee" IN (0, 1)),
  "suspendedDays" INTEGER,
  "extended" INTEGER CHECK ("extended" IN (0, 1)),
  "intakeDueOn" TEXT,
  "decisionDueOn" TEXT,
  "closedOn" TEXT,
  "disposition" TEXT,
  "selfCorrected" INTEGER CHECK ("selfCorrected" IN (0, 1)),
  "published" INTEGER CHECK ("published" IN (0, 1)),
  "opinionLetter" INTEGER CHECK ("opinionLetter" IN (0, 1)),
  "sued" INTEGER CHECK ("sued" IN (0, 1)),
  "handler" TEXT,
  "note" TEXT
) STRICT;
CREATE INDEX reconsideration_receivedOn ON reconsideration ("receivedOn") WHERE deleted_at IS NULL;
CREATE INDEX reconsideration_acceptedOn ON reconsideration ("acceptedOn") WHERE deleted_at IS NULL;
CREATE INDEX reconsideration_intakeDueOn ON reconsideration ("intakeDueOn") WHERE deleted_at IS NULL;
CREATE INDEX reconsideration_decisionDueOn ON reconsideration ("decisionDueOn") WHERE deleted_at IS NULL;
CREATE INDEX reconsideration_closedOn ON reconsideration ("closedOn") WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX reconsideration_caseNo_live ON reconsideration ("caseNo") WHERE deleted_at IS NULL;
CREATE INDEX reconsideration_deleted ON reconsideration (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE VIRTUAL TABLE reconsideration_fts USING fts5(body, tokenize = 'trigram');
${searchTriggers('reconsideration')}
CREATE TABLE litigation (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  manual TEXT NOT NULL DEFAULT '',
  "caseNo" TEXT,
  "instance" TEXT,
  "priorCaseNo" TEXT,
  "receivedOn" TEXT,
  "court" TEXT,
  "plaintiff" TEXT,
  "plaintiffType" TEXT,
  "enterprise" INTEGER CHECK ("enterprise" IN (0, 1)),
  "defendant" TEXT,
  "defendantType" TEXT,
  "coDefendant" INTEGER CHECK ("coDefendant" IN (0, 1)),
  "actType" TEXT,
  "field" TEXT,
  "answerDueOn" TEXT,
  "answeredOn" TEXT,
  "hearings" INTEGER,
  "headHearings" INTEGER,
  "headName" TEXT,
  "absenceReason" TEXT,
  "closedOn" TEXT,
  "closure" TEXT,
  "judgment" TEXT,
  "withdrawnAfterChange" INTEGER CHECK ("withdrawnAfterChange" IN (0, 1)),
  "lost" INTEGER CHECK ("lost" IN (0, 1)),
  "appealed" INTEGER CHECK ("appealed" IN (0, 1)),
  "judicialSuggestion" INTEGER CHECK ("judicialSuggestion" IN (0, 1)),
  "procuratorSuggestion" INTEGER CHECK ("procuratorSuggestion" IN (0, 1)),
  "handler" TEXT,
  "note" TEXT
) STRICT;
CREATE INDEX litigation_receivedOn ON litigation ("receivedOn") WHERE deleted_at IS NULL;
CREATE INDEX litigation_answerDueOn ON litigation ("answerDueOn") WHERE deleted_at IS NULL;
CREATE INDEX litigation_answeredOn ON litigation ("answeredOn") WHERE deleted_at IS NULL;
CREATE INDEX litigation_closedOn ON litigation ("closedOn") WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX litigation_caseNo_live ON litigation ("caseNo") WHERE deleted_at IS NULL;
CREATE INDEX litigation_deleted ON litigation (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE VIRTUAL TABLE litigation_fts USING fts5(body, tokenize = 'trigram');
${searchTriggers('litigation')}
CREATE TABLE casefile (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  manual TEXT NOT NULL DEFAULT '',
  "batch" TEXT,
  "mode" TEXT,
  "unit" TEXT,
  "field" TEXT,
  "fileType" TEXT,
  "caseNo" TEXT,
  "party" TEXT,
  "closedOn" TEXT,
  "reviewedOn" TEXT,
  "reviewer" TEXT,
  "vetoes" TEXT,
  "formScore" REAL,
  "contentScore" REAL,
  "score" REAL,
  "grade" TEXT,
  "model" INTEGER CHECK ("model" IN (0, 1)),
  "issues" INTEGER,
  "issueSummary" TEXT,
  "rectifyBy" TEXT,
  "rectifiedOn" TEXT,
  "handler" TEXT,
  "note" TEXT
) STRICT;
CREATE INDEX casefile_closedOn ON casefile ("closedOn") WHERE deleted_at IS NULL;
CREATE INDEX casefile_reviewedOn ON casefile ("reviewedOn") WHERE deleted_at IS NULL;
CREATE INDEX casefile_rectifyBy ON casefile ("rectifyBy") WHERE deleted_at IS NULL;
CREATE INDEX casefile_rectifiedOn ON casefile ("rectifiedOn") WHERE deleted_at IS NULL;
CREATE INDEX casefile_deleted ON casefile (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE VIRTUAL TABLE casefile_fts USING fts5(body, tokenize = 'trigram');
${searchTriggers('casefile')}
`;
