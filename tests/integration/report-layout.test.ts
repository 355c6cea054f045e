// The year-end report as a director reads it: generated for a seeded district year and for an office in its first
// year, converted to PDF by LibreOffice and checked from the PDF's text positions (tests/helpers/pdf-layout.ts):
// no page with only the signature, captions with their tables, no one-character title line, no number broken
// across lines; and in its words: the four required sections numbered 一二三四, no 未填写, no 同比 against a year
// the office never logged. Each conversion takes seconds, so there are three documents in all.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { reportDocx, titleLines } from '../../electron/core/report/docx';
import { seedDatabase } from '../../scripts/seed';
import { call, tempDir } from '../helpers/db';
import { docxToPdf, layoutFaults, pdfLines, type PdfLine } from '../helpers/pdf-layout';

const DATE = '2026-02-05';
const UNIT = '清河县人民政府';

async function documentParagraphs(base64: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

function render(dir: string, name: string, base64: string): PdfLine[] {
  const file = path.join(dir, `${name}.docx`);
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return pdfLines(docxToPdf(file, dir));
}

/** The 一级 headings of the body, in order. */
const h1s = (paras: string[]) => paras.filter((p) => /^[一二三四五六七八九十]+、/.test(p));

describe('a seeded district year', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = tempDir('fazhi-layout-');
    await seedDatabase(path.join(dir, 'd.db'), { years: [2023, 2025], scale: 0.5, today: '2026-01-20' });
    core = await openCore(path.join(dir, 'd.db'), { actor: '测试' });
    await call(core, 'settings.update', { patch: { 单位名称: UNIT, 主送机关: '县委、县人大常委会:' } });
  }, 120_000);
  afterAll(() => core.close());

  it('carries its figures in four numbered sections, one colon after 主送机关, no 未填写, and lays out cleanly', async () => {
    const r = await call(core, 'report.generate', { year: 2025, variant: 'formal', date: DATE });
    const paras = await documentParagraphs(r.content);
    expect(paras).toContain('县委、县人大常委会：');
    expect(h1s(paras).map((h) => h.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、'].slice(0, h1s(paras).length));
    expect(h1s(paras).length).toBeGreaterThanOrEqual(4);
    const all = paras.join('\n');
    expect(all).not.toContain('未填写“行为类别”\n'); // the note names the field; no table row is 未填写
    for (const p of paras) expect(p.startsWith('未填写')).toBe(false);
    // 同比 in a sentence is in words, never a sign
    expect(all).not.toMatch(/同比[+−-]/);
    // the figures are the ledger's: the statistics say the same number
    const stats = await call(core, 'stats.year', { year: 2025 });
    expect(all).toContain(`全年收到行政复议申请${stats.values['行政复议.收案数'].text}件`);
    expect(all).toContain(`尚有${stats.values['行政复议.在办数'].text}件行政复议案件正在审理`);
    // the readiness list gives the same 在办数, in cases
    const ready = await call(core, 'report.readiness', { year: 2025 });
    expect(ready.openCases.find((c) => c.kind === 'reconsideration')?.count).toBe(stats.values['行政复议.在办数'].value);

    const lines = render(dir, 'district', r.content);
    expect(layoutFaults(lines, { signer: UNIT, date: '2026年2月5日' })).toEqual([]);
  }, 180_000);
});

describe('an office in its first year (only 2025 logged), without its material written', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = tempDir('fazhi-layout-');
    await seedDatabase(path.join(dir, 'f.db'), { years: [2025, 2025], scale: 0.1, today: '2026-01-20' });
    core = await openCore(path.join(dir, 'f.db'), { actor: '测试' });
    await call(core, 'settings.update', { patch: { 单位名称: UNIT } });
    for (const name of ['存在的不足和原因', '第一责任人履职情况', '下一年度工作安排', '其他需要报告的事项'])
      await call(core, 'materials.set', { year: 2025, name, content: '' });
  }, 120_000);
  afterAll(() => core.close());

  it('keeps 二、三、四 as highlighted 待填写 paragraphs, states no 上年 or 同比, shows — for 2024, and lays out cleanly', async () => {
    const r = await call(core, 'report.generate', { year: 2025, variant: 'web', date: DATE });
    const paras = await documentParagraphs(r.content);
    expect(h1s(paras).map((h) => h.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、']);
    expect(paras.filter((p) => p.startsWith('待填写：')).length).toBeGreaterThanOrEqual(2);
    const body = paras.slice(0, paras.indexOf('附件'));
    expect(body.join('')).not.toMatch(/上年|同比/);
    // the annex: 2024 is — and no 同比 in any row of the metric tables
    const zip = await JSZip.loadAsync(Buffer.from(r.content, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]));
    const metricRows = rows.filter((c) => c.length === 4 && c[0] !== '项目');
    expect(metricRows.length).toBeGreaterThan(20);
    for (const c of metricRows) {
      expect(c[2], c[0]).toBe('—');
      expect(c[3], c[0]).toBe('—');
    }
    // the CLI and the panel name the sections first
    const ready = await call(core, 'report.readiness', { year: 2025 });
    expect(ready.sectionsToFill.map((s) => s.heading.slice(0, 2))).toEqual(expect.arrayContaining(['二、', '四、']));

    const lines = render(dir, 'first', r.content);
    expect(layoutFaults(lines, { signer: UNIT, date: '2026年2月5日' })).toEqual([]);
    // the website title (20 characters: one too many for a line of 二号) is set in two balanced lines
    const first = lines.filter((l) => l.page === 1);
    const bodyHeight = [...first.map((l) => l.height)].sort((a, b) => a - b)[Math.floor(first.length / 2)];
    const title = first.slice(
      0,
      first.findIndex((l) => l.height <= bodyHeight * 1.2),
    );
    expect(title.map((l) => l.text)).toEqual(titleLines(`${UNIT}2025年法治政府建设年度报告`));
    expect(title.length).toBe(2);
  }, 180_000);
});

describe('a body that ends at the foot of a page', () => {
  it('takes its last lines to the signature page rather than leave the signature alone', async () => {
    // 16 one-line paragraphs under a two-line title fill the first page but for the signature and date (found by
    // rendering: without the keep-with-next chain the signature and date stood alone on page 2)
    const blocks = Array.from({ length: 16 }, (_, i) => ({ kind: 'p' as const, text: `第${i + 1}段正文，一行写完。` }));
    const bytes = await reportDocx({ title: `${UNIT}2025年法治政府建设年度报告`, blocks, signer: UNIT, date: '2026年2月5日' });
    const dir = tempDir('fazhi-layout-');
    const lines = render(dir, 'edge', bytes.toString('base64'));
    expect(Math.max(...lines.map((l) => l.page))).toBe(2);
    expect(layoutFaults(lines, { signer: UNIT, date: '2026年2月5日' })).toEqual([]);
  }, 120_000);
});

describe('numbers are not broken across lines', () => {
  it('keeps figures whole wherever they fall at a line end (Latin text marked en-US)', async () => {
    // each paragraph moves the figures one character further along the line, so some reach every line end; with
    // Latin text marked zh-CN LibreOffice broke 7 of them ("53/745.25", "26./67%", "18/43条")
    const fill = '法治政府建设各项工作稳步推进依法履行政府职能围绕中心服务大局';
    const blocks = Array.from({ length: 26 }, (_, i) => ({
      kind: 'p' as const,
      text: `${fill.slice(0, i)}审核意见1843条，按时报备率26.67%，标的总额53745.25万元，${fill}。`,
    }));
    const bytes = await reportDocx({ title: `${UNIT}报告`, blocks, signer: UNIT, date: '2026年2月5日' });
    const lines = render(tempDir('fazhi-layout-'), 'numbers', bytes.toString('base64'));
    expect(layoutFaults(lines, { signer: UNIT, date: '2026年2月5日' })).toEqual([]);
  }, 120_000);
});

describe('the layout checker', () => {
  const line = (page: number, y: number, text: string, o: Partial<PdfLine> = {}): PdfLine => ({ page, y, x0: 80, x1: 500, height: 16, text, ...o });
  it('finds each fault it is there for', () => {
    const sig = { signer: UNIT, date: '2026年2月5日' };
    expect(layoutFaults([line(1, 100, '正文一行。'), line(2, 100, UNIT), line(2, 130, '2026年2月5日')], sig)).toContain('第2页只有署名和日期');
    expect(layoutFaults([line(1, 700, '表1　行政复议案件办理情况'), line(2, 100, '项目', { x1: 200 }), line(2, 100, '2025年', { x0: 300 })], sig)).toContain(
      '“表1　行政复议案件办理情况”与表格不在同一页（第1页）',
    );
    const t = [
      line(1, 50, '清河县人民政府2025年法治政府建设年度报', { height: 24 }),
      line(1, 80, '告', { height: 24, x1: 110 }),
      ...[1, 2, 3].map((i) => line(1, 100 + i * 30, `正文第${i}行`)),
    ];
    expect(layoutFaults(t, sig)).toContain('标题有一行只有一个字“告”（第1页）');
    expect(layoutFaults([line(1, 100, '审核意见1'), line(1, 129, '84条。')], sig)).toContain('数字跨行：“审核意见1/84条。”（第1页）');
    // two rows of a table are not a broken number
    expect(
      layoutFaults(
        [
          line(1, 100, '审核件数', { x1: 200 }),
          line(1, 100, '46', { x0: 300, x1: 320 }),
          line(1, 120, '意见条数', { x1: 200 }),
          line(1, 120, '250', { x0: 300, x1: 320 }),
        ],
        sig,
      ).filter((f) => f.startsWith('数字跨行')),
    ).toEqual([]);
  });
});
