// Migration 8 (issue 15, items 9–10): the warnings DOMAIN §1 promises, and §11's 司法建议/检察建议 dates.
// Written out in full; released migrations are never edited.
//
// - 报备期限 (normative "filingDueOn"): 公布日期 + setting `normative.filingDays` calendar days (rolled past
//   holidays), derived like every deadline, so that the board reads it from a partial index of rows not yet filed
//   (`normative_open_filingDueOn`) instead of computing it per row. Existing rows get it in the same transaction
//   (`backfillFilingDue`), under the file's own setting and calendar.
// - 评估提醒: the board reads 有效期至 of rows whose 清理日期 is empty (`normative_open_expiresOn`).
// - 司法建议/检察建议: 收到日期, 回复期限 (derived: 2 months after receipt), 回复日期, and the open-item index of each
//   回复期限. Dates are not searched, so the search triggers stay as they are.
// - 清理 counts per 清理类型 (DOMAIN §12): the 清理日期 index also covers 清理类型.
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, parseSetting } from '../../../domain/settings';
import { loadCalendar } from '../../calendar-store';

export const warningsAndSuggestions = /* sql */ `
ALTER TABLE normative ADD COLUMN "filingDueOn" TEXT;
ALTER TABLE litigation ADD COLUMN "judicialReceivedOn" TEXT;
ALTER TABLE litigation ADD COLUMN "judicialReplyDueOn" TEXT;
ALTER TABLE litigation ADD COLUMN "judicialRepliedOn" TEXT;
ALTER TABLE litigation ADD COLUMN "procuratorReceivedOn" TEXT;
ALTER TABLE litigation ADD COLUMN "procuratorReplyDueOn" TEXT;
ALTER TABLE litigation ADD COLUMN "procuratorRepliedOn" TEXT;

CREATE INDEX normative_open_filingDueOn ON normative ("filingDueOn", "id", "title", "filedGovOn", "handler", "filedCongressOn", deleted_at) WHERE deleted_at IS NULL AND "filedGovOn" IS NULL;
CREATE INDEX normative_open_expiresOn ON normative ("expiresOn", "id", "title", "cleanupOn", "handler", "status", "reviewType", deleted_at) WHERE deleted_at IS NULL AND "cleanupOn" IS NULL;
CREATE INDEX litigation_open_judicialReplyDueOn ON litigation ("judicialReplyDueOn", "id", "caseNo", "judicialRepliedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "judicialRepliedOn" IS NULL;
CREATE INDEX litigation_open_procuratorReplyDueOn ON litigation ("procuratorReplyDueOn", "id", "caseNo", "procuratorRepliedOn", "handler", deleted_at) WHERE deleted_at IS NULL AND "procuratorRepliedOn" IS NULL;

DROP INDEX normative_cleanupOn;
CREATE INDEX normative_cleanupOn ON normative ("cleanupOn", "cleanupType", "status", deleted_at) WHERE deleted_at IS NULL;
`;

/**
 * 报备期限 of every row with a 公布日期 (deleted rows too: they may be restored), under the file's setting and
 * calendar. The search trigger stands aside meanwhile (the indexed text does not change) and is put back as it was.
 */
export function backfillFilingDue(db: Database.Database): void {
  const stored = db.prepare(`SELECT value FROM settings WHERE key = 'normative.filingDays'`).pluck().get() as string | undefined;
  const parsed = stored === undefined ? null : parseSetting('normative.filingDays', JSON.parse(stored));
  const days = parsed?.ok ? Number(parsed.value) : DEFAULT_SETTINGS['normative.filingDays'];
  const calendar = loadCalendar(db);
  const trigger = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'normative_fts_au'`).pluck().get() as string | undefined;
  if (trigger) db.exec('DROP TRIGGER normative_fts_au');
  const set = db.prepare(`UPDATE normative SET "filingDueOn" = ? WHERE "publishedOn" = ?`);
  const published = db.prepare(`SELECT DISTINCT "publishedOn" FROM normative WHERE "publishedOn" IS NOT NULL`).pluck().all() as string[];
  for (const p of published) if (/^\d{4}-\d{2}-\d{2}$/.test(p)) set.run(calendar.addCalendarDays(p, days), p);
  if (trigger) db.exec(trigger);
}
