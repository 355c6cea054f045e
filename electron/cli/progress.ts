// Progress of a long command on stderr (issue 16: every operation over a second says what it does and how far it
// is). Nothing is printed for an operation that ends within PROGRESS_AFTER_MS. On a terminal one line is
// rewritten in place (at most 5 times a second); into a file or a pipe a whole line is printed every
// PROGRESS_EVERY_MS, so a log shows the command was alive without filling up.

import type { Progress } from '../core/core';

/** An operation shorter than this prints no progress (FAZHI_PROGRESS_AFTER_MS: tests see it on small files). */
export const PROGRESS_AFTER_MS = Number(process.env.FAZHI_PROGRESS_AFTER_MS ?? 1000);
const PROGRESS_EVERY_MS = 5000;
const TTY_EVERY_MS = 200;

export function progressText(p: Progress): string {
  if (!p.total) return `${p.label}……`;
  const pct = Math.min(100, Math.floor((p.done / p.total) * 100));
  return `${p.label}：${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')}（${pct}%）`;
}

/**
 * A listener for core.onProgress writing to `write` (stderr). `end()` finishes a rewritten terminal line. The
 * first progress report starts the clock; a new label starts it again.
 */
export function progressPrinter(write: (s: string) => void, tty: boolean, now: () => number = () => performance.now()) {
  let label = '';
  let started = 0;
  let last = -Infinity;
  let open = false;
  const listener = (p: Progress) => {
    const t = now();
    if (p.label !== label) {
      if (open) write('\n');
      open = false;
      label = p.label;
      started = t;
      last = -Infinity;
    }
    if (t - started < PROGRESS_AFTER_MS) return;
    if (t - last < (tty ? TTY_EVERY_MS : PROGRESS_EVERY_MS)) return;
    last = t;
    if (tty) {
      write(`\r\x1b[K${progressText(p)}`);
      open = true;
    } else write(`${progressText(p)}\n`);
  };
  return {
    listener,
    end: () => {
      if (open) write('\n');
      open = false;
    },
  };
}
