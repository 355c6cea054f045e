// Issue 15 item 10: documents that leave the office besides the report (DOMAIN §12) — the 规范性文件备案目录 (.docx
// and .xlsx, parsed back), the upward 行政复议/行政应诉 statistical form (.xlsx, parsed back) with its balance checks,
// and the 清理 counts per 清理类型. Every expected figure is derived here from the rows the test seeds.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { CLEANUP_OUTCOMES, CLEANUP_TYPES, earliestFiling } from '../../electron/domain/ledgers/normative';
import { DISPOSITIONS, PARTY_TYPES } from '../../electron/domain/ledgers/reconsideration';
import { METRIC_KEYS } from '../../electron/domain/metrics';
import { fazhi } from '../helpers/cli';
import { call, callFail, tempCore } from '../helpers/db';

type Seed = Record<string, string | number | boolean>;

const UNIT = '某某县人民政府';

/** Normative rows: filings spread over 2025's quarters and the years around, and 清理 of every type and outcome. */
function normativeSeeds(): Seed[] {
  const out: Seed[] = [];
  const filings = ['2024-12-30', '2025-01-03', '2025-02-14', '2025-03-31', '2025-04-01', '2025-06-30', '2025-09-09', '2025-12-31', '2026-01-02'];
  filings.forEach((f, i) => {
    const pub = `${f.slice(0, 8)}01`;
    out.push({
      reviewType: '合法性审核',
      title: `关于第${i + 1}项事务的管理办法`,
      drafter: `县第${i + 1}局`,
      receivedOn: '2024-10-08',
      completedOn: '2024-10-09',
      level: i % 3 === 0 ? '政府规范性文件' : '部门规范性文件',
      docNo: `某政规〔2025〕${i + 1}号`,
      publishedOn: pub,
      // alternate bodies; some filed with both, the earlier date counts
      ...(i % 2 === 0 ? { filedGovOn: f } : { filedCongressOn: f }),
      ...(i % 4 === 1 ? { filedGovOn: `${Number(f.slice(0, 4)) + 1}-06-30` } : {}),
    });
  });
  // not filed: not in any 目录
  out.push({ reviewType: '合法性审核', title: '未报备的办法', drafter: '县某局', receivedOn: '2025-01-06', publishedOn: '2025-02-01' });
  // 清理: each type with a different mix of outcomes, in 2025 and in 2024
  const statuses = ['有效', '已修改', '已废止', '宣布失效', '到期失效'];
  CLEANUP_TYPES.forEach((t, ti) => {
    for (let k = 0; k < ti + 2; k++) {
      const status = statuses[(ti + k) % statuses.length];
      out.push({
        reviewType: '合法性审核',
        title: `${t}文件${k}`,
        drafter: '县某局',
        receivedOn: '2019-03-04',
        status,
        cleanupType: t,
        cleanupOn: k === ti + 1 ? '2024-07-01' : '2025-07-01',
      });
    }
  });
  return out;
}

function reconsiderationSeeds(): Seed[] {
  const out: Seed[] = [];
  const intakes = ['受理', '受理', '受理', '不予受理', '审查中', '补正中', '受理前撤回'];
  for (let i = 0; i < 23; i++) {
    const intake = intakes[i % intakes.length];
    const accepted = intake === '受理';
    const disposition = accepted && i % 2 === 0 ? DISPOSITIONS[i % DISPOSITIONS.length] : null;
    out.push({
      caseNo: `复〔2025〕${i + 1}号`,
      receivedOn: `2025-0${(i % 9) + 1}-03`,
      applicant: `申请人${i}`,
      applicantType: PARTY_TYPES[i % PARTY_TYPES.length],
      respondent: '县某局',
      respondentType: i % 3 ? '政府部门' : '乡镇(街道)',
      actType: i % 2 ? '行政处罚' : '政府信息公开',
      mandatory: i % 5 === 0,
      intake,
      ...(accepted ? { acceptedOn: `2025-0${(i % 9) + 1}-07` } : {}),
      ...(disposition ? { closedOn: `2025-${String((i % 9) + 3).padStart(2, '0')}-20`, disposition } : {}),
    });
  }
  // received in 2024, accepted in 2025: 受理 counts it, 新收 does not — the check must say so
  out.push({
    caseNo: '复〔2024〕99号',
    receivedOn: '2024-12-30',
    applicant: '跨年申请人',
    applicantType: '法人',
    respondent: '县某局',
    intake: '受理',
    acceptedOn: '2025-01-03',
  });
  return out;
}

function litigationSeeds(): Seed[] {
  const out: Seed[] = [];
  const closures = ['判决', '裁定驳回起诉', '准予撤诉', '调解'];
  for (let i = 0; i < 11; i++) {
    const closed = i % 3 !== 2;
    out.push({
      caseNo: `（2025）浙0102行初${i + 1}号`,
      instance: ['一审', '二审', '再审'][i % 3],
      receivedOn: `2025-0${(i % 8) + 1}-05`,
      plaintiff: `原告${i}`,
      defendant: '县政府',
      hearings: i % 4,
      headHearings: i % 4 ? 1 : 0,
      answeredOn: `2025-0${(i % 8) + 1}-10`,
      ...(closed
        ? {
            closedOn: `2025-${String((i % 8) + 2).padStart(2, '0')}-15`,
            closure: closures[i % 4],
            ...(closures[i % 4] === '判决' ? { judgment: i % 2 ? '撤销' : '驳回诉讼请求' } : {}),
          }
        : {}),
    });
  }
  return out;
}

/** The rows of the body of a docx table: each row's cell texts (one w:t run per cell, as ledgerDocx writes them). */
async function docxTable(bytes: Buffer): Promise<{ xml: string; rows: string[][] }> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join('')),
  );
  return { xml, rows };
}

async function sheetRows(bytes: Buffer, name?: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = name ? wb.getWorksheet(name)! : wb.worksheets[0];
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = (row.values as unknown[]).slice(1);
  });
  return out;
}

describe('documents that leave the office (DOMAIN §12)', () => {
  let core: Core & { dir: string };
  const normative = normativeSeeds();
  const recon = reconsiderationSeeds();
  const lit = litigationSeeds();

  beforeAll(async () => {
    core = await tempCore();
    await call(core, 'settings.update', { patch: { 单位名称: UNIT } });
    for (const [kind, rows] of [
      ['normative', normative],
      ['reconsideration', recon],
      ['litigation', lit],
    ] as const) {
      const r = await call(core, 'ledger.import', { kind, rows });
      expect(r.errors, JSON.stringify(r.errors)).toEqual([]);
    }
  });
  afterAll(() => core.close());

  /** The 目录 the seeds should give: filed (earlier date) in the period, by filing date then 公布日期. */
  const expectedCatalogue = (s: string, e: string) =>
    normative
      .map((r) => ({ r, filed: earliestFiling(r as never) }))
      .filter((x) => x.filed && x.filed >= s && x.filed <= e)
      .sort((a, b) => (a.filed! < b.filed! ? -1 : a.filed! > b.filed! ? 1 : 0))
      .map(({ r, filed }, i) => [
        String(i + 1),
        String(r.title),
        String(r.docNo ?? ''),
        r.level === '政府规范性文件' ? UNIT : String(r.drafter),
        String(r.publishedOn),
        filed!,
      ]);

  it('备案目录 of a quarter as .docx: the documents filed in it, in the GB/T 9704 ledger table', async () => {
    const r = await call(core, 'outgoing.catalogue', { year: 2025, quarter: 1, format: 'docx' });
    const want = expectedCatalogue('2025-01-01', '2025-03-31');
    expect(want.length).toBeGreaterThan(1);
    expect(r.count).toBe(want.length);
    expect(r.fileName).toBe(`${UNIT}2025年第一季度规范性文件备案目录.docx`);
    const bytes = Buffer.from(r.content, 'base64');
    fs.writeFileSync(path.join(core.dir, r.fileName), bytes);
    const { xml, rows } = await docxTable(bytes);
    expect(xml).toContain(`${UNIT}2025年第一季度规范性文件备案目录`);
    expect(rows[0]).toEqual(['序号', '文件名称', '文号', '制定机关', '公布日期', '报备日期']);
    expect(rows.slice(1)).toEqual(want);
    // the ledger table's look: the header row repeated on every page, 黑体 header
    expect(xml).toMatch(/<w:tblHeader\/>/);
  });

  it('备案目录 of the year as .xlsx: the same rows, 序号 a number', async () => {
    const r = await call(core, 'outgoing.catalogue', { year: 2025, format: 'xlsx' });
    const want = expectedCatalogue('2025-01-01', '2025-12-31');
    expect(r.count).toBe(want.length);
    const rows = await sheetRows(Buffer.from(r.content, 'base64'));
    expect(rows[0]).toEqual(['序号', '文件名称', '文号', '制定机关', '公布日期', '报备日期']);
    expect(rows.slice(1)).toEqual(want.map((w) => [Number(w[0]), ...w.slice(1)]));
  });

  it('the 行政复议 form: numbered columns from the setting, figures of the seeded rows, a failed check naming its numbers', async () => {
    const r = await call(core, 'outgoing.statsForm', { year: 2025, kind: 'reconsideration', file: true });
    const in2025 = recon.filter((x) => String(x.receivedOn).startsWith('2025'));
    const accepted = recon.filter((x) => String(x.acceptedOn ?? '').startsWith('2025')).length;
    const refused = in2025.filter((x) => x.intake === '不予受理').length;
    const other = in2025.filter((x) => x.intake !== '受理' && x.intake !== '不予受理').length;
    const closed = recon.filter((x) => String(x.closedOn ?? '').startsWith('2025'));
    const byCol = (item: string, part: string | null) => r.form.columns.find((c) => c.item === item && c.part === part)!;
    expect(byCol('新收', null).value).toBe(in2025.length);
    expect(byCol('其中复议前置', null).value).toBe(in2025.filter((x) => x.mandatory).length);
    for (const t of PARTY_TYPES) expect(byCol('申请人类型', t).value).toBe(in2025.filter((x) => x.applicantType === t).length);
    expect(byCol('受理', null).value).toBe(accepted);
    expect(byCol('不予受理', null).value).toBe(refused);
    expect(byCol('审结', '合计').value).toBe(closed.length);
    for (const d of DISPOSITIONS) expect(byCol('审结', d).value).toBe(closed.filter((x) => x.disposition === d).length);
    expect(r.form.columns.map((c) => c.no)).toEqual(r.form.columns.map((_, i) => i + 1));

    // the 2024 case accepted in 2025 unbalances 新收 = 受理 + 不予受理 + 其他, and the warning names the numbers
    const [intake, closing] = r.form.checks;
    expect(intake.ok).toBe(false);
    expect(intake.text).toContain(`新收 ${in2025.length} ≠ 受理 ${accepted} + 不予受理 ${refused} + 其他 ${other}`);
    expect(intake.text).toContain(`相差 ${Math.abs(in2025.length - accepted - refused - other)}`);
    expect(closing.ok).toBe(true);

    // the .xlsx: title, 栏次 1..n, the figures under them, the checks below
    const rows = await sheetRows(Buffer.from(r.content!, 'base64'));
    expect(rows[0][0]).toBe(`${UNIT}2025年度行政复议案件统计表`);
    expect(rows[3]).toEqual(['栏次', ...r.form.columns.map((c) => c.no)]);
    expect(rows[4]).toEqual([UNIT, ...r.form.columns.map((c) => c.value)]);
    expect(rows[1][0]).toBe('填报单位');
    // a group item over its parts: 申请人类型 heads the first of its columns, its parts under it
    const first = r.form.columns.find((c) => c.item === '申请人类型')!.no;
    expect(rows[1][first]).toBe('申请人类型');
    expect(rows[2].slice(first, first + PARTY_TYPES.length)).toEqual([...PARTY_TYPES]);
    const flat = rows.flat().map(String);
    expect(flat.some((t) => t.startsWith('不平') && t.includes(intake.text))).toBe(true);
  });

  it('a closed case without 审结方式 fails 审结 = Σ 审结方式', async () => {
    // written under the checks (an old import could hold one): straight into the file, as such data would be
    core.db.prepare(`UPDATE reconsideration SET "disposition" = NULL WHERE "caseNo" = ?`).run(String(recon.find((x) => x.disposition)!.caseNo));
    try {
      const r = await call(core, 'outgoing.statsForm', { year: 2025, kind: 'reconsideration' });
      expect(r.content).toBeUndefined();
      const check = r.form.checks[1];
      const closed = recon.filter((x) => String(x.closedOn ?? '').startsWith('2025')).length;
      expect(check.ok).toBe(false);
      expect(check.text).toContain(`审结 ${closed} ≠`);
      expect(check.text).toContain('相差 1');
    } finally {
      const row = recon.find((x) => x.disposition)!;
      core.db.prepare(`UPDATE reconsideration SET "disposition" = ? WHERE "caseNo" = ?`).run(String(row.disposition), String(row.caseNo));
    }
  });

  it('the 行政应诉 form; the columns follow the setting, in its order; a wrong column name is refused', async () => {
    await call(core, 'settings.update', { patch: { 'statsForm.litigationColumns': '败诉、审级、新收' } });
    const r = await call(core, 'outgoing.statsForm', { year: 2025, kind: 'litigation', file: true });
    const closed = lit.filter((x) => x.closedOn);
    const lost = closed.filter((x) => x.closure === '判决' && x.judgment === '撤销').length;
    expect(r.form.columns.map((c) => [c.no, c.item, c.part, c.value])).toEqual([
      [1, '败诉', null, lost],
      [2, '审级', '一审', lit.filter((x) => x.instance === '一审').length],
      [3, '审级', '二审', lit.filter((x) => x.instance === '二审').length],
      [4, '审级', '再审', lit.filter((x) => x.instance === '再审').length],
      [5, '新收', null, lit.length],
    ]);
    expect(r.form.checks.every((c) => c.ok)).toBe(true);
    const rows = await sheetRows(Buffer.from(r.content!, 'base64'));
    expect(rows[1].slice(0, 3)).toEqual(['填报单位', '败诉', '审级']);
    expect(rows[4]).toEqual([UNIT, ...r.form.columns.map((c) => c.value)]);
    const e = await callFail(core, 'settings.update', { patch: { 'statsForm.litigationColumns': '新收、胜诉' } });
    expect(e.message).toContain('行政应诉案件统计表的栏目“胜诉”不存在');
  });

  it('清理 per 清理类型: every `规范性文件.清理.<类型>.<状态>` of the seeds, summing to the §8 totals', async () => {
    const m = await call(core, 'stats.year', { year: 2025 });
    const cleaned = (y: string) => normative.filter((x) => String(x.cleanupOn ?? '').startsWith(y));
    let sum = 0;
    for (const t of CLEANUP_TYPES) {
      for (const o of CLEANUP_OUTCOMES) {
        const key = `规范性文件.清理.${t}.${o.name}`;
        expect(METRIC_KEYS).toContain(key);
        const n = (y: string) => cleaned(y).filter((x) => x.cleanupType === t && (o.statuses as readonly string[]).includes(String(x.status))).length;
        expect(m.values[key], key).toEqual({ value: n('2025'), text: String(n('2025')) });
        expect(m.values[`上年.${key}`].value, key).toBe(n('2024'));
        sum += n('2025');
      }
    }
    expect(sum).toBe(cleaned('2025').length);
    expect(['保留', '修改', '废止', '失效'].reduce((s, k) => s + m.values[`规范性文件.清理${k}件数`].value!, 0)).toBe(sum);

    // and a report placeholder: a 公平竞争审查 clean-up reported apart from the regular one
    const fair = m.values['规范性文件.清理.公平竞争审查.废止'].text;
    const p = await call(core, 'report.preview', {
      year: 2025,
      variant: 'formal',
      template: '# 一、规范性文件\n公平竞争审查清理废止文件{{规范性文件.清理.公平竞争审查.废止}}件。',
    });
    expect(p.unknownKeys).toEqual([]);
    expect(p.blocks.map((b) => b.text)).toContain(`公平竞争审查清理废止文件${fair}件。`);
  });

  it('the command line: catalogue and stats-form write the files and print the checks', () => {
    const db = core.file;
    const outDoc = path.join(core.dir, '目录.docx');
    const a = fazhi('catalogue', '--db', db, '--year', '2025', '--quarter', '2', '--out', outDoc);
    expect(a.code, a.err).toBe(0);
    expect(a.err).toContain(`已导出备案目录 ${expectedCatalogue('2025-04-01', '2025-06-30').length} 件`);
    expect(fs.readFileSync(outDoc).subarray(0, 2).toString()).toBe('PK');
    const outXlsx = path.join(core.dir, '表.xlsx');
    const b = fazhi('stats-form', '--db', db, '--year', '2025', '--kind', 'reconsideration', '--out', outXlsx);
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/不平衡：新收 \d+ ≠ 受理/);
    expect(fs.existsSync(outXlsx)).toBe(true);
    const bad = fazhi('catalogue', '--db', db, '--year', '2025', '--quarter', '5', '--out', outDoc);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('季度应为 1 至 4');
  });
});
