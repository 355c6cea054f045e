// Reading the text formats (.csv, .json) of an import file: the encoding as Excel/WPS save on Chinese Windows
// (UTF-8 with or without BOM, UTF-16LE with BOM, else GB18030), and CSV records (RFC 4180) read a piece of the
// file at a time under the bounds of limits.ts, so a 140 MB single-line file or 60 million columns are refused at
// the first field or column too many rather than built up in memory.

import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { AppError } from '../errors';
import { MAX_CELLS, MAX_COLUMNS, MAX_FIELD_CHARS, MAX_ROWS, n } from './limits';

const BINARY = '文件不是文本格式的 CSV（含有二进制内容），请确认选择了正确的文件';

/** Bytes decoded a piece at a time (so a long file never becomes one string while it is being checked). */
const PIECE = 1024 * 1024;

/** Where a UTF-8 sequence first breaks the rules (overlong forms, surrogates, beyond U+10FFFF), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [len, min] = [2, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [len, min] = [3, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [len, min] = [4, 0x10000];
    else return i;
    if (i + len > b.length) return i;
    let cp = c & (0x7f >> len);
    for (let k = 1; k < len; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

/** The CSV record (1-based) that byte `end` falls in: line breaks outside quotes, CRLF counted once. */
function csvRecordAt(b: Uint8Array, end: number): number {
  let row = 1;
  let quoted = false;
  for (let i = 0; i < end; i++) {
    const c = b[i];
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && (c === 0x0a || (c === 0x0d && b[i + 1] !== 0x0a))) row++;
  }
  return row;
}

/** The text line (1-based) that byte `end` falls in. */
function lineAt(b: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (b[i] === 0x0a || (b[i] === 0x0d && b[i + 1] !== 0x0a)) line++;
  return line;
}

type Decoder = { write(b: Buffer): string; end(): string };

/**
 * The decoder for a file's bytes and where its text starts. A file that says it is UTF-8 (a BOM) but has bytes
 * that are not is refused, naming the row: decoding it would silently put U+FFFD where the user's text was.
 */
function decoderOf(bytes: Buffer, unit: 'csv' | 'text'): { start: number; decoder: Decoder } {
  const fromTextDecoder = (label: string): Decoder => {
    const d = new TextDecoder(label, { ignoreBOM: true });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      const where = unit === 'csv' ? `CSV 文件第 ${csvRecordAt(body, at)} 行` : `文件第 ${lineAt(body, at)} 行`;
      throw new AppError(
        'IMPORT_FAILED',
        `${where}有不是 UTF-8 编码的内容（文件开头标明是 UTF-8），文件可能已损坏或被其他程序改写，不能导入。请在 Excel 或 WPS 中打开确认后另存为“CSV UTF-8”再导入`,
      );
    }
    return { start: 3, decoder: fromTextDecoder('utf-8') };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { start: 2, decoder: fromTextDecoder('utf-16le') };
  if (isUtf8(bytes)) return { start: 0, decoder: fromTextDecoder('utf-8') };
  const d = iconv.getDecoder('gb18030');
  return { start: 0, decoder: { write: (b) => d.write(b), end: () => d.end() ?? '' } };
}

/** The pieces of a file's text, in order. */
function* pieces(bytes: Buffer, unit: 'csv' | 'text'): Generator<string> {
  const { start, decoder } = decoderOf(bytes, unit);
  for (let at = start; at < bytes.length; at += PIECE) {
    const s = decoder.write(bytes.subarray(at, Math.min(at + PIECE, bytes.length)));
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A whole text file (JSON) as one string, with the encoding rules above. */
export function decodeText(bytes: Buffer): string {
  let out = '';
  for (const s of pieces(bytes, 'text')) out += s;
  return out;
}

const tooLong = (row: number) =>
  new AppError('IMPORT_FAILED', `CSV 文件第 ${n(row)} 行有一格超过 ${n(MAX_FIELD_CHARS)} 个字，超出了导入的上限，文件可能已损坏或不是逐行的表格，不能导入`);

/**
 * RFC 4180 records: quoted fields with doubled quotes and embedded line breaks; CRLF, LF or CR. A quote opens a
 * quoted field only at its start. Fed a piece of text at a time; every bound is checked before the field, row or
 * record it concerns is kept.
 */
export class CsvReader {
  readonly rows: string[][] = [];
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** a quote ended the last piece inside a quoted field: a doubled quote or the field's end, by the next char */
  private quoteAtEnd = false;
  /** a CR ended the last piece: an LF starting the next one belongs to it */
  private crAtEnd = false;
  private cells = 0;

  private get line(): number {
    return this.rows.length + 1;
  }

  private add(s: string): void {
    if (this.field.length + s.length > MAX_FIELD_CHARS) throw tooLong(this.line);
    this.field += s;
  }

  private endField(): void {
    if (this.row.length >= MAX_COLUMNS) {
      throw new AppError('IMPORT_FAILED', `CSV 文件第 ${n(this.line)} 行超过 ${n(MAX_COLUMNS)} 列（Excel 的上限），文件可能已损坏或被改造，不能导入`);
    }
    if (++this.cells > MAX_CELLS) {
      throw new AppError(
        'IMPORT_FAILED',
        `CSV 文件的格子超过 ${n(MAX_CELLS)} 个（到第 ${n(this.line)} 行），超出了一次导入的上限，没有导入。请把文件拆分成几个较小的文件分别导入`,
      );
    }
    this.row.push(this.field);
    this.field = '';
  }

  private endRow(): void {
    this.endField();
    if (this.rows.length >= MAX_ROWS) {
      throw new AppError('IMPORT_FAILED', `CSV 文件超过 ${n(MAX_ROWS)} 行（Excel 的上限），超出了导入的上限，没有导入。请把文件拆分成几个较小的文件分别导入`);
    }
    this.rows.push(this.row);
    this.row = [];
  }

  push(text: string): void {
    if (text.includes('\u0000')) throw new AppError('IMPORT_FAILED', BINARY);
    const len = text.length;
    if (!len) return;
    let i = 0;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(i) === 34) {
        this.add('"');
        i++;
      } else this.quoted = false;
    }
    let from = i; // start of the run of plain characters not yet added to the field
    while (i < len) {
      const c = text.charCodeAt(i);
      if (this.quoted) {
        if (c !== 34) {
          i++;
          continue;
        }
        this.add(text.slice(from, i));
        if (i + 1 >= len) {
          this.quoteAtEnd = true;
          return;
        }
        if (text.charCodeAt(i + 1) === 34) {
          this.add('"');
          i += 2;
        } else {
          this.quoted = false;
          i++;
        }
        from = i;
        continue;
      }
      if (c !== 34 && c !== 44 && c !== 10 && c !== 13) {
        i++;
        continue;
      }
      this.add(text.slice(from, i));
      if (c === 34) {
        if (this.field === '') this.quoted = true;
        else this.add('"');
      } else if (c === 44) this.endField();
      else {
        this.endRow();
        if (c === 13) {
          if (i + 1 >= len) this.crAtEnd = true;
          else if (text.charCodeAt(i + 1) === 10) i++;
        }
      }
      i++;
      from = i;
    }
    this.add(text.slice(from, len));
  }

  end(): string[][] {
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      this.quoted = false;
    }
    if (this.quoted) throw new AppError('IMPORT_FAILED', `CSV 文件第 ${this.rows.length + 1} 行的引号没有闭合，文件可能不完整`);
    if (this.field !== '' || this.row.length) this.endRow();
    return this.rows;
  }
}

/** The records of a CSV file's bytes, read under the bounds. */
export function readCsvRows(bytes: Buffer): string[][] {
  const r = new CsvReader();
  for (const s of pieces(bytes, 'csv')) r.push(s);
  return r.end();
}
