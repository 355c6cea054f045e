// Attachments (电子卷宗) of a record, DOMAIN §11: the roles, the two 卷别, and the limits of one file.
// Pure: shared by the core (checks) and the renderer (the picker refuses early with the same words).

import type { LedgerKind } from './fields';

/** Roles of a 复议/应诉 case file's documents (DOMAIN §11). */
export const CASE_ATTACHMENT_ROLES = ['申请书', '申请人证据', '答复书', '被申请人证据', '第三人材料', '委托书', '文书', '笔录', '其他'] as const;
/** Roles for the other ledgers (审核、审查、评查材料). */
export const OTHER_ATTACHMENT_ROLES = ['送审材料', '依据材料', '审查意见', '文书', '其他'] as const;

export const VOLUMES = ['正卷', '副卷'] as const;
export type Volume = (typeof VOLUMES)[number];

export function attachmentRoles(kind: LedgerKind): readonly string[] {
  return kind === 'reconsideration' || kind === 'litigation' ? CASE_ATTACHMENT_ROLES : OTHER_ATTACHMENT_ROLES;
}

/**
 * The largest single file: 100 MB. A 300-page 卷 scanned at 300 dpi is a 30–80 MB PDF, so one whole 卷 fits;
 * beyond that a file is almost always a video or a disk image, which does not belong in a 卷宗. The limit also
 * bounds what every backup copies and what one 归档包 (built in memory) holds; see docs/数据安全.md 附件.
 */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
/** One upload chunk (browser mode and Electron alike): 4 MB of file, about 5.4 MB of base64 in one request. */
export const ATTACHMENT_CHUNK_BYTES = 4 * 1024 * 1024;
/** The largest 归档包 (all live attachments of one record), built in memory. */
export const MAX_ARCHIVE_BYTES = 400 * 1024 * 1024;
/** Above this much attached data the backup settings warn about disk space. */
export const ATTACHMENT_WARN_BYTES = 1024 * 1024 * 1024;

export interface Attachment {
  id: string;
  kind: LedgerKind;
  recordId: string;
  sha256: string;
  size: number;
  name: string;
  role: string;
  volume: Volume;
  sortOrder: number;
  note: string | null;
  addedAt: string;
  addedBy: string;
  deletedAt: string | null;
}

/** 12.3 MB / 512 KB / 800 字节 */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}

/** Why a file of this name and size cannot be attached, or null. The same words in the picker and the core. */
export function attachmentSizeProblem(name: string, size: number): string | null {
  if (!Number.isFinite(size) || size <= 0) return `文件“${name}”是空的（0 字节），未添加。请确认扫描或复制已完成后再添加`;
  if (size > MAX_ATTACHMENT_BYTES) {
    return `文件“${name}”（${formatBytes(size)}）超过单个附件 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB 的上限，未添加。请分册扫描或压缩后再添加`;
  }
  return null;
}

/**
 * A file name safe to keep and to put in a zip: no folders, no control characters, no characters Windows
 * refuses, at most 120 characters (the extension kept).
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let s = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  if (!s) s = '未命名文件';
  if (s.length > 120) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = s.slice(0, 120 - ext.length) + ext;
  }
  return s;
}
