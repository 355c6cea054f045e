// Benchmark suite (issue 6): npm run bench [-- --rows N] [--quick] [--json <file>] [--runs 5]
// Builds (or reuses) bench-data/rows-<N>.db — N synthetic rows over ten years and all six ledgers, made by
// scripts/seed.ts in a child process — then measures in this process, median of ≥5 runs after a warm-up:
// statsYear against a hand-written one-pass SQL baseline, a filtered/sorted page, search, the deadline board,
// a 10,000-row .xlsx import against raw prepared inserts, the year-end report, a 10,000-row Word export, start-up
// and peak RSS; then the command line in child processes: `help`/`stats` cold starts and .xlsx exports of 案卷评查
// (a year; the whole ledger in full runs, not with --quick). See docs/performance.md for what each figure means and the targets.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dispatch } from '../electron/core/api/dispatch';
import { openCore, type Core } from '../electron/core/core';
import { fromDbRow, toColumn } from '../electron/core/db/ledger-repo';
import { storeDirFor } from '../electron/core/attachments-store';
import { exportFile, importFile } from '../electron/core/exchange';
import { checkFileInWorker } from '../electron/core/db/worker';
import { computeMetrics } from '../electron/core/stats/compute';
import { statsWorkerState } from '../electron/core/stats/stats-host';
import type { ApiInput, ApiMethod, ApiOutput } from '../electron/domain/api';
import type { LedgerKind } from '../electron/domain/fields';
import { LEDGERS } from '../electron/domain/ledgers';
import { ROWS_PER_YEAR_AT_SCALE_1 } from './seed';
import { calendarScope, firstChangedDay, rederiveAll, updateSettings } from '../electron/core/core';
import { loadCalendar } from '../electron/core/calendar-store';
import { SEARCH_RECENT } from '../electron/domain/text';
import { filterableField, sortableField } from '../electron/domain/fields';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const YEARS: [number, number] = [2016, 2025];
const TODAY = '2025-12-20';
const STATS_YEAR = 2024;
const KINDS = Object.keys(LEDGERS) as LedgerKind[];

export interface BenchResult {
  rows: number;
  statsYearMs: number;
  /** the same catalogue with both years on the main thread (no statistics worker): the figure before it */
  statsYearOneCoreMs: number;
  statsBaselineMs: number;
  /**
   * The very statements statsYear's computeMetrics ran (recorded from one run), replayed raw on the same connection
   * with the same arguments: the product's overhead over its own SQL is statsYearOneCoreMs / statsReplayMs.
   */
  statsReplayMs: number;
  /** issue 16: Ctrl+K as the dialog sends it (six ledgers at once, 5 rows each) for one character, p95 */
  ctrlK1CharP95Ms: number;
  /** issue 16: a page sorted by each column a header offers (every year), both ways, p95 */
  sortP95Ms: number;
  /** issue 16: a page of one year filtered by each field the filter panel offers, p95 */
  filterYearP95Ms: number;
  /** issue 16: page 4,000 and the last page of the two biggest ledgers, the slowest */
  deepPageMs: number;
  /**
   * issue 16: five deadlines and thresholds changed at once as 设置 saves them (running deadlines, rows between the old
   * and new lines), rolled back, in a child process
   */
  rederiveMs: number;
  /** the same change for every record (past years and closed cases too: an explicit choice with progress, no target) */
  rederiveClosedMs: number;
  /** that child process's peak RSS (MB) */
  rederivePeakRssMb: number;
  /** issue 16: 优秀分数线 90 → 85 saved (only the 案卷 between the lines are read), in the same child, rolled back */
  rederiveScoreLineMs: number;
  /** issue 16: a corrected holiday year (the data's last): running deadlines on or after the first changed day */
  rederiveHolidayMs: number;
  pageQueryP50Ms: number;
  pageQueryP95Ms: number;
  searchP50Ms: number;
  searchP95Ms: number;
  /** opening a case with 20 parties and 100 attachments: ledger.get + case.get + attach.list (issue 18) */
  caseOpen100AttachmentsMs: number;
  /** the 工作台's board: the counts and the first page */
  deadlinesMs: number;
  /** every overdue and due-soon item as one list (what the board was before it was paged) */
  deadlinesAllMs: number;
  importRowsPerSec: number;
  rawInsertRowsPerSec: number;
  importBackupMs: number;
  /** the start-up PRAGMA quick_check, which the app runs in a worker thread after the window answers */
  quickCheckMs: number;
  /** median ms of each page query and each search, in the order of PAGE_QUERIES / SEARCHES */
  pageQueryMs: number[];
  searchMs: number[];
  /** RSS (MB) after the queries, before the .xlsx import */
  rssBeforeImportMb: number;
  /**
   * Memory after each phase, in order: the RSS then (MB) and the process's peak RSS so far (MB). The phase whose
   * peak is higher than the one before it is the one that raised the peak.
   */
  memoryByPhase: PhaseMemory[];
  /** items on the board (overdue and due soon): its time grows with them */
  boardItems: number;
  reportMs: number;
  wordExport10kMs: number;
  /** issue 18: generating a 行政复议决定书 from the built-in template (filled from a case with 20 parties, .docx) */
  caseDocGenerateMs: number;
  /** issue 18: opening a case with 20 parties and 30 文书 as the drawer does (ledger.get, case.get, caseDocs.list) */
  caseOpenMs: number;
  startupMs: number;
  peakRssMb: number;
  /** `fazhi help` and `fazhi stats` as a user starts them (the compiled out/cli), median ms of whole processes */
  cliHelpMs: number;
  cliStatsMs: number;
  /** `fazhi export` of a year of 案卷评查 to .xlsx (a child process): ms, its peak RSS (MB), rows */
  exportYearXlsxMs: number;
  exportYearXlsxRssMb: number;
  exportYearRows: number;
  /** the same for the whole 案卷评查 ledger, every year (full runs only: not with --quick) */
  exportLedgerXlsxMs?: number;
  exportLedgerXlsxRssMb?: number;
  exportLedgerRows?: number;
  /** issue 16: `fazhi import` of 50,000 contracts (.xlsx) into the file, wall ms of the process, and its undo */
  cliImport50kMs: number;
  cliImportRows: number;
  cliUndoImport50kMs: number;
}

export interface PhaseMemory {
  phase: string;
  rssMb: number;
  peakRssMb: number;
  /** V8 heap in use and memory outside it held by JavaScript objects (Buffers, ArrayBuffers) */
  heapMb: number;
  externalMb: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Memory after each phase: `peakRssMb` only grows, so the phase where it jumps is the one that raised it. */
class MemoryLog {
  readonly phases: PhaseMemory[] = [];
  constructor(private readonly log: (s: string) => void = () => {}) {}
  mark(phase: string): void {
    const m = process.memoryUsage();
    const p = { phase, rssMb: mb(m.rss), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), heapMb: mb(m.heapUsed), externalMb: mb(m.external) };
    this.phases.push(p);
    this.log(
      `内存 ${phase.padEnd(18)} RSS ${String(p.rssMb).padStart(5)} MB  峰值 ${String(p.peakRssMb).padStart(5)} MB  堆 ${p.heapMb} MB  外部 ${p.externalMb} MB`,
    );
  }
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
const round = (x: number) => Math.round(x * 10) / 10;

async function api<M extends ApiMethod>(core: Core, m: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await dispatch(core, m, input);
  if (!r.ok) throw new Error(`${m} 失败：${r.error.message}`);
  return r.data as ApiOutput<M>;
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Warm up once, then `runs` timings. */
async function timings(runs: number, fn: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  await fn(-1);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await time(() => fn(i)));
  return out;
}

/** The data file of N rows: built once by the seed script in a child process (so its memory is not ours). */
function ensureData(rows: number, log: (s: string) => void): string {
  const file = path.join(ROOT, 'bench-data', `rows-${rows}.db`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const scale = rows / (ROWS_PER_YEAR_AT_SCALE_1 * (YEARS[1] - YEARS[0] + 1));
  log(`正在生成 ${rows} 行基准数据（${YEARS[0]}–${YEARS[1]}，scale ${scale.toFixed(2)}）：${file}`);
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts', 'seed.ts'), '--db', tmp, '--years', YEARS.join('-'), '--scale', String(scale), '--today', TODAY],
    { stdio: 'inherit', cwd: ROOT },
  );
  fs.renameSync(tmp, file);
  return file;
}

/**
 * The baseline for statsYear: hand-written SQL, one pass over each ledger table with conditional sums of the
 * same counts (rows of the year by their ★ date, closed/decided in the year, outcomes, open at year end).
 */
function statsBaseline(core: Core, year: number): Record<string, unknown> {
  const a = `${year}-01-01`;
  const b = `${year}-12-31`;
  const inY = (c: string) => `"${c}" BETWEEN '${a}' AND '${b}'`;
  const q: Record<LedgerKind, string> = {
    normative: `SELECT sum(${inY('receivedOn')}), sum(${inY('receivedOn')} AND "reviewType" = '备案审查'), sum(${inY('receivedOn')} AND conclusion = '不同意'),
      sum(${inY('receivedOn')} * coalesce(opinions, 0)), sum(${inY('receivedOn')} * coalesce(adopted, 0)), sum(${inY('publishedOn')}),
      sum(${inY('filedGovOn')}), sum(${inY('cleanupOn')} AND status = '已废止'), sum(${inY('receivedOn')} AND coalesce("completedOn", '${b}') > "dueOn")
      FROM normative WHERE deleted_at IS NULL`,
    decision: `SELECT sum(${inY('receivedOn')}), sum(${inY('receivedOn')} AND "inCatalog"), sum(${inY('receivedOn')} AND "publicParticipation"),
      sum(${inY('receivedOn')} AND "expertReview"), sum(${inY('receivedOn')} AND "riskAssessment"), sum(${inY('receivedOn')} AND hearing),
      sum(${inY('receivedOn')} * coalesce(opinions, 0)) FROM decision WHERE deleted_at IS NULL`,
    contract: `SELECT sum(${inY('receivedOn')}), sum(${inY('receivedOn')} AND major), sum(${inY('receivedOn')} * coalesce(amount, 0)),
      sum(${inY('receivedOn')} * coalesce(opinions, 0)), sum(${inY('receivedOn')} AND coalesce("completedOn", '${b}') > "dueOn")
      FROM contract WHERE deleted_at IS NULL`,
    reconsideration: `SELECT sum(${inY('receivedOn')}), sum(${inY('acceptedOn')}), sum(${inY('receivedOn')} AND intake = '不予受理'), sum(${inY('closedOn')}),
      sum(${inY('closedOn')} AND disposition = '维持'), sum(${inY('closedOn')} AND disposition IN ('驳回复议请求', '驳回申请')),
      sum(${inY('closedOn')} AND disposition IN ('变更', '撤销', '确认违法', '确认无效', '责令履行')),
      sum(${inY('closedOn')} AND disposition IN ('调解', '终止(撤回)')), sum(${inY('receivedOn')} AND enterprise),
      sum("receivedOn" <= '${b}' AND ("closedOn" IS NULL OR "closedOn" > '${b}')), sum(${inY('closedOn')} AND "closedOn" > "decisionDueOn")
      FROM reconsideration WHERE deleted_at IS NULL`,
    litigation: `SELECT sum(${inY('receivedOn')}), sum(${inY('receivedOn')} AND instance = '一审'), sum(${inY('closedOn')}), sum(${inY('closedOn')} AND lost),
      sum(${inY('closedOn')} AND hearings > 0), sum(${inY('closedOn')} AND "headHearings" > 0), sum(${inY('closedOn')} * coalesce("headHearings", 0)),
      sum("receivedOn" <= '${b}' AND ("closedOn" IS NULL OR "closedOn" > '${b}')), sum(${inY('receivedOn')} AND "judicialSuggestion")
      FROM litigation WHERE deleted_at IS NULL`,
    casefile: `SELECT sum(${inY('reviewedOn')}), sum(${inY('reviewedOn')} AND grade = '优秀'), sum(${inY('reviewedOn')} AND grade = '合格'),
      sum(${inY('reviewedOn')} AND grade = '不合格'), sum(${inY('reviewedOn')} AND issues > 0), sum(${inY('reviewedOn')} AND issues > 0 AND "rectifiedOn" IS NOT NULL),
      avg(CASE WHEN ${inY('reviewedOn')} THEN score END) FROM casefile WHERE deleted_at IS NULL`,
  };
  return Object.fromEntries(KINDS.map((k) => [k, core.db.prepare(q[k]).raw().get()]));
}

/** Page queries as the list screens send them: a year, a filter, a sort, 50 rows. */
const PAGE_QUERIES: ApiInput<'ledger.list'>[] = [
  { kind: 'reconsideration', year: STATS_YEAR, filters: { disposition: '维持' }, sort: { field: 'closedOn', dir: 'desc' }, pageSize: 50 },
  { kind: 'contract', year: STATS_YEAR, filters: { contractType: '政府采购' }, sort: { field: 'amount', dir: 'desc' }, pageSize: 50, page: 3 },
  { kind: 'casefile', year: STATS_YEAR, filters: { grade: '合格' }, sort: { field: 'reviewedOn', dir: 'asc' }, pageSize: 50 },
  { kind: 'litigation', year: 2023, filters: { instance: '一审' }, sort: { field: 'receivedOn', dir: 'desc' }, pageSize: 50, page: 2 },
  { kind: 'normative', year: STATS_YEAR, filters: { reviewType: '合法性审核' }, sort: { field: 'dueOn', dir: 'asc' }, pageSize: 50 },
  { kind: 'decision', year: 2022, filters: { category: '发展规划' }, sort: { field: 'receivedOn', dir: 'desc' }, pageSize: 50 },
];

/** Searches of 2–3 characters, the usual Ctrl+K and list-box queries. */
const SEARCHES: ApiInput<'ledger.list'>[] = [
  { kind: 'reconsideration', q: '公安', pageSize: 50 },
  { kind: 'contract', q: '物业', pageSize: 50 },
  { kind: 'litigation', q: '王建国', pageSize: 50 },
  { kind: 'casefile', q: '市场监', pageSize: 50 },
  { kind: 'normative', q: '办法', pageSize: 50 },
  { kind: 'reconsideration', q: '复字', pageSize: 50, year: STATS_YEAR },
];

/** The 10,000 contracts the import reads: exported once, in a child process (its memory is not the import's). */
async function makeImportFile(dbFile: string, out: string, rows = 10_000): Promise<void> {
  const core = await openCore(dbFile, { readonly: true });
  try {
    const ids = core.db.prepare(`SELECT id FROM contract WHERE deleted_at IS NULL ORDER BY rid LIMIT ?`).pluck().all(rows) as string[];
    fs.writeFileSync(out, (await exportFile(core, 'contract', 'xlsx', { ids })).bytes);
  } finally {
    core.close();
  }
}

function ensureImportFile(dbFile: string): string {
  const out = dbFile.replace(/\.db$/, '-contract-10k.xlsx');
  if (!fs.existsSync(out))
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--make-import-file', dbFile, out], { stdio: 'inherit', cwd: ROOT });
  return out;
}

async function importBench(
  core: Core,
  runs: number,
  memory: MemoryLog,
): Promise<{ importRowsPerSec: number; rawInsertRowsPerSec: number; importBackupMs: number }> {
  const def = LEDGERS.contract;
  const ids = core.db.prepare(`SELECT id FROM contract WHERE deleted_at IS NULL ORDER BY rid LIMIT 10000`).pluck().all() as string[];
  const xlsx = { fileName: 'contract-10k.xlsx', bytes: fs.readFileSync(ensureImportFile(core.file)) };
  const n = ids.length;
  const values = (
    core.db.prepare(`SELECT * FROM contract WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Record<string, unknown>[]
  ).map((r) => fromDbRow(def, r));
  const maxRid = () => core.db.prepare('SELECT max(rid) FROM contract').pluck().get() as number;
  const undo = (from: number) => core.db.prepare('DELETE FROM contract WHERE rid > ?').run(from);
  const imp: number[] = [];
  const raw: number[] = [];
  const keys = def.fields.map((f) => f.key);
  const stmt = core.db.prepare(
    `INSERT INTO contract (id, version, created_at, updated_at, manual, ${keys.map((k) => `"${k}"`).join(', ')}) VALUES (?, 1, ?, ?, '', ${keys.map(() => '?').join(', ')})`,
  );
  for (let i = -1; i < runs; i++) {
    let from = maxRid();
    const t = await time(async () => {
      const r = await importFile(core, 'contract', xlsx.fileName, xlsx.bytes, {});
      if (r.errors.length || r.inserted !== n) throw new Error(`导入失败：${r.errors.slice(0, 3).join('；')}`);
    });
    // the checkpoint the import left to a worker (records.ts) finishes before the raw inserts are timed
    await core.settled();
    undo(from);
    from = maxRid();
    const tr = await time(() => {
      const at = new Date().toISOString();
      core.db.transaction(() => {
        for (const v of values) stmt.run(crypto.randomUUID(), at, at, ...def.fields.map((f) => toColumn(f, v.values[f.key] ?? null)));
      })();
    });
    undo(from);
    if (i >= 0) {
      imp.push(t);
      raw.push(tr);
    }
    memory.mark(`import ${i < 0 ? '预热' : i + 1}`);
  }
  // a full backup (an import made one before writing until issue 16; now the backup schedule's cost, not the import's)
  const { backupNow } = await import('../electron/core/safety/auto-backup');
  const backupMs = await time(() => backupNow(core, '手动'));
  memory.mark('importBackup');
  return { importRowsPerSec: Math.round(n / (median(imp) / 1000)), rawInsertRowsPerSec: Math.round(n / (median(raw) / 1000)), importBackupMs: round(backupMs) };
}

/** The year-end report (figures, template, GB/T 9704 .docx) and 10,000 contracts written as a Word table. */
async function reportBench(core: Core, runs: number, memory: MemoryLog): Promise<{ reportMs: number; wordExport10kMs: number }> {
  // a report names the office and is refused without it (issue 15); bench files made before that have none
  if (!core.settings.单位名称.trim()) await api(core, 'settings.update', { patch: { 单位名称: '基准测试县人民政府' } });
  const report = await timings(runs, () => api(core, 'report.generate', { year: STATS_YEAR, variant: 'formal' }));
  memory.mark('report');
  const ids = core.db.prepare(`SELECT id FROM contract WHERE deleted_at IS NULL ORDER BY rid LIMIT 10000`).pluck().all() as string[];
  const word = await timings(runs, () => exportFile(core, 'contract', 'docx', { ids }));
  memory.mark('wordExport10k');
  return { reportMs: round(median(report)), wordExport10kMs: round(median(word)) };
}

/**
 * The case file (issue 18): a 复议 case with 20 parties and 30 文书 (each with a 送达), made inside a transaction
 * that is rolled back, so the bench file is left as it was. Times generating a 决定书 and opening the case.
 */
async function caseDocsBench(core: Core, runs: number, memory: MemoryLog): Promise<{ caseDocGenerateMs: number; caseOpenMs: number }> {
  const settings = core.settings;
  core.db.exec('BEGIN');
  try {
    core.settings = { ...settings, 单位名称: settings.单位名称 || '基准测试县人民政府', '文书.机关代字': '基准' };
    const c = await api(core, 'ledger.create', {
      kind: 'reconsideration',
      values: {
        caseNo: '（2025）基准复字第9001号',
        receivedOn: '2025-03-03',
        applicant: '基准申请人',
        respondent: '基准县某局',
        intake: '受理',
        acceptedOn: '2025-03-07',
        actName: '行政处罚决定书',
        request: '撤销处罚',
        closedOn: '2025-04-20',
        disposition: '撤销',
      },
    });
    for (let i = 0; i < 20; i++) {
      const role = i === 0 ? '被申请人' : i % 5 === 0 ? '第三人' : '申请人';
      await api(core, 'case.addParty', {
        kind: 'reconsideration',
        id: c.id,
        party: { role, partyType: '自然人', name: `基准当事人${i}`, gender: '男', birthDate: '1980-01-02', address: '某县某路 1 号', phone: '0571-1234567' },
      });
    }
    const generate = (i: number) =>
      api(core, 'caseDocs.generate', {
        kind: 'reconsideration',
        id: c.id,
        docKind: '行政复议决定书',
        signer: '基准',
        signedOn: '2025-04-20',
        inputs: { 查明事实: `第 ${i} 次生成。`.repeat(20), 理由: '理由。'.repeat(50) },
      });
    const gen = await timings(runs, generate);
    memory.mark('caseDocGenerate');
    const kinds = ['受理通知书', '答复通知书', '补正通知书', '听证通知书', '中止通知书'];
    let n = (await api(core, 'caseDocs.list', { kind: 'reconsideration', id: c.id })).docs.length;
    for (; n < 30; n++) {
      const r = await api(core, 'caseDocs.generate', {
        kind: 'reconsideration',
        id: c.id,
        docKind: kinds[n % kinds.length],
        signer: '基准',
        signedOn: '2025-04-20',
      });
      await api(core, 'caseDocs.addService', {
        kind: 'reconsideration',
        id: c.id,
        docId: r.doc.id,
        service: { recipient: '基准当事人1', method: '直接', servedOn: '2025-04-21' },
      });
    }
    const open = await timings(runs, () =>
      Promise.all([
        api(core, 'ledger.get', { kind: 'reconsideration', id: c.id }),
        api(core, 'case.get', { kind: 'reconsideration', id: c.id }),
        api(core, 'caseDocs.list', { kind: 'reconsideration', id: c.id }),
      ]),
    );
    memory.mark('caseOpen');
    return { caseDocGenerateMs: round(median(gen)), caseOpenMs: round(median(open)) };
  } finally {
    core.db.exec('ROLLBACK');
    core.settings = settings;
  }
}

/**
 * A `fazhi` command in a process of its own, as users run it: wall time (ms), the child's peak RSS (MB, measured
 * in the child by scripts/probe.mjs: the bench's own memory does not count) and what it printed on stderr.
 */
function cli(args: string[]): { ms: number; rssMb: number; err: string } {
  const probe = path.join(ROOT, 'bench-data', `probe-${process.pid}.json`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', './scripts/probe.mjs', 'bin/fazhi.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FAZHI_PROBE: probe },
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`fazhi ${args[0]} 失败：${r.stderr}`);
  const { peakRssMb } = JSON.parse(fs.readFileSync(probe, 'utf8')) as { peakRssMb: number };
  fs.rmSync(probe, { force: true });
  return { ms, rssMb: peakRssMb, err: r.stderr };
}

/**
 * Issue 16: `fazhi import` of a 50,000-row .xlsx into the whole file, wall time of the process (read once, check,
 * write in one transaction, no backup before it), and `fazhi undo-import` of it. Into a copy of the bench file
 * (checkpointed, then copied: nobody writes meanwhile), imported and undone `runs` times; medians.
 */
async function cliImportBench(core: Core, runs: number, memory: MemoryLog, log: (s: string) => void) {
  const xlsx = core.file.replace(/\.db$/, '-contract-50k.xlsx');
  if (!fs.existsSync(xlsx))
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--make-import-file', core.file, xlsx, '50000'], {
      stdio: 'inherit',
      cwd: ROOT,
    });
  const copy = path.join(ROOT, 'bench-data', `import-${process.pid}.db`);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(core.file, copy);
  const imports: number[] = [];
  const undos: number[] = [];
  let rows = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const imp = cli(['import', xlsx, '--db', copy, '--kind', 'contract']);
      rows = Number(/已导入 (\d+) 条/.exec(imp.err)?.[1] ?? NaN);
      const undo = cli(['undo-import', '--db', copy]);
      imports.push(imp.ms);
      undos.push(undo.ms);
      log(`命令行导入 ${rows} 行：${round(imp.ms)} ms（子进程峰值 ${imp.rssMb} MB）；撤销：${round(undo.ms)} ms`);
    }
  } finally {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}.lock`]) fs.rmSync(f, { force: true });
  }
  memory.mark('cli import 50k');
  return { cliImport50kMs: round(median(imports)), cliImportRows: rows, cliUndoImport50kMs: round(median(undos)) };
}

/**
 * The command line (issue 16): cold starts of `help` and `stats` (each a new process; after one run that fills
 * Node's compile cache, as any run after the first), and .xlsx exports of 案卷评查 — one year (~40,000 rows at
 * 1,000,000) and, in full runs, the whole ledger (~400,000) — timed with the child's peak memory.
 */
async function cliBench(file: string, runs: number, full: boolean, memory: MemoryLog, log: (s: string) => void) {
  // what users run: the compiled build, made afresh from these sources
  const { buildCli } = (await import('./build-cli.mjs' as string)) as { buildCli: () => Promise<void> };
  await buildCli();
  const starts = (args: string[]) => {
    cli(args);
    return median(Array.from({ length: runs }, () => cli(args).ms));
  };
  const cliHelpMs = starts(['help']);
  const cliStatsMs = starts(['stats', '--db', file, '--year', String(STATS_YEAR)]);
  memory.mark('cli help/stats');
  const out = path.join(ROOT, 'bench-data', `export-${process.pid}.xlsx`);
  const count = (err: string) => Number(/已导出 (\d+) 条/.exec(err)?.[1] ?? NaN);
  try {
    const year = Array.from({ length: 3 }, () => cli(['export', '--db', file, '--kind', 'casefile', '--year', String(STATS_YEAR), '--out', out]));
    const yearMs = median(year.map((x) => x.ms));
    log(`导出一年案卷评查：${count(year[0].err)} 行，${round(yearMs)} ms，子进程峰值 ${Math.max(...year.map((x) => x.rssMb))} MB`);
    let ledger: ReturnType<typeof cli> | undefined;
    if (full) {
      ledger = cli(['export', '--db', file, '--kind', 'casefile', '--out', out]);
      log(`导出整个案卷评查台账：${count(ledger.err)} 行，${round(ledger.ms)} ms，子进程峰值 ${ledger.rssMb} MB`);
    }
    memory.mark('cli export');
    return {
      cliHelpMs: round(cliHelpMs),
      cliStatsMs: round(cliStatsMs),
      exportYearXlsxMs: round(yearMs),
      exportYearXlsxRssMb: Math.max(...year.map((x) => x.rssMb)),
      exportYearRows: count(year[0].err),
      ...(ledger ? { exportLedgerXlsxMs: round(ledger.ms), exportLedgerXlsxRssMb: ledger.rssMb, exportLedgerRows: count(ledger.err) } : {}),
    };
  } finally {
    fs.rmSync(out, { force: true });
  }
}

/**
 * statsYear's own statements, replayed raw: computeMetrics runs once with every statement execution recorded (the
 * prepared statement, get/all/iterate, the arguments), and the replay runs exactly those on the same connection
 * without the product's code around them. The old baseline (one hand-written pass
 * over each table) read every row, slower than the product's index-only queries, so “≤ 3× the baseline” could
 * not fail; “≤ 1.2× the replay” measures what the product adds to its own SQL.
 */
function statsReplay(core: Core): () => void {
  type Mode = 'get' | 'all' | 'iterate';
  type Method = (this: unknown, ...a: unknown[]) => unknown;
  // the statements are prepared once per connection (stats/compute.ts) and were prepared by the calls before:
  // their executions are recorded (the statement objects themselves, with their pluck/raw state, and the
  // arguments) by watching the Statement class while computeMetrics runs once more on this connection
  computeMetrics(core.db, STATS_YEAR, core.settings, core.calendar);
  const proto = Object.getPrototypeOf(core.db.prepare('SELECT 1')) as Record<Mode, Method>;
  const orig = { get: proto.get, all: proto.all, iterate: proto.iterate };
  const calls: { st: unknown; mode: Mode; args: unknown[] }[] = [];
  for (const mode of ['get', 'all', 'iterate'] as const) {
    proto[mode] = function (this: unknown, ...args: unknown[]) {
      calls.push({ st: this, mode, args });
      return orig[mode].apply(this, args);
    };
  }
  try {
    computeMetrics(core.db, STATS_YEAR, core.settings, core.calendar);
  } finally {
    Object.assign(proto, orig);
  }
  if (calls.length < 10) throw new Error(`statsYear 只记录到 ${calls.length} 条语句`);
  return () => {
    for (const c of calls) {
      const r = orig[c.mode].apply(c.st, c.args);
      if (c.mode === 'iterate') for (const _ of r as Iterable<unknown>) void _;
    }
  };
}

const CTRL_K_CHARS = ['王', '李', '张', '局', '县'];

/** Issue 16's rows: one-character Ctrl+K, every offered sort and filter, deep pages, re-deriving at scale. */
/**
 * Issue 18: opening a case whose file holds 20 parties and 100 attachments — what the record drawer asks for
 * (ledger.get, case.get, attach.list), median ms. The case is made inside a transaction that is rolled back, so
 * the cached bench file stays as it was; the 100 small contents it stored go with the store folder when this
 * run made it.
 */
export async function caseOpenBench(core: Core, runs: number): Promise<{ caseOpen100AttachmentsMs: number }> {
  const store = storeDirFor(core.file);
  const hadStore = fs.existsSync(store);
  core.db.exec('BEGIN');
  try {
    const c = await api(core, 'ledger.create', {
      kind: 'reconsideration',
      values: { caseNo: '（2025）基准复字第1号', receivedOn: '2025-09-19', applicant: '基准申请人', respondent: '县市场监督管理局' },
    });
    for (let i = 0; i < 20; i++)
      await api(core, 'case.addParty', {
        kind: 'reconsideration',
        id: c.id,
        party: { role: i ? '第三人' : '申请人', partyType: '自然人', name: `当事人${i + 1}` },
      });
    for (let i = 0; i < 100; i++) {
      const bytes = Buffer.from(`%PDF-1.4 基准附件 ${i}\n`.repeat(20));
      const { uploadId } = await api(core, 'attach.begin', {
        kind: 'reconsideration',
        id: c.id,
        name: `附件${i + 1}.pdf`,
        size: bytes.length,
        volume: i % 5 ? '正卷' : '副卷',
      });
      await api(core, 'attach.chunk', { uploadId, offset: 0, data: bytes.toString('base64') });
      await api(core, 'attach.finish', { uploadId });
    }
    const ts = await timings(runs, () =>
      Promise.all([
        api(core, 'ledger.get', { kind: 'reconsideration', id: c.id }),
        api(core, 'case.get', { kind: 'reconsideration', id: c.id }),
        api(core, 'attach.list', { kind: 'reconsideration', id: c.id }),
      ]),
    );
    return { caseOpen100AttachmentsMs: round(median(ts)) };
  } finally {
    core.db.exec('ROLLBACK');
    if (!hadStore) fs.rmSync(store, { recursive: true, force: true });
  }
}

async function listSpeedBench(core: Core, runs: number, log: (s: string) => void) {
  const ctrlK: number[] = [];
  for (const q of CTRL_K_CHARS) {
    ctrlK.push(...(await timings(runs, () => Promise.all(KINDS.map((kind) => api(core, 'ledger.list', { kind, q, pageSize: 5, recent: SEARCH_RECENT }))))));
  }
  const sorts: number[] = [];
  const slowSorts: string[] = [];
  for (const kind of KINDS) {
    for (const f of LEDGERS[kind].fields.filter(sortableField)) {
      for (const dir of ['asc', 'desc'] as const) {
        const t = await timings(Math.min(runs, 3), () => api(core, 'ledger.list', { kind, sort: { field: f.key, dir }, pageSize: 50 }));
        sorts.push(...t);
        if (median(t) > 50) slowSorts.push(`${kind}.${f.key} ${dir} ${round(median(t))} ms`);
      }
    }
  }
  const filters: number[] = [];
  const slowFilters: string[] = [];
  for (const kind of KINDS) {
    for (const f of LEDGERS[kind].fields.filter(filterableField)) {
      const cond = f.type === 'date' ? { from: `${STATS_YEAR}-03-01`, to: `${STATS_YEAR}-06-30` } : f.type === 'bool' ? true : (f.options?.[0] ?? '');
      const t = await timings(Math.min(runs, 3), () => api(core, 'ledger.list', { kind, year: STATS_YEAR, filters: { [f.key]: cond as never }, pageSize: 50 }));
      filters.push(...t);
      if (median(t) > 50) slowFilters.push(`${kind}.${f.key} ${round(median(t))} ms`);
    }
  }
  if (slowSorts.length) log(`排序超过 50 ms：${slowSorts.join('；')}`);
  if (slowFilters.length) log(`年度内筛选超过 50 ms：${slowFilters.join('；')}`);
  const deep: number[] = [];
  for (const kind of ['casefile', 'contract'] as const) {
    const total = (await api(core, 'ledger.list', { kind, pageSize: 50 })).total;
    for (const page of [Math.min(4000, Math.ceil(total / 100)), Math.ceil(total / 50)])
      deep.push(median(await timings(runs, () => api(core, 'ledger.list', { kind, page, pageSize: 50 }))));
  }
  // every row of every ledger re-derived after deadlines and thresholds changed, then rolled back: in a child
  // process, so its memory (the write transaction's pages) is measured on its own and not in this one's peak
  const child = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--rederive-child', core.file], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as {
    ms: number;
    rows: number;
    closedMs: number;
    closedRows: number;
    peakRssMb: number;
    scoreLineMs: number;
    scoreLineRows: number;
    holidayMs: number;
    holidayRows: number;
  };
  log(`重新计算（改 5 项期限和阈值：仍在进行的期限、本年度的记录）：${child.rows} 行改动，${round(child.ms)} ms，子进程峰值内存 ${child.peakRssMb} MB`);
  log(`同样的改动，往年的、已办结的也重算（用户明确选择，有进度）：${child.closedRows} 行改动，${round(child.closedMs)} ms`);
  log(
    `只算可能变的行：优秀分数线 ${child.scoreLineRows} 行改动 ${round(child.scoreLineMs)} ms；新节假日 ${child.holidayRows} 行改动 ${round(child.holidayMs)} ms`,
  );
  const rederiveMs = child.ms;
  const rederivePeakRssMb = child.peakRssMb;
  return {
    ctrlK1CharP95Ms: round(quantile(ctrlK, 0.95)),
    sortP95Ms: round(quantile(sorts, 0.95)),
    filterYearP95Ms: round(quantile(filters, 0.95)),
    deepPageMs: round(Math.max(...deep)),
    rederiveMs: round(rederiveMs),
    rederiveClosedMs: round(child.closedMs),
    rederivePeakRssMb,
    rederiveScoreLineMs: round(child.scoreLineMs),
    rederiveHolidayMs: round(child.holidayMs),
  };
}

export async function runBench(opts: { rows: number; runs: number; log: (s: string) => void; full?: boolean }): Promise<BenchResult> {
  const file = ensureData(opts.rows, opts.log);
  const memory = new MemoryLog(opts.log);
  memory.mark('数据就绪');
  const backupDir = path.join(path.dirname(file), 'backups');
  const open = () => openCore(file, { actor: '基准测试' });
  const startup = async () => {
    const ts: number[] = [];
    for (let i = 0; i < Math.max(5, opts.runs); i++) {
      const t = performance.now();
      const c = await open();
      await api(c, 'app.info', {});
      ts.push(performance.now() - t);
      c.close();
    }
    return median(ts);
  };
  // the app opens, migrates and answers; quick_check follows in a worker (electron/core/db/worker.ts)
  const startupMs = await startup();
  memory.mark('startup');
  const qc = performance.now();
  if ((await checkFileInWorker(file, true)).length) throw new Error('基准数据文件未通过 quick_check');
  const quickCheckMs = performance.now() - qc;
  memory.mark('quickCheck');
  const core = await open();
  try {
    const info = await api(core, 'app.info', {});
    const rows = Object.values(info.counts).reduce((a, b) => a + b, 0);
    opts.log(`数据：${rows} 行（${KINDS.map((k) => `${LEDGERS[k].shortName} ${info.counts[k]}`).join('，')}）`);
    // the second statistics call of a session starts the worker that computes the year before on the other core
    // (electron/core/stats/stats-host.ts); until it has loaded, both years are computed on one core, then on two. The
    // worker is waited for, then what a user meets from then on is timed; the one-core figure beside it.
    for (let i = 0; i < 2; i++) await api(core, 'stats.year', { year: STATS_YEAR });
    for (let i = 0; i < 200 && statsWorkerState(core) === 'starting'; i++) await new Promise((r) => setTimeout(r, 50));
    if (statsWorkerState(core) !== 'ready') opts.log('统计线程没有启动，statsYear 是单线程的时间');
    const stats = await timings(opts.runs, () => api(core, 'stats.year', { year: STATS_YEAR }));
    const statsOneCore = await timings(opts.runs, () => computeMetrics(core.db, STATS_YEAR, core.settings, core.calendar));
    memory.mark('statsYear');
    const base = await timings(opts.runs, () => statsBaseline(core, STATS_YEAR));
    memory.mark('statsBaseline');
    const replay = statsReplay(core);
    const replayed = await timings(opts.runs, replay);
    memory.mark('statsReplay');
    const perPage: number[][] = [];
    for (const q of PAGE_QUERIES) perPage.push(await timings(opts.runs, () => api(core, 'ledger.list', q)));
    const perSearch: number[][] = [];
    for (const q of SEARCHES) perSearch.push(await timings(opts.runs, () => api(core, 'ledger.list', q)));
    memory.mark('pageQuery/search');
    const speed = await listSpeedBench(core, opts.runs, opts.log);
    memory.mark('issue 16');
    const caseOpen = await caseOpenBench(core, opts.runs);
    memory.mark('case open (issue 18)');
    const pages = perPage.flat();
    const search = perSearch.flat();
    // the board as the 工作台 asks for it (the counts and its first page of 8); and every item, as a list
    const board = await timings(opts.runs, () => api(core, 'deadlines.board', { today: TODAY, page: 1, pageSize: 8 }));
    const boardAll = await timings(opts.runs, () => api(core, 'deadlines.board', { today: TODAY }));
    const boardItems = (await api(core, 'deadlines.board', { today: TODAY })).items.length;
    memory.mark('deadlines');
    const rssBeforeImportMb = Math.round(process.resourceUsage().maxRSS / 1024);
    opts.log('查询完成，正在测导入…');
    const imp = await importBench(core, opts.runs, memory);
    const rep = await reportBench(core, opts.runs, memory);
    const caseDocs = await caseDocsBench(core, opts.runs, memory);
    const cliFigures = await cliBench(file, opts.runs, opts.full ?? false, memory, opts.log);
    const cliImport = await cliImportBench(core, Math.min(opts.runs, 3), memory, opts.log);
    return {
      rows,
      statsYearMs: round(median(stats)),
      statsYearOneCoreMs: round(median(statsOneCore)),
      statsBaselineMs: round(median(base)),
      statsReplayMs: round(median(replayed)),
      ...speed,
      ...caseOpen,
      pageQueryP50Ms: round(median(pages)),
      pageQueryP95Ms: round(quantile(pages, 0.95)),
      searchP50Ms: round(median(search)),
      searchP95Ms: round(quantile(search, 0.95)),
      deadlinesMs: round(median(board)),
      deadlinesAllMs: round(median(boardAll)),
      ...imp,
      quickCheckMs: round(quickCheckMs),
      pageQueryMs: perPage.map((t) => round(median(t))),
      searchMs: perSearch.map((t) => round(median(t))),
      rssBeforeImportMb,
      memoryByPhase: memory.phases,
      boardItems,
      ...rep,
      ...caseDocs,
      startupMs: round(startupMs),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      ...cliFigures,
      ...cliImport,
    };
  } finally {
    core.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  }
}

const TARGETS: [keyof BenchResult, string, (r: BenchResult) => boolean][] = [
  ['statsYearMs', '≤150 ms', (r) => r.statsYearMs <= 150],
  ['statsReplayMs', '产品 ≤ 1.2× 其自身语句的原始重放', (r) => r.statsYearOneCoreMs <= 1.2 * r.statsReplayMs],
  ['ctrlK1CharP95Ms', '≤50 ms', (r) => r.ctrlK1CharP95Ms <= 50],
  ['sortP95Ms', '≤50 ms', (r) => r.sortP95Ms <= 50],
  ['filterYearP95Ms', '≤50 ms', (r) => r.filterYearP95Ms <= 50],
  ['deepPageMs', '≤50 ms', (r) => r.deepPageMs <= 50],
  ['rederiveMs', '≤1000 ms', (r) => r.rederiveMs <= 1000],
  ['rederiveScoreLineMs', '≤1000 ms', (r) => r.rederiveScoreLineMs <= 1000],
  ['rederiveHolidayMs', '≤1000 ms', (r) => r.rederiveHolidayMs <= 1000],
  ['pageQueryP95Ms', '≤30 ms', (r) => r.pageQueryP95Ms <= 30],
  ['searchP95Ms', '≤50 ms', (r) => r.searchP95Ms <= 50],
  ['deadlinesMs', '≤50 ms', (r) => r.deadlinesMs <= 50],
  ['importRowsPerSec', '≥20000 行/秒 且 ≥原始插入的 1/3', (r) => r.importRowsPerSec >= 20000 && r.importRowsPerSec * 3 >= r.rawInsertRowsPerSec],
  ['reportMs', '≤1000 ms', (r) => r.reportMs <= 1000],
  ['wordExport10kMs', '≤3000 ms', (r) => r.wordExport10kMs <= 3000],
  ['caseDocGenerateMs', '≤500 ms', (r) => r.caseDocGenerateMs <= 500],
  ['caseOpenMs', '≤200 ms', (r) => r.caseOpenMs <= 200],
  ['startupMs', '≤500 ms', (r) => r.startupMs <= 500],
  ['peakRssMb', '≤500 MB', (r) => r.peakRssMb <= 500],
  ['caseOpen100AttachmentsMs', '≤200 ms', (r) => r.caseOpen100AttachmentsMs <= 200],
  ['cliHelpMs', '≤150 ms', (r) => r.cliHelpMs <= 150],
  ['cliStatsMs', '≤300 ms', (r) => r.cliStatsMs <= 300],
  ['exportYearXlsxMs', '≤3000 ms 且子进程峰值 ≤300 MB', (r) => r.exportYearXlsxMs <= 3000 && r.exportYearXlsxRssMb <= 300],
  ['cliImport50kMs', '≤4000 ms（命令行导入 5 万行 .xlsx，整个进程）', (r) => r.cliImport50kMs <= 4000],
  ['exportLedgerXlsxMs', '≤30000 ms 且子进程峰值 ≤300 MB', (r) => (r.exportLedgerXlsxMs ?? Infinity) <= 30000 && (r.exportLedgerXlsxRssMb ?? Infinity) <= 300],
];

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--rederive-child') {
    // the office's today is the data's (TODAY): its year is the current one, whose rows a threshold re-derives
    const core = await openCore(argv[1], { actor: '基准测试', now: () => new Date(`${TODAY}T10:00:00+08:00`) });
    try {
      const before = core.settings;
      const CHANGE = {
        'normative.reviewWorkdays': 10,
        'decision.reviewWorkdays': 9,
        'contract.reviewWorkdays': 4,
        'contract.majorThreshold': 500,
        'casefile.excellentMin': 85,
      };
      // each change is made in a transaction rolled back afterwards, so the next starts from the same file
      const rolledBack = async (fn: () => unknown): Promise<number> => {
        core.db.exec('BEGIN');
        try {
          return await time(fn);
        } finally {
          core.settings = before;
          core.db.exec('ROLLBACK');
        }
      };
      try {
        // five deadlines and thresholds changed at once, as 设置 saves them: running deadlines and this year's 案卷 and
        // 合同 between the old and the new line (settled values stay: decisions.md “办结的和往年的记录保持原结果”)
        let rows = 0;
        const ms = await rolledBack(() => (rows = updateSettings(core, CHANGE).rederived));
        // the same, asked to re-derive every record (an explicit choice in 设置, with progress): every row
        let closedRows = 0;
        const closedMs = await rolledBack(() => (closedRows = updateSettings(core, CHANGE, { allRecords: true }).rederived));
        // issue 16: a threshold that narrows (优秀分数线 90 → 85: this year's 案卷 between the two lines)
        let scoreLineRows = 0;
        const scoreLineMs = await rolledBack(() => (scoreLineRows = updateSettings(core, { 'casefile.excellentMin': 85 }).rederived));
        // a corrected holiday schedule for the last year of the data, as calendar.addYear applies it
        const calendar = core.calendar;
        let holidayRows = 0;
        const holidayMs = await rolledBack(() => {
          core.db
            .prepare(
              `INSERT INTO holiday_years (year, off, work, source, added_at) VALUES (2025, ?, '[]', '基准测试', '2025-01-01') ON CONFLICT (year) DO UPDATE SET off = excluded.off, work = excluded.work`,
            )
            .run(JSON.stringify(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']));
          core.calendar = loadCalendar(core.db);
          const from = firstChangedDay(calendar, core.calendar);
          holidayRows = from ? rederiveAll(core, KINDS, undefined, calendarScope(KINDS, from, false), true) : 0;
          core.calendar = calendar;
        });
        console.log(
          JSON.stringify({
            ms,
            rows,
            closedMs,
            closedRows,
            scoreLineMs,
            scoreLineRows,
            holidayMs,
            holidayRows,
            peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
          }),
        );
      } finally {
        core.settings = before;
        if (core.db.inTransaction) core.db.exec('ROLLBACK');
      }
    } finally {
      core.close();
    }
    return 0;
  }
  if (argv[0] === '--make-import-file') {
    await makeImportFile(argv[1], argv[2], argv[3] ? Number(argv[3]) : undefined);
    return 0;
  }
  const { values: o } = parseArgs({
    args: argv,
    options: { rows: { type: 'string' }, quick: { type: 'boolean', default: false }, json: { type: 'string' }, runs: { type: 'string', default: '5' } },
  });
  const rows = Number(o.rows ?? (o.quick ? 100_000 : 1_000_000));
  const runs = Number(o.runs);
  if (!(rows >= 1000) || !Number.isInteger(rows) || !(runs >= 5)) {
    console.error('用法：npm run bench -- [--rows N（≥1000）] [--quick] [--json 文件] [--runs 次数（≥5）]');
    return 2;
  }
  const r = await runBench({ rows, runs, log: (s) => console.error(s), full: !o.quick });
  for (const [k, v] of Object.entries(r)) if (k !== 'memoryByPhase') console.log(`${k.padEnd(22)} ${v}`);
  console.log('memoryByPhase（MB）          RSS   峰值');
  for (const p of r.memoryByPhase) console.log(`  ${p.phase.padEnd(22)} ${String(p.rssMb).padStart(6)} ${String(p.peakRssMb).padStart(6)}`);
  if (r.rows >= 900_000) {
    for (const [k, target, ok] of TARGETS) console.log(`${ok(r) ? '达标' : '未达标'}  ${k} ${target}`);
  }
  if (o.json) {
    // the figures with targets first; the rest under "detail"
    const DETAIL = [
      'statsYearOneCoreMs',
      'pageQueryP50Ms',
      'searchP50Ms',
      'importBackupMs',
      'quickCheckMs',
      'pageQueryMs',
      'searchMs',
      'rssBeforeImportMb',
      'memoryByPhase',
      'boardItems',
      'deadlinesAllMs',
    ] as const;
    const detail = Object.fromEntries(DETAIL.map((k) => [k, r[k]]));
    const contract = Object.fromEntries(Object.entries(r).filter(([k]) => !(DETAIL as readonly string[]).includes(k)));
    fs.writeFileSync(o.json, `${JSON.stringify({ ...contract, detail }, null, 2)}\n`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(1);
    },
  );
}
