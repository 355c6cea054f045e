// The pipelined import (electron/core/exchange/pipeline.ts: a worker thread reads and validates chunks while the
// main thread inserts them) against the in-thread import, on real data files: the same rows (every column), search
// index, audit entry, report and sample; the same problems, all of them, for files with problems spread over
// several chunks; nothing written when any problem, on dryRun, or when the worker dies mid-import.

import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { updateSettings, type Core } from '../../electron/core/core';
import { importFile } from '../../electron/core/exchange';
import { hostHooks, hostLimits, stopImportWorker } from '../../electron/core/exchange/import-host';
import { IMPORT_WORKER_HEAP_MB } from '../../electron/core/exchange/limits';
import { CHUNK_ROWS, PIPELINE_MIN_BYTES, pipelineHooks } from '../../electron/core/exchange/pipeline';
import type { LedgerKind } from '../../electron/domain/fields';
import { call, tempCore } from '../helpers/db';
import { FULL } from '../helpers/full-rows';

const NOW = new Date('2025-11-03T02:00:00.000Z');
const N = 2 * CHUNK_ROWS + 537; // three chunks, the last one short

type Sheet = { headers: string[]; rows: unknown[][] };

const templates = new Map<LedgerKind, Sheet>();

/** The canonical export of one FULL row of `kind`: its header row and data row as cells. */
async function template(kind: LedgerKind): Promise<Sheet> {
  if (!templates.has(kind)) templates.set(kind, await exportOne(kind));
  return templates.get(kind)!;
}

async function exportOne(kind: LedgerKind): Promise<Sheet> {
  const src = await tempCore({ now: () => NOW });
  try {
    await call(src, 'ledger.create', { kind, values: FULL[kind] });
    const e = await call(src, 'exchange.export', { kind, format: 'xlsx', year: 2025 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(e.content, 'base64') as never);
    const ws = wb.worksheets[0];
    const cells = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    return { headers: cells(1) as string[], rows: [cells(2)] };
  } finally {
    src.close();
  }
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * n rows from the template row: distinct 案号, received dates walking over 2025's first months (Spring Festival and
 * 调休 weekends, so working-day deadlines differ; the exported deadlines then differ from the computed ones and are
 * kept as hand-set values), amounts across the 重大合同 threshold.
 */
function many(kind: LedgerKind, t: Sheet, n: number): Sheet {
  const col = (label: string) => t.headers.indexOf(label);
  const rows = Array.from({ length: n }, (_, i) => {
    const r = [...t.rows[0]];
    if (col('案号') >= 0) r[col('案号')] = `（2025）某${kind === 'litigation' ? '行初' : '复字第'}${i + 1}号`;
    if (col('收到申请日期') >= 0) r[col('收到申请日期')] = iso(new Date(Date.UTC(2025, 0, 1 + (i % 150))));
    if (col('收到日期') >= 0) r[col('收到日期')] = iso(new Date(Date.UTC(2025, 0, 1 + (i % 120))));
    if (col('金额（万元）') >= 0) r[col('金额（万元）')] = (i % 7) * 250 + 0.5;
    if (col('承办人') >= 0) r[col('承办人')] = `承办人${i % 13}`;
    if (i % 5 === 0 && col('审查期限') >= 0) r[col('审查期限')] = null;
    if (i % 3 === 0 && col('重大合同') >= 0) r[col('重大合同')] = null;
    return r;
  });
  return { headers: t.headers, rows };
}

async function xlsx(s: Sheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(s.headers);
  for (const r of s.rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Everything an import writes, comparable between two data files (ids are random; the clock is fixed). */
function written(core: Core, kind: LedgerKind) {
  const rows = (core.db.prepare(`SELECT * FROM ${kind} ORDER BY rid`).all() as Record<string, unknown>[]).map(({ id, ...rest }) => {
    expect(typeof id).toBe('string');
    return rest;
  });
  const fts = core.db.prepare(`SELECT rowid, body FROM ${kind}_fts ORDER BY rowid`).all();
  const audit = core.db.prepare('SELECT at, actor, action, kind, record_id, before, after, summary FROM audit_log ORDER BY seq').all();
  return { rows, fts, audit };
}

function counts(core: Core, kind: LedgerKind) {
  const n = (sql: string) => core.db.prepare(sql).pluck().get() as number;
  return { rows: n(`SELECT count(*) FROM ${kind}`), fts: n(`SELECT count(*) FROM ${kind}_fts`), audit: n('SELECT count(*) FROM audit_log') };
}

/** Not the defaults, so a worker validating under other settings than the core's is seen. */
const SETTINGS = { 'contract.reviewWorkdays': 9, 'contract.majorThreshold': 500 };

const cores: Core[] = [];
async function fresh(): Promise<Core> {
  const c = await tempCore({ now: () => NOW });
  cores.push(c);
  updateSettings(c, SETTINGS);
  return c;
}
afterAll(() => {
  for (const c of cores) c.close();
});
afterEach(() => {
  delete pipelineHooks.crash;
  hostLimits.gapMs = 15_000;
});

const KINDS: LedgerKind[] = ['reconsideration', 'contract', 'litigation'];

describe.each(KINDS)('%s: pipeline and thread give the same import', (kind) => {
  let good: Sheet;
  let bytes: Buffer;
  beforeAll(async () => {
    good = many(kind, await template(kind), N);
    bytes = await xlsx(good);
  });

  it('writes the same rows, search index and audit entry, and reports the same', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const ra = await importFile(a, kind, 'big.xlsx', bytes, { pipeline: false });
    const rb = await importFile(b, kind, 'big.xlsx', bytes, { pipeline: true });
    expect(ra.errors).toEqual([]);
    expect(ra.inserted).toBe(N);
    expect(rb).toEqual(ra);
    const wa = written(a, kind);
    expect(wa.rows).toHaveLength(N);
    expect(wa.fts).toHaveLength(N);
    // hand-set values of derived fields travel too
    if (kind === 'contract') {
      // hand-set 审查期限 (the exported one, now off the computed) and computed ones (left empty) both travel
      expect(wa.rows.filter((r) => r.manual !== '').length).toBeGreaterThan(N / 2);
      expect(wa.rows.filter((r) => r.manual === '').length).toBeGreaterThan(N / 20);
    }
    expect(written(b, kind)).toEqual(wa);
  });

  it('dryRun: the same report and sample, nothing written', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const before = counts(b, kind);
    const ra = await importFile(a, kind, 'big.xlsx', bytes, { dryRun: true, pipeline: false });
    const rb = await importFile(b, kind, 'big.xlsx', bytes, { dryRun: true, pipeline: true });
    expect(ra.sample).toHaveLength(20);
    expect(rb).toEqual(ra);
    expect(counts(b, kind)).toEqual(before);
  });

  it('lists the same problems, spread over every chunk, and writes nothing', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const col = (label: string) => good.headers.indexOf(label);
    const bad: Sheet = { headers: good.headers, rows: good.rows.map((r) => [...r]) };
    const date = kind === 'contract' ? '收到日期' : kind === 'reconsideration' ? '收到申请日期' : '收到起诉状日期';
    const dateCol = col(date) >= 0 ? col(date) : good.headers.findIndex((h) => /日期/.test(h));
    bad.rows[0][dateCol] = '2025-02-30'; // first row: a cell that is no date
    bad.rows[1][dateCol] = null; // a required cell left empty (or the row's own rule)
    const mid = CHUNK_ROWS + 400;
    bad.rows[mid][dateCol] = '明天';
    const required = good.headers.findIndex((h, i) => i !== dateCol && h !== '案号' && ['标题', '合同名称', '申请人', '原告', '送审单位'].includes(h));
    bad.rows[mid + 1][required] = null;
    bad.rows[N - 1][dateCol] = 'x';
    if (col('案号') >= 0) {
      bad.rows[2 * CHUNK_ROWS + 5][col('案号')] = bad.rows[10][col('案号')]; // the same 案号 in another chunk
      bad.rows[N - 2][col('案号')] = bad.rows[N - 3][col('案号')];
    }
    const file = await xlsx(bad);
    const before = counts(b, kind);
    const ra = await importFile(a, kind, 'bad.xlsx', file, { pipeline: false });
    const rb = await importFile(b, kind, 'bad.xlsx', file, { pipeline: true });
    expect(ra.inserted).toBe(0);
    expect(ra.errors.length).toBeGreaterThanOrEqual(5);
    expect(ra.errors[0]).toMatch(/^第2行 /);
    expect(ra.errors.at(-1)).toMatch(new RegExp(`^第${N + 1}行 `));
    expect(ra.errors.some((e) => e.startsWith(`第${mid + 2}行 `))).toBe(true);
    if (col('案号') >= 0) expect(ra.errors).toContain(`第${2 * CHUNK_ROWS + 7}行 案号：“${bad.rows[10][col('案号')]}”与第12行重复`);
    expect(rb).toEqual(ra);
    expect(counts(b, kind)).toEqual(before);
    expect(counts(a, kind)).toEqual(before);
  });

  it('header problems: the same report, nothing written', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const headers = [...good.headers];
    headers[1] = '不认识的列';
    headers[2] = headers[3];
    const file = await xlsx({ headers, rows: good.rows });
    const ra = await importFile(a, kind, 'h.xlsx', file, { pipeline: false });
    const rb = await importFile(b, kind, 'h.xlsx', file, { pipeline: true });
    // the duplicate column is a problem; the unknown one is kept in 备注, said as a notice (DOMAIN.md §10)
    expect(ra.errors.length).toBeGreaterThanOrEqual(1);
    expect(ra.errors[0]).toMatch(/^第1行：列“.+”重复出现$/);
    expect(ra.notices!.join('\n')).toMatch(/“不认识的列”.*不是本台账的列，内容将以“列名：值”写入备注/);
    expect(rb).toEqual(ra);
    expect(counts(b, kind)).toEqual(counts(a, kind));
    expect(counts(b, kind).rows).toBe(0);
  });
});

describe('settings changed while the worker reads the file', () => {
  it('the import is done under the new settings, as in the thread', async () => {
    const bytes = await xlsx(many('contract', await template('contract'), N));
    const [a, b] = [await fresh(), await fresh()];
    const NEW = { 'contract.reviewWorkdays': 12, 'contract.majorThreshold': 1000 };
    updateSettings(a, NEW);
    const ra = await importFile(a, 'contract', 'big.xlsx', bytes, { pipeline: false });
    const pending = importFile(b, 'contract', 'big.xlsx', bytes, { pipeline: true });
    updateSettings(b, NEW); // lands while the worker reads (the event loop runs then)
    const rb = await pending;
    expect(rb).toEqual(ra);
    const [wa, wb] = [written(a, 'contract'), written(b, 'contract')];
    expect(wb.rows).toEqual(wa.rows);
    expect(wb.fts).toEqual(wa.fts);
    expect(wb.audit.at(-1)).toEqual(wa.audit.at(-1));
  });
});

describe('案号 against live rows', () => {
  it('a 案号 already in the ledger is reported the same way by both', async () => {
    const t = many('reconsideration', await template('reconsideration'), N);
    const bytes = await xlsx(t);
    const [a, b] = [await fresh(), await fresh()];
    for (const c of [a, b]) await call(c, 'ledger.create', { kind: 'reconsideration', values: { ...FULL.reconsideration, caseNo: '(2025)某复字第1500号' } });
    const before = counts(b, 'reconsideration');
    const ra = await importFile(a, 'reconsideration', 'big.xlsx', bytes, { pipeline: false });
    const rb = await importFile(b, 'reconsideration', 'big.xlsx', bytes, { pipeline: true });
    expect(ra.errors).toEqual(['第1501行 案号：“（2025）某复字第1500号”已存在于行政复议案件台账中（重新导入时请选择更新或跳过已有记录）']);
    expect(rb).toEqual(ra);
    expect(counts(b, 'reconsideration')).toEqual(before);
  });
});

describe('an office sheet with a mapping, re-imported over records already there', () => {
  it('the worker applies the same mapping (plain data) and the same updates as the thread', async () => {
    // a title row, the office's own headers (aliases, 序号, an unknown column, an ambiguous 日期 mapped by the
    // user), its own words (驳回, 调处 mapped by the user), a 合计 row at the end
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['2025年行政复议案件台账']);
    ws.addRow(['序号', '编号', '申请人', '被复议机关', '案由', '收案日期', '日期', '处理结果', '经办人', '卷宗号']);
    const words = ['驳回', '调处', '撤销', '申请人撤回'];
    for (let i = 1; i <= N; i++) {
      const received = new Date(Date.UTC(2025, 0, 1 + (i % 150)));
      const closed = new Date(received.getTime() + 40 * 86_400_000);
      ws.addRow([i, `（2025）某复${i}号`, `申请人${i}`, '县公安局', '行政处罚', received, closed, words[i % 4], `承办人${i % 5}`, `J-${i}`]);
    }
    ws.addRow(['合计', null, null, null, `${N}件`]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const mapping = { columns: { 日期: '审结日期' }, values: { 审结方式: { 调处: '调解' } } };
    const [a, b] = [await fresh(), await fresh()];
    // three cases already in each ledger: one the same as the sheet will say, two that the sheet changes
    for (const c of [a, b]) {
      await call(c, 'ledger.create', {
        kind: 'reconsideration',
        values: {
          caseNo: '（2025）某复10号',
          applicant: '申请人10',
          respondent: '县公安局',
          receivedOn: '2025-01-11',
          actType: '行政处罚',
          handler: '承办人0',
          closedOn: '2025-02-20',
          disposition: '终止(其他)',
          note: '手填备注',
        },
      });
      await call(c, 'ledger.create', {
        kind: 'reconsideration',
        values: { caseNo: '（2025）某复1200号', applicant: '旧名', respondent: '县公安局', receivedOn: '2025-01-01' },
      });
      await call(c, 'ledger.create', {
        kind: 'reconsideration',
        values: {
          caseNo: '（2025）某复2000号',
          applicant: '申请人2000',
          respondent: '县公安局',
          receivedOn: '2025-02-20',
          actType: '行政处罚',
          handler: '承办人0',
          closedOn: '2025-04-01',
          disposition: '驳回复议请求',
          note: '卷宗号：J-2000',
        },
      });
    }
    const refused = await importFile(a, 'reconsideration', 'office.xlsx', bytes, { pipeline: false, mapping, dryRun: true });
    expect(refused.errors).toHaveLength(3);
    const ra = await importFile(a, 'reconsideration', 'office.xlsx', bytes, { pipeline: false, mapping, existing: 'update' });
    const rb = await importFile(b, 'reconsideration', 'office.xlsx', bytes, { pipeline: true, mapping, existing: 'update' });
    expect(ra.errors).toEqual([]);
    // N rows on the sheet, 3 already there: 2 changed by the sheet, 1 the same
    expect([ra.inserted, ra.updated, ra.unchanged, ra.total]).toEqual([N - 3, 2, 1, N]);
    const strip = (r: typeof ra) => ({ ...r, updates: r.updates!.map(({ id, ...u }) => (expect(typeof id).toBe('string'), u)) });
    expect(strip(rb)).toEqual(strip(ra));
    expect(ra.updates!.map((u) => u.line)).toEqual([12, 1202]);
    expect(ra.updates![0].changes).toEqual([
      { field: '审结方式', before: '终止(其他)', after: '撤销' },
      { field: '备注', before: '手填备注', after: '手填备注；卷宗号：J-10' },
    ]);
    const wa = written(a, 'reconsideration');
    const wbb = written(b, 'reconsideration');
    expect(wbb.rows).toEqual(wa.rows);
    expect(wbb.fts).toEqual(wa.fts);
    const one = (c: Core) => c.db.prepare('SELECT * FROM reconsideration WHERE "caseNo" = ?').get('（2025）某复1200号') as Record<string, unknown>;
    expect(one(b)).toMatchObject({ applicant: '申请人1200', disposition: '驳回复议请求', handler: '承办人0', note: '卷宗号：J-1200', version: 2 });
    // 调处, a word the user mapped, on every fourth row from the first
    const d1 = b.db.prepare('SELECT disposition FROM reconsideration WHERE "caseNo" = ?').pluck().get('（2025）某复1号');
    expect(d1).toBe('调解');
    expect(counts(b, 'reconsideration').rows).toBe(N);
  });
});

describe('files the worker cannot read, or without data', () => {
  it('gives the same error or report as the thread', async () => {
    const a = await fresh();
    const t = await template('contract');
    const cases: [string, Buffer][] = [
      ['bad.xlsx', Buffer.from('这不是一个 Excel 文件'.repeat(50))],
      ['empty.xlsx', await xlsx({ headers: t.headers, rows: [] })],
      ['other.xlsx', await xlsx({ headers: ['甲', '乙'], rows: [[1, 2]] })],
      ['small.csv', Buffer.from(`${t.headers.join(',')}\r\n`, 'utf8')],
    ];
    for (const [name, bytes] of cases) {
      const viaThread = await importFile(a, 'contract', name, bytes, { pipeline: false }).catch((e: Error) => ({ thrown: e.message }));
      const viaWorker = await importFile(a, 'contract', name, bytes, { pipeline: true }).catch((e: Error) => ({ thrown: e.message }));
      expect(viaWorker, name).toEqual(viaThread);
    }
    expect(counts(a, 'contract').rows).toBe(0);
  });
});

describe('when the worker dies', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await xlsx(many('contract', await template('contract'), N));
  });

  for (const how of ['exit', 'throw', 'hang'] as const) {
    it(`(${how}) mid-import: rolled back with a Chinese error, and the next import works`, async () => {
      const core = await fresh();
      await importFile(core, 'contract', 'warm.xlsx', bytes, { pipeline: true, dryRun: true });
      const before = counts(core, 'contract');
      pipelineHooks.crash = { afterChunks: 1, how };
      hostLimits.gapMs = 1500;
      const e = (await importFile(core, 'contract', 'big.xlsx', bytes, { pipeline: true }).catch((x: unknown) => x)) as { code?: string; message?: string };
      expect(e.code).toBe('IMPORT_FAILED');
      expect(e.message).toMatch(/^导入未完成：.*没有写入任何数据/);
      expect(counts(core, 'contract')).toEqual(before);
      expect(core.db.inTransaction).toBe(false);
      delete pipelineHooks.crash;
      const r = await importFile(core, 'contract', 'big.xlsx', bytes, { pipeline: true });
      expect(r.inserted).toBe(N);
    });
  }

  it('cannot start (an installation missing the worker file): a big file is refused, never read in the thread; a small one is', async () => {
    const [a, b] = [await fresh(), await fresh()];
    hostHooks.workerFile = path.join(os.tmpdir(), `no-such-import-worker-${process.pid}.js`);
    try {
      const big = await xlsx(many('contract', await template('contract'), 3 * N));
      expect(big.length).toBeGreaterThanOrEqual(PIPELINE_MIN_BYTES);
      const e = (await importFile(b, 'contract', 'big.xlsx', big, {}).catch((x: unknown) => x)) as { code?: string; message?: string };
      expect(e.code).toBe('IMPORT_FAILED');
      expect(e.message).toMatch(/^导入未完成：读取文件的线程无法启动.*没有写入任何数据/);
      expect(counts(b, 'contract').rows).toBe(0);
      const small = await xlsx(many('contract', await template('contract'), 50));
      expect(small.length).toBeLessThan(PIPELINE_MIN_BYTES);
      const rb = await importFile(b, 'contract', 'small.xlsx', small, { pipeline: true });
      const ra = await importFile(a, 'contract', 'small.xlsx', small, { pipeline: false });
      expect(rb.inserted).toBe(50);
      expect(rb).toEqual(ra);
      expect(written(b, 'contract')).toEqual(written(a, 'contract'));
    } finally {
      delete hostHooks.workerFile;
      stopImportWorker(b);
    }
  });

  it('runs out of its heap (resourceLimits) on a big file: refused in Chinese, not read again in the thread; the process goes on', async () => {
    const core = await fresh();
    const rows = Array.from({ length: 200_000 }, (_, i) => `合同${i}号合同名称比较长的一段文字,某单位${i},2025-01-02`);
    const big = Buffer.from(`合同名称,送审单位,送审日期\r\n${rows.join('\r\n')}\r\n`);
    stopImportWorker(core);
    hostLimits.heapMb = 64;
    try {
      const e = (await importFile(core, 'contract', 'big.csv', big, { dryRun: true }).catch((x: unknown) => x)) as { code?: string; message?: string };
      // the file is good: read again in this thread, it would have been checked without a problem
      expect(e.code).toBe('IMPORT_FAILED');
      expect(e.message).toBe(
        '导入未完成：读取这个文件需要的内存超过了上限（64 MB），文件可能过大或已损坏、被改造，已放弃本次导入，没有写入任何数据。请把文件拆分成几个较小的文件分别导入',
      );
    } finally {
      hostLimits.heapMb = IMPORT_WORKER_HEAP_MB;
    }
    const r = await importFile(core, 'contract', 'big.csv', big, { dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.total).toBe(200_000);
    stopImportWorker(core);
  });

  it('a big yearly table (年度素材) is read in the worker too: imported the same, refused when the worker cannot start', async () => {
    const core = await fresh();
    const materials = Array.from({ length: 12 }, (_, i) => ({ 年度: 2025, 名称: `素材${i}`, 内容: `第${i}段。${'法治政府建设'.repeat(4000)}` }));
    const big = Buffer.from(JSON.stringify(materials));
    expect(big.length).toBeGreaterThanOrEqual(PIPELINE_MIN_BYTES);
    hostHooks.workerFile = path.join(os.tmpdir(), `no-such-import-worker-${process.pid}.js`);
    stopImportWorker(core);
    try {
      await expect(importFile(core, 'material', '素材.json', big, {})).rejects.toThrow(/^导入未完成：读取文件的线程无法启动/);
    } finally {
      delete hostHooks.workerFile;
      stopImportWorker(core);
    }
    const r = await importFile(core, 'material', '素材.json', big, {});
    expect(r.inserted).toBe(12);
    const got = core.db.prepare('SELECT name, content FROM materials ORDER BY name').all() as { name: string; content: string }[];
    expect(got.map((m) => m.content).sort()).toEqual(materials.map((m) => m.内容).sort());
    stopImportWorker(core);
  });

  it('the threshold: small files stay in the thread, big ones go through the worker', async () => {
    const core = await fresh();
    const small = await xlsx(many('contract', await template('contract'), 50));
    expect(small.length).toBeLessThan(PIPELINE_MIN_BYTES);
    const big = await xlsx(many('contract', await template('contract'), 3 * N));
    expect(big.length).toBeGreaterThanOrEqual(PIPELINE_MIN_BYTES);
    pipelineHooks.crash = { afterChunks: 0, how: 'throw' };
    expect((await importFile(core, 'contract', 'small.xlsx', small, {})).inserted).toBe(50);
    await expect(importFile(core, 'contract', 'big.xlsx', big, {})).rejects.toThrow(/导入未完成/);
    delete pipelineHooks.crash;
    // through the API (check, backup, import), as the window does
    const r = await call(core, 'exchange.import', { kind: 'contract', fileName: 'big.xlsx', content: big.toString('base64') });
    expect(r.inserted).toBe(3 * N);
  });
});
