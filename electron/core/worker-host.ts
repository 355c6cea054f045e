// The core's long-lived worker threads seen from the main thread: the import worker (exchange/import-host.ts)
// and the statistics worker (stats/stats-host.ts). Each is started when first needed, kept for the next jobs
// (unref'd: it never keeps the process alive) and stopped when the core closes or when it fails.
//
// Their messages can be received synchronously: while an import's transaction is open, or while the two years
// of the statistics are computed on two connections, the main thread must not yield to the event loop (every
// other call shares the connection and would land in the middle). The worker posts a message on a MessagePort and
// then bumps a counter in shared memory; the main thread takes messages with receiveMessageOnPort and, when there
// is none yet, sleeps in Atomics.wait until the counter moves (or a time limit passes: a worker that died without
// a word is then given up on).
//
// Where a worker's code is: the app's main process is bundled by electron-vite, which builds each worker as an
// entry of its own next to index.js (electron.vite.config.ts); the CLI, browser mode, the bench and the tests run
// the TypeScript sources, and so do the workers, through tsx's loader.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { outsideAsar } from './db/worker';
import { SIGNAL_SENT } from './worker-signal';

/**
 * The resident workers of each core, with how each one is stopped: this module owns them, and the core closes them
 * all (stopWorkersOf) without knowing which there are — so the core does not import the statistics or the import
 * (which import the core), and a new resident worker needs no change to the core.
 */
const owned = new WeakMap<object, Map<string, () => void>>();

/** Registers a core's resident worker (by name: one of each per core) and how to stop it. */
export function ownWorker(core: object, name: WorkerName, stop: () => void): void {
  let m = owned.get(core);
  if (!m) owned.set(core, (m = new Map()));
  m.set(name, stop);
}

/** Stops every resident worker of a core (Core.close). */
export function stopWorkersOf(core: object): void {
  const m = owned.get(core);
  if (!m) return;
  owned.delete(core);
  for (const stop of m.values()) stop();
}

/** The workers and their sources (relative to this file). */
const SOURCES = {
  'import-worker': './exchange/import-worker.ts',
  'stats-worker': './stats/stats-worker.ts',
  // one-shot, per Word template, under a heap limit (report/docx-host.ts)
  'docx-worker': './report/docx-worker.ts',
} as const;
export type WorkerName = keyof typeof SOURCES;

export interface Session {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  /** set (by the event loop) when the worker has stopped; `gone` resolves then with the reason */
  dead: boolean;
  gone: Promise<string>;
  /** the code of the error that stopped it, e.g. ERR_WORKER_OUT_OF_MEMORY (its resourceLimits were reached) */
  errorCode?: string;
}

export function workerEntry(name: WorkerName): { file: string; execArgv?: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // sources (tsx, Vitest): the worker is TypeScript too. tsx's loader by absolute URL, so it is found from any
    // working directory; the parent's own flags (a test runner's, an inspector) are not the worker's business.
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { file: fileURLToPath(new URL(SOURCES[name], here)), execArgv: ['--import', tsx] };
  }
  // built: out/main/<name>.js beside this bundle (or one level up, should this code land in a chunk); in the
  // installed app its unpacked copy (electron-builder.json asarUnpack)
  const candidates = [`./${name}.js`, `../${name}.js`].map((p) => outsideAsar(fileURLToPath(new URL(p, here))));
  return { file: candidates.find((f) => fs.existsSync(f)) ?? candidates[0] };
}

/**
 * Start a worker; `file` replaces its entry (tests: one that does not exist, a worker that cannot start).
 * `resourceLimits`: a worker that reaches them is stopped by Node (errorCode ERR_WORKER_OUT_OF_MEMORY) while
 * the process goes on; the import worker, which reads users' files, has them (exchange/limits.ts).
 */
export function startWorker(name: WorkerName, data: Record<string, unknown> = {}, file?: string, resourceLimits?: ResourceLimits): Session {
  const { port1, port2 } = new MessageChannel();
  const shared = new SharedArrayBuffer(8);
  const entry = file ? { file } : workerEntry(name);
  const worker = new Worker(entry.file, {
    execArgv: entry.execArgv,
    workerData: { ...data, port: port2, signal: shared },
    transferList: [port2],
    resourceLimits,
  });
  worker.unref();
  port1.unref();
  const s: Session = { worker, port: port1, signal: new Int32Array(shared), dead: false, gone: Promise.resolve('') };
  s.gone = new Promise((resolve) => {
    worker.on('error', (e) => {
      s.dead = true;
      s.errorCode = (e as { code?: string }).code;
      resolve(e.message);
    });
    worker.on('exit', (code) => {
      s.dead = true;
      resolve(`退出码 ${code}`);
    });
  });
  return s;
}

/** Stop a worker at once; whatever it was doing is dropped. */
export function stopWorker(s: Session): void {
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
export function poll<M extends Tagged>(s: Session, job: number): M | null {
  for (;;) {
    const m = receiveMessageOnPort(s.port);
    if (!m) return null;
    const msg = m.message as M;
    // job 0: the worker is going away (process.exit) whatever it was doing
    if (msg.job === job || msg.job === 0) return msg;
  }
}

/** Wait for the next message of `job` without yielding to the event loop; `silent()` is thrown after `timeoutMs`. */
export function receiveSync<M extends Tagged>(s: Session, job: number, timeoutMs: number, silent: () => Error): M {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // the worker posts, then bumps the counter: read the counter first, so a message posted after the poll
    // finds it moved and the wait returns at once
    const seen = Atomics.load(s.signal, SIGNAL_SENT);
    const m = poll<M>(s, job);
    if (m) return m;
    const left = deadline - performance.now();
    if (left <= 0) throw silent();
    Atomics.wait(s.signal, SIGNAL_SENT, seen, left);
  }
}
