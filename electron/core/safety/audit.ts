// The append-only audit log. Every write handler appends here inside its own transaction, so a change and its
// record are committed together or not at all. The table refuses UPDATE and DELETE (triggers in migration 1).

import type { AuditEntry } from '../../domain/api';
import type { Value } from '../../domain/fields';
import { isLedgerKind, LEDGERS } from '../../domain/ledgers';
import type { Db } from '../db/connection';
import { exportCell, neutralise } from '../exchange/cells';
import { localTime } from './lock';
import { callUser } from '../request-context';

export type AuditAction =
  | '新建'
  | '修改'
  | '删除'
  | '恢复'
  | '导入'
  | '彻底删除'
  | '修改设置'
  | '年度指标'
  | '年度素材'
  | '节假日'
  | '还原'
  | '报告模板'
  | '不再提醒'
  | '恢复提醒'
  | '当事人'
  | '中止期间'
  | '撤销导入'
  | '账号'
  | '文书模板'
  | '文书'
  | '送达'
  | '附件'
  | '单位'
  | '上报'
  | '接收数据包';

export interface AuditInput {
  actor: string;
  action: AuditAction;
  kind?: string | null;
  recordId?: string | null;
  before?: unknown;
  after?: unknown;
  summary?: string | null;
  at: string;
}

export function appendAudit(db: Db, e: AuditInput): void {
  const values = [
    e.at,
    e.actor,
    e.action,
    e.kind ?? null,
    e.recordId ?? null,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
    e.summary ?? null,
  ];
  // host mode: the signed-in account's login beside the display name in actor (migration 14). Named only when
  // there is one, so a write elsewhere does not depend on the column (tests write files of earlier versions).
  const login = callUser()?.login;
  if (login === undefined)
    db.prepare('INSERT INTO audit_log (at, actor, action, kind, record_id, before, after, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...values);
  else
    db.prepare('INSERT INTO audit_log (at, actor, action, kind, record_id, before, after, summary, user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      ...values,
      login,
    );
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  kind: string | null;
  record_id: string | null;
  before: string | null;
  after: string | null;
  summary: string | null;
  user?: string | null;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    kind: r.kind,
    recordId: r.record_id,
    before: parse(r.before),
    after: parse(r.after),
    summary: r.summary,
    ...(r.user ? { user: r.user } : {}),
  };
}

export function listAudit(
  db: Db,
  f: { kind?: string; recordId?: string; q?: string; page?: number; pageSize?: number },
): { rows: AuditEntry[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.kind) {
    where.push('kind = ?');
    params.push(f.kind);
  }
  if (f.recordId) {
    where.push('record_id = ?');
    params.push(f.recordId);
  }
  if (f.q) {
    where.push(
      "(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\' OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\')",
    );
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM audit_log ${w}`)
    .pluck()
    .get(...params) as number;
  const size = f.pageSize ?? 100;
  const rows = db.prepare(`SELECT * FROM audit_log ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...params, size, ((f.page ?? 1) - 1) * size) as AuditRow[];
  return { rows: rows.map(toEntry), total };
}

/** A stored value as a reader sees it: the field's export text for ledger fields, else plain text. */
function valueText(kind: string | null, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const f = kind && isLedgerKind(kind) ? LEDGERS[kind].fields.find((x) => x.key === key) : undefined;
  const c = f ? exportCell(f, v as Value) : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return c === null ? '—' : String(c);
}

/** before → after per field, with the ledger's Chinese labels: 承办人：— → 王承办 */
export function changeLines(e: AuditEntry): string[] {
  const obj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null);
  const before = obj(e.before);
  const after = obj(e.after);
  if (!before && !after) return [e.before, e.after].filter((x) => x !== null && x !== undefined).map((x) => JSON.stringify(x));
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const label = (k: string) => (e.kind && isLedgerKind(e.kind) ? (LEDGERS[e.kind].fields.find((f) => f.key === k)?.label ?? k) : k);
  return keys.map((k) =>
    before && after
      ? `${label(k)}：${valueText(e.kind, k, before[k])} → ${valueText(e.kind, k, after[k])}`
      : `${label(k)}：${valueText(e.kind, k, (before ?? after)![k])}`,
  );
}

/** The whole log (or what the search matches) as a workbook, newest first. Cell text is neutralised. */
export async function auditWorkbook(
  db: Db,
  f: { kind?: string; q?: string },
  unitName: string,
  exportedAt: string,
): Promise<{ fileName: string; content: Buffer }> {
  const { rows } = listAudit(db, { ...f, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
  // loaded here, not at start-up: the CLI and server start without exceljs (docs/performance.md)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治台账';
  const ws = wb.addWorksheet('操作日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', width: 8 },
    { header: '时间', width: 20 },
    { header: '操作人', width: 18 },
    { header: '操作', width: 10 },
    { header: '台账', width: 12 },
    { header: '记录编号', width: 38 },
    { header: '摘要', width: 30 },
    { header: '内容（修改前 → 修改后）', width: 80 },
  ];
  ws.getRow(1).font = { name: '宋体', size: 11, bold: true };
  for (const e of rows) {
    const row = ws.addRow([
      e.seq,
      localTime(e.at),
      neutralise(e.actor),
      e.action,
      e.kind && isLedgerKind(e.kind) ? LEDGERS[e.kind].shortName : '',
      e.recordId ?? '',
      neutralise(e.summary ?? ''),
      neutralise(changeLines(e).join('\n').slice(0, 32000)),
    ]);
    row.font = { name: '宋体', size: 10 };
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
  }
  const title = `${unitName}操作日志（导出于${exportedAt.slice(0, 10)}）`;
  return { fileName: `${title}.xlsx`, content: Buffer.from(await wb.xlsx.writeBuffer()) };
}
