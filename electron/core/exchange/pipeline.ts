// Importing a big ledger file on both cores: the import worker (import-worker.ts) reads the file, maps and
// validates it a chunk at a time, while the main thread, inside the import's one transaction, inserts each chunk
// as it arrives (records.importChunks). Wall time ≈ read + max(map + validate, insert) + search index + COMMIT
// instead of their sum. All-or-nothing as in the thread: any problem, and the transaction is rolled back after
// every chunk was taken, so the report lists every problem; a worker that fails or falls silent rolls back too.
//
// A file of PIPELINE_MIN_BYTES or more is read only in the worker, under its heap bound, and never in this thread:
// a worker that stops, runs out of memory or falls silent while reading it ends the import with a Chinese message
// (the same parse is not tried again here, where it could take the process down). Only a worker that never took
// the job (it could not start: an installation missing its file) lets a small file (under PIPELINE_MIN_BYTES, only
// sent here when a test forces it) be read in the thread after all; the bounds of limits.ts make that cheap. Two
// imports of one core take turns on its worker; a file read while the settings changed is read again in the worker.

import type { LedgerKind, Row } from '../../domain/fields';
import type { Core } from '../core';
import { AppError, type ErrorCode } from '../errors';
import { LEDGERS } from '../../domain/ledgers';
import type { SheetMapping } from '../../domain/sheet-mapping';
import { importChunks, importKeys, type ImportChunk, type ImportOptions, type ImportOutcome } from '../records';
import type { Session } from '../worker-host';
import { canWaitSync, hostLimits, importSession, NOTHING_WRITTEN, receiveAsync, receiveSync, stopImportWorker } from './import-host';
import type { ImportJob, WorkerMessage } from './import-worker';
import type { ExchangeKind, ParsedLedgerFile } from './parse';
import type { UnknownValue } from './sheet';
import type { Format, Table } from './tables';

/** What an import through the worker answers: the records' outcome, the file's row count, its first rows as read. */
export type WorkerImportOutcome = ImportOutcome & { total: number; sample: Row[]; omitted: number; plan?: ParsedLedgerFile['plan']; unknown?: UnknownValue[] };
type PipelineOptions = ImportOptions & { mapping?: SheetMapping };

/**
 * Files from this size go through the worker. A 10,000-row contract .xlsx is ~800 KB (~80 bytes a row; CSV and
 * JSON take 2–5 times more a row); below ~2,000 rows (what records.ts calls a big import) the whole import takes
 * well under 100 ms in the thread and the overlap would save less than the worker's first start costs.
 */
export const PIPELINE_MIN_BYTES = 160 * 1024;

/**
 * Rows a chunk: 10 of them make a 10,000-row file, each ~10 ms of the worker's mapping and validation and ~25 ms
 * of inserting. The first is smaller, so inserting starts sooner after the file was read.
 */
export const CHUNK_ROWS = 1000;
export const FIRST_CHUNK_ROWS = 250;

/** For tests: make the worker fail after some chunks. */
export const pipelineHooks: { crash?: ImportJob['crash'] } = {};

export function usePipeline(bytes: Buffer): boolean {
  return bytes.length >= PIPELINE_MIN_BYTES;
}

/** Per core, the imports using its worker, one after another. */
const turns = new WeakMap<object, Promise<unknown>>();

function inTurn<T>(core: object, fn: () => Promise<T>): Promise<T> {
  const run = (turns.get(core) ?? Promise.resolve()).then(fn, fn);
  turns.set(
    core,
    run.catch(() => undefined),
  );
  return run;
}

let jobs = 0;

/** The worker never took the job (it could not start). */
const NOT_STARTED = Symbol('not started');
/** The settings or the calendar changed while the worker read the file. */
const CHANGED = Symbol('changed');

function unavailable(why: string): AppError {
  return new AppError('IMPORT_FAILED', `导入未完成：读取文件的线程无法启动（${why}），没有写入任何数据。请重新启动程序后再导入；如仍不成功，请重新安装本程序`);
}

/** Post a job and wait until the worker takes it: NOT_STARTED when it stops (or is silent) before that. */
async function post(s: Session, msg: ImportJob): Promise<typeof NOT_STARTED | undefined> {
  s.worker.postMessage(msg);
  let m: WorkerMessage;
  try {
    m = await receiveAsync<WorkerMessage>(s, msg.job, hostLimits.readMs);
  } catch (e) {
    console.warn(`导入线程不可用：${(e as Error).message}`);
    return NOT_STARTED;
  }
  if (m.t !== 'start') throw failed(m);
  return undefined;
}

/**
 * Import (or, dryRun, check) a ledger file through the worker. null only when a small file may be read in the
 * thread instead (the worker could not start, or this thread may not wait synchronously); a big one is then
 * refused with a Chinese message.
 */
export async function importInWorker(
  core: Core,
  kind: LedgerKind,
  fileName: string,
  bytes: Buffer,
  opts: PipelineOptions,
): Promise<WorkerImportOutcome | null> {
  if (!canWaitSync()) {
    if (!usePipeline(bytes)) return null;
    throw unavailable('此环境不能同步等待线程');
  }
  return inTurn(core, async () => {
    for (let attempt = 1; ; attempt++) {
      const r = await importOnce(core, kind, fileName, bytes, opts);
      if (r === NOT_STARTED) {
        if (!usePipeline(bytes)) return null;
        throw unavailable('线程没有回应');
      }
      if (r !== CHANGED) return r;
      if (attempt >= 3) throw new AppError('IMPORT_FAILED', `导入未完成：读取文件期间设置或节假日多次被修改，${NOTHING_WRITTEN}`);
    }
  });
}

async function importOnce(
  core: Core,
  kind: LedgerKind,
  fileName: string,
  bytes: Buffer,
  opts: PipelineOptions,
): Promise<WorkerImportOutcome | typeof NOT_STARTED | typeof CHANGED> {
  const s = importSession(core);
  // held while a job runs: awaiting the worker's first message is no reason for the event loop to stay alive
  s.worker.ref();
  const job = ++jobs;
  const { settings, calendar } = core;
  // the worker is spent when it failed or fell silent, or when this import ended while it was still sending
  let spent = true;
  try {
    // the records already there, by re-import key, loaded once: the worker sends the sheet's values of their rows
    const keys = importKeys(core, LEDGERS[kind], opts.existing);
    const msg: ImportJob = {
      job,
      kind,
      fileName,
      bytes,
      settings,
      calendar: calendar.toData(),
      firstChunkRows: FIRST_CHUNK_ROWS,
      chunkRows: CHUNK_ROWS,
      crash: pipelineHooks.crash,
      mapping: opts.mapping,
      existing: keys.size && opts.existing ? [...keys.keys()] : undefined,
    };
    if ((await post(s, msg)) === NOT_STARTED) return NOT_STARTED;
    // reading the file: the event loop goes on meanwhile (no transaction is open yet); a worker that stops or
    // falls silent now failed on this file, and the import ends here
    const read = await receiveAsync<WorkerMessage>(s, job, hostLimits.readMs);
    if (read.t !== 'read') throw failed(read);
    // the settings or the calendar changed while the file was read (the event loop ran): the worker validated
    // under the old ones, so the file is read again, under the new ones
    if (core.settings !== settings || core.calendar !== calendar) return CHANGED;
    if (read.errors.length || !read.rows) {
      spent = false;
      return {
        total: new Set(read.errors.map((e) => e.line)).size,
        inserted: 0,
        errors: read.errors,
        sample: [],
        omitted: 0,
        plan: read.plan,
        updated: 0,
        skipped: 0,
        unchanged: 0,
        updates: [],
      };
    }
    // from here to the end no await: the chunks are received synchronously inside the transaction
    let done: Extract<WorkerMessage, { t: 'done' }> | null = null;
    const next = (): ImportChunk | null => {
      if (done) return null;
      const m = receiveSync<WorkerMessage>(s, job, hostLimits.gapMs);
      if (m.t === 'chunk') return m;
      if (m.t === 'done') {
        done = m;
        return null;
      }
      throw failed(m);
    };
    const r = importChunks(core, kind, read.rows, next, { ...opts, source: fileName, keys });
    const end = done as Extract<WorkerMessage, { t: 'done' }> | null;
    if (!end) throw new Error('import worker: chunks ended without done');
    spent = false;
    return { ...r, total: end.total, sample: end.sample, omitted: end.omitted, plan: read.plan, unknown: end.unknown };
  } catch (e) {
    // a file that cannot be read is the file's problem, not the worker's
    if (e instanceof ReadFailure) {
      spent = false;
      throw new AppError(e.code, e.message);
    }
    throw e;
  } finally {
    if (spent) stopImportWorker(core);
    else s.worker.unref();
  }
}

/**
 * A yearly table's file (年度指标, 年度素材) of PIPELINE_MIN_BYTES or more, read in the worker rather than here.
 * null when the worker could not start and the file is small.
 */
export async function readTableInWorker(
  core: Core,
  kind: ExchangeKind,
  fileName: string,
  bytes: Buffer,
): Promise<{ table: Table | null; format: Format } | null> {
  if (!canWaitSync()) {
    if (!usePipeline(bytes)) return null;
    throw unavailable('此环境不能同步等待线程');
  }
  return inTurn(core, async () => {
    const s = importSession(core);
    s.worker.ref();
    const job = ++jobs;
    let spent = true;
    try {
      const msg: ImportJob = {
        job,
        kind,
        fileName,
        bytes,
        settings: core.settings,
        calendar: core.calendar.toData(),
        firstChunkRows: FIRST_CHUNK_ROWS,
        chunkRows: CHUNK_ROWS,
      };
      if ((await post(s, msg)) === NOT_STARTED) {
        if (!usePipeline(bytes)) return null;
        throw unavailable('线程没有回应');
      }
      const m = await receiveAsync<WorkerMessage>(s, job, hostLimits.readMs);
      if (m.t !== 'table') throw failed(m);
      spent = false;
      return { table: m.table, format: m.format };
    } catch (e) {
      if (e instanceof ReadFailure) {
        spent = false;
        throw new AppError(e.code, e.message);
      }
      throw e;
    } finally {
      if (spent) stopImportWorker(core);
      else s.worker.unref();
    }
  });
}

class ReadFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function failed(m: WorkerMessage): Error {
  if (m.t === 'fail' && m.code) return new ReadFailure(m.code as ErrorCode, m.message);
  const why = m.t === 'fail' ? m.message : `意外的消息 ${m.t}`;
  return new AppError('IMPORT_FAILED', `导入未完成：读取和检查文件的线程出错（${why}），${NOTHING_WRITTEN}`);
}
