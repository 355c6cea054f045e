// Attachments (电子卷宗) of any record (issue 18 item 4, DOMAIN §11): adding files in chunks, listing, ordering,
// deleting to the 回收站 and back, the 卷内目录 (.xlsx) and the 归档包 (.zip).
//
// Adding a file is three calls, the same through IPC and HTTP: `attach.begin` names the record, the file name
// and its size (refused at once when empty or over the limit: nothing is written), `attach.chunk` appends at
// most ATTACHMENT_CHUNK_BYTES at the given offset to a staging file while hashing it (browser mode never sends
// one huge request; electron/server's body limit stays as it is), `attach.finish` puts the content in the store
// under its SHA-256 (attachments-store.ts) and inserts the row with its audit entry in one transaction. A
// staging file is removed when its upload is finished, cancelled, or left for an hour; the store is only ever
// added to.

import { callUser } from './request-context';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type JSZipType from 'jszip';
import {
  ATTACHMENT_CHUNK_BYTES,
  MAX_ARCHIVE_BYTES,
  VOLUMES,
  attachmentRoles,
  attachmentSizeProblem,
  formatBytes,
  safeFileName,
  type Attachment,
  type Volume,
} from '../domain/attachments';
import type { AttachmentsView } from '../domain/api';
import type { LedgerKind } from '../domain/fields';
import { LEDGERS } from '../domain/ledgers';
import { isoNow, localDate, type Core } from './core';
import { blobIntact, blobPath, putBlob, storeDirFor, storeSize } from './attachments-store';
import { getRow, type StoredRow } from './db/ledger-repo';
import { AppError } from './errors';
import { neutralise } from './exchange/cells';
import { appendAudit } from './safety/audit';

interface AttachmentDbRow {
  id: string;
  kind: LedgerKind;
  record_id: string;
  sha256: string;
  size: number;
  name: string;
  role: string;
  volume: Volume;
  sort_order: number;
  note: string | null;
  added_at: string;
  added_by: string;
  deleted_at: string | null;
}

const fromRow = (r: AttachmentDbRow): Attachment => ({
  id: r.id,
  kind: r.kind,
  recordId: r.record_id,
  sha256: r.sha256,
  size: r.size,
  name: r.name,
  role: r.role,
  volume: r.volume,
  sortOrder: r.sort_order,
  note: r.note,
  addedAt: r.added_at,
  addedBy: r.added_by,
  deletedAt: r.deleted_at,
});

const COLS = 'id, kind, record_id, sha256, size, name, role, volume, sort_order, note, added_at, added_by, deleted_at';

export function listAttachments(core: Core, kind: LedgerKind, recordId: string): AttachmentsView {
  const live = core.db
    .prepare(`SELECT ${COLS} FROM attachments WHERE kind = ? AND record_id = ? AND deleted_at IS NULL ORDER BY volume = '副卷', sort_order`)
    .all(kind, recordId) as AttachmentDbRow[];
  const deleted = core.db
    .prepare(`SELECT ${COLS} FROM attachments WHERE kind = ? AND record_id = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC`)
    .all(kind, recordId) as AttachmentDbRow[];
  return { live: live.map(fromRow), deleted: deleted.map(fromRow) };
}

function storeOf(core: Core): string {
  if (core.db.memory) throw new AppError('INVALID_INPUT', '内存中的数据文件不能保存附件');
  return storeDirFor(core.file);
}

function recordOf(core: Core, kind: LedgerKind, id: string, live = true): StoredRow {
  const r = getRow(core.db, LEDGERS[kind], id);
  if (!r) throw new AppError('NOT_FOUND', `${LEDGERS[kind].shortName}中找不到该记录（编号 ${id}）`);
  if (live && r.deletedAt) throw new AppError('NOT_FOUND', '该记录已被删除，请先从回收站恢复');
  return r;
}

/** “行政复议“清政复〔2025〕12号”” — the record as messages and file names call it. */
function recordName(kind: LedgerKind, r: StoredRow): string {
  const def = LEDGERS[kind];
  const t = r.values[def.titleField];
  return `${def.shortName}“${typeof t === 'string' && t.trim() ? t.trim() : r.id.slice(0, 8)}”`;
}

function mustAttachment(core: Core, kind: LedgerKind, recordId: string, attachmentId: string): Attachment {
  const r = core.db.prepare(`SELECT ${COLS} FROM attachments WHERE id = ? AND kind = ? AND record_id = ?`).get(attachmentId, kind, recordId) as
    AttachmentDbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', '该记录中找不到这个附件，可能已被彻底删除');
  return fromRow(r);
}

function checkRole(kind: LedgerKind, role: string | undefined): string {
  const roles = attachmentRoles(kind);
  if (role === undefined) return '其他';
  if (!roles.includes(role)) throw new AppError('VALIDATION', `附件类别只能是：${roles.join('、')}`);
  return role;
}

function nextOrder(core: Core, kind: LedgerKind, recordId: string, volume: Volume): number {
  return (
    ((core.db
      .prepare('SELECT max(sort_order) FROM attachments WHERE kind = ? AND record_id = ? AND volume = ? AND deleted_at IS NULL')
      .pluck()
      .get(kind, recordId, volume) as number | null) ?? 0) + 1
  );
}

// ---------------------------------------------------------------------------------------------- uploads

interface Upload {
  id: string;
  kind: LedgerKind;
  recordId: string;
  name: string;
  size: number;
  role: string;
  volume: Volume;
  note: string | null;
  file: string;
  received: number;
  hash: crypto.Hash;
  touchedAt: number;
  /** the account that began it (host mode): only it may continue, finish or cancel (domain/access.ts 'upload') */
  by: number | null;
}

const uploads = new WeakMap<Core, Map<string, Upload>>();
/** Uploads at once per data file: a stray client cannot fill the disk with staging files. */
const MAX_OPEN_UPLOADS = 8;
const STALE_UPLOAD_MS = 60 * 60 * 1000;

function uploadsOf(core: Core): Map<string, Upload> {
  let m = uploads.get(core);
  if (!m) uploads.set(core, (m = new Map()));
  return m;
}

function dropUpload(core: Core, u: Upload): void {
  uploadsOf(core).delete(u.id);
  fs.rmSync(u.file, { force: true });
}

/** Uploads left for an hour go, and so do staging files no upload owns any more (the program stopped mid-upload). */
function dropStale(core: Core, now: number, dir: string): void {
  for (const u of [...uploadsOf(core).values()]) if (now - u.touchedAt > STALE_UPLOAD_MS) dropUpload(core, u);
  const owned = new Set([...uploadsOf(core).values()].map((u) => path.basename(u.file)));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    // only our own staging names: <uuid>.part
    if (!/^[0-9a-f-]{36}\.part$/.test(n) || owned.has(n)) continue;
    const f = path.join(dir, n);
    try {
      if (Date.now() - fs.statSync(f).mtimeMs > STALE_UPLOAD_MS) fs.rmSync(f, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

export function beginUpload(
  core: Core,
  input: { kind: LedgerKind; id: string; name: string; size: number; role?: string; volume?: Volume; note?: string | null },
): { uploadId: string; chunkBytes: number } {
  const name = safeFileName(input.name);
  const problem = attachmentSizeProblem(name, input.size);
  if (problem) throw new AppError('VALIDATION', problem);
  recordOf(core, input.kind, input.id);
  const role = checkRole(input.kind, input.role);
  const store = storeOf(core);
  const now = core.now().getTime();
  const dir = path.join(store, '.uploads');
  dropStale(core, now, dir);
  if (uploadsOf(core).size >= MAX_OPEN_UPLOADS) throw new AppError('VALIDATION', `同时添加的附件过多（最多 ${MAX_OPEN_UPLOADS} 个），请等前面的文件添加完再试`);
  const id = crypto.randomUUID();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${id}.part`);
  fs.writeFileSync(file, '');
  uploadsOf(core).set(id, {
    id,
    kind: input.kind,
    recordId: input.id,
    name,
    size: input.size,
    role,
    volume: input.volume ?? '正卷',
    note: input.note?.trim() || null,
    file,
    received: 0,
    hash: crypto.createHash('sha256'),
    touchedAt: now,
    by: callUser()?.id ?? null,
  });
  return { uploadId: id, chunkBytes: ATTACHMENT_CHUNK_BYTES };
}

function mustUpload(core: Core, uploadId: string): Upload {
  const got = uploadsOf(core).get(uploadId);
  // another account's upload is as unknown as a stale one: its id says nothing to whoever did not begin it
  const u = got && got.by === (callUser()?.id ?? null) ? got : undefined;
  if (!u) throw new AppError('NOT_FOUND', '这次上传已失效（超过 1 小时未继续，或程序重新启动过），请重新添加该文件');
  return u;
}

export function uploadChunk(core: Core, input: { uploadId: string; offset: number; data: string }): { received: number } {
  const u = mustUpload(core, input.uploadId);
  if (input.offset !== u.received) throw new AppError('VALIDATION', `文件“${u.name}”上传顺序错乱（应从第 ${u.received} 字节续传），请重新添加该文件`);
  const bytes = Buffer.from(input.data, 'base64');
  const fail = (msg: string) => {
    dropUpload(core, u);
    return new AppError('VALIDATION', msg);
  };
  if (!bytes.length) throw fail(`文件“${u.name}”上传的一段是空的，已中止，请重新添加该文件`);
  if (bytes.length > ATTACHMENT_CHUNK_BYTES) throw fail(`文件“${u.name}”上传的一段超过 ${formatBytes(ATTACHMENT_CHUNK_BYTES)}，已中止`);
  if (u.received + bytes.length > u.size) throw fail(`文件“${u.name}”比开始时声明的 ${formatBytes(u.size)} 大，已中止，未添加`);
  fs.appendFileSync(u.file, bytes);
  u.hash.update(bytes);
  u.received += bytes.length;
  u.touchedAt = core.now().getTime();
  return { received: u.received };
}

export function cancelUpload(core: Core, uploadId: string): { ok: true } {
  const u = uploadsOf(core).get(uploadId);
  if (u && u.by === (callUser()?.id ?? null)) dropUpload(core, u);
  return { ok: true };
}

export function finishUpload(core: Core, uploadId: string): AttachmentsView & { added: Attachment } {
  const u = mustUpload(core, uploadId);
  try {
    if (u.received !== u.size)
      throw new AppError('VALIDATION', `文件“${u.name}”只收到 ${formatBytes(u.received)}，应有 ${formatBytes(u.size)}，未添加，请重新添加该文件`);
    const sha256 = u.hash.digest('hex');
    if (!putBlob(u.file, storeOf(core), sha256)) throw new AppError('INTERNAL', `文件“${u.name}”保存后校验未通过（磁盘可能有问题），未添加`);
    const at = isoNow(core.now());
    const id = crypto.randomUUID();
    core.db.transaction(() => {
      const rec = recordOf(core, u.kind, u.recordId);
      core.db
        .prepare(
          `INSERT INTO attachments (id, kind, record_id, sha256, size, name, role, volume, sort_order, note, added_at, added_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, u.kind, u.recordId, sha256, u.size, u.name, u.role, u.volume, nextOrder(core, u.kind, u.recordId, u.volume), u.note, at, core.actor, at);
      appendAudit(core.db, {
        at,
        actor: core.actor,
        action: '附件',
        kind: u.kind,
        recordId: u.recordId,
        after: { name: u.name, role: u.role, volume: u.volume, size: u.size, sha256 },
        summary: `${recordName(u.kind, rec)}添加附件“${u.name}”（${u.volume}，${u.role}，${formatBytes(u.size)}）`,
      });
    })();
    return { ...listAttachments(core, u.kind, u.recordId), added: mustAttachment(core, u.kind, u.recordId, id) };
  } finally {
    dropUpload(core, u);
  }
}

// ---------------------------------------------------------------------------------------------- edits

function write(
  core: Core,
  kind: LedgerKind,
  recordId: string,
  change: (rec: StoredRow, at: string) => { summary: string; before?: unknown; after?: unknown },
): AttachmentsView {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const rec = recordOf(core, kind, recordId);
    const c = change(rec, at);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '附件',
      kind,
      recordId,
      before: c.before,
      after: c.after,
      summary: `${recordName(kind, rec)}${c.summary}`,
    });
  })();
  return listAttachments(core, kind, recordId);
}

export function updateAttachment(
  core: Core,
  kind: LedgerKind,
  recordId: string,
  attachmentId: string,
  patch: { name?: string; role?: string; volume?: Volume; note?: string | null },
): AttachmentsView {
  return write(core, kind, recordId, (_rec, at) => {
    const a = mustAttachment(core, kind, recordId, attachmentId);
    if (a.deletedAt) throw new AppError('VALIDATION', `附件“${a.name}”在回收站中，请先恢复再修改`);
    const next = {
      name: patch.name === undefined ? a.name : safeFileName(patch.name),
      role: patch.role === undefined ? a.role : checkRole(kind, patch.role),
      volume: patch.volume ?? a.volume,
      note: patch.note === undefined ? a.note : patch.note?.trim() || null,
    };
    const order = next.volume === a.volume ? a.sortOrder : nextOrder(core, kind, recordId, next.volume);
    core.db
      .prepare('UPDATE attachments SET name = ?, role = ?, volume = ?, note = ?, sort_order = ?, updated_at = ? WHERE id = ?')
      .run(next.name, next.role, next.volume, next.note, order, at, a.id);
    const before = { name: a.name, role: a.role, volume: a.volume, note: a.note };
    return { summary: `修改附件“${next.name}”`, before, after: next };
  });
}

/** Put a 卷's live attachments in the given order (every one of them, each once). */
export function reorderAttachments(core: Core, kind: LedgerKind, recordId: string, volume: Volume, order: string[]): AttachmentsView {
  return write(core, kind, recordId, (_rec, at) => {
    const live = listAttachments(core, kind, recordId).live.filter((a) => a.volume === volume);
    const ids = new Set(live.map((a) => a.id));
    if (order.length !== live.length || new Set(order).size !== order.length || !order.every((x) => ids.has(x))) {
      throw new AppError('VALIDATION', `${volume}的附件已有变动（别处添加或删除了附件），请刷新后重新排序`);
    }
    const set = core.db.prepare('UPDATE attachments SET sort_order = ?, updated_at = ? WHERE id = ?');
    order.forEach((x, i) => set.run(i + 1, at, x));
    const name = (x: string) => live.find((a) => a.id === x)!.name;
    return { summary: `调整${volume}附件顺序`, before: live.map((a) => a.name), after: order.map(name) };
  });
}

export function deleteAttachment(core: Core, kind: LedgerKind, recordId: string, attachmentId: string): AttachmentsView {
  return write(core, kind, recordId, (_rec, at) => {
    const a = mustAttachment(core, kind, recordId, attachmentId);
    if (a.deletedAt) throw new AppError('VALIDATION', `附件“${a.name}”已在回收站中`);
    core.db.prepare('UPDATE attachments SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, a.id);
    return { summary: `删除附件“${a.name}”（可在回收站恢复）`, before: { name: a.name, role: a.role, volume: a.volume } };
  });
}

export function restoreAttachment(core: Core, kind: LedgerKind, recordId: string, attachmentId: string): AttachmentsView {
  return write(core, kind, recordId, (_rec, at) => {
    const a = mustAttachment(core, kind, recordId, attachmentId);
    if (!a.deletedAt) throw new AppError('VALIDATION', `附件“${a.name}”不在回收站中`);
    // back at the end of its 卷: its old place may have been taken since
    core.db
      .prepare('UPDATE attachments SET deleted_at = NULL, sort_order = ?, updated_at = ? WHERE id = ?')
      .run(nextOrder(core, kind, recordId, a.volume), at, a.id);
    return { summary: `从回收站恢复附件“${a.name}”`, after: { name: a.name, role: a.role, volume: a.volume } };
  });
}

/**
 * 彻底删除 of an attachment in the 回收站: its row goes (audited, with its hash, so it can be found again); the
 * content stays in the store — the program never deletes a file the user gave it.
 */
export function purgeAttachment(core: Core, kind: LedgerKind, recordId: string, attachmentId: string): AttachmentsView {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const rec = recordOf(core, kind, recordId, false);
    const a = mustAttachment(core, kind, recordId, attachmentId);
    if (!a.deletedAt) throw new AppError('VALIDATION', `附件“${a.name}”不在回收站中，请先删除`);
    core.db.prepare('DELETE FROM attachments WHERE id = ?').run(a.id);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '附件',
      kind,
      recordId,
      before: a,
      summary: `${recordName(kind, rec)}彻底删除附件“${a.name}”（文件内容仍保留在附件文件夹，校验值 ${a.sha256.slice(0, 12)}…）`,
    });
  })();
  return listAttachments(core, kind, recordId);
}

/**
 * The 回收站 page's 已删除的附件: every record's attachments in the 回收站, latest deleted first (at most 500),
 * each with the record it belongs to as a clerk names it.
 */
export function deletedAttachments(core: Core): { rows: (Attachment & { record: string })[]; total: number } {
  const total = core.db.prepare('SELECT count(*) FROM attachments WHERE deleted_at IS NOT NULL').pluck().get() as number;
  const rows = (
    core.db.prepare(`SELECT ${COLS} FROM attachments WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT 500`).all() as AttachmentDbRow[]
  ).map(fromRow);
  return {
    total,
    rows: rows.map((a) => {
      const rec = getRow(core.db, LEDGERS[a.kind], a.recordId);
      return {
        ...a,
        record: rec ? `${recordName(a.kind, rec)}${rec.deletedAt ? '（记录也在回收站中）' : ''}` : `${LEDGERS[a.kind].shortName}（记录已彻底删除）`,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------- reading out

function intactPath(core: Core, a: Attachment): string {
  const p = blobPath(storeOf(core), a.sha256);
  if (!blobIntact(p, a.sha256)) {
    throw new AppError('INTEGRITY', `附件“${a.name}”的文件${fs.existsSync(p) ? '已损坏（内容与校验值不符）' : '找不到'}，请从备份还原`);
  }
  return p;
}

/** One attachment's content (base64), checked against its hash. */
export function readAttachment(core: Core, kind: LedgerKind, recordId: string, attachmentId: string): { fileName: string; content: string } {
  const a = mustAttachment(core, kind, recordId, attachmentId);
  return { fileName: a.name, content: fs.readFileSync(intactPath(core, a)).toString('base64') };
}

/** “01-申请书-行政复议申请书.pdf”: the name an attachment gets in the 归档包, in its 卷's order. */
function archiveName(a: Attachment, n: number, width: number): string {
  return safeFileName(`${String(n).padStart(width, '0')}-${a.role}-${a.name}`);
}

function numbered(live: Attachment[]): { a: Attachment; n: number; width: number }[] {
  const out: { a: Attachment; n: number; width: number }[] = [];
  for (const v of VOLUMES) {
    const inVol = live.filter((a) => a.volume === v);
    const width = Math.max(2, String(inVol.length).length);
    inVol.forEach((a, i) => out.push({ a, n: i + 1, width }));
  }
  return out;
}

async function catalogueBook(core: Core, kind: LedgerKind, rec: StoredRow, live: Attachment[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治台账';
  const ws = wb.addWorksheet('卷内目录', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 8 }, { width: 8 }, { width: 44 }, { width: 14 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 20 }];
  const title = `${recordName(kind, rec)}卷内目录`;
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = neutralise(title);
  ws.getCell('A1').font = { name: '宋体', size: 16, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.addRow(['卷别', '序号', '题名（文件名）', '类别', '格式', '大小', '添加日期', '备注']).font = { name: '宋体', size: 11, bold: true };
  for (const { a, n } of numbered(live)) {
    const ext = path.extname(a.name).slice(1).toUpperCase();
    const row = ws.addRow([a.volume, n, neutralise(a.name), a.role, ext || '—', formatBytes(a.size), localDate(new Date(a.addedAt)), neutralise(a.note ?? '')]);
    row.font = { name: '宋体', size: 10 };
  }
  ws.eachRow((row, i) => {
    if (i < 2) return;
    row.eachCell(
      { includeEmpty: true },
      (c) => (c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }),
    );
  });
  ws.addRow([]);
  ws.addRow([
    `共 ${live.length} 件（正卷 ${live.filter((a) => a.volume === '正卷').length} 件，副卷 ${live.filter((a) => a.volume === '副卷').length} 件），导出于 ${localDate(core.now())}`,
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const fileStem = (kind: LedgerKind, rec: StoredRow) => safeFileName(recordName(kind, rec).replace(/[“”]/g, ''));

/** The record's 卷内目录 as an .xlsx (live attachments, 正卷 then 副卷, in order). */
export async function attachmentCatalogue(core: Core, kind: LedgerKind, recordId: string): Promise<{ fileName: string; content: string }> {
  const rec = recordOf(core, kind, recordId, false);
  const { live } = listAttachments(core, kind, recordId);
  return { fileName: `${fileStem(kind, rec)}-卷内目录.xlsx`, content: (await catalogueBook(core, kind, rec, live)).toString('base64') };
}

/**
 * The record's 归档包: a zip holding `卷内目录.xlsx` and the files in `正卷/` and `副卷/`, each named by its number
 * in the 卷, its role and its name. Every content is checked against its hash first: a damaged one is named and
 * no package is made.
 */
export async function attachmentArchive(core: Core, kind: LedgerKind, recordId: string): Promise<{ fileName: string; content: string; count: number }> {
  const rec = recordOf(core, kind, recordId, false);
  const { live } = listAttachments(core, kind, recordId);
  if (!live.length) throw new AppError('VALIDATION', `${recordName(kind, rec)}还没有附件，无需打包`);
  const total = live.reduce((s, a) => s + a.size, 0);
  if (total > MAX_ARCHIVE_BYTES) {
    throw new AppError(
      'VALIDATION',
      `${recordName(kind, rec)}的附件共 ${formatBytes(total)}，超过归档包 ${formatBytes(MAX_ARCHIVE_BYTES)} 的上限。请导出卷内目录，并从备份文件夹或逐个下载附件归档`,
    );
  }
  const files = numbered(live).map((x) => ({ ...x, path: intactPath(core, x.a) }));
  const { default: JSZip } = (await import('jszip')) as { default: typeof JSZipType };
  const zip = new JSZip();
  const top = fileStem(kind, rec);
  zip.file(`${top}/卷内目录.xlsx`, await catalogueBook(core, kind, rec, live));
  for (const f of files) zip.file(`${top}/${f.a.volume}/${archiveName(f.a, f.n, f.width)}`, fs.readFileSync(f.path), { date: new Date(f.a.addedAt) });
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { fileName: `${top}-归档包.zip`, content: content.toString('base64'), count: live.length };
}

/** How much the data file's attachments take (the backup settings warn above ATTACHMENT_WARN_BYTES). */
export function attachmentStats(core: Core): { rows: number; files: number; bytes: number; storeDir: string } {
  const rows = core.db.prepare('SELECT count(*) FROM attachments').pluck().get() as number;
  const storeDir = core.db.memory ? '' : storeDirFor(core.file);
  return { rows, ...(storeDir ? storeSize(storeDir) : { files: 0, bytes: 0 }), storeDir };
}
