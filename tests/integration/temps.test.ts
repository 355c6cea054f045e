// Temporary files of an interrupted backup or restore are removed when the data file is next opened, and
// nothing else is (issue 13, part 7): only our own temporary names, only files, only when older than an hour.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { backupDirFor } from '../../electron/core/db/connection';
import { readLogTail } from '../../electron/core/safety/errlog';
import { cleanStaleTempsAsync, isOurTempName, STALE_AFTER_MS } from '../../electron/core/safety/temps';
import { tempDir } from '../helpers/db';

const HOUR_AGO = (Date.now() - STALE_AFTER_MS - 60_000) / 1000;

function put(file: string, old: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'x');
  if (old) fs.utimesSync(file, HOUR_AGO, HOUR_AGO);
}

describe('stale temporary files', () => {
  // the names backup.ts (backupTo), backups.ts (restoreDatabase, the second copy) give their temporary files
  const OURS = [
    '法治台账-20260205-093000-自动.db.tmp-4242-1770000000000',
    '法治台账-20260205-093000-自动.db.tmp-4242-1770000000000-journal',
    '法治台账-20260205-093000-升级前-v4.db.tmp-77-1770000000123-wal',
    '法治台账-20260205-093000-手动.db.tmp',
  ];
  const USERS = [
    '法治台账-20260205-093000-手动.db',
    '法治台账-20260205-093000-手动.db.json',
    '法治台账.db',
    '法治台账.db-wal',
    'notes.tmp',
    'x.db.tmp',
    '报告.restore-draft.docx',
    '法治台账.db.tmp-abc',
    '法治台账.log',
  ];

  it('recognises our temporary names and nothing else', () => {
    for (const n of [...OURS, 'ledger.db.restore-123', 'ledger.db.restore-123.tmp-123-1770000000000', 'ledger.db.restore-123-wal'])
      expect(isOurTempName(n), n).toBe(true);
    for (const n of USERS) expect(isOurTempName(n), n).toBe(false);
  });

  it('are removed at open time from the data folder and the backup folder, older than an hour only, and logged', async () => {
    const dir = tempDir();
    const file = path.join(dir, '法治台账.db');
    const backups = backupDirFor(file);
    const core = await openCore(file, { create: true, actor: '测试' });
    core.close();
    const oldOnes = [
      ...OURS.map((n) => path.join(backups, n)),
      path.join(dir, '法治台账.db.restore-4242'),
      path.join(dir, '法治台账.db.restore-4242.tmp-4242-1770000000000'),
    ];
    const fresh = [path.join(backups, '法治台账-20260205-100000-自动.db.tmp-4243-1770000000999'), path.join(dir, '法治台账.db.restore-4243')];
    const users = [
      ...USERS.filter((n) => !n.startsWith('法治台账.db')).map((n) => path.join(backups, n)),
      ...USERS.map((n) => path.join(dir, 'keep', n)),
      path.join(dir, 'notes.tmp'),
    ];
    for (const f of oldOnes) put(f, true);
    for (const f of fresh) put(f, false);
    for (const f of users) put(f, true);
    // a folder with a temporary-looking name is not ours to remove
    fs.mkdirSync(path.join(dir, '法治台账.db.restore-99'));
    fs.utimesSync(path.join(dir, '法治台账.db.restore-99'), HOUR_AGO, HOUR_AGO);

    const again = await openCore(file, { actor: '测试' });
    again.close();
    for (const f of oldOnes) expect(fs.existsSync(f), f).toBe(false);
    for (const f of [...fresh, ...users, path.join(dir, '法治台账.db.restore-99')]) expect(fs.existsSync(f), f).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    const logged = readLogTail(file)
      .lines.map((l) => JSON.parse(l))
      .filter((e) => e.kind === '清理临时文件');
    expect(logged.flatMap((e) => e.removed).sort()).toEqual(oldOnes.map((f) => path.basename(f)).sort());
  });

  it('the second backup folder is swept off the start-up path', async () => {
    const dir = tempDir();
    const second = path.join(dir, 'second');
    const stale = path.join(second, OURS[3]);
    const kept = path.join(second, '法治台账-20260205-093000-手动.db');
    put(stale, true);
    put(kept, true);
    expect(await cleanStaleTempsAsync(path.join(dir, 'a.db'), second)).toEqual([OURS[3]]);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(kept)).toBe(true);
    // an unreachable folder is not an error
    expect(await cleanStaleTempsAsync(path.join(dir, 'a.db'), path.join(dir, 'missing'))).toEqual([]);
  });
});
