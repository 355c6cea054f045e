// 数据包 (issue 20): a unit's ledgers for a year or a range, sent up to the level above as one file, offline.
//
// The container is a data file of this program's schema: a SQLite file that migrations 1..N built, holding only
// the unit's rows (and its sub-units' already received), its 年度指标 and 素材, its part of the unit tree, and a
// manifest in `settings` under the key 数据包. So the receiving side checks it exactly as it checks a backup
// before restoring it (docs/数据安全.md): size bounds, the SQLite header, quick_check, the schema object for object
// as migrations 1..version make it (no trigger or view of anyone else's), a version no newer than the program —
// and then what a backup does not have: the content hash and the row counts of the manifest, and the unit, which
// must be in the receiving tree and come from the same installation as its previous packages.
//
// Receiving replaces that unit's rows (and its sub-units') for the package's years in one transaction: rows new
// in the package are added, changed ones replaced, those no longer in it removed — each replaced or removed row
// first archived whole in `unit_replaced` (never deleted without trace); identical rows are not touched, so
// receiving the same package again changes nothing. Audited as 接收数据包.

import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { LEDGERS, LEDGER_KINDS } from '../domain/ledgers';
import { manifestSchema, type Manifest, type PackageChange, type PackagePreview, type UnitStatus } from '../domain/units';
import type { LedgerKind } from '../domain/fields';
import { isoNow, type Core } from './core';
import { migrate, type Db } from './db/connection';
import { MIGRATIONS, SCHEMA_VERSION } from './db/migrations';
import { schemaDifferences } from './db/schema';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';
import { integrityProblems } from './safety/backup';
import { listUnits, OWN_UNIT, subtreeIds } from './units';
import { APP_VERSION } from './version';

/** The key of the manifest in the package's `settings` table. */
export const MANIFEST_KEY = '数据包';

/**
 * Bounds on a package handed in (the file may come from anyone on a USB stick). A county's ten years are a few
 * MB (the bench: 40 units × 10 years ≈ 3 MB); 200 MB is a million rows, far beyond a year of any county.
 */
export const PACKAGE_LIMITS = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 2_000_000,
  maxUnits: 20_000,
  maxYears: 30,
};

/** The tables a package carries, in hash order, with the order their rows are hashed in. */
const CHILD_TABLES = ['case_parties', 'case_suspensions'] as const;
const CONTENT: { table: string; order: string }[] = [
  { table: 'units', order: 'id' },
  ...LEDGER_KINDS.map((k) => ({ table: k, order: 'id' })),
  ...CHILD_TABLES.map((t) => ({ table: t, order: 'id' })),
  { table: 'indicators', order: 'year, name' },
  { table: 'materials', order: 'year, name' },
  { table: 'unit_indicators', order: 'unit_id, year, name' },
  { table: 'unit_materials', order: 'unit_id, year, name' },
];

/** Statements prepared once per connection: receiving 800 packages runs the same few dozen again and again. */
const prepared = new WeakMap<Db, Map<string, Statement>>();
function st(db: Db, sql: string): Statement {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

function columns(db: Db, table: string): string[] {
  return (st(db, `SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => c !== 'rid');
}

const q = (c: string) => `"${c.replace(/"/g, '""')}"`;

/** sha256 over every carried table's rows in a fixed order (columns by name): what the manifest's hash says. */
export function contentHash(db: Db): string {
  const h = createHash('sha256');
  for (const { table, order } of CONTENT) {
    const cols = columns(db, table).sort();
    h.update(`${table}\n${cols.join(',')}\n`);
    for (const r of db
      .prepare(`SELECT ${cols.map(q).join(', ')} FROM ${table} ORDER BY ${order}`)
      .raw()
      .iterate())
      h.update(`${JSON.stringify(r)}\n`);
  }
  return h.digest('hex');
}

const yearRange = (from: number, to: number) => [`${from}-01-01`, `${to}-12-31`] as const;

function checkYears(from: number, to: number): void {
  if (to < from) throw new AppError('VALIDATION', `年度范围不对：${from} 年到 ${to} 年`);
  if (to - from + 1 > PACKAGE_LIMITS.maxYears) throw new AppError('VALIDATION', `一个数据包最多 ${PACKAGE_LIMITS.maxYears} 个年度`);
}

export interface MadePackage {
  manifest: Manifest;
  fileName: string;
}

/** The file name a package is offered under: unit, years, date. */
export function packageFileName(m: Manifest): string {
  const years = m.years.from === m.years.to ? `${m.years.from}年度` : `${m.years.from}-${m.years.to}年度`;
  return `${m.unit.name}-${years}-数据包-${m.madeAt.slice(0, 10).replace(/-/g, '')}.fzpkg`;
}

/**
 * Write the package of the own unit (its rows and its sub-units' received rows) for years from..to to `out`:
 * built under a temporary name beside it, renamed when complete. Records the 上报 in `unit_sent`, audited.
 */
export function writePackage(core: Core, from: number, to: number, out: string): MadePackage {
  checkYears(from, to);
  const src = core.db;
  const [s, e] = yearRange(from, to);
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const pkg = new Database(tmp);
  let manifest: Manifest;
  try {
    pkg.pragma('journal_mode = DELETE');
    migrate(pkg, MIGRATIONS);
    const counts: Record<string, number> = {};
    let lastChange: string | null = null;
    pkg.transaction(() => {
      // the unit tree as it is here: row 1 is the own unit in both files
      const units = src.prepare('SELECT * FROM units ORDER BY length(path), id').all() as Record<string, unknown>[];
      const ucols = columns(pkg, 'units');
      const own = units.find((u) => u.id === OWN_UNIT)!;
      pkg
        .prepare(
          `UPDATE units SET ${ucols
            .filter((c) => c !== 'id')
            .map((c) => `${q(c)} = @${c}`)
            .join(', ')} WHERE id = 1`,
        )
        .run(pick(own, ucols));
      const putUnit = pkg.prepare(`INSERT INTO units (${ucols.map(q).join(', ')}) VALUES (${ucols.map((c) => `@${c}`).join(', ')})`);
      for (const u of units) if (u.id !== OWN_UNIT) putUnit.run(pick(u, ucols));
      counts.units = units.length;
      for (const k of LEDGER_KINDS) {
        const cols = columns(src, k).filter((c) => columns(pkg, k).includes(c));
        const d = LEDGERS[k].primaryDate;
        const put = pkg.prepare(`INSERT INTO ${k} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        let n = 0;
        const ids: string[] = [];
        for (const r of src
          .prepare(`SELECT ${cols.map(q).join(', ')} FROM ${k} WHERE deleted_at IS NULL AND "${d}" BETWEEN ? AND ? ORDER BY id`)
          .iterate(s, e) as Iterable<Record<string, unknown>>) {
          put.run(...cols.map((c) => r[c]));
          ids.push(r.id as string);
          const u = r.updated_at as string;
          if (!lastChange || u > lastChange) lastChange = u;
          n++;
        }
        counts[k] = n;
        if (k === 'reconsideration' || k === 'litigation') {
          for (const t of CHILD_TABLES) {
            const cc = columns(src, t);
            const putC = pkg.prepare(`INSERT INTO ${t} (${cc.map(q).join(', ')}) VALUES (${cc.map(() => '?').join(', ')})`);
            const sel = src.prepare(
              `SELECT ${cc.map(q).join(', ')} FROM ${t} WHERE kind = ? AND case_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
            );
            for (const r of sel.raw().iterate(k, JSON.stringify(ids)) as Iterable<unknown[]>) {
              putC.run(...r);
              counts[t] = (counts[t] ?? 0) + 1;
            }
          }
        }
      }
      for (const t of CHILD_TABLES) counts[t] ??= 0;
      for (const t of ['indicators', 'materials', 'unit_indicators', 'unit_materials']) {
        const cols = columns(src, t);
        const put = pkg.prepare(`INSERT INTO ${t} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        let n = 0;
        for (const r of src
          .prepare(`SELECT ${cols.map(q).join(', ')} FROM ${t} WHERE year BETWEEN ? AND ?`)
          .raw()
          .iterate(from, to) as Iterable<unknown[]>) {
          put.run(...r);
          n++;
        }
        counts[t] = n;
      }
    })();
    const unitsList = listUnits(src);
    const ownView = unitsList.find((u) => u.own)!;
    manifest = {
      format: '法治台账数据包',
      id: randomUUID(),
      unit: { uid: ownView.uid, name: ownView.name, code: ownView.code, path: ownView.fullName },
      source: ownView.source ?? '',
      years: { from, to },
      schemaVersion: SCHEMA_VERSION,
      appVersion: APP_VERSION,
      counts,
      rows: LEDGER_KINDS.reduce((a, k) => a + counts[k], 0),
      units: unitsList.length,
      hash: contentHash(pkg),
      madeAt: isoNow(core.now()),
      lastChange,
    };
    pkg.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(MANIFEST_KEY, JSON.stringify(manifest), manifest.madeAt);
    pkg.close();
    fs.renameSync(tmp, out);
  } catch (err) {
    if (pkg.open) pkg.close();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  core.db.transaction(() => {
    core.db
      .prepare('INSERT INTO unit_sent (id, year_from, year_to, made_at, rows, hash, made_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(manifest.id, from, to, manifest.madeAt, manifest.rows, manifest.hash, core.actor);
    appendAudit(core.db, {
      at: manifest.madeAt,
      actor: core.actor,
      action: '上报',
      after: manifest,
      summary: `上报 ${from === to ? `${from} 年度` : `${from}—${to} 年度`}数据包：${manifest.rows} 条记录（${path.basename(out)}）`,
    });
  })();
  return { manifest, fileName: packageFileName(manifest) };
}

function pick(r: Record<string, unknown>, cols: string[]): Record<string, unknown> {
  return Object.fromEntries(cols.map((c) => [c, r[c] ?? null]));
}

/** Compare dotted versions (0.1.10 > 0.1.9). */
function newerVersion(a: string, b: string): boolean {
  const pa = a.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) > (pb[i] ?? 0);
  return false;
}

interface OpenPackage {
  db: Db;
  manifest: Manifest;
  version: number;
  close(): void;
}

const bad = (msg: string) => new AppError('PACKAGE', `数据包不能接收：${msg}。本级数据没有任何改动。`);

/**
 * Open a package file for reading after the checks a backup gets before it is restored (see the top of this
 * file). The file itself is never opened: a copy in a temporary folder is (nothing is written beside a file on a
 * USB stick, a WAL-mode file cannot leave -wal/-shm there).
 */
export function openPackage(file: string): OpenPackage {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw bad(`找不到文件 ${file}`);
  }
  if (size === 0) throw bad('文件是空的（0 字节），可能在复制时中断');
  if (size > PACKAGE_LIMITS.maxBytes) throw bad(`文件过大（${Math.round(size / 1048576)}MB，最多 ${PACKAGE_LIMITS.maxBytes / 1048576}MB）`);
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(16);
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') !== 'SQLite format 3\u0000') throw bad('这不是法治台账的数据包（文件格式不对，可能选错了文件或文件已损坏）');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-pkg-'));
  const copy = path.join(dir, 'package.db');
  fs.copyFileSync(file, copy);
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  let db: Db | undefined;
  try {
    try {
      db = new Database(copy, { readonly: true, fileMustExist: true });
      db.pragma('trusted_schema = OFF');
    } catch (e) {
      throw bad(`无法读取（${(e as Error).message}）`);
    }
    let version: number;
    let problems: string[];
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      problems = integrityProblems(db, true);
    } catch (e) {
      throw bad(`文件已损坏（${(e as Error).message}）`);
    }
    if (problems.length) throw bad(`文件已损坏（${problems.slice(0, 3).join('；')}）`);
    if (version > SCHEMA_VERSION) throw bad(`它由更新版本的法治台账制作（结构版本 ${version}），本程序只支持到版本 ${SCHEMA_VERSION}，请先升级程序`);
    if (version < 15)
      throw bad(
        version === 0 ? '这不是法治台账的数据包（没有台账结构）' : `它的结构版本是 ${version}，早于数据包的出现（版本 15）：这是一个数据文件或备份，不是数据包`,
      );
    let diffs: string[];
    try {
      diffs = schemaDifferences(db, version, MIGRATIONS);
    } catch (e) {
      throw bad(`文件已损坏（${(e as Error).message}）`);
    }
    if (diffs.length) throw bad(`文件的结构与版本 ${version} 应有的结构不一致：${diffs.join('；')}。文件可能被篡改`);
    const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MANIFEST_KEY) as string | undefined;
    if (raw === undefined) throw bad('文件中没有数据包清单：这是一个数据文件或备份，不是数据包');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw bad('数据包清单不是有效的 JSON，文件可能已损坏或被篡改');
    }
    const m = manifestSchema.safeParse(parsed);
    if (!m.success)
      throw bad(
        `数据包清单的格式不对（${m.error.issues
          .slice(0, 2)
          .map((i) => `${i.path.join('.') || '清单'}：${i.message}`)
          .join('；')}），文件可能已损坏或被篡改`,
      );
    const manifest = m.data;
    if (manifest.schemaVersion !== version) throw bad(`清单写的结构版本 ${manifest.schemaVersion} 与文件的结构版本 ${version} 不一致，文件可能被篡改`);
    if (newerVersion(manifest.appVersion, APP_VERSION))
      throw bad(`它由更新版本的法治台账（${manifest.appVersion}）制作，本程序是 ${APP_VERSION}，请先升级程序`);
    if (manifest.years.to < manifest.years.from || manifest.years.to - manifest.years.from + 1 > PACKAGE_LIMITS.maxYears) throw bad('清单中的年度范围不对');
    if (manifest.rows > PACKAGE_LIMITS.maxRows) throw bad(`记录过多（${manifest.rows} 条，最多 ${PACKAGE_LIMITS.maxRows} 条）`);
    if (manifest.units > PACKAGE_LIMITS.maxUnits) throw bad(`单位过多（${manifest.units} 个）`);
    // the counts first (cheap), then the hash over every row
    for (const { table } of CONTENT) {
      const n = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      if (n !== (manifest.counts[table] ?? 0))
        throw bad(`“${tableLabel(table)}”有 ${n} 行，清单写的是 ${manifest.counts[table] ?? 0} 行，文件可能不完整或被改动`);
    }
    if (contentHash(db) !== manifest.hash) throw bad('内容校验值与清单不符，文件在制作后被改动或已损坏');
    const root = db.prepare('SELECT uid, name, code FROM units WHERE id = 1').get() as { uid: string; name: string; code: string | null };
    if (root.uid !== manifest.unit.uid || root.name !== manifest.unit.name || root.code !== manifest.unit.code)
      throw bad('清单中的单位与文件中的单位树不一致，文件可能被篡改');
    const [s, e] = yearRange(manifest.years.from, manifest.years.to);
    for (const k of LEDGER_KINDS) {
      const outside = db
        .prepare(`SELECT count(*) FROM ${k} WHERE NOT (deleted_at IS NULL AND "${LEDGERS[k].primaryDate}" BETWEEN ? AND ?)`)
        .pluck()
        .get(s, e) as number;
      if (outside) throw bad(`${LEDGERS[k].shortName}中有 ${outside} 条记录不在所报年度内或已删除，文件可能被篡改`);
    }
    const d = db;
    return { db: d, manifest, version, close: () => (d.close(), cleanup()) };
  } catch (err) {
    if (db?.open) db.close();
    cleanup();
    throw err;
  }
}

function tableLabel(t: string): string {
  if ((LEDGER_KINDS as string[]).includes(t)) return LEDGERS[t as LedgerKind].shortName;
  return (
    {
      units: '单位',
      case_parties: '当事人',
      case_suspensions: '中止期间',
      indicators: '年度指标',
      materials: '年度素材',
      unit_indicators: '下级单位年度指标',
      unit_materials: '下级单位年度素材',
    }[t] ?? t
  );
}

class DryRun extends Error {}

/** The receiving unit a package names: by code, else by name (unique); never the own unit. */
function matchUnit(core: Core, m: Manifest): number {
  const units = listUnits(core.db);
  const own = units.find((u) => u.own)!;
  if (m.unit.uid === own.uid || (m.source && m.source === own.source)) throw bad('这是本单位自己制作的数据包，应交给上级单位接收');
  const byCode = m.unit.code ? units.filter((u) => u.code === m.unit.code) : [];
  const hits = byCode.length ? byCode : units.filter((u) => u.name === m.unit.name && (u.code === null || !m.unit.code));
  const candidates = hits.filter((u) => !u.own);
  if (candidates.length === 1) return candidates[0].id;
  if (candidates.length > 1)
    throw bad(
      `单位树中有 ${candidates.length} 个名为“${m.unit.name}”的单位（${candidates.map((u) => u.fullName).join('、')}），请在“设置 → 单位”中为它们填写统一社会信用代码，并请报送单位在其程序中填写同样的代码`,
    );
  throw bad(
    `数据包的单位“${m.unit.path || m.unit.name}”${m.unit.code ? `（代码 ${m.unit.code}）` : ''}不在本级的单位树中。请先在“设置 → 单位”中把它加到所属的上级单位之下（名称或统一社会信用代码须一致），再接收`,
  );
}

/**
 * Check a package and show what receiving it would change (dryRun), or receive it: the unit's (and its
 * sub-units') rows for the package's years replaced in one transaction. Nothing is written when anything is
 * wrong, nor on a dry run.
 */
export function receivePackage(core: Core, file: string, opts: { dryRun?: boolean } = {}): PackagePreview {
  const pkg = openPackage(file);
  try {
    const m = pkg.manifest;
    const targetId = matchUnit(core, m);
    let preview: PackagePreview | undefined;
    try {
      core.db.transaction(() => {
        preview = applyPackage(core, pkg, targetId);
        if (opts.dryRun || preview.alreadyReceived) throw new DryRun();
      })();
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    return { ...preview!, applied: !opts.dryRun && !preview!.alreadyReceived };
  } finally {
    pkg.close();
  }
}

function applyPackage(core: Core, pkg: OpenPackage, targetId: number): PackagePreview {
  const db = core.db;
  const m = pkg.manifest;
  const at = isoNow(core.now());
  const target = listUnits(db).find((u) => u.id === targetId)!;
  // a second package claiming the unit from another installation
  if (target.source && target.source !== m.source) {
    const prev = st(db, 'SELECT made_at, received_at FROM unit_packages WHERE unit_id = ? ORDER BY received_at DESC LIMIT 1').get(targetId) as
      { made_at: string; received_at: string } | undefined;
    throw bad(
      `单位“${target.name}”此前的数据包来自另一台电脑上的法治台账（来源 ${target.source.slice(0, 8)}${prev ? `，${prev.received_at.slice(0, 10)} 接收` : ''}），这一份来自 ${m.source.slice(0, 8)}。同一单位只应由一处上报：可能有人用别的电脑冒用了该单位，或该单位换了电脑、重装了程序。核实后，如确为该单位的新电脑，请在“设置 → 单位”中对该单位点“更换来源”，再接收`,
    );
  }
  const previous = st(
    db,
    'SELECT id, made_at, received_at, year_from, year_to FROM unit_packages WHERE unit_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1',
  ).get(targetId) as { id: string; made_at: string; received_at: string; year_from: number; year_to: number } | undefined;
  const alreadyReceived = st(db, 'SELECT 1 FROM unit_packages WHERE id = ?').get(m.id) !== undefined;

  // the package's unit tree onto this one: its row 1 is the target; the others by uid, code, or name under their parent
  const pkgUnits = pkg.db.prepare('SELECT id, uid, name, code, parent_id FROM units ORDER BY length(path), id').all() as {
    id: number;
    uid: string;
    name: string;
    code: string | null;
    parent_id: number | null;
  }[];
  const map = new Map<number, number>([[OWN_UNIT, targetId]]);
  const newUnits: string[] = [];
  const inTarget = new Set(subtreeIds(db, targetId));
  for (const u of pkgUnits) {
    if (u.id === OWN_UNIT) continue;
    const parent = map.get(u.parent_id ?? -1);
    if (parent === undefined) throw bad(`单位树中“${u.name}”的上级不在数据包中，文件可能被篡改`);
    const found =
      (st(db, 'SELECT id FROM units WHERE uid = ?').pluck().get(u.uid) as number | undefined) ??
      (u.code ? (st(db, 'SELECT id FROM units WHERE code = ?').pluck().get(u.code) as number | undefined) : undefined) ??
      (st(db, 'SELECT id FROM units WHERE parent_id = ? AND name = ?').pluck().get(parent, u.name) as number | undefined);
    if (found !== undefined) {
      if (!inTarget.has(found)) throw bad(`数据包中的下级单位“${u.name}”在本级的单位树中属于别的单位，不在“${target.name}”之下`);
      map.set(u.id, found);
      continue;
    }
    const parentPath = st(db, 'SELECT path FROM units WHERE id = ?').pluck().get(parent) as string;
    const id = Number(
      st(db, `INSERT INTO units (uid, name, code, parent_id, path, via, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?)`).run(
        u.uid,
        u.name,
        u.code,
        parent,
        targetId,
        at,
        at,
      ).lastInsertRowid,
    );
    st(db, 'UPDATE units SET path = ? WHERE id = ?').run(`${parentPath}${id}/`, id);
    map.set(u.id, id);
    inTarget.add(id);
    newUnits.push(u.name);
  }
  // the target's units as one parameter (json_each), so that the statements on this file are the same text for
  // every package and prepared once (st): a statement prepared per package is freed only when V8 collects its
  // wrapper, and 800 packages × 9 left thousands of compiled statements in native memory (docs/performance.md)
  const scope = JSON.stringify([...inTarget]);
  const [s, e] = yearRange(m.years.from, m.years.to);
  const changes: PackageChange[] = [];
  const archive = st(db, 'INSERT INTO unit_replaced (at, package_id, unit_id, kind, record_id, reason, row) VALUES (?, ?, ?, ?, ?, ?, ?)');

  for (const k of LEDGER_KINDS) {
    const d = LEDGERS[k].primaryDate;
    const localCols = columns(db, k);
    const cols = columns(pkg.db, k).filter((c) => localCols.includes(c));
    const compared = cols.filter((c) => c !== 'unit_id' && c !== 'source_package').sort();
    const childrenOf = (src: Db, ids: string[]) => {
      const out = new Map<string, unknown[][]>();
      if (k !== 'reconsideration' && k !== 'litigation') return out;
      for (const t of CHILD_TABLES) {
        const cc = columns(src, t).sort();
        const sql = `SELECT ${cc.map(q).join(', ')} FROM ${t} WHERE kind = ? AND case_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY id`;
        for (const r of (src === db ? st(db, sql) : src.prepare(sql)).raw().iterate(k, JSON.stringify(ids)) as Iterable<unknown[]>) {
          const caseId = r[cc.indexOf('case_id')] as string;
          const list = out.get(caseId) ?? [];
          list.push([t, ...r]);
          out.set(caseId, list);
        }
      }
      return out;
    };
    const incoming = pkg.db.prepare(`SELECT ${cols.map(q).join(', ')} FROM ${k} ORDER BY id`).all() as Record<string, unknown>[];
    // received rows are never in the 回收站 (they are read-only here): `deleted_at IS NULL` lets the partial index
    // <kind>_unit (unit_id, date) find them without reading the whole table (the bench: 800 packages)
    const local = st(db, `SELECT * FROM ${k} WHERE deleted_at IS NULL AND unit_id IN (SELECT value FROM json_each(?)) AND "${d}" BETWEEN ? AND ?`).all(
      scope,
      s,
      e,
    ) as Record<string, unknown>[];
    const inKids = childrenOf(
      pkg.db,
      incoming.map((r) => r.id as string),
    );
    const localKids = childrenOf(
      db,
      local.map((r) => r.id as string),
    );
    const sig = (r: Record<string, unknown>, unit: number, kids: Map<string, unknown[][]>) =>
      JSON.stringify([unit, compared.map((c) => r[c] ?? null), kids.get(r.id as string) ?? []]);
    const localById = new Map(local.map((r) => [r.id as string, r]));
    const toInsert: Record<string, unknown>[] = [];
    const toRemove: { row: Record<string, unknown>; reason: '替换' | '移除' }[] = [];
    let unchanged = 0;
    const seen = new Set<string>();
    for (const r of incoming) {
      const unit = map.get(r.unit_id as number);
      if (unit === undefined) throw bad(`${LEDGERS[k].shortName}中有记录属于数据包单位树以外的单位，文件可能被篡改`);
      const id = r.id as string;
      seen.add(id);
      const mine = localById.get(id);
      if (mine) {
        if (sig(mine, mine.unit_id as number, localKids) === sig(r, unit, inKids)) {
          unchanged++;
          continue;
        }
        toRemove.push({ row: mine, reason: '替换' });
      } else {
        const owner = st(db, `SELECT unit_id FROM ${k} WHERE id = ?`).pluck().get(id) as number | undefined;
        if (owner !== undefined) {
          const name = st(db, 'SELECT name FROM units WHERE id = ?').pluck().get(owner) as string;
          throw bad(
            `${LEDGERS[k].shortName}中编号 ${id} 的记录在本级已属于“${name}”${owner === OWN_UNIT ? '（本级自己的记录）' : ''}，同一条记录不能由两个单位上报`,
          );
        }
      }
      toInsert.push({ ...r, unit_id: unit, source_package: m.id });
    }
    for (const r of local) if (!seen.has(r.id as string)) toRemove.push({ row: r, reason: '移除' });
    for (const { row, reason } of toRemove) {
      const kids = localKids.get(row.id as string) ?? [];
      archive.run(at, m.id, row.unit_id, k, row.id, reason, JSON.stringify({ ...row, rid: undefined, 当事人和中止期间: kids.length ? kids : undefined }));
      st(db, `DELETE FROM ${k} WHERE id = ?`).run(row.id);
      for (const t of CHILD_TABLES) st(db, `DELETE FROM ${t} WHERE kind = ? AND case_id = ?`).run(k, row.id);
    }
    if (toInsert.length) {
      const insCols = [...cols.filter((c) => c !== 'unit_id' && c !== 'source_package'), 'unit_id', 'source_package'];
      const put = st(db, `INSERT INTO ${k} (${insCols.map(q).join(', ')}) VALUES (${insCols.map(() => '?').join(', ')})`);
      for (const r of toInsert) {
        try {
          put.run(...insCols.map((c) => r[c] ?? null));
        } catch (err) {
          if (/UNIQUE constraint failed: \w+\.caseNo/.test((err as Error).message)) {
            const owner = st(db, `SELECT unit_id FROM ${k} WHERE "caseNo" = ? AND deleted_at IS NULL`).pluck().get(r.caseNo) as number;
            const name = st(db, 'SELECT name FROM units WHERE id = ?').pluck().get(owner) as string;
            throw bad(`${LEDGERS[k].shortName}中案号“${String(r.caseNo)}”在本级已有（属于“${name}”），两个单位的案号重复，请核对后由一方更正再上报`);
          }
          throw err;
        }
      }
      if (k === 'reconsideration' || k === 'litigation') {
        for (const t of CHILD_TABLES) {
          const cc = columns(pkg.db, t).filter((c) => columns(db, t).includes(c));
          const putC = st(db, `INSERT INTO ${t} (${cc.map(q).join(', ')}) VALUES (${cc.map(() => '?').join(', ')})`);
          const ids = toInsert.map((r) => r.id as string);
          // a party's 代理人 points at the party it represents: the represented first
          for (const r of pkg.db
            .prepare(
              `SELECT ${cc.map(q).join(', ')} FROM ${t} WHERE kind = ? AND case_id IN (SELECT value FROM json_each(?)) ORDER BY ${t === 'case_parties' ? 'represents_id IS NOT NULL, ' : ''}id`,
            )
            .raw()
            .iterate(k, JSON.stringify(ids)) as Iterable<unknown[]>) {
            putC.run(...r);
          }
        }
      }
    }
    const replaced = toRemove.filter((x) => x.reason === '替换').length;
    changes.push({ kind: k, label: LEDGERS[k].name, added: toInsert.length - replaced, changed: replaced, removed: toRemove.length - replaced, unchanged });
  }

  // 年度指标 and 素材: the package's own ones belong to the target, its received ones to their units
  for (const [t, own, valueCol, label] of [
    ['unit_indicators', 'indicators', 'value', '年度指标'],
    ['unit_materials', 'materials', 'content', '年度素材'],
  ] as const) {
    const incoming = [
      ...(pkg.db.prepare(`SELECT ${OWN_UNIT} AS unit_id, year, name, ${valueCol} AS v, updated_at FROM ${own}`).all() as {
        unit_id: number;
        year: number;
        name: string;
        v: unknown;
        updated_at: string;
      }[]),
      ...(pkg.db.prepare(`SELECT unit_id, year, name, ${valueCol} AS v, updated_at FROM ${t}`).all() as {
        unit_id: number;
        year: number;
        name: string;
        v: unknown;
        updated_at: string;
      }[]),
    ].map((r) => {
      const unit = map.get(r.unit_id);
      if (unit === undefined) throw bad(`${label}中有属于数据包单位树以外的单位的数据，文件可能被篡改`);
      return { ...r, unit_id: unit };
    });
    const local = st(
      db,
      `SELECT unit_id, year, name, ${valueCol} AS v, updated_at, source_package FROM ${t} WHERE unit_id IN (SELECT value FROM json_each(?)) AND year BETWEEN ? AND ?`,
    ).all(scope, m.years.from, m.years.to) as {
      unit_id: number;
      year: number;
      name: string;
      v: unknown;
      updated_at: string;
      source_package: string;
    }[];
    const key = (r: { unit_id: number; year: number; name: string }) => `${r.unit_id}\u0000${r.year}\u0000${r.name}`;
    const localBy = new Map(local.map((r) => [key(r), r]));
    const c: PackageChange = { kind: t, label, added: 0, changed: 0, removed: 0, unchanged: 0 };
    const seen = new Set<string>();
    const put = st(db, `INSERT INTO ${t} (unit_id, year, name, ${valueCol}, updated_at, source_package) VALUES (?, ?, ?, ?, ?, ?)`);
    const del = st(db, `DELETE FROM ${t} WHERE unit_id = ? AND year = ? AND name = ?`);
    for (const r of incoming) {
      const kk = key(r);
      seen.add(kk);
      const mine = localBy.get(kk);
      if (mine && mine.v === r.v) {
        c.unchanged++;
        continue;
      }
      if (mine) {
        archive.run(at, m.id, mine.unit_id, t, `${mine.year}/${mine.name}`, '替换', JSON.stringify(mine));
        del.run(mine.unit_id, mine.year, mine.name);
        c.changed++;
      } else c.added++;
      put.run(r.unit_id, r.year, r.name, r.v, r.updated_at, m.id);
    }
    for (const r of local) {
      if (seen.has(key(r))) continue;
      archive.run(at, m.id, r.unit_id, t, `${r.year}/${r.name}`, '移除', JSON.stringify(r));
      del.run(r.unit_id, r.year, r.name);
      c.removed++;
    }
    changes.push(c);
  }

  const totals = changes.reduce((a, c) => ({ added: a.added + c.added, changed: a.changed + c.changed, removed: a.removed + c.removed }), {
    added: 0,
    changed: 0,
    removed: 0,
  });
  const preview: PackagePreview = {
    manifest: m,
    unit: { id: target.id, name: target.name, fullName: target.fullName },
    previous: previous
      ? {
          id: previous.id,
          madeAt: previous.made_at,
          receivedAt: previous.received_at,
          years: previous.year_from === previous.year_to ? `${previous.year_from}` : `${previous.year_from}—${previous.year_to}`,
        }
      : null,
    alreadyReceived,
    changes,
    newUnits,
    totals,
    applied: false,
  };
  if (alreadyReceived) {
    // the same package again: nothing may change (the comparison above found every row identical, or the unit's
    // data changed since by a later package — in which case an older package must not undo it)
    if (totals.added + totals.changed + totals.removed + newUnits.length > 0) {
      throw bad(
        `这份数据包（${m.madeAt.slice(0, 10)} 制作）已经接收过，此后“${target.name}”的数据又由更新的数据包改变过；重新接收旧数据包会撤销那些改变，所以不接收。如确需回到这份数据，请该单位重新上报`,
      );
    }
    return preview;
  }
  st(
    db,
    'INSERT INTO unit_packages (id, unit_id, source, year_from, year_to, schema_version, app_version, made_at, last_change, rows, hash, manifest, received_at, received_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    m.id,
    targetId,
    m.source,
    m.years.from,
    m.years.to,
    m.schemaVersion,
    m.appVersion,
    m.madeAt,
    m.lastChange,
    m.rows,
    m.hash,
    JSON.stringify(m),
    at,
    core.actor,
  );
  if (!target.source) st(db, 'UPDATE units SET source = ?, updated_at = ? WHERE id = ?').run(m.source, at, targetId);
  appendAudit(db, {
    at,
    actor: core.actor,
    action: '接收数据包',
    kind: null,
    recordId: m.id,
    after: { manifest: m, changes, newUnits },
    summary: `接收“${target.name}”${m.years.from === m.years.to ? `${m.years.from} 年度` : `${m.years.from}—${m.years.to} 年度`}数据包：新增 ${totals.added}、更新 ${totals.changed}、移除 ${totals.removed}（移除和被替换的记录存档在“被替换记录”中）`,
  });
  return preview;
}

/**
 * 上报 status for a year: per unit of the tree, whether its package for the year has come in (when, and how many
 * rows of the year it and the units below it hold here), came inside a higher unit's package, or is missing; for
 * the own unit, whether its last 上报 covering the year is older than the year's last change.
 */
export function unitStatus(core: Core, year: number): { year: number; units: UnitStatus[]; reminder: string | null } {
  const db = core.db;
  const units = listUnits(db);
  const [s, e] = yearRange(year, year);
  const own = new Map<number, number>();
  let lastChange = '';
  for (const k of LEDGER_KINDS) {
    const d = LEDGERS[k].primaryDate;
    for (const r of db
      .prepare(`SELECT unit_id, count(*) AS n, max(updated_at) AS last FROM ${k} WHERE deleted_at IS NULL AND "${d}" BETWEEN ? AND ? GROUP BY unit_id`)
      .all(s, e) as { unit_id: number; n: number; last: string }[]) {
      own.set(r.unit_id, (own.get(r.unit_id) ?? 0) + r.n);
      if (r.last > lastChange) lastChange = r.last;
    }
  }
  const packages = new Map<number, { id: string; made_at: string; received_at: string }>();
  for (const p of db
    .prepare('SELECT unit_id, id, made_at, received_at FROM unit_packages WHERE year_from <= ? AND year_to >= ? ORDER BY received_at, rowid')
    .all(year, year) as { unit_id: number; id: string; made_at: string; received_at: string }[]) {
    packages.set(p.unit_id, p);
    if (p.received_at > lastChange) lastChange = p.received_at;
  }
  const sent = db.prepare('SELECT id, made_at FROM unit_sent WHERE year_from <= ? AND year_to >= ? ORDER BY made_at DESC LIMIT 1').get(year, year) as
    { id: string; made_at: string } | undefined;
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: UnitStatus[] = units.map((u) => {
    let rows = 0;
    for (const [id, n] of own) if (byId.get(id)?.path.startsWith(u.path)) rows += n;
    const base = { unitId: u.id, name: u.name, fullName: u.fullName, depth: u.depth, rows };
    if (u.own) {
      const state = !sent ? '未上报' : sent.made_at >= lastChange ? '已上报' : '有更新未上报';
      return { ...base, state, packageId: sent?.id ?? null, madeAt: sent?.made_at ?? null, receivedAt: null };
    }
    const p = packages.get(u.id);
    if (p) return { ...base, state: '已上报', packageId: p.id, madeAt: p.made_at, receivedAt: p.received_at };
    const ancestors = u.path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .filter((id) => id !== u.id && id !== OWN_UNIT);
    const carried = u.via !== null || ancestors.some((id) => packages.has(id));
    return { ...base, state: carried ? '随上级上报' : '未上报', packageId: null, madeAt: null, receivedAt: null };
  });
  const missing = out.filter((x) => x.unitId !== OWN_UNIT && x.state === '未上报');
  const reminder = missing.length
    ? `${missing.length} 个单位尚未上报 ${year} 年度数据包：${missing
        .slice(0, 5)
        .map((x) => x.name)
        .join('、')}${missing.length > 5 ? ' 等' : ''}`
    : null;
  return { year, units: out, reminder };
}

/**
 * The deadline board's reminder (issue 20): from 1 January until the report's deadline (1 March, 督察工作规定
 * art. 24), the units that have not yet sent their package for the year just ended. Nothing when the tree has no
 * unit maintained here.
 */
export function reportReminder(core: Core, today: string): string | null {
  const year = Number(today.slice(0, 4)) - 1;
  if (today > `${year + 1}-03-01`) return null;
  if (!core.db.prepare('SELECT 1 FROM units WHERE id <> 1 AND via IS NULL LIMIT 1').get()) return null;
  const r = unitStatus(core, year).reminder;
  return r ? `${r}。年度报告须于 ${year + 1} 年 3 月 1 日前报送，请及时催报并接收。` : null;
}
