// One open data file, many callers inside one process: API calls share it, while a restore, and closing the
// file when the program stops, have it to themselves. better-sqlite3 runs each transaction without a break, but
// a call can span several awaits (an import checks the file, backs up, then writes), and a restore closes the
// connection, replaces the file and opens it again: it must not start while such a call is half-way, nor let
// one begin until the new file is open. Calls that arrive meanwhile wait; they are not refused.

interface Gate {
  active: number;
  /** set while an exclusive holder waits or runs; shared callers wait for it */
  exclusive: Promise<void> | null;
  /** wakes the exclusive holder waiting for the last shared call */
  drained: (() => void) | null;
}

const gates = new WeakMap<object, Gate>();

function gateOf(core: object): Gate {
  let g = gates.get(core);
  if (!g) {
    g = { active: 0, exclusive: null, drained: null };
    gates.set(core, g);
  }
  return g;
}

/** Run `fn` beside other shared calls, after any restore (or close) waiting or running has finished. */
export async function shared<T>(core: object, fn: () => T | Promise<T>): Promise<T> {
  const g = gateOf(core);
  while (g.exclusive) await g.exclusive;
  g.active++;
  try {
    return await fn();
  } finally {
    g.active--;
    if (g.active === 0) g.drained?.();
  }
}

/** Run `fn` alone: new calls wait from now on, and `fn` starts once the calls in flight have finished. */
export async function exclusive<T>(core: object, fn: () => T | Promise<T>): Promise<T> {
  const g = gateOf(core);
  while (g.exclusive) await g.exclusive;
  let release!: () => void;
  g.exclusive = new Promise<void>((r) => (release = r));
  try {
    while (g.active > 0) await new Promise<void>((r) => (g.drained = r));
    return await fn();
  } finally {
    g.drained = null;
    g.exclusive = null;
    release();
  }
}
