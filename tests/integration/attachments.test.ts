// Issue 18 item 4: attachments (电子卷宗) of a record — migration 13, chunked upload, order, 回收站, the 卷内目录
// and 归档包 read back, backups that carry the contents and a restore that checks every one by its hash, and the
// chunked upload through the real browser-mode server (no single request larger than a chunk).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reopenCore, type Core } from '../../electron/core/core';
import { dispatch } from '../../electron/core/api/dispatch';
import { blobPath, storeDirFor } from '../../electron/core/attachments-store';
import { backupDirFor } from '../../electron/core/db/connection';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { createBackup, listBackups, restoreDatabase } from '../../electron/core/safety/backups';
import { startServer } from '../../electron/server/index';
import type { AttachmentsView } from '../../electron/domain/api';
import { ATTACHMENT_CHUNK_BYTES, MAX_ATTACHMENT_BYTES } from '../../electron/domain/attachments';
import { fazhi } from '../helpers/cli';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

let core: Core & { dir: string };
beforeEach(async () => {
  core = await tempCore();
});
afterEach(() => {
  if (core.db.open) core.close();
});

const CASE = { caseNo: '（2025）某复字第7号', receivedOn: '2025-09-19', applicant: '某某商贸有限公司', respondent: '县市场监督管理局', handler: '李明' };
const newCase = () => call(core, 'ledger.create', { kind: 'reconsideration', values: CASE });

/** Bytes that differ per name (a PDF-like header, then pseudo-random filler of the given size). */
function bytesOf(name: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  const head = Buffer.from(`%PDF-1.4 ${name}\n`);
  head.copy(out, 0, 0, Math.min(size, head.length));
  for (let i = head.length; i < size; i += 32) crypto.createHash('sha256').update(`${name}${i}`).digest().copy(out, i);
  return out;
}

async function upload(
  c: Core,
  kind: 'reconsideration' | 'decision',
  id: string,
  name: string,
  bytes: Buffer,
  extra: { role?: string; volume?: '正卷' | '副卷' } = {},
) {
  const { uploadId, chunkBytes } = await call(c, 'attach.begin', { kind, id, name, size: bytes.length, ...extra });
  for (let off = 0; off < bytes.length; off += chunkBytes) {
    await call(c, 'attach.chunk', { uploadId, offset: off, data: bytes.subarray(off, off + chunkBytes).toString('base64') });
  }
  return call(c, 'attach.finish', { uploadId });
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const auditCount = (c: Core) => c.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
/** Every file under a folder (relative paths), for "nothing changed" checks. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

describe('migration 13', () => {
  it('adds the attachments table to a file of the version before it; the records written then are untouched', async () => {
    const i13 = MIGRATIONS.findIndex((m) => m.version === 13);
    const prev = MIGRATIONS[i13 - 1].version;
    const file = path.join(tempDir(), `v${prev}.db`);
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.slice(0, i13)) {
      raw.exec(m.sql);
      m.run?.(raw);
      raw.pragma(`user_version = ${m.version}`);
    }
    raw
      .prepare(
        `INSERT INTO reconsideration (id, version, created_at, updated_at, manual, "caseNo", "applicant") VALUES ('r1', 1, '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z', '', '旧案1号', '张三')`,
      )
      .run();
    raw.close();
    const db = await openDatabase(file, { migrations: MIGRATIONS.slice(0, i13 + 1) });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(13);
      expect(db.prepare(`SELECT "caseNo", applicant FROM reconsideration WHERE id = 'r1'`).get()).toEqual({ caseNo: '旧案1号', applicant: '张三' });
      expect(fs.readdirSync(path.join(path.dirname(file), 'backups')).filter((f) => f.endsWith('.db'))).toEqual([
        expect.stringMatching(new RegExp(`升级前-v${prev}\\.db$`)),
      ]);
      const ins = db.prepare(
        `INSERT INTO attachments (id, kind, record_id, sha256, size, name, role, volume, sort_order, added_at, added_by, updated_at) VALUES (?, 'reconsideration', 'r1', ?, ?, 'a.pdf', '申请书', ?, 1, 'x', '测试', 'x')`,
      );
      ins.run('a1', 'a'.repeat(64), 10, '正卷');
      expect(() => ins.run('a2', 'a'.repeat(64), 10, '第三卷')).toThrow(/CHECK/);
      expect(() => ins.run('a3', 'A'.repeat(64), 10, '正卷')).toThrow(/CHECK/);
      expect(() => ins.run('a4', 'b'.repeat(64), 0, '正卷')).toThrow(/CHECK/);
      expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('attachments of a record', () => {
  it('are added in chunks, stored once by content hash, listed in order, reordered, moved between 卷 and audited', async () => {
    const c = await newCase();
    const scan = bytesOf('申请书', ATTACHMENT_CHUNK_BYTES * 2 + 1234);
    const first = await upload(core, 'reconsideration', c.id, '行政复议申请书.pdf', scan, { role: '申请书' });
    expect(first.added).toMatchObject({
      name: '行政复议申请书.pdf',
      role: '申请书',
      volume: '正卷',
      size: scan.length,
      sha256: sha(scan),
      sortOrder: 1,
      addedBy: '测试',
    });
    expect(fs.readFileSync(blobPath(storeDirFor(core.file), sha(scan))).equals(scan)).toBe(true);
    await upload(core, 'reconsideration', c.id, 'C:\\扫描\\证据一.jpg', bytesOf('证据一', 5000), { role: '申请人证据' });
    await upload(core, 'reconsideration', c.id, '证据二.png', bytesOf('证据二', 7000), { role: '申请人证据' });
    // the same content attached again is one file in the store
    let v: AttachmentsView = await upload(core, 'reconsideration', c.id, '审批表.docx', scan, { role: '其他', volume: '副卷' });
    expect(v.live.map((a) => [a.volume, a.sortOrder, a.name])).toEqual([
      ['正卷', 1, '行政复议申请书.pdf'],
      ['正卷', 2, '证据一.jpg'],
      ['正卷', 3, '证据二.png'],
      ['副卷', 1, '审批表.docx'],
    ]);
    expect(filesUnder(storeDirFor(core.file)).filter((f) => !f.startsWith('.uploads'))).toHaveLength(3);
    expect(filesUnder(path.join(storeDirFor(core.file), '.uploads'))).toEqual([]);

    const [a1, a2, a3] = v.live;
    v = await call(core, 'attach.reorder', { kind: 'reconsideration', id: c.id, volume: '正卷', order: [a3.id, a1.id, a2.id] });
    expect(v.live.filter((a) => a.volume === '正卷').map((a) => a.name)).toEqual(['证据二.png', '行政复议申请书.pdf', '证据一.jpg']);
    // an order that is not every live attachment of the 卷 exactly once is refused
    const bad = await callFail(core, 'attach.reorder', { kind: 'reconsideration', id: c.id, volume: '正卷', order: [a3.id, a1.id] });
    expect(bad.message).toMatch(/正卷的附件已有变动/);
    v = await call(core, 'attach.update', { kind: 'reconsideration', id: c.id, attachmentId: a2.id, volume: '副卷', note: '原件已退回' });
    expect(v.live.find((a) => a.id === a2.id)).toMatchObject({ volume: '副卷', sortOrder: 2, note: '原件已退回' });
    expect((await callFail(core, 'attach.update', { kind: 'reconsideration', id: c.id, attachmentId: a2.id, role: '判决书' })).message).toMatch(
      /附件类别只能是：申请书/,
    );

    const history = (await call(core, 'ledger.get', { kind: 'reconsideration', id: c.id })).history;
    expect(history.filter((h) => h.action === '附件').map((h) => h.summary)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('添加附件“行政复议申请书.pdf”（正卷，申请书'),
        expect.stringContaining('调整正卷附件顺序'),
        expect.stringContaining('修改附件“证据一.jpg”'),
      ]),
    );
  });

  it('deleting goes to the 回收站 and back; 彻底删除 removes the row but never the content', async () => {
    const c = await newCase();
    const bytes = bytesOf('答复书', 3000);
    const { added } = await upload(core, 'reconsideration', c.id, '答复书.pdf', bytes, { role: '答复书' });
    let v = await call(core, 'attach.delete', { kind: 'reconsideration', id: c.id, attachmentId: added.id });
    expect(v.live).toEqual([]);
    expect(v.deleted.map((a) => a.name)).toEqual(['答复书.pdf']);
    // the 回收站 page lists it with its record
    expect((await call(core, 'attach.bin', {})).rows.map((a) => [a.name, a.record])).toEqual([['答复书.pdf', '行政复议“（2025）某复字第7号”']]);
    v = await call(core, 'attach.restore', { kind: 'reconsideration', id: c.id, attachmentId: added.id });
    expect(v.live.map((a) => a.name)).toEqual(['答复书.pdf']);
    expect((await callFail(core, 'attach.purge', { kind: 'reconsideration', id: c.id, attachmentId: added.id })).message).toMatch(/不在回收站中，请先删除/);
    await call(core, 'attach.delete', { kind: 'reconsideration', id: c.id, attachmentId: added.id });
    v = await call(core, 'attach.purge', { kind: 'reconsideration', id: c.id, attachmentId: added.id });
    expect(v).toEqual({ live: [], deleted: [] });
    expect(fs.readFileSync(blobPath(storeDirFor(core.file), sha(bytes))).equals(bytes)).toBe(true);
    const last = core.db.prepare(`SELECT summary FROM audit_log WHERE action = '附件' ORDER BY seq DESC LIMIT 1`).pluck().get();
    expect(last).toMatch(/彻底删除附件“答复书.pdf”（文件内容仍保留/);
  });

  it('hostile file names are kept as a bare, bounded name (no folders, no control or forbidden characters)', async () => {
    const c = await newCase();
    const names: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['C:\\Windows\\system32\\a<b>c:d|e?.pdf', 'a_b_c_d_e_.pdf'],
      ['\u0000\u0007报告\u001f.docx', '__报告_.docx'],
      ['...', '未命名文件'],
      [`${'长'.repeat(250)}.pdf`, `${'长'.repeat(116)}.pdf`],
    ];
    for (const [given, kept] of names) {
      const v = await upload(core, 'reconsideration', c.id, given, bytesOf(given, 100));
      expect(v.added.name, given).toBe(kept);
    }
  });

  it('any ledger can have attachments (a 重大行政决策 record)', async () => {
    const r = await call(core, 'ledger.create', { kind: 'decision', values: { title: '某县重大行政决策', sponsor: '县政府办', receivedOn: '2025-03-04' } });
    const v = await upload(core, 'decision', r.id, '送审稿.docx', bytesOf('送审稿', 900), { role: '送审材料' });
    expect(v.live.map((a) => [a.kind, a.role])).toEqual([['decision', '送审材料']]);
  });

  it('an empty file, a file over the limit and a chunk past the declared size are refused in Chinese, and nothing changes', async () => {
    const c = await newCase();
    const before = { audit: auditCount(core), files: filesUnder(storeDirFor(core.file)) };
    const empty = await callFail(core, 'attach.begin', { kind: 'reconsideration', id: c.id, name: '空白.pdf', size: 0 });
    expect(empty.message).toBe('文件“空白.pdf”是空的（0 字节），未添加。请确认扫描或复制已完成后再添加');
    const big = await callFail(core, 'attach.begin', { kind: 'reconsideration', id: c.id, name: '全卷扫描.pdf', size: MAX_ATTACHMENT_BYTES + 1 });
    expect(big.message).toBe('文件“全卷扫描.pdf”（100.0 MB）超过单个附件 100 MB 的上限，未添加。请分册扫描或压缩后再添加');
    const bigger = await callFail(core, 'attach.begin', { kind: 'reconsideration', id: c.id, name: '录像.mp4', size: 130 * 1024 * 1024 });
    expect(bigger.message).toMatch(/^文件“录像.mp4”（130.0 MB）超过单个附件 100 MB 的上限/);
    // a client that lies about the size: the chunk that goes past it ends the upload, the staging file goes
    const { uploadId } = await call(core, 'attach.begin', { kind: 'reconsideration', id: c.id, name: '说谎.pdf', size: 10 });
    const past = await callFail(core, 'attach.chunk', { uploadId, offset: 0, data: Buffer.alloc(11, 1).toString('base64') });
    expect(past.message).toMatch(/比开始时声明的 10 字节 大，已中止，未添加/);
    expect((await callFail(core, 'attach.finish', { uploadId })).message).toMatch(/这次上传已失效/);
    // a finish before all bytes arrived adds nothing
    const half = await call(core, 'attach.begin', { kind: 'reconsideration', id: c.id, name: '半截.pdf', size: 10 });
    await call(core, 'attach.chunk', { uploadId: half.uploadId, offset: 0, data: Buffer.alloc(5, 1).toString('base64') });
    expect((await callFail(core, 'attach.finish', { uploadId: half.uploadId })).message).toBe(
      '文件“半截.pdf”只收到 5 字节，应有 10 字节，未添加，请重新添加该文件',
    );
    // a chunk larger than the schema's bound never reaches the handler
    const huge = await callFail(core, 'attach.chunk', { uploadId: 'x', offset: 0, data: 'A'.repeat(ATTACHMENT_CHUNK_BYTES * 2) });
    expect(huge.code).toBe('INVALID_INPUT');

    expect(await call(core, 'attach.list', { kind: 'reconsideration', id: c.id })).toEqual({ live: [], deleted: [] });
    expect(auditCount(core)).toBe(before.audit);
    expect(filesUnder(storeDirFor(core.file))).toEqual(before.files);
  });
});

describe('卷内目录 and 归档包', () => {
  it('the catalogue lists the 卷 in order; the zip holds it and every file, named in order, byte for byte', async () => {
    const c = await newCase();
    const files = [
      { name: '行政复议申请书.pdf', role: '申请书', bytes: bytesOf('a', 2048) },
      { name: '身份证明.jpg', role: '申请人证据', bytes: bytesOf('b', 1500) },
      { name: '审批表.docx', role: '其他', bytes: bytesOf('c', 800), volume: '副卷' as const },
    ];
    for (const f of files) await upload(core, 'reconsideration', c.id, f.name, f.bytes, { role: f.role, volume: f.volume });
    const cat = await call(core, 'attach.catalogue', { kind: 'reconsideration', id: c.id });
    expect(cat.fileName).toBe('行政复议（2025）某复字第7号-卷内目录.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(cat.content, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('卷内目录')!;
    expect(ws.getCell('A1').value).toBe('行政复议“（2025）某复字第7号”卷内目录');
    const rows = [3, 4, 5].map((r) => [1, 2, 3, 4, 5].map((col) => ws.getRow(r).getCell(col).value));
    expect(rows).toEqual([
      ['正卷', 1, '行政复议申请书.pdf', '申请书', 'PDF'],
      ['正卷', 2, '身份证明.jpg', '申请人证据', 'JPG'],
      ['副卷', 1, '审批表.docx', '其他', 'DOCX'],
    ]);

    const arc = await call(core, 'attach.archive', { kind: 'reconsideration', id: c.id });
    expect(arc.count).toBe(3);
    const zip = await JSZip.loadAsync(Buffer.from(arc.content, 'base64'));
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n].dir)
      .sort();
    const top = '行政复议（2025）某复字第7号';
    expect(names).toEqual(
      [`${top}/副卷/01-其他-审批表.docx`, `${top}/卷内目录.xlsx`, `${top}/正卷/01-申请书-行政复议申请书.pdf`, `${top}/正卷/02-申请人证据-身份证明.jpg`].sort(),
    );
    expect((await zip.file(`${top}/正卷/02-申请人证据-身份证明.jpg`)!.async('nodebuffer')).equals(files[1].bytes)).toBe(true);

    // a damaged content is named and no package is made
    fs.writeFileSync(blobPath(storeDirFor(core.file), sha(files[0].bytes)), 'damaged');
    expect((await callFail(core, 'attach.archive', { kind: 'reconsideration', id: c.id })).message).toBe(
      '附件“行政复议申请书.pdf”的文件已损坏（内容与校验值不符），请从备份还原',
    );
  });
});

describe('backups carry the attachments', () => {
  it('a backup copies each content once into 附件/, checked; a restore checks them and brings back a lost one', async () => {
    const c = await newCase();
    const a = bytesOf('证据甲', 4096);
    const b = bytesOf('证据乙', 2048);
    await upload(core, 'reconsideration', c.id, '甲.pdf', a);
    const { added } = await upload(core, 'reconsideration', c.id, '乙.pdf', b);
    await call(core, 'attach.delete', { kind: 'reconsideration', id: c.id, attachmentId: added.id });
    const dir = backupDirFor(core.file);
    const first = await createBackup(core.db, { dir, reason: '手动' });
    expect(first.attachments).toEqual({ count: 2, bytes: a.length + b.length, copied: 2, problems: [] });
    const second = await createBackup(core.db, { dir, reason: '手动' });
    expect(second.attachments).toMatchObject({ count: 2, copied: 0 });
    expect(listBackups(dir)[0].attachments).toMatchObject({ count: 2 });
    for (const x of [a, b]) expect(fs.readFileSync(blobPath(path.join(dir, '附件'), sha(x))).equals(x)).toBe(true);

    // the data folder loses a content (deleted by hand, a bad disk): the restore takes it back from the backup
    const lost = blobPath(storeDirFor(core.file), sha(a));
    fs.rmSync(lost);
    // a backup made meanwhile says which content it could not copy (and is made all the same)
    const meanwhile = await createBackup(core.db, { dir: path.join(tempDir(), 'other-backups'), reason: '手动' });
    expect(meanwhile.attachments).toMatchObject({
      count: 2,
      copied: 1,
      problems: ['附件“甲.pdf”（4 KB）在数据文件夹中缺失或已损坏，未能备份，请从更早的备份中找回'],
    });
    core.close();
    await restoreDatabase(core.file, first.file);
    expect(fs.readFileSync(lost).equals(a)).toBe(true);
    await reopenCore(core);
    const v = await call(core, 'attach.list', { kind: 'reconsideration', id: c.id });
    expect([v.live.map((x) => x.name), v.deleted.map((x) => x.name)]).toEqual([['甲.pdf'], ['乙.pdf']]);
    expect((await call(core, 'attach.read', { kind: 'reconsideration', id: c.id, attachmentId: v.live[0].id })).content).toBe(a.toString('base64'));
  });

  it('a damaged content in the backup is found by its hash and the restore changes nothing', async () => {
    const c = await newCase();
    const a = bytesOf('证据丙', 4096);
    await upload(core, 'reconsideration', c.id, '丙.pdf', a);
    const dir = backupDirFor(core.file);
    const bk = await createBackup(core.db, { dir, reason: '手动' });
    // the data folder's copy is gone and the backup's copy is damaged (same size, other bytes)
    fs.rmSync(blobPath(storeDirFor(core.file), sha(a)));
    const kept = blobPath(path.join(dir, '附件'), sha(a));
    const bad = Buffer.from(a);
    bad[100] ^= 0xff;
    fs.writeFileSync(kept, bad);
    await call(core, 'ledger.update', { kind: 'reconsideration', id: c.id, version: 1, values: { ...CASE, handler: '王芳' } });
    core.close();
    const dataBefore = fs.readFileSync(core.file);
    const backupsBefore = filesUnder(dir);
    await expect(restoreDatabase(core.file, bk.file)).rejects.toThrow(
      '备份中有 1 个附件无法还原：附件“丙.pdf”在备份中已损坏（内容与校验值不符）。数据文件未作任何改动，请选择其他备份',
    );
    expect(fs.readFileSync(core.file).equals(dataBefore)).toBe(true);
    expect(filesUnder(dir)).toEqual(backupsBefore);
    await reopenCore(core);
    expect((await call(core, 'ledger.get', { kind: 'reconsideration', id: c.id })).values.handler).toBe('王芳');
  });
});

describe('the command line', () => {
  it('fazhi backup --out puts the contents in 附件/ beside the copy; fazhi restore brings a lost one back', async () => {
    const c = await newCase();
    const a = bytesOf('命令行', 3000);
    await upload(core, 'reconsideration', c.id, '命令行.pdf', a);
    const file = core.file;
    core.close();
    const out = path.join(tempDir(), '备份.db');
    const r = fazhi('backup', '--db', file, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(fs.readFileSync(blobPath(path.join(path.dirname(out), '附件'), sha(a))).equals(a)).toBe(true);
    fs.rmSync(blobPath(storeDirFor(file), sha(a)));
    const back = fazhi('restore', '--db', file, '--from', out);
    expect(back.code, back.err).toBe(0);
    expect(fs.readFileSync(blobPath(storeDirFor(file), sha(a))).equals(a)).toBe(true);
    await reopenCore(core);
  });
});

describe('browser mode', () => {
  it('uploads in chunks through the real server: no request body larger than one chunk', async () => {
    const dir = tempDir();
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>法治台账</title>');
    // a body limit just above one chunk's JSON: a whole 9 MB file in one request would be refused
    const limit = Math.ceil((ATTACHMENT_CHUNK_BYTES * 4) / 3) + 4096;
    const srv = await startServer({ db: path.join(dir, 'data.db'), port: 0, rendererDir, create: true, autoBackup: false, maxBodyBytes: limit });
    try {
      const api = async (method: string, input: unknown) => {
        const body = JSON.stringify(input);
        expect(Buffer.byteLength(body)).toBeLessThanOrEqual(limit);
        const res = await fetch(`${srv.url}api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': srv.token },
          body,
        });
        const r = (await res.json()) as { ok: boolean; data: never; error?: { message: string } };
        if (!r.ok) throw new Error(r.error!.message);
        return r.data as Record<string, unknown> & never;
      };
      const rec = (await api('ledger.create', { kind: 'reconsideration', values: CASE })) as { id: string };
      const bytes = bytesOf('全卷', ATTACHMENT_CHUNK_BYTES * 2 + 777);
      const { uploadId, chunkBytes } = (await api('attach.begin', {
        kind: 'reconsideration',
        id: rec.id,
        name: '全卷扫描.pdf',
        size: bytes.length,
        role: '申请书',
      })) as { uploadId: string; chunkBytes: number };
      let n = 0;
      for (let off = 0; off < bytes.length; off += chunkBytes, n++)
        await api('attach.chunk', { uploadId, offset: off, data: bytes.subarray(off, off + chunkBytes).toString('base64') });
      expect(n).toBe(3);
      const done = (await api('attach.finish', { uploadId })) as { added: { sha256: string; size: number } };
      expect(done.added).toMatchObject({ sha256: sha(bytes), size: bytes.length });
      expect(fs.readFileSync(blobPath(storeDirFor(path.join(dir, 'data.db')), sha(bytes))).equals(bytes)).toBe(true);
    } finally {
      await srv.close();
    }
  });
});

describe('read-only', () => {
  it('a damaged (read-only) file refuses adding an attachment before anything is written', async () => {
    const c = await newCase();
    core.integrity = { state: 'damaged', message: '测试' };
    const r = await dispatch(core, 'attach.begin', { kind: 'reconsideration', id: c.id, name: 'a.pdf', size: 10 });
    expect(r.ok).toBe(false);
    expect(filesUnder(storeDirFor(core.file))).toEqual([]);
  });
});
