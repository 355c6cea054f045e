// Units (填报单位) and their tree (issue 20): the tree the upper level maintains, and the scope a figure, a list or
// a board is read over (本级 = the own unit's rows, 全部 = the whole tree, or one unit with the units below it).
// The 数据包 that carry a unit's ledgers up are in ./units-package.ts.
//
// Row 1 of `units` is always this installation's own unit (migration 15); every row entered here belongs to it.
// Units below are added here (maintained by this level) or arrive inside a lower level's package (`via`: the unit
// whose package brought them; that level maintains them, this one only shows them).

import { randomUUID } from 'node:crypto';
import { LEDGERS } from '../domain/ledgers';
import type { LedgerKind } from '../domain/fields';
import { SCOPE_ALL, SCOPE_OWN, type UnitView } from '../domain/units';
import { isoNow, type Core } from './core';
import type { Db } from './db/connection';
import { columnsOf } from './db/ledger-repo';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';
import { ALL_ROWS, type StatsScope } from './stats/compute';

export const OWN_UNIT = 1;

interface UnitRow {
  id: number;
  uid: string;
  name: string;
  code: string | null;
  parent_id: number | null;
  path: string;
  upper: string | null;
  source: string | null;
  via: number | null;
}

function rows(db: Db): UnitRow[] {
  return db.prepare('SELECT id, uid, name, code, parent_id, path, upper, source, via FROM units ORDER BY path').all() as UnitRow[];
}

/** Every unit in tree order (a parent before its children, siblings by name). */
export function listUnits(db: Db): UnitView[] {
  const all = rows(db);
  const byId = new Map(all.map((r) => [r.id, r]));
  const own = byId.get(OWN_UNIT);
  const fullName = (r: UnitRow): string => {
    const names: string[] = [];
    for (let u: UnitRow | undefined = r; u; u = u.parent_id === null ? undefined : byId.get(u.parent_id)) names.unshift(u.name);
    if (own?.upper) names.unshift(own.upper);
    return names.join('／');
  };
  const views = all.map((r) => ({
    id: r.id,
    uid: r.uid,
    name: r.name,
    code: r.code,
    parentId: r.parent_id,
    path: r.path,
    fullName: fullName(r),
    depth: r.path.split('/').length - 3,
    via: r.via,
    source: r.source,
    own: r.id === OWN_UNIT,
  }));
  // tree order with siblings by name: sort by the names along the path (each key made once: 800 units)
  const keys = new Map(
    views.map((v) => [
      v.id,
      v.path
        .split('/')
        .filter(Boolean)
        .map((id) => byId.get(+id)?.name ?? '')
        .join('\u0000'),
    ]),
  );
  const key = (v: UnitView) => keys.get(v.id)!;
  return views.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function getUnit(db: Db, id: number): UnitView {
  const u = listUnits(db).find((x) => x.id === id);
  if (!u) throw new AppError('NOT_FOUND', `找不到单位（编号 ${id}），可能已被移动或删除`);
  return u;
}

const CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

function cleanCode(code: string | null | undefined): string | null {
  const c = (code ?? '').trim().toUpperCase();
  if (!c) return null;
  if (!CODE.test(c)) throw new AppError('VALIDATION', `单位代码“${code}”不是有效的统一社会信用代码（应为 18 位数字或大写字母）`);
  return c;
}

function cleanName(name: string): string {
  const n = name.trim();
  if (!n) throw new AppError('VALIDATION', '单位名称不能为空');
  if (n.length > 60) throw new AppError('VALIDATION', '单位名称最多 60 个字');
  if (/[／/]/.test(n)) throw new AppError('VALIDATION', `单位名称“${n}”中不能有斜杠（“／”用来分隔上下级）`);
  return n;
}

function checkFree(db: Db, parentId: number, name: string, code: string | null, exceptId: number | null): void {
  const sibling = db.prepare('SELECT id FROM units WHERE parent_id = ? AND name = ? AND id IS NOT ?').get(parentId, name, exceptId);
  if (sibling) throw new AppError('DUPLICATE', `上级单位下已有名为“${name}”的单位`);
  if (code) {
    const other = db.prepare('SELECT name FROM units WHERE code = ? AND id IS NOT ?').pluck().get(code, exceptId) as string | undefined;
    if (other) throw new AppError('DUPLICATE', `单位代码 ${code} 已属于“${other}”`);
  }
}

/** A unit added below `parentId` by this level. Audited. */
export function addUnit(core: Core, input: { name: string; code?: string | null; parentId: number }): UnitView {
  const name = cleanName(input.name);
  const code = cleanCode(input.code);
  const at = isoNow(core.now());
  let id = 0;
  core.db.transaction(() => {
    const parent = getUnit(core.db, input.parentId);
    checkFree(core.db, parent.id, name, code, null);
    id = Number(
      core.db
        .prepare(`INSERT INTO units (uid, name, code, parent_id, path, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?)`)
        .run(randomUUID(), name, code, parent.id, at, at).lastInsertRowid,
    );
    core.db.prepare('UPDATE units SET path = ? WHERE id = ?').run(`${parent.path}${id}/`, id);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '单位',
      after: { name, code, parent: parent.fullName },
      summary: `新增单位“${name}”（上级：${parent.name}）`,
    });
  })();
  return getUnit(core.db, id);
}

/**
 * Rename, recode or move a unit. The own unit can be renamed and given a code and the names above it (`upper`),
 * not moved. A unit cannot move below itself; a unit that came in a package is maintained by the level that
 * sent it. `resetSource`: the unit's packages will come from another installation from now on (a new computer).
 */
export function updateUnit(
  core: Core,
  input: { id: number; name?: string; code?: string | null; parentId?: number; upper?: string | null; resetSource?: boolean },
): UnitView {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const u = getUnit(core.db, input.id);
    if (u.via !== null && (input.name !== undefined || input.parentId !== undefined || input.code !== undefined)) {
      throw new AppError('READ_ONLY', `单位“${u.name}”由“${getUnit(core.db, u.via).name}”的数据包带来，由该单位维护，本级不能修改`);
    }
    const name = input.name === undefined ? u.name : cleanName(input.name);
    const code = input.code === undefined ? u.code : cleanCode(input.code);
    let parentId = u.parentId;
    if (input.parentId !== undefined && input.parentId !== u.parentId) {
      if (u.own) throw new AppError('VALIDATION', '本单位是单位树的根，不能移动');
      const target = getUnit(core.db, input.parentId);
      if (target.path.startsWith(u.path)) throw new AppError('VALIDATION', `不能把“${u.name}”移到它自己或它的下级单位“${target.name}”之下`);
      parentId = target.id;
    }
    if (!u.own) checkFree(core.db, parentId!, name, code, u.id);
    else if (code) checkFree(core.db, -1, name, code, u.id);
    const before = { name: u.name, code: u.code, parent: u.parentId, source: u.source };
    core.db.prepare('UPDATE units SET name = ?, code = ?, updated_at = ? WHERE id = ?').run(name, code, at, u.id);
    if (u.own && input.upper !== undefined) core.db.prepare('UPDATE units SET upper = ? WHERE id = 1').run(input.upper?.trim() || null);
    if (input.resetSource) core.db.prepare('UPDATE units SET source = NULL WHERE id = ?').run(u.id);
    if (parentId !== u.parentId) {
      const parent = getUnit(core.db, parentId!);
      const newPath = `${parent.path}${u.id}/`;
      // the unit and everything below it: one prefix swapped
      core.db
        .prepare(`UPDATE units SET path = ? || substr(path, ?), parent_id = CASE WHEN id = ? THEN ? ELSE parent_id END WHERE substr(path, 1, ?) = ?`)
        .run(newPath, u.path.length + 1, u.id, parentId, u.path.length, u.path);
    }
    const moved = parentId !== u.parentId ? `，移到“${getUnit(core.db, parentId!).name}”之下` : '';
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '单位',
      before,
      after: { name, code, parent: parentId, source: input.resetSource ? null : u.source },
      summary: `单位“${u.name}”${name !== u.name ? `改名为“${name}”` : ''}${code !== u.code ? `，代码改为 ${code ?? '（无）'}` : ''}${moved}${input.resetSource ? '，更换数据包来源' : ''}`,
    });
  })();
  return getUnit(core.db, input.id);
}

/** The ids of a unit and every unit below it. */
/**
 * Each unit's name by id, for the 填报单位 column (export-stream.ts); null while the tree holds only the own unit,
 * when the column is left out.
 */
export function unitNames(db: Db): Map<number, string> | null {
  const rows = db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[];
  return rows.length > 1 ? new Map(rows.map((r) => [r.id, r.name])) : null;
}

export function subtreeIds(db: Db, unitId: number): number[] {
  const path = db.prepare('SELECT path FROM units WHERE id = ?').pluck().get(unitId) as string | undefined;
  if (path === undefined) return [];
  return db.prepare('SELECT id FROM units WHERE substr(path, 1, ?) = ? ORDER BY id').pluck().all(path.length, path) as number[];
}

/** Whether any row of another unit has come in: until then 本级 and 全部 are the same rows. */
export function hasReceived(db: Db): boolean {
  // a file at a version before migration 15 (tests of older migrations read and write such files) has no units
  if (!columnsOf(db, 'unit_packages').size) return false;
  return db.prepare('SELECT 1 FROM unit_packages LIMIT 1').get() !== undefined;
}

/** The unit a scope names (null for 全部), or a Chinese refusal naming what exists. */
export function scopeUnit(db: Db, scope: string | undefined): number | null {
  const s = (scope ?? SCOPE_OWN).trim();
  if (s === SCOPE_ALL) return null;
  if (s === SCOPE_OWN || s === '') return OWN_UNIT;
  const all = listUnits(db);
  const hit = all.filter((u) => u.code === s.toUpperCase() || u.name === s || u.fullName === s || String(u.id) === s);
  if (hit.length === 1) return hit[0].id;
  if (hit.length > 1) throw new AppError('VALIDATION', `有 ${hit.length} 个单位名为“${s}”，请用单位代码或带上级的全称（如“${hit[0].fullName}”）`);
  throw new AppError(
    'VALIDATION',
    `范围“${s}”不是“本级”“全部”，也不是单位树中的单位。单位树中有：${all
      .slice(0, 8)
      .map((u) => u.name)
      .join('、')}${all.length > 8 ? ` 等 ${all.length} 个` : ''}`,
  );
}

/**
 * The condition a scope adds to a ledger query (`AND unit_id …`), '' when it reads every row. 本级 adds nothing
 * while no package has been received (every row is the own unit's): the statements, plans and figures of a data
 * file without units stay exactly what they were (the published-report figure tests).
 */
export function scopeCondition(db: Db, scope: string | undefined, column = 'unit_id'): string {
  const unit = scopeUnit(db, scope);
  if (unit === null) return '';
  if (unit === OWN_UNIT) return hasReceived(db) ? ` AND ${column} = ${OWN_UNIT}` : '';
  return ` AND ${column} IN (${subtreeIds(db, unit).join(', ')})`;
}

/** The unit ids a list is limited to, null for no limit (全部; 本级 while nothing has been received). */
export function scopeIds(db: Db, scope: string | undefined): number[] | null {
  const unit = scopeUnit(db, scope);
  if (unit === null) return null;
  if (unit === OWN_UNIT) return hasReceived(db) ? [OWN_UNIT] : null;
  return subtreeIds(db, unit);
}

/** A received row is read-only here: the unit that sent it keeps it. `null` for the own unit's rows. */
export function foreignSource(db: Db, kind: LedgerKind, id: string): string | null {
  if (!columnsOf(db, kind).has('unit_id')) return null;
  const r = db.prepare(`SELECT unit_id, source_package FROM ${kind} WHERE id = ?`).get(id) as { unit_id: number; source_package: string | null } | undefined;
  if (!r || r.unit_id === OWN_UNIT) return null;
  const name = (db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(r.unit_id) as string | undefined) ?? `单位 ${r.unit_id}`;
  return `这条记录来自“${name}”上报的数据包${r.source_package ? `（${r.source_package.slice(0, 8)}）` : ''}，在本级只能查看，不能修改、删除或恢复；如需更正，请该单位修改后重新上报`;
}

export function refuseForeign(db: Db, kind: LedgerKind, ids: string[]): void {
  for (const id of ids) {
    const why = foreignSource(db, kind, id);
    if (why) throw new AppError('READ_ONLY', `${LEDGERS[kind].shortName}：${why}`);
  }
}

/**
 * A scope as the statistics read it (stats/compute.ts StatsScope): the condition on ledger rows and whose 年度指标
 * are summed — 全部: every row, the own unit's indicators and every received unit's; 本级: the own unit's (no
 * condition at all while nothing has been received); a unit: it and the units below it.
 */
export function resolveScope(db: Db, scope: string | undefined): StatsScope {
  const unit = scopeUnit(db, scope);
  if (unit === null) return ALL_ROWS;
  if (unit === OWN_UNIT) return { rows: scopeCondition(db, SCOPE_OWN), ownIndicators: true, unitIndicators: null };
  const ids = subtreeIds(db, unit).join(', ');
  return { rows: ` AND unit_id IN (${ids})`, ownIndicators: false, unitIndicators: ` AND unit_id IN (${ids})` };
}
