// The single door every transport goes through: method lookup, zod check of the input, the handler, and a
// result envelope. No raw exception leaves this function.

import { z } from 'zod';
import { API_INPUTS, WRITE_METHODS, type ApiInput, type ApiMethod, type ApiResult } from '../../domain/api';
import { currentProgress, followOtherConnections, markDamaged, noteApiCall, withProgress, type Core } from '../core';
import { backupDirFor } from '../db/connection';
import { damaged } from '../safety/open';
import { listBackups } from '../safety/backups';
import { AppError } from '../errors';
import { exportName, exportToFile } from '../exchange';
import { exclusive, shared } from '../gate';
import { logApiError } from '../safety/errlog';
import { handlers } from './handlers';
import { sqliteProblem } from './sqlite-errors';

z.config(z.locales.zhCN());

export function isApiMethod(m: unknown): m is ApiMethod {
  return typeof m === 'string' && Object.hasOwn(API_INPUTS, m);
}

function describeZod(e: z.ZodError): string {
  return e.issues
    .slice(0, 10)
    .map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message))
    .join('；');
}

/**
 * Methods that run alone (./gate.ts), after the calls in flight and before the next: replacing the data file, and
 * re-deriving every row after a setting or the holidays changed (one transaction left open across the chunks it
 * yields between, core.ts longWrite: a save arriving meanwhile waits for its commit), and undoing an import (the
 * same: import-undo.ts undoImportYielding).
 */
const EXCLUSIVE = new Set<string>(['backup.restore', 'settings.update', 'calendar.addYear', 'exchange.undoImport']);

/** The refusal of a write on a damaged data file: nothing saved, restore a backup (`details.backups`). */
function readOnly(core: Core): ApiResult<never> {
  return {
    ok: false,
    error: {
      code: 'READ_ONLY',
      message: `数据文件已损坏，已切换为只读，本次修改没有保存。可以继续查看和导出；要继续录入，请在“设置 · 数据与备份”中还原备份。${core.integrity.message ?? ''}`,
      details: { backups: listBackups(backupDirFor(core.file)).filter((b) => b.schemaVersion > 0) },
    },
  };
}

export async function dispatch(core: Core, method: unknown, input: unknown): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `没有名为“${String(method).slice(0, 60)}”的功能` } };
  }
  // the progress of a call running alone is read beside it, without the gate and without the file
  if (method === 'app.progress') {
    const parsed = API_INPUTS[method].safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `请求参数有误：${describeZod(parsed.error)}` } };
    return { ok: true, data: { task: currentProgress(core) } };
  }
  noteApiCall(core, 1);
  try {
    return await (EXCLUSIVE.has(method) ? exclusive : shared)(core, () => run(core, method, input));
  } finally {
    noteApiCall(core, -1);
  }
}

/**
 * exchange.export written straight into `file` (chosen by the user in the app's save dialog, or browser mode's
 * temporary file it then streams as the download) instead of returned as base64: a whole ledger's .xlsx is never
 * in memory (exchange/export-stream.ts). The same input check, gate, errors and log as dispatch; `file` never
 * comes from the page.
 */
export async function exportTo(core: Core, input: unknown, file: string): Promise<ApiResult<{ fileName: string; count: number }>> {
  const write = async (c: Core, i: ApiInput<'exchange.export'>) => {
    const r = await withProgress(c, `正在导出${exportName(i.kind, i.format, i.year)}`, (progress) =>
      exportToFile(c, i.kind, i.format, { year: i.year, ids: i.ids, columns: i.columns, scope: i.scope, progress }, file),
    );
    return { fileName: exportName(i.kind, i.format, i.year), count: r.count };
  };
  return shared(core, () => run(core, 'exchange.export', input, write as (c: Core, i: unknown) => unknown)) as Promise<
    ApiResult<{ fileName: string; count: number }>
  >;
}

async function run(core: Core, method: ApiMethod, input: unknown, handlerOverride?: (c: Core, i: unknown) => unknown): Promise<ApiResult<unknown>> {
  if (!core.db.open) return { ok: false, error: { code: 'BUSY', message: '正在还原或重新打开数据文件，请稍候再试' } };
  if (core.integrity.state === 'damaged' && WRITE_METHODS.has(method)) return readOnly(core);
  const parsed = API_INPUTS[method].safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `请求参数有误：${describeZod(parsed.error)}` } };
  try {
    // settings or the calendar changed by another connection (the CLI beside the app): pick them up first
    followOtherConnections(core);
    const handler = handlerOverride ?? (handlers[method] as (c: Core, i: unknown) => unknown);
    return { ok: true, data: await handler(core, parsed.data) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
    // not an error a handler meant to give: into the log (the data folder's logs/法治台账.log) with its stack
    logApiError(core.file, method, parsed.data, e);
    const msg = (e as Error)?.message ?? String(e);
    // better-sqlite3 puts SQLite's result code (SQLITE_FULL…) in e.code and its text in e.message
    const codeAndMsg = `${String((e as { code?: unknown })?.code ?? '')} ${msg}`;
    if (/SQLITE_CORRUPT|SQLITE_NOTADB|disk image is malformed|file is not a database/i.test(codeAndMsg)) {
      // a read hit a damaged page before (or without) the start-up check: say so, and name the backup to restore
      const message = damaged(core.file, msg.slice(0, 200)).message;
      markDamaged(core, message);
      return { ok: false, error: { code: 'INTEGRITY', message } };
    }
    // a write that got past WRITE_METHODS on a damaged file is stopped by the connection (query_only)
    if (core.integrity.state === 'damaged' && /SQLITE_READONLY|readonly database/i.test(codeAndMsg)) return readOnly(core);
    if (/SQLITE_FULL|database or disk is full/i.test(codeAndMsg))
      return { ok: false, error: { code: 'INTERNAL', message: '磁盘空间已满，本次操作未保存。请清理磁盘后重试。' } };
    if (/SQLITE_BUSY|database is locked/i.test(codeAndMsg))
      return { ok: false, error: { code: 'INTERNAL', message: '数据文件正被其他程序占用，本次操作未保存，请稍后重试。' } };
    if (/SQLITE_READONLY|readonly database/i.test(codeAndMsg))
      return { ok: false, error: { code: 'INTERNAL', message: '数据文件为只读，无法保存。请检查文件权限。' } };
    const problem = sqliteProblem(e, parsed.data);
    if (problem) return { ok: false, error: problem };
    return { ok: false, error: { code: 'INTERNAL', message: `内部错误，本次操作未生效（详情已记入日志，可在“关于”中查看）：${msg.slice(0, 300)}` } };
  }
}
