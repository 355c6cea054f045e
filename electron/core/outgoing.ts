// Documents that leave the office besides the report (DOMAIN §12): the 规范性文件备案目录 of a year or quarter
// (.docx in the ledger table's GB/T 9704 styles, or .xlsx) and the upward 行政复议/行政应诉 statistical form (.xlsx)
// with its balance checks. The figures of the form are the metrics' own (stats.year), so the form, the statistics
// screen and the report agree; its breakdowns (申请人类型, 审结方式…) are one GROUP BY over the year's rows.

import { earliestFiling } from '../domain/ledgers/normative';
import { chineseDate } from '../domain/report';
import { buildStatsForm, FORM_SETTING, FORM_TITLES, parseFormColumns, type FormKind, type StatsForm } from '../domain/stats-form';
import { localDate, type Core } from './core';
import { AppError } from './errors';
import { neutralise } from './exchange/cells';
import { writeXlsx } from './exchange/xlsx-write';
import { yearMetrics } from './stats/stats-host';

const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** The period of a year or one of its quarters, as ISO dates. */
function period(year: number, quarter?: number): { s: string; e: string; name: string } {
  if (quarter === undefined) return { s: `${year}-01-01`, e: `${year}-12-31`, name: `${year}年` };
  const m0 = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, m0 + 2, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return { s: `${year}-${p(m0)}-01`, e: `${year}-${p(m0 + 2)}-${last}`, name: `${year}年${QUARTER_NAMES[quarter]}` };
}

export interface CatalogueRow {
  title: string;
  docNo: string;
  /** 制定机关: the department for 部门规范性文件 and 备案审查 rows; the government (单位名称) for 政府规范性文件 */
  maker: string;
  publishedOn: string;
  filedOn: string;
}

export const CATALOGUE_HEADERS = ['序号', '文件名称', '文号', '制定机关', '公布日期', '报备日期'];

/**
 * The documents filed in the period: rows whose earlier filing date (上级政府 or 人大常委会, as 按时报备率 counts
 * it) falls in it, by filing date then 公布日期. Two index ranges (the filing-date indexes of migration 2).
 */
export function catalogue(core: Core, year: number, quarter?: number): { title: string; rows: CatalogueRow[] } {
  const p = period(year, quarter);
  const raw = core.db
    .prepare(
      // the two ranges as a UNION of row ids: with OR the planner walked a whole index instead
      `SELECT "title", "docNo", "drafter", "level", "reviewType", "publishedOn", "filedGovOn", "filedCongressOn" FROM normative
       WHERE rid IN (SELECT rid FROM normative WHERE deleted_at IS NULL AND "filedGovOn" BETWEEN @s AND @e
                     UNION SELECT rid FROM normative WHERE deleted_at IS NULL AND "filedCongressOn" BETWEEN @s AND @e)`,
    )
    .all(p) as Record<string, string | null>[];
  const unit = core.settings.单位名称;
  const rows = raw
    .map((r) => ({ r, filed: earliestFiling(r) }))
    .filter((x): x is { r: Record<string, string | null>; filed: string } => !!x.filed && x.filed >= p.s && x.filed <= p.e)
    .map(({ r, filed }) => ({
      title: r.title ?? '',
      docNo: r.docNo ?? '',
      maker: (r.level === '政府规范性文件' && r.reviewType !== '备案审查' && unit) || (r.drafter ?? ''),
      publishedOn: r.publishedOn ?? '',
      filedOn: filed,
    }))
    .sort((a, b) => (a.filedOn < b.filedOn ? -1 : a.filedOn > b.filedOn ? 1 : a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0));
  return { title: `${unit}${p.name}规范性文件备案目录`, rows };
}

export async function catalogueFile(
  core: Core,
  year: number,
  quarter: number | undefined,
  format: 'docx' | 'xlsx',
): Promise<{ fileName: string; bytes: Buffer; count: number }> {
  const c = catalogue(core, year, quarter);
  const cells = c.rows.map((r, i) => [String(i + 1), r.title, r.docNo, r.maker, r.publishedOn, r.filedOn]);
  const widths = [3, 24, 10, 10, 7, 7];
  const bytes =
    format === 'docx'
      ? await (
          await import('./report/docx')
        ).ledgerDocx({
          title: c.title,
          headers: CATALOGUE_HEADERS,
          widths,
          rows: cells,
          footerNote: `制表日期：${chineseDate(localDate(core.now()))}\u3000共 ${c.rows.length} 件`,
        })
      : await writeXlsx([{ name: '备案目录', headers: CATALOGUE_HEADERS, widths, rows: cells.map((r, i) => [i + 1, ...r.slice(1).map(neutralise)]) }]);
  return { fileName: `${c.title}.${format}`, bytes, count: c.rows.length };
}

/** The rows of the year by a column, as `<item>.<value>` figures. */
function groupBy(core: Core, table: string, date: string, col: string, item: string, year: number, out: Record<string, number>): void {
  const rows = core.db
    .prepare(`SELECT "${col}" AS v, count(*) AS n FROM ${table} WHERE deleted_at IS NULL AND "${date}" BETWEEN ? AND ? GROUP BY "${col}"`)
    .all(`${year}-01-01`, `${year}-12-31`) as { v: string | null; n: number }[];
  for (const r of rows) if (r.v !== null) out[`${item}.${r.v}`] = r.n;
}

/** The statistical form of a year with its checks, columns from the setting. */
export function statsForm(core: Core, year: number, kind: FormKind): StatsForm {
  const setting = FORM_SETTING[kind];
  const parsed = parseFormColumns(kind, String(core.settings[setting] ?? ''));
  if (!parsed.ok) throw new AppError('VALIDATION', `设置“${setting}”有误：${parsed.message}`);
  const m = yearMetrics(core, year).values;
  const v = (k: string) => m[k]?.value ?? 0;
  const f: Record<string, number> = {};
  const one = (sql: string) => core.db.prepare(sql).pluck().get(`${year}-01-01`, `${year}-12-31`) as number;
  if (kind === 'reconsideration') {
    Object.assign(f, {
      新收: v('行政复议.收案数'),
      其中复议前置: one(`SELECT count(*) FROM reconsideration WHERE deleted_at IS NULL AND "receivedOn" BETWEEN ? AND ? AND "mandatory" = 1`),
      其中涉企: v('行政复议.涉企收案数'),
      受理: v('行政复议.受理数'),
      不予受理: v('行政复议.不予受理数'),
      其他: one(
        `SELECT count(*) FROM reconsideration WHERE deleted_at IS NULL AND "receivedOn" BETWEEN ? AND ? AND ("intake" IS NULL OR "intake" NOT IN ('受理', '不予受理'))`,
      ),
      '审结.合计': v('行政复议.审结数'),
      在办: v('行政复议.在办数'),
    });
    groupBy(core, 'reconsideration', 'receivedOn', 'applicantType', '申请人类型', year, f);
    groupBy(core, 'reconsideration', 'receivedOn', 'actType', '行为类别', year, f);
    groupBy(core, 'reconsideration', 'receivedOn', 'respondentType', '被申请人类型', year, f);
    groupBy(core, 'reconsideration', 'closedOn', 'disposition', '审结', year, f);
  } else {
    Object.assign(f, {
      新收: v('行政应诉.收案数'),
      其中涉企: one(`SELECT count(*) FROM litigation WHERE deleted_at IS NULL AND "receivedOn" BETWEEN ? AND ? AND "enterprise" = 1`),
      '出庭.开庭案件': v('行政应诉.开庭案件数'),
      '出庭.负责人出庭案件': v('行政应诉.负责人出庭件数'),
      '出庭.负责人出庭次数': v('行政应诉.负责人出庭次数'),
      '结案.合计': v('行政应诉.结案数'),
      败诉: v('行政应诉.败诉数'),
      在办: v('行政应诉.在办数'),
    });
    groupBy(core, 'litigation', 'receivedOn', 'instance', '审级', year, f);
    groupBy(core, 'litigation', 'closedOn', 'closure', '结案', year, f);
  }
  return buildStatsForm(kind, year, core.settings.单位名称, parsed.items, f);
}

const THIN = { style: 'thin' } as const;
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The form as .xlsx: title; two header rows (an item over its parts, a single item over both rows); the 栏次 row;
 * the figures; then the checks under the table, and on a sheet of their own.
 */
export async function statsFormFile(core: Core, year: number, kind: FormKind): Promise<{ fileName: string; bytes: Buffer; form: StatsForm }> {
  const form = statsForm(core, year, kind);
  // exceljs loads when a form is written, not with the CLI or the server (docs/performance.md)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治台账';
  const ws = wb.addWorksheet(FORM_TITLES[kind]);
  const n = form.columns.length + 1;
  const font = { name: '宋体', size: 10 };
  ws.getColumn(1).width = 16;
  for (let i = 2; i <= n; i++) ws.getColumn(i).width = 8;
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = form.title;
  ws.getCell(1, 1).font = { name: '宋体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 3, 1);
  ws.getCell(2, 1).value = '填报单位';
  ws.getCell(4, 1).value = '栏次';
  ws.getCell(5, 1).value = core.settings.单位名称 || '（未设置单位名称）';
  let c = 2;
  for (const item of new Set(form.columns.map((x) => x.item))) {
    const cols = form.columns.filter((x) => x.item === item);
    if (cols[0].part === null) {
      ws.mergeCells(2, c, 3, c);
      ws.getCell(2, c).value = item;
    } else {
      if (cols.length > 1) ws.mergeCells(2, c, 2, c + cols.length - 1);
      ws.getCell(2, c).value = item;
      cols.forEach((x, i) => (ws.getCell(3, c + i).value = x.part));
    }
    c += cols.length;
  }
  for (const col of form.columns) {
    ws.getCell(4, col.no + 1).value = col.no;
    ws.getCell(5, col.no + 1).value = col.value;
  }
  for (let r = 2; r <= 5; r++) {
    for (let i = 1; i <= n; i++) {
      const cell = ws.getCell(r, i);
      cell.border = BOX;
      cell.font = { ...font, bold: r < 4 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }
  ws.getRow(3).height = 42;
  let r = 7;
  ws.getCell(r++, 1).value = '平衡校验';
  for (const k of form.checks) ws.getCell(r++, 1).value = `${k.ok ? '通过' : '不平'}\u3000${k.text}`;
  ws.getCell(r + 1, 1).value = `制表日期：${chineseDate(localDate(core.now()))}`;
  return { fileName: `${form.title}.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()), form };
}
