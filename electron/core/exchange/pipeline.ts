// Importing a big ledger file on both cores: the import worker (import-worker.ts) reads the file, maps and
// validates it a chunk at a time, while the main thread, inside the import's one transaction, inserts each chunk
// as it arrives (records.importChunks). Wall time ≈ read + max(map + validate, insert) + search index + COMMIT
// instead of their sum. All-or-nothing as in the thread: any problem, and the transaction is rolled back after
// every chunk was taken, so the report lists every problem; a worker that fails or falls silent rolls back too.

import type { LedgerKind, Row } from '../../domain/fields';
import type { Core } from '../core';
import { AppError, type ErrorCode } from '../errors';
import { LEDGERS } from '../../domain/ledgers';
import type { SheetMapping } from '../../domain/sheet-mapping';
import { importChunks, importKeys, type ImportChunk, type ImportOptions, type ImportOutcome } from '../records';
import { canWaitSync, hostLimits, importSession, NOTHING_WRITTEN, receiveAsync, receiveSync, stopImportWorker } from './import-host';
import type { ImportJob, WorkerMessage } from './import-worker';
import type { ParsedLedgerFile } from './parse';
import type { UnknownValue } from './sheet';

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

const busy = new WeakSet<object>();
let jobs = 0;

/**
 * Import (or, dryRun, check) a ledger file through the worker. null when the worker cannot be used now (another
 * import of this core is using it, this thread may not wait synchronously, the worker could not start or stopped
 * while reading, or the settings or calendar changed while the file was read): the caller imports in the thread.
 */
export async function importInWorker(
  core: Core,
  kind: LedgerKind,
  fileName: string,
  bytes: Buffer,
  opts: ImportOptions & { mapping?: SheetMapping },
): Promise<(ImportOutcome & { total: number; sample: Row[]; plan?: ParsedLedgerFile['plan']; unknown?: UnknownValue[] }) | null> {
  if (busy.has(core) || !canWaitSync()) return null;
  busy.add(core);
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
      job, kind, fileName, bytes, settings, calendar: calendar.toData(), firstChunkRows: FIRST_CHUNK_ROWS, chunkRows: CHUNK_ROWS, crash: pipelineHooks.crash,
      mapping: opts.mapping, existing: keys.size && opts.existing ? [...keys.keys()] : undefined,
    };
    s.worker.postMessage(msg);
    // reading the file: the event loop goes on meanwhile (no transaction is open yet)
    let read: WorkerMessage;
    try {
      read = await receiveAsync<WorkerMessage>(s, job, hostLimits.readMs);
    } catch (e) {
      // the worker could not start or stopped before anything was written: the import is done in the thread
      // (an installation whose worker file or packages are missing still imports, only on one core)
      console.warn(`导入线程不可用，改在主线程导入：${(e as Error).message}`);
      return null;
    }
    if (read.t !== 'read') throw failed(read);
    // the settings or the calendar changed while the file was read (the event loop ran): the worker validates
    // under the old ones, so this import is done in the thread instead, under the new ones
    if (core.settings !== settings || core.calendar !== calendar) return null;
    if (read.errors.length || !read.rows) {
      spent = false;
      return { total: new Set(read.errors.map((e) => e.line)).size, inserted: 0, errors: read.errors, sample: [], plan: read.plan, updated: 0, skipped: 0, unchanged: 0, updates: [] };
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
    return { ...r, total: end.total, sample: end.sample, plan: read.plan, unknown: end.unknown };
  } catch (e) {
    // a file that cannot be read is the file's problem, not the worker's
    if (e instanceof ReadFailure) {
      spent = false;
      throw new AppError(e.code, e.message);
    }
    throw e;
  } finally {
    busy.delete(core);
    if (spent) stopImportWorker(core);
    else s.worker.unref();
  }
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
