// Backups and restore on real files: rotation, manifest, second folder, restore that can be undone, purge.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsToKeep, createBackup, listBackups, pinOf, restoreDatabase, rotateBackups } from '../../electron/core/safety/backups';
import { call, callFail, tempCore, tempDir } from '../helpers/db';
import { openCore } from '../../electron/core/core';
import { dispatch } from '../../electron/core/api/dispatch';
import { fazhi } from '../helpers/cli';
import Database from 'better-sqlite3';
import { appendAudit } from '../../electron/core/safety/audit';
import { tableCounts } from '../../electron/core/safety/backup';

describe('rotation', () => {
  const now = new Date('2026-02-10T15:00:00');
  const at = (s: string) => new Date(s).toISOString();
  it('keeps 6 of today, the newest of each of 30 days, the newest of each of 12 months, and every manual one', () => {
    const list = [
      ...Array.from({ length: 8 }, (_, i) => ({ file: `today${i}`, at: at(`2026-02-10T0${i + 1}:00:00`), reason: '自动' })),
      { file: 'feb9-late', at: at('2026-02-09T18:00:00'), reason: '自动' },
      { file: 'feb9-early', at: at('2026-02-09T08:00:00'), reason: '自动' },
      { file: 'jan20', at: at('2026-01-20T08:00:00'), reason: '自动' },
      { file: 'dec-late', at: at('2025-12-20T08:00:00'), reason: '自动' },
      { file: 'dec-early', at: at('2025-12-02T08:00:00'), reason: '自动' },
      { file: 'manual-old', at: at('2024-06-01T08:00:00'), reason: '手动' },
      { file: 'ancient', at: at('2024-06-01T09:00:00'), reason: '自动' },
    ];
    const keep = backupsToKeep(list, now);
    expect([...keep].sort()).toEqual(['dec-late', 'feb9-late', 'jan20', 'manual-old', 'today2', 'today3', 'today4', 'today5', 'today6', 'today7'].sort());
  });
});

describe('pinned backups', () => {
  const now = new Date('2026-02-10T15:00:00');
  const at = (s: string) => new Date(s).toISOString();
  it('keeps what undoes a restore or an upgrade for good and what undoes an import for 30 days, whatever the rotation says', () => {
    const list = [
      ...Array.from({ length: 8 }, (_, i) => ({ file: `today${i}`, at: at(`2026-02-10T0${i + 1}:00:00`), reason: '自动' })),
      { file: 'restore-today', at: at('2026-02-10T00:30:00'), reason: '还原前' },
      { file: 'restore-old', at: at('2024-03-01T08:00:00'), reason: '还原前' },
      { file: 'restore-old-2', at: at('2024-03-01T07:00:00'), reason: '还原前' },
      { file: 'upgrade-old', at: at('2024-03-02T08:00:00'), reason: '升级前-v3' },
      { file: 'import-recent', at: at('2026-01-20T07:00:00'), reason: '导入前' },
      { file: 'jan20-late', at: at('2026-01-20T08:00:00'), reason: '自动' },
      { file: 'import-expired', at: at('2025-12-20T07:00:00'), reason: '导入前' },
      { file: 'dec20-late', at: at('2025-12-20T08:00:00'), reason: '自动' },
    ];
    const keep = backupsToKeep(list, now);
    for (const f of ['restore-today', 'restore-old', 'restore-old-2', 'upgrade-old', 'import-recent']) expect(keep.has(f), f).toBe(true);
    // past its 30 days an import's backup is rotated like any other (here: not the newest of its month)
    expect(keep.has('import-expired')).toBe(false);
    // pinned backups take no place from today's six
    expect(['today2', 'today3', 'today4', 'today5', 'today6', 'today7'].every((f) => keep.has(f))).toBe(true);
    expect(pinOf('导入前', at('2026-01-20T07:00:00'), now)).toMatchObject({ pinned: true, pinnedWhy: expect.stringContaining('至 2026-02-19') });
    expect(pinOf('导入前', at('2025-12-20T07:00:00'), now).pinned).toBe(false);
    expect(pinOf('自动', at('2026-02-10T07:00:00'), now).pinned).toBe(false);
  });

  it('a restore can still be undone after 20 more automatic backups the same day', async () => {
    const core = await tempCore({ now: () => new Date('2026-02-10T09:00:00') });
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '还原前就有', sponsor: '甲', receivedOn: '2025-03-03' } });
    const b = await call(core, 'backup.create', {});
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '还原后会不见', sponsor: '甲', receivedOn: '2025-03-04' } });
    const r = await call(core, 'backup.restore', { file: b.file });
    const dir = path.dirname(b.file);
    for (let i = 0; i < 20; i++) {
      const t = new Date(`2026-02-10T10:${String(i).padStart(2, '0')}:00`);
      await createBackup(core.db, { dir, reason: '自动', now: t });
    }
    expect(fs.existsSync(r.safetyBackup!)).toBe(true);
    const list = await call(core, 'backup.list', {});
    // the rotation did run: of the 20 automatic ones only today's six are left
    expect(list.backups.filter((x) => x.reason === '自动')).toHaveLength(6);
    const pinned = list.backups.find((x) => x.file === r.safetyBackup)!;
    expect(pinned).toMatchObject({ reason: '还原前', pinned: true, pinnedWhy: expect.stringContaining('撤销') });
    expect(list.backups.find((x) => x.file === b.file)).toMatchObject({ pinned: false });
    await call(core, 'backup.restore', { file: r.safetyBackup! });
    const titles = (await call(core, 'ledger.list', { kind: 'decision' })).rows.map((x) => x.values.title).sort();
    expect(titles).toEqual(['还原前就有', '还原后会不见'].sort());
    core.close();
  });

  it('pins a pre-upgrade backup that has no manifest, by its name', async () => {
    const dir = tempDir();
    const core = await tempCore();
    const b = await createBackup(core.db, { dir, reason: '自动', now: new Date('2020-01-05T08:00:00') });
    core.close();
    const upgrade = path.join(dir, '法治台账-20200105-080000-升级前-v3.db');
    fs.renameSync(b.file, upgrade);
    fs.rmSync(`${b.file}.json`);
    // without a manifest the time is the file's own: six years old, far beyond what the rotation keeps
    const old = new Date('2020-01-05T08:00:00');
    fs.utimesSync(upgrade, old, old);
    const [only] = listBackups(dir);
    expect(only).toMatchObject({ reason: '升级前-v3', pinned: true });
    expect(rotateBackups(dir, new Date('2026-02-10T15:00:00'))).toEqual([]);
    expect(fs.existsSync(upgrade)).toBe(true);
  });
});

describe('backups and restore', () => {
  it('writes a verified backup with its manifest and a copy in the second folder', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '事项一', sponsor: '甲', receivedOn: '2025-03-03' } });
    const second = tempDir();
    await call(core, 'settings.update', { patch: { 'backup.secondDir': second } });
    const b = await call(core, 'backup.create', {});
    expect(b.counts.decision).toBe(1);
    expect(b.secondCopy && fs.existsSync(b.secondCopy)).toBe(true);
    const list = await call(core, 'backup.list', {});
    expect(list.backups[0].reason).toBe('手动');
    expect(listBackups(second)).toHaveLength(1);
    core.close();
  });

  it('restores a backup through the API, and the restore itself can be undone', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '备份时已有', sponsor: '甲', receivedOn: '2025-03-03' } });
    const b = await call(core, 'backup.create', {});
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '备份后新增', sponsor: '甲', receivedOn: '2025-03-04' } });
    const r = await call(core, 'backup.restore', { file: b.file });
    expect(r.safetyBackup).toBeTruthy();
    const titles = async () => (await call(core, 'ledger.list', { kind: 'decision' })).rows.map((x) => x.values.title).sort();
    expect(await titles()).toEqual(['备份时已有']);
    expect((await call(core, 'audit.list', {})).rows[0].action).toBe('还原');
    await call(core, 'backup.restore', { file: r.safetyBackup! });
    expect(await titles()).toEqual(['备份后新增', '备份时已有']);
    core.close();
  });

  it('refuses to restore from a damaged or foreign file and leaves the data alone', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '原有', sponsor: '甲', receivedOn: '2025-03-03' } });
    const junk = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(junk, Buffer.alloc(4096, 1));
    expect((await callFail(core, 'backup.restore', { file: junk })).message).toMatch(/不是有效的数据库|无法打开|损坏/);
    expect((await callFail(core, 'backup.restore', { file: path.join(tempDir(), 'none.db') })).code).toBe('NOT_FOUND');
    expect((await call(core, 'app.info', {})).counts.decision).toBe(1);
    core.close();
  });

  it('restores from the command line, naming the safety backup', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'contract', values: { title: '合同甲', submitter: '甲', receivedOn: '2025-03-03' } });
    const b = await createBackup(core.db, { dir: tempDir(), reason: '手动' });
    await call(core, 'ledger.create', { kind: 'contract', values: { title: '合同乙', submitter: '甲', receivedOn: '2025-03-03' } });
    const file = core.file;
    core.close();
    const r = fazhi('restore', '--db', file, '--from', b.file);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('还原前的数据已备份到');
    const c2 = await openCore(file);
    expect((await call(c2, 'app.info', {})).counts.contract).toBe(1);
    c2.close();
  });

  it('restoreDatabase never uses the data file as its own source', async () => {
    const core = await tempCore();
    core.close();
    await expect(restoreDatabase(core.file, core.file)).rejects.toThrow(/自身/);
  });
});

describe('a restore in the app', () => {
  it('waits for the calls in flight and holds back the ones that arrive meanwhile (none refused, none lost)', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '备份里有', sponsor: '甲', receivedOn: '2025-03-03' } });
    const b = await call(core, 'backup.create', {});
    const content = Buffer.from(['决策事项名称,承办单位,送审日期', ...Array.from({ length: 50 }, (_, i) => `导入${i},县局,2025-03-03`)].join('\n')).toString(
      'base64',
    );
    // an import spans awaits (reading the file, then writing); the restore and a save are asked for meanwhile
    const importing = dispatch(core, 'exchange.import', { kind: 'decision', fileName: 'a.csv', content });
    const restoring = dispatch(core, 'backup.restore', { file: b.file });
    const saving = dispatch(core, 'ledger.create', { kind: 'decision', values: { title: '还原时保存', sponsor: '甲', receivedOn: '2025-03-04' } });
    const [imp, res, save] = await Promise.all([importing, restoring, saving]);
    expect(imp.ok && (imp.data as { inserted: number }).inserted).toBe(50);
    expect(res.ok, JSON.stringify(res)).toBe(true);
    expect(save.ok, JSON.stringify(save)).toBe(true);
    // the import finished before the restore began: it is in the 还原前 backup; the save came after: in the file
    const titles = (await call(core, 'ledger.list', { kind: 'decision', pageSize: 200 })).rows.map((x) => x.values.title).sort();
    expect(titles).toEqual(['备份里有', '还原时保存'].sort());
    const safety = new Database((res as { data: { safetyBackup: string } }).data.safetyBackup, { readonly: true });
    expect(safety.prepare("SELECT count(*) FROM decision WHERE title LIKE '导入%'").pluck().get()).toBe(50);
    safety.close();
    core.close();
  });
});

describe('purge', () => {
  it('only removes rows already in the 回收站, only when confirmed, and audits every value', async () => {
    const core = await tempCore();
    const r = await call(core, 'ledger.create', { kind: 'decision', values: { title: '要彻底删除的', sponsor: '甲', receivedOn: '2025-03-03' } });
    expect((await callFail(core, 'ledger.purge', { kind: 'decision', ids: [r.id] })).code).toBe('INVALID_INPUT');
    expect((await callFail(core, 'ledger.purge', { kind: 'decision', ids: [r.id], confirm: '彻底删除' })).message).toContain('不在回收站中');
    await call(core, 'ledger.delete', { kind: 'decision', ids: [r.id] });
    expect((await call(core, 'ledger.purge', { kind: 'decision', ids: [r.id], confirm: '彻底删除' })).count).toBe(1);
    const log = await call(core, 'audit.list', { recordId: r.id });
    expect(log.rows[0].action).toBe('彻底删除');
    expect((log.rows[0].before as { title: string }).title).toBe('要彻底删除的');
    core.close();
  });
});

describe('a backup while others write', () => {
  it('never fails its own count check, and its counts are what the copy holds', async () => {
    const core = await tempCore();
    // a file big enough that the online backup takes several steps (100 pages each), with writes between them
    const rows = Array.from({ length: 1500 }, (_, i) => ({ title: `事项${i}${'的说明文字'.repeat(40)}`, sponsor: '县局', receivedOn: '2025-03-03' }));
    await call(core, 'ledger.import', { kind: 'decision', rows });
    const other = new Database(core.file);
    other.pragma('busy_timeout = 5000');
    const dir = tempDir();
    const failures: string[] = [];
    let writesDuring = 0;
    const N = 6;
    for (let round = 0; round < N; round++) {
      let done = false;
      // the app's own connection and a second connection both write while the backup runs
      const writer = (async () => {
        for (let i = 0; !done && i < 200; i++) {
          if (i % 2)
            await call(core, 'ledger.create', { kind: 'decision', values: { title: `备份时新增${round}-${i}`, sponsor: '甲', receivedOn: '2025-03-04' } });
          else appendAudit(other, { at: new Date().toISOString(), actor: '另一个连接', action: '年度素材', summary: `另一个连接写入${round}-${i}` });
          writesDuring++;
          await new Promise((r) => setImmediate(r));
        }
      })();
      try {
        const b = await createBackup(core.db, { dir, reason: '手动' });
        const copy = new Database(b.file, { readonly: true });
        try {
          expect(tableCounts(copy)).toEqual(b.counts);
          expect(JSON.parse(fs.readFileSync(`${b.file}.json`, 'utf8')).counts).toEqual(b.counts);
        } finally {
          copy.close();
        }
      } catch (e) {
        failures.push((e as Error).message);
      } finally {
        done = true;
        await writer;
      }
    }
    other.close();
    expect(failures).toEqual([]);
    // the writes really ran during the backups (otherwise this test would prove nothing)
    expect(writesDuring).toBeGreaterThan(N * 3);
    core.close();
  });
});
