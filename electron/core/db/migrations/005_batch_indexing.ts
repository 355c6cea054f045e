// Migration 5: a bulk import indexes its rows for search in one statement instead of one trigger run per row.
// Released migrations are never edited: the insert triggers are built from the one field list below, and the
// text this produces is the released text byte for byte (tests/integration/migration-steps.test.ts).
//
// The 1,000,000-row benchmark (docs/performance.md): 10,000 contracts took 850 ms to insert with the per-row
// search-index trigger and 300 ms when the same rows were indexed by one INSERT … SELECT at the end. An import
// names its ledger in fts_batch for the length of its own transaction — the insert trigger stands aside —
// indexes the new rows with the same text the trigger would write (electron/core/db/ledger-repo.ts,
// indexInserted), and removes the name before committing. A failed import rolls all three back together;
// every other write (a record saved, edited, deleted, restored) goes through the triggers as before.
import { searchText } from './search-text';

/**
 * The fields each ledger's search index holds in this migration (the same as migration 2's), named once. Only the
 * insert trigger is rebuilt here; the update trigger of migration 2 indexes the same list.
 */
const SEARCH_FIELDS = {
  normative: ['serialNo', 'title', 'drafter', 'regNo', 'docNo', 'handler', 'note'],
  decision: ['title', 'sponsor', 'handler', 'note'],
  contract: ['title', 'submitter', 'counterparty', 'handler', 'note'],
  reconsideration: ['caseNo', 'applicant', 'respondent', 'field', 'handler', 'note'],
  litigation: ['caseNo', 'priorCaseNo', 'court', 'plaintiff', 'defendant', 'field', 'headName', 'handler', 'note'],
  casefile: ['batch', 'unit', 'field', 'caseNo', 'party', 'reviewer', 'issueSummary', 'handler', 'note'],
} as const;

function insertTrigger(kind: keyof typeof SEARCH_FIELDS): string {
  return `CREATE TRIGGER ${kind}_fts_ai AFTER INSERT ON ${kind} WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_batch WHERE kind = '${kind}') BEGIN
  INSERT INTO ${kind}_fts (rowid, body) VALUES (new.rid, ${searchText(SEARCH_FIELDS[kind])} || ' ');
END;`;
}

export const batchIndexing = /* sql */ `
CREATE TABLE fts_batch (
  kind TEXT PRIMARY KEY NOT NULL
) STRICT;
DROP TRIGGER normative_fts_ai;
${insertTrigger('normative')}
DROP TRIGGER decision_fts_ai;
${insertTrigger('decision')}
DROP TRIGGER contract_fts_ai;
${insertTrigger('contract')}
DROP TRIGGER reconsideration_fts_ai;
${insertTrigger('reconsideration')}
DROP TRIGGER litigation_fts_ai;
${insertTrigger('litigation')}
DROP TRIGGER casefile_fts_ai;
${insertTrigger('casefile')}
`;
