// The 当事人 of 复议/应诉 cases in an .xlsx export and import (issue 18.6, DOMAIN §11): a second sheet “当事人”,
// one row a party, keyed by the case's 案号 (unique among live cases), with the principal of a 代理人 named by
// its name. Export writes it after the ledger's sheet for the cases exported; import reads it when the workbook
// has it, checks every row before anything is written (the 案号 must be a case in the file or in the sheet being
// imported), and after the cases are in, adds each party to its case or updates the party of the same 身份 and
// name — never deletes one (a party missing from the sheet stays). Party writes go through case-file.ts, so each
// is audited under its case and the case's search text (party names) follows.
//
// Kept apart from the import pipeline (pipeline.ts, import-worker.ts): the ledger sheet is imported exactly as
// before, and this runs beside it in the API handler.

import { addParty, listParties, updateParty } from '../case-file';
import type { Core } from '../core';
import { AppError } from '../errors';
import { checkParty, isCaseKind, PARTY_LABELS, partyFields, type CaseKind, type Party, type PartyValues } from '../../domain/case-file';
import type { Row } from '../../domain/fields';
import { LEDGERS } from '../../domain/ledgers';
import { parseDateText } from '../../domain/text';
import { canonicalCaseNo } from './prepare';
import type { Cell } from './cells';
import { formatOf } from './tables';
import { openXlsx } from './xlsx-read';

const PARTIES_SHEET = '当事人';

/** The sheet's columns: 案号, then a party's fields in the form's order; 被代理人 holds the principal's name. */
const COLUMNS: { key: keyof PartyValues | 'caseNo'; label: string; width: number }[] = [
  { key: 'caseNo', label: '案号', width: 12 },
  { key: 'role', label: PARTY_LABELS.role, width: 5 },
  { key: 'partyType', label: PARTY_LABELS.partyType, width: 6 },
  { key: 'name', label: PARTY_LABELS.name, width: 14 },
  { key: 'gender', label: PARTY_LABELS.gender, width: 3 },
  { key: 'birthDate', label: PARTY_LABELS.birthDate, width: 6 },
  { key: 'idNo', label: PARTY_LABELS.idNo, width: 11 },
  { key: 'address', label: PARTY_LABELS.address, width: 16 },
  { key: 'phone', label: PARTY_LABELS.phone, width: 8 },
  { key: 'legalRep', label: PARTY_LABELS.legalRep, width: 6 },
  { key: 'legalRepTitle', label: PARTY_LABELS.legalRepTitle, width: 6 },
  { key: 'representsId', label: PARTY_LABELS.representsId, width: 12 },
  { key: 'note', label: PARTY_LABELS.note, width: 12 },
];

interface ExtraSheet {
  name: string;
  headers: string[];
  widths: number[];
  rows: (string | null)[][];
}

/**
 * For a case ledger's .xlsx export: the pages passed through (noting each case's 案号) and the 当事人 sheet of
 * the cases written, made once the pages are done. Other ledgers: nothing.
 */
export function partiesSheetFor(core: Core, kind: string, pages: Iterable<Row[]>): { pages: Iterable<Row[]>; extraSheets?: () => ExtraSheet[] } {
  if (!isCaseKind(kind)) return { pages };
  const caseNos = new Set<string>();
  function* noting(): Generator<Row[]> {
    for (const page of pages) {
      for (const r of page) if (typeof r.caseNo === 'string') caseNos.add(r.caseNo);
      yield page;
    }
  }
  return { pages: noting(), extraSheets: () => [partiesSheet(core, kind, caseNos)] };
}

function partiesSheet(core: Core, kind: CaseKind, caseNos: Set<string>): ExtraSheet {
  const rows = core.db
    .prepare(
      `SELECT p.*, c."caseNo" AS case_no FROM case_parties p JOIN ${kind} c ON c.id = p.case_id WHERE p.kind = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY c.rid, p.sort_order`,
    )
    .all(kind) as (Record<string, string | number | null> & { case_no: string; id: string; represents_id: string | null; name: string })[];
  const nameOf = new Map(rows.map((r) => [r.id, r.name]));
  const col = (r: Record<string, unknown>, key: string) => {
    const dbKey = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const v =
      key === 'representsId' ? (r.represents_id ? (nameOf.get(r.represents_id as string) ?? null) : null) : r[key === 'partyType' ? 'party_type' : dbKey];
    return v === null || v === undefined ? null : String(v);
  };
  return {
    name: PARTIES_SHEET,
    headers: COLUMNS.map((c) => c.label),
    widths: COLUMNS.map((c) => c.width),
    rows: rows.filter((r) => caseNos.has(r.case_no)).map((r) => COLUMNS.map((c) => (c.key === 'caseNo' ? r.case_no : col(r, c.key)))),
  };
}

interface SheetParty {
  line: number;
  caseNo: string;
  values: Record<string, unknown>;
  /** the principal's name (a 代理人's 被代理人) */
  principal: string | null;
}

const cellText = (c: Cell | undefined): string | null => {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const s = String(c).trim();
  return s ? s : null;
};

/** The 当事人 sheet's rows, or null when the file has no such sheet (or is not an .xlsx). */
function readSheet(fileName: string, bytes: Buffer): { rows: SheetParty[]; errors: string[]; ledgerCells: (wanted: Set<string>) => Set<string> } | null {
  if (formatOf(fileName) !== 'xlsx') return null;
  const book = openXlsx(bytes);
  const index = book.sheets.findIndex((n) => n.trim() === PARTIES_SHEET);
  if (index < 0) return null;
  const all = book.rows(index);
  // which of `wanted` (canonical 案号) appear in the ledger's sheet (the first other one): cases not written yet
  const ledgerCells = (wanted: Set<string>) => {
    const found = new Set<string>();
    const other = book.sheets.findIndex((_n, i) => i !== index);
    if (other < 0 || !wanted.size) return found;
    for (const r of book.rows(other)) for (const c of r.cells) if (typeof c === 'string' && wanted.has(canonicalCaseNo(c))) found.add(canonicalCaseNo(c));
    return found;
  };
  const header = all.find((r) => r.cells.some((c) => cellText(c) === '案号'));
  if (!header) return { rows: [], errors: [`“${PARTIES_SHEET}”表：找不到含“案号”的表头行`], ledgerCells };
  const at = new Map(header.cells.map((c, i) => [cellText(c) ?? '', i]));
  const missing = ['案号', PARTY_LABELS.role, PARTY_LABELS.name].filter((h) => !at.has(h));
  if (missing.length) return { rows: [], errors: [`“${PARTIES_SHEET}”表：缺少列 ${missing.join('、')}`], ledgerCells };
  const rows: SheetParty[] = [];
  for (const r of all) {
    if (r.line <= header.line) continue;
    const get = (label: string) => (at.has(label) ? cellText(r.cells[at.get(label)!]) : null);
    if (COLUMNS.every((c) => !get(c.label))) continue;
    const values: Record<string, unknown> = {};
    for (const c of COLUMNS) {
      if (c.key === 'caseNo' || c.key === 'representsId') continue;
      const v = get(c.label);
      values[c.key] = c.key === 'birthDate' && v ? (parseDateText(v) ?? v) : v;
    }
    rows.push({ line: r.line, caseNo: canonicalCaseNo(get('案号') ?? ''), values, principal: get(PARTY_LABELS.representsId) });
  }
  return { rows, errors: [], ledgerCells };
}

const partyKey = (role: string, name: string) => `${role}\u0000${name}`;

/** The live cases of the file by canonical 案号. */
function casesByNo(core: Core, kind: CaseKind): Map<string, string> {
  const rows = core.db.prepare(`SELECT id, "caseNo" FROM ${kind} WHERE deleted_at IS NULL AND "caseNo" IS NOT NULL`).all() as { id: string; caseNo: string }[];
  return new Map(rows.map((r) => [canonicalCaseNo(r.caseNo), r.id]));
}

/**
 * Check the 当事人 sheet (dry run: a 案号 of the ledger sheet, not yet written, counts as a case) or apply it.
 * Returns the problems (`当事人表第N行 字段：…`), empty when fine, and what was (or would be) done.
 */
export function importPartiesSheet(
  core: Core,
  kind: string,
  fileName: string,
  bytes: Buffer,
  opts: { dryRun: boolean },
): { errors: string[]; added: number; updated: number; unchanged: number; found: boolean; checked?: boolean } {
  if (!isCaseKind(kind)) return { errors: [], added: 0, updated: 0, unchanged: 0, found: false };
  const sheet = readSheet(fileName, bytes);
  if (!sheet) return { errors: [], added: 0, updated: 0, unchanged: 0, found: false };
  if (sheet.errors.length) return { errors: sheet.errors, added: 0, updated: 0, unchanged: 0, found: true };
  const cases = casesByNo(core, kind);
  // before the ledger sheet is written (the check), its cases count as there
  const pending = opts.dryRun ? sheet.ledgerCells(new Set(sheet.rows.map((p) => p.caseNo).filter((n) => n && !cases.has(n)))) : new Set<string>();
  const errors: string[] = [];
  const where = (p: SheetParty) => `当事人表第${p.line}行`;
  // principals first, so a 代理人 finds the party it represents among those of its case
  const ordered = [...sheet.rows].sort((a, b) => Number(a.values.role === '代理人') - Number(b.values.role === '代理人'));
  const sheetNames = new Map<string, Set<string>>();
  for (const p of ordered) {
    if (!p.caseNo) {
      errors.push(`${where(p)} 案号：必填`);
      continue;
    }
    if (!cases.has(p.caseNo) && !pending.has(p.caseNo)) {
      errors.push(`${where(p)} 案号：${LEDGERS[kind].shortName}中没有案号为“${p.caseNo}”的案件`);
      continue;
    }
    const parsed = partyFields.safeParse({ ...p.values, representsId: null });
    if (!parsed.success) {
      errors.push(`${where(p)} ${parsed.error.issues.map((i) => i.message).join('；')}`);
      continue;
    }
    const v = parsed.data;
    const problems = checkParty(
      kind,
      { ...v, representsId: v.role === '代理人' ? 'x' : null },
      v.role === '代理人' ? [{ id: 'x', role: '申请人', name: '' }] : [],
    );
    if (problems.length) errors.push(`${where(p)} ${problems.join('；')}`);
    if (v.role === '代理人') {
      const known = sheetNames.get(p.caseNo);
      const existing = cases.has(p.caseNo)
        ? listParties(core, kind, cases.get(p.caseNo)!)
            .filter((x) => x.role !== '代理人')
            .map((x) => x.name)
        : [];
      if (!p.principal) errors.push(`${where(p)} 被代理人：代理人须注明代理哪一方当事人（填其姓名或名称）`);
      else if (!known?.has(p.principal) && !existing.includes(p.principal)) errors.push(`${where(p)} 被代理人：本案没有名为“${p.principal}”的当事人`);
    } else {
      if (p.principal) errors.push(`${where(p)} 被代理人：只有代理人可以填写`);
      (sheetNames.get(p.caseNo) ?? sheetNames.set(p.caseNo, new Set()).get(p.caseNo)!).add(v.name);
    }
  }
  if (errors.length || opts.dryRun) return { errors, added: 0, updated: 0, unchanged: 0, found: true, checked: sheet.rows.length > 0 };

  let added = 0;
  let updated = 0;
  let unchanged = 0;
  // written in the sheet's order (so the parties keep their order), a 代理人 whose principal comes later in the
  // sheet after it
  const principals = new Set<string>();
  const first: SheetParty[] = [];
  const later: SheetParty[] = [];
  for (const p of sheet.rows) {
    if (p.values.role !== '代理人') principals.add(`${p.caseNo}\u0000${String(p.values.name)}`);
    (p.values.role === '代理人' && !principals.has(`${p.caseNo}\u0000${p.principal ?? ''}`) ? later : first).push(p);
  }
  core.db.transaction(() => {
    for (const p of [...first, ...later]) {
      const caseId = cases.get(p.caseNo) ?? casesByNo(core, kind).get(p.caseNo);
      if (!caseId) throw new AppError('VALIDATION', `${where(p)} 案号：${LEDGERS[kind].shortName}中没有案号为“${p.caseNo}”的案件`);
      const current = listParties(core, kind, caseId);
      const byKey = new Map(current.map((x) => [partyKey(x.role, x.name), x] as [string, Party]));
      const principal = p.principal ? current.find((x) => x.name === p.principal && x.role !== '代理人') : undefined;
      const input = { ...p.values, representsId: principal?.id ?? null };
      const same = byKey.get(partyKey(String(p.values.role), String(p.values.name)));
      if (!same) {
        addParty(core, kind, caseId, input);
        added++;
      } else {
        const v = partyFields.parse(input);
        const changed = (Object.keys(v) as (keyof PartyValues)[]).some((k) => (v[k] ?? null) !== (same[k] ?? null));
        if (changed) {
          updateParty(core, kind, caseId, same.id, input);
          updated++;
        } else unchanged++;
      }
    }
  })();
  return { errors: [], added, updated, unchanged, found: true };
}
