// Migration 5: a bulk import indexes its rows for search in one statement instead of one trigger run per row.
// Written out in full; released migrations are never edited.
//
// The 1,000,000-row benchmark (docs/performance.md): 10,000 contracts took 850 ms to insert with the per-row
// search-index trigger and 300 ms when the same rows were indexed by one INSERT … SELECT at the end. An import
// names its ledger in fts_batch for the length of its own transaction — the insert trigger stands aside —
// indexes the new rows with the same text the trigger would write (electron/core/db/ledger-repo.ts,
// indexInserted), and removes the name before committing. A failed import rolls all three back together;
// every other write (a record saved, edited, deleted, restored) goes through the triggers as before.
export const batchIndexing = /* sql */ `
CREATE TABLE fts_batch (
  kind TEXT PRIMARY KEY NOT NULL
) STRICT;
DROP TRIGGER normative_fts_ai;
CREATE TRIGGER normative_fts_ai AFTER INSERT ON normative WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = 'normative') BEGIN
  INSERT INTO normative_fts (rowid, body) VALUES (new.rid, coalesce(new."serialNo", '') || ' ' || coalesce(new."title", '') || ' ' || coalesce(new."drafter", '') || ' ' || coalesce(new."regNo", '') || ' ' || coalesce(new."docNo", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ');
END;
DROP TRIGGER decision_fts_ai;
CREATE TRIGGER decision_fts_ai AFTER INSERT ON decision WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = 'decision') BEGIN
  INSERT INTO decision_fts (rowid, body) VALUES (new.rid, coalesce(new."title", '') || ' ' || coalesce(new."sponsor", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ');
END;
DROP TRIGGER contract_fts_ai;
CREATE TRIGGER contract_fts_ai AFTER INSERT ON contract WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = 'contract') BEGIN
  INSERT INTO contract_fts (rowid, body) VALUES (new.rid, coalesce(new."title", '') || ' ' || coalesce(new."submitter", '') || ' ' || coalesce(new."counterparty", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ');
END;
DROP TRIGGER reconsideration_fts_ai;
CREATE TRIGGER reconsideration_fts_ai AFTER INSERT ON reconsideration WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = 'reconsideration') BEGIN
  INSERT INTO reconsideration_fts (rowid, body) VALUES (new.rid, coalesce(new."caseNo", '') || ' ' || coalesce(new."applicant", '') || ' ' || coalesce(new."respondent", '') || ' ' || coalesce(new."field", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ');
END;
DROP TRIGGER litigation_fts_ai;
CREATE TRIGGER litigation_fts_ai AFTER INSERT ON litigation WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = 'litigation') BEGIN
  INSERT INTO litigation_fts (rowid, body) VALUES (new.rid, coalesce(new."caseNo", '') || ' ' || coalesce(new."priorCaseNo", '') || ' ' || coalesce(new."court", '') || ' ' || coalesce(new."plaintiff", '') || ' ' || coalesce(new."defendant", '') || ' ' || coalesce(new."field", '') || ' ' || coalesce(new."headName", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ');
END;
DROP TRIGGER casefile_fts_ai;
CREATE TRIGGER casefile_fts_ai AFTER INSERT ON casefile WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = 'casefile') BEGIN
  INSERT INTO casefile_fts (rowid, body) VALUES (new.rid, coalesce(new."batch", '') || ' ' || coalesce(new."unit", '') || ' ' || coalesce(new."field", '') || ' ' || coalesce(new."caseNo", '') || ' ' || coalesce(new."party", '') || ' ' || coalesce(new."reviewer", '') || ' ' || coalesce(new."issueSummary", '') || ' ' || coalesce(new."handler", '') || ' ' || coalesce(new."note", '') || ' ');
END;
`;
