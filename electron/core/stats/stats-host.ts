// The statistics worker seen from the main thread. At a city's scale the catalogue of a year (computeMetrics) is
// two years of figures, ~70 ms each at 1,000,000 rows; the year before is computed by a worker thread on its own
// read-only connection while the main thread computes the year (docs/decisions.md, “统计的上年在第二个核上算”).
//
// Both read the same data: the main thread waits for the worker's answer synchronously (worker-host.ts), so no
// call — and no write, all of which go through the main thread's connection — runs in between; every statement
// of either connection sees the file as it was when the call began. Inside a transaction (uncommitted rows the
// worker cannot see) both years are computed here.
//
// The worker is started on the second statistics call of a big file and kept until the core closes; it closes its
// connection before close() returns (the file may be replaced right after: restore). If it fails or falls silent
// the year before is computed here and the worker is stopped; after a second failure the core stops trying.

import type { MetricsResult } from '../../domain/metrics';
import type { Core } from '../core';
import { driver } from '../db/worker';
import { canWaitSync, ownWorker, receiveSync, startWorker, stopWorker, type Session } from '../worker-host';
import { SIGNAL_READY } from '../worker-signal';
import { computeMetrics, type Elsewhere } from './compute';
import { resolveScope } from '../units';
import type { StatsJob, StatsMessage } from './stats-worker';

export const statsHooks: {
  /** data files from this size get the worker (64 MB: ~70,000 rows; below, a year's catalogue takes ~10 ms or less) */
  minBytes: number;
  /** how long the main thread waits for the worker's answer before computing the year before itself */
  waitMs: number;
  /** tests: make the worker fail */
  crash?: StatsJob['crash'];
} = { minBytes: 64 * 1024 * 1024, waitMs: 10_000 };

const helpers = new WeakMap<object, Session>();
const failures = new WeakMap<object, number>();
const calls = new WeakMap<object, number>();
let jobs = 0;

function fileBytes(core: Core): number {
  return (core.db.pragma('page_count', { simple: true }) as number) * (core.db.pragma('page_size', { simple: true }) as number);
}

/** For tests and the bench: whether the core has a worker, and whether it has loaded. */
export function statsWorkerState(core: object): 'none' | 'starting' | 'ready' {
  const s = helpers.get(core);
  if (!s || s.dead) return 'none';
  return Atomics.load(s.signal, SIGNAL_READY) === 1 ? 'ready' : 'starting';
}

/** The year's catalogue (computeMetrics), the year before computed by the worker when it is ready. */
export function yearMetrics(core: Core, year: number, scope?: string): MetricsResult {
  const s = helpers.get(core);
  const ready = s && !s.dead && Atomics.load(s.signal, SIGNAL_READY) === 1;
  const r = computeMetrics(core.db, year, core.settings, core.calendar, ready ? elsewhere(core, s) : undefined, resolveScope(core.db, scope));
  // Started on the second call, ready for the ones after (a call would otherwise wait for it to load): a process
  // that asks once (the CLI's stats or report) does not start a thread it would only wait for when it closes.
  const n = (calls.get(core) ?? 0) + 1;
  calls.set(core, n);
  if (!s && n >= 2 && (failures.get(core) ?? 0) < 2 && canWaitSync() && !core.db.memory && fileBytes(core) >= statsHooks.minBytes) {
    helpers.set(core, startWorker('stats-worker', { file: core.file, driver }));
    ownWorker(core, 'stats-worker', () => stopStatsWorker(core));
  }
  return r;
}

function elsewhere(core: Core, s: Session): Elsewhere {
  return (p, scope) => {
    if (core.db.inTransaction) return null;
    const job = ++jobs;
    const msg: StatsJob = { job, p, scope, settings: core.settings, calendar: core.calendar.toData(), crash: statsHooks.crash };
    s.worker.postMessage(msg);
    return () => {
      try {
        const m = receiveSync<StatsMessage>(s, job, statsHooks.waitMs, () => new Error(`超过 ${statsHooks.waitMs / 1000} 秒没有回应`));
        if (m.t === 'year') return m.figures;
        throw new Error(m.t === 'fail' ? m.message : `意外的消息 ${m.t}`);
      } catch (e) {
        console.warn(`统计线程出错，上年的数字改在主线程计算：${(e as Error).message}`);
        failures.set(core, (failures.get(core) ?? 0) + 1);
        // no goodbye: it did not answer the job, it would not answer that either
        helpers.delete(core);
        stopWorker(s);
        return null;
      }
    };
  };
}

/** Stop the core's worker, its connection closed when this returns (unless it does not answer within 5 s). */
export function stopStatsWorker(core: object): void {
  const s = helpers.get(core);
  if (!s) return;
  helpers.delete(core);
  if (!s.dead) {
    const job = ++jobs;
    s.worker.postMessage({ job, t: 'close' });
    try {
      receiveSync<StatsMessage>(s, job, 5_000, () => new Error('timeout'));
    } catch {
      // a worker that does not answer is terminated all the same
    }
  }
  stopWorker(s);
}
