// The year-end report: the template (built-in, the office's edited copy, or an uploaded .docx) filled with the
// year's values and written in the official format; and ledgers as Word tables.

import builtin from '../../../resources/report/builtin.json' with { type: 'json' };
import type { FieldDef, LedgerKind, Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import { METRICS, type MetricsResult } from '../../domain/metrics';
import {
  checkTemplate,
  chineseDate,
  recipientLine,
  renderTemplate,
  reportTitle,
  reportValue,
  templateKeys,
  TODO_PREFIX,
  type FilledBlock,
  type ReportVariant,
} from '../../domain/report';
import { isoNow, localDate, type Core } from '../core';
import { AppError } from '../errors';
import { appendAudit } from '../safety/audit';
import { exportCell } from '../exchange/cells';
import type { StatTable } from './docx';
// docx.ts (the docx package) is imported where a document is written, so starting the CLI, the server or a
// statistics run does not load it (docs/performance.md); user templates are filled in a worker (docx-host.ts)
const docxWriter = () => import('./docx');
import { fillDocxInWorker } from './docx-host';
import { unknownList } from './fill-docx';
import { reportData, type ReportData } from './values';

/** The built-in template, shipped as data (resources/report/builtin.json: one string per line, so a diff reads well). */
export function builtinTemplate(): string {
  return builtin.lines.join('\n');
}

export interface TemplateVersion {
  version: number;
  /** null: the built-in template as this program ships it (what 恢复内置模板 saves) */
  text: string | null;
  note: string;
  savedAt: string;
  savedBy: string;
}

interface VersionRow {
  version: number;
  text: string | null;
  note: string;
  saved_at: string;
  saved_by: string;
}

const toVersion = (r: VersionRow): TemplateVersion => ({ version: r.version, text: r.text, note: r.note, savedAt: r.saved_at, savedBy: r.saved_by });

/** The newest saved version (the one in use), or null when the office never saved one. */
function latestVersion(core: Core): TemplateVersion | null {
  const r = core.db.prepare('SELECT * FROM report_templates ORDER BY version DESC LIMIT 1').get() as VersionRow | undefined;
  return r ? toVersion(r) : null;
}

/** The template in use: the office's latest saved version, else (never saved, or reset) the built-in one. */
export function currentTemplate(core: Core): string {
  return latestVersion(core)?.text ?? builtinTemplate();
}

/** Every saved version, newest first, without their texts (a list for the history panel). */
export function templateHistory(core: Core): (Omit<TemplateVersion, 'text'> & { builtIn: boolean; chars: number })[] {
  const rows = core.db
    .prepare('SELECT version, note, saved_at, saved_by, text IS NULL AS b, length(text) AS n FROM report_templates ORDER BY version DESC')
    .all() as (Omit<VersionRow, 'text'> & { b: number; n: number | null })[];
  return rows.map((r) => ({
    version: r.version,
    note: r.note,
    savedAt: r.saved_at,
    savedBy: r.saved_by,
    builtIn: r.b === 1,
    chars: r.n ?? builtinTemplate().length,
  }));
}

export function templateVersion(core: Core, version: number): TemplateVersion & { text: string } {
  const r = core.db.prepare('SELECT * FROM report_templates WHERE version = ?').get(version) as VersionRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到报告模板的第 ${version} 版`);
  const v = toVersion(r);
  return { ...v, text: v.text ?? builtinTemplate() };
}

/**
 * Save the edited template as a new version. `base` is the version the editor started from (null: none saved
 * yet): when someone saved in between, nothing is written and the user is told, rather than one edit silently
 * replacing the other. A template with problems (unknown keys for `year`, unbalanced brackets) is refused with
 * the line of each; saving the text in use again writes nothing.
 */
export function saveTemplate(
  core: Core,
  o: { text: string | null; note: string; base: number | null; year: number },
): { version: number | null; saved: boolean } {
  const latest = latestVersion(core);
  if ((latest?.version ?? null) !== o.base) {
    throw new AppError(
      'STALE',
      `报告模板已被他人改为第 ${latest?.version ?? 0} 版（${latest?.savedBy || '未知用户'}，${latest?.savedAt.slice(0, 16).replace('T', ' ') ?? ''}）。本次修改未保存：请复制您的修改，重新打开模板后再保存。`,
      {
        latest: latest?.version ?? null,
      },
    );
  }
  if (o.text !== null) {
    const values = reportData(core, o.year).values;
    const problems = checkTemplate(o.text, (k) => !!reportValue(values, k));
    if (problems.length) {
      throw new AppError(
        'VALIDATION',
        `模板有 ${problems.length} 处问题，未保存：${problems
          .slice(0, 10)
          .map((p) => `第 ${p.line} 行${p.message}`)
          .join('；')}`,
        { problems },
      );
    }
    if (!o.text.trim()) throw new AppError('VALIDATION', '模板不能为空；如需恢复默认内容，请使用“恢复内置模板”');
  }
  const inUse = latest?.text ?? null;
  const same = o.text === inUse || (inUse === null && o.text === builtinTemplate());
  if (same) return { version: latest?.version ?? null, saved: false };
  const at = isoNow(core.now());
  const version = core.db.transaction(() => {
    const v = Number(
      core.db.prepare('INSERT INTO report_templates (text, note, saved_at, saved_by) VALUES (?, ?, ?, ?)').run(o.text, o.note, at, core.actor).lastInsertRowid,
    );
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '报告模板',
      before: { version: latest?.version ?? null },
      after: { version: v, note: o.note },
      summary: o.text === null ? `恢复内置模板（第 ${v} 版）` : `保存报告模板第 ${v} 版${o.note ? `：${o.note}` : ''}`,
    });
    return v;
  })();
  return { version, saved: true };
}

/** The name a distribution gives rows whose field is empty (core/stats tally). */
const UNRECORDED = '未填写';

function fieldLabel(dist: { kind?: string; field?: string }): string {
  if (!dist.kind || !dist.field) return '';
  return LEDGERS[dist.kind as LedgerKind]?.fields.find((f) => f.key === dist.field)?.label ?? '';
}

const GROUPS: { title: string; prefix: string }[] = [
  { title: '规范性文件审核和备案审查情况', prefix: '规范性文件.' },
  { title: '重大行政决策合法性审查情况', prefix: '重大决策.' },
  { title: '政府合同合法性审查情况', prefix: '合同.' },
  { title: '行政复议案件办理情况', prefix: '行政复议.' },
  { title: '行政应诉案件办理情况', prefix: '行政应诉.' },
  { title: '行政执法案卷评查情况', prefix: '案卷评查.' },
];

const LITIGATION_COLS = ['行政应诉.收案数', '行政应诉.负责人出庭件数', '行政应诉.出庭率', '行政应诉.败诉数'];
const CASEFILE_COLS = ['案卷评查.案卷数', '案卷评查.优秀数', '案卷评查.合格数', '案卷评查.不合格数', '案卷评查.合格率', '案卷评查.平均分'];

/** The statistics attachment: one table per area, this year beside last year and the change; then indicators. */
export function statTables(d: ReportData): StatTable[] {
  const v = d.metrics.values;
  const line = (key: string, label: string, unit: string) => [
    unit ? `${label}（${unit}）` : label,
    v[key]?.text ?? '—',
    v[`上年.${key}`]?.text ?? '—',
    v[`同比.${key}`]?.text ?? '—',
  ];
  const headers = ['项目', `${d.year}年`, `${d.year - 1}年`, '同比'];
  const widths = [9, 3, 3, 4];
  const tables: StatTable[] = GROUPS.map((g, i) => ({
    title: `表${i + 1}\u3000${g.title}`,
    headers,
    widths,
    centreFrom: 1,
    rows: METRICS.filter((m) => m.key.startsWith(g.prefix)).map((m) => {
      const [, name] = m.key.split('.');
      const unit = m.unit === '%' ? '' : m.unit;
      return line(m.key, name, unit);
    }),
  }));
  const indicators = Object.keys(v).filter((k) => k.startsWith('指标.') && (v[k].value !== null || v[`上年.${k}`]?.value !== null));
  if (indicators.length)
    tables.push({ title: `表${tables.length + 1}\u3000年度工作指标`, headers, widths, centreFrom: 1, rows: indicators.map((k) => line(k, k.slice(3), '')) });
  // issue 20: per-unit tables once units' packages have come in (本级 and each unit directly below it)
  if (d.units) {
    const t = (m: MetricsResult, k: string) => m.values[k]?.text ?? '—';
    tables.push({
      title: `表${tables.length + 1}\u3000各单位应诉案件和负责人出庭情况`,
      headers: ['单位', '收案数', '负责人出庭件数', '出庭率', '败诉数'],
      widths: [7, 3, 4, 3, 3],
      centreFrom: 1,
      rows: [...d.units.map((u) => [u.name, ...LITIGATION_COLS.map((k) => u.text[k] ?? '—')]), ['合计', ...LITIGATION_COLS.map((k) => t(d.metrics, k))]],
    });
    tables.push({
      title: `表${tables.length + 1}\u3000各单位案卷评查情况`,
      headers: ['单位', '案卷数', '优秀', '合格', '不合格', '合格率', '平均分'],
      widths: [6, 2, 2, 2, 2, 3, 2],
      centreFrom: 1,
      rows: [...d.units.map((u) => [u.name, ...CASEFILE_COLS.map((k) => u.text[k] ?? '—')]), ['合计', ...CASEFILE_COLS.map((k) => t(d.metrics, k))]],
    });
  }
  // A distribution whose rows all lack the field says nothing and is left out; otherwise the rows without it are
  // a note under the table (另有N件未填写…), not a category of their own.
  for (const dist of d.metrics.distributions) {
    const known = dist.rows.filter((r) => r.name !== UNRECORDED);
    if (!known.length) continue;
    const missing = dist.rows.filter((r) => r.name === UNRECORDED).reduce((s, r) => s + r.count, 0);
    const total = known.reduce((s, r) => s + r.count, 0);
    tables.push({
      title: `表${tables.length + 1}\u3000${dist.label}`,
      headers: ['类别', '件数', '占比'],
      widths: [9, 4, 4],
      centreFrom: 1,
      rows: known.map((r) => [r.name, String(r.count), `${Math.round((r.count / total) * 10000) / 100}%`]),
      ...(missing
        ? {
            note: `注：另有${missing}件${dist.basis.endsWith('收案') ? dist.basis.replace(/收案$/, '案件') : '案卷'}未填写${fieldLabel(dist) ? `“${fieldLabel(dist)}”` : '该项'}，未计入本表。`,
          }
        : {}),
    });
  }
  return tables;
}

export interface ReportOptions {
  year: number;
  variant: ReportVariant;
  /** an uploaded Word template; without it the in-app template */
  templateDocx?: Buffer;
  /** 成文日期 (YYYY-MM-DD); default today */
  date?: string;
  attachment?: boolean;
  /** whose figures the plain keys give (report/values.ts reportData); default 全部 */
  scope?: string;
}

export interface GeneratedReport {
  fileName: string;
  bytes: Buffer;
  unknownKeys: string[];
  blocks: FilledBlock[];
}

export function fillTemplate(core: Core, year: number, template?: string, date?: string, scope?: string) {
  const data = reportData(core, year, date, scope);
  return { data, ...renderTemplate(template ?? currentTemplate(core), data.values) };
}

export async function generateReport(core: Core, o: ReportOptions): Promise<GeneratedReport> {
  const unit = core.settings.单位名称.trim();
  // the title, the first sentence and the 署名 all name the office: a report reading "（单位名称）关于…" must not leave
  // (checked after the template, so a template with an unknown key is reported first, naming it)
  const needUnit = () => {
    if (!unit)
      throw new AppError('VALIDATION', '尚未设置单位名称：报告的标题、正文和署名都要用到。请先在“设置”中填写单位名称（如“某某县人民政府”），再生成报告。', {
        field: '单位名称',
      });
  };
  const date = o.date ?? localDate(core.now());
  const title = reportTitle(unit, o.year, o.variant);
  const fileName = `${title}.docx`;
  if (o.templateDocx) {
    const data = reportData(core, o.year, date, o.scope);
    // one pass: filled, and refused when a key is unknown (nothing is written before it is returned)
    const r = await fillDocxInWorker(o.templateDocx, data.values);
    if (r.unknownKeys.length) {
      throw new AppError('VALIDATION', `模板中有无法识别的占位符：${unknownList(r.unknownKeys)}。请改正后再生成。`, {
        unknownKeys: r.unknownKeys.slice(0, 100),
      });
    }
    needUnit();
    return { fileName, bytes: r.bytes, unknownKeys: [], blocks: [] };
  }
  const { data, blocks, unknownKeys } = fillTemplate(core, o.year, undefined, date, o.scope);
  if (unknownKeys.length) {
    throw new AppError('VALIDATION', `报告模板中有无法识别的占位符：${unknownList(unknownKeys)}。请在“年度报告”页修改模板后再生成。`, {
      unknownKeys: unknownKeys.slice(0, 100),
    });
  }
  needUnit();
  const { reportDocx } = await docxWriter();
  const bytes = await reportDocx({
    title,
    recipient: o.variant === 'formal' && recipientLine(core.settings.主送机关) ? recipientLine(core.settings.主送机关) : undefined,
    blocks,
    signer: unit,
    date: chineseDate(date),
    attachment: o.attachment === false ? undefined : { title: `${o.year}年度法治政府建设主要数据统计表`, tables: statTables(data) },
  });
  return { fileName, bytes, unknownKeys: [], blocks };
}

/** A heading without its number (一、 （二） 3. （4）), to compare headings across renumbering. */
const unnumbered = (h: string) => h.replace(/^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.．、])\s*/, '');

export interface Readiness {
  /** the office has not set its name: generating is refused until it does */
  unitMissing: boolean;
  /** required sections (二、三、四) that carry only a 待填写 paragraph: what belongs there */
  sectionsToFill: { heading: string; note: string }[];
  materialsMissing: string[];
  indicatorsMissing: string[];
  /** the report's own 在办数 (the same figure the text states), per ledger, in cases; with the filter for its rows */
  openCases: { kind: LedgerKind; name: string; count: number; query: Record<string, string> }[];
  /** rows of the year without a field a distribution table counts (left out of the table, noted under it) */
  unrecorded: { kind: LedgerKind; name: string; field: string; label: string; count: number; query: Record<string, string> }[];
  emptySections: string[];
}

/**
 * What is not ready before generating: unit name, required sections without material (first), empty material,
 * missing indicators, cases open at year end, rows lacking a field the tables count, and sections left out.
 * Every count is taken from the same values the report prints.
 */
export function readiness(core: Core, year: number): Readiness {
  const { data, blocks } = fillTemplate(core, year);
  const template = currentTemplate(core);
  const used = templateKeys(template);
  const materialsMissing = used.filter((k) => k.startsWith('素材.') && !(reportValue(data.values, k)?.text ?? '').trim()).map((k) => k.slice(3));
  const indicatorsMissing = used.filter((k) => k.startsWith('指标.') && reportValue(data.values, k)?.figure == null).map((k) => k.slice(3));
  const sectionsToFill: Readiness['sectionsToFill'] = [];
  blocks.forEach((b, i) => {
    if (!b.todo) return;
    const heading = blocks
      .slice(0, i)
      .reverse()
      .find((x) => x.kind === 'h1');
    sectionsToFill.push({ heading: heading?.text ?? '', note: b.text.slice(TODO_PREFIX.length) });
  });
  const headings = template
    .split(/\r?\n/)
    .filter((l) => /^#{1,2}\s/.test(l.trim()))
    .map((l) => renderTemplate(l.replace(/^#+\s*/, ''), data.values).blocks[0]?.text ?? '');
  const present = new Set(blocks.filter((b) => b.kind !== 'p').map((b) => unnumbered(b.text)));
  const end = `${year}-12-31`;
  const openCases: Readiness['openCases'] = [];
  // the link lists the rows the figure counts: 在办 at the end of the chosen year by the statistics' own rule
  // (domain/rules.ts openAtEnd) — also those closed since, which a filter on 审结日期 未填写 would leave out
  for (const [kind, metric] of [
    ['reconsideration', '行政复议.在办数'],
    ['litigation', '行政应诉.在办数'],
  ] as const) {
    const count = data.metrics.values[metric]?.value ?? 0;
    if (count > 0) openCases.push({ kind, name: LEDGERS[kind].shortName, count, query: { year: 'all', openAt: end } });
  }
  const unrecorded: Readiness['unrecorded'] = [];
  for (const dist of data.metrics.distributions) {
    const count = dist.rows.filter((r) => r.name === UNRECORDED).reduce((s, r) => s + r.count, 0);
    if (!count || !dist.kind || !dist.field) continue;
    const kind = dist.kind as LedgerKind;
    unrecorded.push({
      kind,
      name: LEDGERS[kind].shortName,
      field: dist.field,
      label: fieldLabel(dist),
      count,
      query: { year: String(year), [dist.field]: UNRECORDED },
    });
  }
  return {
    unitMissing: !core.settings.单位名称.trim(),
    sectionsToFill,
    materialsMissing,
    indicatorsMissing,
    openCases,
    unrecorded,
    emptySections: headings.filter((h) => h && !present.has(unnumbered(h))).map(unnumbered),
  };
}

/** A ledger as a Word table: of a year, or exactly the given ids, with the chosen columns. */
export async function exportLedgerDocx(core: Core, kind: LedgerKind, rows: Row[], opts: { year?: number; columns?: string[] }): Promise<Buffer> {
  const def = LEDGERS[kind];
  const cols: FieldDef[] = (opts.columns?.length ? opts.columns : def.defaultColumns)
    .map((k) => def.fields.find((f) => f.key === k))
    .filter((f): f is FieldDef => !!f);
  const text = (f: FieldDef, v: Row[string]) => {
    const c = exportCell(f, v ?? null);
    return c === null ? '' : String(c).replace(/^'(?=[=+\-@])/, '');
  };
  const unit = core.settings.单位名称 || '';
  // a printed 台账 is read oldest first: 序号 1 is the earliest row (by its primary date, then when it was entered)
  const date = def.primaryDate;
  rows = [...rows].sort(
    (a, b) => String(a[date] ?? '9999').localeCompare(String(b[date] ?? '9999')) || String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')),
  );
  const { ledgerDocx } = await docxWriter();
  return ledgerDocx({
    title: `${unit}${opts.year ? `${opts.year}年` : ''}${def.name}`,
    headers: ['序号', ...cols.map((f) => f.label)],
    // relative widths, scaled to the page: 序号 wide enough for its digits and a date for YYYY-MM-DD on one line
    // (at ~90 units a row an A4 landscape unit is ~2.8 mm; a digit of 五号 is ~1.9 mm, the cell padding 2 mm)
    widths: [Math.max(2, 0.8 * String(rows.length).length + 0.8), ...cols.map((f) => (f.type === 'date' ? Math.max(f.width ?? 6, 8) : (f.width ?? 6)))],
    rows: rows.map((r, i) => [String(i + 1), ...cols.map((f) => text(f, r[f.key]))]),
    footerNote: `导出日期：${chineseDate(localDate(core.now()))}\u3000共 ${rows.length} 条`,
  });
}
