// Issue 14, “a clerk's first day”: the office's own Excel ledgers, made as an office makes them (title rows, a
// 填报单位 line, 序号, headers over two merged rows, merged cells down a column, 是/否/√/×/有/无, 审级 1/2/3, values
// joined by 、, dates as text and as date cells, a 合计 row, an extra column, the office's own result words), go
// in through the command line unattended and give exactly the figures a clerk counts by hand (DOMAIN.md §10).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fazhi } from '../helpers/cli';
import { call, tempDir } from '../helpers/db';
import { openCore } from '../../electron/core/core';
import type { LedgerKind } from '../../electron/domain/fields';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

type Cell = string | number | Date | null;

/**
 * A sheet as offices lay it out: a merged title, a 填报单位 line, a header (one or two rows, merged where a column
 * has one name over both), the data, then whatever follows (合计, 填表人). `merges` are extra merged ranges.
 */
async function officeBook(opts: {
  title: string;
  upper: (string | null)[];
  lower?: (string | null)[];
  rows: Cell[][];
  tail: Cell[][];
  merges?: string[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  const width = opts.upper.length;
  const col = (i: number) => String.fromCharCode(65 + i);
  ws.addRow([opts.title]);
  ws.mergeCells(`A1:${col(width - 1)}1`);
  const meta: Cell[] = Array(width).fill(null);
  meta[0] = '填报单位：某某县司法局（盖章）';
  meta[width - 3] = '填报日期：2026年1月5日';
  ws.addRow(meta);
  ws.mergeCells('A2:D2');
  ws.addRow(opts.upper);
  if (opts.lower) {
    ws.addRow(opts.lower);
    // a column with one name is merged over both header rows; a group name over several columns
    for (let i = 0; i < width; i++) {
      if (opts.upper[i] !== null && opts.lower[i] === null) ws.mergeCells(`${col(i)}3:${col(i)}4`);
    }
    let i = 0;
    while (i < width) {
      let j = i;
      while (j + 1 < width && opts.upper[j + 1] === null && opts.lower[j + 1] !== null && opts.lower[i] !== null) j++;
      if (j > i) ws.mergeCells(`${col(i)}3:${col(j)}3`);
      i = j + 1;
    }
  }
  for (const r of opts.rows) ws.addRow(r);
  for (const r of opts.tail) ws.addRow(r);
  for (const m of opts.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 复议: title, 填报单位, headers over two rows (审结情况 over 结案日期 | 结案方式), 8 cases, 合计, 填表人. */
function reconsiderationSheet(overrides: { row3?: Cell[] } = {}) {
  const upper = [
    '序号',
    '案号',
    '申请人',
    '被申请人',
    '案由',
    '收案日期',
    '立案日期',
    '是否复议前置',
    '行政赔偿',
    '审结情况',
    null,
    '承办人',
    '卷宗号',
    '备注',
  ];
  const lower = [null, null, null, null, null, null, null, null, null, '结案日期', '结案方式', null, null, null];
  const rows: Cell[][] = [
    [
      1,
      '（2025）某复1号',
      '张三',
      '县市场监督管理局',
      '行政处罚',
      d('2025-01-06'),
      d('2025-01-08'),
      '否',
      '无',
      '2025年3月1日',
      '驳回',
      '李四、王五',
      'J-001',
      null,
    ],
    [2, '（2025）某复2号', '某某建材有限公司', '县自然资源局', '行政许可', '2025/2/10', '2025/2/12', '√', '×', d('2025-04-10'), '撤销', '李四', 'J-002', null],
    [3, '（2025）某复3号', '王某', '县公安局', '行政处罚', '2025.3.3', '2025.3.5', '否', '有', null, null, null, 'J-003', '尚在审理'],
    [
      4,
      '（2025）某复4号',
      '赵某',
      '县人力资源和社会保障局',
      '工伤认定',
      d('2025-04-01'),
      d('2025-04-03'),
      '是',
      '无',
      d('2025-05-20'),
      '调解结案',
      '王五',
      'J-004',
      null,
    ],
    [
      5,
      '（2025）某复5号',
      '钱某',
      '某镇人民政府',
      '行政强制',
      d('2025-05-12'),
      d('2025-05-14'),
      '×',
      '无',
      d('2025-06-30'),
      '申请人撤回',
      '王五',
      'J-005',
      null,
    ],
    [
      6,
      '（2025）某复6号',
      '孙某',
      '县住房和城乡建设局',
      '政府信息公开',
      d('2025-06-01'),
      d('2025-06-03'),
      '否',
      '无',
      d('2025-07-15'),
      '确认违法',
      '王五',
      'J-006',
      null,
    ],
    [
      7,
      '（2024）某复30号',
      '周某',
      '县交通运输局',
      '行政处罚',
      d('2024-12-20'),
      d('2024-12-23'),
      '否',
      '无',
      d('2025-02-18'),
      '维持',
      '李四',
      'J-007',
      '上年收案',
    ],
    [8, '（2025）某复7号', '吴某', '县市场监督管理局', '举报投诉处理', d('2025-11-03'), d('2025-11-05'), '否', '无', null, null, '李四', 'J-008', null],
  ];
  if (overrides.row3) rows[2] = overrides.row3;
  // 李四 handles cases 2 and 3: one cell merged down the 承办人 column (rows 6–7 of the sheet)
  return officeBook({
    title: '2025年某某县行政复议案件台账',
    upper,
    lower,
    rows,
    tail: [
      ['合计', null, null, null, '8件', null, null, null, null, null, null, null, null, null],
      ['填表人：李四', null, null, null, null, null, null, '审核人：王五'],
    ],
    merges: ['L6:L7', 'A13:D13'],
  });
}

/** 应诉: title, 填报单位, 负责人出庭情况 over three columns, 审级 as 1/2/3, 司法建议 as 有/无, 7 cases, 小计, an extra column. */
function litigationSheet() {
  const upper = [
    '序号',
    '案号',
    '审理程序',
    '原告',
    '被诉行政机关',
    '案由',
    '收文日期',
    '负责人出庭情况',
    null,
    null,
    '结案日期',
    '结案方式',
    '裁判结果',
    '司法建议',
    '代理律师',
  ];
  const lower = [null, null, null, null, null, null, null, '开庭次数', '负责人出庭次数', '出庭应诉负责人', null, null, null, null, null];
  const rows: Cell[][] = [
    [
      1,
      '（2025）某0102行初1号',
      1,
      '张某',
      '县市场监督管理局',
      '行政处罚',
      d('2025-02-10'),
      1,
      1,
      '副局长刘某',
      d('2025-05-10'),
      '判决',
      '驳回诉讼请求',
      '无',
      '甲律师',
    ],
    [
      2,
      '（2025）某0102行初2号',
      '1',
      '某某置业有限公司',
      '县自然资源局',
      '行政许可',
      '2025/3/5',
      2,
      1,
      '局长陈某',
      '2025-08-01',
      '判决',
      '撤销',
      '有',
      '乙律师',
    ],
    [3, '（2025）某01行终3号', 2, '王某', '县人民政府', '不履行法定职责', '2025年4月8日', 1, 0, null, d('2025-07-01'), '判决', '驳回诉讼请求', '无', null],
    [4, '（2025）某0102行初4号', 1, '李某', '县人力资源和社会保障局', '工伤认定', d('2025-06-01'), 0, 0, null, d('2025-06-30'), '撤诉', null, '无', null],
    [5, '（2025）某0102行初5号', 1, '赵某', '县公安局', '行政处罚', d('2025-09-09'), 1, 1, '副局长周某', null, null, null, '无', null],
    [6, '（2025）某行再1号', 3, '钱某', '县住房和城乡建设局', '行政强制', d('2025-10-10'), 1, 0, null, d('2025-12-01'), '判决', '确认违法', '无', null],
    [7, '（2024）某0102行初9号', 1, '孙某', '某镇人民政府', '行政强制', d('2024-11-11'), 1, 1, '镇长吴某', d('2025-01-20'), '原告撤诉', null, '无', null],
  ];
  return officeBook({
    title: '某某县2025年度行政应诉案件统计表',
    upper,
    lower,
    rows,
    tail: [['小计', null, null, null, null, null, '7件'], ['注：本表由法制股填报']],
  });
}

/** 合同: one header row with 序号, the office's own names, 金额 in 元 (text and numbers), a 合计 row. */
async function contractSheet(): Promise<Buffer> {
  const upper = ['序号', '合同名称', '签订部门', '乙方', '合同金额（元）', '送审日期', '审查结论', '履行情况', '经办人', '说明'];
  return officeBook({
    title: '2025年合同合法性审查台账',
    upper,
    rows: [
      [1, '办公楼物业服务合同', '县机关事务中心', '某物业公司', 12345000, d('2025-02-03'), '同意', '履行中', '李四', null],
      [2, '道路改造工程施工合同', '县交通运输局', '某建设集团', '30,000,000', '2025年3月4日', '修改后同意', '履行中', '王五', '重点项目'],
      [3, '法律顾问服务协议', '县司法局', '某律师事务所', 500000, '2025/4/5', '同意', '已履行', '李四', null],
      [4, '设备采购合同', '县卫生健康局', '某医疗器械公司', '1200000', d('2025-05-06'), '同意', '履行中', '王五', null],
    ],
    tail: [['合计', null, null, null, 44045000]],
  });
}

function write(dir: string, name: string, bytes: Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, bytes);
  return f;
}

async function rows(db: string, kind: LedgerKind) {
  const core = await openCore(db, {});
  try {
    return (await call(core, 'ledger.list', { kind, pageSize: 100 })).rows;
  } finally {
    core.close();
  }
}

function stats(db: string): Record<string, { value: number | null; text: string }> {
  const r = fazhi('stats', '--db', db, '--year', '2025', '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Record<string, { value: number | null; text: string }>;
}

describe('an office-shaped 复议 sheet and 应诉 sheet through the CLI, unattended', () => {
  it('import every case, skip title, 合计 and footer rows, keep the extra column in 备注, and count as a clerk does', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'ledger.db');
    const rec = fazhi('import', write(dir, '复议台账.xlsx', await reconsiderationSheet()), '--db', db, '--kind', 'reconsideration');
    expect(rec.code, rec.err).toBe(0);
    // 8 cases on the sheet (序号 1–8); 合计 and 填表人 are not cases
    expect(rec.err).toContain('已导入 8 条');
    expect(rec.err).toContain('“卷宗号”不是本台账的列');
    expect(rec.err).toContain('表头在第3行至第4行，第1、2行是标题或填报说明，不作为记录导入');
    expect(rec.err).toContain('第13、14行是合计、小计或表尾，不作为记录导入');
    const lit = fazhi('import', write(dir, '应诉台账.xlsx', await litigationSheet()), '--db', db, '--kind', 'litigation');
    expect(lit.code, lit.err).toBe(0);
    expect(lit.err).toContain('已导入 7 条');

    const r = await rows(db, 'reconsideration');
    expect(r).toHaveLength(8);
    const byNo = new Map(r.map((x) => [x.values.caseNo, x.values]));
    expect(byNo.get('（2025）某复1号')).toMatchObject({
      receivedOn: '2025-01-06',
      acceptedOn: '2025-01-08',
      closedOn: '2025-03-01',
      disposition: '驳回复议请求',
      actType: '行政处罚',
      mandatory: false,
      compensation: false,
      handler: '李四、王五',
      note: '卷宗号：J-001',
    });
    // √ / ×, 有, text dates in three spellings, 李四 merged down the 承办人 column, the sheet's 备注 kept first
    expect(byNo.get('（2025）某复2号')).toMatchObject({
      receivedOn: '2025-02-10',
      mandatory: true,
      compensation: false,
      closedOn: '2025-04-10',
      disposition: '撤销',
      handler: '李四',
    });
    expect(byNo.get('（2025）某复3号')).toMatchObject({
      receivedOn: '2025-03-03',
      compensation: true,
      closedOn: null,
      disposition: null,
      handler: '李四',
      note: '尚在审理；卷宗号：J-003',
    });
    expect(byNo.get('（2025）某复4号')).toMatchObject({ mandatory: true, disposition: '调解' });
    expect(byNo.get('（2025）某复5号')).toMatchObject({ mandatory: false, disposition: '终止(撤回)' });

    const l = await rows(db, 'litigation');
    expect(l).toHaveLength(7);
    const lit2 = new Map(l.map((x) => [x.values.caseNo, x.values]));
    expect(lit2.get('（2025）某0102行初2号')).toMatchObject({
      instance: '一审',
      receivedOn: '2025-03-05',
      hearings: 2,
      headHearings: 1,
      headName: '局长陈某',
      judgment: '撤销',
      lost: true,
      judicialSuggestion: true,
      note: '代理律师：乙律师',
    });
    expect(lit2.get('（2025）某01行终3号')).toMatchObject({ instance: '二审', receivedOn: '2025-04-08' });
    expect(lit2.get('（2025）某行再1号')).toMatchObject({ instance: '再审', lost: true });
    expect(lit2.get('（2025）某0102行初4号')).toMatchObject({ closure: '准予撤诉', lost: false });
    expect(lit2.get('（2024）某0102行初9号')).toMatchObject({ closure: '准予撤诉', closedOn: '2025-01-20' });

    const j = stats(db);
    // 复议, counted by hand on the sheet: 收案 in 2025 = 序号 1–6 and 8 (7 was received in 2024) = 7
    expect(j['行政复议.收案数'].value).toBe(7);
    // 审结 in 2025 = 序号 1, 2, 4, 5, 6, 7 (3 and 8 have no 结案日期) = 6
    expect(j['行政复议.审结数'].value).toBe(6);
    // by 结案方式: 驳回 (1) · 撤销 (2) · 调解结案 (4) · 申请人撤回 (5) · 确认违法 (6) · 维持 (7)
    expect(j['行政复议.驳回数'].value).toBe(1);
    expect(j['行政复议.撤销数'].value).toBe(1);
    expect(j['行政复议.调解数'].value).toBe(1);
    expect(j['行政复议.撤回数'].value).toBe(1);
    expect(j['行政复议.确认违法数'].value).toBe(1);
    expect(j['行政复议.维持数'].value).toBe(1);
    // 纠错 = 撤销 + 确认违法 = 2 of 6 审结 → 33.33%; 调撤 = 调解 + 撤回 = 2 of 6 → 33.33%
    expect(j['行政复议.纠错数'].value).toBe(2);
    expect(j['行政复议.纠错率'].text).toBe('33.33%');
    expect(j['行政复议.调撤数'].value).toBe(2);
    expect(j['行政复议.调撤率'].text).toBe('33.33%');
    // 应诉: 收案 in 2025 = 序号 1–6 = 6; 审理程序 1 → 一审: 1, 2, 4, 5 = 4; 2 → 二审: 3 = 1; 3 → 再审: 6 = 1
    expect(j['行政应诉.收案数'].value).toBe(6);
    expect(j['行政应诉.一审收案数'].value).toBe(4);
    expect(j['行政应诉.二审收案数'].value).toBe(1);
    expect(j['行政应诉.再审收案数'].value).toBe(1);
    // 结案 in 2025 = 1, 2, 3, 4, 6, 7 = 6; 败诉 = 判决 with 撤销 (2) or 确认违法 (6) = 2 of 6 → 33.33%
    expect(j['行政应诉.结案数'].value).toBe(6);
    expect(j['行政应诉.败诉数'].value).toBe(2);
    expect(j['行政应诉.败诉率'].text).toBe('33.33%');
    // 负责人出庭 (2025 cases with 负责人出庭次数 > 0) = 1, 2, 5 = 3 of 6 → 50%; 开庭 (开庭次数 > 0) = 1, 2, 3, 5, 6 = 5
    expect(j['行政应诉.负责人出庭件数'].value).toBe(3);
    expect(j['行政应诉.出庭率'].text).toBe('50%');
    expect(j['行政应诉.开庭案件数'].value).toBe(5);
    // 复议 7 : 一审 4 = 1.75:1
    expect(j['行政复议.复议诉讼收案比'].text).toBe('1.75:1');
  });

  it('re-importing the sheet: existing cases are listed and refused by default, skipped or updated (audited) on request, never duplicated', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'ledger.db');
    expect(fazhi('import', write(dir, 'a.xlsx', await reconsiderationSheet()), '--db', db, '--kind', 'reconsideration').code).toBe(0);
    // a month later case 3 is closed: 维持 on 2025-08-08
    const later = write(
      dir,
      'b.xlsx',
      await reconsiderationSheet({
        row3: [3, '（2025）某复3号', '王某', '县公安局', '行政处罚', '2025.3.3', '2025.3.5', '否', '有', '2025-08-08', '维持', null, 'J-003', '尚在审理'],
      }),
    );
    const refused = fazhi('import', later, '--db', db, '--kind', 'reconsideration');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('第5行 案号：“（2025）某复1号”已存在于行政复议案件台账中（重新导入时请选择更新或跳过已有记录）');
    expect(refused.err).toContain('共 8 处问题');
    const skip = fazhi('import', later, '--db', db, '--kind', 'reconsideration', '--existing', 'skip');
    expect(skip.code, skip.err).toBe(0);
    expect(skip.err).toContain('已导入 0 条，跳过已有记录 1 条，7 条与台账相同');
    expect((await rows(db, 'reconsideration')).find((x) => x.values.caseNo === '（2025）某复3号')!.values.closedOn).toBeNull();
    const upd = fazhi('import', later, '--db', db, '--kind', 'reconsideration', '--existing', 'update');
    expect(upd.code, upd.err).toBe(0);
    expect(upd.err).toContain('已导入 0 条，更新已有记录 1 条，7 条与台账相同');
    const after = await rows(db, 'reconsideration');
    expect(after).toHaveLength(8);
    const c3 = after.find((x) => x.values.caseNo === '（2025）某复3号')!;
    expect(c3.values).toMatchObject({ closedOn: '2025-08-08', disposition: '维持', handler: '李四', note: '尚在审理；卷宗号：J-003' });
    expect(c3.version).toBe(2);
    const core = await openCore(db, {});
    try {
      const audit = core.db.prepare('SELECT action, before, after, summary FROM audit_log WHERE record_id = ? ORDER BY seq').all(c3.id) as {
        action: string;
        before: string;
        after: string;
        summary: string;
      }[];
      expect(audit).toHaveLength(1);
      expect(audit[0].action).toBe('修改');
      expect(audit[0].summary).toContain('导入时更新');
      expect(JSON.parse(audit[0].before)).toMatchObject({ closedOn: null, disposition: null });
      expect(JSON.parse(audit[0].after)).toMatchObject({ closedOn: '2025-08-08', disposition: '维持' });
      expect(Object.keys(JSON.parse(audit[0].after)).sort()).toEqual(
        ['closedOn', 'decisionDueOn', 'disposition'].filter((k) => k in JSON.parse(audit[0].after)).sort(),
      );
    } finally {
      core.close();
    }
  });

  it('an ambiguous column and an unknown word are errors that name the choices; --mapping settles both', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'ledger.db');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['2025年行政复议案件登记表']);
    ws.addRow(['编号', '申请人', '被申请人', '收到日期', '日期', '处理结果']);
    ws.addRow(['（2025）某复9号', '甲', '县公安局', d('2025-03-01'), d('2025-04-01'), '调处']);
    const file = write(dir, 'c.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const bad = fazhi('import', file, '--db', db, '--kind', 'reconsideration');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('第2行：列“日期”可对应多个字段：受理日期、听证日期、审结日期，请指定');
    const map = path.join(dir, 'mapping.json');
    fs.writeFileSync(map, JSON.stringify({ columns: { 日期: '审结日期' } }));
    const word = fazhi('import', file, '--db', db, '--kind', 'reconsideration', '--mapping', map);
    expect(word.code).toBe(1);
    expect(word.err).toMatch(/第3行 审结方式：“调处”不是可选值（可选：维持、驳回复议请求、/);
    fs.writeFileSync(map, JSON.stringify({ columns: { 日期: '审结日期' }, values: { 审结方式: { 调处: '调解' } } }));
    const ok = fazhi('import', file, '--db', db, '--kind', 'reconsideration', '--mapping', map);
    expect(ok.code, ok.err).toBe(0);
    expect((await rows(db, 'reconsideration'))[0].values).toMatchObject({
      caseNo: '（2025）某复9号',
      receivedOn: '2025-03-01',
      closedOn: '2025-04-01',
      disposition: '调解',
    });
    fs.writeFileSync(map, '{"columns": ["日期"]}');
    const broken = fazhi('import', file, '--db', db, '--kind', 'reconsideration', '--mapping', map);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('映射文件');
  });
});

describe('an office-shaped 合同 sheet: 金额 in 元 becomes 万元', () => {
  it('imports 4 contracts and counts 标的总额 in 万元', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'ledger.db');
    const r = fazhi('import', write(dir, '合同.xlsx', await contractSheet()), '--db', db, '--kind', 'contract');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('已导入 4 条');
    const c = await rows(db, 'contract');
    const byTitle = new Map(c.map((x) => [x.values.title, x.values]));
    expect(byTitle.get('办公楼物业服务合同')).toMatchObject({
      submitter: '县机关事务中心',
      counterparty: '某物业公司',
      amount: 1234.5,
      performance: '履行中',
      handler: '李四',
    });
    expect(byTitle.get('道路改造工程施工合同')).toMatchObject({ amount: 3000, major: true, receivedOn: '2025-03-04', note: '重点项目' });
    expect(byTitle.get('法律顾问服务协议')).toMatchObject({ amount: 50, major: false });
    const j = stats(db);
    // 4 contracts on the sheet, all sent in 2025
    expect(j['合同.审查件数'].value).toBe(4);
    // 12,345,000 + 30,000,000 + 500,000 + 1,200,000 元 = 44,045,000 元 = 4404.5 万元 (the sheet's own 合计 row)
    expect(j['合同.标的总额'].text).toBe('4404.5');
    // 重大: 3000 万元 and more (the default threshold): only the road works
    expect(j['合同.重大合同件数'].value).toBe(1);
  });
});

describe('export and old formats', () => {
  it('.xlsx export writes dates as date cells, and they import back the same', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'ledger.db');
    expect(fazhi('import', write(dir, '合同.xlsx', await contractSheet()), '--db', db, '--kind', 'contract').code).toBe(0);
    const out = path.join(dir, 'out.xlsx');
    const e = fazhi('export', '--db', db, '--kind', 'contract', '--out', out);
    expect(e.code, e.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as never);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const col = headers.indexOf('送审日期') + 1;
    const cells = [2, 3, 4, 5].map((r) => ws.getRow(r).getCell(col).value);
    expect(cells.every((c) => c instanceof Date)).toBe(true);
    expect((cells as Date[]).map((c) => c.toISOString().slice(0, 10)).sort()).toEqual(['2025-02-03', '2025-03-04', '2025-04-05', '2025-05-06']);
    expect(ws.getColumn(col).numFmt).toBe('yyyy-mm-dd');
    const again = path.join(dir, 'again.db');
    expect(fazhi('import', out, '--db', again, '--kind', 'contract').code).toBe(0);
    const strip = (rs: Awaited<ReturnType<typeof rows>>) => rs.map((r) => r.values).sort((a, b) => String(a.title).localeCompare(String(b.title)));
    expect(strip(await rows(again, 'contract'))).toEqual(strip(await rows(db, 'contract')));
  });

  it('.xls and .et get a message saying how to save as .xlsx in Excel or WPS', () => {
    const dir = tempDir();
    for (const ext of ['xls', 'et']) {
      const r = fazhi(
        'import',
        write(dir, `台账.${ext}`, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
        '--db',
        path.join(dir, 'x.db'),
        '--kind',
        'reconsideration',
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain(`不支持旧版 .${ext} 文件`);
      expect(r.err).toContain('WPS：文件 → 另存为');
    }
  });
});
