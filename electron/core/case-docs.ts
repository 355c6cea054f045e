// 文书 of a 复议/应诉 case (DOMAIN §11; migration 12): the office's templates per kind (built-in wording, edited
// text, or its own .docx — the report's engine: domain/report.ts for text, fill-docx in the docx worker for Word
// files, with the same limits), generation from the case and its parties with a 文号 from the kind's pattern,
// the 文书 log, the 送达 log and a 送达回证 per 文书. Every write is audited under the case's record id, in the same
// transaction. An unknown placeholder refuses the generation (or the save) with its name; nothing is recorded.

import { randomUUID } from 'node:crypto';
import {
  builtinDocTemplate,
  checkNoPattern,
  DOC_KIND_BY_NAME,
  docKeys,
  docNumber,
  docValues,
  serviceFields,
  type CaseDoc,
  type CaseService,
  type DocKindDef,
  type ServiceMethod,
} from '../domain/case-docs';
import type { CaseKind } from '../domain/case-file';
import type { FilledBlock } from '../domain/report';
import { checkTemplate, chineseDate, renderTemplate, reportValue, type ReportValues } from '../domain/report';
import { LEDGERS } from '../domain/ledgers';
import { listParties, listSuspensions } from './case-file';
import { isoNow, localDate, type Core } from './core';
import { getRow, type StoredRow } from './db/ledger-repo';
import { AppError } from './errors';
import { fillDocxInWorker } from './report/docx-host';
import { unknownList } from './report/fill-docx';
import { appendAudit } from './safety/audit';

const docxWriter = () => import('./report/docx');

function docKindOf(name: string, caseKind?: CaseKind): DocKindDef {
  const d = DOC_KIND_BY_NAME.get(name);
  if (!d) throw new AppError('VALIDATION', `没有名为“${name.slice(0, 40)}”的文书`);
  // the 送达回证 serves any 文书, of either kind of case
  if (caseKind && d.caseKind !== caseKind && d.name !== '送达回证') throw new AppError('VALIDATION', `${d.name}不属于${LEDGERS[caseKind].shortName}案件`);
  return d;
}

interface TemplateRow {
  version: number;
  doc_kind: string;
  text: string | null;
  docx: Buffer | null;
  no_pattern: string | null;
  note: string;
  saved_at: string;
  saved_by: string;
}

function latest(core: Core, docKind: string): TemplateRow | null {
  return (core.db.prepare('SELECT * FROM case_doc_templates WHERE doc_kind = ? ORDER BY version DESC LIMIT 1').get(docKind) as TemplateRow | undefined) ?? null;
}

/** The template of a kind as the editor shows it. */
export function docTemplateView(core: Core, name: string) {
  const d = docKindOf(name);
  const t = latest(core, d.name);
  const count = (core.db.prepare('SELECT count(*) AS n FROM case_doc_templates WHERE doc_kind = ?').get(d.name) as { n: number }).n;
  return {
    docKind: d.name,
    caseKind: d.caseKind,
    version: t?.version ?? null,
    text: t?.text ?? builtinDocTemplate(d),
    builtIn: builtinDocTemplate(d),
    /** the office's own .docx is in use */
    docx: !!t?.docx,
    noPattern: t?.no_pattern ?? d.noPattern,
    builtInPattern: d.noPattern,
    inputs: d.inputs,
    keys: docKeys(d),
    versions: count,
    savedAt: t?.saved_at ?? null,
    savedBy: t?.saved_by ?? null,
  };
}

function staleCheck(core: Core, d: DocKindDef, base: number | null): TemplateRow | null {
  const t = latest(core, d.name);
  if ((t?.version ?? null) !== base) {
    throw new AppError(
      'STALE',
      `${d.name}的模板已被他人改过（${t?.saved_by || '未知用户'}，${t?.saved_at.slice(0, 16).replace('T', ' ') ?? ''}）。本次修改未保存：请重新打开模板后再改。`,
    );
  }
  return t;
}

function checkPattern(p: string | null): void {
  if (p === null) return;
  const problems = checkNoPattern(p);
  if (problems.length) throw new AppError('VALIDATION', `文号格式：${problems.join('；')}`, { field: 'noPattern' });
}

/**
 * Save a kind's template text (null: 恢复内置模板) and 文号 pattern (null: the built-in one) as a new version.
 * Refused, naming the line, when the text uses a placeholder the kind does not have.
 */
export function saveDocTemplate(
  core: Core,
  o: { docKind: string; text: string | null; noPattern: string | null; base: number | null; note?: string },
): { version: number | null; saved: boolean } {
  const d = docKindOf(o.docKind);
  const t = staleCheck(core, d, o.base);
  checkPattern(o.noPattern);
  if (o.text !== null) {
    const keys = new Set(docKeys(d));
    const problems = checkTemplate(o.text, (k) => keys.has(k));
    if (problems.length)
      throw new AppError(
        'VALIDATION',
        `${d.name}模板有 ${problems.length} 处问题，未保存：${problems
          .slice(0, 10)
          .map((p) => `第 ${p.line} 行${p.message}`)
          .join('；')}`,
        { problems },
      );
    if (!o.text.trim()) throw new AppError('VALIDATION', '模板不能为空；如需恢复默认内容，请使用“恢复内置模板”');
  }
  const text = o.text === builtinDocTemplate(d) ? null : o.text;
  const pattern = o.noPattern === d.noPattern ? null : o.noPattern;
  if (t && !t.docx && t.text === text && t.no_pattern === pattern) return { version: t.version, saved: false };
  if (!t && text === null && pattern === null) return { version: null, saved: false };
  return { version: addVersion(core, d, t, { text, docx: null, pattern, note: o.note ?? '' }), saved: true };
}

function addVersion(
  core: Core,
  d: DocKindDef,
  before: TemplateRow | null,
  v: { text: string | null; docx: Buffer | null; pattern: string | null; note: string },
): number {
  const at = isoNow(core.now());
  return core.db.transaction(() => {
    const version = Number(
      core.db
        .prepare('INSERT INTO case_doc_templates (doc_kind, text, docx, no_pattern, note, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(d.name, v.text, v.docx, v.pattern, v.note, at, core.actor).lastInsertRowid,
    );
    const what = v.docx ? '换用本单位 Word 模板' : v.text === null && v.pattern === null ? '恢复内置模板' : '保存模板';
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '文书模板',
      kind: d.caseKind,
      before: before ? { version: before.version, noPattern: before.no_pattern } : null,
      after: { version, noPattern: v.pattern, docx: !!v.docx, note: v.note },
      summary: `${d.name}：${what}（第 ${version} 版）${v.pattern !== (before?.no_pattern ?? null) ? `；文号格式 ${v.pattern ?? d.noPattern}` : ''}`,
    });
    return version;
  })();
}

/** Sample facts for checking a Word template's keys (every key has a value). */
function sampleValues(d: DocKindDef): ReportValues {
  return docValues(d.caseKind, d, {
    unit: '',
    row: {},
    parties: [],
    suspensions: [],
    docNo: '',
    signer: '',
    signedOn: '',
    inputs: {},
    served: { name: '', no: '' },
  });
}

/** The office's own .docx for a kind: its placeholders checked in the docx worker (same limits as the report's). */
export async function uploadDocTemplate(core: Core, o: { docKind: string; bytes: Buffer; base: number | null }): Promise<{ version: number; keys: string[] }> {
  const d = docKindOf(o.docKind);
  staleCheck(core, d, o.base);
  const r = await fillDocxInWorker(o.bytes, sampleValues(d), { dryRun: true });
  if (r.unknownKeys.length) {
    throw new AppError('VALIDATION', `模板中有无法识别的占位符：${unknownList(r.unknownKeys)}。${d.name}可用的占位符见模板编辑页的列表；请改正后再上传。`, {
      unknownKeys: r.unknownKeys.slice(0, 100),
    });
  }
  const t = staleCheck(core, d, o.base);
  return { version: addVersion(core, d, t, { text: null, docx: o.bytes, pattern: t?.no_pattern ?? null, note: '本单位 Word 模板' }), keys: r.keys };
}

function liveCase(core: Core, kind: CaseKind, id: string): StoredRow {
  const r = getRow(core.db, LEDGERS[kind], id);
  if (!r) throw new AppError('NOT_FOUND', `${LEDGERS[kind].shortName}中找不到该案件（编号 ${id}）`);
  if (r.deletedAt) throw new AppError('NOT_FOUND', '该案件已被删除，请先从回收站恢复');
  return r;
}

const caseName = (kind: CaseKind, r: StoredRow) => `${LEDGERS[kind].shortName}${r.values.caseNo ? `“${r.values.caseNo}”` : '案件'}`;

/** Blocks whose value spanned several paragraphs (the parties' particulars) split into one block a paragraph. */
function splitBlocks(blocks: FilledBlock[]): FilledBlock[] {
  return blocks.flatMap((b) =>
    b.text.includes('\n')
      ? b.text
          .split('\n')
          .filter((t) => t.trim())
          .map((t) => ({ ...b, text: t.trim() }))
      : [b],
  );
}

interface Prepared {
  d: DocKindDef;
  c: StoredRow;
  values: ReportValues;
  docNo: string;
  t: TemplateRow | null;
  signer: string;
  signedOn: string;
}

function prepare(
  core: Core,
  kind: CaseKind,
  id: string,
  o: { docKind: string; signer?: string; signedOn?: string; inputs?: Record<string, string>; served?: { name: string; no: string } },
): Prepared {
  const d = docKindOf(o.docKind, kind);
  const c = liveCase(core, kind, id);
  const t = latest(core, d.name);
  const pattern = t?.no_pattern ?? d.noPattern;
  const n = docNumber(pattern, core.settings['文书.机关代字'] ?? '', c.values.caseNo as string | null, c.values.receivedOn as string | null);
  if (!n.ok) throw new AppError('VALIDATION', `${d.name}：${n.message}`);
  const signedOn = o.signedOn ?? localDate(core.now());
  const signer = (o.signer ?? '').trim();
  const values = docValues(kind, d, {
    unit: core.settings.单位名称.trim(),
    row: c.values,
    parties: listParties(core, kind, id),
    suspensions: kind === 'reconsideration' ? listSuspensions(core, id) : [],
    docNo: n.no,
    signer,
    signedOn,
    inputs: o.inputs ?? {},
    served: o.served,
  });
  return { d, c, values, docNo: n.no, t, signer, signedOn };
}

const signerOf = (p: Prepared, kind: CaseKind) =>
  p.d.signer === 'organ' ? reportValue(p.values, '单位名称')!.text : kind === 'litigation' ? reportValue(p.values, '被告')!.text : '';

/** The filled document's bytes: the office's .docx through the worker, else the text template written by caseDocDocx. */
async function render(
  core: Core,
  kind: CaseKind,
  p: Prepared,
  template: string | null,
  table?: { headers: string[]; widths: number[]; rows: string[][] },
): Promise<Buffer> {
  if (p.t?.docx && template === null) {
    const r = await fillDocxInWorker(Buffer.from(p.t.docx), p.values);
    if (r.unknownKeys.length)
      throw new AppError('VALIDATION', `${p.d.name}的 Word 模板中有无法识别的占位符：${unknownList(r.unknownKeys)}。请改正模板后再生成，本次未生成文书。`, {
        unknownKeys: r.unknownKeys.slice(0, 100),
      });
    return r.bytes;
  }
  const { blocks, unknownKeys } = renderTemplate(template ?? p.t?.text ?? builtinDocTemplate(p.d), p.values);
  if (unknownKeys.length)
    throw new AppError('VALIDATION', `${p.d.name}的模板中有无法识别的占位符：${unknownList(unknownKeys)}。请在文书模板中改正后再生成，本次未生成文书。`, {
      unknownKeys: unknownKeys.slice(0, 100),
    });
  if (!core.settings.单位名称.trim() && p.d.signer === 'organ') {
    throw new AppError('VALIDATION', '尚未设置单位名称：文书的标题和署名都要用到。请先在“设置”中填写单位名称（如“某某县人民政府”），再生成文书。', {
      field: '单位名称',
    });
  }
  const { caseDocDocx } = await docxWriter();
  return caseDocDocx({
    titles: p.d.signer === 'organ' ? [core.settings.单位名称.trim(), p.d.name] : [p.d.name],
    docNo: p.docNo,
    blocks: splitBlocks(blocks),
    signer: signerOf(p, kind),
    date: chineseDate(p.signedOn),
    table,
  });
}

/** What the editor's preview shows: the kind's template (or a draft) filled from the case, without writing. */
export function previewDoc(core: Core, kind: CaseKind, id: string, o: { docKind: string; template?: string; inputs?: Record<string, string> }) {
  const p = prepare(core, kind, id, { ...o, served: o.docKind === '送达回证' ? { name: '（所送达的文书）', no: '' } : undefined });
  const text = o.template ?? p.t?.text ?? builtinDocTemplate(p.d);
  const { blocks, unknownKeys } = renderTemplate(text, p.values);
  const unit = core.settings.单位名称.trim();
  const all = splitBlocks(blocks);
  // the 主送 line, flush left as caseDocDocx sets it
  const head = all[0]?.kind === 'p' && /[：:]$/.test(all[0].text) ? all[0].text : '';
  return {
    title: p.d.signer === 'organ' ? `${unit}\n${p.d.name}` : p.d.name,
    docNo: p.docNo,
    recipient: head,
    blocks: head ? all.slice(1) : all,
    unknownKeys,
    signer: signerOf(p, kind),
    date: chineseDate(p.signedOn),
    /** every placeholder with its value in this case (the editor's list) */
    values: Object.keys(p.values).map((key) => ({ key, text: p.values[key].text })),
  };
}

interface DocRow {
  id: string;
  doc_kind: string;
  doc_no: string;
  signer: string;
  signed_on: string;
  generated_at: string;
  generated_by: string;
  file_name: string;
  inputs: string;
}

interface ServiceRow {
  id: string;
  doc_id: string;
  recipient: string;
  method: ServiceMethod;
  served_on: string;
  note: string | null;
  created_at: string;
}

const toService = (s: ServiceRow): CaseService => ({
  id: s.id,
  docId: s.doc_id,
  recipient: s.recipient,
  method: s.method,
  servedOn: s.served_on,
  note: s.note,
  createdAt: s.created_at,
});

/** The case's 文书 log, newest first, each with its 送达 (two indexed reads; the documents' bytes are not read). */
export function listDocs(core: Core, kind: CaseKind, id: string): CaseDoc[] {
  const docs = core.db
    .prepare(
      'SELECT id, doc_kind, doc_no, signer, signed_on, generated_at, generated_by, file_name, inputs FROM case_docs WHERE kind = ? AND case_id = ? AND deleted_at IS NULL ORDER BY generated_at DESC, rowid DESC',
    )
    .all(kind, id) as DocRow[];
  const services = core.db
    .prepare(
      'SELECT id, doc_id, recipient, method, served_on, note, created_at FROM case_doc_services WHERE kind = ? AND case_id = ? AND deleted_at IS NULL ORDER BY served_on, created_at',
    )
    .all(kind, id) as ServiceRow[];
  const byDoc = new Map<string, CaseService[]>();
  for (const s of services) (byDoc.get(s.doc_id) ?? byDoc.set(s.doc_id, []).get(s.doc_id)!).push(toService(s));
  return docs.map((r) => ({
    id: r.id,
    docKind: r.doc_kind,
    docNo: r.doc_no,
    signer: r.signer,
    signedOn: r.signed_on,
    generatedAt: r.generated_at,
    generatedBy: r.generated_by,
    fileName: r.file_name,
    inputs: JSON.parse(r.inputs) as Record<string, string>,
    services: byDoc.get(r.id) ?? [],
  }));
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 80);

/**
 * Generate a 文书 and record it in the case's log (with its bytes) and the audit log, in one transaction.
 * Refused, with nothing recorded, when the template names an unknown placeholder or the 文号 cannot be made.
 */
export async function generateDoc(
  core: Core,
  kind: CaseKind,
  id: string,
  o: { docKind: string; signer: string; signedOn?: string; inputs?: Record<string, string> },
): Promise<{ doc: CaseDoc; fileName: string; bytes: Buffer }> {
  const p = prepare(core, kind, id, o);
  const bytes = await render(core, kind, p, null);
  const inputs = Object.fromEntries(p.d.inputs.map((i) => [i.key, (o.inputs?.[i.key] ?? '').trim()]).filter(([, v]) => v));
  const fileName = `${safeName(`${p.d.name}${p.docNo ? `（${p.docNo}）` : ''}-${String(p.c.values.caseNo ?? '')}`)}.docx`;
  const docId = randomUUID();
  const at = isoNow(core.now());
  core.db.transaction(() => {
    liveCase(core, kind, id); // still there after the await
    core.db
      .prepare(
        `INSERT INTO case_docs (id, kind, case_id, doc_kind, doc_no, signer, signed_on, generated_at, generated_by, inputs, template_version, file_name, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(docId, kind, id, p.d.name, p.docNo, p.signer, p.signedOn, at, core.actor, JSON.stringify(inputs), p.t?.version ?? null, fileName, bytes);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '文书',
      kind,
      recordId: id,
      after: { docKind: p.d.name, docNo: p.docNo, signer: p.signer, signedOn: p.signedOn, templateVersion: p.t?.version ?? null },
      summary: `${caseName(kind, p.c)}生成${p.d.name}${p.docNo ? `（${p.docNo}）` : ''}，签发人${p.signer || '未填'}，签发日期 ${p.signedOn}`,
    });
  })();
  const doc = listDocs(core, kind, id).find((x) => x.id === docId)!;
  return { doc, fileName, bytes };
}

function docRow(core: Core, kind: CaseKind, id: string, docId: string): DocRow & { content: Buffer } {
  const r = core.db.prepare('SELECT * FROM case_docs WHERE id = ? AND kind = ? AND case_id = ? AND deleted_at IS NULL').get(docId, kind, id) as
    (DocRow & { content: Buffer }) | undefined;
  if (!r) throw new AppError('NOT_FOUND', '本案中找不到该文书，可能已被删除');
  return r;
}

/** The 文书 exactly as generated. */
export function docFile(core: Core, kind: CaseKind, id: string, docId: string): { fileName: string; bytes: Buffer } {
  const r = docRow(core, kind, id, docId);
  return { fileName: r.file_name, bytes: Buffer.from(r.content) };
}

/** Record a 送达 of a 文书 (audited). */
export function addService(core: Core, kind: CaseKind, id: string, docId: string, input: unknown): CaseDoc[] {
  const p = serviceFields.safeParse(input ?? {});
  if (!p.success)
    throw new AppError('VALIDATION', `送达：${p.error.issues.map((i) => i.message).join('；')}`, {
      issues: p.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
    });
  const s = p.data;
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const c = liveCase(core, kind, id);
    const d = docRow(core, kind, id, docId);
    if (s.servedOn < d.signed_on) throw new AppError('VALIDATION', `送达：送达日期（${s.servedOn}）早于文书的签发日期（${d.signed_on}）`);
    core.db
      .prepare(
        'INSERT INTO case_doc_services (id, doc_id, kind, case_id, recipient, method, served_on, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(randomUUID(), docId, kind, id, s.recipient, s.method, s.servedOn, s.note, at, at);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '送达',
      kind,
      recordId: id,
      after: { docKind: d.doc_kind, docNo: d.doc_no, ...s },
      summary: `${caseName(kind, c)}${d.doc_kind}${d.doc_no ? `（${d.doc_no}）` : ''}于 ${s.servedOn} ${s.method}送达${s.recipient}`,
    });
  })();
  return listDocs(core, kind, id);
}

/** Take back a 送达 entered by mistake (soft, audited). */
export function deleteService(core: Core, kind: CaseKind, id: string, serviceId: string): CaseDoc[] {
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const c = liveCase(core, kind, id);
    const s = core.db.prepare('SELECT * FROM case_doc_services WHERE id = ? AND kind = ? AND case_id = ? AND deleted_at IS NULL').get(serviceId, kind, id) as
      ServiceRow | undefined;
    if (!s) throw new AppError('NOT_FOUND', '找不到该送达记录，可能已被删除');
    const d = docRow(core, kind, id, s.doc_id);
    core.db.prepare('UPDATE case_doc_services SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, serviceId);
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '送达',
      kind,
      recordId: id,
      before: { docKind: d.doc_kind, docNo: d.doc_no, recipient: s.recipient, method: s.method, servedOn: s.served_on },
      summary: `${caseName(kind, c)}删除${d.doc_kind}的送达记录（${s.served_on} ${s.method}送达${s.recipient}）`,
    });
  })();
  return listDocs(core, kind, id);
}

/**
 * The 送达回证 of a 文书: the 送达回证 template filled with the 文书's name and 文号, and a table of its 送达 (the
 * recorded ones, or blank rows to fill in by hand when none is recorded yet).
 */
export async function serviceReceipt(core: Core, kind: CaseKind, id: string, docId: string): Promise<{ fileName: string; bytes: Buffer }> {
  const d = docRow(core, kind, id, docId);
  const p = prepare(core, kind, id, { docKind: '送达回证', served: { name: d.doc_kind, no: d.doc_no } });
  const services = listDocs(core, kind, id).find((x) => x.id === docId)?.services ?? [];
  const rows = services.length
    ? services.map((s) => [s.recipient, s.method, chineseDate(s.servedOn), '\n\n', ''])
    : [
        ['', '', '', '\n\n', ''],
        ['', '', '', '\n\n', ''],
      ];
  const bytes = await render(core, kind, p, null, { headers: ['受送达人', '送达方式', '送达日期', '受送达人签收', '送达人'], widths: [5, 3, 5, 5, 3], rows });
  return { fileName: `${safeName(`送达回证-${d.doc_kind}${d.doc_no ? `（${d.doc_no}）` : ''}`)}.docx`, bytes };
}

/**
 * 彻底删除 of a case (from the 回收站, confirmed by the user): its 文书 log and 送达 go with it. Returns what was
 * removed (the log without the documents' bytes), for the purge's audit entry. In the caller's transaction.
 */
export function purgeCaseDocs(core: Core, kind: CaseKind, caseId: string): { docs: unknown[]; services: unknown[] } | undefined {
  const docs = core.db
    .prepare(
      'SELECT id, doc_kind, doc_no, signer, signed_on, generated_at, generated_by, file_name, deleted_at FROM case_docs WHERE kind = ? AND case_id = ? ORDER BY generated_at',
    )
    .all(kind, caseId);
  const services = core.db.prepare('SELECT * FROM case_doc_services WHERE kind = ? AND case_id = ? ORDER BY served_on').all(kind, caseId);
  if (!docs.length && !services.length) return undefined;
  core.db.prepare('DELETE FROM case_doc_services WHERE kind = ? AND case_id = ?').run(kind, caseId);
  core.db.prepare('DELETE FROM case_docs WHERE kind = ? AND case_id = ?').run(kind, caseId);
  return { docs, services };
}
