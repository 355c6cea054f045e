// Migration 7 (issue 14, "the first hour"): three small things a clerk hits, each needing storage.
// Written out in full; released migrations are never edited.
//
// - 案号 sort by year and number (electron/domain/case-no.ts), not as text: a key column beside 案号 in the three
//   ledgers that have one, kept by every write (ledger-repo.ts) and indexed over live rows together with
//   rid (the tie-break of every list order) and deleted_at, so a page sorted by 案号 walks the index and stops
//   after the page, sorting nothing (a covering index: the query plan test holds it). Existing rows get their key in the same transaction (`backfillCaseNoSort`). If the key's
//   rules ever change, a later migration recomputes the column: this one stays as it is.
// - 不再提醒 on the deadline board: one row per record and deadline (its date field), with the due date it was
//   given for, the reason, who and when. A reminder comes back by itself when its due date moves (the dismissal
//   was for that date); 恢复提醒 removes the row (both are in the audit log).
// - the board filtered by 承办人: the open-item indexes of migration 2 gain "handler", so the board still reads
//   only its partial indexes (no table rows).
import type Database from 'better-sqlite3';
import { caseNoSortKey } from '../../../domain/case-no';

export const CASE_NO_SORT_KINDS = ['reconsideration', 'litigation', 'casefile'] as const;

export const deskDetails = /* sql */ `
ALTER TABLE reconsideration ADD COLUMN "caseNo_sort" TEXT;
ALTER TABLE litigation ADD COLUMN "caseNo_sort" TEXT;
ALTER TABLE casefile ADD COLUMN "caseNo_sort" TEXT;
CREATE INDEX reconsideration_caseNo_sort ON reconsideration ("caseNo_sort", rid, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX litigation_caseNo_sort ON litigation ("caseNo_sort", rid, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX casefile_caseNo_sort ON casefile ("caseNo_sort", rid, deleted_at) WHERE deleted_at IS NULL;

CREATE TABLE deadline_dismissals (
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL,
  due_on TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (record_id, field)
) STRICT, WITHOUT ROWID;

DROP INDEX normative_open_dueOn;
CREATE INDEX normative_open_dueOn ON normative ("dueOn", "id", "title", "completedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "completedOn" IS NULL;
DROP INDEX decision_open_dueOn;
CREATE INDEX decision_open_dueOn ON decision ("dueOn", "id", "title", "completedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "completedOn" IS NULL;
DROP INDEX contract_open_dueOn;
CREATE INDEX contract_open_dueOn ON contract ("dueOn", "id", "title", "completedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "completedOn" IS NULL;
DROP INDEX reconsideration_open_intakeDueOn;
CREATE INDEX reconsideration_open_intakeDueOn ON reconsideration ("intakeDueOn", "id", "caseNo", "closedOn", "intake", "acceptedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "acceptedOn" IS NULL;
DROP INDEX reconsideration_open_decisionDueOn;
CREATE INDEX reconsideration_open_decisionDueOn ON reconsideration ("decisionDueOn", "id", "caseNo", "closedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "closedOn" IS NULL;
DROP INDEX litigation_open_answerDueOn;
CREATE INDEX litigation_open_answerDueOn ON litigation ("answerDueOn", "id", "caseNo", "closedOn", "answeredOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "answeredOn" IS NULL;
DROP INDEX casefile_open_rectifyBy;
CREATE INDEX casefile_open_rectifyBy ON casefile ("rectifyBy", "id", "unit", "issues", "rectifiedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "rectifiedOn" IS NULL;
`;

/**
 * The sort key of every existing 案号 (deleted rows too: they may be restored), inside the migration's
 * transaction, a batch of rows at a time. The search index's update trigger stands aside meanwhile (the text it
 * indexes does not change; re-indexing every row would make the upgrade of a large file take minutes) and is
 * put back exactly as it was.
 */
export function backfillCaseNoSort(db: Database.Database): void {
  for (const kind of CASE_NO_SORT_KINDS) {
    const trigger = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).pluck().get(`${kind}_fts_au`) as string | undefined;
    if (trigger) db.exec(`DROP TRIGGER ${kind}_fts_au`);
    const batch = db.prepare(`SELECT rid, "caseNo" FROM ${kind} WHERE rid > ? AND "caseNo" IS NOT NULL ORDER BY rid LIMIT 5000`);
    const set = db.prepare(`UPDATE ${kind} SET "caseNo_sort" = ? WHERE rid = ?`);
    for (let last = 0; ;) {
      const rows = batch.all(last) as { rid: number; caseNo: string }[];
      if (!rows.length) break;
      for (const r of rows) set.run(caseNoSortKey(r.caseNo), r.rid);
      last = rows[rows.length - 1].rid;
    }
    if (trigger) db.exec(trigger);
  }
}
