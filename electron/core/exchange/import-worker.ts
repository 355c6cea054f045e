// The import worker (a worker thread, see import-host.ts): reads an import file, maps its cells and validates its
// rows a chunk at a time, posting each chunk of prepared rows as soon as it is ready, so the main thread inserts
// one chunk while this thread validates the next (pipeline.ts). The same functions as the in-thread import
// (parse.ts, prepare.ts), under the same settings and calendar (sent as plain data), so the same rows and problems.
// Nothing here opens the data file. It runs under resourceLimits (limits.ts IMPORT_WORKER_HEAP_MB): a file that
// would take more memory stops this thread, not the process. The yearly tables (年度指标, 年度素材) are only read
// here (a 'table' job), as every file of PIPELINE_MIN_BYTES or more is read here and never in the main thread.

import { parentPort, workerData } from 'node:worker_threads';
import { HolidayCalendar, type HolidayCalendarData } from '../../domain/calendar';
import type { LedgerKind, Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import type { Settings } from '../../domain/settings';
import { AppError } from '../errors';
import { signalledSender, type WorkerBase } from '../worker-signal';
import { recordKey, type SheetMapping } from '../../domain/sheet-mapping';
import { MAX_LISTED_ERRORS } from './limits';
import { readTable, type ExchangeKind } from './parse';
import { canonicalInput, fieldLabels, prepareImportRow, type RowError } from './prepare';
import { planSheet, sheetRows, type SheetPlan, type UnknownValue } from './sheet';
import type { Format, Table } from './tables';

export interface ImportJob {
  job: number;
  /** a ledger: read, map and validate in chunks; a yearly table: only read it (answered with 'table') */
  kind: ExchangeKind;
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
  /** the job was taken: from here a worker that stops failed on this file (it did not fail to start) */
  | { job: number; t: 'start' }
  /** a yearly table's file as read (then nothing more) */
  | { job: number; t: 'table'; table: Table | null; format: Format }
  /** read and header checked: `rows` data rows follow in chunks, unless there are none or the header has problems (the end) */
  | { job: number; t: 'read'; rows: number; errors: RowError[]; plan?: Omit<SheetPlan, 'rows' | 'errors'> }
  | { job: number; t: 'chunk'; rows: { line: number; row: Row; manual: string[]; given?: Row }[]; errors: RowError[] }
  /**
   * total: rows of the file as importRecords counts them; sample: the first 20 rows as read; omitted: problems
   * not sent (past the first MAX_LISTED_ERRORS, which are all that is listed); unknown: words no option
   */
  | { job: number; t: 'done'; total: number; sample: Row[]; omitted: number; unknown: UnknownValue[] }
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
    send({ job: id, t: 'start' });
    // the file's bytes are shared with the main thread (a SharedArrayBuffer) or a copy: only read here
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    if (job.kind === 'indicator' || job.kind === 'material') {
      const { table, format } = await readTable(job.kind, job.fileName, bytes);
      return send({ job: id, t: 'table', table, format });
    }
    const kind: LedgerKind = job.kind;
    const def = LEDGERS[kind];
    const ctx = { settings: job.settings, calendar: new HolidayCalendar(job.calendar) };
    const { table, format } = await readTable(kind, job.fileName, bytes);
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
    // the chunks come in row order, so the first MAX_LISTED_ERRORS sent are the first by row
    let sent = 0;
    let omitted = 0;
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
      let listed = errors;
      if (sent + errors.length > MAX_LISTED_ERRORS) {
        listed = errors.sort((a, b) => a.line - b.line).slice(0, Math.max(0, MAX_LISTED_ERRORS - sent));
        omitted += errors.length - listed.length;
      }
      sent += listed.length;
      send({ job: id, t: 'chunk', rows, errors: listed });
    }
    send({ job: id, t: 'done', total: parsed + errorLines.size, sample, omitted, unknown: [...unknown.values()] });
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
