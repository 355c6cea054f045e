// Issue 13 part 8: the search index answers exactly like a substring scan over the table after every kind of
// write — a record saved, a searched field edited, the record deleted (回收站), restored — for every ledger.
// Forgetting the update trigger in a migration passed the suite before (only a save was searched); the check
// below is run once more on a copy without the update trigger (and one without the insert trigger) to show it
// notices. And the triggers a fresh file ends with are the ones the one-list helper builds from the declaration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { listRows, searchColumns } from '../../electron/core/db/ledger-repo';
import { rebuildSearchTriggers, searchText } from '../../electron/core/db/migrations/search-text';
import { normalizeSql } from '../../electron/core/db/schema';
import type { LedgerKind } from '../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { call, tempCore } from '../helpers/db';
import { FULL } from '../helpers/full-rows';

/** the declared search fields (edited through the form) */
const searchFields = (kind: LedgerKind) => LEDGERS[kind].fields.filter((f) => f.search).map((f) => f.key);
/** what the index holds: those, then a case's party names (migration 10) */
const indexed = (kind: LedgerKind) => searchColumns(LEDGERS[kind]);

/**
 * Where the index and a LIKE scan of the live rows disagree, for each fragment: the rows the index finds through
 * the app's own search (listRows) against the rows whose search fields contain the fragment.
 */
function disagreements(core: Core, kind: LedgerKind, fragments: string[]): string[] {
  const text = searchText(indexed(kind), '');
  const out: string[] = [];
  for (const q of fragments) {
    const scan = core.db.prepare(`SELECT id FROM ${kind} WHERE deleted_at IS NULL AND instr(${text}, ?) > 0 ORDER BY id`).pluck().all(q) as string[];
    const found = listRows(core.db, LEDGERS[kind], { kind, q, pageSize: 1000 });
    const ids = found.rows.map((r) => r.id).sort();
    if (JSON.stringify(ids) !== JSON.stringify(scan) || found.total !== scan.length)
      out.push(`${kind}「${q}」：检索 ${JSON.stringify(ids)}，逐行 ${JSON.stringify(scan)}`);
  }
  // and the index holds live rows only, one entry each
  const stray = core.db
    .prepare(`SELECT count(*) FROM ${kind}_fts WHERE rowid NOT IN (SELECT rid FROM ${kind} WHERE deleted_at IS NULL)`)
    .pluck()
    .get() as number;
  if (stray) out.push(`${kind}：检索索引中有 ${stray} 条不在用的记录`);
  return out;
}

/** Save, edit every searched field, delete, restore one record of `kind`; the disagreements after each step. */
async function walk(core: Core, kind: LedgerKind, tag: string): Promise<Record<string, string[]>> {
  const fields = searchFields(kind);
  const old = Object.fromEntries(fields.map((f, i) => [f, `${tag}旧${i}甲乙`]));
  const neu = Object.fromEntries(fields.map((f, i) => [f, `${tag}新${i}丙丁`]));
  const frags = [...fields.flatMap((_, i) => [`${tag}旧${i}`, `${tag}新${i}`]), `${tag}旧`, `${tag}新`, '甲乙', '丙丁'];
  const steps: Record<string, string[]> = {};
  const rec = await call(core, 'ledger.create', { kind, values: { ...FULL[kind], ...old } });
  steps.新建 = disagreements(core, kind, frags);
  const edited = await call(core, 'ledger.update', { kind, id: rec.id, version: rec.version, values: { ...rec.values, ...neu } });
  steps.修改 = disagreements(core, kind, frags);
  // the edit must be found by its new words and no longer by the old
  if (listRows(core.db, LEDGERS[kind], { kind, q: `${tag}新0` }).total !== 1) steps.修改.push(`${kind}：修改后的内容搜不到`);
  await call(core, 'ledger.delete', { kind, ids: [edited.id] });
  steps.删除 = disagreements(core, kind, frags);
  await call(core, 'ledger.restore', { kind, ids: [edited.id] });
  steps.恢复 = disagreements(core, kind, frags);
  if (listRows(core.db, LEDGERS[kind], { kind, q: `${tag}新0` }).total !== 1) steps.恢复.push(`${kind}：恢复后搜不到`);
  return steps;
}

const CLEAN = { 新建: [], 修改: [], 删除: [], 恢复: [] };

let core: Core;
beforeAll(async () => {
  core = await tempCore();
  // neighbours that share fragments, so a stale entry or a missing one changes an answer
  for (const kind of LEDGER_KINDS) {
    const fields = searchFields(kind);
    await call(core, 'ledger.create', {
      kind,
      values: {
        ...FULL[kind],
        ...Object.fromEntries(fields.map((f) => [f, `邻居${f}甲乙`])),
        ...(kind === 'reconsideration' || kind === 'litigation' ? { caseNo: `邻居${kind}` } : {}),
      },
    });
  }
});
afterAll(() => core.close());

describe('the search index answers like a scan of the table after every write', () => {
  for (const kind of LEDGER_KINDS) {
    it(`${LEDGERS[kind].name}: save, edit each searched field, delete, restore`, async () => {
      expect(await walk(core, kind, '甲')).toEqual(CLEAN);
    });
  }

  it('notices a missing update trigger (the mistake that passed before) and a missing insert trigger', async () => {
    const k = await tempCore();
    try {
      k.db.exec('DROP TRIGGER decision_fts_au');
      const noUpdate = await walk(k, 'decision', '乙');
      expect(noUpdate.新建).toEqual([]);
      expect(noUpdate.修改.length).toBeGreaterThan(0);
      k.db.exec('DROP TRIGGER contract_fts_ai');
      expect((await walk(k, 'contract', '丙')).新建.length).toBeGreaterThan(0);
    } finally {
      k.close();
    }
  });
});

describe('the search triggers', () => {
  it('of a fresh file are the ones the one-list helper builds from the declaration (a field added with search: true needs a migration)', () => {
    for (const kind of LEDGER_KINDS) {
      const built = rebuildSearchTriggers(kind, indexed(kind));
      const creates = built
        .split(/(?=CREATE TRIGGER)/)
        .filter((s) => s.startsWith('CREATE'))
        .map((s) => normalizeSql(s.replace(/;\s*$/, '')));
      const stored = core.db
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?) ORDER BY name`)
        .pluck()
        .all(`${kind}_fts_ai`, `${kind}_fts_au`) as string[];
      expect(stored.map(normalizeSql), kind).toEqual(creates);
    }
  });
});
