// The `fazhi` command line, on the same API as the app (dispatch). Messages in Chinese on stderr; data
// (statistics, settings) on stdout. Exit codes: 0 ok, 1 data or user error, 2 usage error.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { dispatch } from '../core/api/dispatch';
import { onProgress, openCore, withProgress, type Core } from '../core/core';
import { progressPrinter } from './progress';
import { MIGRATIONS, SCHEMA_VERSION } from '../core/db/migrations';
import { AppError } from '../core/errors';
import { DOCX_LIMITS } from '../core/report/docx-zip';
import { exportToFile } from '../core/exchange';
import { appendAudit } from '../core/safety/audit';
import { backupTo, integrityProblems } from '../core/safety/backup';
import { backupStoreDir, copyReferencedBlobs, storeDirFor } from '../core/attachments-store';
import { readOnlyProblem } from '../core/db/connection';
import { schemaDifferences } from '../core/db/schema';
import { restoreDatabase } from '../core/safety/backups';
import { acquireDataLock, localTime } from '../core/safety/lock';
import { receivePackage, writePackage } from '../core/units-package';
import { sheetMapping, type ApiInput, type ApiMethod, type ApiOutput } from '../domain/api';
import type { SheetMapping } from '../domain/sheet-mapping';
import { LEDGER_KINDS, LEDGERS } from '../domain/ledgers';
import { EXCHANGE_KINDS, USAGE, type ExchangeKind } from './usage';
import { ALL_METRICS, type MetricsResult } from '../domain/metrics';
import { rederivesSome, SETTING_DEFS } from '../domain/settings';

class UsageError extends Error {}
class UserError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: progress rewrites one line in place through `raw` (cli/progress.ts) */
  tty?: boolean;
  raw?: (s: string) => void;
}

/** The command's progress printer (cli/progress.ts): a whole line now and then, or one rewritten line on a terminal. */
let printer: ReturnType<typeof progressPrinter> | null = null;
function usePrinter(io: Io): ReturnType<typeof progressPrinter> {
  const tty = !!(io.tty && io.raw);
  printer = progressPrinter(tty ? io.raw! : (s) => io.err(s), tty);
  return printer;
}

/** What a writing command refused because the app or browser mode holds the file should do instead. */
const CLI_ADVICE = '请在那个程序里导入、修改设置或还原，或先关闭它再运行本命令。只读的命令（stats、export、report、check、backup）不受影响，可以照常使用。';

/**
 * A writing command (import, settings --set, restore): it takes the data-file lock first, as the app and browser
 * mode do (core/safety/lock.ts), and is refused, naming the holder, while one of them has the file open.
 */
async function withLock<T>(file: string, command: string, fn: () => Promise<T>): Promise<T> {
  const lock = acquireDataLock(file, `命令行 fazhi ${command}`, { advice: CLI_ADVICE });
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

async function withCore<T>(file: string, opts: { create?: boolean; readonly?: boolean }, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore(file, opts);
  if (printer) onProgress(core, printer.listener);
  try {
    return await fn(core);
  } finally {
    printer?.end();
    await core.settled();
    core.close();
  }
}

function writeCore<T>(file: string, command: string, create: boolean, fn: (core: Core) => Promise<T>): Promise<T> {
  return withLock(file, command, () => withCore(file, { create }, fn));
}

/**
 * A reading command (stats, export, report, settings without --set, backup): a read-only connection and no
 * lock, so it works while the app is open. A file that must first be upgraded is upgraded as a writer would:
 * under the lock, after a backup.
 */
async function readCore<T>(file: string, command: string, fn: (core: Core) => Promise<T>): Promise<T> {
  try {
    return await withCore(file, { readonly: true }, fn);
  } catch (e) {
    if ((e as AppError).code !== 'NEEDS_MIGRATION') throw e;
  }
  return writeCore(file, command, false, fn);
}

async function api<M extends ApiMethod>(core: Core, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await dispatch(core, method, input);
  if (!r.ok) throw new UserError(r.error.message);
  return r.data as ApiOutput<M>;
}

function need(v: string | undefined, name: string): string {
  if (!v) throw new UsageError(`缺少参数 --${name}`);
  return v;
}

function kindOf(v: string | undefined): ExchangeKind {
  const k = need(v, 'kind');
  if (!(EXCHANGE_KINDS as readonly string[]).includes(k)) throw new UsageError(`未知的类型“${k}”，可用：${EXCHANGE_KINDS.join(' ')}`);
  return k as ExchangeKind;
}

function yearOf(v: string | undefined, required: boolean): number | undefined {
  if (v === undefined) {
    if (required) throw new UsageError('缺少参数 --year');
    return undefined;
  }
  if (!/^\d{4}$/.test(v)) throw new UsageError(`年度应为四位数字（收到“${v}”）`);
  return +v;
}

/** stats --json: every §8 key, every 指标.<name>, and 上年.<key> of both; values and texts as formatted. */
export function statsJson(m: MetricsResult): Record<string, { value: number | null; text: string }> {
  const keys = [...ALL_METRICS.map((x) => x.key), ...Object.keys(m.values).filter((k) => k.startsWith('指标.'))];
  const out: Record<string, { value: number | null; text: string }> = {};
  for (const k of keys) out[k] = m.values[k];
  for (const k of keys) out[`上年.${k}`] = m.values[`上年.${k}`];
  return out;
}

function statsTable(m: MetricsResult): string {
  const lines = [`${m.year}年度统计指标（上年为 ${m.year - 1} 年）`, ''];
  const keys = [...ALL_METRICS.map((x) => x.key), ...Object.keys(m.values).filter((k) => k.startsWith('指标.'))];
  for (const k of keys) {
    lines.push(`${k}\t${m.values[k].text}\t上年 ${m.values[`上年.${k}`].text}\t同比 ${m.values[`同比.${k}`].text}`);
  }
  for (const d of m.distributions) {
    lines.push('', `${d.label}（按${d.basis}）`);
    if (!d.rows.length) lines.push('  （无）');
    for (const r of d.rows) lines.push(`  ${r.name}\t${r.count}`);
  }
  return lines.join('\n');
}

/** A --mapping file: {"columns": {列名: 字段|备注|忽略}, "values": {字段: {写法: 可选值}}} (domain/sheet-mapping.ts). */
function readMapping(file: string): SheetMapping {
  if (!fs.existsSync(file)) throw new UserError(`找不到映射文件：${file}`);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UserError(`映射文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
  }
  const r = sheetMapping.safeParse(data);
  if (!r.success)
    throw new UserError(`映射文件 ${file} 的格式不对：应为 {"columns": {"列名": "字段名、备注或忽略"}, "values": {"字段名": {"表中写法": "可选值"}}}`);
  return r.data;
}

const FORMATS = { '.xlsx': 'xlsx', '.csv': 'csv', '.json': 'json', '.docx': 'docx' } as const;
const VARIANTS = { formal: '正式文本（有主送机关）', web: '网站公开版' } as const;

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  usePrinter(io);
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.err(USAGE);
    return command ? 0 : 2;
  }
  const { values: o, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      kind: { type: 'string' },
      mapping: { type: 'string' },
      existing: { type: 'string' },
      year: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      from: { type: 'string' },
      set: { type: 'string', multiple: true },
      id: { type: 'string' },
      template: { type: 'string' },
      variant: { type: 'string' },
      quarter: { type: 'string' },
      scope: { type: 'string' },
      to: { type: 'string' },
      package: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'all-records': { type: 'boolean' },
    },
  });

  switch (command) {
    case 'import': {
      const file = positionals[0];
      if (!file) throw new UsageError('缺少要导入的文件');
      if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(' ')}`);
      const kind = kindOf(o.kind);
      const db = need(o.db, 'db');
      if (!fs.existsSync(file)) throw new UserError(`找不到要导入的文件：${file}`);
      if (o.existing !== undefined && o.existing !== 'update' && o.existing !== 'skip')
        throw new UsageError(`--existing 只能是 update（更新已有记录）或 skip（跳过已有记录），不能是“${o.existing}”`);
      const existing = o.existing as 'update' | 'skip' | undefined;
      const mapping = o.mapping ? readMapping(o.mapping) : undefined;
      // the API's bound on an import file (150 MB), before the file is read into memory
      if (fs.statSync(file).size > 150 * 1024 * 1024) throw new UserError(`文件过大（最多 150MB）：${file}`);
      const content = fs.readFileSync(file).toString('base64');
      return writeCore(db, 'import', true, async (core) => {
        const r = await api(core, 'exchange.import', {
          kind,
          fileName: path.basename(file),
          content,
          ...(mapping ? { mapping } : {}),
          ...(existing ? { existing } : {}),
        });
        for (const n of r.notices ?? []) io.err(`提示：${n}`);
        if (r.errors.length) {
          io.err(`导入失败：共 ${r.errorCount ?? r.errors.length} 处问题，未写入任何数据。`);
          for (const e of r.errors) io.err(e);
          return 1;
        }
        const more = [
          r.updated ? `更新已有记录 ${r.updated} 条` : '',
          r.skipped ? `跳过已有记录 ${r.skipped} 条` : '',
          r.unchanged ? `${r.unchanged} 条与台账相同` : '',
        ].filter(Boolean);
        io.err(`已导入 ${r.inserted} 条${more.length ? `，${more.join('，')}` : ''}（${path.basename(file)}）。`);
        return 0;
      });
    }
    case 'export': {
      const kind = kindOf(o.kind);
      const db = need(o.db, 'db');
      const out = need(o.out, 'out');
      const year = yearOf(o.year, false);
      const ext = path.extname(out).toLowerCase();
      const format = FORMATS[ext as keyof typeof FORMATS];
      if (!format) throw new UsageError(`不支持的导出格式“${ext || out}”，请使用 .xlsx、.csv、.json 或 .docx（台账的 Word 表格）`);
      return readCore(db, 'export', async (core) => {
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        // straight into the file (an .xlsx streams: a whole ledger in flat memory), not through the API's base64
        const r = await withProgress(core, `正在导出到 ${path.basename(out)}`, (progress) =>
          exportToFile(core, kind, format, { ...(year ? { year } : {}), ...(o.scope ? { scope: o.scope } : {}), progress }, out),
        );
        io.err(`已导出 ${r.count} 条到 ${out}。`);
        return 0;
      });
    }
    case 'report': {
      const db = need(o.db, 'db');
      const year = yearOf(o.year, true)!;
      const out = need(o.out, 'out');
      if (path.extname(out).toLowerCase() !== '.docx') throw new UsageError(`年度报告只能保存为 .docx（收到“${out}”）`);
      const variant = o.variant ?? 'formal';
      if (!Object.hasOwn(VARIANTS, variant)) throw new UsageError(`未知的文本类型“${variant}”，可用：formal 正式文本（有主送机关）、web 网站公开版`);
      let templateDocx: string | undefined;
      if (o.template) {
        if (path.extname(o.template).toLowerCase() !== '.docx') throw new UsageError(`模板应为 Word 文档 .docx（收到“${o.template}”）`);
        if (!fs.existsSync(o.template)) throw new UserError(`找不到模板文件：${o.template}`);
        // the size first: a file over the limit is never read into memory (the other limits: report/docx-zip.ts)
        const size = fs.statSync(o.template).size;
        if (size > DOCX_LIMITS.maxFile) throw new UserError(`模板文件过大（${Math.round(size / 1024 / 1024)}MB），最大 ${DOCX_LIMITS.maxFile / 1024 / 1024}MB`);
        templateDocx = fs.readFileSync(o.template).toString('base64');
      }
      return readCore(db, 'report', async (core) => {
        const r = await api(core, 'report.generate', {
          year,
          variant: variant as keyof typeof VARIANTS,
          ...(templateDocx ? { templateDocx } : {}),
          ...(o.scope ? { scope: o.scope } : {}),
        });
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, Buffer.from(r.content, 'base64'));
        io.err(
          `已生成${year}年度报告（${VARIANTS[variant as keyof typeof VARIANTS]}${o.template ? `，模板 ${path.basename(o.template)}` : ''}${o.scope ? `，范围 ${o.scope}` : ''}）：${out}`,
        );
        if (!templateDocx) {
          // what the draft still lacks: a required section carries only a highlighted 待填写 paragraph
          const ready = await api(core, 'report.readiness', { year });
          for (const s of ready.sectionsToFill) io.err(`警告：“${s.heading}”尚无内容，报告中为高亮的“待填写”段落。${s.note}`);
          for (const u of ready.unrecorded) io.err(`提示：${u.name}有 ${u.count} 条记录未填写“${u.label}”，统计表中未计入该项。`);
        }
        return 0;
      });
    }
    case 'stats': {
      const db = need(o.db, 'db');
      const year = yearOf(o.year, true)!;
      return readCore(db, 'stats', async (core) => {
        const m = await api(core, 'stats.year', { year, ...(o.scope ? { scope: o.scope } : {}) });
        io.out(o.json ? JSON.stringify(statsJson(m), null, 2) : statsTable(m));
        return 0;
      });
    }
    case 'package': {
      // 上报 (issue 20): the own unit's 数据包 for a year or a range; records the 上报, so under the lock
      const db = need(o.db, 'db');
      const from = yearOf(o.year, true)!;
      const to = yearOf(o.to, false) ?? from;
      const out = need(o.out, 'out');
      return writeCore(db, 'package', false, async (core) => {
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        const r = writePackage(core, from, to, out);
        const m = r.manifest;
        io.err(
          `已制作“${m.unit.name}”${from === to ? `${from} 年度` : `${from}—${to} 年度`}数据包：${m.rows} 条记录（${
            LEDGER_KINDS.filter((k) => m.counts[k])
              .map((k) => `${LEDGERS[k].shortName} ${m.counts[k]}`)
              .join('，') || '无台账记录'
          }），年度指标 ${m.counts.indicators + m.counts.unit_indicators} 项，涉及 ${m.units} 个单位：${out}`,
        );
        return 0;
      });
    }
    case 'receive': {
      // 接收数据包 (issue 20): checked like a backup, then the unit's rows for its years replaced; --dry-run shows only
      const db = need(o.db, 'db');
      const file = need(o.package, 'package');
      const dry = !!o['dry-run'];
      return writeCore(db, 'receive', false, async (core) => {
        const r = receivePackage(core, file, { dryRun: dry });
        const m = r.manifest;
        io.err(
          `数据包：${m.unit.path || m.unit.name}，${m.years.from === m.years.to ? `${m.years.from} 年度` : `${m.years.from}—${m.years.to} 年度`}，${m.rows} 条记录，制作于 ${m.madeAt.slice(0, 19).replace('T', ' ')}（法治台账 ${m.appVersion}，结构版本 ${m.schemaVersion}）`,
        );
        io.err(
          r.previous
            ? `对照该单位上次接收的数据包（${r.previous.madeAt.slice(0, 10)} 制作，${r.previous.receivedAt.slice(0, 10)} 接收）：`
            : `本级尚未接收过“${r.unit.name}”的数据包：`,
        );
        for (const c of r.changes)
          if (c.added + c.changed + c.removed + c.unchanged) io.err(`  ${c.label}：新增 ${c.added}，更新 ${c.changed}，移除 ${c.removed}，不变 ${c.unchanged}`);
        if (r.newUnits.length) io.err(`  新增下级单位：${r.newUnits.join('、')}`);
        if (r.alreadyReceived) io.err('这份数据包已经接收过，数据没有变化，未作任何改动。');
        else if (dry) io.err('（预览，未写入。去掉 --dry-run 即接收。）');
        else io.err(`已接收：新增 ${r.totals.added}，更新 ${r.totals.changed}，移除 ${r.totals.removed}；被替换和移除的记录已存档，可在操作日志中查到。`);
        return 0;
      });
    }
    case 'units': {
      // the unit tree with each unit's 上报 status for a year
      const db = need(o.db, 'db');
      const year = yearOf(o.year, false) ?? new Date().getFullYear() - 1;
      return readCore(db, 'units', async (core) => {
        const r = await api(core, 'units.status', { year });
        io.out(`${year} 年度上报情况`);
        for (const u of r.units) io.out(`${'  '.repeat(u.depth)}${u.name}\t${u.state}\t${u.madeAt ? `制作于 ${u.madeAt.slice(0, 10)}` : ''}\t${u.rows} 条`);
        if (r.reminder) io.err(`提醒：${r.reminder}`);
        return 0;
      });
    }
    case 'catalogue': {
      const db = need(o.db, 'db');
      const year = yearOf(o.year, true)!;
      const out = need(o.out, 'out');
      const ext = path.extname(out).toLowerCase();
      if (ext !== '.docx' && ext !== '.xlsx') throw new UsageError(`备案目录只能保存为 .docx 或 .xlsx（收到“${out}”）`);
      if (o.quarter !== undefined && !/^[1-4]$/.test(o.quarter)) throw new UsageError(`季度应为 1 至 4（收到“${o.quarter}”）`);
      return readCore(db, 'catalogue', async (core) => {
        const r = await api(core, 'outgoing.catalogue', { year, format: ext === '.docx' ? 'docx' : 'xlsx', ...(o.quarter ? { quarter: +o.quarter } : {}) });
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, Buffer.from(r.content, 'base64'));
        io.err(`已导出备案目录 ${r.count} 件到 ${out}。`);
        return 0;
      });
    }
    case 'stats-form': {
      const db = need(o.db, 'db');
      const year = yearOf(o.year, true)!;
      const out = need(o.out, 'out');
      if (path.extname(out).toLowerCase() !== '.xlsx') throw new UsageError(`统计表只能保存为 .xlsx（收到“${out}”）`);
      const kind = o.kind;
      if (kind !== 'reconsideration' && kind !== 'litigation')
        throw new UsageError(`--kind 应为 reconsideration（行政复议）或 litigation（行政应诉）（收到“${kind ?? ''}”）`);
      return readCore(db, 'stats-form', async (core) => {
        const r = await api(core, 'outgoing.statsForm', { year, kind, file: true });
        for (const c of r.form.checks) io.err(`${c.ok ? '平衡' : '不平衡'}：${c.text}`);
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, Buffer.from(r.content!, 'base64'));
        io.err(`已导出${r.form.title}（${r.form.columns.length} 栏）到 ${out}。`);
        return 0;
      });
    }
    case 'settings': {
      const db = need(o.db, 'db');
      const patch: Record<string, string> = {};
      for (const s of o.set ?? []) {
        const i = s.indexOf('=');
        if (i <= 0) throw new UsageError(`--set 应写作 键=值（收到“${s}”）`);
        patch[s.slice(0, i).trim()] = s.slice(i + 1);
      }
      const show = async (core: Core) => {
        if (Object.keys(patch).length) {
          const r = await api(core, 'settings.update', { patch, allRecords: o['all-records'] });
          io.err(`设置已保存${r.rederived ? `，已按新设置重新计算 ${r.rederived} 条记录的期限或派生值` : ''}。`);
          if (!o['all-records'] && Object.keys(patch).some(rederivesSome))
            io.err('已办结案件的期限和往年记录的结果保持不变（往年报出的数字不变）；如需全部按新设置重算，请加 --all-records。');
        }
        const { values } = await api(core, 'settings.get', {});
        for (const d of SETTING_DEFS) io.out(`${d.key}=${values[d.key]}\t# ${d.label}`);
        return 0;
      };
      return Object.keys(patch).length ? writeCore(db, 'settings', false, show) : readCore(db, 'settings', show);
    }
    case 'check': {
      const db = need(o.db, 'db');
      if (!fs.existsSync(db)) throw new UserError(`找不到数据文件：${db}`);
      if (fs.statSync(db).size === 0) throw new UserError(`数据文件是空的（0 字节），可能在复制或保存时中断：${db}。请从备份还原。`);
      const conn = new Database(db, { readonly: true, fileMustExist: true });
      try {
        // the full check reads every page in one statement (no count to report): say so before a big file's
        const mb = Math.round(fs.statSync(db).size / 1024 / 1024);
        if (mb >= 64) io.err(`正在检查数据文件完整性（${mb} MB），请稍候……`);
        const problems = integrityProblems(conn);
        const version = conn.pragma('user_version', { simple: true }) as number;
        io.err(`结构版本：${version}（本程序：${SCHEMA_VERSION}）`);
        if (version > SCHEMA_VERSION) problems.push(`数据文件来自更新版本的程序（结构版本 ${version}），本程序只支持到 ${SCHEMA_VERSION}`);
        else if (version === 0) problems.push('这不是法治台账的数据文件（没有结构版本）');
        else if (version < SCHEMA_VERSION) io.err(`提示：打开时会先备份再升级到版本 ${SCHEMA_VERSION}。`);
        if (version <= SCHEMA_VERSION) {
          // a trigger or view the migrations would not make runs on every write: the same check as opening and restoring
          for (const d of schemaDifferences(conn, version, MIGRATIONS, 20)) problems.push(`结构与版本 ${version} 应有的不一致：${d}（可能被篡改）`);
        }
        const fk = conn.pragma('foreign_key_check') as unknown[];
        if (fk.length) problems.push(`外键检查发现 ${fk.length} 处问题`);
        if (problems.length) {
          io.err('检查未通过：');
          for (const p of problems) io.err(`  ${p}`);
          return 1;
        }
        if (version > 0) {
          const counts = LEDGER_KINDS.map((k) => `${LEDGERS[k].shortName} ${conn.prepare(`SELECT count(*) FROM ${k} WHERE deleted_at IS NULL`).pluck().get()}`);
          io.err(`记录数：${counts.join('，')}`);
        }
        io.err('检查通过：数据文件完整。');
        return 0;
      } catch (e) {
        // a WAL file on a read-only disk or folder cannot be opened even for reading (SQLite needs its -shm file
        // beside it): that is not damage
        const ro = /unable to open|readonly/i.test((e as Error).message) ? readOnlyProblem(db) : null;
        if (ro) throw new UserError(`检查失败：无法在只读的位置读取数据文件。${ro.message}`);
        throw new UserError(`检查失败：数据文件已损坏或不是数据库文件（${(e as Error).message}）`);
      } finally {
        conn.close();
      }
    }
    case 'backup': {
      const db = need(o.db, 'db');
      const out = need(o.out, 'out');
      if (path.resolve(out) === path.resolve(db)) throw new UsageError('备份文件不能与数据文件相同');
      if (fs.existsSync(out)) throw new UserError(`备份文件已存在：${out}。为避免覆盖，请换一个文件名。`);
      // reads only (no rotation, nothing written beside the data file): works while the app is open
      return readCore(db, 'backup', async (core) => {
        const counts = await withProgress(core, '正在备份并校验', (progress) => backupTo(core.db, out, progress));
        // the attachments' contents go beside it, in 附件/ (as in the backup folder: restore finds them there)
        const blobs = copyReferencedBlobs(out, storeDirFor(core.db.name), backupStoreDir(path.dirname(path.resolve(out))));
        if (blobs.problems.length) io.err(`注意：${blobs.problems.join('；')}`);
        const rows = LEDGER_KINDS.map((k) => `${LEDGERS[k].shortName} ${counts[k] ?? 0}`).join('，');
        io.err(`备份完成并已校验：${out}（${rows}）`);
        return 0;
      });
    }
    case 'restore': {
      const db = need(o.db, 'db');
      const from = need(o.from, 'from');
      // exclusive: only with the file closed everywhere else (the lock), never under a running app
      const r = await withLock(db, 'restore', async () => {
        const done = await restoreDatabase(db, from, {
          progress: (d, t) => printer?.listener({ label: '正在还原：先备份当前数据，再换上所选备份', done: d, total: t }),
        });
        printer?.end();
        await withCore(db, {}, async (core) => {
          appendAudit(core.db, {
            at: new Date().toISOString(),
            actor: core.actor,
            action: '还原',
            after: { from, safetyBackup: done.safetyBackup, counts: done.counts },
            summary: `命令行从 ${from} 还原`,
          });
        });
        return done;
      });
      const rows = LEDGER_KINDS.map((k) => `${LEDGERS[k].shortName} ${r.counts[k] ?? 0}`).join('，');
      io.err(`已从 ${from} 还原（${rows}）。`);
      if (r.safetyBackup) io.err(`还原前的数据已备份到 ${r.safetyBackup}，如需撤销，用它再还原一次即可。`);
      return 0;
    }
    case 'imports': {
      const db = need(o.db, 'db');
      return readCore(db, 'imports', async (core) => {
        const { imports } = await api(core, 'exchange.imports', { limit: 50 });
        if (!imports.length) io.err('还没有导入过文件。');
        for (const i of imports) io.out(importLine(i));
        return 0;
      });
    }
    case 'undo-import': {
      const db = need(o.db, 'db');
      if (o.id !== undefined && !/^[1-9]\d*$/.test(o.id)) throw new UsageError(`--id 应为导入编号（正整数，可用 fazhi imports 查看），收到“${o.id}”`);
      return writeCore(db, 'undo-import', false, async (core) => {
        const r = await api(core, 'exchange.undoImport', o.id ? { id: +o.id } : {});
        const what = r.import.kind === 'indicator' || r.import.kind === 'material' ? `去掉新增的 ${r.removed} 项` : `${r.removed} 条移入回收站`;
        io.err(
          `已撤销导入编号 ${r.import.id}（${r.import.fileName}，${r.import.kindName}）：${what}${r.restored ? `，${r.restored} 条恢复为导入前的内容` : ''}。`,
        );
        return 0;
      });
    }
    default:
      throw new UsageError(`未知的命令“${command}”`);
  }
}

/** One import as `fazhi imports` lists it. */
function importLine(i: ApiOutput<'exchange.imports'>['imports'][number]): string {
  const at = localTime(i.at);
  const counts = [`新增 ${i.inserted}`, i.updated ? `更新 ${i.updated}` : ''].filter(Boolean).join('，');
  const undone = i.undoneAt ? `\t已于 ${localTime(i.undoneAt)} 撤销` : '';
  return `${i.id}\t${at}\t${i.kindName}\t${i.fileName}\t${counts}\t${i.actor}${undone}`;
}

const STDIO: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  tty: process.stderr.isTTY,
  raw: (s) => process.stderr.write(s),
};

export async function main(argv: string[], io: Io = STDIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.err(`用法错误：${e instanceof UsageError ? e.message : translateParseArgs(e as Error)}`);
      io.err('运行 fazhi help 查看用法。');
      return 2;
    }
    if (e instanceof UserError || e instanceof AppError) {
      io.err(`错误：${e.message}`);
      return 1;
    }
    io.err(`错误：${(e as Error).message ?? String(e)}`);
    return 1;
  }
}

function translateParseArgs(e: Error): string {
  const m = /'(--?[\w-]+)'/.exec(e.message);
  if (/Unknown option/.test(e.message)) return `未知的选项 ${m?.[1] ?? ''}`;
  if (/argument missing/.test(e.message)) return `选项 ${m?.[1] ?? ''} 缺少取值`;
  return e.message;
}
