// The command line as a user runs it: a real child process, real files, exit codes and Chinese messages.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../electron/domain/metrics';
import { fazhi } from '../helpers/cli';
import { call, tempCore, tempDir } from '../helpers/db';

async function dbWithCases(): Promise<string> {
  const core = await tempCore();
  const mk = (kind: 'litigation', values: Record<string, unknown>) => call(core, 'ledger.create', { kind, values });
  // 24 cases in 2025, 21 with the head appearing in court → 87.5% (DOMAIN.md's example)
  for (let i = 1; i <= 24; i++) {
    await mk('litigation', {
      caseNo: `(2025)X行初${i}号`,
      instance: '一审',
      plaintiff: `原告${i}`,
      defendant: '县政府',
      receivedOn: '2025-03-03',
      hearings: 1,
      headHearings: i <= 21 ? 1 : 0,
    });
  }
  await mk('litigation', { caseNo: '(2024)X行初1号', instance: '一审', plaintiff: '甲', defendant: '县政府', receivedOn: '2024-03-04' });
  const file = core.file;
  core.close();
  return file;
}

describe('fazhi stats', () => {
  it('--json prints every metric key, indicators and last year, each {value, text} without unit words', async () => {
    const db = await dbWithCases();
    const r = fazhi('stats', '--db', db, '--year', '2025', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Record<string, { value: number | null; text: string }>;
    for (const k of METRIC_KEYS) {
      expect(j[k], k).toBeDefined();
      expect(j[`上年.${k}`], `上年.${k}`).toBeDefined();
    }
    expect(j['指标.常务会议学法次数']).toEqual({ value: null, text: '—' });
    expect(j['行政应诉.出庭率']).toEqual({ value: 87.5, text: '87.5%' });
    expect(j['行政应诉.收案数']).toEqual({ value: 24, text: '24' });
    expect(j['上年.行政应诉.收案数']).toEqual({ value: 1, text: '1' });
    // no 行政复议 row at all in this file: the ledger is not in use, so its figures are no data, not 0
    expect(j['行政复议.复议诉讼收案比']).toEqual({ value: null, text: '—' });
    expect(j['行政复议.收案数']).toEqual({ value: null, text: '—' });
    expect(Object.values(j).every((v) => !/[件条万元]/.test(v.text))).toBe(true);
    expect(Object.keys(j).some((k) => k.startsWith('同比.'))).toBe(false);
  });

  it('prints a readable table without --json', async () => {
    const db = await dbWithCases();
    const r = fazhi('stats', '--db', db, '--year', '2025');
    expect(r.code).toBe(0);
    expect(r.out).toContain('行政应诉.出庭率\t87.5%');
  });
});

describe('fazhi settings, check, backup', () => {
  it('sets and prints settings; a bad value is a data error', async () => {
    const db = await dbWithCases();
    const ok = fazhi('settings', '--db', db, '--set', '单位名称=某某县人民政府', '--set', 'litigation.appearanceBase=开庭次数');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('单位名称=某某县人民政府');
    expect(fazhi('stats', '--db', db, '--year', '2025', '--json').out).toContain('"text": "87.5%"');
    const bad = fazhi('settings', '--db', db, '--set', 'normative.reviewWorkdays=30');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('应在 5 至 15 之间');
  });

  it('check passes on a good file and fails on a damaged one', async () => {
    const db = await dbWithCases();
    expect(fazhi('check', '--db', db).code).toBe(0);
    const junk = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    const r = fazhi('check', '--db', junk);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/损坏|不是/);
  });

  it('backup writes one verified, self-contained file and never overwrites', async () => {
    const db = await dbWithCases();
    const out = path.join(tempDir(), '备份.db');
    const r = fazhi('backup', '--db', db, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('行政应诉 25');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['备份.db']);
    expect(fazhi('check', '--db', out).code).toBe(0);
    expect(fazhi('backup', '--db', db, '--out', out).code).toBe(1);
  });
});

describe('usage errors', () => {
  it('exit 2 with a Chinese message', () => {
    for (const args of [
      [],
      ['nope'],
      ['stats', '--db', 'x.db'],
      ['stats', '--db', 'x.db', '--year', '25'],
      ['export', '--db', 'x.db', '--kind', 'bad', '--out', 'a.xlsx'],
      ['stats', '--what'],
    ]) {
      const r = fazhi(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a missing data file is a data error, and is not created', () => {
    const f = path.join(tempDir(), '没有.db');
    const r = fazhi('stats', '--db', f, '--year', '2025');
    expect(r.code).toBe(1);
    expect(fs.existsSync(f)).toBe(false);
  });
});

/** The paragraphs of a .docx as plain text (runs joined), from the bytes on disk. */
async function docxParagraphs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .filter(Boolean);
}

describe('fazhi report', () => {
  it('writes the year-end report as .docx with the figures of the data file', async () => {
    const db = await dbWithCases();
    expect(fazhi('settings', '--db', db, '--set', '单位名称=某某县人民政府', '--set', '主送机关=县委、县人大常委会：').code).toBe(0);
    const out = path.join(tempDir(), '报告', '2025年报告.docx');
    const r = fazhi('report', '--db', db, '--year', '2025', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('已生成2025年度报告');
    // the required sections without material are warned about on stderr, and stand in the report as 待填写
    expect(r.err).toContain('警告：“二、存在的不足和原因”尚无内容');
    expect(r.err).toContain('警告：“四、2026年推进法治政府建设的主要安排”尚无内容');
    const paras = await docxParagraphs(out);
    expect(paras[0]).toContain('某某县人民政府');
    expect(paras[0]).toContain('2025年');
    expect(paras).toContain('县委、县人大常委会：');
    // 24 first-instance cases in 2025 (1 in 2024); the head appeared in 21 → 87.5%
    const text = paras.join('\n');
    expect(text).toContain('全年办理行政应诉案件24件（上年1件）');
    expect(text).toContain('负责人出庭应诉21件、21次，出庭率87.5%');
    expect(text).not.toMatch(/\{\{|\}\}|\[\[|\]\]/);
    // a ledger with no cases in the year has no sentence: nothing about reconsideration figures
    expect(text).not.toMatch(/行政复议案件0件/);

    const web = path.join(tempDir(), 'web.docx');
    expect(fazhi('report', '--db', db, '--year', '2025', '--variant', 'web', '--out', web).code).toBe(0);
    expect(await docxParagraphs(web)).not.toContain('县委、县人大常委会：');
  });

  it('usage errors exit 2, a template with an unknown key exits 1 naming it', async () => {
    const db = await dbWithCases();
    const dir = tempDir();
    const bad = fazhi('report', '--db', db, '--year', '2025', '--variant', 'draft', '--out', path.join(dir, 'a.docx'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('未知的文本类型“draft”');
    expect(fazhi('report', '--db', db, '--year', '2025', '--out', path.join(dir, 'a.pdf')).code).toBe(2);
    expect(fazhi('report', '--db', db, '--out', path.join(dir, 'a.docx')).code).toBe(2);

    // a Word template written by the office, one placeholder unknown
    const zip = await JSZip.loadAsync(fs.readFileSync(await wordTemplate(['{{单位名称}}{{年度}}年应诉{{行政应诉.收案数}}件', '{{行政应诉.不存在的数}}'])));
    const tpl = path.join(dir, '模板.docx');
    fs.writeFileSync(tpl, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = fazhi('report', '--db', db, '--year', '2025', '--template', tpl, '--out', path.join(dir, 'b.docx'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('行政应诉.不存在的数');
    expect(fs.existsSync(path.join(dir, 'b.docx'))).toBe(false);

    const good = path.join(dir, '模板2.docx');
    fs.writeFileSync(good, fs.readFileSync(await wordTemplate(['{{单位名称}}{{年度}}年应诉{{行政应诉.收案数}}件'])));
    // no 单位名称 set in this file: nothing is generated ("（单位名称）关于…" must not leave the office)
    const noUnit = fazhi('report', '--db', db, '--year', '2025', '--template', good, '--out', path.join(dir, 'c.docx'));
    expect(noUnit.code).toBe(1);
    expect(noUnit.err).toContain('尚未设置单位名称');
    expect(fs.existsSync(path.join(dir, 'c.docx'))).toBe(false);
    expect(fazhi('settings', '--db', db, '--set', '单位名称=某某县司法局').code).toBe(0);
    const ok = fazhi('report', '--db', db, '--year', '2025', '--template', good, '--out', path.join(dir, 'c.docx'));
    expect(ok.code, ok.err).toBe(0);
    expect(await docxParagraphs(path.join(dir, 'c.docx'))).toContain('某某县司法局2025年应诉24件');
  });
});

describe('fazhi export to Word', () => {
  it('writes a ledger as a landscape Word table with a row per case', async () => {
    const db = await dbWithCases();
    const out = path.join(tempDir(), '应诉.docx');
    const r = fazhi('export', '--db', db, '--kind', 'litigation', '--year', '2025', '--out', out);
    expect(r.code, r.err).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('w:orient="landscape"');
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(25); // header + 24 cases of 2025
    expect(xml).toMatch(/[（(]2025[）)]X行初24号/);
  });
});

/** A minimal .docx with one paragraph per line, made with the docx package as Word would save it. */
async function wordTemplate(lines: string[]): Promise<string> {
  const { Document, Packer, Paragraph, TextRun } = await import('docx');
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  const file = path.join(tempDir(), 'tpl.docx');
  fs.writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}
