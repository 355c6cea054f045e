// The start-up check of the data file (issue 16): quick_check reads every page, seconds on a big file, and slowed
// the first screen on two cores. It starts once the first screen's calls are answered (none for a quiet while),
// or after a bound when calls never stop.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { startIntegrityCheck } from '../../electron/core/core';
import { tempCore } from '../helpers/db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the start-up check', () => {
  it('waits until the first screen’s calls are answered, then checks', async () => {
    const core = await tempCore();
    try {
      const started = performance.now();
      let resolvedAt = 0;
      const check = startIntegrityCheck(core, { quietMs: 400, maxWaitMs: 10_000 }).then((r) => ((resolvedAt = performance.now()), r));
      // the first screen: calls one after another for a second
      let lastEnd = 0;
      while (performance.now() - started < 1000) {
        await dispatch(core, 'app.info', {});
        lastEnd = performance.now();
        await sleep(100);
      }
      expect(core.integrity.state).toBe('checking');
      expect(resolvedAt).toBe(0);
      expect(await check).toEqual({ state: 'ok' });
      expect(resolvedAt - lastEnd).toBeGreaterThanOrEqual(400 - 5);
    } finally {
      core.close();
    }
  });

  it('does not wait longer than its bound when calls never stop', async () => {
    const core = await tempCore();
    try {
      const started = performance.now();
      let stop = false;
      const busy = (async () => {
        while (!stop) {
          await dispatch(core, 'app.info', {});
          await sleep(50);
        }
      })();
      const r = await startIntegrityCheck(core, { quietMs: 400, maxWaitMs: 800 });
      const took = performance.now() - started;
      stop = true;
      await busy;
      expect(r).toEqual({ state: 'ok' });
      expect(took).toBeGreaterThanOrEqual(800);
      expect(took).toBeLessThan(5000);
    } finally {
      core.close();
    }
  });
});
