// Exports stream (issue 16): a year of 案卷评查 the size of a city's (40,000 rows) exported by the command line
// as users run it, read back with exceljs: the same headers as every export, every row, dates as date cells,
// formula-like text quoted — and the exporting process's peak memory far below the 300 MB budget (it took
// 1.3–2 GB before the .xlsx streamed). The API's small exports go through the same writer (exchange.test.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { exportFile } from '../../electron/core/exchange';
import { importRecords } from '../../electron/core/records';
import { LEDGERS } from '../../electron/domain/ledgers';
import { tempDir } from '../helpers/db';
import { FULL } from '../helpers/full-rows';

const root = path.resolve(__dirname, '..', '..');
const ROWS = 40_000;
const fields = LEDGERS.casefile.fields;

let dir: string;
let db: string;

beforeAll(async () => {
  dir = tempDir('fazhi-export-stream-');
  db = path.join(dir, 'ledger.db');
  const core = await openCore(db, { create: true, actor: '测试' });
  try {
    // one real record through the app's validation, with text a spreadsheet would take for a formula …
    const first = { ...FULL.casefile, unit: '=HYPERLINK("http://x","点我")', party: '@某某公司', reviewer: '+王五', reviewedOn: '2025-03-05' };
    const r = importRecords(core, 'casefile', [{ line: 2, values: first }], [], { source: 'test' });
    expect(r.errors).toEqual([]);
    // … then copied by SQL into 40,000 rows spread over the year (and a few outside it, which must not appear)
    const cols = (core.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('casefile') as string[]).filter((c) => c !== 'rid' && c !== 'id');
    const list = cols.map((c) => `"${c}"`).join(', ');
    const pick = cols
      .map((c) => (c === 'reviewedOn' ? `date('2025-01-01', '+' || (n % 365) || ' days')` : c === 'caseNo' ? `'某市监罚〔2025〕' || n || '号'` : `c."${c}"`))
      .join(', ');
    core.db.exec(`
      WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${ROWS - 1 + 50})
      INSERT INTO casefile (id, ${list})
      SELECT printf('gen-%06d', n), ${pick.replace(`date('2025-01-01', '+' || (n % 365) || ' days')`, `CASE WHEN n >= ${ROWS} THEN '2024-06-30' ELSE date('2025-01-01', '+' || (n % 365) || ' days') END`)}
      FROM seq, casefile c WHERE c.id NOT LIKE 'gen-%'`);
    expect(core.db.prepare(`SELECT count(*) FROM casefile WHERE "reviewedOn" BETWEEN '2025-01-01' AND '2025-12-31'`).pluck().get()).toBe(ROWS);
  } finally {
    core.close();
  }
}, 300_000);

describe('.xlsx export streams', () => {
  it(`fazhi export of ${ROWS} rows: every row, the canonical headers, date cells, formulas quoted, peak memory well under 300 MB`, async () => {
    const out = path.join(dir, '案卷评查-2025.xlsx');
    const probe = path.join(dir, 'probe.json');
    const r = spawnSync(
      process.execPath,
      ['--import', './scripts/probe.mjs', 'bin/fazhi.js', 'export', '--db', db, '--kind', 'casefile', '--year', '2025', '--out', out],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, FAZHI_PROBE: probe },
      },
    );
    expect(r.stderr).toContain(`已导出 ${ROWS} 条`);
    expect(r.status).toBe(0);
    // nothing left beside the file under a temporary name
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const { peakRssMb } = JSON.parse(fs.readFileSync(probe, 'utf8')) as { peakRssMb: number };
    expect(peakRssMb).toBeGreaterThan(0);
    // 186–226 MB measured (docs/performance.md); before streaming it was 1.3–2 GB
    expect(peakRssMb).toBeLessThan(260);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe(LEDGERS.casefile.shortName);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(fields.map((f) => f.label));
    expect(ws.rowCount).toBe(ROWS + 1);
    const col = (key: string) => fields.findIndex((f) => f.key === key) + 1;
    // ordered by 评查日期: the first row is 1 January, the last 31 December
    const first = ws.getRow(2);
    const reviewed = first.getCell(col('reviewedOn'));
    expect(reviewed.value).toBeInstanceOf(Date);
    expect((reviewed.value as Date).toISOString().slice(0, 10)).toBe('2025-01-01');
    expect(reviewed.numFmt).toBe('yyyy-mm-dd');
    expect((ws.getRow(ROWS + 1).getCell(col('reviewedOn')).value as Date).toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(first.getCell(col('unit')).value).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(first.getCell(col('party')).value).toBe("'@某某公司");
    expect(first.getCell(col('reviewer')).value).toBe("'+王五");
    expect(first.getCell(col('vetoes')).value).toBe('证据不足、程序违法');
    expect(first.getCell(col('formScore')).value).toBe(18);
  }, 300_000);

  it('the API export (bytes) gives the same sheet as the file export, and ids keep their order', async () => {
    const core = await openCore(db, { readonly: true });
    try {
      const ids = ['gen-000003', 'gen-000001', 'gen-000002'];
      const r = await exportFile(core, 'casefile', 'xlsx', { ids });
      expect(r.count).toBe(3);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.rowCount).toBe(4);
      const caseNo = fields.findIndex((f) => f.key === 'caseNo') + 1;
      expect([2, 3, 4].map((i) => ws.getRow(i).getCell(caseNo).value)).toEqual(['某市监罚〔2025〕3号', '某市监罚〔2025〕1号', '某市监罚〔2025〕2号']);
    } finally {
      core.close();
    }
  });
});
