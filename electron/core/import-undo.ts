// 撤销本次导入 (issue 16): every import that writes records what it wrote (migration 11: `imports`, `import_rows`),
// so it can be taken back by itself — instead of a full backup of the file before every import (11 s at 1,000,000
// rows, blocking the import). The normal backup schedule still covers the file.
//
// Undo is all-or-nothing, audited, and never loses a later edit: a record the import wrote and someone changed
// since (its version moved on) makes undo refuse, naming the records (by 案号, else by title), and nothing is
// changed. Rows the import inserted go to the 回收站 (deleted_at), as a delete does: never physically deleted.
// Records the import updated get back the values they had before it, each with its own audit entry.
// A yearly table (年度指标, 年度素材) row the import added is removed (its values stay in the audit entry: a yearly
// row has no 回收站); one it replaced gets its former value back.

import type { ImportEntry } from '../domain/api';
import type { LedgerKind, Row } from '../domain/fields';
import { isLedgerKind, LEDGERS } from '../domain/ledgers';
import { isoNow, longWrite, type Core } from './core';
import { fromDbRow, updateRow } from './db/ledger-repo';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';
import { localTime } from './safety/lock';

/** What an import wrote: the rids its inserted rows took, and what each of its updates replaced. */
export interface ImportTrail {
  inserted: number;
  /** the rows inserted are those of rids in (ridFrom, ridTo] */
  ridFrom: number;
  ridTo: number;
  updated: { id: string; version: number; before: { values: Row; manual: string[] } }[];
}

/** Inside the import's transaction: the import's row and one row per record it updated. Its number. */
export function recordImport(core: Core, kind: string, fileName: string, at: string, trail: ImportTrail): number {
  const id = Number(
    core.db
      .prepare('INSERT INTO imports (kind, file_name, at, actor, inserted, updated, rid_from, rid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(kind, fileName, at, core.actor, trail.inserted, trail.updated.length, trail.ridFrom, trail.ridTo).lastInsertRowid,
  );
  const put = core.db.prepare('INSERT INTO import_rows (import_id, record_id, version, before) VALUES (?, ?, ?, ?)');
  for (const u of trail.updated) put.run(id, u.id, u.version, JSON.stringify(u.before));
  return id;
}

/** A yearly table's rows as an import wrote them: `before` null when the row was not there. */
export function recordYearlyImport(
  core: Core,
  kind: 'indicator' | 'material',
  fileName: string,
  at: string,
  rows: { year: number; name: string; before: unknown }[],
): number {
  const added = rows.filter((r) => r.before === null).length;
  const id = Number(
    core.db
      .prepare('INSERT INTO imports (kind, file_name, at, actor, inserted, updated) VALUES (?, ?, ?, ?, ?, ?)')
      .run(kind, fileName, at, core.actor, added, rows.length - added).lastInsertRowid,
  );
  const put = core.db.prepare('INSERT OR REPLACE INTO import_rows (import_id, record_id, version, before) VALUES (?, ?, NULL, ?)');
  for (const r of rows) put.run(id, `${r.year}\t${r.name}`, r.before === null ? null : JSON.stringify(r.before));
  return id;
}

interface ImportRow {
  id: number;
  kind: string;
  file_name: string;
  at: string;
  actor: string;
  inserted: number;
  updated: number;
  rid_from: number | null;
  rid_to: number | null;
  undone_at: string | null;
  undone_by: string | null;
}

const YEARLY = {
  indicator: { table: 'indicators', column: 'value', name: '年度指标' },
  material: { table: 'materials', column: 'content', name: '年度素材' },
} as const;

function kindName(kind: string): string {
  return isLedgerKind(kind) ? LEDGERS[kind].shortName : (YEARLY[kind as keyof typeof YEARLY]?.name ?? kind);
}

function entry(r: ImportRow): ImportEntry {
  return {
    id: r.id,
    kind: r.kind,
    kindName: kindName(r.kind),
    fileName: r.file_name,
    at: r.at,
    actor: r.actor,
    inserted: r.inserted,
    updated: r.updated,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

/** The latest imports, newest first. */
export function listImports(core: Core, limit = 20): ImportEntry[] {
  return (core.db.prepare('SELECT * FROM imports ORDER BY id DESC LIMIT ?').all(limit) as ImportRow[]).map(entry);
}

/** The number of records named in a refusal before “等 N 条”. */
const NAMED = 20;

export interface UndoOutcome {
  import: ImportEntry;
  /** rows the import inserted, now in the 回收站 (a yearly table: removed) */
  removed: number;
  /** records the import updated, their former values back */
  restored: number;
}

/**
 * Undo import `id` (or the latest not undone): all or nothing, in one transaction with its audit entries. Refused,
 * with nothing changed, when it was undone already or when a record it wrote was changed since.
 * exchange.undoImport runs alone (api/dispatch.ts EXCLUSIVE): the transaction stays open across yields, letting the
 * event loop run every UNDO_CHUNK rows, so 撤销 shows its progress (“正在撤销导入”) and the window keeps answering:
 * taking 50,000 rows out of the search index takes seconds (each trigram row deleted from FTS5 is re-tokenised).
 */
export async function undoImportYielding(core: Core, id?: number): Promise<UndoOutcome> {
  return longWrite(core, '正在撤销导入', async (progress) => {
    const steps = undoSteps(core, id);
    for (let s = steps.next(); ; s = steps.next()) {
      if (s.done) return s.value;
      progress(s.value.done, s.value.total);
      await new Promise<void>((r) => setImmediate(r));
    }
  });
}

/** Rows undone between two yields. */
const UNDO_CHUNK = 2000;

type Step = { done: number; total: number };

function* undoSteps(core: Core, id?: number): Generator<Step, UndoOutcome> {
  const at = isoNow(core.now());
  {
    const imp = (
      id === undefined
        ? core.db.prepare('SELECT * FROM imports WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1').get()
        : core.db.prepare('SELECT * FROM imports WHERE id = ?').get(id)
    ) as ImportRow | undefined;
    if (!imp) throw new AppError('NOT_FOUND', id === undefined ? '没有可以撤销的导入' : `找不到编号为 ${id} 的导入`);
    const what = `${localTime(imp.at)} 从“${imp.file_name}”导入的${kindName(imp.kind)}（导入编号 ${imp.id}）`;
    if (imp.undone_at) throw new AppError('VALIDATION', `${what}已于 ${localTime(imp.undone_at)} 由 ${imp.undone_by ?? ''} 撤销，不能再次撤销`);
    const r = isLedgerKind(imp.kind) ? yield* undoLedger(core, imp, what, at) : undoYearly(core, imp, what, at);
    core.db.prepare('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, core.actor, imp.id);
    return { import: entry({ ...imp, undone_at: at, undone_by: core.actor }), ...r };
  }
}

function refuse(what: string, changed: string[]): never {
  const named = changed.slice(0, NAMED).join('；');
  const more = changed.length > NAMED ? `；等共 ${changed.length} 条` : '';
  throw new AppError(
    'STALE',
    `不能撤销${what}：其中 ${changed.length} 条记录在导入之后又被修改过，撤销会丢掉这些修改：${named}${more}。没有做任何改动。请先核对这些记录（可在记录的“修改历史”中查看）；如确需回到导入之前的状态，请从备份还原。`,
    { changed: changed.length },
  );
}

function* undoLedger(core: Core, imp: ImportRow, what: string, at: string): Generator<Step, { removed: number; restored: number }> {
  const def = LEDGERS[imp.kind as LedgerKind];
  const hasCaseNo = def.fields.some((f) => f.key === 'caseNo');
  const cols = `t.id AS id, t.version AS now, t.deleted_at AS deletedAt, ${hasCaseNo ? 't."caseNo"' : 'NULL'} AS caseNo, t."${def.titleField}" AS title`;
  type Found = { id: string; v: number; before: string | null; now: number | null; deletedAt: string | null; caseNo: string | null; title: unknown };
  // the rows it inserted: by rid, a range of the table's own key; a row there created at another time took the rid of
  // an inserted row that was purged (rids are reused only at the end of the table)
  const inserted = imp.rid_to
    ? (core.db
        .prepare(`SELECT ${cols}, 1 AS v, NULL AS before FROM ${def.kind} t WHERE t.rid > ? AND t.rid <= ? AND t.created_at = ?`)
        .all(imp.rid_from ?? 0, imp.rid_to, imp.at) as Found[])
    : [];
  const updated = core.db
    .prepare(
      `SELECT r.record_id AS id, r.version AS v, r.before AS before, t.version AS now, t.deleted_at AS deletedAt, ${hasCaseNo ? 't."caseNo"' : 'NULL'} AS caseNo, t."${def.titleField}" AS title
                FROM import_rows r LEFT JOIN ${def.kind} t ON t.id = r.record_id WHERE r.import_id = ?`,
    )
    .all(imp.id) as Found[];
  const rows = [...inserted, ...updated];
  const changed: string[] = [];
  if (inserted.length < imp.inserted) changed.push(`导入的 ${imp.inserted - inserted.length} 条记录已被彻底删除`);
  const name = (r: Found) => (r.caseNo ? `案号“${r.caseNo}”` : `“${String(r.title ?? r.id)}”`);
  for (const r of rows) {
    if (r.now === null) changed.push(`导入时更新的记录（编号 ${r.id}）已被彻底删除`);
    // a row the import added and someone only deleted since is where undo would put it: in the 回收站
    else if (r.before === null && r.deletedAt && r.now === r.v + 1) continue;
    else if (r.now !== r.v) changed.push(`${name(r)}${r.deletedAt ? '已被删除' : '已被修改'}（导入后为第 ${r.v} 版，现为第 ${r.now} 版）`);
  }
  if (changed.length) refuse(what, changed);
  const bin = core.db.prepare(
    `UPDATE ${def.kind} SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
  );
  let removed = 0;
  let restored = 0;
  let done = 0;
  const binned: string[] = [];
  yield { done, total: rows.length };
  for (const r of rows) {
    if (r.before !== null) continue;
    if (bin.run(at, at, r.id, r.v).changes) {
      removed++;
      binned.push(r.id);
    }
    if (++done % UNDO_CHUNK === 0) yield { done, total: rows.length };
  }
  for (const r of rows) {
    if (r.before === null) continue;
    if (++done % UNDO_CHUNK === 0) yield { done, total: rows.length };
    const before = JSON.parse(r.before) as { values: Row; manual: string[] };
    const current = fromDbRow(def, core.db.prepare(`SELECT * FROM ${def.kind} WHERE id = ?`).get(r.id) as Record<string, unknown>).values;
    const after: Row = {};
    const was: Row = {};
    for (const f of def.fields) {
      const k = f.key;
      if (JSON.stringify(current[k] ?? null) === JSON.stringify(before.values[k] ?? null)) continue;
      was[k] = before.values[k] ?? null;
      after[k] = current[k] as Row[string];
    }
    updateRow(core.db, def, r.id, r.v, before.values, before.manual, at);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '修改',
      kind: def.kind,
      recordId: r.id,
      before: after,
      after: was,
      summary: `${String(before.values[def.titleField] ?? '')}（撤销导入编号 ${imp.id} 时恢复为导入前的内容）`,
    });
    restored++;
  }
  yield { done: rows.length, total: rows.length };
  appendAudit(core.db, {
    at,
    actor: core.actor,
    action: '撤销导入',
    kind: def.kind,
    after: { importId: imp.id, toRecycleBin: binned, restored },
    summary: `撤销${what}：${removed} 条移入回收站${restored ? `，${restored} 条恢复为导入前的内容` : ''}`,
  });
  return { removed, restored };
}

function undoYearly(core: Core, imp: ImportRow, what: string, at: string): { removed: number; restored: number } {
  const y = YEARLY[imp.kind as keyof typeof YEARLY];
  const rows = core.db
    .prepare(
      `SELECT r.record_id AS key, r.before AS before, t.updated_at AS updatedAt, t.${y.column} AS now
         FROM import_rows r LEFT JOIN ${y.table} t ON t.year || char(9) || t.name = r.record_id WHERE r.import_id = ?`,
    )
    .all(imp.id) as { key: string; before: string | null; updatedAt: string | null; now: unknown }[];
  const label = (k: string) => {
    const [year, name] = k.split('\t');
    return `${year} 年“${name}”`;
  };
  const changed = rows.filter((r) => r.updatedAt !== imp.at).map((r) => `${label(r.key)}${r.updatedAt === null ? '已不存在' : '已被修改'}`);
  if (changed.length) refuse(what, changed);
  let removed = 0;
  let restored = 0;
  const gone: Record<string, unknown> = {};
  for (const r of rows) {
    const [year, name] = r.key.split('\t');
    if (r.before === null) {
      core.db.prepare(`DELETE FROM ${y.table} WHERE year = ? AND name = ?`).run(Number(year), name);
      gone[label(r.key)] = r.now;
      removed++;
    } else {
      core.db
        .prepare(`UPDATE ${y.table} SET ${y.column} = ?, updated_at = ? WHERE year = ? AND name = ?`)
        .run((JSON.parse(r.before) as { value: unknown }).value as never, at, Number(year), name);
      restored++;
    }
  }
  appendAudit(core.db, {
    at,
    actor: core.actor,
    action: '撤销导入',
    kind: imp.kind,
    before: rows.map((r) => ({ key: label(r.key), value: r.now })),
    after: { importId: imp.id, removed: gone },
    summary: `撤销${what}：去掉导入新增的 ${removed} 项${restored ? `，${restored} 项恢复为导入前的内容` : ''}`,
  });
  return { removed, restored };
}
