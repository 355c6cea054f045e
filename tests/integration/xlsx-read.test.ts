// The dedicated .xlsx reader (electron/core/exchange/xlsx-read.ts) against the exceljs-based reading it replaced:
// for workbooks made by exceljs and for hand-written sheet XML it must give the very same rows, line numbers and
// cells (strings, numbers, booleans, Dates, nulls, padding). The old reading is kept below as the reference. Where
// exceljs was wrong the new reader deliberately differs; those cases are spelled out with what exceljs gave.
// Broken files give the same Chinese error as before.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../electron/core/exchange/cells';
import { readXlsx } from '../../electron/core/exchange/tables';
import { INVALID_XLSX, openXlsx, readXlsxSheets } from '../../electron/core/exchange/xlsx-read';
import { cell, writeSheet, writeWorkbook } from '../hostile/make-corpus';

// ---------------------------------------------------------------------------------------------------------------
// The reference: readXlsx's reading of rows and cells before the new reader (exceljs 4.4), verbatim.

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

type Sheets = { name: string; rows: { line: number; cells: Cell[] }[] }[];

async function oldRead(bytes: Buffer): Promise<Sheets> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const raw: { line: number; cells: Cell[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, line) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        cells[col - 1] = cellValue(c.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      raw.push({ line, cells });
    });
    return { name: ws.name, rows: raw };
  });
}

/** Read with both; they must agree exactly. Returns the rows for further checks. */
async function same(bytes: Buffer): Promise<Sheets> {
  const old = await oldRead(bytes);
  const got = readXlsxSheets(bytes);
  expect(got).toStrictEqual(old);
  return got;
}

async function written(wb: ExcelJS.Workbook, sharedStrings = true): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: sharedStrings } as ExcelJS.XlsxWriteOptions));
}

const MAIN_NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/**
 * An exceljs workbook of `sheets` one-cell sheets whose parts are then replaced by hand: `sheet1.xml`… bodies
 * (inside <worksheet>), and optionally sharedStrings.xml / styles.xml / workbook.xml bodies.
 */
async function handMade(parts: { sheets: string[]; sharedStrings?: string; styles?: string; workbookPr?: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  parts.sheets.forEach((_, i) => wb.addWorksheet(`表${i + 1}`).addRow(['占位']));
  const zip = await JSZip.loadAsync(await written(wb));
  parts.sheets.forEach((body, i) =>
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${MAIN_NS}>${body}</worksheet>`),
  );
  if (parts.sharedStrings !== undefined)
    zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${MAIN_NS}>${parts.sharedStrings}</sst>`);
  if (parts.styles !== undefined)
    zip.file('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${MAIN_NS}>${parts.styles}</styleSheet>`);
  if (parts.workbookPr !== undefined) {
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', xml.replace(/<workbookPr[^>]*\/>/, parts.workbookPr));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, m - 1, d, h, mi, s));

// ---------------------------------------------------------------------------------------------------------------

describe('workbooks written by exceljs read exactly as exceljs read them', () => {
  /**
   * A ledger-like workbook written by exceljs's Workbook (shared strings) or by its streaming writer (no shared
   * strings part: t="str" cells and rich inline strings).
   */
  async function ledgerWorkbook(opts: { date1904?: boolean; streaming?: boolean } = {}): Promise<Buffer> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = opts.streaming ? new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true }) : new ExcelJS.Workbook();
    // (the streaming writer has no 1904 option)
    if (opts.date1904) wb.properties.date1904 = true;
    const ws = wb.addWorksheet('行政复议台账');
    ws.getCell('A1').value = '某某县行政复议案件台账（2025年）';
    ws.mergeCells('A1:F1');
    ws.getRow(3).values = ['案号', '收到申请日期', '申请人', '被申请人', '标的额（元）', '听证', '备注', '办结时间'];
    const rows: unknown[][] = [
      ['（２０２５）某复字第１号', utc(2025, 3, 5), '张三', '县公安局', 1234.5, true, 'A&B <c> "引号" \'单引号\'', utc(2025, 4, 1, 9, 30)],
      ['（2025）某复字第2号', utc(1900, 3, 1), '  两端空格  ', '县市场监督管理局', -0.1 + 0.3, false, '第一行\r\n第二行\n第三行\t制表', null],
      [
        {
          richText: [
            { text: '富', font: { bold: true } },
            { text: '文本', font: { italic: true } },
          ],
        },
        utc(2024, 2, 29),
        null,
        '某某镇人民政府',
        1e20,
        null,
        '',
        utc(2025, 12, 31, 23, 59, 59),
      ],
      [
        { formula: 'A4&"号"', result: '公式文本' },
        { formula: 'B4+1', result: utc(2025, 3, 6) },
        { formula: '1=1', result: true },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'E4*2', result: 2469 },
        { error: '#N/A' },
        1e-7,
        45000.75,
      ],
      ['超链接', null, null, null, 7, null, { text: '县司法局网站', hyperlink: 'http://example.invalid/' }, null],
    ];
    rows.forEach((r, i) => (ws.getRow(4 + i).values = r as ExcelJS.CellValue[]));
    // number formats: dates with built-in and custom formats, numbers with non-date formats
    ws.getCell('H4').numFmt = 'yyyy-mm-dd hh:mm:ss';
    ws.getCell('B5').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('B6').numFmt = 'yyyy/m/d';
    ws.getCell('H6').numFmt = '[$-F800]dddd, mmmm dd, yyyy';
    ws.getCell('H7').numFmt = 'h:mm';
    ws.getCell('E4').numFmt = '0.00';
    ws.getCell('E5').numFmt = '#,##0';
    ws.getCell('E6').numFmt = '0.00%';
    ws.getCell('G7').numFmt = '#,##0.00_);[Red]\\(#,##0.00\\)';
    ws.getCell('E8').numFmt = '"共"0"件"';
    // a styled empty cell after the last value pads the row; a vertical merge repeats its value
    ws.getCell('J4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell('D9').value = '合并单元格';
    ws.mergeCells('D9:D11');
    ws.getCell('A11').value = '末行';
    // shared formula: a master with ref and two dependants without formula text
    ws.getCell('A13').value = { formula: 'ROW()', result: 13, shareType: 'shared', ref: 'A13:A15' } as ExcelJS.CellValue;
    ws.getCell('A14').value = { sharedFormula: 'A13', result: 14 } as ExcelJS.CellValue;
    ws.getCell('A15').value = { sharedFormula: 'A13', result: 15 } as ExcelJS.CellValue;
    // more sheets: text only, empty, rows far down with gaps
    const more = [wb.addWorksheet('填写说明'), wb.addWorksheet('空表'), wb.addWorksheet('Sheet 4 & <更多>')];
    more[0].getCell('A1').value = '本表由县司法局汇总，日期写作 2025-03-05';
    more[2].getCell('C5').value = 5;
    more[2].getCell('B9').value = '九';
    more[2].getCell('AB9').value = utc(2030, 1, 1);
    if (wb instanceof ExcelJS.stream.xlsx.WorkbookWriter) {
      for (const w of [ws, ...more]) w.commit();
      await wb.commit();
      return Buffer.concat(chunks);
    }
    return written(wb);
  }

  it('shared strings, rich text, formulas with their cached results, dates, merges, several sheets', async () => {
    const rows = await same(await ledgerWorkbook());
    expect(rows.map((s) => s.name)).toEqual(['行政复议台账', '填写说明', '空表', 'Sheet 4 & <更多>']);
    const sheet = rows[0].rows;
    expect(sheet.map((r) => r.line)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
    expect(sheet[0].cells).toStrictEqual(Array(6).fill('某某县行政复议案件台账（2025年）'));
    expect(sheet[2].cells).toStrictEqual([
      '（２０２５）某复字第１号',
      utc(2025, 3, 5),
      '张三',
      '县公安局',
      1234.5,
      true,
      'A&B <c> "引号" \'单引号\'',
      utc(2025, 4, 1, 9, 30),
      null,
      null,
    ]);
    expect(sheet[3].cells[6]).toBe('第一行\n第二行\n第三行\t制表');
    expect(sheet[4].cells[0]).toBe('富文本');
    // H7 is formatted h:mm, so its serial 45000.75 is a Date
    expect(sheet[5].cells).toStrictEqual(['公式文本', utc(2025, 3, 6), true, null, 2469, null, 1e-7, utc(2023, 3, 15, 18)]);
    expect(sheet[7].cells[3]).toBe('合并单元格');
    expect(sheet[8].cells).toStrictEqual([null, null, null, '合并单元格']);
    expect(rows[3].rows.map((r) => r.line)).toEqual([5, 9]);
  });

  it('the same workbook from the streaming writer: no shared strings part, t="str" cells, rich inline strings', async () => {
    const bytes = await ledgerWorkbook({ streaming: true });
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file('xl/sharedStrings.xml')).toBeNull();
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('t="str"');
    expect(xml).toContain('t="inlineStr"><is><r>');
    const rows = await same(bytes);
    expect(rows[0].rows[4].cells[0]).toBe('富文本');
  });

  it('a workbook in the 1904 date system', async () => {
    const bytes = await ledgerWorkbook({ date1904: true });
    expect(await JSZip.loadAsync(bytes).then((z) => z.file('xl/workbook.xml')!.async('string'))).toContain('date1904="1"');
    const rows = await same(bytes);
    expect(rows[0].rows[2].cells[1]).toStrictEqual(utc(2025, 3, 5));
  });

  it('stored (not deflated) entries and entries with data descriptors', async () => {
    const zip = await JSZip.loadAsync(await ledgerWorkbook());
    await same(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
    await same(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true }));
  });

  it('many rows: 2,000 × 12 mixed cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('大表');
    ws.addRow(Array.from({ length: 12 }, (_, i) => `列${i + 1}`));
    for (let r = 0; r < 2000; r++) {
      ws.addRow([
        `（2025）第${r}号`,
        utc(2020 + (r % 6), 1 + (r % 12), 1 + (r % 28)),
        r % 3 ? '是' : '否',
        r * 1.25,
        r % 7 ? null : '隔行',
        `单位${r % 13}`,
        r,
        r % 2 === 0,
        `备注 & <${r}>`,
        null,
        r % 5 ? utc(2025, 1, 1, r % 24, r % 60) : null,
        -r,
      ]);
    }
    const rows = await same(await written(wb));
    expect(rows[0].rows).toHaveLength(2001);
  });
});

describe('random workbooks read exactly as exceljs read them', () => {
  it('40 workbooks of random cells, formats, merges and sheets', async () => {
    let seed = 20250305;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 8) % n;
    };
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)];
    const chars = [
      '中',
      '文',
      '（',
      '）',
      '１',
      'Ａ',
      ' ',
      '\u3000',
      '&',
      '<',
      '>',
      '"',
      "'",
      '_x000D_',
      '\n',
      '\r\n',
      '\t',
      'a',
      'Z',
      '9',
      '、',
      '；',
      '=',
      '@',
      '😀',
    ];
    const text = () => Array.from({ length: 1 + rnd(12) }, () => pick(chars)).join('');
    const formats = [
      'General',
      '0',
      '0.00',
      '#,##0',
      '0%',
      '@',
      'yyyy-mm-dd',
      'yyyy"年"m"月"d"日"',
      'm/d/yy h:mm',
      'h:mm:ss',
      '[h]:mm',
      'mm-dd-yy',
      '"￥"#,##0.00',
      'dd/mm/yyyy',
      '0.00E+00',
    ];
    const value = (): unknown => {
      switch (rnd(12)) {
        case 0:
          return null;
        case 1:
        case 2:
          return text();
        case 3:
          return ((rnd(2) ? -1 : 1) * rnd(1_000_000)) / (rnd(3) ? 1 : 100);
        case 4:
          return [1e-9, 1e21, 0.1 + 0.2, -0, 123456789012345, 2 ** 53][rnd(6)];
        case 5:
          return utc(1950 + rnd(120), 1 + rnd(12), 1 + rnd(28), rnd(24), rnd(60), rnd(60));
        case 6:
          return rnd(2) === 0;
        case 7:
          return { error: pick(['#N/A', '#REF!', '#DIV/0!', '#VALUE!']) };
        case 8:
          return { richText: Array.from({ length: 1 + rnd(3) }, () => ({ text: text(), font: rnd(2) ? { bold: true } : { italic: true } })) };
        case 9:
          return { formula: 'A1&"x"', result: text() };
        case 10:
          return { formula: 'ROW()*2', result: 1 + rnd(1000) };
        default:
          return { formula: 'TODAY()', result: utc(2000 + rnd(30), 1 + rnd(12), 1 + rnd(28)) };
      }
    };
    for (let w = 0; w < 40; w++) {
      const wb = new ExcelJS.Workbook();
      if (rnd(5) === 0) wb.properties.date1904 = true;
      const sheets = 1 + rnd(3);
      for (let k = 0; k < sheets; k++) {
        const ws = wb.addWorksheet(`表${k}${text().replace(/[\\/?*[\]:'\r\n\t]/g, '')}`.slice(0, 30) + '表');
        const rows = rnd(25);
        const cols = 1 + rnd(12);
        for (let r = 1; r <= rows; r++) {
          if (rnd(6) === 0) continue;
          for (let c = 1; c <= cols; c++) {
            const cell = ws.getCell(r, c);
            const v = value();
            if (v !== null) cell.value = v as ExcelJS.CellValue;
            // (a text formula result in a date-formatted cell is a known difference, tested below)
            const textFormula = typeof v === 'object' && v !== null && 'formula' in v && 'result' in v && typeof v.result === 'string';
            if (rnd(3) === 0 && !textFormula) cell.numFmt = pick(formats);
            if (rnd(10) === 0) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
          }
        }
        // non-overlapping merges in separate bands of rows
        for (let m = 0; m < rnd(3); m++) {
          const top = 30 + m * 4 + 1;
          ws.getCell(top, 1 + m).value = text();
          ws.mergeCells(top, 1 + m, top + rnd(3), 1 + m + rnd(3));
        }
      }
      await same(await written(wb));
    }
  });
});

describe('hand-written sheet XML reads exactly as exceljs read it', () => {
  it('entities, character references, _xHHHH_ escapes, phonetic runs, rich shared strings, empty and styled cells', async () => {
    const bytes = await handMade({
      sharedStrings: [
        '<si><t>甲&amp;乙 &lt;丙&gt; &quot;丁&quot; &apos;戊&apos; &#20013;&#x6587;</t></si>',
        '<si><t xml:space="preserve">第一行_x000D_\n第二行 _x005F_x000D_ 字面</t></si>',
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>加粗</t></r><r><t xml:space="preserve"> 普通_x0009_</t></r></si>',
        '<si><t></t></si>',
      ].join(''),
      sheets: [
        `<dimension ref="A1:F6"/><sheetData>
          <row r="1" spans="1:6">
            <c r="A1" t="s"><v>0</v></c>
            <c r="B1" t="s">
              <v>1</v>
            </c>
            <c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>
            <c r="F1" t="str"><v>公式&amp;文本 &#x4E2D;</v></c>
          </row>
          <row r="2"><c r="A2" s="0"/><c r="B2"/><c r="C2"><v></v></c><c r="D2"><v>4</v></c><c r="E2" s="1"/></row>
          <row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c><c t="b"><v>1</v></c><c r="F3" t="e"><v>#REF!</v></c></row>
          <row r="4"><c r="A4" s="1"/></row>
          <row r="6"><c r="A6" t="inlineStr"><is><r><t>内联</t></r><r><rPr><i/></rPr><t>富文本_x000D_</t></r></is></c><c r="B6" t="inlineStr"><is><t>普通内联</t></is></c></row>
          <row r="7"><c r="A7" t="str"><v>纯文本</v></c><c r="B7" s="1" t="str"><v>0123</v></c><c r="C7" t="str"><v>甲
乙</v></c><c r="D7" t="str"><v>字_x000D_面</v></c><c r="E7" t="str"><v>丙&amp;丁</v></c></row>
        </sheetData>`,
      ],
    });
    const rows = await same(bytes);
    expect(rows[0].rows).toStrictEqual([
      { line: 1, cells: ['甲&乙 <丙> "丁" \'戊\' 中文', '第一行\r\n第二行 _x000D_ 字面', '東京', '加粗 普通\t', '', '公式&文本 中'] },
      { line: 2, cells: [null, null, null, 4, null] },
      { line: 3, cells: [null, 1, 2, true, null, null] },
      { line: 6, cells: ['内联富文本\r', '普通内联'] },
      // t="str" without a formula (the fast path since issue 16): text as it is, digits stay text, line ends and
      // entities decoded on the general path
      { line: 7, cells: ['纯文本', '0123', '甲\n乙', '字_x000D_面', '丙&丁'] },
    ]);
  });

  it('row order, repeated rows, gaps and merged areas (also over rows the XML leaves out)', async () => {
    const bytes = await handMade({
      sheets: [
        `<sheetData>
          <row r="3"><c r="A3"><v>3</v></c></row>
          <row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>
          <row r="5"><c r="A5"><v>5</v></c></row>
          <row r="5"><c r="C5"><v>55</v></c></row>
          <row r="8"><c r="B8"><v>8</v></c><c r="D8" s="1"/></row>
        </sheetData>
        <mergeCells count="3"><mergeCell ref="A1:C2"/><mergeCell ref="B8:B10"/><mergeCell ref="E12:F12"/></mergeCells>`,
      ],
    });
    const rows = await same(bytes);
    expect(rows[0].rows.map((r) => r.line)).toEqual([1, 2, 3, 5, 8, 9, 10, 12]);
    expect(rows[0].rows[0].cells).toStrictEqual(['标题', '标题', '标题']);
    expect(rows[0].rows[6].cells).toStrictEqual([null, 8]);
  });

  it('number formats: built-in and custom date formats become Dates, number formats stay numbers', async () => {
    const xfs = [0, 14, 15, 20, 22, 45, 46, 47, 2, 4, 10, 49, 164, 165, 166, 167, 168, 169, 170, 171];
    const bytes = await handMade({
      styles: `<numFmts count="8">
          <numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
          <numFmt numFmtId="165" formatCode="0.00"/>
          <numFmt numFmtId="166" formatCode="#,##0"/>
          <numFmt numFmtId="167" formatCode="[h]:mm:ss"/>
          <numFmt numFmtId="168" formatCode="[Red]0.00;[Blue]\\-0.00"/>
          <numFmt numFmtId="169" formatCode="&quot;第&quot;0&quot;号 days&quot;"/>
          <numFmt numFmtId="170" formatCode="YYYY-MM-DD"/>
          <numFmt numFmtId="171" formatCode="[$-804]aaaa;@"/>
        </numFmts>
        <fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>
        <fills count="1"><fill><patternFill patternType="none"/></fill></fills>
        <borders count="1"><border/></borders>
        <cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>`).join('')}</cellXfs>
        <dxfs count="1"><dxf><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></dxf></dxfs>`,
      sheets: [
        `<sheetData><row r="1">${xfs.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i}"><v>45356.5</v></c>`).join('')}</row><row r="2"><c r="A2" s="1"><f>TODAY()</f><v>45356</v></c><c r="B2" s="99"><v>45356</v></c></row></sheetData>`,
      ],
    });
    const [sheet] = await same(bytes);
    const d = utc(2024, 3, 5, 12);
    // General, 14, 15, 20, 22, 45, 46, 47 | 0.00, #,##0.00, 0.00%, @ | custom date, 0.00, #,##0, [h]:mm:ss, colours, quoted, upper-case, [$-804]aaaa
    expect(sheet.rows[0].cells).toStrictEqual([
      45356.5,
      d,
      d,
      d,
      d,
      d,
      d,
      d,
      45356.5,
      45356.5,
      45356.5,
      45356.5,
      d,
      45356.5,
      45356.5,
      d,
      45356.5,
      45356.5,
      d,
      45356.5,
    ]);
    expect(sheet.rows[1].cells).toStrictEqual([utc(2024, 3, 5), 45356]);
  });

  it('a workbook whose sheet order, names and relationship targets differ from the file names', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('甲').addRow(['第一张']);
    wb.addWorksheet('乙').addRow(['第二张']);
    const zip = await JSZip.loadAsync(await written(wb));
    const book = await zip.file('xl/workbook.xml')!.async('string');
    // second sheet first, and absolute targets in the relationships
    const sheets = /<sheets>(.*)<\/sheets>/.exec(book)![1];
    const [a, b] = sheets.match(/<sheet [^>]*\/>/g)!;
    zip.file('xl/workbook.xml', book.replace(sheets, b + a));
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'));
    const rows = await same(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(rows.map((s) => [s.name, s.rows[0].cells[0]])).toEqual([
      ['乙', '第二张'],
      ['甲', '第一张'],
    ]);
  });
});

describe('where the new reader deliberately differs from exceljs', () => {
  it('rows and cells without an r attribute continue from the previous position (exceljs rejected the file)', async () => {
    const bytes = await handMade({
      sheets: [
        `<sheetData>
          <row><c t="inlineStr"><is><t>甲</t></is></c><c><v>2</v></c></row>
          <row><c r="C2"><v>3</v></c><c><v>4</v></c></row>
          <row r="5"><c><v>5</v></c></row>
          <row><c r="B6" t="b"><v>0</v></c></row>
        </sheetData>`,
      ],
    });
    await expect(oldRead(bytes)).rejects.toThrow('Invalid row number in model');
    expect(readXlsxSheets(bytes)[0].rows).toStrictEqual([
      { line: 1, cells: ['甲', 2] },
      { line: 2, cells: [null, null, 3, 4] },
      { line: 5, cells: [5] },
      { line: 6, cells: [null, false] },
    ]);
  });

  it('formula results of 0, false or none are 0, false and null (exceljs gave "[object Object]")', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公式');
    ws.addRow([{ formula: '1-1', result: 0 }, { formula: '1=2', result: false }, { formula: 'A1' }, { formula: '"x"&""', result: 'x' }]);
    const bytes = await written(wb);
    expect((await oldRead(bytes))[0].rows[0].cells).toStrictEqual(['[object Object]', '[object Object]', '[object Object]', 'x']);
    expect(readXlsxSheets(bytes)[0].rows[0].cells).toStrictEqual([0, false, null, 'x']);
  });

  it('East Asian built-in date formats 27–36 and 50–58 give Dates (exceljs gave the serial number)', async () => {
    const ids = [27, 28, 30, 31, 32, 36, 50, 55, 57, 58];
    const bytes = await handMade({
      styles: `<cellXfs count="${ids.length + 1}"><xf numFmtId="0"/>${ids.map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs>`,
      sheets: [`<sheetData><row r="1">${ids.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i + 1}"><v>45356</v></c>`).join('')}</row></sheetData>`],
    });
    expect((await oldRead(bytes))[0].rows[0].cells).toStrictEqual(ids.map(() => 45356));
    expect(readXlsxSheets(bytes)[0].rows[0].cells).toStrictEqual(ids.map(() => utc(2024, 3, 5)));
  });

  it('a text formula result in a date-formatted cell stays text (exceljs made an Invalid Date of it)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公式');
    ws.getCell('A1').value = { formula: 'TEXT(B1,"yyyy-mm-dd")', result: '2025-03-05' };
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    const bytes = await written(wb);
    expect(Number.isNaN(((await oldRead(bytes))[0].rows[0].cells[0] as Date).getTime())).toBe(true);
    expect(readXlsxSheets(bytes)[0].rows[0].cells).toStrictEqual(['2025-03-05']);
  });

  it('t="d" ISO dates are Dates (exceljs read "2024-03-05…" as the number 2024)', async () => {
    const bytes = await handMade({
      sheets: [
        `<sheetData><row r="1"><c r="A1" t="d"><v>2024-03-05T00:00:00</v></c><c r="B1" t="d"><v>2024-03-05</v></c><c r="C1" t="d"><v>2024-03-05T08:30:00Z</v></c><c r="D1" t="d"><v>不是日期</v></c></row></sheetData>`,
      ],
    });
    expect((await oldRead(bytes))[0].rows[0].cells.slice(0, 3)).toStrictEqual([2024, 2024, 2024]);
    expect(readXlsxSheets(bytes)[0].rows[0].cells).toStrictEqual([utc(2024, 3, 5), utc(2024, 3, 5), utc(2024, 3, 5, 8, 30), '不是日期']);
  });

  it('date1904="true" (an xsd:boolean like "1") selects the 1904 system (exceljs only knew "1")', async () => {
    const bytes = await handMade({
      workbookPr: '<workbookPr date1904="true"/>',
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
      sheets: ['<sheetData><row r="1"><c r="A1" s="1"><v>43894</v></c></row></sheetData>'],
    });
    expect(await JSZip.loadAsync(bytes).then((z) => z.file('xl/workbook.xml')!.async('string'))).toContain('date1904="true"');
    expect((await oldRead(bytes))[0].rows[0].cells).toStrictEqual([utc(2020, 3, 4)]);
    expect(readXlsxSheets(bytes)[0].rows[0].cells).toStrictEqual([utc(2024, 3, 5)]);
  });

  it('plain inline strings: _xHHHH_ escapes and CDATA are read as in shared strings; entity text is decoded once', async () => {
    const bytes = await handMade({
      sheets: [
        `<sheetData><row r="1">
          <c r="A1" t="inlineStr"><is><t>回车_x000D_换行</t></is></c>
          <c r="B1" t="inlineStr"><is><t>前<![CDATA[<原样> & ]]>后</t></is></c>
          <c r="C1" t="str"><f>"a&amp;amp;b"</f><v>a&amp;amp;b</v></c>
          <c r="D1" t="inlineStr"><is><t>控制&#x1F;符&#123;</t><rPh sb="0" eb="1"><t>カイ</t></rPh></is></c>
        </row></sheetData>`,
      ],
    });
    expect(readXlsxSheets(bytes)[0].rows[0].cells).toStrictEqual(['回车\r换行', '前<原样> & 后', 'a&amp;b', '控制\u001f符{']);
  });

  it('element names with a namespace prefix are read (exceljs rejected the file)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('前缀').addRow(['占位']);
    const zip = await JSZip.loadAsync(await written(wb));
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>有前缀</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    );
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(oldRead(bytes)).rejects.toThrow();
    expect(readXlsxSheets(bytes)[0].rows).toStrictEqual([{ line: 1, cells: ['有前缀', 7] }]);
  });
});

describe('broken files give the Chinese error', () => {
  async function good(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['决策事项名称', '承办单位']);
    return written(wb);
  }

  async function rejects(bytes: Buffer) {
    expect(() => readXlsxSheets(bytes)).toThrow(INVALID_XLSX);
    await expect(readXlsx(bytes, () => true)).rejects.toMatchObject({ code: 'IMPORT_FAILED', message: INVALID_XLSX });
  }

  it('the message is the one readXlsx always gave', () => {
    expect(INVALID_XLSX).toBe('文件不是有效的 Excel（.xlsx）文件，可能已损坏或只下载了一部分。请在 Excel 或 WPS 中打开确认后另存为 .xlsx 再导入');
  });

  it('a truncated file, cut anywhere', async () => {
    const bytes = await good();
    for (const cut of [10, 100, Math.floor(bytes.length / 2), bytes.length - 30, bytes.length - 1]) await rejects(bytes.subarray(0, cut));
  });

  it('a file that is not a zip at all', async () => {
    await rejects(Buffer.from('案号,申请人\n1,张三\n', 'utf8'));
    await rejects(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff)]));
    await rejects(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0xff)]));
  });

  it('a zip that is not a workbook', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', '不是表格');
    await rejects(await zip.generateAsync({ type: 'nodebuffer' }));
  });

  it('an unsupported compression method, damaged compressed data, an encrypted entry', async () => {
    const bytes = await good();
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const method = Buffer.from(bytes);
    // every central directory entry and local header: method 12 (bzip2)
    for (let p = 0; (p = method.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p)) >= 0; p += 4) method.writeUInt16LE(12, p + 10);
    for (let p = 0; (p = method.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), p)) >= 0; p += 4) method.writeUInt16LE(12, p + 8);
    await rejects(method);
    const encrypted = Buffer.from(bytes);
    for (let p = 0; (p = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p)) >= 0; p += 4)
      encrypted.writeUInt16LE(encrypted.readUInt16LE(p + 8) | 1, p + 8);
    await rejects(encrypted);
    // scribble over the compressed data of every entry (between the first local header and the directory)
    const damaged = Buffer.from(bytes);
    for (let i = 200; i < cd - 50; i += 7) damaged[i] ^= 0x5a;
    await rejects(damaged);
  });

  it('a shared string index that does not exist', async () => {
    await rejects(await handMade({ sharedStrings: '<si><t>唯一</t></si>', sheets: ['<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>'] }));
  });

  it('openXlsx lists the sheets without reading them', async () => {
    const bytes = await good();
    expect(openXlsx(bytes).sheets).toEqual(['台账']);
  });
});

describe('bounds of limits.ts, checked while reading', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-xlsx-bounds-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let k = 0;
  const sheet = (rows: string | { data: string | Buffer; times?: number }[], extra?: Parameters<typeof writeSheet>[2]) => {
    const f = path.join(dir, `${++k}.xlsx`);
    writeSheet(f, rows, extra);
    return fs.readFileSync(f);
  };
  const refused = (bytes: Buffer, message: RegExp) => expect(() => readXlsxSheets(bytes)).toThrow(message);

  it("Excel's last column (XFD) and row (1,048,576) are read; one past them is refused, naming the sheet, row and column", () => {
    const last = readXlsxSheets(sheet(`<row r="1048576">${cell('XFD1048576', '末')}</row>`))[0].rows;
    expect(last).toHaveLength(1);
    expect(last[0].line).toBe(1_048_576);
    expect(last[0].cells).toHaveLength(16_384);
    expect(last[0].cells[16_383]).toBe('末');
    refused(
      sheet(`<row r="3">${cell('XFE3', 'x')}</row>`),
      /^文件中的工作表“Sheet1”第 3 行有第 16,385 列，超过了 Excel 的上限 16,384 列，文件可能已损坏或被改造，不能导入$/,
    );
    refused(sheet(`<row r="2">${cell('ZZZZZZ2', 'x')}</row>`), /第 2 行有第 321,272,406 列/);
    // cells without a reference count on from the last one
    refused(sheet(`<row r="1">${cell('XFD1', 'x')}<c t="inlineStr"><is><t>y</t></is></c></row>`), /第 16,385 列/);
    refused(sheet(`<row r="1048577">${cell('A1048577', 'x')}</row>`), /^文件中的工作表“Sheet1”有第 1,048,577 行，超过了 Excel 的上限 1,048,576 行/);
    // rows without a number count on too, empty ones included; and rows repeating a number are counted as rows
    // (stored, not compressed: compressed, these would be refused as a bomb first)
    const stored = (rows: string) => {
      const f = path.join(dir, `${++k}.xlsx`);
      writeWorkbook(f, {
        sheets: [{ name: '表', part: 'xl/worksheets/sheet1.xml' }],
        sheetParts: [
          {
            name: 'xl/worksheets/sheet1.xml',
            stored: true,
            pieces: [{ data: '<worksheet><sheetData>' }, { data: rows.repeat(1 << 16), times: 17 }, { data: '</sheetData></worksheet>' }],
          },
        ],
      });
      return fs.readFileSync(f);
    };
    refused(stored('<row/>'), /^文件中的工作表“表”有第 1,048,577 行/);
    refused(stored('<row r="5"/>'), /^文件中的工作表“表”有第 1,048,577 行/);
    // a merged area reaching past the sheet
    refused(sheet(`<row r="1">${cell('A1', 'x')}</row></sheetData><mergeCells><mergeCell ref="A1:XFE2"/></mergeCells><sheetData>`), /第 16,385 列/);
  });

  it('cells held in memory are counted with the padding of each row: 500 rows reaching column XFD are too many', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    expect(readXlsxSheets(sheet(rows(100)))[0].rows).toHaveLength(100);
    refused(sheet(rows(500)), /^文件中的单元格超过 8,000,000 个，超出了一次导入的上限，没有导入。请把文件拆分成几个较小的文件分别导入$/);
  });

  it('a part decompressing to more than 100 times its size is a bomb, even when its directory entry says it is small', () => {
    const bomb = sheet([{ data: Buffer.alloc(1 << 20, 0x20), times: 64 }]);
    refused(bomb, /^文件中的“xl\/worksheets\/sheet1\.xml”解压后超过压缩时的 100 倍，正常的 Excel 文件不会这样，可能是被改造的“压缩炸弹”，不能导入$/);
    // the same bytes declaring 1 KB: zlib is stopped at the limit all the same
    const lying = Buffer.from(bomb);
    for (let p = 0; (p = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p)) >= 0; p += 4) {
      if (lying.toString('utf8', p + 46, p + 46 + lying.readUInt16LE(p + 28)).endsWith('sheet1.xml')) lying.writeUInt32LE(1024, p + 24);
    }
    refused(lying, /压缩炸弹/);
    // a part just within the ratio is read
    expect(readXlsxSheets(sheet([{ data: `<row r="1">${cell('A1', '合同名称')}</row>` }, { data: Buffer.alloc(1 << 19, 0x20) }]))[0].rows).toHaveLength(1);
  });

  it('300 sheets naming one part: the part is listed and read once', () => {
    const f = path.join(dir, 'shared-part.xlsx');
    writeWorkbook(f, {
      sheets: Array.from({ length: 300 }, (_, i) => ({ name: `表${i + 1}`, part: 'xl/worksheets/sheet1.xml' })),
      sheetParts: [{ name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData><row r="1">${cell('A1', '甲')}</row></sheetData></worksheet>` }],
    });
    expect(openXlsx(fs.readFileSync(f)).sheets).toEqual(['表1']);
  });

  it('a DTD (entity expansion) is refused; an .xls renamed .xlsx is named as such', () => {
    refused(
      sheet(`<row r="1">${cell('A1', '&a;')}</row>`, { head: '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaa">]><worksheet><sheetData>' }),
      /^文件中含有 DTD 声明（Excel 和 WPS 从不写入），文件可能已损坏或被改造，不能导入$/,
    );
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    expect(() => openXlsx(xls)).toThrow(/^文件是旧版 Excel（\.xls）格式，或设置了打开密码/);
  });
});

describe('the whole file is held to the ratio too', () => {
  it('many parts, each under the 1 MB floor, cannot add up to more than 100 times the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-xlsx-ratio-'));
    try {
      const f = path.join(dir, 'many.xlsx');
      const part = (i: number) => `xl/worksheets/s${i}.xml`;
      // 40 sheets of 900 KB of spaces (no header anywhere): each part alone is under the floor
      writeWorkbook(f, {
        sheets: Array.from({ length: 40 }, (_, i) => ({ name: `表${i}`, part: part(i) })),
        sheetParts: Array.from({ length: 40 }, (_, i) => ({
          name: part(i),
          pieces: [{ data: '<worksheet><sheetData>' }, { data: Buffer.alloc(900 * 1024, 0x20) }, { data: '</sheetData></worksheet>' }],
        })),
      });
      const bytes = fs.readFileSync(f);
      expect(bytes.length * 100).toBeLessThan(40 * 900 * 1024);
      expect(() => readXlsxSheets(bytes)).toThrow(/^文件解压后超过压缩时的 100 倍，正常的 Excel 文件不会这样，可能是被改造的“压缩炸弹”，不能导入$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
