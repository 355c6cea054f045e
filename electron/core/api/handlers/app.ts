// API handlers for the application: version, counts, years, progress of a long task, the error log.

import type { ApiOutput } from '../../../domain/api';
import { LEDGER_KINDS } from '../../../domain/ledgers';
import { currentProgress, type Core } from '../../core';
import { schemaVersion } from '../../db/connection';
import { liveCount, primaryDateSpan } from '../../db/overview';
import { yearDataYears } from '../../db/year-data';
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
    const span = primaryDateSpan(core.db, k);
    if (span) for (let y = +span[0].slice(0, 4); y <= +span[1].slice(0, 4); y++) ys.add(y);
  }
  for (const y of yearDataYears(core.db)) ys.add(y);
  return [...ys].sort((a, b) => b - a);
}

export const appHandlers: AreaHandlers<'app'> = {
  'app.progress': (core) => ({ task: currentProgress(core) }),
  'app.info': (core) => ({
    version: APP_VERSION,
    schemaVersion: schemaVersion(core.db),
    dataFile: core.file,
    counts: Object.fromEntries(LEDGER_KINDS.map((k) => [k, liveCount(core.db, k)])) as ApiOutput<'app.info'>['counts'],
    years: years(core),
    integrity: core.integrity,
  }),
  'app.log': (core, { lines }) => readLogTail(core.file, lines ?? 200),
};
