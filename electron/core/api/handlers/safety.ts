// API handlers for backups, restore and the audit log.

import { localDate, reopenCore, withProgress } from '../../core';
import { backupDirFor } from '../../db/connection';
import { AppError } from '../../errors';
import { auditWorkbook, listAudit } from '../../safety/audit';
import { backupNow } from '../../safety/auto-backup';
import { checkRestorable, listBackups, restoreDatabase } from '../../safety/backups';
import type { AreaHandlers } from './area';
import { recordAfter } from './write';

export const safetyHandlers: AreaHandlers<'backup' | 'audit'> = {
  'audit.list': (core, input) => listAudit(core.db, input),
  'audit.export': async (core, input) => {
    const r = await auditWorkbook(core.db, input, core.settings.单位名称, localDate(core.now()));
    return { fileName: r.fileName, content: r.content.toString('base64') };
  },
  'backup.list': (core) => ({ dir: backupDirFor(core.file), backups: listBackups(backupDirFor(core.file), core.now()) }),
  'backup.create': async (core) => {
    // a verified backup of a damaged file cannot be made (its check fails); say why at once instead of after
    // copying a large file. Restoring keeps the damaged file as it is (safety/backups.ts, keepDamaged).
    if (core.integrity.state === 'damaged') {
      throw new AppError(
        'INTEGRITY',
        `数据文件已损坏，无法生成经过校验的备份。请还原最近的备份；还原时程序会把损坏的数据文件原样另存一份。${core.integrity.message ?? ''}`,
      );
    }
    return withProgress(core, '正在备份数据文件并校验', (progress) => backupNow(core, '手动', progress));
  },
  'backup.restore': async (core, { file }) => {
    checkRestorable(file);
    await core.settled();
    core.close();
    let r: Awaited<ReturnType<typeof restoreDatabase>>;
    try {
      r = await withProgress(core, '正在还原：先备份当前数据，再换上所选备份', (progress) => restoreDatabase(core.file, file, { now: core.now(), progress }));
    } finally {
      await reopenCore(core);
    }
    recordAfter(core, {
      action: '还原',
      after: { from: file, safetyBackup: r.safetyBackup, counts: r.counts },
      summary: `从 ${file} 还原；还原前的数据已备份到 ${r.safetyBackup ?? '（无）'}`,
    });
    return r;
  },
};
