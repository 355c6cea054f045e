// Backups the app makes on its own: at start-up when the newest is older than a day, and every
// `backup.intervalMinutes` while there are changes. Used by the Electron main process and browser mode.

import type { Core } from '../core';
import { backupDirFor } from '../db/connection';
import { shared } from '../gate';
import type { BackupProgress } from './backup';
import { backupDue, createBackup, type BackupReason } from './backups';

export function backupNow(core: Core, reason: BackupReason, progress?: BackupProgress) {
  return createBackup(core.db, { dir: backupDirFor(core.file), reason, now: core.now(), secondDir: core.settings['backup.secondDir'] || undefined, progress });
}

function changes(core: Core): number {
  return core.db.prepare('SELECT total_changes()').pluck().get() as number;
}

/** Start the automatic backups; returns a function that stops them. Errors go to `onError`, never thrown. */
export function startAutoBackup(core: Core, onError: (message: string) => void, tickMs = 60_000): () => void {
  let lastChanges = core.db.open ? changes(core) : 0;
  let lastAt = core.now().getTime();
  let running = false;
  const run = async (reason: BackupReason) => {
    if (running || !core.db.open) return;
    running = true;
    try {
      // beside API calls, never during a restore (which closes and replaces the file)
      const r = await shared(core, () => (core.db.open ? backupNow(core, reason) : null));
      if (!r) return;
      if (r.secondError) onError(r.secondError);
      if (core.db.open) lastChanges = changes(core);
      lastAt = core.now().getTime();
    } catch (e) {
      onError(`自动备份失败：${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  if (backupDue(backupDirFor(core.file), core.now())) void run('启动');
  const timer = setInterval(() => {
    if (!core.db.open) return;
    const due = core.now().getTime() - lastAt >= core.settings['backup.intervalMinutes'] * 60_000;
    if (due && changes(core) !== lastChanges) void run('自动');
  }, tickMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
