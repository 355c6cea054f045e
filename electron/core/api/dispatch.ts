// The single door every transport goes through: method lookup, zod check of the input, the handler, and a
// result envelope. No raw exception leaves this function.

import { z } from 'zod';
import { API_INPUTS, type ApiMethod, type ApiResult } from '../../domain/api';
import { currentProgress, followOtherConnections, type Core } from '../core';
import { damaged } from '../db/connection';
import { AppError } from '../errors';
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
 * yields between, core.ts longWrite: a save arriving meanwhile waits for its commit).
 */
const EXCLUSIVE = new Set<string>(['backup.restore', 'settings.update', 'calendar.addYear']);

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
  return (EXCLUSIVE.has(method) ? exclusive : shared)(core, () => run(core, method, input));
}

async function run(core: Core, method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> {
  if (!core.db.open) return { ok: false, error: { code: 'BUSY', message: '正在还原或重新打开数据文件，请稍候再试' } };
  const parsed = API_INPUTS[method].safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `请求参数有误：${describeZod(parsed.error)}` } };
  try {
    // settings or the calendar changed by another connection (the CLI beside the app): pick them up first
    followOtherConnections(core);
    const handler = handlers[method] as (c: Core, i: unknown) => unknown;
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
      core.integrity = { state: 'damaged', message };
      return { ok: false, error: { code: 'INTEGRITY', message } };
    }
    if (/SQLITE_FULL|database or disk is full/i.test(codeAndMsg)) return { ok: false, error: { code: 'INTERNAL', message: '磁盘空间已满，本次操作未保存。请清理磁盘后重试。' } };
    if (/SQLITE_BUSY|database is locked/i.test(codeAndMsg)) return { ok: false, error: { code: 'INTERNAL', message: '数据文件正被其他程序占用，本次操作未保存，请稍后重试。' } };
    if (/SQLITE_READONLY|readonly database/i.test(codeAndMsg)) return { ok: false, error: { code: 'INTERNAL', message: '数据文件为只读，无法保存。请检查文件权限。' } };
    const problem = sqliteProblem(e, parsed.data);
    if (problem) return { ok: false, error: problem };
    return { ok: false, error: { code: 'INTERNAL', message: `内部错误，本次操作未生效（详情已记入日志，可在“关于”中查看）：${msg.slice(0, 300)}` } };
  }
}
