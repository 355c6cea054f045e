// The year-end report on real files: the template language, the generated .docx parsed back (GB/T 9704 page,
// fonts on every run, footers, figures against hand-counted data), a Word template split into runs the way
// Word saves it, the ledger as a Word table, and a conversion to PDF by LibreOffice.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { dispatch } from '../../electron/core/api/dispatch';
import { statTables } from '../../electron/core/report';
import { changeInWords } from '../../electron/core/report/values';
import {
  checkTemplate,
  fillLine,
  recipientLine,
  renderTemplate,
  scanTemplate,
  templateKeys,
  tidyPunctuation,
  type ReportValues,
} from '../../electron/domain/report';
import { fillDocx } from '../../electron/core/report/fill-docx';
import { call, callFail, tempCore, tempDir } from '../helpers/db';
import { layoutFaults, pdfLines } from '../helpers/pdf-layout';

const v = (text: string, figure?: number | null): { text: string; figure?: number | null } => ({ text, figure });

describe('template language', () => {
  const values: ReportValues = {
    收案: v('3', 3),
    听证: v('0', 0),
    调解: v('—', null),
    上年收案: v('5', 5),
    '同比.收案': v('−2件'),
    甲: v('2', 2),
    乙: v('0', 0),
    单位名称: v('某某县人民政府'),
    '素材.亮点': v('第一段。\n\n第二段。'),
  };
  const fill = (line: string) => {
    const unknown = new Set<string>();
    return { text: fillLine(line, values, unknown), unknown: [...unknown] };
  };

  it('fills placeholders and keeps a block whose figures are not all zero', () => {
    expect(fill('{{单位名称}}全年收案{{收案}}件。').text).toBe('某某县人民政府全年收案3件。');
    expect(fill('[[收案{{收案}}件，]][[听证{{听证}}件，]]均已办结。').text).toBe('收案3件，均已办结。');
  });

  it('drops a block whose figures are all zero or missing, and tidies the marks it leaves', () => {
    expect(fill('[[收案{{收案}}件，]][[听证{{听证}}件。]]').text).toBe('收案3件。');
    expect(fill('[[调解{{调解}}件，]][[收案{{收案}}件。]]').text).toBe('收案3件。');
    expect(fill('[[听证{{听证}}件、]][[调解{{调解}}件。]]').text).toBe('');
  });

  it('同比 describes a figure and does not count as one', () => {
    expect(fill('[[听证{{听证}}件（{{同比.收案}}）。]]').text).toBe('');
    expect(fill('[[收案{{收案}}件（{{同比.收案}}）。]]').text).toBe('收案3件（−2件）。');
  });

  it('nested blocks decide for themselves; a block made only of blocks stands if one of them does', () => {
    expect(fill('[[全年{{收案}}件[[（上年{{听证}}件）]]，]]').text).toBe('全年3件。');
    expect(fill('[[全年{{收案}}件[[（上年{{上年收案}}件）]]，]]').text).toBe('全年3件（上年5件）。');
    expect(fill('[[其中[[甲{{甲}}件、]][[乙{{乙}}件]]]]').text).toBe('其中甲2件。');
    expect(fill('[[其中[[乙{{乙}}件、]][[听证{{听证}}件]]]]').text).toBe('');
  });

  it('an unknown key is collected, never a silent blank', () => {
    const r = fill('共{{行政复议.不存在}}件');
    expect(r.unknown).toEqual(['行政复议.不存在']);
    expect(r.text).toContain('{{行政复议.不存在}}');
  });

  it('punctuation left by dropped clauses is tidied', () => {
    expect(tidyPunctuation('听证3件、。')).toBe('听证3件。');
    expect(tidyPunctuation('，收案3件，；审结2件，')).toBe('收案3件；审结2件。');
    expect(tidyPunctuation('收案3件（）。')).toBe('收案3件。');
  });

  it('renders headings, paragraphs and materials; a heading with nothing under it is left out', () => {
    const src = [
      '// 注释行不出现',
      '# 一、情况',
      '## （一）复议',
      '[[收案{{收案}}件。]]',
      '## （二）听证',
      '[[听证{{听证}}件。]]',
      '# 二、亮点',
      '{{素材.亮点}}',
    ].join('\n');
    const r = renderTemplate(src, values);
    expect(r.unknownKeys).toEqual([]);
    expect(r.blocks).toEqual([
      { kind: 'h1', text: '一、情况' },
      { kind: 'h2', text: '（一）复议' },
      { kind: 'p', text: '收案3件。' },
      { kind: 'h1', text: '二、亮点' },
      { kind: 'p', text: '第一段。' },
      { kind: 'p', text: '第二段。' },
    ]);
  });

  it('renumbers headings after empty ones are left out, and keeps a 待填写 line only where its section is empty', () => {
    const src = [
      '# 一、情况',
      '[[听证{{听证}}件。]]',
      '# 二、复议',
      '## （一）听证',
      '[[听证{{听证}}件。]]',
      '## （二）收案',
      '[[收案{{收案}}件。]]',
      '# 三、不足',
      '{{素材.不足}}',
      '!! 写明不足',
      '# 四、亮点',
      '{{素材.亮点}}',
      '!! 写明亮点',
    ].join('\n');
    const r = renderTemplate(src, { ...values, '素材.不足': v('') });
    expect(r.blocks).toEqual([
      { kind: 'h1', text: '一、复议' },
      { kind: 'h2', text: '（一）收案' },
      { kind: 'p', text: '收案3件。' },
      { kind: 'h1', text: '二、不足' },
      { kind: 'p', text: '待填写：写明不足', todo: true },
      { kind: 'h1', text: '三、亮点' },
      { kind: 'p', text: '第一段。' },
      { kind: 'p', text: '第二段。' },
    ]);
  });

  it('the 主送机关 line ends in exactly one full-width colon, however it was typed', () => {
    for (const typed of ['县委、县人大常委会', '县委、县人大常委会：', '县委、县人大常委会:', '县委、县人大常委会：：', ' 县委、县人大常委会： '])
      expect(recipientLine(typed)).toBe('县委、县人大常委会：');
    expect(recipientLine('')).toBe('');
  });

  it('checks a template for the user, naming the line', () => {
    const problems = checkTemplate(['正常{{收案}}', '[[少一个括号{{收案}}件', '{{没有这个键}}', '{{收案}'].join('\n'), (k) => k in values);
    expect(problems).toEqual([
      { line: 2, message: '条件块的 [[ 与 ]] 不成对' },
      { line: 3, message: '未知的占位符“{{没有这个键}}”' },
      { line: 4, message: '占位符的 {{ 与 }} 不成对' },
    ]);
  });
});

// ── the generated report ─────────────────────────────────────────────────────────────────────────────────────

let core: Core;
const DATE = '2026-02-05';

beforeAll(async () => {
  core = await tempCore();
  await call(core, 'settings.update', { patch: { 单位名称: '某某县人民政府', 主送机关: '县委、县人大常委会：' } });
  // 行政应诉 2025: 24 first-instance cases, the head appeared in 21 → 出庭率 87.5%; 2024: one case
  for (let i = 1; i <= 24; i++) {
    await call(core, 'ledger.create', {
      kind: 'litigation',
      values: {
        caseNo: `（2025）X行初${i}号`,
        instance: '一审',
        plaintiff: `原告${i}`,
        defendant: '县政府',
        receivedOn: '2025-03-03',
        hearings: 1,
        headHearings: i <= 21 ? 1 : 0,
      },
    });
  }
  await call(core, 'ledger.create', {
    kind: 'litigation',
    values: { caseNo: '（2024）X行初1号', instance: '一审', plaintiff: '甲', defendant: '县政府', receivedOn: '2024-03-04' },
  });
  // 规范性文件 2025: 4 reviewed, 10 opinions of which 7 adopted
  for (let i = 1; i <= 4; i++) {
    await call(core, 'ledger.create', {
      kind: 'normative',
      values: {
        reviewType: '合法性审核',
        title: `关于规范第${i}项工作的通知`,
        drafter: '县市场监管局',
        receivedOn: '2025-05-06',
        opinions: i <= 2 ? 5 : 0,
        adopted: i === 1 ? 4 : i === 2 ? 3 : 0,
      },
    });
  }
  await call(core, 'materials.set', { year: 2025, name: '工作亮点', content: '建成覆盖县乡村三级的公共法律服务网络。\n\n推行“一案一评查”。' });
});
afterAll(() => core.close());

async function parts(content: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(Buffer.from(content, 'base64'));
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
  return out;
}

describe('last year and the change, per ledger', () => {
  it('a ledger with no row in the year before or earlier has no 上年 and no 同比; one with a row has them', async () => {
    const m = await call(core, 'stats.year', { year: 2025 });
    // 行政应诉: one case in 2024
    expect(m.values['上年.行政应诉.收案数'].text).toBe('1');
    expect(m.values['同比.行政应诉.收案数'].text).toBe('+23件');
    // 规范性文件 and 行政复议: first rows in 2025 (or none): no data for 2024, not 0
    for (const k of ['规范性文件.审核件数', '规范性文件.审核意见条数', '行政复议.收案数', '行政复议.在办数', '行政复议.复议诉讼收案比']) {
      expect(m.values[`上年.${k}`].text, k).toBe('—');
      expect(m.values[`同比.${k}`].text, k).toBe('—');
    }
    // a sentence says the change in words; the tables keep the sign
    expect(changeInWords('+23件')).toBe('增加23件');
    expect(changeInWords('−1.5个百分点')).toBe('减少1.5个百分点');
    expect(changeInWords('持平')).toBe('持平');
    const keys = await call(core, 'report.keys', { year: 2025 });
    expect(keys.keys.find((k) => k.key === '同比.行政应诉.收案数')?.text).toBe('增加23件');
  });
});

describe('the statistics attachment and rows lacking a field', () => {
  it('leaves out a distribution whose rows all lack the field; otherwise notes them under the table', () => {
    const dist = (rows: { name: string; count: number }[]) => ({
      key: '行政复议.行为类别',
      label: '行政复议案件行为类别分布',
      basis: '行政复议收案',
      kind: 'reconsideration',
      field: 'actType',
      rows,
    });
    const data = (d: ReturnType<typeof dist>[]) => ({
      year: 2025,
      values: {},
      materials: new Map(),
      metrics: { year: 2025, values: {}, distributions: d, previousDistributions: [] },
    });
    const none = statTables(data([dist([{ name: '未填写', count: 15 }])]));
    expect(none.some((t) => t.title.includes('行为类别分布'))).toBe(false);
    const some = statTables(
      data([
        dist([
          { name: '行政处罚', count: 3 },
          { name: '未填写', count: 2 },
          { name: '行政许可', count: 1 },
        ]),
      ]),
    ).find((t) => t.title.includes('行为类别分布'))!;
    expect(some.rows).toEqual([
      ['行政处罚', '3', '75%'],
      ['行政许可', '1', '25%'],
    ]);
    expect(some.note).toBe('注：另有2件行政复议案件未填写“行为类别”，未计入本表。');
  });

  it('the readiness list counts the rows of the year lacking a counted field, with the query that lists them', async () => {
    const r = await call(core, 'report.readiness', { year: 2025 });
    // the 24 lawsuits of 2025 were entered without 行为类别
    expect(r.unrecorded).toContainEqual({
      kind: 'litigation',
      name: '行政应诉',
      field: 'actType',
      label: '行为类别',
      count: 24,
      query: { year: '2025', actType: '未填写' },
    });
    const listed = await call(core, 'ledger.list', { kind: 'litigation', year: 2025, filters: { actType: null } });
    expect(listed.total).toBe(24);
  });
});

describe('readiness before generating', () => {
  it('lists the empty materials and indicators the template uses, cases open at year end, and sections that will be empty', async () => {
    const r = await call(core, 'report.readiness', { year: 2025 });
    // 工作亮点 is written; the other built-in materials are not (the template's comment lines are not uses)
    expect(r.materialsMissing).toEqual(['存在的不足和原因', '第一责任人履职情况', '下一年度工作安排', '其他需要报告的事项']);
    expect(r.indicatorsMissing.length).toBeGreaterThan(0);
    expect(r.indicatorsMissing.every((n) => !n.includes('{{'))).toBe(true);
    // nothing was closed: the 24 + 1 lawsuits (2025 and 2024) are open at year end — the report's own 在办数, in
    // cases, with the query that lists them (a ledger without a 在办 figure in the report is not counted here)
    const stats = await call(core, 'stats.year', { year: 2025 });
    expect(r.openCases).toEqual([{ kind: 'litigation', name: '行政应诉', count: 25, query: { year: 'all', openAt: '2025-12-31' } }]);
    expect(stats.values['行政应诉.在办数'].value).toBe(25);
    // the link lists those 25 cases: 在办 at the end of 2025 by the statistics' rule (rules-parity.test.ts)
    expect((await call(core, 'ledger.ids', { kind: 'litigation', openAt: '2025-12-31' })).ids).toHaveLength(25);
    // the required sections without material come first, each with what belongs there
    expect(r.sectionsToFill.map((x) => x.heading)).toEqual([
      '二、存在的不足和原因',
      '三、党政主要负责人履行推进法治建设第一责任人职责情况',
      '四、2026年推进法治政府建设的主要安排',
    ]);
    expect(r.sectionsToFill.every((x) => x.note.length > 10)).toBe(true);
    // sections with no figure and no material are named; one with lawsuits or with written material is not, nor a
    // required section (it stands with its 待填写 paragraph)
    expect(r.emptySections).toContain('强化对行政权力的制约和监督');
    expect(r.emptySections).not.toContain('存在的不足和原因');
    expect(r.emptySections).not.toContain('依法化解行政争议');
    expect(r.emptySections).not.toContain('工作亮点');
    await call(core, 'materials.set', { year: 2025, name: '下一年度工作安排', content: '继续推进。' });
    expect((await call(core, 'report.readiness', { year: 2025 })).materialsMissing).not.toContain('下一年度工作安排');
    await call(core, 'materials.set', { year: 2025, name: '下一年度工作安排', content: '' });
  });
});

const paragraphs = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
const textOf = (p: string) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');

describe('the generated report (.docx parsed back)', () => {
  let formal: Record<string, string>;
  let doc: string;
  let paras: string[];
  beforeAll(async () => {
    const r = await call(core, 'report.generate', { year: 2025, variant: 'formal', date: DATE });
    expect(r.fileName).toMatch(/\.docx$/);
    formal = await parts(r.content);
    doc = formal['word/document.xml'];
    paras = paragraphs(doc);
  });

  it('is A4 with the GB/T 9704 margins, zh-CN, even and odd footers', () => {
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    for (const m of doc.matchAll(/<w:pgMar [^>]*>/g)) {
      expect(m[0]).toContain('w:top="2098"');
      expect(m[0]).toContain('w:bottom="1984"');
      expect(m[0]).toContain('w:left="1588"');
      expect(m[0]).toContain('w:right="1474"');
    }
    expect(formal['word/settings.xml']).toContain('<w:evenAndOddHeaders');
    const footers = Object.entries(formal).filter(([n]) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const [, xml] of footers) {
      expect(xml).toMatch(/PAGE/);
      expect(xml).toContain('— ');
      expect(xml).toContain('w:eastAsia="宋体"');
      expect(xml).toContain('w:val="28"');
    }
    // odd pages right, even pages left
    const aligns = new Set(footers.map(([, xml]) => /<w:jc w:val="(\w+)"/.exec(xml)?.[1]));
    expect([...aligns].sort()).toEqual(['left', 'right']);
  });

  it('names an East Asian font on every run that carries text, and no theme fonts', () => {
    const runs = [...doc.matchAll(/<w:r>[\s\S]*?<\/w:r>/g)].map((m) => m[0]).filter((r) => r.includes('<w:t'));
    expect(runs.length).toBeGreaterThan(50);
    for (const r of runs) expect(r, textOf(r)).toMatch(/w:eastAsia="[^"]+"/);
    expect(doc).not.toMatch(/w:(ascii|eastAsia)Theme=/);
  });

  it('sets title, headings and body in their fonts and sizes, with the fixed 28.95 pt line', () => {
    const title = paras.find((p) => textOf(p) === '某某县人民政府关于2025年度法治政府建设情况的报告')!;
    expect(title).toBeDefined();
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const h1 = paras.find((p) => textOf(p).startsWith('一、2025年推进法治政府建设'))!;
    expect(h1).toContain('w:eastAsia="黑体"');
    const h2 = paras.find((p) => textOf(p) === '（四）依法化解行政争议')!;
    expect(h2).toContain('w:eastAsia="楷体_GB2312"');
    const body = paras.find((p) => textOf(p).startsWith('全年办理行政应诉案件'))!;
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/w:line="579" w:lineRule="exact"/);
    expect(body).toMatch(/w:firstLine="640"/);
  });

  it('states every figure as counted from the ledgers, and drops sentences of ledgers without cases', () => {
    const text = paras.map(textOf);
    expect(text).toContain('县委、县人大常委会：');
    expect(text.join('\n')).not.toMatch(/\{\{|\}\}|\[\[|\]\]/);
    expect(text).toContainEqual(expect.stringContaining('全年办理行政应诉案件24件（上年1件），其中一审24件'));
    expect(text).toContainEqual(expect.stringContaining('负责人出庭应诉21件、21次，出庭率87.5%。'));
    expect(text).toContainEqual(expect.stringContaining('全年对规范性文件开展合法性审核4件，'));
    expect(text).toContainEqual(expect.stringContaining('提出审核意见10条，起草单位采纳7条'));
    // no reconsideration, contract or case-file cases in 2025: their sentences are not there, nor their headings' zeros
    expect(text.join('')).not.toMatch(/行政复议申请0件|审查合同0件|案卷0件/);
    // material paragraphs as written
    expect(text).toContain('建成覆盖县乡村三级的公共法律服务网络。');
    expect(text).toContain('推行“一案一评查”。');
    // signature and date
    expect(text).toContain('某某县人民政府');
    expect(text).toContain('2026年2月5日');
  });

  it('the website copy has its own title and no 主送机关', async () => {
    const r = await call(core, 'report.generate', { year: 2025, variant: 'web', date: DATE });
    const text = paragraphs((await parts(r.content))['word/document.xml']).map(textOf);
    expect(text).toContain('某某县人民政府2025年法治政府建设年度报告');
    expect(text).not.toContain('县委、县人大常委会：');
  });

  it('the statistics attachment has tables with explicit widths and a repeated header row', () => {
    expect(paras.map(textOf)).toContain('附件');
    const tables = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) {
      expect(t).toMatch(/<w:tblLayout w:type="fixed"\/>/);
      expect(t).toMatch(/<w:gridCol w:w="\d+"\/>/);
      expect(t).toMatch(/<w:tcW (?=[^>]*w:type="dxa")(?=[^>]*w:w="\d+")[^>]*\/>/);
      expect(t).toContain('<w:tblHeader/>');
    }
  });
});

// ── a Word template as Word saves it ─────────────────────────────────────────────────────────────────────────

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** `{{` | `行政应诉.` | `收案数}}` in three runs with spell-check marks and a bookmark between, the first run bold and red. */
const splitPlaceholder = (before: string, key: [string, string], after: string) =>
  `<w:r><w:rPr><w:b/><w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">${before}{{</w:t></w:r>` +
  `<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/>` +
  `<w:r><w:rPr><w:i/></w:rPr><w:t>${key[0]}</w:t></w:r><w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/>` +
  `<w:r><w:t xml:space="preserve">${key[1]}}}${after}</w:t></w:r>`;

async function wordTemplate(extraBody = ''): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`,
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>` +
      `<w:p>${splitPlaceholder('全年应诉', ['行政应诉.', '收案数'], '件。')}</w:p>` +
      `<w:tbl><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p>${splitPlaceholder('出庭率', ['行政应诉.', '出庭率'], '')}</w:p></w:tc></w:tr></w:tbl>` +
      extraBody +
      `<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr></w:body></w:document>`,
  );
  zip.file(
    'word/header1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${W}><w:p><w:r><w:t>{{单位</w:t></w:r><w:r><w:t>名称}}</w:t></w:r></w:p></w:hdr>`,
  );
  zip.file(
    'word/footer1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${W}><w:p><w:r><w:t>{{</w:t></w:r><w:r><w:t>年度}}年</w:t></w:r></w:p></w:ftr>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('a Word template with placeholders split across runs', () => {
  it('is filled in body, table cell, header and footer; the value takes the first run and its formatting', async () => {
    const content = (await wordTemplate()).toString('base64');
    const check = await call(core, 'report.checkDocx', { year: 2025, content });
    expect(check.unknownKeys).toEqual([]);
    expect(check.keys.sort()).toEqual(['单位名称', '年度', '行政应诉.出庭率', '行政应诉.收案数'].sort());

    const r = await call(core, 'report.generate', { year: 2025, variant: 'formal', templateDocx: content });
    const p = await parts(r.content);
    const doc = p['word/document.xml'];
    expect(doc).not.toContain('{{');
    expect(doc).not.toContain('}}');
    // the value sits in the bold red run; the spilled runs are emptied, the text after the placeholder stays
    expect(doc).toContain('<w:r><w:rPr><w:b/><w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">全年应诉24</w:t></w:r>');
    expect(doc).toContain('<w:t xml:space="preserve">件。</w:t>');
    expect(doc).toContain('<w:t xml:space="preserve">出庭率87.5%</w:t>');
    expect(doc).toContain('<w:proofErr w:type="spellStart"/>');
    expect(textOf(p['word/header1.xml'])).toBe('某某县人民政府');
    expect(textOf(p['word/footer1.xml'])).toBe('2025年');
  });

  it('lists unknown keys before generating, and refuses to generate with them, naming each', async () => {
    const extra = `<w:p><w:r><w:t>{{行政复议.</w:t></w:r><w:r><w:t>没有这个指标}}</w:t></w:r></w:p>`;
    const content = (await wordTemplate(extra)).toString('base64');
    const check = await call(core, 'report.checkDocx', { year: 2025, content });
    expect(check.unknownKeys).toEqual(['行政复议.没有这个指标']);
    const err = await callFail(core, 'report.generate', { year: 2025, variant: 'formal', templateDocx: content });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('行政复议.没有这个指标');
  });

  it('a file that is not a Word document gets a clear message', async () => {
    const err = await callFail(core, 'report.checkDocx', { year: 2025, content: Buffer.from('不是压缩包').toString('base64') });
    expect(err.message).toContain('不是有效的 Word 文档');
  });
});

describe('a ledger as a Word table', () => {
  it('lists the rows oldest first, 序号 1 the earliest, as a printed 台账 is read', async () => {
    const c = await tempCore();
    for (const [title, on] of [
      ['六月合同', '2025-06-01'],
      ['一月合同', '2025-01-05'],
      ['三月合同', '2025-03-03'],
    ]) {
      await call(c, 'ledger.create', { kind: 'contract', values: { title, submitter: '县机关事务中心', receivedOn: on } });
    }
    const r = await call(c, 'exchange.export', { kind: 'contract', format: 'docx', year: 2025 });
    const doc = (await parts(r.content))['word/document.xml'];
    const rows = [...doc.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => textOf(m[0])).slice(1);
    expect(rows.map((t) => /[一三六]月合同/.exec(t)?.[0])).toEqual(['一月合同', '三月合同', '六月合同']);
    expect(rows.map((t) => /^\d+/.exec(t)?.[0])).toEqual(['1', '2', '3']);
    c.close();
  });

  it('is A4 landscape with the title, explicit widths, a header row repeated, the count and page numbers in the footer', async () => {
    const r = await call(core, 'exchange.export', { kind: 'litigation', format: 'docx', year: 2025 });
    const p = await parts(r.content);
    const doc = p['word/document.xml'];
    expect(doc).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(paragraphs(doc).map(textOf)).toContain('某某县人民政府2025年行政应诉案件台账');
    const rows = [...doc.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).every((row) => !row.includes('<w:tblHeader/>'))).toBe(true);
    expect(textOf(rows[24])).toContain('（2025）X行初24号');
    const cols = [...doc.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => +m[1]);
    expect(cols.length).toBeGreaterThan(3);
    // the columns fill the landscape type area (297 mm − 2 × 20 mm)
    expect(cols.reduce((a, b) => a + b, 0)).toBe(16838 - 2 * 1134);
    const footer = Object.entries(p).find(([n]) => /^word\/footer\d+\.xml$/.test(n))![1];
    expect(textOf(footer)).toContain('共 24 条');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });
});

describe('LibreOffice opens the report', () => {
  it('converts it to PDF with the expected number of pages', async () => {
    const r = await dispatch(core, 'report.generate', { year: 2025, variant: 'formal', date: DATE });
    if (!r.ok) throw new Error(r.error.message);
    const dir = tempDir();
    const file = path.join(dir, 'report.docx');
    fs.writeFileSync(file, Buffer.from((r.data as { content: string }).content, 'base64'));
    if (process.env.KEEP_REPORT) fs.copyFileSync(file, process.env.KEEP_REPORT);
    const fonts = path.resolve(__dirname, '../../../shared/tools/fontconfig/fonts.conf');
    const env = { ...process.env, ...(fs.existsSync(fonts) ? { FONTCONFIG_FILE: fonts } : {}) };
    const lo = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/lo`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      env,
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(lo.status, `${lo.stdout}${lo.stderr}`).toBe(0);
    const pdf = path.join(dir, 'report.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
    expect(pages).toBe(EXPECTED_PAGES);
    expect(layoutFaults(pdfLines(pdf), { signer: '某某县人民政府', date: '2026年2月5日' })).toEqual([]);
  }, 180_000);
});

/**
 * Looked at with render-docx (pages rendered and read): the body — the opening, the headings that have text under
 * them, the sentences of the two ledgers with cases, one material of two paragraphs, the highlighted 待填写
 * paragraphs of 二、三、四 (no material written), 附件 line, signature and date — fills 3 pages of 22 lines; the attachment is its own section, so it starts on page 4, and its six
 * statistics tables list every metric of DOMAIN.md §8 whatever the data (no indicator or distribution tables
 * here: none entered, no distribution has rows), which takes 4 pages. A change of layout that moves this number
 * (line pitch, margins, table row height) must be looked at again.
 */
const EXPECTED_PAGES = 7;

// Pathological templates in linear time. The regular expression /\{\{\s*([^{}]+?)\s*\}\}/ took minutes on `{{`
// followed by 20,000 spaces (cubic backtracking); its replacement reads each character a bounded number of times.
// Measured as scaling, not as wall-clock time: 10× the input must cost at most 15× the time (a quadratic scan costs
// 100×, and at these sizes the old expressions do not finish at all). The time is this process's CPU time, so a
// busy machine (other processes queued on the same cores) does not count; the sizes are 200,000 and 2,000,000
// characters, both past the sizes where V8 changes how it allocates (20,000 → 200,000 measured 15–40× for merely
// growing an array, with no scan at all).
describe('pathological templates take linear time', () => {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const best = (fn: () => unknown) => {
    let t = Infinity;
    for (let r = 0; r < 5; r++) {
      const a = cpu();
      fn();
      t = Math.min(t, cpu() - a);
    }
    return t;
  };
  /** The time of one run, from enough runs in a row to last 20 ms (best of 5). */
  const perRun = (use: () => unknown) => {
    use();
    for (let k = 1; ; k *= 2) {
      const t = best(() => {
        for (let i = 0; i < k; i++) use();
      });
      if (t >= 20 || k >= 4096) return t / k;
    }
  };
  /** time(10n) / time(n) */
  const scaling = (make: (n: number) => string, use: (s: string) => unknown, n = 200_000) => {
    const small = make(n);
    const big = make(10 * n);
    // the lowest of three measurements: noise (a cache shared with other processes) only ever adds; a quadratic
    // scan is 100× every time
    let r = { n, a: 0, b: 0, ratio: Infinity };
    for (let k = 0; k < 3 && r.ratio > 12; k++) {
      const a = perRun(() => use(small));
      const b = perRun(() => use(big));
      if (b / a < r.ratio) r = { n, a, b, ratio: b / a };
    }
    return r;
  };
  const values: ReportValues = { 年度: { text: '2025' }, 收案: { text: '3', figure: 3 } };
  const fill = (s: string) => fillLine(s, values, new Set());
  const cases: [string, (n: number) => string, (s: string) => unknown][] = [
    ['{{ + spaces (fillLine)', (n) => '{{' + ' '.repeat(n), fill],
    ['{{ + spaces + }} (fillLine)', (n) => '{{' + ' '.repeat(n) + '}}', fill],
    ['{{ + spaces + text + spaces (checkTemplate)', (n) => '{{' + ' '.repeat(n / 2) + 'x' + ' '.repeat(n / 2), (s) => checkTemplate(s, () => true)],
    ['{{{{{{ nested, unclosed (checkTemplate)', (n) => '{{{{{{'.repeat(n / 6), (s) => checkTemplate(s, () => true)],
    ['{{a repeated (templateKeys)', (n) => '{{a'.repeat(n / 3), templateKeys],
    ['[[ unclosed with a placeholder (fillLine)', (n) => '[['.repeat(n / 2) + '{{收案}}', fill],
    ['material line {{素材. + spaces (renderTemplate)', (n) => '{{素材.' + ' '.repeat(n), (s) => renderTemplate(s, values)],
    ['a run of clause marks (tidyPunctuation)', (n) => '全年' + '，'.repeat(n) + '完', tidyPunctuation],
    ['many placeholders (renderTemplate)', (n) => '{{年度}}'.repeat(n / 8), (s) => renderTemplate(s, values)],
    ['many placeholders and blocks (fillLine)', (n) => '[[{{收案}}]]'.repeat(n / 10), fill],
  ];
  for (const [name, make, use] of cases) {
    it(name, () => {
      const r = scaling(make, use);
      expect(r.ratio, `${name}: n=${r.n} ${r.a.toFixed(2)} ms, 10n ${r.b.toFixed(2)} ms`).toBeLessThanOrEqual(15);
    });
  }

  it('the same reading of placeholders as before: {{ key }} trimmed, the last {{ of a run of braces, no braces inside', () => {
    const keys = (s: string) => scanTemplate(s).flatMap((t) => (t.kind === 'key' ? [t.key] : []));
    expect(keys('甲{{ 年度 }}乙{{{收案}}丙{{a{b}}丁{{c}d}}戊{{ }}')).toEqual(['年度', '收案', '']);
    expect(keys('{{年度}')).toEqual([]);
    expect(fill('{{{年度}}}')).toBe('{2025}');
  });

  const docx = async (body: string) => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  };
  // numbered, so that the parts deflate like real ones (identical repeats are refused for their ratio)
  const numbered = (n: number, unit: (i: number) => string) => {
    const out: string[] = [];
    let len = 0;
    for (let i = 0; len < n; i++) {
      const u = unit(i);
      out.push(u);
      len += u.length;
    }
    return out.join('');
  };
  const docxCases: [string, (n: number) => string][] = [
    ['unclosed <w:p …> tags', (n) => numbered(n, (i) => `<w:p w:x="${i}">`)],
    ['a paragraph of unclosed <w:t tags', (n) => '<w:p>' + numbered(n, (i) => `<w:t a${i}`) + '</w:p>'],
    ['a paragraph of many runs and placeholders', (n) => '<w:p>' + numbered(n, (i) => `<w:r><w:t>{{年</w:t></w:r><w:r><w:t>度}}${i}</w:t></w:r>`) + '</w:p>'],
  ];
  for (const [name, make] of docxCases) {
    it(`Word template: ${name}`, async () => {
      const [small, big] = await Promise.all([200_000, 2_000_000].map((n) => docx(make(n))));
      const filled = await fillDocx(small, values);
      expect(filled.unknownKeys).toEqual([]);
      await fillDocx(big, values);
      const time = async (b: Buffer, times: number) => {
        let t = Infinity;
        for (let r = 0; r < 3; r++) {
          const a = cpu();
          for (let k = 0; k < times; k++) await fillDocx(b, values);
          t = Math.min(t, (cpu() - a) / times);
        }
        return t;
      };
      let ratio = Infinity;
      let a = 0;
      let b = 0;
      for (let k = 0; k < 3 && ratio > 12; k++) {
        const ak = await time(small, 10);
        const bk = await time(big, 1);
        if (bk / ak < ratio) [ratio, a, b] = [bk / ak, ak, bk];
      }
      expect(ratio, `${name}: ${a.toFixed(1)} ms, 10× ${b.toFixed(1)} ms`).toBeLessThanOrEqual(15);
    });
  }

  it('{{constructor}}, {{__proto__}}, {{toString}}, {{hasOwnProperty}} are unknown keys, never "undefined"', () => {
    const unknown = new Set<string>();
    const text = fillLine('甲{{constructor}}乙{{__proto__}}丙{{toString}}丁{{hasOwnProperty}}', values, unknown);
    expect([...unknown]).toEqual(['constructor', '__proto__', 'toString', 'hasOwnProperty']);
    expect(text).not.toContain('undefined');
    expect(renderTemplate('{{素材.x}}\n{{__proto__}}', values).unknownKeys).toEqual(['素材.x', '__proto__']);
  });
});
