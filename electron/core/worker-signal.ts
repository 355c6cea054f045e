// The shared-memory side of the core's workers (worker-host.ts), imported by the workers themselves: it must stay
// free of anything a worker does not need.

import type { MessagePort } from 'node:worker_threads';

/** Shared counters: SIGNAL_SENT counts messages posted; SIGNAL_READY is set by a worker once it can take jobs. */
export const SIGNAL_SENT = 0;
export const SIGNAL_READY = 1;

/** What every worker receives as workerData, besides its own fields. */
export interface WorkerBase {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** In a worker: post a message and wake the main thread should it be waiting. */
export function signalledSender<M>(data: WorkerBase): (m: M) => void {
  const counter = new Int32Array(data.signal);
  return (m) => {
    data.port.postMessage(m);
    Atomics.add(counter, SIGNAL_SENT, 1);
    Atomics.notify(counter, SIGNAL_SENT);
  };
}

/** In a worker: tell the main thread it can take jobs now. */
export function signalReady(data: WorkerBase): void {
  Atomics.store(new Int32Array(data.signal), SIGNAL_READY, 1);
}
