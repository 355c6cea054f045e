// The core: one open data file with its settings and calendar. Every door (Electron IPC, browser mode, CLI)
// holds one of these and calls the handler map with it.

import os from 'node:os';
import path from 'node:path';
import type { HolidayCalendar } from '../domain/calendar';
import type { DeriveContext } from '../domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../domain/ledgers';
import { derivedDeadlines, openFrom, rederive, withoutSettled } from '../domain/rows';
import { checkSettings, DEFAULT_SETTINGS, parseSetting, SETTING_DEFS, type SettingDef, type Settings } from '../domain/settings';
import { loadCalendar } from './calendar-store';
import { backupDirFor, type Db, type OpenOptions } from './db/connection';
import { damaged, openDatabase } from './safety/open';
import type { Statement } from 'better-sqlite3';
import { fromDbRow, toColumn, vocabTable } from './db/ledger-repo';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';
import { callUser } from './request-context';
import { secondDirProblem } from './safety/second-dir';
import { cleanStaleTempsAsync, cleanStaleTempsFor } from './safety/temps';
import { checkFileInWorker, checkpointInWorker } from './db/worker';
import { stopWorkersOf } from './worker-host';

/**
 * The start-up check of the data file (PRAGMA quick_check in a worker thread, see db/worker.ts). `damaged` also
 * means read-only (markDamaged): no write is accepted on a file known to be damaged, until a backup is restored.
 */
export interface IntegrityState {
  state: 'unchecked' | 'checking' | 'ok' | 'damaged';
  /** when damaged: what SQLite found and the latest backup to restore */
  message?: string;
}

export interface Core {
  db: Db;
  file: string;
  integrity: IntegrityState;
  /** who is acting: the OS user, plus the staff name chosen in settings (经办人) when there is one */
  readonly actor: string;
  settings: Settings;
  calendar: HolidayCalendar;
  /**
   * PRAGMA data_version when settings and calendar were last read: it moves when another connection (the CLI,
   * a second program) commits to the file, never for this connection's own commits. See followOtherConnections.
   */
  dataVersion: number;
  ctx(): DeriveContext;
  /** the clock, injectable for tests */
  now(): Date;
  /**
   * Copy a big write's pages from the WAL into the data file in a worker thread (db/worker.ts) instead of inside
   * the next COMMIT; runs one after another, never two at once.
   */
  checkpointInBackground(): void;
  /** resolves when no background work on the file is running: awaited before the file is closed or replaced */
  settled(): Promise<void>;
  close(): void;
}

export function isoNow(d: Date): string {
  return d.toISOString();
}

/** Local calendar date YYYY-MM-DD (deadlines are counted in the office's local days). */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The start-up check waits for this long without an API call (none in flight)… */
export const FIRST_SCREEN_QUIET_MS = 700;
/** …but no longer than this after the file was opened. */
export const FIRST_SCREEN_MAX_WAIT_MS = 5000;

/** API calls per core (api/dispatch.ts notes each): how many run now, and when the last one ended. */
const apiActivity = new WeakMap<object, { inFlight: number; last: number }>();
export function noteApiCall(core: Core, delta: 1 | -1): void {
  const a = apiActivity.get(core) ?? { inFlight: 0, last: 0 };
  a.inFlight += delta;
  a.last = performance.now();
  apiActivity.set(core, a);
}

/** Resolves when no API call has run for `quietMs` (counting from now at the earliest), or after `maxMs`. */
async function firstScreenAnswered(core: Core, quietMs: number, maxMs: number): Promise<void> {
  const start = performance.now();
  for (;;) {
    const now = performance.now();
    const a = apiActivity.get(core);
    if (now - start >= maxMs) return;
    if ((!a || a.inFlight <= 0) && now - Math.max(start, a?.last ?? 0) >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Check the open data file in the background (the app and browser mode at start-up): the window answers at
 * once and learns of damage through `app.info` a few seconds later. Damage names the latest backup.
 */
export async function startIntegrityCheck(core: Core, opts: { quietMs?: number; maxWaitMs?: number } = {}): Promise<IntegrityState> {
  core.integrity = { state: 'checking' };
  // quick_check reads every page of the file (6–12 s at 1,000,000 rows): on two cores and one disk it slowed the
  // first screen (the desk) past a second. It starts once the first screen's calls are answered (issue 16).
  await firstScreenAnswered(core, opts.quietMs ?? FIRST_SCREEN_QUIET_MS, opts.maxWaitMs ?? FIRST_SCREEN_MAX_WAIT_MS);
  if (!core.db.open) return core.integrity;
  const problems = await checkFileInWorker(core.file, true);
  if (problems.length) markDamaged(core, damaged(core.file, problems.slice(0, 3).join('；')).message);
  else if (core.integrity.state === 'checking') core.integrity = { state: 'ok' };
  return core.integrity;
}

/**
 * The data file is damaged: from now on the core is read-only. Writing would put new work on top of broken
 * pages — work that is then lost when the user restores a backup, or that SQLite spreads further — so the API
 * refuses every writing method (dispatch.ts, WRITE_METHODS) and, as a second lock for anything that still
 * tries, the connection itself refuses to change the file (PRAGMA query_only). Reading, exporting, 立即备份 and
 * 还原 still work; restoring opens a new connection (reopenCore), which is writable again.
 */
export function markDamaged(core: Core, message: string): void {
  core.integrity = { state: 'damaged', message };
  if (!core.db.open) return;
  // search reads the index's vocabulary through a per-connection temp table, which query_only would stop
  // being made: make them now (a damaged page may stop one; that ledger's search then reports the damage)
  for (const k of LEDGER_KINDS) {
    try {
      vocabTable(core.db, k);
    } catch {
      // reported when the search is made
    }
  }
  core.db.pragma('query_only = ON');
}

/** Open the data file again after it was replaced (restore), reloading settings and calendar. */
export async function reopenCore(core: Core): Promise<void> {
  if (core.db.open) core.db.close();
  core.db = await openDatabase(core.file, {});
  core.dataVersion = dataVersion(core.db);
  core.settings = loadSettings(core.db);
  core.calendar = loadCalendar(core.db);
  // restore only puts back a file that has just passed integrity_check (checkRestorable)
  core.integrity = { state: 'ok' };
}

function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/**
 * Settings and the holiday calendar are cached in the core. When another connection has committed since they
 * were read (PRAGMA data_version moved: e.g. `fazhi settings --set` while the app is open), read both again —
 * two small tables. Derived values need no recomputing here: the writer recomputed them in its own transaction.
 * Called by dispatch before every handler; the pragma costs microseconds.
 */
export function followOtherConnections(core: Core): boolean {
  const v = dataVersion(core.db);
  if (v === core.dataVersion) return false;
  core.dataVersion = v;
  core.settings = loadSettings(core.db);
  core.calendar = loadCalendar(core.db);
  return true;
}

export function loadSettings(db: Db): Settings {
  const s: Record<string, string | number> = { ...DEFAULT_SETTINGS };
  for (const r of db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]) {
    const parsed = parseSetting(r.key, JSON.parse(r.value));
    if (parsed.ok) s[r.key] = parsed.value;
  }
  return s as unknown as Settings;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '未知用户';
  }
}

export interface CoreOptions extends OpenOptions {
  actor?: string;
  now?: () => Date;
}

export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const db = await openDatabase(file, opts);
  if (!opts.readonly) {
    // leftovers of a backup or restore that was interrupted (safety/temps.ts): our own temporary names only
    cleanStaleTempsFor(file, [path.dirname(path.resolve(file)), opts.backupDir ?? backupDirFor(file)]);
  }
  const user = opts.actor ?? osUser();
  let background: Promise<void> = Promise.resolve();
  const core: Core = {
    db,
    file,
    dataVersion: dataVersion(db),
    integrity: { state: opts.quickCheck ? 'ok' : 'unchecked' },
    get actor() {
      // host mode: the colleague signed in for this call (request-context.ts), by name and login
      const u = callUser();
      if (u) return `${u.name}（${u.login}）`;
      return this.settings.经办人 ? `${user}（${this.settings.经办人}）` : user;
    },
    settings: loadSettings(db),
    calendar: loadCalendar(db),
    ctx() {
      return { settings: this.settings, calendar: this.calendar, today: localDate(this.now()) };
    },
    now: opts.now ?? (() => new Date()),
    checkpointInBackground() {
      background = background.then(async () => {
        const problems = await checkpointInWorker(this.file);
        // harmless: the pages stay in the WAL, where SQLite reads them, until the next checkpoint
        if (problems.length) console.warn(`后台检查点未完成：${problems.join('；')}`);
      });
    },
    settled() {
      return background;
    },
    close() {
      // the import and statistics threads (worker-host.ts owns them; the hosts register them when they start)
      stopWorkersOf(this);
      if (this.db.open) this.db.close();
    },
  };
  const second = core.settings['backup.secondDir'];
  if (second && !opts.readonly) void cleanStaleTempsAsync(file, second);
  return core;
}

/**
 * Recompute derived values (deadlines, 重大合同, 败诉, 总分, 等次…) of every row of the given kinds after the
 * settings or the calendar changed. Values the user set by hand stay. Runs inside the caller's transaction.
 *
 * At 1,000,000 rows (issue 16) the rows are read 5,000 at a time in rid order (not all at once: +368 MB), with one
 * derive context and one prepared UPDATE per set of changed columns (not a query built and prepared per row);
 * `progress` hears after each chunk how many rows of how many are done. The rows written and their values are the
 * same as row-at-a-time (tests/integration/list-speed.test.ts compares the files). The steps yield after each
 * chunk: rederiveAll runs them straight through, rederiveAllYielding lets the event loop run in between.
 * `keepSettled`: settled values stay (rows.ts settledFor: a closed case's deadline, a past year's 等次…) — the product's settings and holiday changes,
 * unless the user asked for every record; false re-derives every value (allRecords, tests, the bench's worst case).
 */
function* rederiveSteps(
  core: Core,
  kinds: readonly string[],
  progress?: (done: number, total: number) => void,
  scope?: RederiveScope,
  keepSettled = false,
): Generator<void, number> {
  let changed = 0;
  const ctx = core.ctx();
  // a narrowed kind: the rids of the only rows that can change (one query), read a chunk of them at a time
  const picked = new Map<string, number[]>();
  for (const kind of kinds) {
    const w = scope?.[kind];
    if (w) picked.set(kind, scopeRids(core.db, kind, w));
  }
  const total = progress
    ? kinds.reduce((n, kind) => n + (picked.get(kind)?.length ?? (core.db.prepare(`SELECT count(*) FROM ${kind}`).pluck().get() as number)), 0)
    : 0;
  let done = 0;
  progress?.(0, total);
  for (const kind of kinds) {
    const def = LEDGERS[kind as keyof typeof LEDGERS];
    const fieldOf = new Map(def.fields.map((f) => [f.key, f]));
    const chunk = core.db.prepare(`SELECT * FROM ${kind} WHERE rid > ? ORDER BY rid LIMIT ${REDERIVE_CHUNK}`);
    const rids = picked.get(kind);
    let next = 0;
    const read = (after: number): Record<string, unknown>[] => {
      if (!rids) return chunk.all(after) as Record<string, unknown>[];
      const some = rids.slice(next, next + REDERIVE_CHUNK);
      next += some.length;
      if (!some.length) return [];
      return core.db.prepare(`SELECT * FROM ${kind} WHERE rid IN (SELECT value FROM json_each(?)) ORDER BY rid`).all(JSON.stringify(some)) as Record<
        string,
        unknown
      >[];
    };
    const updates = new Map<string, Statement>();
    let after = 0;
    for (;;) {
      const rows = read(after);
      if (!rows.length) break;
      for (const r of rows) {
        const stored = fromDbRow(def, r);
        const derived = rederive(def, stored.values, stored.manual, ctx);
        const patch = keepSettled ? withoutSettled(def, stored.values, derived, ctx.today ?? '') : derived;
        const keys = Object.keys(patch);
        if (keys.length) {
          // Derived values follow the settings: not a user edit, so neither version nor updated_at move on.
          const sig = keys.join(',');
          let stmt = updates.get(sig);
          if (!stmt) updates.set(sig, (stmt = core.db.prepare(`UPDATE ${kind} SET ${keys.map((k) => `"${k}" = ?`).join(', ')} WHERE rid = ?`)));
          stmt.run(...keys.map((k) => toColumn(fieldOf.get(k)!, patch[k])), r.rid);
          changed++;
        }
      }
      after = rows[rows.length - 1].rid as number;
      done += rows.length;
      progress?.(done, total);
      yield;
    }
  }
  return changed;
}

/** Rows read at a time by rederiveAll. */
export const REDERIVE_CHUNK = 5000;

/**
 * Per kind, the only rows a change can alter, as an SQL condition (absent: every row): rederiveAll reads just those.
 * From a setting's `narrows` (domain/settings.ts) or the years of a holiday calendar (calendarScope).
 */
export type RederiveScope = Record<string, ScopeTerm[] | undefined>;
/** One condition a row may meet to be read (the terms of a kind are OR'ed; none: no row is read). */
export interface ScopeTerm {
  sql: string;
  params: unknown[];
}

/**
 * The rids meeting any of `terms`, in rid order: one SELECT per term on the live rows (each can use its own index —
 * SQLite does not split an OR of compound terms across indexes, and would scan the table) and one for the few rows
 * in the 回收站, which are re-derived too so that restoring one shows current values.
 */
function scopeRids(db: Db, kind: string, terms: ScopeTerm[]): number[] {
  if (!terms.length) return [];
  const live = terms.map((t) => `SELECT rid FROM ${kind} WHERE deleted_at IS NULL AND ${t.sql}`);
  const binned = `SELECT rid FROM ${kind} WHERE deleted_at IS NOT NULL AND (${terms.map((t) => t.sql).join(' OR ')})`;
  const params = terms.flatMap((t) => t.params);
  // UNION ALL and no ORDER BY: asked for rid order, SQLite merges the parts in it by scanning the whole table
  const rids = db
    .prepare([...live, binned].join(' UNION ALL '))
    .pluck()
    .all(...params, ...params) as number[];
  return [...new Set(rids)].sort((a, b) => a - b);
}

export function rederiveAll(
  core: Core,
  kinds: readonly string[],
  progress?: (done: number, total: number) => void,
  scope?: RederiveScope,
  keepSettled = false,
): number {
  const steps = rederiveSteps(core, kinds, progress, scope, keepSettled);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** rederiveAll letting the event loop run after each chunk (progress polls are answered meanwhile). */
export async function rederiveAllYielding(
  core: Core,
  kinds: readonly string[],
  progress?: (done: number, total: number) => void,
  scope?: RederiveScope,
  keepSettled = false,
): Promise<number> {
  const steps = rederiveSteps(core, kinds, progress, scope, keepSettled);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await new Promise<void>((r) => setImmediate(r));
  }
}

/**
 * What the program is busy with for a long time (re-deriving after a setting or the holidays changed), for the
 * UI's progress label: `app.progress` reads it without waiting for the call that runs it (api/dispatch.ts).
 */
export interface Progress {
  label: string;
  done: number;
  total: number;
}
const progressOf = new WeakMap<object, Progress>();
export function currentProgress(core: Core): Progress | null {
  return progressOf.get(core) ?? null;
}

/**
 * Run `fn` in one write transaction that stays open while `fn` awaits (BEGIN IMMEDIATE … COMMIT, ROLLBACK on any
 * failure: all or nothing), reporting progress under `label`. Only for calls that run alone (api/dispatch.ts
 * EXCLUSIVE): no other call uses the connection until it has committed or rolled back — a record saved meanwhile
 * waits at the gate and is then written on top of the re-derived rows, its own values derived with the new
 * settings.
 */
export async function longWrite<T>(core: Core, label: string, fn: (progress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const state: Progress = { label, done: 0, total: 0 };
  progressOf.set(core, state);
  core.db.exec('BEGIN IMMEDIATE');
  try {
    const listener = progressListeners.get(core);
    const r = await fn((done, total) => {
      Object.assign(state, { done, total });
      listener?.(state);
    });
    core.db.exec('COMMIT');
    return r;
  } catch (e) {
    if (core.db.open && core.db.inTransaction) core.db.exec('ROLLBACK');
    throw e;
  } finally {
    progressOf.delete(core);
  }
}

/**
 * Run `fn` reporting progress under `label` (app.progress; the CLI prints it, cli/progress.ts): an import, a
 * backup, a restore, an export — anything that can take over a second. Unlike longWrite it opens no transaction.
 * Progress is read beside the call only while `fn` awaits; a step that holds the thread (an import's
 * transaction) shows its label and the count it last reached.
 */
export async function withProgress<T>(core: Core, label: string, fn: (progress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const state: Progress = { label, done: 0, total: 0 };
  const outer = progressOf.get(core);
  progressOf.set(core, state);
  const listener = progressListeners.get(core);
  try {
    return await fn((done, total) => {
      Object.assign(state, { done, total });
      listener?.(state);
    });
  } finally {
    if (outer) progressOf.set(core, outer);
    else progressOf.delete(core);
  }
}

/** A door that shows progress as it happens (the CLI's stderr line), beside app.progress's polling. */
const progressListeners = new WeakMap<object, (p: Progress) => void>();
export function onProgress(core: Core, listener: ((p: Progress) => void) | null): void {
  if (listener) progressListeners.set(core, listener);
  else progressListeners.delete(core);
}

interface SettingsChange {
  before: Settings;
  next: Settings;
  changedKeys: string[];
  kinds: string[];
  scope: RederiveScope;
  /** settled values stay (rows.ts settledFor; the user did not ask for every record) */
  keepSettled: boolean;
  at: string;
}

/**
 * The rows a settings change can alter, per kind (RederiveScope): each changed key's `narrows` (domain/settings.ts),
 * joined with OR; a kind with one changed key that does not narrow is re-derived whole. Unless `thisYear` is null
 * (the user asked for every record), settled values stay (rows.ts settledFor) and are not read: a deadline setting
 * reads the rows whose deadline still runs, a threshold the rows of the current year (from `thisYear`) or undated.
 */
function settingsScope(kinds: string[], changedKeys: string[], before: Settings, next: Settings, thisYear: string | null): RederiveScope {
  const scope: RederiveScope = {};
  for (const kind of kinds) {
    const def = LEDGERS[kind as keyof typeof LEDGERS];
    const terms: ScopeTerm[] = [];
    let whole = false;
    // a threshold: this year's rows (or undated) only, unless every record was asked for
    const current = (sql: string, params: unknown[]) => {
      if (thisYear === null) return terms.push({ sql, params });
      terms.push({ sql: `${sql} AND "${def.primaryDate}" >= ?`, params: [...params, thisYear] }, { sql: `${sql} AND "${def.primaryDate}" IS NULL`, params });
    };
    for (const k of changedKeys) {
      const d = SETTING_DEFS.find((x) => x.key === k) as SettingDef | undefined;
      if (!d?.affects?.includes(kind)) continue;
      const n = d.narrows;
      if (!n || ('running' in n && thisYear === null)) whole = true;
      else if ('running' in n) terms.push({ sql: `"${def.deadlines.find((x) => x.field === n.running)!.doneField}" IS NULL`, params: [] });
      else if ('between' in n) {
        const a = Number(before[k as keyof Settings]);
        const b = Number(next[k as keyof Settings]);
        current(`"${n.field}" BETWEEN ? AND ?`, [Math.min(a, b), Math.max(a, b)]);
      } else current(`"${n.field}" IS NOT NULL AND "${n.field}" <> ''`, []);
    }
    if (!whole && terms.length) scope[kind] = terms;
  }
  return scope;
}

/** The first day whose status (working day or not) differs between two calendars; null: none does. */
export function firstChangedDay(before: HolidayCalendar, after: HolidayCalendar): string | null {
  // a day's status can only differ where one of the two lists it (elsewhere both say Monday–Friday)
  const listed = [before, after].flatMap((c) => Object.values(c.toData().years).flatMap((y) => [...y.off, ...y.work]));
  return (
    listed
      .filter((d) => before.isWorkday(d) !== after.isWorkday(d))
      .sort()
      .at(0) ?? null
  );
}

/**
 * The rows new holidays can alter, from the first day whose status changed (firstChangedDay): a derived deadline
 * moves only if a changed day lies between its start and the date it ran to (counting working days up to that date
 * never looks further), so only rows with a derived deadline on or after `from` are read — and of those, unless
 * `allRecords`, only deadlines still running (a settled one keeps its date: rederive's keepSettled).
 */
export function calendarScope(kinds: readonly string[], from: string, allRecords: boolean): RederiveScope {
  const scope: RederiveScope = {};
  for (const kind of kinds) {
    const def = LEDGERS[kind as keyof typeof LEDGERS];
    scope[kind] = derivedDeadlines(def)
      .filter((d) => !d.calendarFree)
      .map((d) => ({ sql: `"${d.field}" >= ?${allRecords ? '' : ` AND "${d.doneField}" IS NULL`}`, params: [from] }));
  }
  return scope;
}

/** allRecords: every record is re-derived, settled values too (otherwise running deadlines and this year's rows). */
export interface SettingsOptions {
  allRecords?: boolean;
}

function settingsChange(core: Core, patch: Record<string, string | number>, opts: SettingsOptions): SettingsChange | null {
  const next: Record<string, string | number> = { ...core.settings };
  const problems: string[] = [];
  for (const [k, raw] of Object.entries(patch)) {
    const p = parseSetting(k, raw);
    if (p.ok) next[k] = p.value;
    else problems.push(p.message);
  }
  problems.push(...checkSettings(next as unknown as Settings));
  // a new second backup folder must be a full path and writable now (safety/second-dir.ts); an unchanged one is
  // not probed again, so saving other settings works while the removable disk is unplugged
  const second = next['backup.secondDir'];
  if (typeof second === 'string' && second && second !== core.settings['backup.secondDir']) {
    const p = secondDirProblem(second);
    if (p) problems.push(p);
  }
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  const before = core.settings;
  const changedKeys = Object.keys(patch).filter((k) => before[k as keyof Settings] !== next[k]);
  if (!changedKeys.length) return null;
  const kinds = new Set(changedKeys.flatMap((k) => (SETTING_DEFS.find((d) => d.key === k) as { affects?: string[] } | undefined)?.affects ?? []));
  return {
    before,
    next: next as unknown as Settings,
    changedKeys,
    kinds: [...kinds],
    scope: settingsScope([...kinds], changedKeys, before, next as unknown as Settings, opts.allRecords ? null : openFrom(localDate(core.now()))),
    keepSettled: !opts.allRecords,
    at: isoNow(core.now()),
  };
}

/** The settings rows and the audit entry of a change; the core takes the new settings (re-deriving reads them). */
function writeSettings(core: Core, c: SettingsChange): void {
  const put = core.db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  for (const k of c.changedKeys) put.run(k, JSON.stringify(c.next[k as keyof Settings]), c.at);
  appendAudit(core.db, {
    at: c.at,
    actor: core.actor,
    action: '修改设置',
    before: Object.fromEntries(c.changedKeys.map((k) => [k, c.before[k as keyof Settings]])),
    after: Object.fromEntries(c.changedKeys.map((k) => [k, c.next[k as keyof Settings]])),
    summary: c.changedKeys.join('、') + (c.keepSettled ? '' : '（往年的、已办结的记录也按新设置重新计算）'),
  });
  core.settings = c.next;
  // issue 20: the own unit (units row 1) is the office: it follows its 单位名称 unless it was named otherwise
  if (
    c.changedKeys.includes('单位名称') &&
    c.next.单位名称.trim() &&
    core.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'units'`).get()
  ) {
    core.db
      .prepare(`UPDATE units SET name = ?, updated_at = ? WHERE id = 1 AND name IN ('本单位', ?)`)
      .run(c.next.单位名称.trim(), c.at, c.before.单位名称.trim());
  }
}

/** Apply a settings patch: validate every key, write, audit and recompute derived values, all in one transaction. */
export function updateSettings(core: Core, patch: Record<string, string | number>, opts: SettingsOptions = {}): { values: Settings; rederived: number } {
  const c = settingsChange(core, patch, opts);
  if (!c) return { values: core.settings, rederived: 0 };
  let rederived = 0;
  core.db.transaction(() => {
    writeSettings(core, c);
    try {
      rederived = rederiveAll(core, c.kinds, undefined, c.scope, c.keepSettled);
    } catch (e) {
      core.settings = c.before;
      throw e;
    }
  })();
  return { values: core.settings, rederived };
}

/**
 * updateSettings as the API runs it: the same transaction, re-deriving in chunks that let the event loop run, with
 * progress (“正在按新设置重新计算期限”) for the 设置 page. The call must run alone (api/dispatch.ts EXCLUSIVE).
 */
export async function updateSettingsYielding(
  core: Core,
  patch: Record<string, string | number>,
  opts: SettingsOptions = {},
): Promise<{ values: Settings; rederived: number }> {
  const c = settingsChange(core, patch, opts);
  if (!c) return { values: core.settings, rederived: 0 };
  try {
    const rederived = await longWrite(core, '正在按新设置重新计算期限和派生值', async (progress) => {
      writeSettings(core, c);
      return rederiveAllYielding(core, c.kinds, progress, c.scope, c.keepSettled);
    });
    return { values: core.settings, rederived };
  } catch (e) {
    core.settings = c.before;
    throw e;
  }
}
