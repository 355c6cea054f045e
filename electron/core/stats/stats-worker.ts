// The statistics worker (a worker thread, see stats-host.ts): computes the year before's figures on a read-only
// connection of its own while the main thread computes the year's, so the catalogue's two years take the time of
// one on a two-core machine. The same function (yearFigures), under the settings and calendar it is sent.

import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { HolidayCalendar, type HolidayCalendarData } from '../../domain/calendar';
import type { Settings } from '../../domain/settings';
import { signalledSender, signalReady, type WorkerBase } from '../worker-signal';
import { yearFigures, ALL_ROWS, type StatsScope, type YearFigures, type YearParams } from './compute';

export interface StatsJob {
  job: number;
  p: YearParams;
  /** the rows read (issue 20: 本级, 全部, a unit) */
  scope?: StatsScope;
  settings: Settings;
  calendar: HolidayCalendarData;
  /** test hook: what to do instead of answering */
  crash?: 'exit' | 'throw' | 'hang';
}

export type StatsMessage = { job: number; t: 'year'; figures: YearFigures } | { job: number; t: 'fail'; message: string } | { job: number; t: 'closed' };

const data = workerData as WorkerBase & { file: string; driver: string };
const send = signalledSender<StatsMessage>(data);
// the driver by the path the main thread resolved: in the installed app, its copy outside the asar
const Database = createRequire(import.meta.url)(data.driver) as typeof BetterSqlite3;
const db = new Database(data.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

// a worker ending mid-job says so (job 0: whatever the main thread waits for) rather than leave it waiting
let busy = false;
process.on('exit', (code) => {
  if (busy) send({ job: 0, t: 'fail', message: `退出码 ${code}` });
});

parentPort!.on('message', (m: StatsJob | { job: number; t: 'close' }) => {
  if ('t' in m) {
    // closed before the main thread goes on, so the file can be replaced (restore) or deleted right after
    db.close();
    send({ job: m.job, t: 'closed' });
    return;
  }
  busy = true;
  try {
    if (m.crash === 'exit') process.exit(3);
    if (m.crash === 'throw') throw new Error('测试：线程出错');
    if (m.crash === 'hang') for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    send({ job: m.job, t: 'year', figures: yearFigures(db, m.p, m.settings, new HolidayCalendar(m.calendar), undefined, m.scope ?? ALL_ROWS) });
  } catch (e) {
    send({ job: m.job, t: 'fail', message: (e as Error).message });
  } finally {
    busy = false;
  }
});
signalReady(data);
