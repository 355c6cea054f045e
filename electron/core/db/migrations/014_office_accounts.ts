// Migration 14 (issue 19, office mode): the accounts of a host shared over the office network.
// Written out in full; released migrations are never edited. Additive only (issue 20 adds units to the same
// ledger tables in migration 15): new tables, new nullable columns.
//
// - `users`: one row per colleague. `password` is `scrypt$N$r$p$<salt b64>$<hash b64>` (core/accounts.ts), never
//   the password itself; `ledgers` the JSON list of ledger kinds the user may write (管理员: all, whatever it
//   holds). Users are never deleted (their names stay in the audit log and on records), only disabled.
// - `audit_log.user`: the login of the account that made the change in host mode (NULL on the desktop and in
//   loopback browser mode, where `actor` names the OS user as before). `actor` still carries the display name.
// - `coHandler` (协办人) on every ledger table, beside the existing `handler` (承办人): a colleague who helps.
// Sessions are not stored: they live in the host's memory (server/host.ts), so restarting the host signs
// everyone out and no session token ever reaches the data file or its backups.
export const officeAccounts = /* sql */ `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('管理员', '承办人', '审核人', '只读')),
  ledgers TEXT NOT NULL DEFAULT '[]',
  password TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
ALTER TABLE audit_log ADD COLUMN user TEXT;
ALTER TABLE normative ADD COLUMN "coHandler" TEXT;
ALTER TABLE decision ADD COLUMN "coHandler" TEXT;
ALTER TABLE contract ADD COLUMN "coHandler" TEXT;
ALTER TABLE reconsideration ADD COLUMN "coHandler" TEXT;
ALTER TABLE litigation ADD COLUMN "coHandler" TEXT;
ALTER TABLE casefile ADD COLUMN "coHandler" TEXT;
`;
