// The import worker seen from the main thread: started on a core's first big import, kept for the next ones
// (unref'd: it never keeps the process alive), terminated when the core closes or when it fails.
//
// Its messages are received synchronously: while an import's transaction is open the main thread must not yield
// to the event loop (every other call shares the connection and would land inside the import). The worker posts
// a message on a MessagePort and then bumps a counter in shared memory; the main thread takes messages with
// receiveMessageOnPort and, when there is none yet, sleeps in Atomics.wait until the counter moves (or a time
// limit passes: a worker that died without a word is then given up on).
//
// Where the worker's code is: the app's main process is bundled by electron-vite, which builds import-worker.ts
// as a second entry next to index.js (electron.vite.config.ts); the CLI, browser mode, the bench and the tests run
// the TypeScript sources, and so does the worker, through tsx's loader.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { outsideAsar } from '../db/worker';
import { AppError } from '../errors';

export interface Session {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  /** set (by the event loop) when the worker has stopped; `gone` resolves then with the reason */
  dead: boolean;
  gone: Promise<string>;
}

/** For tests: how long a silent worker is waited for. */
export const hostLimits = {
  /** reading the file, before the transaction: the event loop runs meanwhile (a 10,000-row .xlsx: ~50 ms) */
  readMs: 120_000,
  /** between two chunks, inside the transaction: the main thread is blocked (a 1,000-row chunk: ~10 ms) */
  gapMs: 15_000,
};

/** For tests: start the worker from another file (one that does not exist: a worker that cannot start). */
export const hostHooks: { workerFile?: string } = {};

const sessions = new WeakMap<object, Session>();

function workerEntry(): { file: string; execArgv?: string[] } {
  if (hostHooks.workerFile) return { file: hostHooks.workerFile };
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // sources (tsx, Vitest): the worker is TypeScript too. tsx's loader by absolute URL, so it is found from any
    // working directory; the parent's own flags (a test runner's, an inspector) are not the worker's business.
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { file: fileURLToPath(new URL('./import-worker.ts', here)), execArgv: ['--import', tsx] };
  }
  // built: out/main/import-worker.js beside this bundle (or one level up, should this code land in a chunk); in
  // the installed app its unpacked copy (electron-builder.json asarUnpack)
  const candidates = ['./import-worker.js', '../import-worker.js'].map((p) => outsideAsar(fileURLToPath(new URL(p, here))));
  return { file: candidates.find((f) => fs.existsSync(f)) ?? candidates[0] };
}

function start(): Session {
  const { port1, port2 } = new MessageChannel();
  const shared = new SharedArrayBuffer(4);
  const { file, execArgv } = workerEntry();
  const worker = new Worker(file, { execArgv, workerData: { port: port2, signal: shared }, transferList: [port2] });
  worker.unref();
  port1.unref();
  const s: Session = { worker, port: port1, signal: new Int32Array(shared), dead: false, gone: Promise.resolve('') };
  s.gone = new Promise((resolve) => {
    worker.on('error', (e) => {
      s.dead = true;
      resolve(e.message);
    });
    worker.on('exit', (code) => {
      s.dead = true;
      resolve(`退出码 ${code}`);
    });
  });
  return s;
}

/** The core's worker, started when there is none (or the last one stopped). */
export function importSession(core: object): Session {
  let s = sessions.get(core);
  if (!s || s.dead) {
    s = start();
    sessions.set(core, s);
  }
  return s;
}

/** Stop the core's worker (core.close(), or after it failed); the next import starts a fresh one. */
export function stopImportWorker(core: object): void {
  const s = sessions.get(core);
  if (!s) return;
  sessions.delete(core);
  s.dead = true;
  s.port.close();
  void s.worker.terminate();
}

let syncWaitAllowed: boolean | undefined;

/** Whether this thread may block in Atomics.wait (Node's main thread may; a browser's may not). */
export function canWaitSync(): boolean {
  if (syncWaitAllowed === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      syncWaitAllowed = true;
    } catch {
      syncWaitAllowed = false;
    }
  }
  return syncWaitAllowed;
}

export interface Tagged {
  job: number;
}

/** The next message of `job` already delivered, or null; messages of jobs given up on are dropped. */
function poll<M extends Tagged>(s: Session, job: number): M | null {
  for (;;) {
    const m = receiveMessageOnPort(s.port);
    if (!m) return null;
    const msg = m.message as M;
    // job 0: the worker is going away (process.exit) whatever it was doing
    if (msg.job === job || msg.job === 0) return msg;
  }
}

export const NOTHING_WRITTEN = '没有写入任何数据。请重试；如仍不成功，请重新启动程序后再导入';

function silent(ms: number): AppError {
  return new AppError('IMPORT_FAILED', `导入未完成：读取和检查文件的线程超过 ${Math.round(ms / 1000)} 秒没有回应，已放弃本次导入，${NOTHING_WRITTEN}`);
}

/** Wait for the next message without yielding to the event loop (inside a transaction). */
export function receiveSync<M extends Tagged>(s: Session, job: number, timeoutMs: number): M {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // the worker posts, then bumps the counter: read the counter first, so a message posted after the poll
    // finds it moved and the wait returns at once
    const seen = Atomics.load(s.signal, 0);
    const m = poll<M>(s, job);
    if (m) return m;
    const left = deadline - performance.now();
    if (left <= 0) throw silent(timeoutMs);
    Atomics.wait(s.signal, 0, seen, left);
  }
}

type WaitAsync = (a: Int32Array, i: number, v: number, t: number) => { async: boolean; value: Promise<string> | string };

/** Wait for the next message letting the event loop run (before the transaction), noticing a worker that stopped. */
export async function receiveAsync<M extends Tagged>(s: Session, job: number, timeoutMs: number): Promise<M> {
  const deadline = performance.now() + timeoutMs;
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  for (;;) {
    const seen = Atomics.load(s.signal, 0);
    const m = poll<M>(s, job);
    if (m) return m;
    if (s.dead) {
      Atomics.notify(s.signal, 0); // releases a wait still pending from an earlier turn
      throw new AppError('IMPORT_FAILED', `导入未完成：读取和检查文件的线程意外停止（${await s.gone}），${NOTHING_WRITTEN}`);
    }
    const left = deadline - performance.now();
    if (left <= 0) throw silent(timeoutMs);
    const w = waitAsync(s.signal, 0, seen, left);
    if (w.async) await Promise.race([w.value, s.gone]);
  }
}
