// Migration 9 (issue 16, fast at 1,000,000 rows): every index on a date column a list can be sorted by gets rid
// right after the date — the list's tie-break (ORDER BY date, rid) — and deleted_at, so a page sorted by a date
// is read in the index's order from the index alone, and a deep page (page 4,000 of 400,000 rows) steps over
// index entries without a sort and without touching a table row (docs/performance.md).
// Same names, same leading column: every query that used an index uses its replacement. The covering year
// indexes of migrations 2 and 4 keep every column they carried (the figures and the first filter read them).
// Written out in full; released migrations are never edited.
export const pagingIndexes = /* sql */ `
-- normative
DROP INDEX normative_receivedOn;
CREATE INDEX normative_receivedOn ON normative ("receivedOn", rid, "reviewType", "conclusion", "opinions", "adopted", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_dueOn;
CREATE INDEX normative_dueOn ON normative ("dueOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_completedOn;
CREATE INDEX normative_completedOn ON normative ("completedOn", rid, "dueOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_publishedOn;
CREATE INDEX normative_publishedOn ON normative ("publishedOn", rid, "regNo", "filedGovOn", "filedCongressOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_effectiveOn;
CREATE INDEX normative_effectiveOn ON normative ("effectiveOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_expiresOn;
CREATE INDEX normative_expiresOn ON normative ("expiresOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_filedGovOn;
CREATE INDEX normative_filedGovOn ON normative ("filedGovOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_filedCongressOn;
CREATE INDEX normative_filedCongressOn ON normative ("filedCongressOn", rid, "filedGovOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX normative_cleanupOn;
CREATE INDEX normative_cleanupOn ON normative ("cleanupOn", rid, "cleanupType", "status", deleted_at) WHERE deleted_at IS NULL;
-- decision
DROP INDEX decision_receivedOn;
CREATE INDEX decision_receivedOn ON decision ("receivedOn", rid, "category", "inCatalog", "opinions", "publicParticipation", "expertReview", "riskAssessment", "hearing", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX decision_dueOn;
CREATE INDEX decision_dueOn ON decision ("dueOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX decision_completedOn;
CREATE INDEX decision_completedOn ON decision ("completedOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX decision_discussedOn;
CREATE INDEX decision_discussedOn ON decision ("discussedOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX decision_publishedOn;
CREATE INDEX decision_publishedOn ON decision ("publishedOn", rid, deleted_at) WHERE deleted_at IS NULL;
-- contract
DROP INDEX contract_receivedOn;
CREATE INDEX contract_receivedOn ON contract ("receivedOn", rid, "contractType", "opinions", "adopted", "major", "amount", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX contract_dueOn;
CREATE INDEX contract_dueOn ON contract ("dueOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX contract_completedOn;
CREATE INDEX contract_completedOn ON contract ("completedOn", rid, "dueOn", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX contract_signedOn;
CREATE INDEX contract_signedOn ON contract ("signedOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX contract_filedOn;
CREATE INDEX contract_filedOn ON contract ("filedOn", rid, deleted_at) WHERE deleted_at IS NULL;
-- reconsideration
DROP INDEX reconsideration_receivedOn;
CREATE INDEX reconsideration_receivedOn ON reconsideration ("receivedOn", rid, "intake", "enterprise", "actType", "field", "respondentType", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX reconsideration_acceptedOn;
CREATE INDEX reconsideration_acceptedOn ON reconsideration ("acceptedOn", rid, "hearing", "procedure", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX reconsideration_intakeDueOn;
CREATE INDEX reconsideration_intakeDueOn ON reconsideration ("intakeDueOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX reconsideration_decisionDueOn;
CREATE INDEX reconsideration_decisionDueOn ON reconsideration ("decisionDueOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX reconsideration_closedOn;
CREATE INDEX reconsideration_closedOn ON reconsideration ("closedOn", rid, "receivedOn", "acceptedOn", "intake", "disposition", "selfCorrected", "enterprise", "published", "opinionLetter", "decisionDueOn", deleted_at) WHERE deleted_at IS NULL;
-- litigation
DROP INDEX litigation_receivedOn;
CREATE INDEX litigation_receivedOn ON litigation ("receivedOn", rid, "instance", "hearings", "headHearings", "actType", "field", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX litigation_answerDueOn;
CREATE INDEX litigation_answerDueOn ON litigation ("answerDueOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX litigation_answeredOn;
CREATE INDEX litigation_answeredOn ON litigation ("answeredOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX litigation_closedOn;
CREATE INDEX litigation_closedOn ON litigation ("closedOn", rid, "receivedOn", "closure", "lost", "judicialSuggestion", "procuratorSuggestion", deleted_at) WHERE deleted_at IS NULL;
-- casefile
DROP INDEX casefile_closedOn;
CREATE INDEX casefile_closedOn ON casefile ("closedOn", rid, deleted_at) WHERE deleted_at IS NULL;
-- casefile_reviewedOn stays as it is: the year's distributions group by ("reviewedOn", "unit", …) in its order
-- (stats-distributions.test.ts), which rid between them would break; the list's paging gets a narrow index beside it
CREATE INDEX casefile_reviewedOn_page ON casefile ("reviewedOn", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX casefile_rectifyBy;
CREATE INDEX casefile_rectifyBy ON casefile ("rectifyBy", rid, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX casefile_rectifiedOn;
CREATE INDEX casefile_rectifiedOn ON casefile ("rectifiedOn", rid, deleted_at) WHERE deleted_at IS NULL;

-- The search index follows a row only when its text or deleted_at changes: re-deriving deadlines after a settings
-- change (issue 16) rewrote every row's trigram entry — 409,366 rows at 1,000,000, most of the re-derive's time.
DROP TRIGGER normative_fts_au;
CREATE TRIGGER normative_fts_au AFTER UPDATE OF "serialNo", "title", "drafter", "regNo", "docNo", "handler", "note", deleted_at ON normative BEGIN
  DELETE FROM normative_fts WHERE rowid = old.rid;
  INSERT INTO normative_fts (rowid, body) SELECT new.rid, coalesce(new."serialNo", '') || ' ' || coalesce(new."title", '') || ' ' || coalesce(new."drafter", '') || ' ' || coalesce(new."regNo", '') || ' ' || coalesce(new."docNo", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ' WHERE new.deleted_at IS NULL;
END;
DROP TRIGGER decision_fts_au;
CREATE TRIGGER decision_fts_au AFTER UPDATE OF "title", "sponsor", "handler", "note", deleted_at ON decision BEGIN
  DELETE FROM decision_fts WHERE rowid = old.rid;
  INSERT INTO decision_fts (rowid, body) SELECT new.rid, coalesce(new."title", '') || ' ' || coalesce(new."sponsor", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ' WHERE new.deleted_at IS NULL;
END;
DROP TRIGGER contract_fts_au;
CREATE TRIGGER contract_fts_au AFTER UPDATE OF "title", "submitter", "counterparty", "handler", "note", deleted_at ON contract BEGIN
  DELETE FROM contract_fts WHERE rowid = old.rid;
  INSERT INTO contract_fts (rowid, body) SELECT new.rid, coalesce(new."title", '') || ' ' || coalesce(new."submitter", '') || ' ' || coalesce(new."counterparty", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ' WHERE new.deleted_at IS NULL;
END;
DROP TRIGGER reconsideration_fts_au;
CREATE TRIGGER reconsideration_fts_au AFTER UPDATE OF "caseNo", "applicant", "respondent", "field", "handler", "note", deleted_at ON reconsideration BEGIN
  DELETE FROM reconsideration_fts WHERE rowid = old.rid;
  INSERT INTO reconsideration_fts (rowid, body) SELECT new.rid, coalesce(new."caseNo", '') || ' ' || coalesce(new."applicant", '') || ' ' || coalesce(new."respondent", '') || ' ' || coalesce(new."field", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ' WHERE new.deleted_at IS NULL;
END;
DROP TRIGGER litigation_fts_au;
CREATE TRIGGER litigation_fts_au AFTER UPDATE OF "caseNo", "priorCaseNo", "court", "plaintiff", "defendant", "field", "headName", "handler", "note", deleted_at ON litigation BEGIN
  DELETE FROM litigation_fts WHERE rowid = old.rid;
  INSERT INTO litigation_fts (rowid, body) SELECT new.rid, coalesce(new."caseNo", '') || ' ' || coalesce(new."priorCaseNo", '') || ' ' || coalesce(new."court", '') || ' ' || coalesce(new."plaintiff", '') || ' ' || coalesce(new."defendant", '') || ' ' || coalesce(new."field", '') || ' ' || coalesce(new."headName", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ' WHERE new.deleted_at IS NULL;
END;
DROP TRIGGER casefile_fts_au;
CREATE TRIGGER casefile_fts_au AFTER UPDATE OF "batch", "unit", "field", "caseNo", "party", "reviewer", "issueSummary", "handler", "note", deleted_at ON casefile BEGIN
  DELETE FROM casefile_fts WHERE rowid = old.rid;
  INSERT INTO casefile_fts (rowid, body) SELECT new.rid, coalesce(new."batch", '') || ' ' || coalesce(new."unit", '') || ' ' || coalesce(new."field", '') || ' ' || coalesce(new."caseNo", '') || ' ' || coalesce(new."party", '') || ' ' || coalesce(new."reviewer", '') || ' ' || coalesce(new."issueSummary", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ' WHERE new.deleted_at IS NULL;
END;
`;
