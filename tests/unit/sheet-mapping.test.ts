// The pure part of reading an office's own sheet (domain/sheet-mapping.ts): header names with their confidence,
// the header row among title rows and over two merged rows, rows that are not records, words for values; and the
// alias and word tables on the declarations agreeing with the declarations themselves.
import { describe, expect, it } from 'vitest';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { findHeader, isNonRecord, mapColumns, matchHeader, normHeader, splitHeader, wordFor } from '../../electron/domain/sheet-mapping';

const rec = LEDGERS.reconsideration.fields;
const lit = LEDGERS.litigation.fields;

describe('header names', () => {
  it('ignore spaces, full width and a trailing unit', () => {
    expect(splitHeader(' 合同金额（元） ')).toEqual({ name: '合同金额', unit: '元' });
    expect(normHeader('案　号')).toBe('案号');
    expect(normHeader('*申请人：')).toBe('申请人');
    expect(matchHeader(LEDGERS.contract.fields, '标的额(万元)')).toMatchObject({ target: 'amount', confidence: 1, via: 'label' });
    expect(matchHeader(LEDGERS.contract.fields, '合同金额（元）')).toMatchObject({ target: 'amount', confidence: 0.9, via: 'alias', scale: 0.0001 });
    expect(matchHeader(LEDGERS.contract.fields, '合同金额（万元）').scale).toBeUndefined();
  });

  it('label 100%, alias 90%, part of a name by how much is shared, 序号 ignored, nothing 0', () => {
    expect(matchHeader(rec, '案号')).toMatchObject({ target: 'caseNo', confidence: 1 });
    expect(matchHeader(rec, '收案日期')).toMatchObject({ target: 'receivedOn', confidence: 0.9, via: 'alias' });
    expect(matchHeader(lit, '收案日期')).toMatchObject({ target: 'receivedOn', confidence: 1, via: 'label' });
    // 申请人姓名 holds 申请人 (3 of 5): 0.5 + 0.35 × 3/5 = 0.71, taken
    expect(matchHeader(rec, '申请人姓名')).toMatchObject({ target: 'applicant', confidence: 0.71, via: 'partial' });
    // 被申请人名称 holds both 被申请人 and 申请人: the longer one is surer
    expect(matchHeader(rec, '被申请人名称')).toMatchObject({ target: 'respondent', via: 'partial' });
    expect(matchHeader(rec, '序号')).toMatchObject({ target: '@ignore', confidence: 1, via: 'serial' });
    expect(matchHeader(rec, '卷宗号')).toMatchObject({ target: '@note', confidence: 0, via: 'none' });
  });

  it('a column several fields fit equally is a problem naming them; two columns for one field: the surer keeps it', () => {
    const { columns, problems } = mapColumns(rec, ['案号', '日期', '收到日期', '来文日期']);
    expect(problems).toEqual([
      '列“日期”可对应多个字段：受理日期、听证日期、审结日期，请指定',
      '列“收到日期”和“来文日期”都对应“收到申请日期”，请指定其中一列，其余列写入备注或忽略',
    ]);
    expect(columns[1]).toMatchObject({ target: '@note', ambiguous: true });
    const given = mapColumns(rec, ['案号', '日期', '收到日期', '来文日期'], { columns: { 日期: '审结日期', 来文日期: '忽略' } });
    expect(given.problems).toEqual([]);
    expect(given.columns.map((c) => c.target)).toEqual(['caseNo', 'closedOn', 'receivedOn', '@ignore']);
    expect(mapColumns(rec, ['案号', '卷宗号'], { columns: { 卷宗号: '备注' } }).columns[1]).toMatchObject({ target: '@note', via: 'mapping' });
    expect(mapColumns(rec, ['案号'], { columns: { 案号: '不存在' } }).problems).toEqual(['映射中列“案号”对应的“不存在”不是本台账的字段']);
  });
});

describe('the header row', () => {
  it('is found under title rows, and joined with the row under it when the header spans two merged rows', () => {
    const rows = [
      ['2025年行政复议案件台账', '2025年行政复议案件台账', '2025年行政复议案件台账', '2025年行政复议案件台账', '2025年行政复议案件台账'],
      ['填报单位：某县司法局', null, null, '填报日期：2026年1月5日', null],
      ['序号', '案号', '申请人', '审结情况', '审结情况'],
      ['序号', '案号', '申请人', '结案日期', '结案方式'],
      [1, '（2025）某复1号', '甲', '2025-03-01', '驳回'],
    ];
    expect(findHeader(rec, rows)).toEqual({ rows: [2, 3], dataFrom: 4, headers: ['序号', '案号', '申请人', '结案日期', '结案方式'] });
    // without the repeated merged values (a CSV saved from it), the upper row names more and the lower joins it
    const csv = [rows[0], rows[1], ['序号', '案号', '申请人', '审结情况', null], [null, null, null, '结案日期', '结案方式'], rows[4]];
    expect(findHeader(rec, csv)).toEqual({ rows: [2, 3], dataFrom: 4, headers: ['序号', '案号', '申请人', '结案日期', '结案方式'] });
    // a group name over a column no field is named by: both names kept
    expect(
      findHeader(rec, [
        ['案号', '申请人', '审结情况', '审结情况'],
        [null, null, '结案日期', '卷宗'],
      ])!.headers,
    ).toEqual(['案号', '申请人', '结案日期', '审结情况/卷宗']);
    // a data row under a one-row header is not a header row
    expect(
      findHeader(rec, [
        ['案号', '申请人', '收案日期'],
        ['（2025）某复1号', '甲', '2025-01-01'],
      ]),
    ).toEqual({ rows: [0], dataFrom: 1, headers: ['案号', '申请人', '收案日期'] });
    expect(findHeader(rec, [['某某表'], ['甲', '乙']])).toBeNull();
  });
});

describe('rows that are not records', () => {
  const headers = ['序号', '案号', '申请人', '收案日期'];
  it('合计/小计/总计 in a first cell, footers, the header again, empty rows, the template note row', () => {
    expect(isNonRecord(['合计', '合计', null, '8件'], headers)).toBe(true);
    expect(isNonRecord([null, '小 计', null, '3'], headers)).toBe(true);
    expect(isNonRecord(['填表人：李四', null, null, '审核人：王五'], headers)).toBe(true);
    expect(isNonRecord(['序号', '案号', '申请人', '收案日期'], headers)).toBe(true);
    expect(isNonRecord([null, '', ' '], headers)).toBe(true);
    expect(isNonRecord(['填写说明：必填；文字', '选填'], headers)).toBe(true);
    expect(isNonRecord([1, '（2025）某复1号', '合计公司', '2025-01-01'], headers)).toBe(false);
    expect(isNonRecord([1, '（2025）某复1号', '甲', '2025-01-01'], headers)).toBe(false);
  });
});

describe('words for values', () => {
  it('the user’s mapping first, then the declaration’s words, then yes/no words', () => {
    const disp = rec.find((f) => f.key === 'disposition')!;
    expect(wordFor(disp, '驳回')).toBe('驳回复议请求');
    expect(wordFor(disp, '调处')).toBeUndefined();
    expect(wordFor(disp, '调 处', { values: { 审结方式: { 调处: '调解' } } })).toBe('调解');
    expect(
      wordFor(
        lit.find((f) => f.key === 'instance')!,
        '2',
      ),
    ).toBe('二审');
    const bool = rec.find((f) => f.key === 'hearing')!;
    expect([wordFor(bool, '有'), wordFor(bool, '无')]).toEqual(['是', '否']);
  });

  it('every word of every declaration stands for one of its options, and no alias names two fields of one ledger', () => {
    for (const kind of LEDGER_KINDS) {
      const seen = new Map<string, string>();
      for (const f of LEDGERS[kind].fields) {
        for (const [w, v] of Object.entries(f.words ?? {})) expect(f.options, `${kind} ${f.label} ${w}`).toContain(v);
        for (const n of [f.label, ...(f.aliases ?? [])].map(normHeader)) {
          if (seen.get(n) !== f.label) expect(seen.get(n), `${kind}：“${n}”同时是${seen.get(n)}和${f.label}的列名`).toBeUndefined();
          seen.set(n, f.label);
        }
      }
    }
  });
});
