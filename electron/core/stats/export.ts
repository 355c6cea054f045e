// 统计分析 → Excel: every metric of the year beside last year's and the change (the same texts as the statistics
// screen and `stats`), then the distribution tables of both years. Numbers stay numbers where Excel can sum them.

import { ALL_METRICS, METRIC_BY_KEY, type MetricsResult } from '../../domain/metrics';

const FONT = { name: '宋体', size: 11 };

function numberCell(format: string | undefined, v: { value: number | null; text: string }): string | number {
  if (v.value === null) return v.text;
  // rates and ratios keep their text (87.5%, 2.25:1) so the sheet reads like the screen
  return format === 'rate' || format === 'ratio' ? v.text : v.value;
}

export async function statsWorkbook(m: MetricsResult, unitName: string): Promise<{ fileName: string; content: Buffer }> {
  // loaded here, not at start-up: the CLI and server start without exceljs (docs/performance.md)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治台账';
  const title = `${unitName ? `${unitName}` : ''}${m.year}年度法治工作统计`;

  const ws = wb.addWorksheet('统计指标', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [
    { key: 'group', width: 12 },
    { key: 'name', width: 22 },
    { key: 'unit', width: 7 },
    { key: 'cur', width: 12 },
    { key: 'prev', width: 12 },
    { key: 'change', width: 14 },
    { key: 'help', width: 60 },
  ];
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { ...FONT, size: 14, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  const head = ws.addRow(['类别', '指标', '单位', `${m.year}年`, `${m.year - 1}年`, '同比', '口径说明']);
  head.font = { ...FONT, bold: true };
  const keys = [
    ...ALL_METRICS.map((x) => x.key),
    ...Object.keys(m.values).filter((k) => k.startsWith('指标.') && !k.startsWith('上年.') && !k.startsWith('同比.')),
  ];
  for (const key of keys) {
    const def = METRIC_BY_KEY.get(key);
    const dot = key.indexOf('.');
    // keys of three or four parts (规范性文件.清理.公平竞争审查.废止): the group, then the rest as the name
    const [group, name] = key.startsWith('指标.') ? ['年度指标', key.slice(3)] : [key.slice(0, dot), key.slice(dot + 1)];
    const format = def?.format ?? (/万元/.test(key) ? 'money' : 'number');
    const row = ws.addRow([
      group,
      name,
      def ? def.unit : /万元/.test(key) ? '万元' : '',
      numberCell(format, m.values[key]),
      numberCell(format, m.values[`上年.${key}`]),
      m.values[`同比.${key}`]?.text ?? '—',
      def?.help ?? '在“年度数据”中填报的年度指标',
    ]);
    row.font = FONT;
  }

  const ds = wb.addWorksheet('分布');
  ds.columns = [{ width: 30 }, { width: 12 }, { width: 12 }];
  for (const d of m.distributions) {
    const prev = new Map((m.previousDistributions.find((p) => p.key === d.key)?.rows ?? []).map((r) => [r.name, r.count]));
    const t = ds.addRow([`${d.label}（按${d.basis}）`]);
    t.font = { ...FONT, bold: true };
    const h = ds.addRow(['类别', `${m.year}年（件）`, `${m.year - 1}年（件）`]);
    h.font = { ...FONT, bold: true };
    const names = [...new Set([...d.rows.map((r) => r.name), ...prev.keys()])];
    if (!names.length) ds.addRow(['（无）']).font = FONT;
    for (const n of names) ds.addRow([n, d.rows.find((r) => r.name === n)?.count ?? 0, prev.get(n) ?? 0]).font = FONT;
    ds.addRow([]);
  }
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${title}.xlsx`, content };
}
