// Word documents in the official format (GB/T 9704-2012, DOMAIN.md §9) with the `docx` package: the year-end
// report, its statistics attachment, and ledgers as landscape tables. Every run names its East Asian font
// (w:eastAsia) and Times New Roman for digits and Latin; no theme fonts; tables carry grid and cell widths,
// because WPS and LibreOffice lay them out from those and not from autofit.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import type { FilledBlock } from '../../domain/report';
import { valueXml } from './fill-docx';

export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  pageNo: '宋体',
  latin: 'Times New Roman',
} as const;

/** Half-points: 二号 22pt, 三号 16pt, 四号 14pt. */
export const SIZE = { title: 44, body: 32, pageNo: 28 } as const;

/** A4 portrait and GB/T 9704 margins, in twips (1 mm = 56.7 twips). */
export const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 } as const;
/** The type area is 156 mm wide. */
export const TYPE_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 22 lines in a 225 mm type area: a fixed line pitch of 28.95 pt. */
export const LINE = 579;
/** One 三号 character (16 pt) in twips: indents are counted in characters. */
export const CHAR = 320;

/**
 * w:lang: Latin text (digits, %, /) is en-US and East Asian text zh-CN. With zh-CN for Latin too, LibreOffice and
 * WPS break lines inside numbers as between CJK characters ("1/84条", "26.6/7%").
 */
const LANG = { value: 'en-US', eastAsia: 'zh-CN' } as const;

function font(eastAsia: string) {
  return { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia, cs: FONT.latin };
}

export function run(text: string, eastAsia: string, size: number, opts: { bold?: boolean; highlight?: boolean; breakBefore?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: font(eastAsia),
    size,
    sizeComplexScript: size,
    language: LANG,
    bold: opts.bold,
    ...(opts.highlight ? { highlight: 'yellow' as const } : {}),
    ...(opts.breakBefore ? { break: 1 } : {}),
  });
}

const exact = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

interface BodyOptions {
  indentChars?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  eastAsia?: string;
  bold?: boolean;
  /** keep on the page of the next paragraph (headings, captions, the lines before the signature) */
  keepNext?: boolean;
  /** a 待填写 paragraph: highlighted so nobody sends the draft as it is */
  highlight?: boolean;
}

function body(text: string, opts: BodyOptions = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: exact,
    indent: opts.indentChars === 0 ? undefined : { firstLine: (opts.indentChars ?? 2) * CHAR },
    keepNext: opts.keepNext,
    widowControl: true,
    children: [run(text, opts.eastAsia ?? FONT.body, SIZE.body, { bold: opts.bold, highlight: opts.highlight })],
  });
}

const blank = (keepNext?: boolean) => new Paragraph({ spacing: exact, keepNext, children: [run('', FONT.body, SIZE.body)] });

/** "— n —" in 宋体 四号: odd pages right, even pages left, one character in from the edge of the type area. */
function pageNumberFooter(align: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONT.pageNo),
            size: SIZE.pageNo,
            sizeComplexScript: SIZE.pageNo,
            language: LANG,
          }),
        ],
      }),
    ],
  });
}

/**
 * Characters of 三号 that fit a line of the type area: 156 mm ÷ 5.64 mm = 27.6, so 27 (GB/T 9704's 28 needs a
 * document grid that squeezes the characters; without one Word, WPS and LibreOffice set 27).
 */
const LINE_CHARS = 27;

/**
 * A heading that would wrap with one to three characters alone on its last line ("…第一责任人职责情 / 况") is broken
 * earlier, where the words allow, so its second line carries a phrase: before 第一责任人, 推进, 履行, 的, 和, else
 * about eight characters from the end (never inside a number).
 */
export function headingLines(text: string, indentChars = 2): string[] {
  const chars = [...text];
  const first = LINE_CHARS - indentChars;
  const total = widthOf(text);
  if (total <= first || total > first + LINE_CHARS || total - first > 3) return [text];
  const ok = (i: number) =>
    i > 0 &&
    i < chars.length &&
    widthOf(chars.slice(0, i).join('')) <= first &&
    widthOf(chars.slice(i).join('')) >= 6 &&
    !(/[0-9A-Za-z]/.test(chars[i - 1]) && /[0-9A-Za-z]/.test(chars[i])) &&
    !/^[，。、；：）》”]/.test(chars[i]);
  for (const word of ['第一责任人', '推进', '履行', '的', '和']) {
    const i = chars.join('').lastIndexOf(word);
    const at = i < 0 ? -1 : [...text.slice(0, i)].length + (word.length === 1 ? 1 : 0);
    if (ok(at)) return [chars.slice(0, at).join(''), chars.slice(at).join('')];
  }
  for (let i = chars.length - 8; i > 0; i--) if (ok(i)) return [chars.slice(0, i).join(''), chars.slice(i).join('')];
  return [text];
}

function headingOf(text: string, eastAsia: string, bold = false): Paragraph {
  return new Paragraph({
    // left, not justified: a justified line ending in a manual break is spread over the whole width
    alignment: AlignmentType.LEFT,
    spacing: exact,
    indent: { firstLine: 2 * CHAR },
    keepNext: true,
    keepLines: true,
    children: headingLines(text).map((l, i) => run(l, eastAsia, SIZE.body, { bold, breakBefore: i > 0 })),
  });
}

/** A heading is kept with the paragraph after it, never the last line of a page. */
function headingParagraph(b: FilledBlock, keepNext = false): Paragraph {
  switch (b.kind) {
    case 'h1':
      return headingOf(b.text, FONT.h1);
    case 'h2':
      return headingOf(b.text, FONT.h2);
    case 'h3':
      return headingOf(b.text, FONT.body, true);
    default:
      return body(b.text, { keepNext, highlight: b.todo });
  }
}

export interface StatTable {
  title: string;
  headers: string[];
  /** relative widths; scaled to the type area */
  widths: number[];
  rows: string[][];
  /** figures are centred from this column on (statistics tables: every column after the item) */
  centreFrom?: number;
  /** a line under the table, e.g. the rows left out of it (另有3件未填写…) */
  note?: string;
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };
/** Cell padding (twips): 1 mm at the sides, 1 pt above and below. */
const cellMargins = { left: 60, right: 60, top: 20, bottom: 20 };
/** Table text: at least 1.25 lines of its size (half-points → twips), no space around paragraphs. */
const cellSpacing = (size: number) => ({ before: 0, after: 0, line: Math.round(size * 10 * 1.25), lineRule: LineRuleType.AT_LEAST });

/** Relative widths scaled to `total` twips; the last column takes what rounding leaves, so they sum to `total`. */
function columnWidths(widths: number[], total: number): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => Math.floor((w / sum) * total));
  cols[cols.length - 1] += total - cols.reduce((a, b) => a + b, 0);
  return cols;
}

/** A cell that carries all its own formatting: borders, padding, width, centring, paragraph and run properties. */
function tableCell(text: string, width: number, size: number, eastAsia: string, centre: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders,
    margins: cellMargins,
    children: String(text)
      .split('\n')
      .map(
        (line) =>
          new Paragraph({
            alignment: centre ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: cellSpacing(size),
            children: [run(line, eastAsia, size)],
          }),
      ),
  });
}

/** A table with explicit grid and cell widths (twips), header row repeated on every page. */
export function table(t: { headers: string[]; widths: number[]; rows: string[][]; centreFrom?: number }, total: number, size: number, eastAsia: string): Table {
  const cols = columnWidths(t.widths, total);
  const cell = (text: string, i: number, header: boolean) =>
    tableCell(text, cols[i], size, header ? FONT.h1 : eastAsia, header || (t.centreFrom !== undefined && i >= t.centreFrom));
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.headers.map((h, i) => cell(h, i, true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c ?? '', i, false)) })),
    ],
  });
}

export interface ReportDocOptions {
  title: string;
  /** 主送机关 line (formal variant), e.g. 县委、县人大常委会： */
  recipient?: string;
  blocks: FilledBlock[];
  signer: string;
  /** 2026年2月5日 */
  date: string;
  attachment?: { title: string; tables: StatTable[] };
}

/** Characters of 二号 on a line of the 156 mm type area (442 pt ÷ 22 pt = 20), less one for the renderers' rounding. */
const TITLE_CHARS = 19;

/** Width in full-width characters: digits and Latin letters are half a character. */
const widthOf = (s: string) => [...s].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);

/**
 * A title as the lines it is set in: one line when it fits, else lines of balanced length (GB/T 9704: 排列对称,
 * 长短适宜), broken where the words allow — before 关于, between a name and a year — and never inside a number,
 * so no line holds a lone character.
 */
export function titleLines(text: string): string[] {
  const chars = [...text];
  const total = widthOf(text);
  if (total <= TITLE_CHARS) return [text];
  const n = Math.ceil(total / TITLE_CHARS);
  const at = (i: number) => ({ before: chars.slice(0, i).join(''), rest: chars.slice(i).join('') });
  // where the words allow a break: around 关于, after the year (2025年度 / 2025年), after an organ's name
  const wordBreak = (i: number) => {
    const { before, rest } = at(i);
    return (
      rest.startsWith('关于') ||
      before.endsWith('关于') ||
      (/\d年度?$/.test(before) && !rest.startsWith('度')) ||
      (/(政府|委员会|局|办公室|办)$/.test(before) && !/^[\u4e00-\u9fa5]{0,1}$/.test(rest))
    );
  };
  const split = (words: boolean): string[] | null => {
    const lines: string[] = [];
    let start = 0;
    for (let k = 1; k < n; k++) {
      const target = (total * k) / n;
      let best = -1;
      for (let i = start + 1; i < chars.length; i++) {
        if (widthOf(chars.slice(start, i).join('')) > TITLE_CHARS) break;
        if (/[0-9A-Za-z]/.test(chars[i - 1]) && /[0-9A-Za-z]/.test(chars[i])) continue; // inside a number
        if (/^[，。、；：）》”]/.test(chars[i])) continue; // a line never starts with a closing mark
        if (words && !wordBreak(i)) continue;
        if (best < 0 || Math.abs(widthOf(at(i).before) - target) < Math.abs(widthOf(at(best).before) - target)) best = i;
      }
      if (best < 0) return null;
      lines.push(chars.slice(start, best).join(''));
      start = best;
    }
    lines.push(chars.slice(start).join(''));
    return lines.every((l) => widthOf(l) <= TITLE_CHARS && widthOf(l) >= 2) ? lines : null;
  };
  return split(true) ?? split(false) ?? [text];
}

/** Title lines: 二号 小标宋, centred, broken into balanced lines by titleLines. */
function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    keepNext: true,
    children: titleLines(text).map((l, i) => run(l, FONT.title, SIZE.title, { breakBefore: i > 0 })),
  });
}

const portrait: ISectionOptions['properties'] = {
  page: {
    size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
    margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 1304 },
  },
};

export async function reportDocx(o: ReportDocOptions): Promise<Buffer> {
  const main: (Paragraph | Table)[] = [titleParagraph(o.title), blank()];
  if (o.recipient) main.push(body(o.recipient, { indentChars: 0, align: AlignmentType.LEFT }));
  // The signature never stands alone on a page: the last body paragraph is kept with it (and, when that is a
  // single line, the one before too), so at least two lines of text share its page (widow control keeps two).
  const last = o.blocks.length - 1;
  const short = (b: FilledBlock | undefined) => !!b && widthOf(b.text) <= 26;
  o.blocks.forEach((b, i) => main.push(headingParagraph(b, i === last || (i === last - 1 && short(o.blocks[last])))));
  if (o.attachment) {
    main.push(blank(true));
    main.push(body(`附件：${o.attachment.title}`, { indentChars: 2, keepNext: true }));
  }
  // 署名 centred over the date; the date right-aligned, 4 characters in from the right edge.
  const dateWidth = [...o.date].length;
  const signerPad = Math.max(0, Math.round((dateWidth - [...o.signer].length) / 2));
  main.push(blank(true), blank(true));
  main.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: exact,
      keepNext: true,
      indent: { right: (4 + signerPad) * CHAR },
      children: [run(o.signer, FONT.body, SIZE.body)],
    }),
  );
  main.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, indent: { right: 4 * CHAR }, children: [run(o.date, FONT.body, SIZE.body)] }));

  const footers = { default: pageNumberFooter('right'), even: pageNumberFooter('left') };
  const sections: ISectionOptions[] = [{ properties: portrait, footers, children: main }];
  if (o.attachment) {
    const children: (Paragraph | Table)[] = [
      body('附件', { indentChars: 0, align: AlignmentType.LEFT, eastAsia: FONT.h1 }),
      blank(),
      titleParagraph(o.attachment.title),
      blank(),
    ];
    for (const t of o.attachment.tables) {
      // the caption is kept with the table's first row
      children.push(body(t.title, { indentChars: 0, align: AlignmentType.CENTER, eastAsia: FONT.h1, keepNext: true }));
      children.push(table(t, TYPE_WIDTH, 24, FONT.body));
      if (t.note) {
        children.push(new Paragraph({ alignment: AlignmentType.LEFT, spacing: cellSpacing(24), children: [run(t.note, FONT.body, 24)] }));
      }
      children.push(blank());
    }
    sections.push({ properties: portrait, footers, children });
  }
  return Packer.toBuffer(docOf(sections));
}

function docOf(sections: ISectionOptions[]): Document {
  return new Document({
    creator: '法治台账',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONT.body), size: SIZE.body, language: LANG } } } },
    sections,
  });
}

export interface LedgerDocOptions {
  title: string;
  headers: string[];
  widths: number[];
  rows: string[][];
  /** footer line, e.g. 导出日期：2026年2月5日 共 120 条 */
  footerNote: string;
}

/** The paragraph style of a ledger table's data cells: their spacing and alignment, once for all cells. */
const LEDGER_CELL = 'LedgerCell';

/**
 * A4 landscape, title, the chosen columns with the header row repeated, page numbers and an export line.
 *
 * The `docx` package builds the document with the header row only; the data rows are then written as text and
 * streamed into the table. 10,000 rows as `docx` objects took 14 s and 2.4 GB. The `docx` package also gives every
 * cell its own borders, padding and run properties (~10 KB a row, 100 MB for 10,000 rows, which JSZip deflates in
 * JavaScript), so a data cell here carries only its width and vertical centring, and its text. The rest is said
 * once and looks the same: the borders (incl. insideH/insideV) and the padding on the table, the grid widths with a
 * fixed layout, the font, size and language in the document defaults, spacing and alignment in the LedgerCell
 * paragraph style. The header row keeps its own formatting (黑体, centred) and is repeated on every page; no row
 * is split across pages.
 */
export async function ledgerDocx(o: LedgerDocOptions): Promise<Buffer> {
  const margin = 1134; // 20 mm
  const width = PAGE.height - 2 * margin;
  const size = o.headers.length > 10 ? 21 : 24; // 五号 10.5 pt for wide tables, 小四 12 pt otherwise
  const cols = columnWidths(o.widths, width);
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: [`${o.footerNote}\u3000\u3000第 `, PageNumber.CURRENT, ' 页 / 共 ', PageNumber.TOTAL_PAGES, ' 页'],
            font: font(FONT.body),
            size: 21,
            language: LANG,
          }),
        ],
      }),
    ],
  });
  const bytes = await Packer.toBuffer(
    new Document({
      creator: '法治台账',
      styles: {
        default: { document: { run: { font: font(FONT.body), size, language: LANG } } },
        paragraphStyles: [
          { id: LEDGER_CELL, name: 'Ledger Cell', basedOn: 'Normal', paragraph: { alignment: AlignmentType.LEFT, spacing: cellSpacing(size) } },
        ],
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
              margin: { top: margin, bottom: margin, left: margin, right: margin, header: 567, footer: 567 },
            },
          },
          footers: { default: footer },
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(o.title, FONT.h1, 36)] }),
            new Table({
              width: { size: width, type: WidthType.DXA },
              columnWidths: cols,
              layout: TableLayoutType.FIXED,
              borders: { ...borders, insideHorizontal: cellBorder, insideVertical: cellBorder },
              margins: { ...cellMargins, marginUnitType: WidthType.DXA },
              rows: [new TableRow({ tableHeader: true, cantSplit: true, children: o.headers.map((h, i) => tableCell(h, cols[i], size, FONT.h1, true)) })],
            }),
          ],
        },
      ],
    }),
  );
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const end = xml.indexOf('</w:tbl>');
  // One data cell: <w:tc><w:tcPr><w:tcW/><w:vAlign/></w:tcPr><w:p><w:pPr><w:pStyle/></w:pPr><w:r><w:t>…</w:t></w:r></w:p></w:tc>
  const open = cols.map(
    (w) =>
      `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="${LEDGER_CELL}"/></w:pPr><w:r><w:t xml:space="preserve">`,
  );
  const close = '</w:t></w:r></w:p></w:tc>';
  const rowXml = (r: string[]) => {
    let s = '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
    for (let i = 0; i < open.length; i++) s += open[i] + cellText(r[i] ?? '') + close;
    return s + '</w:tr>';
  };
  // Handed to JSZip as one string (two bytes a character here, copied by the joins, the concatenation and the
  // UTF-8 encoding) 10,000 rows cost ~1 GB of peak memory; as a stream of UTF-8 chunks of 500 rows they are
  // deflated as they are read.
  const rows = o.rows;
  function* chunks(): Generator<Buffer> {
    yield Buffer.from(xml.slice(0, end), 'utf8');
    for (let i = 0; i < rows.length; i += 500)
      yield Buffer.from(
        rows
          .slice(i, i + 500)
          .map(rowXml)
          .join(''),
        'utf8',
      );
    yield Buffer.from(xml.slice(end), 'utf8');
  }
  zip.file('word/document.xml', Readable.from(chunks(), { objectMode: false }));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Characters XML 1.0 cannot carry: control characters other than tab and newline (so also CR), U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');
const XML_SPECIAL = /[<>&\n]/;

/** A value as the content of a cell's w:t: unprintable characters dropped, escaped, newlines as line breaks. */
function cellText(s: string): string {
  const p = UNPRINTABLE.test(s) ? s.replace(UNPRINTABLE_ALL, '') : s;
  return XML_SPECIAL.test(p) ? valueXml(p) : p;
}

/** A 文书 of a case file (DOMAIN §11): the report's page, fonts, title and signature, with a 文号 line. */
interface CaseDocOptions {
  /** title lines: the organ's name (organ papers) and the 文书's name */
  titles: string[];
  /** 文号, right-aligned under the title; '' for none */
  docNo: string;
  blocks: FilledBlock[];
  /** 署名 and 成文日期 (2026年2月5日); an empty signer leaves the signature out */
  signer: string;
  date: string;
  /** a table after the body (送达回证: one row a 送达) */
  table?: { headers: string[]; widths: number[]; rows: string[][] };
}

export async function caseDocDocx(o: CaseDocOptions): Promise<Buffer> {
  const main: (Paragraph | Table)[] = o.titles.filter(Boolean).map((t) => titleParagraph(t));
  main.push(blank());
  if (o.docNo) main.push(body(o.docNo, { indentChars: 0, align: AlignmentType.RIGHT }));
  // the 主送 line ("张三：") is the first paragraph when it ends in a colon: flush left, no indent
  o.blocks.forEach((b, i) => {
    if (i === 0 && b.kind === 'p' && /[：:]$/.test(b.text) && widthOf(b.text) <= 2 * LINE_CHARS)
      main.push(body(b.text, { indentChars: 0, align: AlignmentType.LEFT }));
    else main.push(headingParagraph(b, i === o.blocks.length - 1));
  });
  if (o.table) {
    main.push(blank());
    main.push(table(o.table, TYPE_WIDTH, 24, FONT.body));
  }
  if (o.signer) {
    const dateWidth = [...o.date].length;
    const signerPad = Math.max(0, Math.round((dateWidth - [...o.signer].length) / 2));
    main.push(blank(true), blank(true));
    main.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: exact,
        keepNext: true,
        indent: { right: (4 + signerPad) * CHAR },
        children: [run(o.signer, FONT.body, SIZE.body)],
      }),
    );
    main.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, indent: { right: 4 * CHAR }, children: [run(o.date, FONT.body, SIZE.body)] }));
  }
  const footers = { default: pageNumberFooter('right'), even: pageNumberFooter('left') };
  return Packer.toBuffer(docOf([{ properties: portrait, footers, children: main }]));
}
