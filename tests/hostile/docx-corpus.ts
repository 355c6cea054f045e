// Hostile report templates (.docx) and hostile in-app template texts, made by code at test time so no large
// binary is committed. Each builder writes one file into a folder and says what the app must do with it: refuse
// it with a Chinese message (matching `message`), or accept it (and then `check` looks at the output).
//
// The big ones are never held in memory: the 3.5 GB inflate bomb is one deflate block of 1 MB of spaces
// compressed once with a full flush (so it stands on its own) and written 3,500 times, then a final empty block;
// the 50 MB document is written and deflated in chunks.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const MB = 1024 * 1024;

/** A ZIP entry: bytes to deflate (or store), or an already-deflated stream with the sizes and CRC to declare. */
type Entry =
  { name: string; data: Buffer | string; store?: boolean } | { name: string; raw: () => Iterable<Buffer>; rawSize: number; size: number; crc: number };

/**
 * A ZIP written to `file` entry by entry (nothing of the whole file is kept but the central directory);
 * `count` overrides the entry count written at the end (what a writer does past 65,535 entries).
 */
export function writeZipFile(file: string, entries: Iterable<Entry>, opts: { count?: number } = {}): void {
  const fd = fs.openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  let n = 0;
  const write = (b: Buffer) => {
    fs.writeSync(fd, b);
    offset += b.length;
  };
  try {
    for (const e of entries) {
      const name = Buffer.from(e.name, 'utf8');
      let method: number, crc: number, size: number, csize: number;
      let body: Iterable<Buffer>;
      if ('raw' in e) {
        method = 8;
        crc = e.crc;
        size = e.size;
        csize = e.rawSize;
        body = e.raw();
      } else {
        const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
        const packed = e.store ? data : zlib.deflateRawSync(data);
        method = e.store ? 0 : 8;
        crc = zlib.crc32(data);
        size = data.length;
        csize = packed.length;
        body = [packed];
      }
      const head = Buffer.alloc(30);
      head.writeUInt32LE(0x04034b50, 0);
      head.writeUInt16LE(20, 4);
      head.writeUInt16LE(0x800, 6);
      head.writeUInt16LE(method, 8);
      head.writeUInt32LE(0x00210000, 10);
      head.writeUInt32LE(crc >>> 0, 14);
      head.writeUInt32LE(csize, 18);
      head.writeUInt32LE(size, 22);
      head.writeUInt16LE(name.length, 26);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      head.copy(cd, 8, 6, 30);
      cd.writeUInt32LE(offset, 42);
      central.push(cd, name);
      write(head);
      write(name);
      for (const b of body) write(b);
      n++;
    }
    const cdStart = offset;
    for (const b of central) write(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    const count = opts.count ?? n;
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(offset - cdStart, 12);
    end.writeUInt32LE(cdStart, 16);
    write(end);
  } finally {
    fs.closeSync(fd);
  }
}

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DOC_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const DOCM_TYPE = 'application/vnd.ms-word.document.macroEnabled.main+xml';

export const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A paragraph of one run. */
export const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;
export const documentXml = (body: string, prolog = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;

function contentTypes(main = DOC_TYPE, extra = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${main}"/>${extra}</Types>`
  );
}
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const docRels = (extra = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${extra}</Relationships>`;

/** The parts of a small valid .docx around a document.xml. */
export function docxEntries(document: string, o: { main?: string; types?: string; rels?: string } = {}): Entry[] {
  return [
    { name: '[Content_Types].xml', data: contentTypes(o.main, o.types) },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'word/document.xml', data: document },
    { name: 'word/_rels/document.xml.rels', data: docRels(o.rels) },
  ];
}

/**
 * `repeat` copies of `unit` as one raw-deflate stream whose bytes come out chunk by chunk: `unit` deflated once
 * ending in a full flush (no final block, no reference to what came before, so the same bytes can follow
 * themselves), then an empty final block.
 */
function repeatedDeflate(unit: Buffer, repeat: number): { raw: () => Iterable<Buffer>; rawSize: number; size: number } {
  const block = zlib.deflateRawSync(unit, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const tail = zlib.deflateRawSync(Buffer.alloc(0));
  return {
    raw: function* () {
      for (let i = 0; i < repeat; i++) yield block;
      yield tail;
    },
    rawSize: block.length * repeat + tail.length,
    size: unit.length * repeat,
  };
}

/** The CRC-32 of `unit` repeated (computed in steps; 3.5 GB takes about a second). */
function repeatedCrc(unit: Buffer, repeat: number): number {
  let crc = 0;
  for (let i = 0; i < repeat; i++) crc = zlib.crc32(unit, crc);
  return crc;
}

export interface HostileCase {
  name: string;
  /** what the file is, in a test name */
  what: string;
  /** writes the file into `dir` and returns its path */
  build: (dir: string) => string;
  /** a refusal whose Chinese message matches, or acceptance */
  expect: { refused: RegExp } | { accepted: true };
  /** for an accepted file: a look at the generated .docx (throws when wrong) */
  check?: (out: Buffer) => void;
}

const docx = (file: string, entries: Iterable<Entry>, opts?: { count?: number }) => (dir: string) => {
  const p = path.join(dir, file);
  writeZipFile(p, entries, opts);
  return p;
};

/** The inflated parts of a generated .docx, for checks (small outputs only). */
export function partsOf(out: Buffer): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  let eocd = out.length - 22;
  while (eocd >= 0 && out.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = out.readUInt32LE(eocd + 16);
  for (let k = 0; k < out.readUInt16LE(eocd + 10); k++) {
    const method = out.readUInt16LE(p + 10);
    const csize = out.readUInt32LE(p + 20);
    const nameLen = out.readUInt16LE(p + 28);
    const local = out.readUInt32LE(p + 42);
    const name = out.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
    const start = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28);
    const data = out.subarray(start, start + csize);
    parts.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
  }
  return parts;
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** A year of text a clerk might write: sentences with figures and placeholders, varied so it deflates like prose. */
function* prose(bytes: number): Generator<string> {
  const subjects = ['规范性文件', '重大行政决策', '政府合同', '行政复议案件', '行政应诉案件', '行政执法案卷'];
  const verbs = ['审核', '审查', '办理', '评查', '备案', '清理'];
  let seed = 20250101;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let written = 0;
  let i = 0;
  while (written < bytes) {
    const s = `第${++i}项：{{单位名称}}${rnd(12) + 1}月${verbs[rnd(6)]}${subjects[rnd(6)]}${rnd(900) + 10}件，较上年${rnd(2) ? '增加' : '减少'}${rnd(50)}件，其中依法纠正${rnd(30)}件，编号${rnd(1e9)}。`;
    const x = para(s);
    written += Buffer.byteLength(x);
    yield x;
  }
}

/** A .docx whose document.xml is `bytes` of prose: chunks of ~300 KB, each deflated on its own (full flush). */
function bigText(dir: string, file: string, bytes: number): string {
  const chunks: Buffer[] = [];
  let size = 0;
  let crc = 0;
  const take = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    size += b.length;
    crc = zlib.crc32(b, crc);
    chunks.push(zlib.deflateRawSync(b, { finishFlush: zlib.constants.Z_FULL_FLUSH }));
  };
  let buf = documentXml('').split('<w:sectPr/>')[0];
  for (const p of prose(bytes)) {
    buf += p;
    if (buf.length > 300_000) {
      take(buf);
      buf = '';
    }
  }
  take(buf + '<w:sectPr/></w:body></w:document>');
  chunks.push(zlib.deflateRawSync(Buffer.alloc(0)));
  const rawSize = chunks.reduce((s, c) => s + c.length, 0);
  return docx(file, [...docxEntries('').filter((e) => e.name !== 'word/document.xml'), { name: 'word/document.xml', raw: () => chunks, rawSize, size, crc }])(
    dir,
  );
}

/** The .docx cases. `limits` are the app's (DOCX_LIMITS), so sizes just over them are made from them. */
export function docxCases(limits: { maxFile: number; maxEntries: number; maxDocumentXml: number }): HostileCase[] {
  const spaces = (n: number) => documentXml(para('全年办理案件{{' + ' '.repeat(n) + '件。'));
  return [
    { name: 'spaces-20k', what: '{{ 后接 2 万个空格', build: docx('spaces-20k.docx', docxEntries(spaces(20_000))), expect: { accepted: true } },
    { name: 'spaces-200k', what: '{{ 后接 20 万个空格', build: docx('spaces-200k.docx', docxEntries(spaces(200_000))), expect: { accepted: true } },
    {
      name: 'spaces-closed',
      what: '{{ 20 万个空格 }}（空占位符）',
      build: docx('spaces-closed.docx', docxEntries(documentXml(para('{{' + ' '.repeat(200_000) + '}}')))),
      expect: { refused: /无法识别的占位符.*\{\{\}\}/ },
    },
    {
      name: 'nested-unclosed',
      what: '10 万层未闭合的 {{{{{{ 和 [[',
      build: docx('nested.docx', docxEntries(documentXml(para('{{{{{{'.repeat(100_000)) + para('[[{{'.repeat(100_000) + '}')))),
      expect: { accepted: true },
    },
    {
      name: 'unclosed-tags',
      what: '40 万个未闭合的 <w:p 和 <w:t 标签',
      // numbered, so the part deflates like a real one (a run of identical tags is refused for its ratio)
      build: docx(
        'unclosed-tags.docx',
        docxEntries(documentXml('<w:p ' + Array.from({ length: 400_000 }, (_, i) => `<w:p w:rsidR="${i}"><w:r><w:t `).join('') + '{{年度}}</w:p>')),
      ),
      expect: { accepted: true },
    },
    {
      name: 'many-placeholders',
      what: '一个文字片段里 100 万个占位符',
      build: docx('many-placeholders.docx', docxEntries(documentXml(para(Array.from({ length: 1_000_000 }, (_, i) => `{{年度}}${i}`).join(''))))),
      expect: { accepted: true },
      check: (out) => {
        const xml = partsOf(out).get('word/document.xml')!.toString('utf8');
        must(!xml.includes('{{') && xml.includes('2025999998') && xml.includes('>20250'), '占位符应全部换成年度');
      },
    },
    {
      name: 'proto-keys',
      what: '{{__proto__}}、{{constructor}}、{{toString}}、{{hasOwnProperty}}',
      build: docx('proto.docx', docxEntries(documentXml(para('甲{{__proto__}}乙{{constructor}}丙{{toString}}丁{{ hasOwnProperty }}')))),
      expect: { refused: /无法识别的占位符：\{\{__proto__\}\}、\{\{constructor\}\}、\{\{toString\}\}、\{\{hasOwnProperty\}\}/ },
    },
    {
      name: 'bomb-declared',
      what: '3.5 GB 解压炸弹（如实声明大小）',
      build: (dir) => {
        const unit = Buffer.alloc(MB, 0x20);
        const r = repeatedDeflate(unit, 3500);
        return docx('bomb-declared.docx', [
          ...docxEntries(documentXml(para('正文'))).filter((e) => e.name !== 'word/document.xml'),
          { name: 'word/document.xml', ...r, crc: repeatedCrc(unit, 3500) },
        ])(dir);
      },
      expect: { refused: /document\.xml.*(超过上限|压缩比异常)/ },
    },
    {
      name: 'bomb-lying',
      what: '3.5 GB 解压炸弹（声明为 10KB）',
      build: (dir) => {
        const r = repeatedDeflate(Buffer.alloc(MB, 0x20), 3500);
        return docx('bomb-lying.docx', [
          ...docxEntries('').filter((e) => e.name !== 'word/document.xml'),
          { name: 'word/document.xml', ...r, size: 10_000, crc: 0 },
        ])(dir);
      },
      expect: { refused: /document\.xml 解压后超过.*压缩炸弹/ },
    },
    {
      name: 'bomb-styles',
      what: '样式部件 1 GB 解压炸弹（声明为 10KB）',
      build: (dir) => {
        const r = repeatedDeflate(Buffer.alloc(MB, 0x20), 1000);
        return docx('bomb-styles.docx', [...docxEntries(documentXml(para('正文'))), { name: 'word/styles.xml', ...r, size: 10_000, crc: 0 }])(dir);
      },
      expect: { refused: /styles\.xml 解压后超过/ },
    },
    {
      name: 'bomb-total',
      what: '30 个各 9MB 的部件（合计超限）',
      build: (dir) => {
        // 1 MB of a 9 KB passage repeated: deflates ~125× (under the ratio limit), so only the total is over
        const passage = Buffer.from([...prose(9000)].join(''));
        const unit = Buffer.concat(Array.from({ length: Math.ceil(MB / passage.length) }, () => passage)).subarray(0, MB);
        const crc = repeatedCrc(unit, 9);
        const parts: Entry[] = [];
        for (let i = 1; i <= 30; i++) parts.push({ name: `word/header${i}.xml`, ...repeatedDeflate(unit, 9), crc });
        return docx('bomb-total.docx', [...docxEntries(documentXml(para('正文'))), ...parts])(dir);
      },
      expect: { refused: /解压后超过 200MB/ },
    },
    {
      name: 'entries-100k',
      what: '10 万个部件（ZIP64 计数）',
      build: (dir) => {
        function* entries(): Generator<Entry> {
          yield* docxEntries(documentXml(para('正文')));
          for (let i = 0; i < 100_000; i++) yield { name: `word/media/x${i}.bin`, data: Buffer.alloc(0), store: true };
        }
        return docx('entries-100k.docx', entries())(dir);
      },
      expect: { refused: /ZIP64|部件/ },
    },
    {
      name: 'entries-over-cap',
      what: `${limits.maxEntries + 1} 个以上部件`,
      build: (dir) => {
        function* entries(): Generator<Entry> {
          yield* docxEntries(documentXml(para('正文')));
          for (let i = 0; i < limits.maxEntries; i++) yield { name: `word/media/x${i}.bin`, data: Buffer.alloc(0), store: true };
        }
        return docx('entries-over-cap.docx', entries())(dir);
      },
      expect: { refused: new RegExp(`超过上限 ${limits.maxEntries} 个`) },
    },
    {
      name: 'truncated',
      what: '只复制了一半的文件',
      build: (dir) => {
        const p = docx('truncated.docx', [...docxEntries(documentXml([...prose(200_000)].join('')))])(dir);
        const b = fs.readFileSync(p);
        fs.writeFileSync(p, b.subarray(0, Math.floor(b.length / 2)));
        return p;
      },
      expect: { refused: /不是有效的 Word 文档.*不完整/ },
    },
    {
      name: 'not-zip',
      what: '改了扩展名的文本文件',
      build: (dir) => {
        const p = path.join(dir, 'not-zip.docx');
        fs.writeFileSync(p, '年度,指标,数值\n2025,法律顾问人数,12\n'.repeat(1000));
        return p;
      },
      expect: { refused: /不是有效的 Word 文档/ },
    },
    {
      name: 'docm',
      what: '带宏的 .docm（vbaProject.bin）改名为 .docx',
      build: docx('macro.docx', [
        ...docxEntries(documentXml(para('{{单位名称}}{{年度}}年度报告')), {
          main: DOCM_TYPE,
          types:
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/>',
          rels: '<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>',
        }),
        { name: 'word/vbaProject.bin', data: Buffer.from('ATTRIBUTE VB_Name = "ThisDocument"\nSub AutoOpen()\nShell "calc.exe"\nEnd Sub\n') },
        {
          name: 'word/_rels/vbaProject.bin.rels',
          data: docRels('<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/wordVbaData" Target="vbaData.xml"/>'),
        },
        { name: 'word/vbaData.xml', data: '<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>' },
      ]),
      expect: { accepted: true },
      check: (out) => {
        const parts = partsOf(out);
        must(![...parts.keys()].some((n) => /vba/i.test(n)), `输出中不应有宏部件：${[...parts.keys()].join(', ')}`);
        const types = parts.get('[Content_Types].xml')!.toString('utf8');
        must(!/vba|macroEnabled/i.test(types) && types.includes(DOC_TYPE), `内容类型应为普通文档：${types}`);
        must(!/vba/i.test(parts.get('word/_rels/document.xml.rels')!.toString('utf8')), '关系中不应再指向宏');
        must(parts.get('word/document.xml')!.toString('utf8').includes('2025年度报告'), '占位符应已填入');
      },
    },
    {
      name: 'billion-laughs',
      what: '带实体声明的 DTD（billion laughs）',
      build: docx(
        'laughs.docx',
        docxEntries(
          documentXml(
            para('&lol9;'),
            '<!DOCTYPE w:document [<!ENTITY lol "lol">' +
              [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`).join('') +
              ']>',
          ),
        ),
      ),
      expect: { refused: /实体声明/ },
    },
    {
      name: 'doctype',
      what: '带 DTD 但无实体的文档',
      build: docx('doctype.docx', docxEntries(documentXml(para('{{年度}}年'), '<!DOCTYPE w:document SYSTEM "http://127.0.0.1/x.dtd">'))),
      expect: { accepted: true },
      check: (out) => {
        for (const [name, b] of partsOf(out)) must(!b.toString('utf8').includes('<!DOCTYPE'), `${name} 中不应留下 DOCTYPE`);
      },
    },
    {
      name: 'big-text',
      what: `${Math.round((limits.maxDocumentXml * 0.95) / MB)}MB 真实文字的 document.xml（上限以内）`,
      build: (dir) => bigText(dir, 'big-text.docx', Math.floor(limits.maxDocumentXml * 0.95)),
      expect: { accepted: true },
    },
    {
      name: 'big-text-50mb',
      what: '50MB 真实文字的 document.xml',
      build: (dir) => bigText(dir, 'big-text-50mb.docx', 50 * 1000 * 1000),
      expect: limits.maxDocumentXml >= 50 * 1000 * 1000 ? { accepted: true } : { refused: /document\.xml 解压后有 .*超过上限/ },
    },
    {
      name: 'file-over',
      what: `超过 ${Math.round(limits.maxFile / MB)}MB 的文件`,
      build: (dir) => {
        // a picture of random bytes (incompressible) just over the file limit
        const noise = Buffer.alloc(MB);
        let x = 1;
        for (let i = 0; i < noise.length; i++) noise[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
        const parts: Entry[] = [];
        for (let i = 0; i <= limits.maxFile / MB; i++) parts.push({ name: `word/media/image${i}.png`, data: noise, store: true });
        return docx('file-over.docx', [...docxEntries(documentXml(para('正文'))), ...parts])(dir);
      },
      expect: { refused: /模板文件过大/ },
    },
  ];
}

/** In-app template texts (report.saveTemplate, report.preview): what must be refused and what must pass. */
export function textCases(maxChars: number): { name: string; text: string; expect: { refused: RegExp } | { accepted: true } }[] {
  return [
    { name: 'spaces-20k', text: '全年{{' + ' '.repeat(20_000) + '件。', expect: { refused: /\{\{ 与 \}\} 不成对/ } },
    { name: 'spaces-near-max', text: '全年{{' + ' '.repeat(maxChars - 10) + '件', expect: { refused: /\{\{ 与 \}\} 不成对/ } },
    { name: 'over-max', text: '{{' + ' '.repeat(maxChars), expect: { refused: /模板过长/ } },
    { name: 'nested-unclosed', text: '{{{{{{'.repeat(Math.floor(maxChars / 7)), expect: { refused: /不成对/ } },
    { name: 'brackets', text: '[['.repeat(Math.floor(maxChars / 5)) + '{{年度}}', expect: { refused: /\[\[ 与 \]\] 不成对/ } },
    { name: 'commas', text: '全年' + '，'.repeat(maxChars - 10) + '完', expect: { accepted: true } },
    {
      name: 'proto-keys',
      text: '{{__proto__}}{{constructor}}{{toString}}{{hasOwnProperty}}',
      expect: { refused: /未知的占位符“\{\{__proto__\}\}”.*“\{\{constructor\}\}”.*“\{\{toString\}\}”.*“\{\{hasOwnProperty\}\}”/ },
    },
    { name: 'long-key', text: '{{' + '键'.repeat(maxChars - 10) + '}}', expect: { refused: /未知的占位符“\{\{键{40}…\}\}”/ } },
  ];
}
