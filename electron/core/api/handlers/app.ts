// API handlers for the application: version, counts, years, progress of a long task, the error log.

import type { ApiOutput } from '../../../domain/api';
import { LEDGERS, LEDGER_KINDS } from '../../../domain/ledgers';
import { currentProgress, type Core } from '../../core';
import { schemaVersion } from '../../db/connection';
import { readLogTail } from '../../safety/errlog';
import { APP_VERSION } from '../../version';
import type { AreaHandlers } from './area';

/**
 * The years the switcher offers: from the earliest to the latest ★ date of any ledger (two index lookups per
 * ledger, where listing the distinct years read every row: 150 ms at 1,000,000 rows), and the years of
 * indicators and materials.
 */
function years(core: Core): number[] {
  const ys = new Set<number>();
  for (const k of LEDGER_KINDS) {
    const col = LEDGERS[k].primaryDate;
    const end = (dir: 'ASC' | 'DESC') =>
      core.db.prepare(`SELECT "${col}" FROM ${k} WHERE deleted_at IS NULL AND "${col}" IS NOT NULL ORDER BY "${col}" ${dir} LIMIT 1`).pluck().get() as string | undefined;
    const [lo, hi] = [end('ASC'), end('DESC')];
    if (lo && hi) for (let y = +lo.slice(0, 4); y <= +hi.slice(0, 4); y++) ys.add(y);
  }
  for (const y of core.db.prepare('SELECT DISTINCT year FROM indicators UNION SELECT DISTINCT year FROM materials').pluck().all() as number[]) ys.add(y);
  return [...ys].sort((a, b) => b - a);
}

export const appHandlers: AreaHandlers<'app'> = {
  'app.progress': (core) => ({ task: currentProgress(core) }),
  'app.info': (core) => ({
    version: APP_VERSION,
    schemaVersion: schemaVersion(core.db),
    dataFile: core.file,
    counts: Object.fromEntries(
      LEDGER_KINDS.map((k) => [k, core.db.prepare(`SELECT count(*) FROM ${k} WHERE deleted_at IS NULL`).pluck().get() as number]),
    ) as ApiOutput<'app.info'>['counts'],
    years: years(core),
    integrity: core.integrity,
  }),
  'app.log': (core, { lines }) => readLogTail(core.file, lines ?? 200),
};
