// Reading and writing the ZIP container of a user's .docx with limits checked before anything is inflated.
//
// JSZip (what this code used before) inflates a part whole, whatever its size: a 3.6 MB file whose parts inflate
// to 3.5 GB took the process down. Here the central directory is read first and the file refused when it has too
// many entries, a part declares more than its limit or an implausible compression ratio, or the declared total is
// too large; then each XML part is inflated by zlib with `maxOutputLength`, which stops as soon as the actual bytes
// pass the part's limit (declared sizes are not trusted), and its CRC is checked. Parts that are not XML (images,
// fonts) are never inflated: their compressed bytes are copied to the output as they are. So reading a template is
// bounded by construction — at most MAX_FILE in, at most the XML limits inflated, one pass — which is why it runs
// on the calling thread and not in a worker (docs/报告模板.md, docs/数据安全.md 报告模板文件的限制).

import zlib from 'node:zlib';
import { AppError } from '../errors';

const MB = 1024 * 1024;

/** The limits of a template (.docx) a user hands the app; docs/报告模板.md lists them for users. */
export const DOCX_LIMITS = {
  /** the file itself */
  maxFile: 50 * MB,
  /** entries in the ZIP (a Word document has 10–40, with pictures a few hundred) */
  maxEntries: 2000,
  /**
   * word/document.xml, inflated. A 30-page report is ~1 MB, a 300-page one ~10 MB; 50 MB of text took 7–18 s on
   * a busy two-core machine (in a worker, but the user waits), so 20 MB.
   */
  maxDocumentXml: 20 * MB,
  /** every other XML part (headers, footers, styles, relationships…), inflated */
  maxOtherXml: 10 * MB,
  /** any other part (pictures, fonts), as declared; they are copied compressed, never inflated */
  maxBinary: 50 * MB,
  /** all parts together, as declared */
  maxTotal: 200 * MB,
  /** inflated ÷ compressed for a part over 1 MB; text XML deflates 5–30×, a bomb 1000× */
  maxRatio: 200,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** the compressed bytes (a view into the file) */
  data: Buffer;
}

const NOT_DOCX = '模板文件不是有效的 Word 文档（.docx）：请在 Word 或 WPS 中“另存为” .docx 后再使用';
const refuse = (why: string) => new AppError('VALIDATION', why);
const mb = (n: number) => `${Math.round((n / MB) * 10) / 10}MB`;

export const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

/** The limit of a part's inflated size. */
export function partLimit(name: string): number {
  if (name === 'word/document.xml') return DOCX_LIMITS.maxDocumentXml;
  return isXmlPart(name) ? DOCX_LIMITS.maxOtherXml : DOCX_LIMITS.maxBinary;
}

/** The entries of a .docx from its central directory, every limit checked; nothing is inflated yet. */
export function readZip(file: Buffer): ZipEntry[] {
  if (file.length > DOCX_LIMITS.maxFile) throw refuse(`模板文件过大（${mb(file.length)}），最大 ${mb(DOCX_LIMITS.maxFile)}`);
  if (file.length < 22 || file.readUInt32LE(0) !== 0x04034b50) throw refuse(NOT_DOCX);
  // the end-of-central-directory record: within the last 22 + 65,535 bytes (its comment)
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse(`${NOT_DOCX}（文件不完整，可能只复制了一部分）`);
  const count = file.readUInt16LE(eocd + 10);
  const cdSize = file.readUInt32LE(eocd + 12);
  const cdOffset = file.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw refuse(`${NOT_DOCX}（ZIP64 格式的文件不能作为模板）`);
  if (count > DOCX_LIMITS.maxEntries) throw refuse(`模板文件包含 ${count} 个部件，超过上限 ${DOCX_LIMITS.maxEntries} 个，不像是 Word 文档，已拒绝`);
  if (cdOffset + cdSize > eocd) throw refuse(`${NOT_DOCX}（文件不完整或已损坏）`);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || file.readUInt32LE(p) !== 0x02014b50) throw refuse(`${NOT_DOCX}（目录已损坏）`);
    const flags = file.readUInt16LE(p + 8);
    const method = file.readUInt16LE(p + 10);
    const crc = file.readUInt32LE(p + 16);
    const compressedSize = file.readUInt32LE(p + 20);
    const size = file.readUInt32LE(p + 24);
    const nameLen = file.readUInt16LE(p + 28);
    const extraLen = file.readUInt16LE(p + 30);
    const commentLen = file.readUInt16LE(p + 32);
    const local = file.readUInt32LE(p + 42);
    const name = file.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw refuse('模板文件已加密（设置了打开密码），请在 Word 或 WPS 中取消密码后另存为 .docx');
    if (method !== 0 && method !== 8) throw refuse(`${NOT_DOCX}（部件 ${name.slice(0, 60)} 的压缩方式不受支持）`);
    if (names.has(name)) throw refuse(`${NOT_DOCX}（部件 ${name.slice(0, 60)} 出现了两次）`);
    names.add(name);
    if (name.endsWith('/') && size === 0) continue; // a folder
    const limit = partLimit(name);
    if (size > limit) throw refuse(`模板文件中的部件 ${name.slice(0, 60)} 解压后有 ${mb(size)}，超过上限 ${mb(limit)}，已拒绝`);
    if (size > MB && size > compressedSize * DOCX_LIMITS.maxRatio) throw refuse(`模板文件中的部件 ${name.slice(0, 60)} 压缩比异常（可能是“压缩炸弹”），已拒绝`);
    total += size;
    if (total > DOCX_LIMITS.maxTotal) throw refuse(`模板文件解压后超过 ${mb(DOCX_LIMITS.maxTotal)}，已拒绝`);
    if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50) throw refuse(`${NOT_DOCX}（文件不完整或已损坏）`);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (start + compressedSize > file.length) throw refuse(`${NOT_DOCX}（文件不完整，可能只复制了一部分）`);
    entries.push({ name, method, flags, crc, compressedSize, size, data: file.subarray(start, start + compressedSize) });
  }
  if (!names.has('word/document.xml')) throw refuse(NOT_DOCX);
  return entries;
}

/**
 * A part's bytes. Inflating stops as soon as they pass the part's limit, or 200 × its compressed size when that
 * is over 1 MB (the declared size may lie); the CRC is checked.
 */
export function inflate(e: ZipEntry): Buffer {
  const limit = Math.min(partLimit(e.name), Math.max(MB, e.compressedSize * DOCX_LIMITS.maxRatio));
  let out: Buffer;
  if (e.method === 0) out = e.data;
  else {
    try {
      out = zlib.inflateRawSync(e.data, { maxOutputLength: limit });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw refuse(`模板文件中的部件 ${e.name.slice(0, 60)} 解压后超过 ${mb(limit)}（可能是“压缩炸弹”），已拒绝`);
      }
      throw refuse(`${NOT_DOCX}（部件 ${e.name.slice(0, 60)} 已损坏）`);
    }
  }
  if (out.length > limit) throw refuse(`模板文件中的部件 ${e.name.slice(0, 60)} 超过 ${mb(limit)}，已拒绝`);
  if (out.length !== e.size || zlib.crc32(out) !== e.crc) throw refuse(`${NOT_DOCX}（部件 ${e.name.slice(0, 60)} 已损坏，校验不符）`);
  return out;
}

/** What goes into the output: a part kept as it was (compressed bytes copied), or new bytes to deflate. */
export type OutPart = { entry: ZipEntry } | { name: string; bytes: Buffer };

/** A ZIP of the parts, in order (deflated with zlib; kept parts copied without inflating them). */
export function writeZip(parts: OutPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    let name: string, method: number, crc: number, size: number, data: Buffer;
    if ('entry' in part) {
      ({ name, method, crc, size, data } = part.entry);
    } else {
      name = part.name;
      method = 8;
      crc = zlib.crc32(part.bytes);
      size = part.bytes.length;
      data = zlib.deflateRawSync(part.bytes);
    }
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x800, 6); // names in UTF-8; no data descriptor
    head.writeUInt16LE(method, 8);
    head.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    head.writeUInt32LE(crc >>> 0, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    head.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    head.copy(cd, 8, 6, 30); // flags … name length, extra length
    cd.writeUInt32LE(offset, 42);
    central.push(cd, nameBytes);
    chunks.push(head, nameBytes, data);
    offset += 30 + nameBytes.length + data.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
