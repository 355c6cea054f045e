// The import worker (a worker thread, see import-host.ts): reads an import file, maps its cells and validates its
// rows a chunk at a time, posting each chunk of prepared rows as soon as it is ready, so the main thread inserts
// one chunk while this thread validates the next (pipeline.ts). The same functions as the in-thread import
// (parse.ts, prepare.ts), under the same settings and calendar (sent as plain data), so the same rows and problems.
// Nothing here opens the data file.

import { parentPort, workerData } from 'node:worker_threads';
import { HolidayCalendar, type HolidayCalendarData } from '../../domain/calendar';
import type { LedgerKind, Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import type { Settings } from '../../domain/settings';
import { AppError } from '../errors';
import { signalledSender, type WorkerBase } from '../worker-signal';
import { recordKey, type SheetMapping } from '../../domain/sheet-mapping';
import { readTable } from './parse';
import { canonicalInput, fieldLabels, prepareImportRow, type RowError } from './prepare';
import { planSheet, sheetRows, type SheetPlan, type UnknownValue } from './sheet';

export interface ImportJob {
  job: number;
  kind: LedgerKind;
  fileName: string;
  bytes: Uint8Array;
  settings: Settings;
  calendar: HolidayCalendarData;
  /** rows of the first chunk, then of every other one */
  firstChunkRows: number;
  chunkRows: number;
  /** the user's column and value mapping (plain data: domain/sheet-mapping.ts) */
  mapping?: SheetMapping;
  /** re-import keys of the records already there (records.existingKeys): rows with one carry their sheet values */
  existing?: string[];
  /** test hook: stop working after this many chunks were posted */
  crash?: { afterChunks: number; how: 'exit' | 'throw' | 'hang' };
}

export type WorkerMessage =
  /** read and header checked: `rows` data rows follow in chunks, unless there are none or the header has problems (the end) */
  | { job: number; t: 'read'; rows: number; errors: RowError[]; plan?: Omit<SheetPlan, 'rows' | 'errors'> }
  | { job: number; t: 'chunk'; rows: { line: number; row: Row; manual: string[]; given?: Row }[]; errors: RowError[] }
  /** total: rows of the file as importRecords counts them; sample: the first 20 rows as read; unknown: words no option */
  | { job: number; t: 'done'; total: number; sample: Row[]; unknown: UnknownValue[] }
  /** code: an AppError's (a file that cannot be read); none: the worker failed */
  | { job: number; t: 'fail'; code?: string; message: string };

const data = workerData as WorkerBase;
const send = signalledSender<WorkerMessage>(data);
let current = 0;

// a worker ending mid-job says so (job 0: whatever the main thread waits for) rather than leave it waiting
process.on('exit', (code) => {
  if (current) send({ job: 0, t: 'fail', message: `退出码 ${code}` });
});

function crash(how: 'exit' | 'throw' | 'hang'): void {
  if (how === 'exit') process.exit(3);
  if (how === 'throw') throw new Error('测试：线程出错');
  const idle = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(idle, 0, 0, 1000);
}

async function run(job: ImportJob): Promise<void> {
  const id = job.job;
  current = id;
  try {
    const def = LEDGERS[job.kind];
    const ctx = { settings: job.settings, calendar: new HolidayCalendar(job.calendar) };
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const { table, format } = await readTable(job.kind, job.fileName, bytes);
    if (!table) return send({ job: id, t: 'read', rows: 0, errors: [] });
    const { rows: data, errors: headerErrors, ...plan } = planSheet(def.fields, table, format, job.mapping);
    const { columns } = plan;
    send({ job: id, t: 'read', rows: data.length, errors: headerErrors, plan });
    if (headerErrors.length || !data.length) return;
    const existing = job.existing?.length ? new Set(job.existing) : null;
    const unknown = new Map<string, UnknownValue>();
    const labelOf = fieldLabels(def);
    const sample: Row[] = [];
    const errorLines = new Set<number>();
    let parsed = 0;
    for (let at = 0, n = 0; at < data.length; n++) {
      if (job.crash && n === job.crash.afterChunks) crash(job.crash.how);
      const size = n ? job.chunkRows : job.firstChunkRows;
      const errors: RowError[] = [];
      const values = sheetRows(def.fields, columns, data.slice(at, at + size), format, errors, job.mapping, unknown);
      at += size;
      for (const e of errors) errorLines.add(e.line);
      parsed += values.length;
      const rows: { line: number; row: Row; manual: string[]; given?: Row }[] = [];
      for (const v of values) {
        if (sample.length < 20) sample.push(v.values);
        const p = prepareImportRow(def, labelOf, v.line, v.values, ctx, errors);
        if (!p) continue;
        const key = existing && recordKey(def, p.row);
        if (key && existing.has(key)) rows.push({ line: v.line, row: p.row, manual: p.manual, given: canonicalInput(def, v.values) as Row });
        else rows.push({ line: v.line, row: p.row, manual: p.manual });
      }
      send({ job: id, t: 'chunk', rows, errors });
    }
    send({ job: id, t: 'done', total: parsed + errorLines.size, sample, unknown: [...unknown.values()] });
  } catch (e) {
    send({ job: id, t: 'fail', code: e instanceof AppError ? e.code : undefined, message: e instanceof Error ? e.message : String(e) });
  } finally {
    current = 0;
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (job: ImportJob) => {
  // one job after another (readTable is async in form only)
  queue = queue.then(() => run(job));
});
