// A corpus of hostile spreadsheet and CSV/JSON files, made at test time into a folder (nothing big is committed):
// each file is one way a file handed to the import can try to take the process's memory or time (issue 13, part
// 6). Big parts are written a piece at a time: a 1 GB part is one compressed piece repeated (deflate blocks ended
// by a sync flush can be chained), so making the corpus stays small in memory. Used by
// tests/integration/hostile-sheets.test.ts; the functions are exported for other corpora and tools.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** One part of a package: its bytes, or its content as pieces (each compressed on its own, in order). */
export interface Part {
  name: string;
  data?: Buffer | string;
  /** pieces of content; each is compressed once and may be repeated (`times`) without being held again */
  pieces?: { data: Buffer | string; times?: number }[];
  /** store without compression */
  stored?: boolean;
}

/** CRC-32 of a piece repeated `times` times after `crc` (zlib.crc32 continues a running value). */
function crcOf(crc: number, piece: Buffer, times: number): number {
  for (let i = 0; i < times; i++) crc = zlib.crc32(piece, crc);
  return crc;
}

/**
 * Write a ZIP file (as a .xlsx is one) part by part: local headers, data, central directory. Sizes up to 4 GB
 * (no ZIP64): enough for the bombs here.
 */
export function writeZip(file: string, parts: Part[]): void {
  const fd = fs.openSync(file, 'w');
  let at = 0;
  const put = (b: Buffer) => {
    fs.writeSync(fd, b);
    at += b.length;
  };
  const central: Buffer[] = [];
  try {
    for (const p of parts) {
      const name = Buffer.from(p.name, 'utf8');
      const pieces = p.pieces ?? [{ data: p.data ?? '' }];
      let size = 0;
      let crc = 0;
      const out: { bytes: Buffer; times: number }[] = [];
      for (const piece of pieces) {
        const raw = Buffer.isBuffer(piece.data) ? piece.data : Buffer.from(piece.data, 'utf8');
        const times = piece.times ?? 1;
        size += raw.length * times;
        crc = crcOf(crc, raw, times);
        // a repeated piece is compressed hard (once), as a bomb would be; the rest quickly
        const level = times > 1 ? 9 : 1;
        out.push({ bytes: p.stored ? raw : zlib.deflateRawSync(raw, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH }), times });
      }
      if (!p.stored) out.push({ bytes: zlib.deflateRawSync(Buffer.alloc(0)), times: 1 }); // the final, empty block
      const csize = out.reduce((s, o) => s + o.bytes.length * o.times, 0);
      if (size > 0xffffffff || csize > 0xffffffff) throw new Error('part too big for a ZIP without ZIP64');
      const method = p.stored ? 0 : 8;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // names in UTF-8
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(csize, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      const offset = at;
      put(local);
      put(name);
      for (const o of out) for (let i = 0; i < o.times; i++) put(o.bytes);
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(method, 10);
      c.writeUInt32LE(crc >>> 0, 16);
      c.writeUInt32LE(csize, 20);
      c.writeUInt32LE(size, 24);
      c.writeUInt16LE(name.length, 28);
      c.writeUInt32LE(offset, 42);
      central.push(c, name);
    }
    const cd = Buffer.concat(central);
    const cdOffset = at;
    put(cd);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(cdOffset, 16);
    put(end);
  } finally {
    fs.closeSync(fd);
  }
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A workbook: `sheets` name their part (several may name the same one); `partsOf` gives each sheet part's
 * content; `shared` an optional shared-strings part.
 */
export function writeWorkbook(file: string, opts: { sheets: { name: string; part: string }[]; sheetParts: Part[]; shared?: Part }): void {
  const rels = opts.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${s.part.replace(/^xl\//, '')}"/>`);
  if (opts.shared) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="${opts.shared.name.replace(/^xl\//, '')}"/>`);
  const parts: Part[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${opts.sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    },
    ...opts.sheetParts,
    ...(opts.shared ? [opts.shared] : []),
  ];
  writeZip(file, parts);
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';

/** A one-sheet workbook whose sheetData is `rows` (a string, or pieces). */
export function writeSheet(
  file: string,
  rows: string | { data: string | Buffer; times?: number }[],
  extra: Partial<{ head: string; shared: Part }> = {},
): void {
  const pieces = typeof rows === 'string' ? [{ data: rows }] : rows;
  writeWorkbook(file, {
    sheets: [{ name: 'Sheet1', part: 'xl/worksheets/sheet1.xml' }],
    sheetParts: [{ name: 'xl/worksheets/sheet1.xml', pieces: [{ data: extra.head ?? SHEET_HEAD }, ...pieces, { data: SHEET_TAIL }] }],
    shared: extra.shared,
  });
}

/** An inline-string cell. */
export const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** Write `total` bytes made of `piece` repeated (a big text file without holding it). */
export function writeRepeated(file: string, head: string, piece: string, total: number, tail = ''): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, head);
    const block = Buffer.from(piece.repeat(Math.max(1, Math.floor((1024 * 1024) / piece.length))), 'utf8');
    let left = total;
    while (left > 0) {
      const b = left >= block.length ? block : block.subarray(0, left);
      fs.writeSync(fd, b);
      left -= b.length;
    }
    fs.writeSync(fd, tail);
  } finally {
    fs.closeSync(fd);
  }
}

/** Rows `from`..`to` of `make(n)`, as pieces of about 1 MB (so a long sheet is never one string). */
function* rowPieces(from: number, to: number, make: (n: number) => string): Generator<{ data: string }> {
  let s = '';
  for (let i = from; i <= to; i++) {
    s += make(i);
    if (s.length >= 1 << 20) {
      yield { data: s };
      s = '';
    }
  }
  if (s) yield { data: s };
}

export interface HostileCase {
  /** file name in the corpus folder (its extension decides how it is read) */
  file: string;
  /** what the file is */
  what: string;
  /** the ledger it is imported into */
  kind: string;
  /** the Chinese refusal (or report line) expected; null: any clean Chinese outcome */
  expect: RegExp | null;
  /** the import succeeds (exit 0) */
  ok?: boolean;
  /** the API's error code when it is not IMPORT_FAILED (a file refused before it reaches the import) */
  apiCode?: string;
  make: (file: string) => void;
}

/** A contract ledger's header row, so a sheet is taken for the ledger and its problems are about cells. */
const CONTRACT_HEADER = ['合同名称', '送审单位', '送审日期'];

/** The corpus. Every case makes its file on demand (make), so a test can make and run one at a time. */
export const HOSTILE_CASES: HostileCase[] = [
  {
    file: 'zzzzzz1-cell.xlsx',
    what: '1.7 KB, one cell r="ZZZZZZ1" (once a 3.3 GB array)',
    kind: 'contract',
    expect: /超过了 Excel 的上限 16,384 列/,
    make: (f) => writeSheet(f, `<row r="1">${cell('A1', '合同名称')}${cell('ZZZZZZ1', 'x')}</row>`),
  },
  {
    file: 'row-19000000.xlsx',
    what: 'a row numbered 19,000,000',
    kind: 'contract',
    expect: /有第 19,000,000 行，超过了 Excel 的上限 1,048,576 行/,
    make: (f) => writeSheet(f, `<row r="1">${cell('A1', '合同名称')}</row><row r="19000000">${cell('A19000000', 'x')}</row>`),
  },
  {
    file: '19m-empty-rows.xlsx',
    what: '19 million empty <row/> (114 MB of XML in ~120 KB)',
    kind: 'contract',
    expect: /不能导入|没有导入/,
    make: (f) => writeSheet(f, [{ data: `<row r="1">${cell('A1', '合同名称')}</row>` }, { data: '<row/>'.repeat(100_000), times: 190 }]),
  },
  {
    file: 'rows-past-excel.xlsx',
    what: '1.1 million numbered empty rows, compressing like a real sheet: the row bound, not the ratio',
    kind: 'contract',
    expect: /超过了 Excel 的上限 1,048,576 行/,
    make: (f) =>
      writeSheet(f, [{ data: `<row r="1">${cell('A1', '合同名称')}</row>` }, ...rowPieces(2, 1_100_000, (i) => `<row r="${i}" spans="1:${i % 97}"/>`)]),
  },
  {
    file: '300-sheets-one-100mb-part.xlsx',
    what: '300 sheets naming one 100 MB part (once 90 s)',
    kind: 'contract',
    expect: /不能导入|没有导入|没有找到/,
    make: (f) =>
      writeWorkbook(f, {
        sheets: Array.from({ length: 300 }, (_, i) => ({ name: `表${i + 1}`, part: 'xl/worksheets/sheet1.xml' })),
        sheetParts: [
          {
            name: 'xl/worksheets/sheet1.xml',
            pieces: [{ data: SHEET_HEAD }, { data: `<row>${cell('A1', '某某')}</row>`.repeat(25_000), times: 100 }, { data: SHEET_TAIL }],
          },
        ],
      }),
  },
  {
    file: '300-sheets-one-part.xlsx',
    what: '300 sheets naming one 12 MB part that compresses normally: read once',
    kind: 'contract',
    expect: /在工作表（表1）中都没有找到/,
    make: (f) =>
      writeWorkbook(f, {
        sheets: Array.from({ length: 300 }, (_, i) => ({ name: `表${i + 1}`, part: 'xl/worksheets/sheet1.xml' })),
        sheetParts: [
          {
            name: 'xl/worksheets/sheet1.xml',
            pieces: [
              { data: SHEET_HEAD },
              ...rowPieces(1, 150_000, (i) => `<row r="${i}"><c r="A${i}"><v>${(i * 7919) % 1000003}</v></c></row>`),
              { data: SHEET_TAIL },
            ],
          },
        ],
      }),
  },
  {
    file: 'zip-bomb.xlsx',
    what: 'a sheet part of 1 GB of spaces in ~1 MB',
    kind: 'contract',
    expect: /压缩炸弹/,
    make: (f) => writeSheet(f, [{ data: Buffer.alloc(1 << 20, 0x20), times: 1024 }]),
  },
  {
    file: 'shared-strings-many.xlsx',
    what: '4.1 million shared strings (beyond the bound), compressing like real text',
    kind: 'contract',
    expect: /文本条目超过 4,000,000 条/,
    make: (f) =>
      writeSheet(f, `<row r="1">${cell('A1', '合同名称')}</row>`, {
        shared: {
          name: 'xl/sharedStrings.xml',
          pieces: [
            { data: `<?xml version="1.0"?><sst xmlns="${NS}">` },
            ...rowPieces(1, 4_100_000, (i) => `<si><t>${i.toString(36)}</t></si>`),
            { data: '</sst>' },
          ],
        },
      }),
  },
  {
    file: 'shared-strings-count.xlsx',
    what: 'a shared-strings part declaring 4,294,967,295 strings (and holding two)',
    kind: 'contract',
    expect: /缺少必填列/,
    make: (f) =>
      writeSheet(f, `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>`, {
        shared: {
          name: 'xl/sharedStrings.xml',
          data: `<sst xmlns="${NS}" count="4294967295" uniqueCount="4294967295"><si><t>合同名称</t></si><si><t>某合同</t></si></sst>`,
        },
      }),
  },
  {
    file: 'deep-nesting.xlsx',
    what: 'XML nested 100,000 elements deep, in sheetData and inside a cell',
    kind: 'contract',
    expect: null,
    make: (f) =>
      writeSheet(
        f,
        `<row r="1">${cell('A1', '合同名称')}</row><row r="2"><c r="A2" t="inlineStr"><is><r>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</r></is></c></row>${'<y>'.repeat(50_000)}${'</y>'.repeat(50_000)}`,
      ),
  },
  {
    file: 'billion-laughs.xlsx',
    what: 'a DTD whose entities expand to 10^9 “lol”',
    kind: 'contract',
    expect: /DTD/,
    make: (f) => {
      const ents = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
      writeSheet(f, `<row r="1">${cell('A1', '合同名称')}</row><row r="2">${cell('A2', '&lol9;')}</row>`, {
        head: `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [${ents}]><worksheet xmlns="${NS}"><sheetData>`,
      });
    },
  },
  {
    file: 'truncated.xlsx',
    what: 'a real workbook cut in half',
    kind: 'contract',
    expect: /不是有效的 Excel/,
    make: (f) => {
      writeSheet(f, [...rowPieces(1, 3000, (i) => `<row r="${i}">${cell(`A${i}`, `合同${i}`)}</row>`)]);
      const b = fs.readFileSync(f);
      fs.writeFileSync(f, b.subarray(0, b.length >> 1));
    },
  },
  {
    file: 'not-a-zip.xlsx',
    what: 'text named .xlsx',
    kind: 'contract',
    expect: /不是有效的 Excel/,
    make: (f) => fs.writeFileSync(f, '合同名称,合同编号\n某合同,1\n'),
  },
  {
    file: 'old-excel.xlsx',
    what: 'an .xls (OLE2 compound file) renamed .xlsx',
    kind: 'contract',
    expect: /旧版 Excel（\.xls）/,
    make: (f) => {
      const b = Buffer.alloc(8192);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
      fs.writeFileSync(f, b);
    },
  },
  {
    file: 'empty.xlsx',
    what: 'an empty file',
    kind: 'contract',
    expect: /是空的/,
    make: (f) => fs.writeFileSync(f, ''),
  },
  {
    file: 'empty.csv',
    what: 'an empty CSV',
    kind: 'contract',
    expect: /是空的/,
    make: (f) => fs.writeFileSync(f, ''),
  },
  {
    file: '60m-columns.csv',
    what: 'one line of 60 million columns',
    kind: 'contract',
    expect: /第 1 行超过 16,384 列/,
    make: (f) => writeRepeated(f, '', ',', 60_000_000, '\r\n'),
  },
  {
    file: '140mb-one-line.csv',
    what: 'one 140 MB line',
    kind: 'contract',
    expect: /第 1 行有一格超过 100,000 个字/,
    // whole characters only (13 bytes a piece), so the file stays valid UTF-8
    make: (f) => writeRepeated(f, '', '合同名称x', 13 * Math.floor((140 * 1024 * 1024) / 13)),
  },
  {
    file: 'over-150mb.csv',
    what: 'a file over the 150 MB an import takes (sparse: no disk used)',
    kind: 'contract',
    expect: /文件过大（最多 150MB）/,
    apiCode: 'INVALID_INPUT',
    make: (f) => {
      fs.writeFileSync(f, '合同名称,送审单位,送审日期\r\n');
      fs.truncateSync(f, 151 * 1024 * 1024);
    },
  },
  {
    file: 'bom-invalid-utf8.csv',
    what: 'a UTF-8 BOM, then bytes that are not UTF-8 in row 3',
    kind: 'contract',
    expect: /CSV 文件第 3 行有不是 UTF-8 编码的内容/,
    make: (f) =>
      fs.writeFileSync(
        f,
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(`${CONTRACT_HEADER.join(',')}\r\n"某,合同",某单位,2025-01-02\r\n`),
          Buffer.from([0xc4, 0xb3, 0xba, 0xcf]),
          Buffer.from(',某单位,2025-01-03\r\n'),
        ]),
      ),
  },
  {
    file: 'errors-everywhere.csv',
    what: '20,000 rows, each with a bad date: 200 problems listed and a count',
    kind: 'contract',
    expect: /另有 \d[\d,]* 处问题没有列出/,
    make: (f) =>
      fs.writeFileSync(f, `${CONTRACT_HEADER.join(',')}\r\n${Array.from({ length: 20_000 }, (_, i) => `合同${i},某单位,不是日期`).join('\r\n')}\r\n`),
  },
  {
    file: 'deep.json',
    what: 'JSON nested a million arrays deep',
    kind: 'contract',
    expect: /JSON 第 1 个元素不是对象/,
    make: (f) => writeRepeated(f, '', '[', 1_000_000, ']'.repeat(1_000_000)),
  },
  {
    file: 'many-keys.json',
    what: 'JSON records with 20,000 different keys',
    kind: 'contract',
    expect: /超过 16,384 个不同的列名/,
    make: (f) => fs.writeFileSync(f, JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ [`列${i}`]: i })))),
  },
  {
    file: 'fine.csv',
    what: 'a good file, for contrast: it imports',
    kind: 'indicator',
    expect: null,
    ok: true,
    make: (f) => fs.writeFileSync(f, '\ufeff年度,指标,数值\r\n2025,收案数,12\r\n'),
  },
];

/** Make every case's file in `dir` (or those named); returns the paths by file name. */
export function makeCorpus(dir: string, only?: string[]): Map<string, string> {
  fs.mkdirSync(dir, { recursive: true });
  const out = new Map<string, string>();
  for (const c of HOSTILE_CASES) {
    if (only && !only.includes(c.file)) continue;
    const f = path.join(dir, c.file);
    c.make(f);
    out.set(c.file, f);
  }
  return out;
}
