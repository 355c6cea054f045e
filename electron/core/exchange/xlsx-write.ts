// Writing .xlsx (exports and import templates) with exceljs. Kept apart from the readers in tables.ts: the import
// worker (import-worker.ts) loads those, and has no use for exceljs, the biggest module it would otherwise start.

export interface SheetSpec {
  name: string;
  headers: string[];
  /** column widths in characters */
  widths: number[];
  rows: (string | number | null)[][];
}

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
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
