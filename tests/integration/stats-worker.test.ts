// The year before's figures on a second core (stats/stats-host.ts): the same catalogue as computed in the thread,
// for every year and setting; inside a transaction nothing goes to the worker (it cannot see uncommitted rows); a
// worker that fails, falls silent or exits leaves the answer right and is stopped; close() closes its connection
// before it returns (the file may be replaced right after).

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCore, updateSettings, type Core } from '../../electron/core/core';
import { computeMetrics } from '../../electron/core/stats/compute';
import { statsHooks, statsWorkerState, yearMetrics } from '../../electron/core/stats/stats-host';
import { seedDatabase } from '../../scripts/seed';
import { tempDir } from '../helpers/db';

const YEARS = [2021, 2022, 2023, 2024, 2025];
let file: string;
let core: Core;

async function ready(c: Core): Promise<void> {
  yearMetrics(c, 2025);
  yearMetrics(c, 2025); // starts it (from the second call on)
  for (let i = 0; i < 400 && statsWorkerState(c) !== 'ready'; i++) await new Promise((r) => setTimeout(r, 25));
  expect(statsWorkerState(c)).toBe('ready');
}

/** Descriptors of this process open on the data file (Linux). */
function openHandles(f: string): number {
  const fds = fs.readdirSync('/proc/self/fd');
  let n = 0;
  for (const fd of fds) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === f) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

beforeAll(async () => {
  statsHooks.minBytes = 0;
  file = path.join(tempDir('fazhi-stats-worker-'), 'a.db');
  await seedDatabase(file, { years: [2021, 2025], scale: 0.5, today: '2025-11-20' });
  core = await openCore(file, { actor: '测试' });
});
afterAll(() => {
  core.close();
  statsHooks.minBytes = 64 * 1024 * 1024;
});
afterEach(() => {
  delete statsHooks.crash;
  statsHooks.waitMs = 10_000;
  vi.restoreAllMocks();
});

describe('the year before on a second core', () => {
  it('gives the catalogue computed in the thread, for every year and setting', async () => {
    await ready(core);
    const settings: Record<string, string>[] = [
      {},
      { 'reconsideration.correctionScope': '综合', 'reconsideration.correctionBase': '审结数减调撤数' },
      { 'litigation.lossBase': '判决数', 'litigation.appearanceBase': '开庭次数' },
    ];
    for (const patch of settings) {
      if (Object.keys(patch).length) updateSettings(core, patch);
      for (const year of YEARS) {
        expect(statsWorkerState(core)).toBe('ready');
        const warn = vi.spyOn(console, 'warn');
        const both = yearMetrics(core, year);
        expect(warn).not.toHaveBeenCalled();
        expect(JSON.stringify(both)).toBe(JSON.stringify(computeMetrics(core.db, year, core.settings, core.calendar)));
      }
    }
    // the figures are not all zero (a worker answering nothing would fail above only by luck)
    expect(yearMetrics(core, 2025).values['上年.行政复议.收案数'].value).toBeGreaterThan(0);
  });

  it('sees a write made just before the call', async () => {
    const before = yearMetrics(core, 2025).values['上年.行政复议.收案数'].value as number;
    core.db
      .prepare(
        `UPDATE reconsideration SET deleted_at = '2025-06-01T00:00:00Z' WHERE rid IN (SELECT rid FROM reconsideration WHERE deleted_at IS NULL AND "receivedOn" BETWEEN '2024-01-01' AND '2024-12-31' LIMIT 3)`,
      )
      .run();
    expect(yearMetrics(core, 2025).values['上年.行政复议.收案数'].value).toBe(before - 3);
  });

  it('computes both years in the thread inside a transaction (the worker cannot see uncommitted rows)', () => {
    expect(statsWorkerState(core)).toBe('ready');
    const before = yearMetrics(core, 2025).values['上年.行政复议.收案数'].value as number;
    let inside = -1;
    try {
      core.db.transaction(() => {
        core.db
          .prepare(
            `UPDATE reconsideration SET deleted_at = '2025-06-02T00:00:00Z' WHERE rid IN (SELECT rid FROM reconsideration WHERE deleted_at IS NULL AND "receivedOn" BETWEEN '2024-01-01' AND '2024-12-31' LIMIT 2)`,
          )
          .run();
        inside = yearMetrics(core, 2025).values['上年.行政复议.收案数'].value as number;
        throw new Error('rollback');
      })();
    } catch (e) {
      expect((e as Error).message).toBe('rollback');
    }
    expect(inside).toBe(before - 2);
    expect(yearMetrics(core, 2025).values['上年.行政复议.收案数'].value).toBe(before);
  });

  it.each(['throw', 'exit', 'hang'] as const)('answers right when the worker fails (%s), stops it and starts another later', async (how) => {
    const c = await openCore(file, { actor: '测试' });
    try {
      await ready(c);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      statsHooks.crash = how;
      statsHooks.waitMs = 1500;
      const t = performance.now();
      const r = yearMetrics(c, 2024);
      const took = performance.now() - t;
      delete statsHooks.crash;
      expect(JSON.stringify(r)).toBe(JSON.stringify(computeMetrics(c.db, 2024, c.settings, c.calendar)));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('统计线程出错'));
      // an exit is noticed at once (the worker says so on its way out), a silence after waitMs
      if (how === 'hang') expect(took).toBeGreaterThanOrEqual(1500);
      else expect(took).toBeLessThan(1500);
      expect(statsWorkerState(c)).toBe('none');
      // the next call starts a fresh one
      await ready(c);
    } finally {
      c.close();
    }
  });

  it('gives up on the worker after two failures', async () => {
    const c = await openCore(file, { actor: '测试' });
    try {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      for (let i = 0; i < 2; i++) {
        await ready(c);
        statsHooks.crash = 'throw';
        yearMetrics(c, 2024);
        delete statsHooks.crash;
      }
      yearMetrics(c, 2024);
      expect(statsWorkerState(c)).toBe('none');
    } finally {
      c.close();
    }
  });

  it('closes the worker’s connection before close() returns', async () => {
    const c = await openCore(file, { actor: '测试' });
    await ready(c);
    const real = fs.realpathSync(file);
    // the main connection and the worker's
    expect(openHandles(real)).toBeGreaterThanOrEqual(2);
    core.close();
    c.close();
    expect(openHandles(real)).toBe(0);
    core = await openCore(file, { actor: '测试' });
  });

  it('is not started by a single call (the CLI asks once and closes)', async () => {
    const c = await openCore(file, { actor: '测试' });
    try {
      yearMetrics(c, 2025);
      expect(statsWorkerState(c)).toBe('none');
      yearMetrics(c, 2025);
      expect(statsWorkerState(c)).not.toBe('none');
    } finally {
      c.close();
    }
  });

  it('is not started for a small file', async () => {
    statsHooks.minBytes = 64 * 1024 * 1024;
    const c = await openCore(file, { actor: '测试' });
    try {
      yearMetrics(c, 2025);
      yearMetrics(c, 2025);
      expect(statsWorkerState(c)).toBe('none');
    } finally {
      c.close();
      statsHooks.minBytes = 0;
    }
  });
});
