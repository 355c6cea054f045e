// The append-only audit log. Every write handler appends here inside its own transaction, so a change and its
// record are committed together or not at all. The table refuses UPDATE and DELETE (triggers in migration 1).

import type { AuditEntry } from '../../domain/api';
import type { Db } from '../db/connection';

export type AuditAction = '新建' | '修改' | '删除' | '恢复' | '导入' | '彻底删除' | '修改设置' | '年度指标' | '年度素材' | '节假日' | '还原';

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
  db.prepare('INSERT INTO audit_log (at, actor, action, kind, record_id, before, after, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    e.at,
    e.actor,
    e.action,
    e.kind ?? null,
    e.recordId ?? null,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
    e.summary ?? null,
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
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function toEntry(r: AuditRow): AuditEntry {
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, kind: r.kind, recordId: r.record_id, before: parse(r.before), after: parse(r.after), summary: r.summary };
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
    where.push("(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\' OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\')");
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM audit_log ${w}`).pluck().get(...params) as number;
  const size = f.pageSize ?? 100;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...params, size, ((f.page ?? 1) - 1) * size) as AuditRow[];
  return { rows: rows.map(toEntry), total };
}
