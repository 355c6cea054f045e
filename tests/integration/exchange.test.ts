// Exchange on real files: every ledger round-trips through .xlsx, .csv and .json into a fresh data file with
// every field equal; CSV as Excel/WPS save it (UTF-8, BOM, GB18030, quoted commas and line breaks); real Excel
// date cells and shuffled columns; every date and boolean spelling; 否决项 lists; 案号 brackets; exact
// `第N行 字段：问题` messages; all-or-nothing; malformed files; formula injection; templates.

import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { LedgerKind, Row } from '../../electron/domain/fields';
import { LEDGERS } from '../../electron/domain/ledgers';
import { importFile } from '../../electron/core/exchange';
import { stopImportWorker } from '../../electron/core/exchange/import-host';
import { CsvReader, firstInvalidUtf8, readCsvRows } from '../../electron/core/exchange/text-read';
import { call, callFail, tempCore } from '../helpers/db';
import { FULL } from '../helpers/full-rows';

const FIXTURES = path.join(__dirname, '../fixtures/exchange');

/** A row of every ledger with EVERY field set, including hand-set values of 'suggested' derived fields. */
FULL.casefile.note = '复查,合格';

const KINDS = Object.keys(FULL) as LedgerKind[];

function b64(buf: Buffer): string {
  return buf.toString('base64');
}

async function importBytes(core: Core, kind: string, fileName: string, bytes: Buffer) {
  return call(core, 'exchange.import', { kind: kind as LedgerKind, fileName, content: b64(bytes) });
}

async function live(core: Core, kind: LedgerKind) {
  return (await call(core, 'ledger.list', { kind, pageSize: 1000 })).rows;
}

async function count(core: Core, kind: LedgerKind): Promise<number> {
  return (await call(core, 'ledger.list', { kind, pageSize: 1 })).total;
}

/** A workbook made by exceljs with one sheet: the given header row then rows (any cell types). */
async function xlsx(headers: string[], rows: unknown[][], sheetName = 'Sheet1', before?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  before?.(wb);
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csv(lines: string[][]): string {
  return lines.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}

const REC_BASE = { 案号: '', 收到申请日期: '2025-03-03', 申请人: '某某', 被申请人: '县公安局' };

let core: Core;
beforeAll(async () => {
  core = await tempCore();
});
afterAll(() => core.close());

describe('round trip of every field', () => {
  const created: Partial<Record<LedgerKind, { values: Row; manual: string[] }>> = {};

  beforeAll(async () => {
    const src = await tempCore();
    for (const kind of KINDS) {
      const r = await call(src, 'ledger.create', { kind, values: FULL[kind] });
      created[kind] = { values: r.values, manual: r.manual };
      for (const fmt of ['xlsx', 'csv', 'json'] as const) {
        const e = await call(src, 'exchange.export', { kind, format: fmt, year: 2025 });
        expect(e.count).toBe(1);
        expect(e.fileName.endsWith(`.${fmt}`)).toBe(true);
        exported.set(`${kind}.${fmt}`, Buffer.from(e.content, 'base64'));
      }
    }
    src.close();
  });
  const exported = new Map<string, Buffer>();

  it('the source rows keep every value, with the hand-set suggestions marked manual', () => {
    expect(created.normative!.manual.sort()).toEqual(['dueOn', 'expiresOn']);
    expect(created.decision!.manual).toEqual(['dueOn']);
    expect(created.contract!.manual.sort()).toEqual(['dueOn', 'major']);
    expect(created.litigation!.manual).toEqual(['lost']);
    expect(created.reconsideration!.values.enterprise).toBe(false); // 法人 defaults to 涉企, overridden
    for (const kind of KINDS) {
      for (const f of LEDGERS[kind].fields) {
        if (f.derived !== 'always') expect(created[kind]!.values[f.key], `${kind}.${f.key}`).toEqual(FULL[kind][f.key]);
        expect(created[kind]!.values[f.key], `${kind}.${f.key} is set`).not.toBeNull();
      }
    }
  });

  for (const fmt of ['xlsx', 'csv', 'json'] as const) {
    it(`.${fmt}: export then import into a fresh data file gives every field and manual mark back`, async () => {
      const dst = await tempCore();
      try {
        for (const kind of KINDS) {
          const r = await importBytes(dst, kind, `${kind}.${fmt}`, exported.get(`${kind}.${fmt}`)!);
          expect(r.errors, kind).toEqual([]);
          expect(r.inserted).toBe(1);
          const [row] = await live(dst, kind);
          expect(row.values, kind).toEqual(created[kind]!.values);
          expect(row.manual.sort(), kind).toEqual(created[kind]!.manual.sort());
        }
      } finally {
        dst.close();
      }
    });
  }

  it('exports carry the canonical headers in declaration order', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.get('reconsideration.xlsx')! as unknown as ArrayBuffer);
    const head = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(LEDGERS.reconsideration.fields.map((f) => f.label));
    const text = exported.get('contract.csv')!;
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.toString('utf8').slice(1).split('\r\n')[0]).toBe(LEDGERS.contract.fields.map((f) => f.label).join(','));
    const json = JSON.parse(exported.get('casefile.json')!.toString('utf8')) as Record<string, unknown>[];
    expect(json[0].否决项).toBe('证据不足、程序违法');
    expect(json[0].卷面分).toBe(18);
  });

  it('indicators and materials round-trip through every format', async () => {
    const src = await tempCore();
    const dst = await tempCore();
    try {
      await call(src, 'indicators.set', {
        year: 2025,
        items: [
          { name: '行政复议纠错率基数', value: 12.5 },
          { name: '普法宣传场次', value: 40 },
        ],
      });
      const mat = [
        ['2025', '工作亮点', '=首创“复议驿站”，\n覆盖全部乡镇'],
        ['2025', '存在问题', '基层法治力量薄弱'],
      ];
      const r0 = await importBytes(src, 'material', 'm.csv', Buffer.from(csv([['年度', '名称', '内容'], ...mat]), 'utf8'));
      expect(r0).toMatchObject({ inserted: 2, errors: [] });
      for (const fmt of ['xlsx', 'csv', 'json'] as const) {
        for (const kind of ['indicator', 'material'] as const) {
          const e = await call(src, 'exchange.export', { kind, format: fmt, year: 2025 });
          expect(e.count).toBe(2);
          const r = await importBytes(dst, kind, `${kind}.${fmt}`, Buffer.from(e.content, 'base64'));
          expect(r.errors, `${kind}.${fmt}`).toEqual([]);
        }
        const ind = (await call(dst, 'indicators.list', { year: 2025 })) as unknown as { items: { name: string; value: number | null }[] };
        const got = Object.fromEntries(ind.items.filter((i) => i.value !== null).map((i) => [i.name, i.value]));
        expect(got).toMatchObject({ 行政复议纠错率基数: 12.5, 普法宣传场次: 40 });
        const mats = dst.db.prepare('SELECT name, content FROM materials WHERE year = 2025 ORDER BY name').all();
        expect(mats).toEqual([
          { name: '存在问题', content: '基层法治力量薄弱' },
          { name: '工作亮点', content: '=首创“复议驿站”，\n覆盖全部乡镇' },
        ]);
      }
    } finally {
      src.close();
      dst.close();
    }
  });
});

describe('CSV as Excel/WPS save it', () => {
  const headers = ['案号', '收到申请日期', '申请人', '被申请人', '备注'];
  const rows = [
    ['（2025）编码复字第1号', '2025/3/5', '张三，李四', '县公安局', '含逗号,和"引号"\r\n以及换行'],
    ['（2025）编码复字第2号', '2025年3月6日', '某某有限公司', '县市场监督管理局', ''],
  ];

  for (const [name, encode] of [
    ['UTF-8', (s: string) => Buffer.from(s, 'utf8')],
    ['UTF-8 with BOM', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
    ['GB18030', (s: string) => iconv.encode(s, 'gb18030')],
  ] as const) {
    it(`${name}: Chinese text, quoted commas, quotes and line breaks`, async () => {
      const c = await tempCore();
      try {
        const bytes = encode(csv([headers, ...rows]));
        if (name === 'GB18030') expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
        const r = await importBytes(c, 'reconsideration', 'wps.csv', bytes);
        expect(r).toMatchObject({ total: 2, inserted: 2, errors: [] });
        const got = (await live(c, 'reconsideration')).sort((a, b) => String(a.values.caseNo).localeCompare(String(b.values.caseNo)));
        expect(got.map((x) => x.values.receivedOn)).toEqual(['2025-03-05', '2025-03-06']);
        expect(got[0].values.applicant).toBe('张三，李四');
        expect(got[0].values.note).toBe('含逗号,和"引号"\r\n以及换行');
        expect(got[1].values.note).toBeNull();
      } finally {
        c.close();
      }
    });
  }

  it('a fixture saved as GBK by WPS on Chinese Windows (tests/fixtures/exchange)', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'contract-gbk.csv'));
    const c = await tempCore();
    try {
      const r = await importBytes(c, 'contract', 'contract-gbk.csv', bytes);
      expect(r.errors).toEqual([]);
      expect(r.inserted).toBe(3);
      const got = await live(c, 'contract');
      expect(got.map((x) => x.values.submitter).sort()).toEqual(['县交通运输局', '县教育局', '县卫生健康局'].sort());
      expect(got.find((x) => x.values.submitter === '县教育局')!.values.contractType).toBe('特许经营(PPP)');
    } finally {
      c.close();
    }
  });
});

describe('xlsx as offices make it', () => {
  it('real Excel date cells, shuffled columns, numbers as numbers, a formula cell', async () => {
    const c = await tempCore();
    try {
      const bytes = await xlsx(
        ['备注', '采纳条数', '送审单位', '送审日期', '合同名称', '意见条数', '标的额(万元)', '签订日期'],
        [
          ['首行', 2, '县教育局', new Date(Date.UTC(2025, 0, 31)), '校服采购合同', 3, 88.5, new Date(Date.UTC(2025, 1, 28))],
          [null, { formula: '1+1', result: 2 }, '县财政局', new Date(Date.UTC(2024, 11, 31)), '审计服务合同', 2, 12, null],
        ],
      );
      const r = await importBytes(c, 'contract', '合同.xlsx', bytes);
      expect(r.errors).toEqual([]);
      const got = (await live(c, 'contract')).sort((a, b) => String(a.values.receivedOn).localeCompare(String(b.values.receivedOn)));
      expect(got.map((x) => [x.values.receivedOn, x.values.signedOn, x.values.amount, x.values.adopted])).toEqual([
        ['2024-12-31', null, 12, 2],
        ['2025-01-31', '2025-02-28', 88.5, 2],
      ]);
    } finally {
      c.close();
    }
  });

  it('finds the header under a title row, and reads native JSON numbers, booleans and lists', async () => {
    const c = await tempCore();
    try {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('台账');
      ws.getCell('A1').value = '某某县行政复议案件台账（2025年）';
      ws.mergeCells('A1:D1');
      ws.getRow(3).values = ['案号', '收到申请日期', '申请人', '被申请人'];
      ws.getRow(4).values = ['（2025）标题第1号', new Date(Date.UTC(2025, 2, 5)), '甲', '乙'];
      const r = await importBytes(c, 'reconsideration', 't.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(r.errors).toEqual([]);
      expect((await live(c, 'reconsideration'))[0].values.receivedOn).toBe('2025-03-05');
      const j = [{ 被评查单位: '县公安局', 评查日期: '2025-05-06', 否决项: ['事实不清', '证据不足'], 卷面分: 18, 内容分: 70.5, 优秀案卷: false, 问题条数: 2 }];
      const jr = await importBytes(c, 'casefile', 'c.json', Buffer.from(JSON.stringify(j)));
      expect(jr.errors).toEqual([]);
      const [cf] = await live(c, 'casefile');
      expect([cf.values.vetoes, cf.values.grade, cf.values.model, cf.values.issues]).toEqual([['事实不清', '证据不足'], '不合格', false, 2]);
    } finally {
      c.close();
    }
  });

  it('picks the ledger sheet among others and says which sheets it looked at when none fits', async () => {
    const c = await tempCore();
    try {
      const ok = await xlsx(['决策事项名称', '承办单位', '送审日期'], [['某规划', '县发改局', '2025-01-02']], '重大决策', (wb) => {
        wb.addWorksheet('说明').addRow(['本表由县司法局汇总']);
      });
      expect((await importBytes(c, 'decision', 'd.xlsx', ok)).inserted).toBe(1);
      const wrong = await xlsx(['姓名', '电话'], [['张三', '123']], '通讯录');
      const e = await callFail(c, 'exchange.import', { kind: 'decision', fileName: 'wrong.xlsx', content: b64(wrong) });
      expect(e.message).toContain('在工作表（通讯录）中都没有找到重大行政决策');
    } finally {
      c.close();
    }
  });
});

describe('cell forms', () => {
  it('accepts every date form DOMAIN.md lists and rejects others with the row and field', async () => {
    const c = await tempCore();
    try {
      const forms = ['2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日', '２０２４－０３－０５', ' 2024-3-5 ', '20240305'];
      const rows = forms.map((d, i) => [`（2024）日期第${i + 1}号`, d, '甲', '乙']);
      const r = await importBytes(c, 'reconsideration', 'd.csv', Buffer.from(csv([['案号', '收到申请日期', '申请人', '被申请人'], ...rows])));
      expect(r.errors).toEqual([]);
      expect(new Set((await live(c, 'reconsideration')).map((x) => x.values.receivedOn))).toEqual(new Set(['2024-03-05']));
      const bad = await importBytes(
        c,
        'reconsideration',
        'd.csv',
        Buffer.from(
          csv([
            ['案号', '收到申请日期', '申请人', '被申请人'],
            ['（2024）坏1号', '2024-02-30', '甲', '乙'],
            ['（2024）坏2号', '3/5/2024', '甲', '乙'],
          ]),
        ),
      );
      expect(bad.errors).toEqual([
        '第2行 收到申请日期：“2024-02-30”不是有效日期（可写作 2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日）',
        '第3行 收到申请日期：“3/5/2024”不是有效日期（可写作 2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日）',
      ]);
    } finally {
      c.close();
    }
  });

  it('reads 是/否, 1/0, √/× for booleans and names a wrong one', async () => {
    const c = await tempCore();
    try {
      const spell = [
        ['是', '否'],
        ['1', '0'],
        ['√', '×'],
      ];
      const rows = spell.map(([t, f], i) => [`（2025）布尔第${i + 1}号`, '2025-01-02', '甲', '乙', t, f]);
      const r = await importBytes(c, 'reconsideration', 'b.csv', Buffer.from(csv([['案号', '收到申请日期', '申请人', '被申请人', '听证', '延期'], ...rows])));
      expect(r.errors).toEqual([]);
      for (const x of await live(c, 'reconsideration')) expect([x.values.hearing, x.values.extended]).toEqual([true, false]);
      const xs = await xlsx(
        ['案号', '收到申请日期', '申请人', '被申请人', '听证'],
        [
          ['（2025）布尔第9号', '2025-01-02', '甲', '乙', true],
          ['（2025）布尔第10号', '2025-01-02', '甲', '乙', '也许'],
        ],
      );
      const bad = await importBytes(c, 'reconsideration', 'b.xlsx', xs);
      expect(bad.errors).toEqual(['第3行 听证：“也许”应为“是”或“否”（也可写 1/0、√/×）']);
    } finally {
      c.close();
    }
  });

  it('splits 否决项 by 、 and ；, and normalises full-width brackets in enum values', async () => {
    const c = await tempCore();
    try {
      const head = ['被评查单位', '评查日期', '否决项', '卷面分', '内容分'];
      const r = await importBytes(
        c,
        'casefile',
        'v.csv',
        Buffer.from(
          csv([
            head,
            ['县公安局', '2025-05-06', '事实不清、证据不足', '18', '70'],
            ['县教育局', '2025-05-07', '程序违法；执法人员少于2人', '19', '75'],
            ['县民政局', '2025-05-08', '', '20', '75'],
          ]),
        ),
      );
      expect(r.errors).toEqual([]);
      const got = Object.fromEntries((await live(c, 'casefile')).map((x) => [x.values.unit, x.values]));
      expect(got.县公安局.vetoes).toEqual(['事实不清', '证据不足']);
      expect(got.县教育局.vetoes).toEqual(['程序违法', '执法人员少于2人']);
      expect(got.县公安局.grade).toBe('不合格');
      expect(got.县民政局.vetoes).toBeNull();
      expect(got.县民政局.grade).toBe('优秀');
      const bad = await importBytes(c, 'casefile', 'v.csv', Buffer.from(csv([head, ['县林业局', '2025-05-06', '事实不清、字迹潦草', '18', '70']])));
      expect(bad.errors[0]).toMatch(/^第2行 否决项：“字迹潦草”不是可选值/);
      const rec = await importBytes(
        c,
        'reconsideration',
        'e.csv',
        Buffer.from(
          csv([
            ['案号', '收到申请日期', '申请人', '被申请人', '审结日期', '审结方式', '被申请人类型'],
            ['（2025）括号第1号', '2025-01-02', '甲', '乙', '2025-02-02', '终止（撤回）', '乡镇（街道）'],
          ]),
        ),
      );
      expect(rec.errors).toEqual([]);
      const [row] = await live(c, 'reconsideration');
      expect([row.values.disposition, row.values.respondentType]).toEqual(['终止(撤回)', '乡镇(街道)']);
    } finally {
      c.close();
    }
  });
});

describe('案号 brackets: one case however it is typed', () => {
  it('within a file: （2025）复1号 and (2025)复1号 are the same case', async () => {
    const c = await tempCore();
    try {
      const r = await importBytes(
        c,
        'reconsideration',
        'dup.csv',
        Buffer.from(
          csv([
            ['案号', '收到申请日期', '申请人', '被申请人'],
            ['（2025）复1号', '2025-01-02', '甲', '乙'],
            ['(2025)复1号', '2025-01-03', '丙', '丁'],
            ['( 2025 ) 复２号', '2025-01-03', '丙', '丁'],
          ]),
        ),
      );
      expect(r.errors).toEqual(['第3行 案号：“（2025）复1号”与第2行重复']);
      expect(await count(c, 'reconsideration')).toBe(0);
    } finally {
      c.close();
    }
  });

  it('against live rows, through the form and through import; stored in the written form （）', async () => {
    const c = await tempCore();
    try {
      const made = await call(c, 'ledger.create', {
        kind: 'litigation',
        values: { caseNo: '(2025)某0102行初1号', plaintiff: '甲', defendant: '乙', receivedOn: '2025-01-02', priorCaseNo: '（2024） 某复字第3号' },
      });
      expect(made.values.caseNo).toBe('（2025）某0102行初1号');
      expect(made.values.priorCaseNo).toBe('（2024）某复字第3号');
      const e = await callFail(c, 'ledger.create', {
        kind: 'litigation',
        values: { caseNo: '（2025）某0102行初1号', plaintiff: '丙', defendant: '乙', receivedOn: '2025-01-05' },
      });
      expect(e.code).toBe('DUPLICATE');
      const r = await importBytes(
        c,
        'litigation',
        'l.csv',
        Buffer.from(
          csv([
            ['案号', '收案日期', '原告', '被告'],
            ['（2025）某0102行初2号', '2025-01-02', '甲', '乙'],
            ['（２０２５）某0102行初1号', '2025-01-02', '甲', '乙'],
          ]),
        ),
      );
      expect(r.errors).toEqual(['第3行 案号：“（2025）某0102行初1号”已存在于行政应诉案件台账中（重新导入时请选择更新或跳过已有记录）']);
      expect(await count(c, 'litigation')).toBe(1);
      // 〔〕 is a different spelling and kept as typed; 评查 case numbers (文号) are not touched
      const d = await call(c, 'ledger.create', {
        kind: 'litigation',
        values: { caseNo: '某府复决〔2025〕1号', plaintiff: '甲', defendant: '乙', receivedOn: '2025-01-02' },
      });
      expect(d.values.caseNo).toBe('某府复决〔2025〕1号');
      const f = await call(c, 'ledger.create', { kind: 'casefile', values: { unit: '甲', reviewedOn: '2025-01-02', caseNo: '某罚(2024)1号' } });
      expect(f.values.caseNo).toBe('某罚(2024)1号');
    } finally {
      c.close();
    }
  });
});

describe('errors: every problem, the row the user sees, nothing written', () => {
  it('xlsx rows are sheet rows, csv rows count the header as 1, json elements count from 2', async () => {
    const c = await tempCore();
    try {
      await call(c, 'ledger.create', { kind: 'normative', values: { reviewType: '合法性审核', title: '已有', drafter: '甲', receivedOn: '2025-01-02' } });
      const head = ['文件名称', '起草单位', '审查类型', '送审日期', '意见条数', '采纳条数'];
      const data = [
        ['好的一行', '县民政局', '合法性审核', '2025-03-01', '2', '1'],
        ['', '县民政局', '合法性审核', '2025-03-01', '', ''],
        ['坏类型', '县民政局', '随便审', '2025-03-01', 'x', ''],
        ['采纳过多', '县民政局', '合法性审核', '2025-03-01', '1', '2'],
      ];
      const expected = (n: (i: number) => number) => [
        `第${n(2)}行 文件名称：必填`,
        `第${n(3)}行 审查类型：“随便审”不是可选值（可选：合法性审核、备案审查）`,
        `第${n(3)}行 意见条数：“x”不是数字`,
        `第${n(4)}行 采纳条数：2 条，不能大于意见条数（1 条）`,
      ];
      const before = await count(c, 'normative');
      // xlsx with a title row and an empty row above the header: lines are sheet rows
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('规范性文件');
      ws.getCell('A3').value = null;
      ws.getRow(2).values = head;
      data.forEach((r, i) => (ws.getRow(3 + i).values = r));
      const x = await importBytes(c, 'normative', 'n.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(x.errors).toEqual(expected((i) => i + 2));
      expect(x.inserted).toBe(0);
      // csv: a quoted line break inside a record does not shift the row numbers (one record is one sheet row)
      const withBreak = data.map((r, i) => (i === 0 ? ['好的\n一行', ...r.slice(1)] : r));
      const v = await importBytes(c, 'normative', 'n.csv', Buffer.from(csv([head, ...withBreak])));
      expect(v.errors).toEqual(expected((i) => i + 1));
      const j = await importBytes(c, 'normative', 'n.json', Buffer.from(JSON.stringify(data.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]]))))));
      expect(j.errors).toEqual(expected((i) => i + 1));
      expect(await count(c, 'normative')).toBe(before);
      const preview = await call(c, 'exchange.preview', { kind: 'normative', fileName: 'n.csv', content: b64(Buffer.from(csv([head, data[0]]))) });
      expect(preview).toMatchObject({ total: 1, inserted: 0, errors: [] });
      expect(preview.sample[0].title).toBe('好的一行');
      expect(await count(c, 'normative')).toBe(before);
    } finally {
      c.close();
    }
  });

  it('missing required and duplicate columns are named on the header row; an unknown column is kept in 备注, not refused', async () => {
    const c = await tempCore();
    try {
      const r = await importBytes(
        c,
        'reconsideration',
        'h.csv',
        Buffer.from(
          csv([
            ['案号', '申请人', '申请人', '卷宗号', '收到申请日期'],
            ['（2025）列第1号', '甲', '甲', '乙', '2025-01-01'],
          ]),
        ),
      );
      expect(r.errors).toEqual(['第1行：列“申请人”重复出现', '第1行：缺少必填列“被申请人”']);
      expect(r.notices).toEqual(['“卷宗号”不是本台账的列，内容将以“列名：值”写入备注']);
      expect(r.columns!.map((x) => [x.header, x.target, x.confidence])).toEqual([
        ['案号', 'caseNo', 1],
        ['申请人', 'applicant', 1],
        ['申请人', '@note', 1],
        ['卷宗号', '@note', 0],
        ['收到申请日期', 'receivedOn', 1],
      ]);
      expect(await count(c, 'reconsideration')).toBe(0);
      // a derived column may be left out or given: 受理审查期限 is computed whatever the file says
      const ok = await importBytes(
        c,
        'reconsideration',
        'h.csv',
        Buffer.from(
          csv([
            [...Object.keys(REC_BASE), '受理审查期限'],
            ['（2025）列第2号', '2025-09-30', '甲', '乙', '2000-01-01'],
          ]),
        ),
      );
      expect(ok.errors).toEqual([]);
      expect((await live(c, 'reconsideration'))[0].values.intakeDueOn).toBe('2025-10-14');
    } finally {
      c.close();
    }
  });

  it('one bad row among many writes nothing, and a file without data says so', async () => {
    const c = await tempCore();
    try {
      const rows = Array.from({ length: 500 }, (_, i) => [`（2025）批第${i + 1}号`, '2025-02-03', `申请人${i}`, '县公安局']);
      rows[377][1] = '2025-13-01';
      const r = await importBytes(c, 'reconsideration', 'big.csv', Buffer.from(csv([Object.keys(REC_BASE), ...rows])));
      expect(r.errors).toEqual(['第379行 收到申请日期：“2025-13-01”不是有效日期（可写作 2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日）']);
      expect(r).toMatchObject({ total: 500, inserted: 0 });
      expect(await count(c, 'reconsideration')).toBe(0);
      rows[377][1] = '2025-12-01';
      expect((await importBytes(c, 'reconsideration', 'big.csv', Buffer.from(csv([Object.keys(REC_BASE), ...rows])))).inserted).toBe(500);
      expect(await count(c, 'reconsideration')).toBe(500);
      const empty = await importBytes(c, 'reconsideration', 'head-only.csv', Buffer.from(csv([Object.keys(REC_BASE)])));
      expect(empty.errors).toEqual(['第1行：文件中没有数据']);
    } finally {
      c.close();
    }
  });
});

describe('malformed files get a clear Chinese message', () => {
  it('truncated zip, binary, empty, .xls and broken JSON/CSV', async () => {
    const c = await tempCore();
    try {
      const good = await xlsx(['决策事项名称', '承办单位', '送审日期'], [['某规划', '县发改局', '2025-01-02']]);
      const cases: [string, Buffer, RegExp][] = [
        ['截断.xlsx', good.subarray(0, Math.floor(good.length / 2)), /不是有效的 Excel（\.xlsx）文件，可能已损坏或只下载了一部分/],
        ['图片.xlsx', fs.readFileSync(path.join(FIXTURES, 'binary.bin')), /不是有效的 Excel/],
        ['图片.csv', fs.readFileSync(path.join(FIXTURES, 'binary.bin')), /不是文本格式的 CSV/],
        ['空.xlsx', Buffer.alloc(0), /文件“空\.xlsx”是空的/],
        ['旧版.xls', fs.readFileSync(path.join(FIXTURES, 'binary.bin')), /不支持旧版 \.xls 文件：请在 Excel 或 WPS 中“另存为” \.xlsx 后再导入/],
        ['说明.docx', good, /不支持的文件类型“说明\.docx”/],
        ['坏.json', Buffer.from('[{"决策事项名称": "某"'), /JSON 文件格式有误/],
        ['对象.json', Buffer.from('{"决策事项名称": "某"}'), /JSON 文件应为一个数组/],
        ['引号.csv', Buffer.from('决策事项名称,承办单位,送审日期\r\n"没有闭合,甲,2025-01-02\r\n'), /引号没有闭合/],
      ];
      for (const [name, bytes, msg] of cases) {
        const e = await callFail(c, 'exchange.import', { kind: 'decision', fileName: name, content: b64(bytes) });
        expect(e.code, name).toBe('IMPORT_FAILED');
        expect(e.message, name).toMatch(msg);
      }
      expect(await count(c, 'decision')).toBe(0);
    } finally {
      c.close();
    }
  });
});

describe('bounds on CSV and JSON (limits.ts), checked while reading', () => {
  const csv = (text: string) => Buffer.from(text, 'utf8');

  it('a field of 100,000 characters and a row of 16,384 columns are read; one more is refused, naming the row', () => {
    const head = '合同名称,送审单位\r\n甲,乙\r\n';
    expect(readCsvRows(csv(`${head}${'字'.repeat(100_000)},x\r\n`))[2][0]).toHaveLength(100_000);
    expect(() => readCsvRows(csv(`${head}${'字'.repeat(100_001)},x\r\n`))).toThrow(/^CSV 文件第 3 行有一格超过 100,000 个字，超出了导入的上限/);
    // quoted, across the pieces the file is decoded in (1 MB)
    expect(() => readCsvRows(csv(`${head}"${'a'.repeat(3_000_000)}"\r\n`))).toThrow(/第 3 行有一格超过/);
    expect(readCsvRows(csv(`${head}${','.repeat(16_383)}\r\n`))[2]).toHaveLength(16_384);
    expect(() => readCsvRows(csv(`${head}${','.repeat(16_384)}\r\n`))).toThrow(
      /^CSV 文件第 3 行超过 16,384 列（Excel 的上限），文件可能已损坏或被改造，不能导入$/,
    );
  });

  it('a UTF-8 BOM followed by bytes that are not UTF-8 is refused, naming the row (quoted line breaks counted as one row)', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const bad = Buffer.from([0xb2, 0xe2, 0xca, 0xd4]); // “测试” in GBK
    const file = Buffer.concat([bom, Buffer.from('合同名称,送审单位\r\n"第一行\r\n还是第一行",乙\r\n甲,'), bad, Buffer.from('\r\n')]);
    expect(() => readCsvRows(file)).toThrow(/^CSV 文件第 3 行有不是 UTF-8 编码的内容（文件开头标明是 UTF-8），文件可能已损坏或被其他程序改写，不能导入/);
    // without the BOM the same bytes are read as GB18030, as WPS saves on Chinese Windows
    expect(readCsvRows(Buffer.concat([Buffer.from('a,'), bad]))[0]).toEqual(['a', '测试']);
    // overlong forms and surrogates are not UTF-8 either
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from('合同', 'utf8'))).toBe(-1);
  });

  it('records split anywhere between pieces read as the whole file does', () => {
    const text = '合同名称,"送审\r\n单位","有""引号"""\r\n甲,,\r\r\n"乙",丙\n';
    const whole = new CsvReader();
    whole.push(text);
    const expected = whole.end();
    expect(expected).toEqual([['合同名称', '送审\r\n单位', '有"引号"'], ['甲', '', ''], [''], ['乙', '丙']]);
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2 += 3) {
        const r = new CsvReader();
        r.push(text.slice(0, cut));
        r.push(text.slice(cut, cut2));
        r.push(text.slice(cut2));
        expect(r.end(), `${cut} ${cut2}`).toEqual(expected);
      }
    }
  });

  it('JSON: more different keys than columns, or more cells than the bound, refused before the table is made', async () => {
    const c = await tempCore();
    try {
      const keys = Buffer.from(JSON.stringify(Array.from({ length: 16_385 }, (_, i) => ({ [`列${i}`]: 1 }))));
      const e = await callFail(c, 'exchange.preview', { kind: 'contract', fileName: '键.json', content: b64(keys) });
      expect(e.message).toBe('JSON 文件的记录里有超过 16,384 个不同的列名（第 16,385 个元素），文件可能已损坏或被改造，不能导入');
      // 1,000 records, one of them with 8,001 keys: 8,001,000 cells
      const wide = Buffer.from(
        JSON.stringify([Object.fromEntries(Array.from({ length: 8_001 }, (_, i) => [`列${i}`, 1])), ...Array.from({ length: 999 }, () => ({}))]),
      );
      const w = await callFail(c, 'exchange.preview', { kind: 'contract', fileName: '宽.json', content: b64(wide) });
      expect(w.message).toMatch(/^JSON 文件的格子（1,000 条 × 8,001 列）超过 8,000,000 个/);
    } finally {
      stopImportWorker(c);
      c.close();
    }
  });

  it('problems beyond 200 are counted, not listed: the same from the thread and from the worker', async () => {
    const c = await tempCore();
    try {
      const rows = (n: number) =>
        Buffer.from(`合同名称,送审单位,送审日期\r\n${Array.from({ length: n }, (_, i) => `合同${i},某单位,不是日期`).join('\r\n')}\r\n`);
      const small = await importFile(c, 'contract', '小.csv', rows(201), { dryRun: true, pipeline: false });
      expect(small.errors).toHaveLength(201);
      expect(small.errorCount).toBe(201);
      expect(small.errors[0]).toMatch(/^第2行 送审日期：“不是日期”不是有效日期/);
      expect(small.errors[199]).toMatch(/^第201行 /);
      expect(small.errors[200]).toBe('另有 1 处问题没有列出（共 201 处），请先改正以上问题后重新检查');
      const at200 = await importFile(c, 'contract', '小.csv', rows(200), { dryRun: true, pipeline: false });
      expect(at200.errors).toHaveLength(200);
      expect(at200.errorCount).toBeUndefined();
      // 3,000 rows: the worker sends the first 200 and a count of the rest
      const big = rows(3000);
      const viaThread = await importFile(c, 'contract', '大.csv', big, { dryRun: true, pipeline: false });
      const viaWorker = await importFile(c, 'contract', '大.csv', big, { dryRun: true, pipeline: true });
      expect(viaWorker).toEqual(viaThread);
      expect(viaWorker.errorCount).toBe(3000);
      expect(viaWorker.errors.at(-1)).toBe('另有 2,800 处问题没有列出（共 3,000 处），请先改正以上问题后重新检查');
      // through the API, as the window shows it
      const api = await call(c, 'exchange.import', { kind: 'contract', fileName: '大.csv', content: b64(big) });
      expect(api.inserted).toBe(0);
      expect(api.errorCount).toBe(3000);
      expect(api.errors).toHaveLength(201);
    } finally {
      stopImportWorker(c);
      c.close();
    }
  });
});

describe('formula injection', () => {
  it('text starting with = + - @ is quoted in .xlsx and .csv, kept plain in .json, and restored on import', async () => {
    const src = await tempCore();
    const dst = await tempCore();
    try {
      const texts = ['=HYPERLINK("http://x","点我")', '+86 电话', '-1 条', '@SUM(A1)', "'=已带引号", '普通文本'];
      for (const [i, t] of texts.entries()) {
        await call(src, 'ledger.create', { kind: 'decision', values: { title: `事项${i}`, sponsor: t, receivedOn: '2025-01-02', note: t } });
      }
      const x = Buffer.from((await call(src, 'exchange.export', { kind: 'decision', format: 'xlsx' })).content, 'base64');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const col = LEDGERS.decision.fields.findIndex((f) => f.key === 'sponsor') + 1;
      const cells: unknown[] = [];
      ws.eachRow((r, n) => n > 1 && cells.push(r.getCell(col).value));
      expect(cells.sort()).toEqual(["'+86 电话", "'-1 条", '\'=HYPERLINK("http://x","点我")', "''=已带引号", "'@SUM(A1)", '普通文本'].sort());
      for (const c of cells) expect(typeof c).toBe('string'); // a string cell, never a formula
      const v = (await call(src, 'exchange.export', { kind: 'decision', format: 'csv' })).content;
      const text = Buffer.from(v, 'base64').toString('utf8');
      expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
      expect(text).not.toMatch(/(^|,)[=+\-@]/m);
      const j = JSON.parse(
        Buffer.from((await call(src, 'exchange.export', { kind: 'decision', format: 'json' })).content, 'base64').toString('utf8'),
      ) as Record<string, string>[];
      expect(j.map((o) => o.承办单位).sort()).toEqual([...texts].sort());
      for (const [fmt, bytes] of [
        ['xlsx', x],
        ['csv', Buffer.from(v, 'base64')],
        ['json', Buffer.from(JSON.stringify(j))],
      ] as const) {
        const r = await importBytes(dst, 'decision', `d.${fmt}`, bytes);
        expect(r.errors).toEqual([]);
        const got = (await live(dst, 'decision')).map((x) => [x.values.sponsor, x.values.note]);
        expect(got.map((g) => g[0]).sort(), fmt).toEqual([...texts].sort());
        expect(got.every(([a, b]) => a === b)).toBe(true);
        await call(dst, 'ledger.delete', { kind: 'decision', ids: (await live(dst, 'decision')).map((x) => x.id) });
      }
    } finally {
      src.close();
      dst.close();
    }
  });
});

describe('templates', () => {
  it('every kind has a blank .xlsx with the headers and a 填写说明 sheet, and it imports back as no data', async () => {
    for (const kind of [...KINDS, 'indicator', 'material'] as const) {
      const t = await call(core, 'exchange.template', { kind });
      expect(t.fileName).toMatch(/导入模板\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(t.content, 'base64') as unknown as ArrayBuffer);
      const labels =
        kind === 'indicator' ? ['年度', '指标', '数值'] : kind === 'material' ? ['年度', '名称', '内容'] : LEDGERS[kind].fields.map((f) => f.label);
      expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1), kind).toEqual(labels);
      const ws = wb.worksheets[0];
      if (kind === 'indicator' || kind === 'material') expect(ws.rowCount).toBe(1);
      else {
        // a note row under the header, skipped on import; a drop-down list on every enum and yes/no column
        const fields = LEDGERS[kind].fields;
        expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^填写说明：(必填|选填)；/);
        fields.forEach((f, i) => {
          const v = ws.getRow(3).getCell(i + 1).dataValidation;
          if (f.type === 'enum') expect(v, `${kind} ${f.label}`).toMatchObject({ type: 'list', formulae: [`"${f.options!.join(',')}"`] });
          else if (f.type === 'bool') expect(v, `${kind} ${f.label}`).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
          else expect(v?.type, `${kind} ${f.label}`).toBeUndefined();
          if (f.type === 'date') expect(ws.getColumn(i + 1).numFmt).toBe('yyyy-mm-dd');
        });
      }
      expect(wb.worksheets[1].name).toBe('填写说明');
      const r = await importBytes(core, kind, t.fileName, Buffer.from(t.content, 'base64'));
      expect(r.errors).toEqual(['第1行：文件中没有数据']);
    }
  });
});
