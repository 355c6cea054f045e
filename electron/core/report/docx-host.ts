// A user's Word template is read and filled in a worker thread of its own, started for the one template and
// ended with it, under a heap limit (resourceLimits). The limits of docx-zip.ts already bound what is inflated
// and every scan is linear, so this is the second fence: whatever a crafted file makes of the parsing, the main
// thread (the app's window, every other call) stays responsive, and a worker that runs out of memory or time is
// ended and the user told, in Chinese. A failed worker is never retried on the main thread.

import { Worker } from 'node:worker_threads';
import type { ReportValues } from '../../domain/report';
import { AppError, type ErrorCode } from '../errors';
import { workerEntry } from '../worker-host';
import type { DocxAnswer, DocxJob } from './docx-worker';
import type { FilledDocx } from './fill-docx';

export const DOCX_WORKER_LIMITS = {
  /** V8 heap of the worker: the largest template allowed (a 20 MB document.xml) needs about 150 MB */
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 48,
  /** wall time before the worker is ended (a 20 MB document.xml takes 1–2 s) */
  timeoutMs: 60_000,
};

const TOO_BIG = '模板文件过大或过于复杂，处理时超出了内存上限，已放弃。请删去文档中不需要的内容（如大量表格或图片）后另存为 .docx 再试';

export function fillDocxInWorker(bytes: Buffer, values: ReportValues, opts: { dryRun?: boolean } = {}): Promise<FilledDocx> {
  const entry = workerEntry('docx-worker');
  const job: DocxJob = { bytes, values, dryRun: !!opts.dryRun };
  return new Promise<FilledDocx>((resolve, reject) => {
    let done = false;
    const worker = new Worker(entry.file, {
      execArgv: entry.execArgv,
      workerData: job,
      resourceLimits: {
        maxOldGenerationSizeMb: DOCX_WORKER_LIMITS.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: DOCX_WORKER_LIMITS.maxYoungGenerationSizeMb,
      },
    });
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new AppError('VALIDATION', `模板文件处理超过 ${DOCX_WORKER_LIMITS.timeoutMs / 1000} 秒仍未完成，已放弃。请检查文件是否异常后再试`)),
        ),
      DOCX_WORKER_LIMITS.timeoutMs,
    );
    worker.on('message', (a: DocxAnswer) =>
      finish(() => {
        if (a.ok)
          resolve({
            bytes: opts.dryRun ? bytes : Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
            unknownKeys: a.unknownKeys,
            keys: a.keys,
          });
        else reject(new AppError(a.code as ErrorCode, a.code === 'INTERNAL' ? `读取模板文件时出错，本次操作未生效：${a.message.slice(0, 200)}` : a.message));
      }),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      finish(() =>
        reject(new AppError('VALIDATION', e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? TOO_BIG : `读取模板文件时出错，本次操作未生效：${e.message.slice(0, 200)}`)),
      ),
    );
    worker.on('exit', (code) => finish(() => reject(new AppError('VALIDATION', `读取模板文件的线程意外退出（退出码 ${code}），本次操作未生效`))));
  });
}
