// Work on the data file that reads or writes many pages runs in a worker thread on its own connection, so the
// window keeps answering (WAL lets a second connection work beside the app's):
// - integrity checks read every page: on a city's ten years (a 900 MB file) quick_check takes 6–12 s and
//   integrity_check longer. The start-up check reports its result through `core.integrity`; the window and
//   browser mode show damage as soon as it is known (docs/decisions.md, “启动检查在后台进行”).
// - the WAL checkpoint after a big import copies its pages (~6,000 for 10,000 rows) into the data file and syncs
//   it: ~80–100 ms that SQLite's automatic checkpoint would otherwise spend inside the import's COMMIT
//   (docs/decisions.md, “大批导入后的检查点在后台进行”).

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Runs in the worker: plain CommonJS so it needs no bundling of its own. Answers with a list of problems. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  if (workerData.job === 'checkpoint') {
    db = new Database(workerData.file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage([]);
  } else {
    db = new Database(workerData.file, { readonly: true, fileMustExist: true });
    const rows = db.pragma(workerData.job);
    const msgs = rows.map((r) => String(Object.values(r)[0]));
    parentPort.postMessage(msgs.length === 1 && msgs[0] === 'ok' ? [] : msgs);
  }
} catch (e) {
  parentPort.postMessage([String(e && e.message ? e.message : e)]);
} finally {
  if (db) db.close();
}
`;

/** A path inside the packaged app's asar as its unpacked copy: a worker thread cannot read the asar. */
export function outsideAsar(file: string): string {
  return file.replace(/\.asar([\\/])/, '.asar.unpacked$1');
}

/** The SQLite driver as a worker thread loads it: better-sqlite3 is unpacked (electron-builder.json asarUnpack). */
export const driver = outsideAsar(createRequire(import.meta.url).resolve('better-sqlite3'));

function runInWorker(file: string, job: 'quick_check' | 'integrity_check' | 'checkpoint', what: string): Promise<string[]> {
  return new Promise((resolve) => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, job } });
    let done = false;
    const finish = (problems: string[]) => {
      if (done) return;
      done = true;
      resolve(problems);
      void w.terminate();
    };
    w.once('message', (m: string[]) => finish(m));
    w.once('error', (e) => finish([`无法${what}：${e.message}`]));
    w.once('exit', (code) => finish([`${what}的线程未给出结果就退出了（${code}）`]));
  });
}

/** The problems SQLite finds in a data file ([] when it is sound), checked in a worker thread. */
export function checkFileInWorker(file: string, quick: boolean): Promise<string[]> {
  return runInWorker(file, quick ? 'quick_check' : 'integrity_check', '检查数据文件');
}

/**
 * Copy the WAL's committed pages into the data file (PASSIVE: never waits for the app's connection, which may
 * go on reading and writing meanwhile). A failure is harmless — the pages stay in the WAL, where SQLite reads
 * them, and the next checkpoint copies them — so it is only reported, never thrown.
 */
export function checkpointInWorker(file: string): Promise<string[]> {
  return runInWorker(file, 'checkpoint', '整理数据文件');
}
