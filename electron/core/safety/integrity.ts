// SQLite's integrity checks read every page of the file: on a city's ten years (a 900 MB file) quick_check takes
// 6–12 s and integrity_check longer. Run on the main thread they would freeze the window at every start and every
// backup, so they run in a worker thread on their own read-only connection (WAL lets it read beside the app's
// writes) while the app answers. The start-up check reports its result through `core.integrity`; the window
// and browser mode show damage as soon as it is known (docs/decisions.md, “启动检查在后台进行”).

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Runs in the worker: plain CommonJS so it needs no bundling of its own. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma(workerData.quick ? 'quick_check' : 'integrity_check');
  const msgs = rows.map((r) => String(Object.values(r)[0]));
  parentPort.postMessage(msgs.length === 1 && msgs[0] === 'ok' ? [] : msgs);
} catch (e) {
  parentPort.postMessage([String(e && e.message ? e.message : e)]);
} finally {
  if (db) db.close();
}
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** The problems SQLite finds in a data file ([] when it is sound), checked in a worker thread. */
export function checkFileInWorker(file: string, quick: boolean): Promise<string[]> {
  return new Promise((resolve) => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, quick } });
    let done = false;
    const finish = (problems: string[]) => {
      if (done) return;
      done = true;
      resolve(problems);
      void w.terminate();
    };
    w.once('message', (m: string[]) => finish(m));
    w.once('error', (e) => finish([`无法检查数据文件：${e.message}`]));
    w.once('exit', (code) => finish([`检查数据文件的线程未给出结果就退出了（${code}）`]));
  });
}
