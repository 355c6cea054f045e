// Migration 2: indexes and a search index shaped by the 1,000,000-row benchmark (docs/performance.md).
// Released migrations are never edited: the search triggers are built from the one field list below, and the
// text this produces is the released text byte for byte (tests/integration/migration-steps.test.ts).
//
// 1. The year's date indexes carry the columns the §8 figures read (and deleted_at, which SQLite needs to see
//    in the index to use a partial index as covering): a year's figures become index-only range scans instead
//    of one table lookup per row.
// 2. The deadline board reads only open items: one partial index per deadline over rows whose done-date is
//    still empty, carrying what the board shows (id, title) and what the deadline's condition reads, so the
//    board never walks every due date since the ledger began nor touches a table row.
// 3. The full-text index holds live rows only (a soft-deleted row leaves it, a restored one returns), so a
//    search's count comes from the index alone; every body ends with a space, so any two-character fragment
//    is the start of at least one trigram and a two-character search can use the index too
//    (see textCondition in electron/core/db/ledger-repo.ts).
import { searchText } from './search-text';

/**
 * The fields each ledger's search index holds in this migration (the same as migration 1's), named once: both
 * triggers of a ledger are built from its one list.
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
  const text = `${searchText(SEARCH_FIELDS[kind])} || ' '`;
  return `CREATE TRIGGER ${kind}_fts_ai AFTER INSERT ON ${kind} WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO ${kind}_fts (rowid, body) VALUES (new.rid, ${text});
END;
CREATE TRIGGER ${kind}_fts_au AFTER UPDATE ON ${kind} BEGIN
  DELETE FROM ${kind}_fts WHERE rowid = old.rid;
  INSERT INTO ${kind}_fts (rowid, body) SELECT new.rid, ${text} WHERE new.deleted_at IS NULL;
END;`;
}

export const searchAndFigures = /* sql */ `
DROP INDEX normative_receivedOn;
CREATE INDEX normative_receivedOn ON normative ("receivedOn", "reviewType", "conclusion", "opinions", "adopted", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_publishedOn;
CREATE INDEX normative_publishedOn ON normative ("publishedOn", "regNo", "filedGovOn", "filedCongressOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_filedGovOn;
CREATE INDEX normative_filedGovOn ON normative ("filedGovOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_filedCongressOn;
CREATE INDEX normative_filedCongressOn ON normative ("filedCongressOn", "filedGovOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_cleanupOn;
CREATE INDEX normative_cleanupOn ON normative ("cleanupOn", "status", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_completedOn;
CREATE INDEX normative_completedOn ON normative ("completedOn", "dueOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX decision_receivedOn;
CREATE INDEX decision_receivedOn ON decision ("receivedOn", "inCatalog", "opinions", "publicParticipation", "expertReview", "riskAssessment", "hearing", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX contract_receivedOn;
CREATE INDEX contract_receivedOn ON contract ("receivedOn", "opinions", "adopted", "major", "amount", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX contract_completedOn;
CREATE INDEX contract_completedOn ON contract ("completedOn", "dueOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX reconsideration_receivedOn;
CREATE INDEX reconsideration_receivedOn ON reconsideration ("receivedOn", "intake", "enterprise", "actType", "field", "respondentType", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX reconsideration_acceptedOn;
CREATE INDEX reconsideration_acceptedOn ON reconsideration ("acceptedOn", "hearing", "procedure", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX reconsideration_closedOn;
CREATE INDEX reconsideration_closedOn ON reconsideration ("closedOn", "receivedOn", "acceptedOn", "intake", "disposition", "selfCorrected", "enterprise", "published", "opinionLetter", "decisionDueOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX litigation_receivedOn;
CREATE INDEX litigation_receivedOn ON litigation ("receivedOn", "instance", "hearings", "headHearings", "actType", "field", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX litigation_closedOn;
CREATE INDEX litigation_closedOn ON litigation ("closedOn", "receivedOn", "closure", "lost", "judicialSuggestion", "procuratorSuggestion", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX casefile_reviewedOn;
CREATE INDEX casefile_reviewedOn ON casefile ("reviewedOn", "unit", "fileType", "grade", "model", "issues", "score", "rectifiedOn", deleted_at) WHERE deleted_at IS NULL;

-- 规范性文件
DROP TRIGGER normative_fts_ai;
DROP TRIGGER normative_fts_au;
${searchTriggers('normative')}
DELETE FROM normative_fts WHERE rowid IN (SELECT rid FROM normative WHERE deleted_at IS NOT NULL);
UPDATE normative_fts SET body = body || ' ' WHERE substr(body, -1) <> ' ';
CREATE INDEX normative_open_dueOn ON normative ("dueOn", "id", "title", "completedOn", deleted_at) WHERE deleted_at IS NULL AND "completedOn" IS NULL;
-- 重大行政决策
DROP TRIGGER decision_fts_ai;
DROP TRIGGER decision_fts_au;
${searchTriggers('decision')}
DELETE FROM decision_fts WHERE rowid IN (SELECT rid FROM decision WHERE deleted_at IS NOT NULL);
UPDATE decision_fts SET body = body || ' ' WHERE substr(body, -1) <> ' ';
CREATE INDEX decision_open_dueOn ON decision ("dueOn", "id", "title", "completedOn", deleted_at) WHERE deleted_at IS NULL AND "completedOn" IS NULL;
-- 合同审查
DROP TRIGGER contract_fts_ai;
DROP TRIGGER contract_fts_au;
${searchTriggers('contract')}
DELETE FROM contract_fts WHERE rowid IN (SELECT rid FROM contract WHERE deleted_at IS NOT NULL);
UPDATE contract_fts SET body = body || ' ' WHERE substr(body, -1) <> ' ';
CREATE INDEX contract_open_dueOn ON contract ("dueOn", "id", "title", "completedOn", deleted_at) WHERE deleted_at IS NULL AND "completedOn" IS NULL;
-- 行政复议
DROP TRIGGER reconsideration_fts_ai;
DROP TRIGGER reconsideration_fts_au;
${searchTriggers('reconsideration')}
DELETE FROM reconsideration_fts WHERE rowid IN (SELECT rid FROM reconsideration WHERE deleted_at IS NOT NULL);
UPDATE reconsideration_fts SET body = body || ' ' WHERE substr(body, -1) <> ' ';
CREATE INDEX reconsideration_open_intakeDueOn ON reconsideration ("intakeDueOn", "id", "caseNo", "closedOn", "intake", "acceptedOn", deleted_at) WHERE deleted_at IS NULL AND "acceptedOn" IS NULL;
CREATE INDEX reconsideration_open_decisionDueOn ON reconsideration ("decisionDueOn", "id", "caseNo", "closedOn", deleted_at) WHERE deleted_at IS NULL AND "closedOn" IS NULL;
-- 行政应诉
DROP TRIGGER litigation_fts_ai;
DROP TRIGGER litigation_fts_au;
${searchTriggers('litigation')}
DELETE FROM litigation_fts WHERE rowid IN (SELECT rid FROM litigation WHERE deleted_at IS NOT NULL);
UPDATE litigation_fts SET body = body || ' ' WHERE substr(body, -1) <> ' ';
CREATE INDEX litigation_open_answerDueOn ON litigation ("answerDueOn", "id", "caseNo", "closedOn", "answeredOn", deleted_at) WHERE deleted_at IS NULL AND "answeredOn" IS NULL;
-- 案卷评查
DROP TRIGGER casefile_fts_ai;
DROP TRIGGER casefile_fts_au;
${searchTriggers('casefile')}
DELETE FROM casefile_fts WHERE rowid IN (SELECT rid FROM casefile WHERE deleted_at IS NOT NULL);
UPDATE casefile_fts SET body = body || ' ' WHERE substr(body, -1) <> ' ';
CREATE INDEX casefile_open_rectifyBy ON casefile ("rectifyBy", "id", "unit", "issues", "rectifiedOn", deleted_at) WHERE deleted_at IS NULL AND "rectifiedOn" IS NULL;
`;
