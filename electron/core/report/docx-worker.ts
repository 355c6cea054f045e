// The docx worker (a worker thread started per template by docx-host.ts, with a heap limit): reads and fills a
// user's Word template off the main thread. Its answer is one message: the filled bytes (transferred) and the
// keys, or the refusal's code and Chinese message.

import { parentPort, workerData } from 'node:worker_threads';
import type { ReportValues } from '../../domain/report';
import { AppError } from '../errors';
import { fillDocx } from './fill-docx';

export interface DocxJob {
  bytes: Uint8Array;
  values: ReportValues;
  dryRun: boolean;
}

export type DocxAnswer = { ok: true; bytes: Uint8Array; unknownKeys: string[]; keys: string[] } | { ok: false; code: string; message: string };

const job = workerData as DocxJob;
let answer: DocxAnswer;
try {
  const r = await fillDocx(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.values, { dryRun: job.dryRun });
  // a copy of its own to transfer (a small Buffer lives in Node's shared pool, which cannot be transferred)
  answer = { ok: true, bytes: job.dryRun ? new Uint8Array(0) : new Uint8Array(r.bytes), unknownKeys: r.unknownKeys, keys: r.keys };
} catch (e) {
  answer =
    e instanceof AppError ? { ok: false, code: e.code, message: e.message } : { ok: false, code: 'INTERNAL', message: (e as Error)?.message ?? String(e) };
}
parentPort!.postMessage(answer, answer.ok && answer.bytes.byteLength ? [answer.bytes.buffer as ArrayBuffer] : []);
