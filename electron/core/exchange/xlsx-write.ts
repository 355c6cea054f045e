// Writing .xlsx (exports and import templates) with exceljs. Kept apart from the readers in tables.ts: the import
// worker (import-worker.ts) loads those, and has no use for exceljs, the biggest module it would otherwise start.

export interface SheetSpec {
  name: string;
  headers: string[];
  /** column widths in characters */
  widths: number[];
  rows: (string | number | Date | null)[][];
  /** columns (0-based) of dates: written as date cells shown as 2025-03-05 */
  dateColumns?: number[];
  /** per column, the allowed values: a drop-down list (data validation) over the data rows */
  lists?: (readonly string[] | null)[];
  /** a row under the header saying what each column takes (the import skips it: it starts with 填写说明) */
  note?: string[];
}

/** Rows a drop-down list covers in a blank template. */
const LIST_ROWS = 2000;

export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  // loaded here, not at start-up: the CLI and server start without exceljs (docs/performance.md)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治台账';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.headers.map((h, i) => ({ header: h, width: Math.max(8, Math.min(60, (s.widths[i] ?? 8) * 2 + 2)) }));
    const head = ws.getRow(1);
    head.font = { bold: true, name: '宋体' };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
    head.alignment = { vertical: 'middle' };
    for (const c of s.dateColumns ?? []) ws.getColumn(c + 1).numFmt = 'yyyy-mm-dd';
    if (s.note) {
      const n = ws.addRow(s.note);
      n.font = { italic: true, color: { argb: 'FF808080' }, name: '宋体', size: 9 };
      n.alignment = { wrapText: true, vertical: 'top' };
    }
    for (const r of s.rows) ws.addRow(r);
    const first = s.note ? 3 : 2;
    (s.lists ?? []).forEach((list, i) => {
      if (!list?.length) return;
      // Excel limits a list written inline to 255 characters: longer ones are not given as a drop-down
      const formula = `"${list.join(',')}"`;
      if (formula.length > 255) return;
      const col = ws.getColumn(i + 1).letter;
      for (let r = first; r < first + Math.max(LIST_ROWS, s.rows.length); r++) {
        ws.getCell(`${col}${r}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [formula],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: '不是可选值',
          error: `请从下拉列表中选择：${list.join('、')}`,
        };
      }
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
