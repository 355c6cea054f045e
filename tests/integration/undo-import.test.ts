// 撤销本次导入 (issue 16): an import records what it wrote (migration 11) and is undone by itself, all or nothing,
// audited, refused when a record it wrote was changed since; no full backup is made before an import any more.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../electron/server/index';
import { exportTo } from '../../electron/core/api/dispatch';
import { openCore, onProgress, type Progress } from '../../electron/core/core';
import { backupDirFor } from '../../electron/core/db/connection';
import { call, callFail, tempCore, tempDir } from '../helpers/db';
import { fazhi } from '../helpers/cli';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const HEAD = '案号,收到申请日期,申请人,被申请人\n';

async function importCsv(core: Awaited<ReturnType<typeof tempCore>>, csv: string, existing?: 'update' | 'skip') {
  return call(core, 'exchange.import', { kind: 'reconsideration', fileName: '复议.csv', content: b64(csv), ...(existing ? { existing } : {}) });
}

function liveCount(core: Awaited<ReturnType<typeof tempCore>>, kind: string): number {
  return core.db.prepare(`SELECT count(*) FROM ${kind} WHERE deleted_at IS NULL`).pluck().get() as number;
}

describe('撤销本次导入', () => {
  it('puts the rows an import inserted into the 回收站, audited, with no backup made before the import', async () => {
    const core = await tempCore();
    try {
      await call(core, 'ledger.create', {
        kind: 'reconsideration',
        values: { caseNo: '（2025）某复字第1号', receivedOn: '2025-03-01', applicant: '原有', respondent: '县局' },
      });
      const r = await importCsv(core, `${HEAD}（2025）某复字第2号,2025-03-02,甲,县局\n（2025）某复字第3号,2025-03-03,乙,县局\n`);
      expect(r.inserted).toBe(2);
      expect(r.importId).toBeGreaterThan(0);
      // the import made no full copy of the file (it can be undone by itself)
      const dir = backupDirFor(core.file);
      expect(fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.db')) : []).toEqual([]);
      const { imports } = await call(core, 'exchange.imports', {});
      expect(imports).toMatchObject([
        { id: r.importId, kind: 'reconsideration', kindName: '行政复议', fileName: '复议.csv', inserted: 2, updated: 0, undoneAt: null, actor: core.actor },
      ]);

      const u = await call(core, 'exchange.undoImport', { id: r.importId });
      expect(u).toMatchObject({ removed: 2, restored: 0, import: { id: r.importId, undoneBy: core.actor } });
      expect(liveCount(core, 'reconsideration')).toBe(1);
      // not deleted from the file: in the 回收站, where they can be restored
      const bin = await call(core, 'ledger.list', { kind: 'reconsideration', deleted: true });
      expect(bin.rows.map((x) => x.values.caseNo).sort()).toEqual(['（2025）某复字第2号', '（2025）某复字第3号']);
      const audit = await call(core, 'audit.list', { q: '撤销' });
      const entry = audit.rows.find((e) => e.action === '撤销导入');
      expect(entry?.summary).toMatch(/撤销.*“复议\.csv”导入的行政复议（导入编号 \d+）：2 条移入回收站/);
      expect((entry?.after as { toRecycleBin: string[] }).toRecycleBin).toHaveLength(2);
      // once only
      const again = await callFail(core, 'exchange.undoImport', { id: r.importId });
      expect(again.message).toMatch(/已于 .* 由 .* 撤销，不能再次撤销/);
      expect((await call(core, 'exchange.imports', {})).imports[0].undoneAt).not.toBeNull();
    } finally {
      core.close();
    }
  });

  it('gives the records an update-mode import changed their values back, each audited', async () => {
    const core = await tempCore();
    try {
      const a = await call(core, 'ledger.create', {
        kind: 'reconsideration',
        values: { caseNo: '（2025）某复字第1号', receivedOn: '2025-03-01', applicant: '原申请人', respondent: '县局', note: '原备注' },
      });
      const r = await importCsv(
        core,
        `${HEAD.trim()},备注\n（2025）某复字第1号,2025-03-01,新申请人,县局,表中备注\n（2025）某复字第5号,2025-03-05,丙,县局,\n`,
        'update',
      );
      expect({ inserted: r.inserted, updated: r.updated }).toEqual({ inserted: 1, updated: 1 });
      const changed = await call(core, 'ledger.get', { kind: 'reconsideration', id: a.id });
      expect(changed.values.applicant).toBe('新申请人');
      expect(changed.values.note).toBe('原备注；表中备注');

      const u = await call(core, 'exchange.undoImport', {});
      expect(u).toMatchObject({ removed: 1, restored: 1 });
      const back = await call(core, 'ledger.get', { kind: 'reconsideration', id: a.id });
      expect(back.values).toEqual(a.values);
      expect(back.deletedAt).toBeNull();
      expect(back.version).toBe(changed.version + 1);
      // the record's own history says what undo put back
      const restore = back.history.find((h) => h.summary?.includes('撤销导入编号'));
      expect(restore).toMatchObject({
        action: '修改',
        before: { applicant: '新申请人', note: '原备注；表中备注' },
        after: { applicant: '原申请人', note: '原备注' },
      });
    } finally {
      core.close();
    }
  });

  it('is refused, naming the records by 案号, when a record of the import was edited since; nothing changes', async () => {
    const core = await tempCore();
    try {
      const r = await importCsv(core, `${HEAD}（2025）某复字第7号,2025-03-07,丁,县局\n（2025）某复字第8号,2025-03-08,戊,县局\n`);
      const list = await call(core, 'ledger.list', { kind: 'reconsideration' });
      const row = list.rows.find((x) => x.values.caseNo === '（2025）某复字第8号')!;
      await call(core, 'ledger.update', { kind: 'reconsideration', id: row.id, version: row.version, values: { ...row.values, applicant: '导入后改过' } });
      const before = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const e = await callFail(core, 'exchange.undoImport', { id: r.importId });
      expect(e.code).toBe('STALE');
      expect(e.message).toContain('不能撤销');
      expect(e.message).toContain('案号“（2025）某复字第8号”已被修改（导入后为第 1 版，现为第 2 版）');
      expect(e.message).not.toContain('第7号');
      expect(e.message).toContain('没有做任何改动');
      // all or nothing: the unedited row of the import is still live, nothing audited, not marked undone
      expect(liveCount(core, 'reconsideration')).toBe(2);
      expect(core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
      expect((await call(core, 'exchange.imports', {})).imports[0].undoneAt).toBeNull();
      // a row of the import only deleted since is no obstacle: it is where undo puts it
      const other = list.rows.find((x) => x.values.caseNo === '（2025）某复字第7号')!;
      await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [other.id] });
      const e2 = await callFail(core, 'exchange.undoImport', { id: r.importId });
      expect(e2.message).toContain('第8号');
      expect(e2.message).not.toContain('第7号');
      // one purged from the 回收站 cannot be put back: said, even after a new record took its place at the table's end
      await call(core, 'ledger.purge', { kind: 'reconsideration', ids: [other.id], confirm: '彻底删除' });
      await call(core, 'ledger.create', {
        kind: 'reconsideration',
        values: { caseNo: '（2025）某复字第99号', receivedOn: '2025-04-01', applicant: '后来的', respondent: '县局' },
      });
      const e3 = await callFail(core, 'exchange.undoImport', { id: r.importId });
      expect(e3.message).toContain('导入的 1 条记录已被彻底删除');
      expect(e3.message).not.toContain('第99号');
    } finally {
      core.close();
    }
  });

  it('a file with problems writes nothing and records no import', async () => {
    const core = await tempCore();
    try {
      const r = await importCsv(core, `${HEAD}（2025）某复字第9号,2025-03-09,己,县局\n（2025）某复字第10号,不是日期,庚,县局\n`);
      expect(r.inserted).toBe(0);
      expect(r.errors.join()).toContain('第3行');
      expect(r.importId).toBeUndefined();
      expect((await call(core, 'exchange.imports', {})).imports).toEqual([]);
      expect((await callFail(core, 'exchange.undoImport', {})).message).toBe('没有可以撤销的导入');
    } finally {
      core.close();
    }
  });

  it('undoes a yearly table import: added rows go, replaced values come back', async () => {
    const core = await tempCore();
    try {
      await call(core, 'indicators.set', { year: 2025, items: [{ name: '法治培训次数', value: 3 }] });
      const csv = '年度,指标,数值\n2025,法治培训次数,9\n2025,普法活动场次,4\n';
      const r = await call(core, 'exchange.import', { kind: 'indicator', fileName: '指标.csv', content: b64(csv) });
      expect(r.inserted).toBe(2);
      const u = await call(core, 'exchange.undoImport', { id: r.importId });
      expect(u).toMatchObject({ removed: 1, restored: 1 });
      expect(core.db.prepare('SELECT name, value FROM indicators ORDER BY name').all()).toEqual([{ name: '法治培训次数', value: 3 }]);
    } finally {
      core.close();
    }
  });

  it('reports the import as progress under a Chinese label while it runs', async () => {
    const core = await tempCore();
    try {
      const seen: Progress[] = [];
      onProgress(core, (p) => seen.push({ ...p }));
      const rows = Array.from({ length: 6000 }, (_, i) => `（2024）某复字第${i + 1}号,2024-03-01,申请人${i},县局`).join('\n');
      const r = await importCsv(core, `${HEAD}${rows}\n`);
      expect(r.inserted).toBe(6000);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((p) => p.label === '正在导入“复议.csv”')).toBe(true);
      expect(seen.at(-1)).toMatchObject({ done: 6000, total: 6000 });
      // an export, by rows
      seen.length = 0;
      const out = path.join(tempDir(), '复议.xlsx');
      const ex = await exportTo(core, { kind: 'reconsideration', format: 'xlsx' }, out);
      expect(ex.ok).toBe(true);
      expect(seen.at(-1)).toMatchObject({ label: '正在导出行政复议案件台账-全部.xlsx', done: 6000, total: 6000 });
      // undoing it too, in chunks (the transaction stays open across them: the call runs alone)
      seen.length = 0;
      const u = await call(core, 'exchange.undoImport', { id: r.importId });
      expect(u.removed).toBe(6000);
      expect(seen.map((p) => p.label)).toEqual(Array(seen.length).fill('正在撤销导入'));
      expect(seen.map((p) => p.done)).toEqual([0, 2000, 4000, 6000, 6000]);
      // a backup reports the pages it copied
      seen.length = 0;
      await call(core, 'backup.create', {});
      expect(seen.at(-1)?.label).toBe('正在备份数据文件并校验');
      expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
      expect(seen.at(-1)!.total).toBeGreaterThan(10);
      const backup = await call(core, 'backup.create', {});
      // a restore: the 还原前 backup, then the backup copied in, in per mille
      seen.length = 0;
      await call(core, 'backup.restore', { file: backup.file });
      expect(new Set(seen.map((p) => p.label))).toEqual(new Set(['正在还原：先备份当前数据，再换上所选备份']));
      expect(seen.some((p) => p.done > 0 && p.done <= 500)).toBe(true);
      expect(seen.at(-1)).toMatchObject({ done: 1000, total: 1000 });
    } finally {
      core.close();
    }
  });
});

describe('fazhi undo-import', () => {
  it('lists imports and undoes one under the data-file lock, refused while browser mode holds the file', async () => {
    const dir = tempDir();
    const db = path.join(dir, '台账.db');
    const csv = path.join(dir, '复议.csv');
    fs.writeFileSync(csv, `${HEAD}（2025）某复字第11号,2025-03-11,辛,县局\n`);
    const imp = fazhi('import', csv, '--db', db, '--kind', 'reconsideration');
    expect(imp.code, imp.err).toBe(0);
    const listed = fazhi('imports', '--db', db);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/^1\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t行政复议\t复议\.csv\t新增 1\t/);

    const srv = await startServer({ db, rendererDir: tempDir(), autoBackup: false });
    try {
      const refused = fazhi('undo-import', '--db', db);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/正由本机的浏览器模式（进程 \d+）使用/);
      expect(srv.core.db.prepare('SELECT count(*) FROM reconsideration WHERE deleted_at IS NULL').pluck().get()).toBe(1);
    } finally {
      await srv.close();
    }
    const bad = fazhi('undo-import', '--db', db, '--id', 'x');
    expect(bad.code).toBe(2);
    const ok = fazhi('undo-import', '--db', db, '--id', '1');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toContain('已撤销导入编号 1（复议.csv，行政复议）：1 条移入回收站');
    const again = fazhi('undo-import', '--db', db, '--id', '1');
    expect(again.code).toBe(1);
    expect(again.err).toContain('不能再次撤销');
    const core = await openCore(db, { readonly: true });
    try {
      expect(core.db.prepare('SELECT count(*) FROM reconsideration WHERE deleted_at IS NOT NULL').pluck().get()).toBe(1);
      expect(core.db.prepare(`SELECT count(*) FROM audit_log WHERE action = '撤销导入'`).pluck().get()).toBe(1);
    } finally {
      core.close();
    }
  });

  it('prints the progress of a long import on stderr as whole lines when stderr is no terminal', () => {
    const dir = tempDir();
    const db = path.join(dir, '台账.db');
    const csv = path.join(dir, '大批复议.csv');
    fs.writeFileSync(csv, HEAD + Array.from({ length: 3000 }, (_, i) => `（2023）某复字第${i + 1}号,2023-03-01,申请人${i},县局`).join('\n'));
    const r = fazhiEnv({ FAZHI_PROGRESS_AFTER_MS: '0' }, 'import', csv, '--db', db, '--kind', 'reconsideration');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^正在导入“大批复议\.csv”：[\d,]+ \/ 3,000（\d+%）$/m);
    expect(r.err).not.toContain('\r');
  });
});

function fazhiEnv(env: Record<string, string>, ...args: string[]) {
  const root = path.resolve(__dirname, '..', '..');
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'fazhi.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
