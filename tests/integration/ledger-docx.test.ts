// A ledger exported as a Word table, parsed back: every value in its cell and in order, the header row repeated,
// special characters escaped and control characters dropped, newlines as line breaks, the grid filling the
// landscape type area. The data rows are written as text (not by the `docx` package) and carry only their width,
// vertical centring and a paragraph style; the borders, padding, font, size and spacing they look the same with are
// said once on the table, the style and the document defaults, so those are checked to be there.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { exportFile } from '../../electron/core/exchange';
import { ledgerDocx } from '../../electron/core/report/docx';
import { call, tempCore } from '../helpers/db';

/** The landscape type area: 297 mm less two 20 mm margins, in twips. */
const TEXT_WIDTH = 16838 - 2 * 1134;

interface Parsed {
  doc: string;
  styles: string;
  tblPr: string;
  grid: number[];
  rows: string[];
  /** the cells of each row: their XML and their text (line breaks as \n) */
  cells: { xml: string; text: string }[][];
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of a cell as Word shows it: the w:t runs in order, a w:br as a newline, paragraphs on lines of their own. */
function cellText(xml: string): string {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) =>
      [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t\s*\/>|<w:br\/>/g)].map((m) => (m[0] === '<w:br/>' ? '\n' : unescapeXml(m[1] ?? ''))).join(''),
    )
    .join('\n');
}

/** Well-formed XML: every tag closed in order, no raw `<` or `&` in text, no characters XML 1.0 cannot carry. */
function wellFormed(xml: string): void {
  const stack: string[] = [];
  let last = 0;
  for (const m of xml.matchAll(/<[^>]*>/g)) {
    const text = xml.slice(last, m.index);
    expect(text, `text before ${m[0]}`).not.toMatch(/<|&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
    last = m.index! + m[0].length;
    const tag = m[0];
    if (tag.startsWith('<?') || tag.endsWith('/>')) continue;
    if (tag.startsWith('</')) expect(stack.pop(), tag).toBe(tag.slice(2, -1));
    else stack.push(/^<([^\s>]+)/.exec(tag)![1]);
  }
  expect(stack).toEqual([]);
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
}

async function parse(bytes: Buffer): Promise<Parsed> {
  const zip = await JSZip.loadAsync(bytes);
  const doc = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const tables = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)];
  expect(tables).toHaveLength(1);
  const tbl = tables[0][0];
  const rows = [...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
  return {
    doc,
    styles,
    tblPr: /<w:tblPr>[\s\S]*?<\/w:tblPr>/.exec(tbl)![0],
    grid: [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => +m[1]),
    rows,
    cells: rows.map((r) => [...r.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => ({ xml: c[0], text: cellText(c[0]) }))),
  };
}

/** The width a cell says it has (twips). */
const tcW = (cellXml: string) => Number(/<w:tcW (?:w:type="dxa" w:w="(\d+)"|w:w="(\d+)" w:type="dxa")\/>/.exec(cellXml)?.slice(1).find(Boolean));

let core: Core;
const ids: string[] = [];
const NOTE = '第一行：A<&>"B\u0001C\n第二行\n\n第四行';
const CONTRACTS = [
  { title: '某某物业服务合同', submitter: '县财政局', counterparty: '甲<公司>&乙', receivedOn: '2025-03-03', amount: 12.5, note: NOTE },
  { title: '采购合同"二"', submitter: '县教育局', counterparty: '丙公司', receivedOn: '2025-03-04', amount: 1300 },
  { title: '第三份合同', submitter: '县公安局', receivedOn: '2025-03-05', note: '只有一行' },
];

beforeAll(async () => {
  core = await tempCore();
  for (const values of CONTRACTS) ids.push((await call(core, 'ledger.create', { kind: 'contract', values })).id);
});
afterAll(() => core.close());

describe('a ledger exported as a Word table', () => {
  const columns = ['title', 'counterparty', 'amount', 'note'];
  const HEADERS = ['序号', '合同名称', '合同相对方', '标的额(万元)', '备注'];

  it('has the header row, repeated on every page, and every value in its own cell in order', async () => {
    const p = await parse((await exportFile(core, 'contract', 'docx', { ids, columns })).bytes);
    wellFormed(p.doc);
    wellFormed(p.styles);
    expect(p.rows).toHaveLength(1 + CONTRACTS.length);
    expect(p.rows[0]).toMatch(/<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    expect(p.rows.slice(1).every((r) => !r.includes('<w:tblHeader/>') && r.includes('<w:cantSplit/>'))).toBe(true);
    expect(p.cells[0].map((c) => c.text)).toEqual(HEADERS);
    for (const row of p.cells) expect(row).toHaveLength(HEADERS.length);
    expect(p.cells.slice(1).map((row) => row.map((c) => c.text))).toEqual([
      ['1', '某某物业服务合同', '甲<公司>&乙', '12.5', '第一行：A<&>"BC\n第二行\n\n第四行'],
      ['2', '采购合同"二"', '丙公司', '1300', ''],
      ['3', '第三份合同', '', '', '只有一行'],
    ]);
  });

  it('escapes XML characters, drops control characters, and writes newlines as line breaks in one paragraph', async () => {
    const p = await parse((await exportFile(core, 'contract', 'docx', { ids, columns })).bytes);
    const note = p.cells[1][4].xml;
    expect(note).toContain('第一行：A&lt;&amp;&gt;"BC</w:t><w:br/>');
    expect(note).not.toContain('\u0001');
    expect(note.match(/<w:br\/>/g)).toHaveLength(3);
    expect(note.match(/<w:p[ >]/g)).toHaveLength(1);
    expect(p.cells[1][2].xml).toContain('甲&lt;公司&gt;&amp;乙');
  });

  it('fills the type area with the grid, and each cell is as wide as its grid column', async () => {
    const p = await parse((await exportFile(core, 'contract', 'docx', { ids, columns })).bytes);
    expect(p.grid).toHaveLength(HEADERS.length);
    expect(p.grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    expect(p.tblPr).toContain(`<w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>`);
    for (const row of p.cells) expect(row.map((c) => tcW(c.xml))).toEqual(p.grid);
    // 序号 narrow, 合同名称 the widest, as the field widths say (2 : 20 : 10 : 6 : 12)
    expect(p.grid[1]).toBeGreaterThan(p.grid[2]);
    expect(p.grid[0]).toBeLessThan(p.grid[3]);
  });

  it('keeps the look of every cell, said once: borders, padding, fixed layout, font, size, spacing, centring', async () => {
    const p = await parse((await exportFile(core, 'contract', 'docx', { ids, columns })).bytes);
    // w:tblPr children in schema order (CT_TblPr): tblW, tblBorders, tblLayout, tblCellMar
    expect(p.tblPr).toMatch(
      /^<w:tblPr><w:tblW [^>]*\/><w:tblBorders>.*<\/w:tblBorders><w:tblLayout w:type="fixed"\/><w:tblCellMar>.*<\/w:tblCellMar><\/w:tblPr>$/,
    );
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'])
      expect(p.tblPr).toContain(`<w:${side} w:val="single" w:color="000000" w:sz="4"/>`);
    expect(p.tblPr).toMatch(
      /<w:tblCellMar><w:top w:type="dxa" w:w="20"\/><w:left w:type="dxa" w:w="60"\/><w:bottom w:type="dxa" w:w="20"\/><w:right w:type="dxa" w:w="60"\/><\/w:tblCellMar>/,
    );
    // the font, 小四 (≤ 10 columns) and the language are the document defaults, so a data run needs no w:rPr
    expect(p.styles).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"\/><w:sz w:val="24"\/><w:szCs w:val="24"\/><w:lang w:val="en-US" w:eastAsia="zh-CN"\/><\/w:rPr><\/w:rPrDefault>/,
    );
    const style = /<w:style w:type="paragraph" w:styleId="LedgerCell">[\s\S]*?<\/w:style>/.exec(p.styles)?.[0];
    expect(style).toContain('<w:spacing w:after="0" w:before="0" w:line="300" w:lineRule="atLeast"/>');
    expect(style).toContain('<w:jc w:val="left"/>');
    // a data cell: w:tcPr (tcW, vAlign in schema order), the style, one run of text
    for (const c of p.cells.slice(1).flat()) {
      expect(c.xml).toMatch(
        /^<w:tc><w:tcPr><w:tcW w:w="\d+" w:type="dxa"\/><w:vAlign w:val="center"\/><\/w:tcPr><w:p><w:pPr><w:pStyle w:val="LedgerCell"\/><\/w:pPr><w:r><w:t xml:space="preserve">/,
      );
      expect(c.xml).not.toContain('<w:rPr>');
    }
    // the header keeps its own formatting: 黑体, centred, the same spacing
    for (const c of p.cells[0]) {
      expect(c.xml).toContain('w:eastAsia="黑体"');
      expect(c.xml).toContain('<w:jc w:val="center"/>');
      expect(c.xml).toContain('<w:vAlign w:val="center"/>');
    }
    expect(p.doc).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
  });

  it('uses 五号 for more than ten columns, and the grid still fills the type area', async () => {
    const p = await parse((await exportFile(core, 'contract', 'docx', { ids })).bytes);
    expect(p.grid).toHaveLength(12);
    expect(p.grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    expect(p.styles).toMatch(/<w:rPrDefault><w:rPr>.*<w:sz w:val="21"\/><w:szCs w:val="21"\/>.*<\/w:rPrDefault>/);
    expect(p.styles).toMatch(/<w:style w:type="paragraph" w:styleId="LedgerCell">.*?w:line="263" w:lineRule="atLeast"/);
    expect(p.cells[1][1].text).toBe('某某物业服务合同');
    for (const row of p.cells) expect(row).toHaveLength(12);
    // a date on one line: ten half-width digits of 五号 (5.25 pt = 105 twips each) and the cell's padding (2 × 60)
    const dateCols = p.cells[0].map((c, i) => [c.text, i] as const).filter(([t]) => /日期|期限/.test(t));
    expect(dateCols.length).toBeGreaterThanOrEqual(3);
    for (const [t, i] of dateCols) expect(p.grid[i], t).toBeGreaterThanOrEqual(10 * 105 + 120);
  });
});

describe('ledgerDocx on its own', () => {
  it('drops every control character but tab and newline (CR too), and writes CRLF as one break', async () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    const p = await parse(
      await ledgerDocx({
        title: '测试',
        headers: ['序号', '说明'],
        widths: [1, 3],
        rows: [
          ['1', `a${controls}b`],
          ['2', '一\r\n二\u0001\n三'],
          ['3', '\uffff&amp;'],
        ],
        footerNote: '共 3 条',
      }),
    );
    wellFormed(p.doc);
    expect(p.cells.map((r) => r.map((c) => c.text))).toEqual([
      ['序号', '说明'],
      ['1', 'a\t\nb'],
      ['2', '一\n二\n三'],
      ['3', '&amp;'],
    ]);
    expect(p.cells[3][1].xml).toContain('&amp;amp;');
  });

  it('streams thousands of rows with every row complete', async () => {
    const n = 1235;
    const rows = Array.from({ length: n }, (_, i) => [String(i + 1), `值${i}`, i % 2 ? '' : `x\ny${i}`]);
    const p = await parse(await ledgerDocx({ title: '大表', headers: ['序号', '甲', '乙'], widths: [1, 2, 3], rows, footerNote: `共 ${n} 条` }));
    expect(p.rows).toHaveLength(n + 1);
    expect(p.cells[n].map((c) => c.text)).toEqual([String(n), `值${n - 1}`, `x\ny${n - 1}`]);
    expect(p.cells[500].map((c) => c.text)).toEqual(['500', '值499', '']);
    expect(p.cells[501].map((c) => c.text)).toEqual(['501', '值500', 'x\ny500']);
  });
});
