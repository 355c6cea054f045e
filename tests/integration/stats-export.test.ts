// 统计分析 → Excel: the workbook read back with exceljs carries every metric with the same texts as stats.year
// (the screen and `stats --json`), last year's, the change, and the distributions of both years.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { METRICS } from '../../electron/domain/metrics';
import { call, tempCore } from '../helpers/db';

let core: Core;
beforeAll(async () => {
  core = await tempCore();
  await call(core, 'settings.update', { patch: { 单位名称: '某某县人民政府' } });
  const rec = (caseNo: string, receivedOn: string, extra: Record<string, unknown>) =>
    call(core, 'ledger.create', {
      kind: 'reconsideration',
      values: { caseNo, receivedOn, applicant: '张某', respondent: '某县公安局', actType: '行政处罚', ...extra },
    });
  await rec('复1', '2025-02-03', { intake: '受理', acceptedOn: '2025-02-05', closedOn: '2025-03-01', disposition: '撤销' });
  await rec('复2', '2025-03-03', { intake: '受理', acceptedOn: '2025-03-05', closedOn: '2025-04-01', disposition: '维持', actType: '行政许可' });
  await rec('复3', '2024-03-03', { intake: '受理', acceptedOn: '2024-03-05', closedOn: '2024-04-01', disposition: '维持' });
  await call(core, 'indicators.set', {
    year: 2025,
    items: [
      { name: '普法活动场次', value: 12 },
      { name: '罚没款(万元)', value: 4210.75 },
    ],
  });
});
afterAll(() => core.close());

async function read(): Promise<{ fileName: string; wb: ExcelJS.Workbook }> {
  const r = await call(core, 'stats.export', { year: 2025 });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.content, 'base64') as unknown as ArrayBuffer);
  return { fileName: r.fileName, wb };
}

describe('stats.export', () => {
  it('names the file after the unit and year', async () => {
    expect((await read()).fileName).toBe('某某县人民政府2025年度法治工作统计.xlsx');
  });

  it('has every metric with this year, last year and the change as stats.year shows them', async () => {
    const m = await call(core, 'stats.year', { year: 2025 });
    const ws = (await read()).wb.getWorksheet('统计指标')!;
    const rows = new Map<string, (string | number)[]>();
    ws.eachRow((row, i) => {
      if (i <= 2) return;
      const v = row.values as (string | number)[];
      rows.set(v[1] === '年度指标' ? `指标.${v[2]}` : `${v[1]}.${v[2]}`, v.slice(1));
    });
    for (const def of METRICS) {
      const r = rows.get(def.key);
      expect(r, def.key).toBeDefined();
      const [, , unit, cur, prev, change] = r!;
      expect(unit ?? '').toBe(def.unit);
      expect(String(cur)).toBe(
        String(m.values[def.key].value === null || def.format === 'rate' || def.format === 'ratio' ? m.values[def.key].text : m.values[def.key].value),
      );
      expect(String(prev)).toBe(
        String(
          m.values[`上年.${def.key}`].value === null || def.format === 'rate' || def.format === 'ratio'
            ? m.values[`上年.${def.key}`].text
            : m.values[`上年.${def.key}`].value,
        ),
      );
      expect(change).toBe(m.values[`同比.${def.key}`].text);
    }
    expect(rows.get('行政复议.收案数')!.slice(3, 6)).toEqual([2, 1, '+1件']);
    expect(rows.get('行政复议.纠错率')![3]).toBe(m.values['行政复议.纠错率'].text);
    expect(rows.get('指标.普法活动场次')![3]).toBe(12);
    expect(rows.get('指标.罚没款(万元)')![3]).toBe(4210.75);
  });

  it('lists the distributions of both years', async () => {
    const ws = (await read()).wb.getWorksheet('分布')!;
    const lines: string[] = [];
    ws.eachRow((row) => lines.push((row.values as unknown[]).slice(1).join('|')));
    const at = lines.indexOf('行政复议案件行为类别分布（按行政复议收案）');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines.slice(at + 1, at + 4)).toEqual(['类别|2025年（件）|2024年（件）', '行政处罚|1|1', '行政许可|1|0']);
  });
});

describe('stats.monthly', () => {
  it('counts live rows per month of the ★ date, deleted rows left out', async () => {
    const r = await call(core, 'stats.monthly', { year: 2025 });
    expect(r.months.reconsideration).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.months.contract).toEqual(new Array(12).fill(0));
    const rows = await call(core, 'ledger.list', { kind: 'reconsideration', year: 2025 });
    await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [rows.rows[0].id] });
    const after = await call(core, 'stats.monthly', { year: 2025 });
    expect(after.months.reconsideration.reduce((a, b) => a + b, 0)).toBe(1);
    await call(core, 'ledger.restore', { kind: 'reconsideration', ids: [rows.rows[0].id] });
  });
});
