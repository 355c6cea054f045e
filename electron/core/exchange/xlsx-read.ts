// Reading .xlsx workbooks without exceljs (which took ~1 s for a 10,000-row ledger): a minimal ZIP reader over
// node:zlib and a small scanner for the few SpreadsheetML parts an import needs (workbook and its relationships,
// shared strings, styles, the sheets, read one at a time). It gives the rows and cells exactly as the former
// exceljs-based reading did (tests/integration/xlsx-read.test.ts keeps that reading as the reference): the same
// strings (rich text joined), numbers, booleans, Dates (exceljs's serial conversion, 1900 and 1904 systems), nulls,
// row padding, line numbers, and merged areas repeating their first cell. It deliberately differs where exceljs was
// wrong: rows or cells without an `r` attribute and element names with a namespace prefix (exceljs rejected the
// file), formula results of 0/false or without a cached value (exceljs gave "[object Object]"), `t="d"` ISO dates
// (exceljs read the year as a number), the East Asian built-in date formats 27–36 and 50–58 (exceljs gave the
// serial number), date1904="true", `_xHHHH_` escapes in plain inline strings and CDATA text (exceljs kept or
// dropped them), and entity text in `t="str"` cells (exceljs decoded it twice). Hyperlinks, comments, drawings and
// the like are not read; their cells' values are.

import { inflateRawSync } from 'node:zlib';
import { AppError } from '../errors';
import type { Cell } from './cells';
import {
  INFLATE_RATIO_FLOOR,
  MAX_CELLS,
  MAX_COLUMNS,
  MAX_INFLATED_BYTES,
  MAX_INFLATE_RATIO,
  MAX_ROWS,
  MAX_SHARED_STRINGS,
  MAX_ZIP_ENTRIES,
  mb,
  n,
} from './limits';

export const INVALID_XLSX = '文件不是有效的 Excel（.xlsx）文件，可能已损坏或只下载了一部分。请在 Excel 或 WPS 中打开确认后另存为 .xlsx 再导入';

const invalid = () => new AppError('IMPORT_FAILED', INVALID_XLSX);

// The bounds of limits.ts, checked while reading (before allocating for what was read): a file beyond them was
// made or changed by something other than Excel or WPS, or is too big to import in one go.
const refused = (what: string) => new AppError('IMPORT_FAILED', `${what}，不能导入`);
const ALTERED = '文件可能已损坏或被改造';
const SPLIT = '请把文件拆分成几个较小的文件分别导入';

export const tooManyRows = (sheet: string, line: number) =>
  refused(`文件中的工作表“${sheet}”有第 ${n(line)} 行，超过了 Excel 的上限 ${n(MAX_ROWS)} 行，${ALTERED}`);
export const tooManyColumns = (sheet: string, line: number, col: number) =>
  refused(`文件中的工作表“${sheet}”第 ${n(line)} 行有第 ${n(col)} 列，超过了 Excel 的上限 ${n(MAX_COLUMNS)} 列，${ALTERED}`);
export const tooManyCells = () => new AppError('IMPORT_FAILED', `文件中的单元格超过 ${n(MAX_CELLS)} 个，超出了一次导入的上限，没有导入。${SPLIT}`);
const tooManyStrings = () => refused(`文件中的文本条目超过 ${n(MAX_SHARED_STRINGS)} 条，超出了一次导入的上限，${ALTERED}`);
const tooBig = () => new AppError('IMPORT_FAILED', `文件解压后超过 ${mb(MAX_INFLATED_BYTES)} MB，超出了一次导入的上限，没有导入。${SPLIT}`);
const bomb = (part: string) =>
  refused(`${part === '文件' ? '文件' : `文件中的“${part}”`}解压后超过压缩时的 ${MAX_INFLATE_RATIO} 倍，正常的 Excel 文件不会这样，可能是被改造的“压缩炸弹”`);
const tooManyParts = () => refused(`文件中的部件超过 ${n(MAX_ZIP_ENTRIES)} 个，正常的 Excel 文件不会这样，${ALTERED}`);
const dtd = () => refused(`文件中含有 DTD 声明（Excel 和 WPS 从不写入），${ALTERED}`);

/** What one workbook has used of the bounds so far (all its parts and sheets together). */
interface Budget {
  /** MAX_INFLATED_BYTES, or MAX_INFLATE_RATIO times the file's size when that is less (past the floor) */
  limit: number;
  inflated: number;
  cells: number;
  /** parts already decompressed: each is counted once */
  parts: Set<string>;
}

export interface SheetRow {
  /** the sheet row number the user sees */
  line: number;
  cells: Cell[];
}

export interface XlsxWorkbook {
  /** names of the worksheets in workbook order (chart sheets and missing parts left out) */
  sheets: string[];
  /** the non-empty rows of one worksheet, by row number; cells by column, absent ones null */
  rows(index: number): SheetRow[];
}

// ---------------------------------------------------------------------------------------------------------------
// ZIP

interface Entry {
  method: number;
  flags: number;
  csize: number;
  size: number;
  local: number;
}

function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid();
  return Number(v);
}

/** Central directory: normalised lower-case part name → entry. */
function zipEntries(b: Buffer): Map<string, Entry> {
  let eocd = -1;
  for (let i = b.length - 22, min = Math.max(0, b.length - 22 - 0xffff); i >= min; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid();
  let count = b.readUInt16LE(eocd + 10);
  let cdSize = b.readUInt32LE(eocd + 12);
  let cdOff = b.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOff === 0xffffffff) && eocd >= 20 && b.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z = u64(b, eocd - 20 + 8);
    if (b.readUInt32LE(z) !== 0x06064b50) throw invalid();
    count = u64(b, z + 32);
    cdSize = u64(b, z + 40);
    cdOff = u64(b, z + 48);
  }
  if (cdOff + cdSize > b.length || count * 46 > cdSize) throw invalid();
  if (count > MAX_ZIP_ENTRIES) throw tooManyParts();
  const out = new Map<string, Entry>();
  let p = cdOff;
  for (let k = 0; k < count; k++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw invalid();
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    let csize = b.readUInt32LE(p + 20);
    let size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    let local = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || csize === 0xffffffff || local === 0xffffffff) {
      // ZIP64 extended information: the 64-bit values of just the fields that overflowed, in this order
      for (let e = p + 46 + nameLen, end = e + extraLen; e + 4 <= end;) {
        const id = b.readUInt16LE(e);
        const len = b.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = u64(b, q);
            q += 8;
          }
          if (csize === 0xffffffff) {
            csize = u64(b, q);
            q += 8;
          }
          if (local === 0xffffffff) local = u64(b, q);
          break;
        }
        e += 4 + len;
      }
    }
    const key = name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
    if (!key.endsWith('/')) out.set(key, { method, flags, csize, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * A part's bytes, decompressed under the budget: at most MAX_INFLATE_RATIO times its compressed size (past
 * INFLATE_RATIO_FLOOR) and what is left of MAX_INFLATED_BYTES. zlib stops as soon as its output passes the
 * limit, whatever size the directory declares, so a bomb costs at most the limit.
 */
function inflateEntry(b: Buffer, name: string, e: Entry, budget: Budget): Buffer {
  if (e.flags & 1) throw invalid(); // encrypted
  if (b.readUInt32LE(e.local) !== 0x04034b50) throw invalid();
  const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
  if (start + e.csize > b.length) throw invalid();
  const data = b.subarray(start, start + e.csize);
  const counted = budget.parts.has(name);
  const left = counted ? budget.limit : budget.limit - budget.inflated;
  let out: Buffer;
  if (e.method === 0) {
    if (data.length > left) throw budget.limit < MAX_INFLATED_BYTES ? bomb('文件') : tooBig();
    out = data;
  } else {
    if (e.method !== 8) throw invalid();
    const byRatio = Math.max(INFLATE_RATIO_FLOOR, e.csize * MAX_INFLATE_RATIO);
    const limit = Math.min(left, byRatio);
    // a part that says (or turns out) to grow more than the ratio is a bomb, whatever is left of the budget
    const over = () => (e.size > byRatio || byRatio < left ? bomb(name) : budget.limit < MAX_INFLATED_BYTES ? bomb('文件') : tooBig());
    if (limit <= 0 || e.size > limit) throw over();
    // one output chunk of the declared size where sensible (a third faster than 16 KiB chunks for a large sheet)
    const chunkSize = Math.min(Math.max(e.size, 64 * 1024), 64 * 1024 * 1024, Math.max(limit, 64 * 1024));
    try {
      out = inflateRawSync(data, { chunkSize, maxOutputLength: limit });
    } catch (x) {
      if ((x as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw over();
      throw invalid();
    }
  }
  if (!counted) {
    budget.parts.add(name);
    budget.inflated += out.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// XML

const ENTITY = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character data as an XML parser reports it: line ends normalised, entities and character references resolved. */
function decode(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Excel's escapes of characters XML cannot carry, e.g. _x000D_ for a carriage return (upper-case hex, as Excel). */
function unescapeX(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A forward-only scanner over the tags of a document. After next(): the local name (prefix dropped) is
 * s[ls, le), `close` for an end tag, `self` for an empty-element tag, attributes in s[as, ae). Comments,
 * processing instructions, DOCTYPE and CDATA between elements are skipped.
 */
class Xml {
  pos = 0;
  ls = 0;
  le = 0;
  as = 0;
  ae = 0;
  close = false;
  self = false;
  /** value range of the last attr() hit */
  vs = 0;
  ve = 0;

  constructor(readonly s: string) {}

  next(): boolean {
    const s = this.s;
    const n = s.length;
    for (;;) {
      const lt = s.indexOf('<', this.pos);
      if (lt < 0) return false;
      let i = lt + 1;
      let c = s.charCodeAt(i);
      if (c === 33 /* ! */ || c === 63 /* ? */) {
        // OOXML parts carry no DTD (ECMA-376 Part 2, 8.1.4); one is refused rather than skipped (entity expansion)
        if (c === 33 && s.startsWith('!DOCTYPE', i)) throw dtd();
        const end = s.startsWith('!--', i) ? '-->' : s.startsWith('![CDATA[', i) ? ']]>' : c === 63 ? '?>' : '>';
        const e = s.indexOf(end, i);
        if (e < 0) return false;
        this.pos = e + end.length;
        continue;
      }
      this.close = c === 47;
      if (this.close) i++;
      let ls = i;
      for (; i < n; i++) {
        c = s.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
        if (c === 58) ls = i + 1;
      }
      this.ls = ls;
      this.le = i;
      this.as = i;
      let q = 0;
      for (; i < n; i++) {
        c = s.charCodeAt(i);
        if (q) {
          if (c === q) q = 0;
        } else if (c === 34 || c === 39) q = c;
        else if (c === 62) break;
      }
      if (i >= n) return false;
      this.self = s.charCodeAt(i - 1) === 47;
      this.ae = this.self ? i - 1 : i;
      this.pos = i + 1;
      return true;
    }
  }

  is(name: string): boolean {
    return this.le - this.ls === name.length && this.s.startsWith(name, this.ls);
  }

  /** Find an attribute of the current tag (by full name, or by local name when `anyPrefix`); its value is s[vs, ve). */
  attr(name: string, anyPrefix = false): boolean {
    const s = this.s;
    const end = this.ae;
    let i = this.as;
    for (;;) {
      while (i < end && s.charCodeAt(i) <= 32) i++;
      if (i >= end) return false;
      const ns = i;
      let ls = i;
      while (i < end) {
        const c = s.charCodeAt(i);
        if (c === 61 || c <= 32) break;
        if (c === 58) ls = i + 1;
        i++;
      }
      const ne = i;
      while (i < end && s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) i++;
      if (i >= end) return false;
      const q = s.charCodeAt(i);
      const vs = i + 1;
      const ve = s.indexOf(q === 34 ? '"' : "'", vs);
      if (ve < 0 || ve > end) return false;
      i = ve + 1;
      if ((ne - ns === name.length && s.startsWith(name, ns)) || (anyPrefix && ls > ns && ne - ls === name.length && s.startsWith(name, ls))) {
        this.vs = vs;
        this.ve = ve;
        return true;
      }
    }
  }

  attrText(name: string, anyPrefix = false): string | undefined {
    // attribute-value normalisation: literal line ends and tabs are spaces, character references are not
    return this.attr(name, anyPrefix) ? decode(this.s.slice(this.vs, this.ve).replace(/\r\n?|[\t\n]/g, ' ')) : undefined;
  }

  /**
   * The raw character data of the text-only element just opened (CDATA kept, comments dropped), consuming its end
   * tag; '' for an empty-element tag. Entities are left for decode().
   */
  rawText(): string {
    if (this.self) return '';
    const s = this.s;
    let out = '';
    let p = this.pos;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) {
        this.pos = s.length;
        return out + s.slice(p);
      }
      out += s.slice(p, lt);
      if (s.startsWith('<![CDATA[', lt)) {
        const e = s.indexOf(']]>', lt + 9);
        if (e < 0) throw invalid();
        // escape what decode() would otherwise take for markup
        out += s.slice(lt + 9, e).replace(/&/g, '&amp;');
        p = e + 3;
      } else if (s.startsWith('<!--', lt)) {
        const e = s.indexOf('-->', lt + 4);
        if (e < 0) throw invalid();
        p = e + 3;
      } else {
        this.pos = lt;
        // consume the end tag of this element, leave anything else for next()
        if (s.charCodeAt(lt + 1) === 47) this.next();
        return out;
      }
    }
  }

  /** Skip past the end tag of the element just opened (for elements whose content is ignored). */
  skip(): void {
    if (this.self) return;
    let depth = 1;
    while (this.next()) {
      if (this.close) {
        if (--depth === 0) return;
      } else if (!this.self) depth++;
    }
  }
}

/** A non-negative decimal integer at s[from, to) the way parseInt reads it; NaN when there are no digits. */
function intAt(s: string, from: number, to: number): number {
  while (from < to && s.charCodeAt(from) <= 32) from++;
  let v = 0;
  let any = false;
  for (; from < to; from++) {
    const c = s.charCodeAt(from) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    any = true;
  }
  return any ? v : NaN;
}

/** The column of a cell reference such as "AB12" (1-based); 0 when it does not start with letters. */
function columnAt(s: string, from: number, to: number): number {
  let col = 0;
  for (; from < to; from++) {
    let c = s.charCodeAt(from);
    if (c === 36 /* $ */) continue;
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

function cellRef(ref: string): { row: number; col: number } | null {
  const col = columnAt(ref, 0, ref.length);
  const m = /(\d+)\s*$/.exec(ref);
  return col && m ? { row: parseInt(m[1], 10), col } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook parts

/** exceljs's conversion of a serial day number to a Date (utils.excelToDate), kept bit for bit. */
function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** exceljs's utils.isDateFmt: date/time letters left after dropping [..] and "..". */
function isDateFormat(fmt: string): boolean {
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

// Built-in formats that show a date or time: the ones exceljs knows (14–22, 45–47) and the East Asian ones
// (27–36, 50–58) it does not.
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cellXfs index, whether its number format shows a date. */
function parseStyles(xml: string): boolean[] {
  const x = new Xml(xml);
  const custom = new Map<number, string>();
  const dates: boolean[] = [];
  let inXfs = false;
  let inFmts = false;
  while (x.next()) {
    if (x.is('numFmts')) inFmts = !x.close && !x.self;
    else if (inFmts && x.is('numFmt') && !x.close) {
      const id = parseInt(x.attrText('numFmtId') ?? '', 10);
      const code = x.attrText('formatCode');
      if (code) custom.set(id, code.replace(/[\\](.)/g, '$1'));
    } else if (x.is('cellXfs')) inXfs = !x.close && !x.self;
    else if (inXfs && x.is('xf') && !x.close) {
      const id = parseInt(x.attrText('numFmtId') ?? '', 10);
      const code = id ? custom.get(id) : undefined;
      dates.push(id ? (code ? isDateFormat(code) : BUILTIN_DATE.has(id)) : false);
    }
  }
  return dates;
}

function parseSharedStrings(xml: string): string[] {
  const x = new Xml(xml);
  const out: string[] = [];
  // whether any text needs decoding at all (checked once, not per string)
  const plainText = xml.indexOf('&') < 0 && xml.indexOf('\r') < 0 && xml.indexOf('_x') < 0;
  for (;;) {
    // fast path for the usual <si><t>..</t></si> (or <t xml:space="preserve">)
    const lt = xml.indexOf('<', x.pos);
    if (lt >= 0 && xml.startsWith('<si><t', lt)) {
      let i = lt + 6;
      if (xml.charCodeAt(i) === 62) i++;
      else if (xml.startsWith(' xml:space="preserve">', i)) i += 22;
      else i = -1;
      if (i > 0) {
        const e = xml.indexOf('<', i);
        if (e >= 0 && xml.startsWith('</t></si>', e)) {
          if (out.length >= MAX_SHARED_STRINGS) throw tooManyStrings();
          out.push(plainText ? xml.slice(i, e) : unescapeX(decode(xml.slice(i, e))));
          x.pos = e + 9;
          continue;
        }
      }
    }
    if (!x.next()) break;
    if (!x.is('si') || x.close) continue;
    if (out.length >= MAX_SHARED_STRINGS) throw tooManyStrings();
    if (x.self) {
      out.push('');
      continue;
    }
    let plain: string | undefined;
    let rich: string | undefined;
    while (x.next()) {
      if (x.close) {
        if (x.is('si')) break;
      } else if (x.is('t')) plain = unescapeX(decode(x.rawText()));
      else if (x.is('rPh')) x.skip();
      else if (x.is('r') && !x.self) {
        rich ??= '';
        while (x.next()) {
          if (x.close) {
            if (x.is('r')) break;
          } else if (x.is('t')) rich += unescapeX(decode(x.rawText()));
          else if (!x.is('rPr')) x.skip();
        }
      }
    }
    out.push(plain ?? rich ?? '');
  }
  return out;
}

interface Rel {
  type: string;
  target: string;
}

function parseRels(xml: string): Map<string, Rel> {
  const x = new Xml(xml);
  const out = new Map<string, Rel>();
  while (x.next()) {
    if (x.close || !x.is('Relationship')) continue;
    if (x.attrText('TargetMode') === 'External') continue;
    const id = x.attrText('Id');
    const target = x.attrText('Target');
    if (id && target) out.set(id, { type: x.attrText('Type') ?? '', target: target.trim() });
  }
  return out;
}

/** A relationship target as a part name: relative to the source part's folder, or absolute from the package root. */
function resolve(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target : baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/').toLowerCase();
}

function isoDate(text: string): Cell {
  const t = text.trim();
  const d = /^\d{4}-\d{2}-\d{2}$/.test(t) ? new Date(t) : new Date(/[zZ]$|[+-]\d{2}:?\d{2}$/.test(t) ? t : `${t}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}

// ---------------------------------------------------------------------------------------------------------------
// Worksheets

interface RowRec {
  line: number;
  cells: Cell[];
  /** number of cells that exist (the last existing column) */
  width: number;
  /** whether a cell holds a value (exceljs's Row.hasValues): rows without one are not returned */
  has: boolean;
  /** cells allocated up front (the widest row so far), counted against MAX_CELLS */
  pre: number;
  /** its number is above every earlier row's (so, empty, it can be dropped: it replaces nothing) */
  increasing: boolean;
}

/** Rows are allocated as wide as the widest row so far (faster than growing), unless that is wider than this. */
const PREALLOC_MAX = 1024;

/** Merged areas larger than this, or beyond this many merged cells in all, are cut to the used rows and columns. */
const MERGE_CLAMP = 100_000;
const MERGE_BUDGET = 2_000_000;

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

function typeAt(s: string, from: number, to: number): number {
  const len = to - from;
  if (len === 1) {
    const c = s.charCodeAt(from);
    return c === 115 ? T_SHARED : c === 98 ? T_BOOL : c === 101 ? T_ERROR : c === 100 ? T_DATE : T_NUMBER;
  }
  if (len === 3 && s.startsWith('str', from)) return T_STR;
  if (len === 9 && s.startsWith('inlineStr', from)) return T_INLINE;
  return T_NUMBER;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * One worksheet's <sheetData> and <mergeCells>. Plain cells (`<c r=".." s=".." t=".."><v>..</v></c>`, nearly all of
 * them) take a fast path that scans the attributes once and slices the value; anything else (formulas, inline
 * strings, prefixes, whitespace, extensions) goes through the general scanner.
 */
class SheetReader {
  private readonly x: Xml;
  private readonly recs: RowRec[] = [];
  private readonly merges: string[] = [];
  private rec: RowRec | null = null;
  private line = 0;
  private col = 0;
  private sorted = true;
  private maxCol = 0;
  private rowElements = 0;
  // the cell being read
  private cCol = 0;
  private cStyle = 0;
  private cType = T_NUMBER;
  private cV: string | undefined = undefined;
  private cFormula = false;
  private cInline: string | undefined = undefined;
  private cRich: string | undefined = undefined;

  constructor(
    private readonly name: string,
    private readonly s: string,
    private readonly strings: string[],
    private readonly dateXf: boolean[],
    private readonly date1904: boolean,
    private readonly budget: Budget,
  ) {
    this.x = new Xml(s);
  }

  /** Count `k` more cells held in memory, before allocating them. */
  private reserve(k: number): void {
    if ((this.budget.cells += k) > MAX_CELLS) throw tooManyCells();
  }

  read(): SheetRow[] {
    const { s, x } = this;
    let inData = false;
    for (;;) {
      if (inData && this.rec) this.plainCells();
      if (!x.next()) break;
      if (!inData) {
        if (x.is('sheetData') && !x.close && !x.self) inData = true;
        else if (x.is('mergeCell') && !x.close && x.attr('ref')) this.merges.push(s.slice(x.vs, x.ve));
        continue;
      }
      if (x.close) {
        if (x.is('row')) this.endRow();
        else if (x.is('sheetData')) {
          this.endRow();
          inData = false;
        }
      } else if (x.is('c')) {
        if (!this.rec) continue;
        this.cCol = x.attr('r') ? columnAt(s, x.vs, x.ve) || this.col + 1 : this.col + 1;
        if (this.cCol > MAX_COLUMNS) throw tooManyColumns(this.name, this.rec.line, this.cCol);
        this.cStyle = x.attr('s') ? intAt(s, x.vs, x.ve) : 0;
        this.cType = x.attr('t') ? typeAt(s, x.vs, x.ve) : T_NUMBER;
        this.cV = this.cInline = this.cRich = undefined;
        this.cFormula = false;
        if (!x.self) this.children();
        this.store();
      } else if (x.is('row')) {
        this.endRow();
        const r = x.attr('r') ? intAt(s, x.vs, x.ve) : NaN;
        const next = r >= 1 ? r : this.line + 1;
        if (next > MAX_ROWS) throw tooManyRows(this.name, next);
        if (++this.rowElements > MAX_ROWS) throw tooManyRows(this.name, this.rowElements);
        const increasing = next > this.line;
        if (!increasing) this.sorted = false;
        this.line = next;
        this.col = 0;
        // an empty row that replaces no earlier one is nothing (a file of millions of <row/> costs no memory)
        if (x.self && increasing) continue;
        // pre-sized and packed (nulls): cheaper than growing a holey array cell by cell
        const pre = this.maxCol <= PREALLOC_MAX ? this.maxCol : 0;
        this.reserve(pre);
        this.rec = { line: next, cells: pre ? new Array<Cell>(pre).fill(null) : [], width: 0, has: false, pre, increasing };
        this.recs.push(this.rec);
        if (x.self) this.endRow();
      }
    }
    return this.finish();
  }

  /**
   * The fast path, nearly every cell of a sheet: a run of `<c r=".." s=".." t=".."><v>..</v></c>` (or `<c ../>`)
   * with a shared string, a number, a boolean or a plain string (`t="str"` without a formula: how this program's own
   * exports and other streaming writers store text, issue 16), read with the row's state in locals. Stops, leaving
   * the position at it, at anything else (the row's end, a formula, an inline string, an entity or a carriage
   * return in the text, whitespace, a prefix…) for the general path.
   */
  private plainCells(): void {
    const s = this.s;
    const rec = this.rec!;
    const cells = rec.cells;
    const { strings, dateXf, date1904 } = this;
    let p = this.x.pos;
    let col = this.col;
    let width = rec.width;
    let has = rec.has;
    for (;;) {
      while (isSpace(s.charCodeAt(p))) p++;
      if (s.charCodeAt(p) !== 60 || s.charCodeAt(p + 1) !== 99 || s.charCodeAt(p + 2) !== 32) break;
      // attributes, each name="value"
      let i = p + 3;
      let c = 0;
      let style = 0;
      let type = T_NUMBER;
      let self = false;
      let ok = true;
      for (;;) {
        let ch = s.charCodeAt(i);
        while (isSpace(ch)) ch = s.charCodeAt(++i);
        if (ch === 62) {
          i++;
          break;
        }
        if (ch === 47) {
          self = s.charCodeAt(i + 1) === 62;
          ok = self;
          i += 2;
          break;
        }
        const name = ch;
        const one = s.charCodeAt(i + 1) === 61;
        while (ch !== 61 && ch === ch && !isSpace(ch)) ch = s.charCodeAt(++i);
        ch = s.charCodeAt(++i);
        // name="value" exactly; spaces around '=' or single quotes go the general way
        if (s.charCodeAt(i - 1) !== 61 || ch !== 34) {
          ok = false;
          break;
        }
        const vs = i + 1;
        do ch = s.charCodeAt(++i);
        while (ch !== 34 && ch === ch);
        if (ch !== 34) {
          ok = false;
          break;
        }
        if (one) {
          if (name === 114 /* r */) c = columnAt(s, vs, i);
          else if (name === 115 /* s */) style = intAt(s, vs, i);
          else if (name === 116 /* t */) {
            type = typeAt(s, vs, i);
            if (type !== T_SHARED && type !== T_NUMBER && type !== T_BOOL && type !== T_STR) ok = false;
          }
        }
        i++;
      }
      if (!ok) break;
      if (!c) c = col + 1;
      if (c > MAX_COLUMNS) throw tooManyColumns(this.name, rec.line, c);
      if (self) {
        // no value: a styled cell exists (and pads the row), an unstyled one is nothing
        if (style) {
          cells[c - 1] = null;
          if (c > width) width = c;
        }
        col = c;
        p = i;
        continue;
      }
      // <v>…</v></c>
      if (s.charCodeAt(i) !== 60 || s.charCodeAt(i + 1) !== 118 || s.charCodeAt(i + 2) !== 62) break;
      const vs = i + 3;
      let ve = vs;
      let n = 0;
      let digits = true;
      let amp = false;
      for (let ch = s.charCodeAt(ve); ch !== 60 && ch === ch; ch = s.charCodeAt(++ve)) {
        const d = ch - 48;
        if (d >= 0 && d <= 9) n = n * 10 + d;
        else {
          digits = false;
          // an entity, or a carriage return (line ends are normalised): decode() on the general path
          if (ch === 38 || ch === 13) amp = true;
        }
      }
      if (
        ve === vs ||
        amp ||
        s.charCodeAt(ve + 1) !== 47 ||
        s.charCodeAt(ve + 2) !== 118 ||
        s.charCodeAt(ve + 3) !== 62 ||
        s.charCodeAt(ve + 4) !== 60 ||
        s.charCodeAt(ve + 5) !== 47 ||
        s.charCodeAt(ve + 6) !== 99 ||
        s.charCodeAt(ve + 7) !== 62
      )
        break;
      let value: Cell;
      if (type === T_SHARED) {
        const str = strings[digits && ve - vs <= 15 ? n : intAt(s, vs, ve)];
        if (str === undefined) throw invalid();
        value = str;
      } else if (type === T_BOOL) {
        value = parseInt(s.slice(vs, ve), 10) !== 0;
      } else if (type === T_STR) {
        value = s.slice(vs, ve);
      } else {
        const num = digits && ve - vs <= 15 ? n : parseFloat(s.slice(vs, ve));
        value = dateXf[style] ? excelToDate(num, date1904) : num;
      }
      cells[c - 1] = value;
      if (c > width) width = c;
      has = true;
      col = c;
      p = ve + 8;
    }
    this.x.pos = p;
    this.col = col;
    rec.width = width;
    rec.has = has;
  }

  /** The content of a <c> up to its end tag: <v>, <f>, <is> (plain or rich, phonetic runs left out). */
  private children(): void {
    const x = this.x;
    while (x.next()) {
      if (x.close) {
        if (x.is('c')) return;
        continue;
      }
      if (x.is('v')) this.cV = x.rawText();
      else if (x.is('f')) {
        const shared = x.attr('t');
        if (x.rawText() || shared) this.cFormula = true;
      } else if (x.is('is') && !x.self) {
        while (x.next()) {
          if (x.close) {
            if (x.is('is')) break;
          } else if (x.is('t')) this.cInline = (this.cInline ?? '') + unescapeX(decode(x.rawText()));
          else if (x.is('rPh')) x.skip();
          else if (x.is('r') && !x.self) {
            let rich = this.cRich ?? '';
            while (x.next()) {
              if (x.close) {
                if (x.is('r')) break;
              } else if (x.is('t')) rich += unescapeX(decode(x.rawText()));
              else if (!x.is('rPr')) x.skip();
            }
            this.cRich = rich;
          }
        }
      } else x.skip();
    }
  }

  /** The cell's value as exceljs gave it (see the header for where it deliberately does not). */
  private store(): void {
    const rec = this.rec!;
    const c = this.cCol;
    const v = this.cV;
    const type = this.cType;
    this.col = c;
    let value: Cell = null;
    let has = true;
    if (this.cFormula) {
      if (v) {
        if (type === T_STR) value = decode(v);
        else if (type === T_BOOL) value = parseInt(decode(v), 10) !== 0;
        else if (type === T_ERROR) value = null;
        else {
          const n = parseFloat(decode(v));
          value = this.dateXf[this.cStyle] ? excelToDate(n, this.date1904) : n;
        }
      }
    } else if (type === T_INLINE && (this.cRich !== undefined || this.cInline || v)) {
      value = this.cRich ?? (this.cInline || decode(v!));
    } else if (type !== T_INLINE && v) {
      switch (type) {
        case T_SHARED: {
          const str = this.strings[intAt(v, 0, v.length)];
          if (str === undefined) throw invalid();
          value = str;
          break;
        }
        case T_STR:
          value = decode(v);
          break;
        case T_BOOL:
          value = parseInt(decode(v), 10) !== 0;
          break;
        case T_ERROR:
          value = null;
          break;
        case T_DATE:
          value = isoDate(decode(v));
          break;
        default: {
          const n = parseFloat(v.indexOf('&') < 0 ? v : decode(v));
          value = this.dateXf[this.cStyle] ? excelToDate(n, this.date1904) : n;
        }
      }
    } else {
      // no value: a styled cell exists (and pads the row), an unstyled one is nothing
      if (!this.cStyle) return;
      has = false;
    }
    rec.cells[c - 1] = value;
    if (c > rec.width) rec.width = c;
    if (has) rec.has = true;
  }

  private endRow(): void {
    const rec = this.rec;
    if (!rec) return;
    this.rec = null;
    if (rec.width > rec.pre) this.reserve(rec.width - rec.pre);
    if (rec.width > this.maxCol) this.maxCol = rec.width;
    if (!rec.width && rec.increasing) {
      // no cell at all (not even a styled empty one): dropped now rather than kept to be dropped at the end
      this.recs.pop();
      this.budget.cells -= rec.pre;
    }
  }

  private finish(): SheetRow[] {
    this.endRow();
    let rows = this.recs;
    if (!this.sorted || this.merges.length) {
      // a repeated row number replaces the earlier row (as exceljs does); merged areas repeat their first cell's
      // value in every cell, creating rows where needed (as exceljs's merged cells do)
      const byLine = new Map<number, RowRec>();
      let maxLine = 0;
      for (const r of rows) {
        byLine.set(r.line, r);
        if (r.line > maxLine) maxLine = r.line;
      }
      const row = (n: number) => {
        let r = byLine.get(n);
        if (!r) byLine.set(n, (r = { line: n, cells: [], width: 0, has: false, pre: 0, increasing: false }));
        return r;
      };
      let mergedCells = 0;
      for (const ref of this.merges) {
        const [a, b = a] = ref.split(':');
        const p = cellRef(a);
        const q = cellRef(b);
        if (!p || !q) continue;
        for (const at of [p, q]) {
          if (at.row > MAX_ROWS) throw tooManyRows(this.name, at.row);
          if (at.col > MAX_COLUMNS) throw tooManyColumns(this.name, at.row, at.col);
        }
        const top = Math.min(p.row, q.row);
        const left = Math.min(p.col, q.col);
        let bottom = Math.max(p.row, q.row);
        let right = Math.max(p.col, q.col);
        mergedCells += (bottom - top + 1) * (right - left + 1);
        if ((bottom - top + 1) * (right - left + 1) > MERGE_CLAMP || mergedCells > MERGE_BUDGET) {
          // whole rows or columns merged: only within the rows and columns the sheet uses (exceljs would fill them all)
          bottom = Math.min(bottom, maxLine);
          right = Math.min(right, this.maxCol);
          if (top > bottom || left > right) continue;
        }
        this.reserve((bottom - top + 1) * (right - left + 1));
        const master = row(top);
        const value = master.cells[left - 1] ?? null;
        if (master.cells[left - 1] === undefined) master.cells[left - 1] = null;
        if (left > master.width) master.width = left;
        for (let i = top; i <= bottom; i++) {
          const r = row(i);
          for (let j = left; j <= right; j++) {
            if (i === top && j === left) continue;
            r.cells[j - 1] = value;
            if (j > r.width) r.width = j;
            r.has = true;
          }
        }
      }
      rows = [...byLine.values()].sort((a, b) => a.line - b.line);
    }
    const out: SheetRow[] = [];
    for (const r of rows) {
      if (!r.has) continue;
      const cells = r.cells;
      cells.length = r.width;
      for (let i = 0; i < r.width; i++) if (cells[i] === undefined) cells[i] = null;
      out.push({ line: r.line, cells });
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Open a workbook: read the ZIP directory and the workbook-wide parts; sheets are read on demand. Anything that is
 * not a readable .xlsx package throws the Chinese “not a valid Excel file” error.
 */
export function openXlsx(bytes: Buffer): XlsxWorkbook {
  // an OLE2 compound file: an .xls, or an .xlsx with a password to open (Excel wraps those the same way)
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) {
    throw new AppError('IMPORT_FAILED', '文件是旧版 Excel（.xls）格式，或设置了打开密码：请在 Excel 或 WPS 中打开后“另存为” .xlsx（不设密码）再导入');
  }
  try {
    return open(bytes);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid();
  }
}

function open(bytes: Buffer): XlsxWorkbook {
  const entries = zipEntries(bytes);
  // the whole file is held to the ratio too: many small parts each within it (or under its floor) cannot add up
  // to more, so a small file read in the main thread stays small to read
  const limit = Math.min(MAX_INFLATED_BYTES, Math.max(INFLATE_RATIO_FLOOR, bytes.length * MAX_INFLATE_RATIO));
  const budget: Budget = { limit, inflated: 0, cells: 0, parts: new Set() };
  const text = (name: string): string | null => {
    const e = entries.get(name);
    return e ? inflateEntry(bytes, name, e, budget).toString('utf8') : null;
  };
  const relsOf = (part: string): Map<string, Rel> => {
    const slash = part.lastIndexOf('/');
    const xml = text(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`);
    return xml ? parseRels(xml) : new Map();
  };

  const root = [...relsOf('').values()].find((r) => r.type.endsWith('/officeDocument'));
  let wbPart = root ? resolve('', root.target) : 'xl/workbook.xml';
  if (!entries.has(wbPart)) wbPart = 'xl/workbook.xml';
  const wbXml = text(wbPart);
  if (wbXml === null) throw invalid();
  const wbDir = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);
  const rels = relsOf(wbPart);
  const partOf = (type: string, fallback: string) => {
    const r = [...rels.values()].find((x) => x.type.endsWith(type));
    return r ? resolve(wbDir, r.target) : fallback;
  };

  const sheets: { name: string; part: string }[] = [];
  const named = new Set<string>();
  let date1904 = false;
  const x = new Xml(wbXml);
  while (x.next()) {
    if (x.close) continue;
    if (x.is('workbookPr')) {
      const v = x.attrText('date1904');
      date1904 = v === '1' || v === 'true';
    } else if (x.is('sheet')) {
      const rel = rels.get(x.attrText('id', true) ?? '');
      if (!rel || !rel.type.endsWith('/worksheet')) continue;
      const part = resolve(wbDir, rel.target);
      // a part named by several sheets is read once (300 sheets on one 100 MB part once took 90 s)
      if (entries.has(part) && !named.has(part)) {
        named.add(part);
        sheets.push({ name: x.attrText('name') ?? '', part });
      }
    }
  }

  const ssXml = text(partOf('/sharedStrings', `${wbDir}sharedstrings.xml`));
  const strings = ssXml ? parseSharedStrings(ssXml) : [];
  const stXml = text(partOf('/styles', `${wbDir}styles.xml`));
  const dateXf = stXml ? parseStyles(stXml) : [];

  return {
    sheets: sheets.map((s) => s.name),
    rows(index: number): SheetRow[] {
      try {
        return new SheetReader(sheets[index].name, text(sheets[index].part)!, strings, dateXf, date1904, budget).read();
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw invalid();
      }
    },
  };
}

/** All worksheets with their rows (for tests and tools; imports use openXlsx and read sheets as needed). */
export function readXlsxSheets(bytes: Buffer): { name: string; rows: SheetRow[] }[] {
  const book = openXlsx(bytes);
  return book.sheets.map((name, i) => ({ name, rows: book.rows(i) }));
}
