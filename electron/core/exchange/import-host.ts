// The import worker seen from the main thread (the generic part, shared with the statistics worker, is in
// ../worker-host.ts): started on a core's first big import, kept for the next ones, terminated when the core
// closes or when it fails. Its chunks are received synchronously inside the import's transaction.

import { AppError } from '../errors';
import { ownWorker, poll, receiveSync as receiveSyncRaw, startWorker, stopWorker, type Session, type Tagged } from '../worker-host';
import { SIGNAL_SENT } from '../worker-signal';
import { IMPORT_WORKER_HEAP_MB } from './limits';

export { canWaitSync } from '../worker-host';

/** For tests: how long a silent worker is waited for, and its heap. */
export const hostLimits = {
  /** reading the file, before the transaction: the event loop runs meanwhile (a 10,000-row .xlsx: ~50 ms) */
  readMs: 120_000,
  /** between two chunks, inside the transaction: the main thread is blocked (a 1,000-row chunk: ~10 ms) */
  gapMs: 15_000,
  /** the worker's heap bound (limits.ts); tests lower it to see a worker run out */
  heapMb: IMPORT_WORKER_HEAP_MB,
};

/** For tests: start the worker from another file (one that does not exist: a worker that cannot start). */
export const hostHooks: { workerFile?: string } = {};

const sessions = new WeakMap<object, Session>();

/** The core's worker, started when there is none (or the last one stopped). */
export function importSession(core: object): Session {
  let s = sessions.get(core);
  if (!s || s.dead) {
    // the heap bound (limits.ts): a file that needs more stops this worker, not the process
    s = startWorker('import-worker', {}, hostHooks.workerFile, { maxOldGenerationSizeMb: hostLimits.heapMb });
    sessions.set(core, s);
    ownWorker(core, 'import-worker', () => stopImportWorker(core));
  }
  return s;
}

/** Stop the core's worker (core.close(), or after it failed); the next import starts a fresh one. */
export function stopImportWorker(core: object): void {
  const s = sessions.get(core);
  if (!s) return;
  sessions.delete(core);
  stopWorker(s);
}

export const NOTHING_WRITTEN = '没有写入任何数据。请重试；如仍不成功，请重新启动程序后再导入';

function silent(ms: number): AppError {
  return new AppError('IMPORT_FAILED', `导入未完成：读取和检查文件的线程超过 ${Math.round(ms / 1000)} 秒没有回应，已放弃本次导入，${NOTHING_WRITTEN}`);
}

/** The worker reached its heap bound on this file: the file's problem (too big or made to be), said so. */
export function outOfMemory(): AppError {
  return new AppError(
    'IMPORT_FAILED',
    `导入未完成：读取这个文件需要的内存超过了上限（${hostLimits.heapMb} MB），文件可能过大或已损坏、被改造，已放弃本次导入，没有写入任何数据。请把文件拆分成几个较小的文件分别导入`,
  );
}

/** Wait for the next message without yielding to the event loop (inside a transaction). */
export function receiveSync<M extends Tagged>(s: Session, job: number, timeoutMs: number): M {
  return receiveSyncRaw<M>(s, job, timeoutMs, () => silent(timeoutMs));
}

type WaitAsync = (a: Int32Array, i: number, v: number, t: number) => { async: boolean; value: Promise<string> | string };

/** Wait for the next message letting the event loop run (before the transaction), noticing a worker that stopped. */
export async function receiveAsync<M extends Tagged>(s: Session, job: number, timeoutMs: number): Promise<M> {
  const deadline = performance.now() + timeoutMs;
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  for (;;) {
    const seen = Atomics.load(s.signal, SIGNAL_SENT);
    const m = poll<M>(s, job);
    if (m) return m;
    if (s.dead) {
      Atomics.notify(s.signal, SIGNAL_SENT); // releases a wait still pending from an earlier turn
      const why = await s.gone;
      throw s.errorCode === 'ERR_WORKER_OUT_OF_MEMORY'
        ? outOfMemory()
        : new AppError('IMPORT_FAILED', `导入未完成：读取和检查文件的线程意外停止（${why}），${NOTHING_WRITTEN}`);
    }
    const left = deadline - performance.now();
    if (left <= 0) throw silent(timeoutMs);
    const w = waitAsync(s.signal, SIGNAL_SENT, seen, left);
    if (w.async) await Promise.race([w.value, s.gone]);
  }
}
