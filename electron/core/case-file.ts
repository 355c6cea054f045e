// The case file of a 复议/应诉 case (DOMAIN §11): parties and 中止 periods in child tables (migration 10).
// Every write runs in one transaction with an audit entry under the case's record id (it shows in the record's
// 修改记录), and deletion is soft like records'. Party names are kept in the case's `partyNames` column, which
// the case's search index holds (so Ctrl+K finds a case by any party's name); 中止 periods set the case's
// 中止天数, and with it its 审理期限, through the ledger's own derivation.

import { randomUUID } from 'node:crypto';
import type { CaseFileView } from '../domain/api';
import {
  caseTimeline,
  checkParty,
  checkSuspension,
  partyFields,
  suspendedDaysOf,
  suspensionFields,
  PARTY_NAMES_COLUMN,
  type CaseKind,
  type Party,
  type PartyValues,
  type Suspension,
} from '../domain/case-file';
import { LEDGERS } from '../domain/ledgers';
import { formatIssues, keepSettled, prepareRow } from '../domain/rows';
import { isoNow, type Core } from './core';
import { getRow, updateRow, view, type StoredRow } from './db/ledger-repo';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';

interface PartyDbRow {
  id: string;
  kind: CaseKind;
  case_id: string;
  sort_order: number;
  role: string;
  party_type: string | null;
  name: string;
  gender: string | null;
  birth_date: string | null;
  id_no: string | null;
  address: string | null;
  phone: string | null;
  legal_rep: string | null;
  legal_rep_title: string | null;
  represents_id: string | null;
  note: string | null;
}

const fromParty = (r: PartyDbRow): Party => ({
  id: r.id,
  kind: r.kind,
  caseId: r.case_id,
  sortOrder: r.sort_order,
  role: r.role,
  partyType: r.party_type as Party['partyType'],
  name: r.name,
  gender: r.gender as Party['gender'],
  birthDate: r.birth_date,
  idNo: r.id_no,
  address: r.address,
  phone: r.phone,
  legalRep: r.legal_rep,
  legalRepTitle: r.legal_rep_title,
  representsId: r.represents_id,
  note: r.note,
});

export function listParties(core: Core, kind: CaseKind, caseId: string): Party[] {
  return (
    core.db.prepare('SELECT * FROM case_parties WHERE kind = ? AND case_id = ? AND deleted_at IS NULL ORDER BY sort_order').all(kind, caseId) as PartyDbRow[]
  ).map(fromParty);
}

export function listSuspensions(core: Core, caseId: string): Suspension[] {
  return (
    core.db
      .prepare(
        `SELECT id, case_id, from_on, to_on, reason FROM case_suspensions WHERE kind = 'reconsideration' AND case_id = ? AND deleted_at IS NULL ORDER BY from_on`,
      )
      .all(caseId) as {
      id: string;
      case_id: string;
      from_on: string;
      to_on: string | null;
      reason: string | null;
    }[]
  ).map((r) => ({ id: r.id, caseId: r.case_id, from: r.from_on, to: r.to_on, reason: r.reason }));
}

function liveCase(core: Core, kind: CaseKind, id: string): StoredRow {
  const r = getRow(core.db, LEDGERS[kind], id);
  if (!r) throw new AppError('NOT_FOUND', `${LEDGERS[kind].shortName}中找不到该案件（编号 ${id}）`);
  if (r.deletedAt) throw new AppError('NOT_FOUND', '该案件已被删除，请先从回收站恢复');
  return r;
}

export function caseFileView(core: Core, kind: CaseKind, id: string): CaseFileView {
  const r = getRow(core.db, LEDGERS[kind], id);
  if (!r) throw new AppError('NOT_FOUND', `${LEDGERS[kind].shortName}中找不到该案件（编号 ${id}）`);
  const suspensions = kind === 'reconsideration' ? listSuspensions(core, id) : [];
  return { record: view(kind, r), parties: listParties(core, kind, id), suspensions, timeline: caseTimeline(kind, r.values, suspensions) };
}

const caseName = (kind: CaseKind, r: StoredRow) => `${LEDGERS[kind].shortName}${r.values.caseNo ? `“${r.values.caseNo}”` : '案件'}`;

/** The party's values, or a VALIDATION error whose message names the party and each field. */
function parseParty(kind: CaseKind, input: unknown, others: Party[], selfId?: string): PartyValues {
  const p = partyFields.safeParse(input ?? {});
  const who = (n: unknown) => (typeof n === 'string' && n.trim() ? `当事人“${n.trim()}”` : '当事人');
  if (!p.success) {
    const name = (input as { name?: unknown } | null)?.name;
    throw new AppError('VALIDATION', `${who(name)}：${p.error.issues.map((i) => i.message).join('；')}`, {
      issues: p.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
    });
  }
  const problems = checkParty(kind, p.data, others, selfId);
  if (problems.length) throw new AppError('VALIDATION', `${who(p.data.name)}：${problems.join('；')}`);
  return p.data;
}

/** The case's search text of its parties, after a party write (the update trigger re-indexes the case). */
function refreshPartyNames(core: Core, kind: CaseKind, caseId: string): void {
  const names = listParties(core, kind, caseId)
    .map((p) => p.name)
    .join(' ');
  core.db.prepare(`UPDATE ${kind} SET "${PARTY_NAMES_COLUMN}" = ? WHERE id = ?`).run(names || null, caseId);
}

const partyCols = (p: PartyValues) => [
  p.role,
  p.partyType,
  p.name,
  p.gender,
  p.birthDate,
  p.idNo,
  p.address,
  p.phone,
  p.legalRep,
  p.legalRepTitle,
  p.representsId,
  p.note,
];
const withoutIds = (p: Party | PartyValues) => {
  const { role, partyType, name, gender, birthDate, idNo, address, phone, legalRep, legalRepTitle, representsId, note } = p;
  return { role, partyType, name, gender, birthDate, idNo, address, phone, legalRep, legalRepTitle, representsId, note };
};

export function addParty(core: Core, kind: CaseKind, caseId: string, input: unknown): CaseFileView {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const c = liveCase(core, kind, caseId);
    const others = listParties(core, kind, caseId);
    const p = parseParty(kind, input, others);
    const id = randomUUID();
    const order = (others.at(-1)?.sortOrder ?? 0) + 1;
    core.db
      .prepare(
        `INSERT INTO case_parties (id, kind, case_id, sort_order, role, party_type, name, gender, birth_date, id_no, address, phone, legal_rep, legal_rep_title, represents_id, note, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, kind, caseId, order, ...partyCols(p), at, at);
    refreshPartyNames(core, kind, caseId);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '当事人',
      kind,
      recordId: caseId,
      after: withoutIds(p),
      summary: `${caseName(kind, c)}新增当事人“${p.name}”（${p.role}）`,
    });
  })();
  return caseFileView(core, kind, caseId);
}

function mustParty(others: Party[], partyId: string): Party {
  const p = others.find((o) => o.id === partyId);
  if (!p) throw new AppError('NOT_FOUND', '本案中找不到该当事人，可能已被删除');
  return p;
}

export function updateParty(core: Core, kind: CaseKind, caseId: string, partyId: string, input: unknown): CaseFileView {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const c = liveCase(core, kind, caseId);
    const others = listParties(core, kind, caseId);
    const before = mustParty(others, partyId);
    const p = parseParty(kind, input, others, partyId);
    if (p.role === '代理人' && others.some((o) => o.representsId === partyId))
      throw new AppError('VALIDATION', `当事人“${p.name}”：身份：本人有代理人，不能改为代理人`);
    core.db
      .prepare(
        `UPDATE case_parties SET role = ?, party_type = ?, name = ?, gender = ?, birth_date = ?, id_no = ?, address = ?, phone = ?, legal_rep = ?, legal_rep_title = ?, represents_id = ?, note = ?, updated_at = ? WHERE id = ?`,
      )
      .run(...partyCols(p), at, partyId);
    refreshPartyNames(core, kind, caseId);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '当事人',
      kind,
      recordId: caseId,
      before: withoutIds(before),
      after: withoutIds(p),
      summary: `${caseName(kind, c)}修改当事人“${p.name}”（${p.role}）`,
    });
  })();
  return caseFileView(core, kind, caseId);
}

export function deleteParty(core: Core, kind: CaseKind, caseId: string, partyId: string): CaseFileView {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const c = liveCase(core, kind, caseId);
    const others = listParties(core, kind, caseId);
    const before = mustParty(others, partyId);
    const agents = others.filter((o) => o.representsId === partyId);
    if (agents.length) throw new AppError('VALIDATION', `当事人“${before.name}”有代理人“${agents.map((a) => a.name).join('、')}”，请先删除或改动其代理人`);
    core.db.prepare('UPDATE case_parties SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, partyId);
    refreshPartyNames(core, kind, caseId);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '当事人',
      kind,
      recordId: caseId,
      before: withoutIds(before),
      summary: `${caseName(kind, c)}删除当事人“${before.name}”（${before.role}）`,
    });
  })();
  return caseFileView(core, kind, caseId);
}

/**
 * 中止天数 from the case's periods, and the 审理期限 it moves, saved as a new version of the case (in the
 * caller's transaction). Returns the change for the audit entry.
 */
function resaveSuspendedDays(core: Core, c: StoredRow, at: string): { before: number | null; after: number | null } {
  const def = LEDGERS.reconsideration;
  const periods = listSuspensions(core, c.id);
  const days = periods.length ? suspendedDaysOf(periods) : (c.values.suspendedDays as number | null);
  const before = (c.values.suspendedDays as number | null) ?? null;
  if (days === before) return { before, after: before };
  const r = prepareRow(def, { ...c.values, suspendedDays: days }, core.ctx());
  if (!r.ok) throw new AppError('VALIDATION', `案件现有内容有误，无法更新中止天数：${formatIssues(def, r.issues)}`);
  keepSettled(def, c.values, r.value, core.ctx());
  updateRow(core.db, def, c.id, c.version, r.value.row, r.value.manual, at);
  return { before, after: days };
}

/**
 * The 中止天数 a form save must carry: derived from the case's periods when it has any (the form's own value is
 * replaced), the given values otherwise. Called by updateRecord for 复议 cases.
 */
export function withDerivedSuspension(core: Core, caseId: string, values: unknown): unknown {
  if (!values || typeof values !== 'object') return values;
  const periods = listSuspensions(core, caseId);
  return periods.length ? { ...(values as object), suspendedDays: suspendedDaysOf(periods) } : values;
}

function parsePeriod(input: unknown, others: Suspension[], selfId?: string) {
  const p = suspensionFields.safeParse(input ?? {});
  if (!p.success) throw new AppError('VALIDATION', `中止期间：${p.error.issues.map((i) => i.message).join('；')}`);
  const problems = checkSuspension(p.data, others, selfId);
  if (problems.length) throw new AppError('VALIDATION', `中止期间：${problems.join('；')}`);
  return p.data as { from: string; to: string | null; reason: string | null };
}

function writeSuspension(
  core: Core,
  caseId: string,
  change: (c: StoredRow, others: Suspension[], at: string) => { summary: string; before?: unknown; after?: unknown },
): CaseFileView {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const c = liveCase(core, 'reconsideration', caseId);
    const w = change(c, listSuspensions(core, caseId), at);
    const days = resaveSuspendedDays(core, c, at);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '中止期间',
      kind: 'reconsideration',
      recordId: caseId,
      before: { period: w.before ?? null, suspendedDays: days.before },
      after: { period: w.after ?? null, suspendedDays: days.after },
      summary: `${caseName('reconsideration', c)}${w.summary}${days.before !== days.after ? `；中止天数 ${days.before ?? 0} → ${days.after ?? 0}` : ''}`,
    });
  })();
  return caseFileView(core, 'reconsideration', caseId);
}

export function addSuspension(core: Core, caseId: string, input: unknown): CaseFileView {
  return writeSuspension(core, caseId, (_c, others, at) => {
    const p = parsePeriod(input, others);
    core.db
      .prepare(
        `INSERT INTO case_suspensions (id, kind, case_id, from_on, to_on, reason, created_at, updated_at) VALUES (?, 'reconsideration', ?, ?, ?, ?, ?, ?)`,
      )
      .run(randomUUID(), caseId, p.from, p.to, p.reason, at, at);
    return { summary: `登记中止期间 ${p.from} 至 ${p.to ?? '（未恢复）'}`, after: p };
  });
}

export function updateSuspension(core: Core, caseId: string, periodId: string, input: unknown): CaseFileView {
  return writeSuspension(core, caseId, (_c, others, at) => {
    const before = others.find((o) => o.id === periodId);
    if (!before) throw new AppError('NOT_FOUND', '本案中找不到该中止期间，可能已被删除');
    const p = parsePeriod(input, others, periodId);
    core.db.prepare('UPDATE case_suspensions SET from_on = ?, to_on = ?, reason = ?, updated_at = ? WHERE id = ?').run(p.from, p.to, p.reason, at, periodId);
    return { summary: `修改中止期间 ${p.from} 至 ${p.to ?? '（未恢复）'}`, before: { from: before.from, to: before.to, reason: before.reason }, after: p };
  });
}

export function deleteSuspension(core: Core, caseId: string, periodId: string): CaseFileView {
  return writeSuspension(core, caseId, (_c, others, at) => {
    const before = others.find((o) => o.id === periodId);
    if (!before) throw new AppError('NOT_FOUND', '本案中找不到该中止期间，可能已被删除');
    core.db.prepare('UPDATE case_suspensions SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, periodId);
    return { summary: `删除中止期间 ${before.from} 至 ${before.to ?? '（未恢复）'}`, before: { from: before.from, to: before.to, reason: before.reason } };
  });
}

/**
 * 彻底删除 of a case (from the 回收站): its parties and 中止 periods, deleted ones too, go with it. Returns what
 * was removed, for the purge's audit entry. In the caller's transaction.
 */
export function purgeCaseFile(core: Core, kind: CaseKind, caseId: string): { parties: unknown[]; suspensions: unknown[] } | undefined {
  const parties = core.db.prepare('SELECT * FROM case_parties WHERE kind = ? AND case_id = ? ORDER BY sort_order').all(kind, caseId);
  const suspensions = core.db.prepare('SELECT * FROM case_suspensions WHERE kind = ? AND case_id = ? ORDER BY from_on').all(kind, caseId);
  if (!parties.length && !suspensions.length) return undefined;
  core.db.prepare('DELETE FROM case_parties WHERE kind = ? AND case_id = ?').run(kind, caseId);
  core.db.prepare('DELETE FROM case_suspensions WHERE kind = ? AND case_id = ?').run(kind, caseId);
  return { parties, suspensions };
}
