// Issue 13 part 3: a data file found damaged is read-only until a backup is restored; a 0-byte data file is
// refused, never taken for a new ledger; a read-only file, folder or disk is reported as read-only, not damage.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { handlers } from '../../electron/core/api/handlers';
import { openCore, startIntegrityCheck, type Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/safety/open';
import { checkFileInWorker } from '../../electron/core/db/worker';
import { listBackups } from '../../electron/core/safety/backups';
import { serveMain, startServer } from '../../electron/server/index';
import { API_INPUTS, WRITE_METHODS, type ApiMethod } from '../../electron/domain/api';
import { call, callFail, tempCore, tempDir } from '../helpers/db';
import { fazhi } from '../helpers/cli';

/** A data file with 200 records and one verified backup, then pages in its middle scribbled over. */
async function damagedFile(): Promise<{ file: string; backup: string }> {
  const core = await tempCore();
  for (let i = 0; i < 200; i++)
    await call(core, 'ledger.create', { kind: 'decision', values: { title: `事项${i}`.repeat(20), sponsor: '县局', receivedOn: '2025-03-03' } });
  const backup = (await call(core, 'backup.create', {})).file;
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  const fd = fs.openSync(core.file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xab), 0, 4096 * 3, 4096 * 4);
  fs.closeSync(fd);
  return { file: core.file, backup };
}

/** Inputs that pass each writing method's zod check (the refusal must come before the handler runs). */
const WRITE_INPUTS: Record<string, unknown> = {
  'ledger.create': { kind: 'decision', values: { title: '损坏后新建', sponsor: '县局', receivedOn: '2025-03-04' } },
  'ledger.update': { kind: 'decision', id: 'x', version: 1, values: { title: '改' } },
  'ledger.delete': { kind: 'decision', ids: ['x'] },
  'ledger.restore': { kind: 'decision', ids: ['x'] },
  'ledger.import': { kind: 'decision', rows: [{ title: '导入', sponsor: '县局', receivedOn: '2025-03-04' }] },
  'ledger.purge': { kind: 'decision', ids: ['x'], confirm: '彻底删除' },
  'exchange.import': { kind: 'decision', fileName: 'a.csv', content: Buffer.from('事项名称\n导入\n').toString('base64') },
  'report.saveTemplate': { year: 2025, text: '模板', base: null },
  'settings.update': { patch: { 单位名称: '某县司法局' } },
  'indicators.set': { year: 2025, items: [{ name: '法治培训次数', value: 3 }] },
  'materials.set': { year: 2025, name: '工作亮点', content: '内容' },
  'calendar.addYear': { data: {} },
  'deadlines.dismiss': { kind: 'decision', id: 'x', field: 'dueOn', reason: '已另行处理' },
  'deadlines.restore': { kind: 'decision', id: 'x', field: 'dueOn' },
  'attach.begin': { kind: 'reconsideration', id: 'x', name: 'a.pdf', size: 10 },
  'attach.chunk': { uploadId: 'u', offset: 0, data: 'AAAA' },
  'attach.finish': { uploadId: 'u' },
  'attach.update': { kind: 'reconsideration', id: 'x', attachmentId: 'a', role: '其他' },
  'attach.reorder': { kind: 'reconsideration', id: 'x', volume: '正卷', order: ['a'] },
  'attach.delete': { kind: 'reconsideration', id: 'x', attachmentId: 'a' },
  'attach.restore': { kind: 'reconsideration', id: 'x', attachmentId: 'a' },
  'attach.purge': { kind: 'reconsideration', id: 'x', attachmentId: 'a' },
  'case.addParty': { kind: 'reconsideration', id: 'x', party: { role: '申请人', type: '自然人', name: '张三' } },
  'case.updateParty': { kind: 'reconsideration', id: 'x', partyId: 'p', party: { name: '李四' } },
  'case.deleteParty': { kind: 'reconsideration', id: 'x', partyId: 'p' },
  'exchange.undoImport': {},
  'case.addSuspension': { kind: 'reconsideration', id: 'x', period: { from: '2025-03-01' } },
  'case.updateSuspension': { kind: 'reconsideration', id: 'x', periodId: 'p', period: { to: '2025-03-10' } },
  'case.deleteSuspension': { kind: 'reconsideration', id: 'x', periodId: 'p' },
  'users.create': { login: 'wang', name: '王承办', role: '承办人', ledgers: ['decision'], password: 'a-long-password' },
  'users.update': { id: 1, disabled: true },

  'caseDocs.generate': { kind: 'reconsideration', id: 'x', docKind: '受理通知书', signer: '王某' },
  'caseDocs.addService': { kind: 'reconsideration', id: 'x', docId: 'd', service: { recipient: '张三', method: '直接', servedOn: '2025-03-01' } },
  'caseDocs.deleteService': { kind: 'reconsideration', id: 'x', serviceId: 's' },
  'caseDocs.saveTemplate': { docKind: '受理通知书', text: '正文', noPattern: null, base: null },
  'caseDocs.uploadTemplate': { docKind: '受理通知书', content: 'UEs=', base: null },
  'units.add': { name: '某县交通运输局', parentId: 1 },
  'units.update': { id: 1, name: '某县人民政府' },
  'units.package': { from: 2025, to: 2025 },
  'units.receive': { fileName: 'a.fzpkg', content: Buffer.from('x').toString('base64') },
};

describe('damage found by the start-up check makes the core read-only', () => {
  let core: Core | undefined;
  afterEach(() => core?.close());

  it('every writing method is refused with READ_ONLY and the backups to restore; reading, backups and 还原 go on', async () => {
    const { file, backup } = await damagedFile();
    core = await openCore(file, { actor: '测试' });
    // before the check has spoken, a write on sound pages still goes through (the trade-off of docs/decisions.md)
    expect((await call(core, 'settings.update', { patch: { 单位名称: '检查前' } })).values.单位名称).toBe('检查前');
    expect((await startIntegrityCheck(core)).state).toBe('damaged');

    expect(Object.keys(WRITE_INPUTS).sort()).toEqual([...WRITE_METHODS].sort());
    for (const m of WRITE_METHODS) {
      expect(API_INPUTS[m].safeParse(WRITE_INPUTS[m]).success, m).toBe(true);
      const e = await callFail(core, m, WRITE_INPUTS[m]);
      expect({ m, code: e.code }).toEqual({ m, code: 'READ_ONLY' });
      expect(e.message).toMatch(/数据文件已损坏，已切换为只读，本次修改没有保存.*还原备份.*最近的备份是 .*手动\.db/);
      expect((e.details as { backups: { file: string }[] }).backups.map((b) => b.file)).toEqual([backup]);
    }
    // the connection refuses too: a writing handler called past the door changes nothing
    await expect(Promise.resolve().then(() => handlers['settings.update'](core!, { patch: { 单位名称: '绕过' } }))).rejects.toThrow(/readonly/i);
    expect(core.settings.单位名称).toBe('检查前');
    // reading what is sound, searching, and the backups still work
    expect((await call(core, 'settings.get', {})).values.单位名称).toBe('检查前');
    expect((await call(core, 'backup.list', {})).backups.map((b) => b.file)).toEqual([backup]);
    // 立即备份 says at once why it cannot be done (a verified backup of a damaged file fails its check)
    expect((await callFail(core, 'backup.create', {})).message).toMatch(/数据文件已损坏，无法生成经过校验的备份。请还原最近的备份/);
    const found = await dispatch(core, 'ledger.list', { kind: 'contract', q: '合同' });
    expect(found.ok || (!found.ok && found.error.code === 'INTEGRITY')).toBe(true);
    expect((await call(core, 'app.info', {}).catch((e: Error) => e.message)).toString()).not.toMatch(/内部错误/);

    // 还原: the damaged file is kept as it was (a verified backup of it cannot be made), the backup comes back,
    // and the core is writable again
    const r = await call(core, 'backup.restore', { file: backup });
    expect(r.safetyBackup).toMatch(/损坏的数据文件[\\/]法治台账-.*-损坏\.db$/);
    // the copy is the damaged file as it was, with the work saved before the check spoke
    expect((await checkFileInWorker(r.safetyBackup!, true)).length).toBeGreaterThan(0);
    const kept = new Database(r.safetyBackup!, { readonly: true });
    expect(kept.prepare(`SELECT value FROM settings WHERE key = '单位名称'`).pluck().get()).toBe('"检查前"');
    kept.close();
    // kept out of the list of backups to restore, and so out of rotation
    expect(listBackups(path.join(path.dirname(file), 'backups')).map((b) => b.file)).toEqual([backup]);
    expect(core.integrity.state).toBe('ok');
    expect((await call(core, 'app.info', {})).counts.decision).toBe(200);
    await call(core, 'ledger.create', WRITE_INPUTS['ledger.create'] as never);
    expect((await call(core, 'app.info', {})).counts.decision).toBe(201);
  });

  it('damage met by a read before the check has finished switches to read-only as well', async () => {
    const { file } = await damagedFile();
    core = await openCore(file, { actor: '测试' });
    const r = await dispatch(core, 'app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTEGRITY');
    expect(core.integrity.state).toBe('damaged');
    expect((await callFail(core, 'ledger.create', WRITE_INPUTS['ledger.create'])).code).toBe('READ_ONLY');
  });

  it('reading methods are not refused as writes', () => {
    const reads = (Object.keys(API_INPUTS) as ApiMethod[]).filter((m) => !WRITE_METHODS.has(m));
    expect(reads).toContain('backup.restore');
    expect(reads).toContain('backup.create');
    expect(reads).toContain('exchange.export');
    expect(reads).not.toContain('ledger.create');
  });
});

describe('a 0-byte data file', () => {
  function emptyWithBackup(): { file: string } {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.db');
    fs.writeFileSync(file, '');
    return { file };
  }

  it('is refused, with the backups offered, even when asked to create; it stays as it was', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'decision', values: { title: '备份里的事项', sponsor: '县局', receivedOn: '2025-03-03' } });
    const backup = (await call(core, 'backup.create', {})).file;
    core.close();
    for (const f of [core.file, `${core.file}-wal`, `${core.file}-shm`]) fs.rmSync(f, { force: true });
    fs.writeFileSync(core.file, '');
    for (const create of [false, true]) {
      const err = await openDatabase(core.file, { create }).catch((e) => e);
      expect(err.code).toBe('INTEGRITY');
      expect(err.message).toMatch(/数据文件是空的（0 字节），可能在复制或保存时中断.*最近的备份是 .*手动\.db/);
      expect((err.details as { backups: { file: string }[] }).backups.map((b) => b.file)).toEqual([backup]);
    }
    await expect(startServer({ db: core.file, rendererDir: core.dir, autoBackup: false, create: true })).rejects.toThrow(/数据文件是空的（0 字节）/);
    // browser mode started from the terminal says how to restore there (its page cannot open to offer it)
    const renderer = tempDir();
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void printed.push(m));
    expect(await serveMain(['--db', core.file, '--port', '0'], renderer)).toBe(1);
    vi.restoreAllMocks();
    expect(printed.join('\n')).toMatch(/数据文件是空的（0 字节）[\s\S]*还原最近的备份：fazhi restore --db ".*ledger\.db" --from ".*手动\.db"/);
    expect(fs.statSync(core.file).size).toBe(0);
    expect(fs.readdirSync(core.dir).sort()).toEqual(['backups', 'ledger.db']);
    // the way out: restore the backup onto it from the command line
    const r = fazhi('restore', '--db', core.file, '--from', backup);
    expect(r.code, r.err).toBe(0);
    const db = await openDatabase(core.file);
    expect(db.prepare('SELECT title FROM decision').pluck().all()).toEqual(['备份里的事项']);
    db.close();
  });

  it('the command line, which creates a missing file to import into, refuses it too, and check says it is empty', () => {
    const { file } = emptyWithBackup();
    const csv = path.join(path.dirname(file), 'a.csv');
    fs.writeFileSync(csv, '事项名称,决策承办单位,收到送审日期\n导入的事项,县局,2025-03-03\n');
    // import creates a missing data file on its own (as --create does elsewhere); an empty one it must not
    const r = fazhi('import', csv, '--db', file, '--kind', 'decision');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/数据文件是空的（0 字节）/);
    expect(fazhi('check', '--db', file).err).toMatch(/数据文件是空的（0 字节）/);
    expect(fs.statSync(file).size).toBe(0);
  });

  it('a new file is made whole under a temporary name: never 0 bytes, nothing left beside it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'new.db');
    const db = await openDatabase(file, { create: true });
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    db.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.new-'))).toEqual([]);
    const again = await openDatabase(file);
    again.close();
  });
});

describe('a read-only file, folder or disk is reported as read-only, not as damage', () => {
  afterEach(() => vi.restoreAllMocks());

  /**
   * A real read-only disk: a tmpfs holding a sound data file, remounted read-only (as a write-protected U 盘).
   * Needs the right to mount (root here, as the tests run). Without it, a non-root run uses chmod, which is
   * just as real for an ordinary user; only root without mount rights falls back to the errno of the next test.
   */
  it('a data file on a read-only disk', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.db');
    let how: 'mount' | 'chmod' | 'mock' = 'mock';
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir], { stdio: 'ignore' });
      how = 'mount';
    } catch {
      if (process.getuid?.() !== 0) how = 'chmod';
    }
    try {
      const db = await openDatabase(file, { create: true });
      db.close();
      if (how === 'mount') execFileSync('mount', ['-o', 'remount,ro', dir]);
      else if (how === 'chmod') {
        fs.chmodSync(file, 0o444);
        fs.chmodSync(dir, 0o555);
      } else {
        vi.spyOn(fs, 'accessSync').mockImplementation(() => {
          throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
        });
      }
      if (how === 'mount') expect(() => fs.writeFileSync(path.join(dir, 'x'), '')).toThrow(/EROFS|read-only/i);
      const err = await openDatabase(file).catch((e) => e);
      expect(err.code).toBe('READ_ONLY');
      expect(err.message).toMatch(how === 'chmod' ? /只读（没有写入权限）/ : /所在的磁盘是只读的.*这不是数据文件损坏/);
      expect(err.message).not.toMatch(/已损坏/);
      // browser mode says the same
      await expect(startServer({ db: file, rendererDir: dir, autoBackup: false })).rejects.toThrow(/只读/);
      // the command line's check (a child process, so never mocked): a WAL file on a read-only disk cannot even be
      // read — SQLite needs its -shm file beside it — and it says so rather than calling the file damaged
      const check = fazhi('check', '--db', file);
      if (how === 'mock') expect(check.code, check.err).toBe(0);
      else {
        expect(check.code).toBe(1);
        expect(check.err).toMatch(/无法在只读的位置读取数据文件/);
        expect(check.err).not.toMatch(/已损坏/);
      }
    } finally {
      if (how === 'mount') execFileSync('umount', [dir]);
      if (how === 'chmod') fs.chmodSync(dir, 0o755);
    }
  });

  // what this proves: the errno a read-only file (EACCES), folder (EACCES) or disk (EROFS) gives is turned into
  // the right message. It cannot prove the operating system gives it: the test above does, on a real disk.
  it('the errno of a read-only file, folder and disk each give their own message', async () => {
    const core = await tempCore();
    core.close();
    const real = fs.accessSync;
    for (const [target, code, msg] of [
      ['file', 'EACCES', /数据文件是只读的（没有写入权限）/],
      ['folder', 'EACCES', /数据文件所在的文件夹是只读的（没有写入权限）.*-wal、-shm/],
      ['file', 'EROFS', /所在的磁盘是只读的/],
    ] as const) {
      vi.spyOn(fs, 'accessSync').mockImplementation((p, mode) => {
        if (mode === fs.constants.W_OK && (target === 'file' ? p === core.file : p === core.dir)) throw Object.assign(new Error(code), { code });
        return real(p, mode);
      });
      const err = await openDatabase(core.file).catch((e) => e);
      expect({ target, code, err: err.code }).toEqual({ target, code, err: 'READ_ONLY' });
      expect(err.message).toMatch(msg);
      expect(err.message).toMatch(/这不是数据文件损坏/);
      vi.restoreAllMocks();
    }
    // and with write access the same file opens
    const db = await openDatabase(core.file);
    db.close();
    // a file opened only for reading (the CLI's check, exports) is not asked to be writable
    const ro = new Database(core.file, { readonly: true });
    ro.close();
  });
});
