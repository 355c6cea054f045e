// A big import commits without SQLite's automatic checkpoint (which would copy its ~6,000 pages into the data file
// and sync it inside the COMMIT); the checkpoint runs afterwards in a worker thread on its own connection.

import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { importRecords } from '../../electron/core/records';
import { tempCore } from '../helpers/db';

let core: Core;
beforeAll(async () => {
  core = await tempCore();
});
afterAll(() => core.close());

const contracts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    values: { title: `合同${from + i}`, submitter: '县局', receivedOn: `2025-0${1 + (i % 9)}-1${i % 10}`, contractType: '政府采购', amount: i % 1000 },
  }));

describe('the checkpoint after a big import', () => {
  it('is left out of the COMMIT and done by a worker, after which the data file holds the rows', async () => {
    // a small threshold so that a test-sized import passes it (the default 1,000 pages is ~20,000 such rows)
    core.db.pragma('wal_autocheckpoint = 100');
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const size = () => fs.statSync(core.file).size;
    const before = size();
    expect(importRecords(core, 'contract', contracts(6000)).inserted).toBe(6000);
    // committed to the WAL only: the automatic checkpoint would have grown the file by now
    expect(size()).toBe(before);
    expect(fs.statSync(`${core.file}-wal`).size).toBeGreaterThan(100 * 4096);
    expect(core.db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
    await core.settled();
    expect(size()).toBeGreaterThan(before + 100 * 4096);
    // everything the WAL held is in the file: a checkpoint now has nothing left to copy
    const [ck] = core.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(ck.checkpointed).toBe(ck.log);
    const other = new Database(core.file, { readonly: true });
    expect(other.prepare('SELECT count(*) FROM contract').pluck().get()).toBe(6000);
    other.close();
  });

  it('keeps the automatic checkpoint for ordinary writes, and background checkpoints run one after another', async () => {
    importRecords(core, 'contract', contracts(2500, 6000));
    importRecords(core, 'contract', contracts(2500, 8500));
    await core.settled();
    expect(core.db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
    expect(core.db.prepare('SELECT count(*) FROM contract').pluck().get()).toBe(11000);
    expect(core.db.prepare('SELECT count(*) FROM contract_fts').pluck().get()).toBe(11000);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
