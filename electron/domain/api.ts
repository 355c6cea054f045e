// The API contract: method names (`area.verb`), their zod-checked inputs and their result types.
// The same contract serves IPC (Electron), HTTP (browser mode) and the command line.

import type { ColumnMatch, SheetMapping } from './sheet-mapping';
import { z } from 'zod';
import { isIsoDate } from './calendar';
import type { CaseDoc, DocInput } from './case-docs';

import { ATTACHMENT_CHUNK_BYTES, VOLUMES, type Attachment } from './attachments';
import { CASE_KINDS, type Party, type Suspension, type TimelineStep } from './case-file';
import { LEDGER_KINDS } from './ledgers';
import type { LedgerKind, Row } from './fields';
import type { MetricsResult } from './metrics';
import type { FilledBlock } from './report';
import type { StatsForm } from './stats-form';
import type { PackagePreview, UnitStatus, UnitView, Manifest } from './units';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

const kind = z.enum(LEDGER_KINDS as [LedgerKind, ...LedgerKind[]], { error: `台账类型只能是：${LEDGER_KINDS.join('、')}` });
const caseKind = z.enum(CASE_KINDS, { error: '案卷只属于行政复议或行政应诉案件' });
const id = z.string({ error: '记录编号应为文字' }).min(1, { error: '缺少记录编号' }).max(64, { error: '记录编号过长' });
const year = z
  .number({ error: '年度应为数字' })
  .int({ error: '年度应为整数' })
  .min(1990, { error: '年度不能早于 1990' })
  .max(2100, { error: '年度不能晚于 2100' });
const templateText = z.string().max(200_000, { error: '模板过长（最多 20 万字）' });
const docKindName = z.string({ error: '文书种类应为文字' }).min(1, { error: '请选择文书种类' }).max(40, { error: '文书种类过长' });
const isoDate = z
  .string()
  .refine((s) => isIsoDate(s) && s >= '1990-01-01' && s <= '2100-12-31', { error: '日期应为 1990 至 2100 年间的有效日期（YYYY-MM-DD）' });
const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);
const values = z.record(z.string().max(64), z.unknown(), { error: '记录内容应为对象' });
const ids = z.array(id, { error: '记录编号应为列表' }).min(1, { error: '请至少选择一条记录' }).max(100_000);
/** 本级, 全部, or a unit by name, code or full name (issue 20); absent: 本级 (the report: 全部) */
const scope = z.string().min(1, { error: '范围不能为空' }).max(200, { error: '范围过长' });
const format = z.enum(['xlsx', 'csv', 'json', 'docx'], { error: '导出格式只能是 xlsx、csv、json 或 docx' });
/** A column and value mapping (domain/sheet-mapping.ts SheetMapping): by the sheet's header, to labels. */
export const sheetMapping = z.strictObject({
  columns: z.record(z.string().max(200), z.string().max(64)).optional(),
  values: z.record(z.string().max(64), z.record(z.string().max(200), z.string().max(64))).optional(),
});

const fileInput = z.object({
  kind: z.union([kind, z.enum(['indicator', 'material'])]),
  fileName: z.string().min(1).max(260),
  /** file content, base64 */
  content: z.string().max(200 * 1024 * 1024, { error: '文件过大（最多 150MB）' }),
  mapping: sheetMapping.optional(),
  /** records already there: update or skip them (absent: such rows are problems) */
  existing: z.enum(['update', 'skip']).optional(),
  /** the versions of the records the preview showed as updates: one changed since is a problem */
  versions: z.record(z.string().max(64), z.number().int().min(1)).optional(),
});

/** office mode accounts (issue 19) */
export const USER_ROLES = ['管理员', '承办人', '审核人', '只读'] as const;
export type UserRole = (typeof USER_ROLES)[number];
const userRole = z.enum(USER_ROLES, { error: `角色只能是：${USER_ROLES.join('、')}` });
const userLogin = z
  .string({ error: '登录名应为文字' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, { error: '登录名应为 2 至 32 个英文字母、数字或 _ . -' });
const userName = z.string({ error: '姓名应为文字' }).trim().min(1, { error: '请填写姓名' }).max(20, { error: '姓名过长（最多 20 字）' });
/** at least 8 characters; the password itself is never logged or audited (errlog writes only shapes) */
export const userPassword = z.string({ error: '密码应为文字' }).min(8, { error: '密码至少 8 位' }).max(200, { error: '密码过长' });

const attachVolume = z.enum(VOLUMES, { error: '卷别只能是正卷或副卷' });

const variant = z.enum(['formal', 'web'], { error: '报告版本只能是 formal（正式报送）或 web（网站公开）' });

export const listInput = z.strictObject({
  kind,
  year: year.optional(),
  /** field key → a value, a list of values (any of), null (empty), or a {from,to} range for dates and numbers */
  filters: z
    .record(
      z.string().max(64),
      z.union([
        scalar,
        z.null(),
        z.array(scalar).max(100),
        z.strictObject({ from: z.union([z.string().max(20), z.number()]).nullish(), to: z.union([z.string().max(20), z.number()]).nullish() }),
      ]),
    )
    .optional(),
  // a NUL ends the search index's query text early (SQLite: "unterminated string"); no stored text holds one
  q: z
    .string()
    .max(200, { error: '搜索内容过长' })
    .refine((s) => !s.includes('\u0000'), { error: '搜索内容含有不可见的空字符，请删去后重试' })
    .optional(),
  sort: z.strictObject({ field: z.string().max(64), dir: z.enum(['asc', 'desc']) }).optional(),
  page: z.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.number().int().min(1).max(1000, { error: '每页最多 1000 行' }).optional(),
  /** the 回收站: deleted rows only */
  deleted: z.boolean().optional(),
  /** 复议/应诉 rows 在办 at the end of this day, by the rule 在办数 counts (domain/rules.ts): the report's 在办 link */
  openAt: isoDate.optional(),
  /**
   * A one-character search (no trigram can hold it) looks only among the `recent` most recently entered live rows,
   * newest first (Ctrl+K: a surname over six ledgers at 1,000,000 rows); the answer says so (`within`).
   */
  recent: z.number().int().min(100).max(100_000).optional(),
  /** issue 20: 本级 (default), 全部, or a unit with the units below it */
  scope: scope.optional(),
});
export type ListInput = z.infer<typeof listInput>;

export const API_INPUTS = {
  'app.info': z.strictObject({}),
  /**
   * What a long call still running is doing (re-deriving after a setting or the holidays changed): the UI polls
   * it for its progress label. Answered at once, beside the call it reports on (api/dispatch.ts).
   */
  'app.progress': z.strictObject({}),
  /** the program's log (data folder/logs/法治台账.log): its path and last lines, for 关于/帮助 */
  'app.log': z.strictObject({ lines: z.number().int().min(1).max(1000).optional() }),
  'ledger.create': z.strictObject({ kind, values }),
  'ledger.update': z.strictObject({ kind, id, version: z.number().int().min(1), values }),
  'ledger.delete': z.strictObject({ kind, ids }),
  'ledger.restore': z.strictObject({ kind, ids }),
  'ledger.get': z.strictObject({ kind, id }),
  'ledger.list': listInput,
  /** every id matching a list's filters (no paging), e.g. to export what the ledger page shows */
  'ledger.ids': listInput.omit({ page: true, pageSize: true }),
  'ledger.preview': z.strictObject({ kind, values }),
  /** earlier values of a text field the declaration marks `suggest` (承办人, 申请人, units…), best first */
  'ledger.suggest': z.strictObject({
    kind,
    field: z.string().max(64),
    prefix: z.string().max(100, { error: '输入过长' }).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  /** the next 案号 in the ledger's numbering for a case dated `date` (default: today) */
  'ledger.nextCaseNo': z.strictObject({ kind, date: isoDate.optional() }),
  'ledger.import': z.strictObject({ kind, rows: z.array(values).max(1_000_000) }),
  'exchange.preview': fileInput,
  'exchange.import': fileInput,
  'exchange.export': z.strictObject({
    kind: z.union([kind, z.enum(['indicator', 'material'])]),
    format,
    year: year.optional(),
    ids: z.array(id).max(1_000_000).optional(),
    columns: z.array(z.string().max(64)).max(200).optional(),
    scope: scope.optional(),
  }),
  'exchange.template': z.strictObject({ kind: z.union([kind, z.enum(['indicator', 'material'])]) }),
  'report.readiness': z.strictObject({ year }),
  'report.keys': z.strictObject({ year }),
  /** `template`: an unsaved draft from the template editor, previewed instead of the template in use */
  'report.preview': z.strictObject({ year, variant, date: isoDate.optional(), template: templateText.optional(), scope: scope.optional() }),
  'report.template': z.strictObject({}),
  'report.templateVersion': z.strictObject({ version: z.number().int().min(1) }),
  /** `text: null` is 恢复内置模板; `base`: the version the editor opened (null: none saved yet) */
  'report.saveTemplate': z.strictObject({
    year,
    text: templateText.nullable(),
    note: z.string().max(200).optional(),
    base: z.number().int().min(1).nullable(),
  }),
  'report.checkDocx': z.strictObject({ year, content: z.string().max(70 * 1024 * 1024, { error: '模板文件过大（最多 50MB）' }) }),
  'report.generate': z.strictObject({
    year,
    variant,
    date: isoDate.optional(),
    templateDocx: z
      .string()
      .max(70 * 1024 * 1024, { error: '模板文件过大（最多 50MB）' })
      .optional(),
    attachment: z.boolean().optional(),
    /** issue 20: whose figures the plain keys give (全部 by default, 本级, or a unit) */
    scope: scope.optional(),
  }),
  'stats.year': z.strictObject({ year, scope: scope.optional() }),
  'stats.export': z.strictObject({ year, scope: scope.optional() }),
  'stats.monthly': z.strictObject({ year, scope: scope.optional() }),
  /** DOMAIN §12: the 规范性文件备案目录 of a year or a quarter */
  'outgoing.catalogue': z.strictObject({
    year,
    quarter: z
      .number({ error: '季度应为 1 至 4' })
      .int({ error: '季度应为 1 至 4' })
      .min(1, { error: '季度应为 1 至 4' })
      .max(4, { error: '季度应为 1 至 4' })
      .optional(),
    format: z.enum(['docx', 'xlsx'], { error: '备案目录只能导出为 docx 或 xlsx' }),
  }),
  /** the upward statistical form: its columns and balance checks (preview), or with `file` also the .xlsx */
  'outgoing.statsForm': z.strictObject({
    year,
    kind: z.enum(['reconsideration', 'litigation'], { error: '统计表只有 reconsideration（行政复议）和 litigation（行政应诉）两种' }),
    file: z.boolean().optional(),
  }),
  /** without `pageSize`, every item; with it, one page of the items (of `status` when given) and the counts */
  'deadlines.board': z.strictObject({
    today: isoDate.optional(),
    kinds: z.array(kind).optional(),
    status: z.enum(['逾期', '即将到期']).optional(),
    page: z.number().int().min(1).optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
    /** one 承办人's items; null: items without a 承办人 */
    handler: z.string().max(100).nullable().optional(),
    /** list the items marked 不再提醒 too (flagged with `dismissed`) */
    dismissed: z.boolean().optional(),
    scope: scope.optional(),
  }),
  /** 不再提醒: a stale item leaves the board, with the reason (audited) */
  'deadlines.dismiss': z.strictObject({
    kind,
    id,
    field: z.string().max(64),
    reason: z.string({ error: '请填写不再提醒的原因' }).trim().min(1, { error: '请填写不再提醒的原因' }).max(200, { error: '原因过长（最多 200 字）' }),
  }),
  /** 恢复提醒: the item is back on the board (audited) */
  'deadlines.restore': z.strictObject({ kind, id, field: z.string().max(64) }),
  'settings.get': z.strictObject({}),
  'settings.update': z.strictObject({
    patch: z.record(z.string().max(100), z.union([z.string().max(1000), z.number()])),
    /** re-derive every record, past years' and closed cases' too (default: running deadlines and this year's rows) */
    allRecords: z.boolean().optional(),
  }),
  'indicators.list': z.strictObject({ year }),
  'indicators.set': z.strictObject({ year, items: z.array(z.strictObject({ name: z.string().min(1).max(50), value: z.number().nullable() })).max(500) }),
  'materials.list': z.strictObject({ year }),
  'materials.set': z.strictObject({ year, name: z.string().min(1, { error: '素材名称不能为空' }).max(50), content: z.string().max(50_000) }),
  'audit.list': z.strictObject({
    kind: kind.optional(),
    recordId: id.optional(),
    q: z.string().max(200).optional(),
    page: z.number().int().min(1).optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
  }),
  'audit.export': z.strictObject({ kind: kind.optional(), q: z.string().max(200).optional() }),
  'ledger.purge': z.strictObject({ kind, ids, confirm: z.literal('彻底删除', { error: '彻底删除需要确认：请传入 confirm: "彻底删除"' }) }),
  'backup.list': z.strictObject({}),
  'backup.create': z.strictObject({}),
  'backup.restore': z.strictObject({ file: z.string().min(1).max(1000) }),
  'calendar.years': z.strictObject({}),
  'calendar.addYear': z.strictObject({ data: z.unknown(), source: z.string().max(260).optional(), allRecords: z.boolean().optional() }),
  /**
   * Attachments (电子卷宗) of any record (issue 18 item 4): added in chunks of at most ATTACHMENT_CHUNK_BYTES —
   * begin (refused when empty or over MAX_ATTACHMENT_BYTES, nothing written), chunk…, finish — through IPC and
   * HTTP alike; kept by content hash beside the data file (core/attachments.ts).
   */
  'attach.list': z.strictObject({ kind, id }),
  'attach.begin': z.strictObject({
    kind,
    id,
    name: z.string({ error: '文件名应为文字' }).min(1, { error: '缺少文件名' }).max(260, { error: '文件名过长' }),
    size: z.number({ error: '文件大小应为数字' }).int().min(0).max(Number.MAX_SAFE_INTEGER),
    role: z.string().max(20).optional(),
    volume: attachVolume.optional(),
    note: z.string().max(500).nullish(),
  }),
  'attach.chunk': z.strictObject({
    uploadId: id,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** base64 of at most ATTACHMENT_CHUNK_BYTES */
    data: z.string().max(Math.ceil((ATTACHMENT_CHUNK_BYTES * 4) / 3) + 4, { error: `上传的一段超过 ${ATTACHMENT_CHUNK_BYTES / 1024 / 1024}MB` }),
  }),
  'attach.finish': z.strictObject({ uploadId: id }),
  'attach.cancel': z.strictObject({ uploadId: id }),
  'attach.update': z.strictObject({
    kind,
    id,
    attachmentId: id,
    name: z.string().min(1, { error: '附件名称不能为空' }).max(260).optional(),
    role: z.string().max(20).optional(),
    volume: attachVolume.optional(),
    note: z.string().max(500).nullish(),
  }),
  'attach.reorder': z.strictObject({ kind, id, volume: attachVolume, order: z.array(id).max(10_000) }),
  'attach.delete': z.strictObject({ kind, id, attachmentId: id }),
  'attach.restore': z.strictObject({ kind, id, attachmentId: id }),
  'attach.purge': z.strictObject({ kind, id, attachmentId: id }),
  'attach.read': z.strictObject({ kind, id, attachmentId: id }),
  'attach.catalogue': z.strictObject({ kind, id }),
  'attach.archive': z.strictObject({ kind, id }),
  'attach.stats': z.strictObject({}),
  /** the 回收站 page: every record's deleted attachments, latest first (at most 500) */
  'attach.bin': z.strictObject({}),
  /** the case file of a 复议/应诉 case (DOMAIN §11): its parties, 中止 periods and timeline */
  'case.get': z.strictObject({ kind: caseKind, id }),
  /** `party` is checked by case-file.ts's partyFields (Chinese messages naming the field) */
  'case.addParty': z.strictObject({ kind: caseKind, id, party: z.unknown() }),
  'case.updateParty': z.strictObject({ kind: caseKind, id, partyId: id, party: z.unknown() }),
  /** soft: the party leaves the case (and its search text); the row stays in the file */
  'case.deleteParty': z.strictObject({ kind: caseKind, id, partyId: id }),
  /** a 中止 period of a 复议 case; 中止天数 and 审理期限 follow (DOMAIN §11, §13) */
  'case.addSuspension': z.strictObject({ kind: z.literal('reconsideration', { error: '只有行政复议案件登记中止期间' }), id, period: z.unknown() }),
  'case.updateSuspension': z.strictObject({
    kind: z.literal('reconsideration', { error: '只有行政复议案件登记中止期间' }),
    id,
    periodId: id,
    period: z.unknown(),
  }),
  'case.deleteSuspension': z.strictObject({ kind: z.literal('reconsideration', { error: '只有行政复议案件登记中止期间' }), id, periodId: id }),
  // 撤销本次导入 (issue 16; core/import-undo.ts): the latest imports, and undoing one (no id: the latest not undone)
  'exchange.imports': z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),
  'exchange.undoImport': z.strictObject({ id: z.number().int().positive().optional() }),

  // --- office mode (issue 19): the accounts of a host; who may call what is domain/access.ts ---
  /** every account without its password (names for 承办人/协办人, the 账号 page) */
  'users.list': z.strictObject({}),
  'users.create': z.strictObject({ login: userLogin, name: userName, role: userRole, ledgers: z.array(kind).max(10), password: userPassword }),
  /** change name, role, write grants, disable; `password` sets a new one (the administrator resets it) */
  'users.update': z.strictObject({
    id: z.number().int().min(1),
    name: userName.optional(),
    role: userRole.optional(),
    ledgers: z.array(kind).max(10).optional(),
    disabled: z.boolean().optional(),
    password: userPassword.optional(),
  }),

  // 文书 of a case file (DOMAIN §11, migration 12; electron/core/case-docs.ts)
  /** the case's 文书 log, each with its 送达 */
  'caseDocs.list': z.strictObject({ kind: caseKind, id }),
  /** generate a 文书 from the kind's template and record it; `inputs`: the texts the clerk writes (查明事实…) */
  'caseDocs.generate': z.strictObject({
    kind: caseKind,
    id,
    docKind: docKindName,
    signer: z.string({ error: '签发人应为文字' }).trim().min(1, { error: '请填写签发人' }).max(50, { error: '签发人过长（最多 50 字）' }),
    signedOn: isoDate.optional(),
    inputs: z.record(z.string().max(50), z.string().max(20_000, { error: '文书中填写的内容过长（每项最多 2 万字）' })).optional(),
  }),
  /** the 文书 exactly as generated */
  'caseDocs.file': z.strictObject({ kind: caseKind, id, docId: id }),
  /** the 送达回证 of a 文书 */
  'caseDocs.receipt': z.strictObject({ kind: caseKind, id, docId: id }),
  /** `service` is checked by case-docs.ts's serviceFields (受送达人, 方式, 日期) */
  'caseDocs.addService': z.strictObject({ kind: caseKind, id, docId: id, service: z.unknown() }),
  'caseDocs.deleteService': z.strictObject({ kind: caseKind, id, serviceId: id }),
  /** the template of a 文书 kind and its 文号 pattern, as the editor shows them */
  'caseDocs.template': z.strictObject({ docKind: docKindName }),
  /** `text: null` 恢复内置模板, `noPattern: null` the built-in 文号 pattern; `base` the version the editor opened */
  'caseDocs.saveTemplate': z.strictObject({
    docKind: docKindName,
    text: templateText.nullable(),
    noPattern: z.string().max(60, { error: '文号格式过长（最多 60 字）' }).nullable(),
    base: z.number().int().min(1).nullable(),
    note: z.string().max(200).optional(),
  }),
  /** the office's own .docx for the kind (base64), checked in the docx worker */
  'caseDocs.uploadTemplate': z.strictObject({
    docKind: docKindName,
    content: z.string().max(70 * 1024 * 1024, { error: '模板文件过大（最多 50MB）' }),
    base: z.number().int().min(1).nullable(),
  }),
  /** the kind's template (or an unsaved draft) filled from the case, for the editor's preview; writes nothing */
  'caseDocs.preview': z.strictObject({
    kind: caseKind,
    id,
    docKind: docKindName,
    template: templateText.optional(),
    inputs: z.record(z.string().max(50), z.string().max(20_000)).optional(),
  }),
  // issue 20: units (填报单位) and 数据包
  'units.list': z.strictObject({}),
  'units.add': z.strictObject({ name: z.string().max(100), code: z.string().max(40).nullable().optional(), parentId: z.number().int().min(1) }),
  'units.update': z.strictObject({
    id: z.number().int().min(1),
    name: z.string().max(100).optional(),
    code: z.string().max(40).nullable().optional(),
    parentId: z.number().int().min(1).optional(),
    upper: z.string().max(200).nullable().optional(),
    resetSource: z.boolean().optional(),
  }),
  /** 上报: the own unit's package for a year or a range */
  'units.package': z.strictObject({ from: year, to: year }),
  /** what receiving the package would change, nothing written */
  'units.preview': z.strictObject({ fileName: z.string().max(260), content: z.string().max(280 * 1024 * 1024, { error: '数据包过大（最多 200MB）' }) }),
  'units.receive': z.strictObject({ fileName: z.string().max(260), content: z.string().max(280 * 1024 * 1024, { error: '数据包过大（最多 200MB）' }) }),
  'units.status': z.strictObject({ year }),
} as const;

export type ApiMethod = keyof typeof API_INPUTS;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API_INPUTS)[M]>;

/**
 * The methods that change the data file. Once the data file is found damaged the core is read-only: these are
 * refused (code READ_ONLY, a message that offers 还原), the page disables the buttons that call them, and
 * reading, searching, exporting, 立即备份 and 还原 go on. Add every new method that writes: one left out is
 * still stopped by the connection itself (PRAGMA query_only), but only after its handler has started.
 */
export const WRITE_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'ledger.create',
  'ledger.update',
  'ledger.delete',
  'ledger.restore',
  'ledger.import',
  'ledger.purge',
  'exchange.import',
  'report.saveTemplate',
  'settings.update',
  'indicators.set',
  'materials.set',
  'calendar.addYear',
  'deadlines.dismiss',
  'deadlines.restore',
  'attach.begin',
  'attach.chunk',
  'attach.finish',
  'attach.update',
  'attach.reorder',
  'attach.delete',
  'attach.restore',
  'attach.purge',
  'case.addParty',
  'case.updateParty',
  'case.deleteParty',
  'case.addSuspension',
  'case.updateSuspension',
  'case.deleteSuspension',
  'exchange.undoImport',

  'users.create',
  'users.update',

  'caseDocs.generate',
  'caseDocs.addService',
  'caseDocs.deleteService',
  'caseDocs.saveTemplate',
  'caseDocs.uploadTemplate',
  'units.add',
  'units.update',
  'units.package',
  'units.receive',
]);

export interface RecordView {
  id: string;
  kind: LedgerKind;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  manual: string[];
  values: Row;
  /** issue 20: a row received in another unit's 数据包 (read-only here); absent for the own unit's rows */
  unitId?: number;
  sourcePackage?: string | null;
}

/** One saved version of the report template, for the history list. */
export interface TemplateVersionInfo {
  version: number;
  note: string;
  savedAt: string;
  savedBy: string;
  /** 恢复内置模板: the built-in template as shipped */
  builtIn: boolean;
  chars: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  kind: string | null;
  recordId: string | null;
  before: unknown;
  after: unknown;
  summary: string | null;
  /** host mode (issue 19): the login of the signed-in account that made the change */
  user?: string;
}

export interface DeadlineItem {
  kind: LedgerKind;
  id: string;
  title: string;
  field: string;
  fieldLabel: string;
  dueOn: string;
  /** days left (negative = overdue), counted in `unit` */
  left: number;
  unit: 'days' | 'workdays';
  status: '逾期' | '即将到期';
  rule: string;
  /** 承办人 */
  handler: string | null;
  /** marked 不再提醒 (listed only when asked for) */
  dismissed?: { reason: string; at: string; actor: string };
  /** the 文书 this deadline calls for (复议/应诉 cases: 答复通知书, 决定书…; DOMAIN §11) */
  doc?: string;
}

export interface BackupView {
  file: string;
  at: string;
  reason: string;
  counts: Record<string, number>;
  schemaVersion: number;
  size: number;
  /** never rotated away: it undoes a restore (还原前), an upgrade (升级前) or, for 30 days, an import (导入前) */
  pinned: boolean;
  /** why, in a sentence for the list's tooltip */
  pinnedWhy?: string;
  /** the attachment contents it refers to (kept in the backup folder's 附件 folder), and any it could not copy */
  attachments?: { count: number; bytes: number; copied: number; problems: string[] };
}

export interface ImportReport {
  kind: string;
  total: number;
  inserted: number;
  /** the problems, `第N行 字段：问题`; past the first 200 one last line says how many more (errorCount) */
  errors: string[];
  /** how many problems in all, when errors lists only the first of them */
  errorCount?: number;
  /** records already there (DOMAIN.md §10 re-import): updated, skipped, or the same as the sheet */
  updated?: number;
  skipped?: number;
  unchanged?: number;
  /** the records the sheet changes, with the fields that change (the preview's list; at most 500) */
  updates?: ImportUpdate[];
  /** said before importing, never a reason to refuse: columns kept in 备注, title and 合计 rows skipped */
  notices?: string[];
  /** how the sheet's columns were matched (the wizard's mapping step) */
  columns?: ColumnMatch[];
  /** the mapping remembered for this sheet layout, applied by the preview (absent: none, or one was given) */
  savedMapping?: SheetMapping;
  /** words of the sheet that are no option of their field (the wizard's value step) */
  unknownValues?: { field: string; word: string; count: number; options: string[] }[];
  /** the import's number, to undo it (exchange.undoImport), when it wrote something */
  importId?: number;
}

/** An import as 撤销本次导入 lists it (core/import-undo.ts): what, from which file, when, by whom, undone or not. */
export interface ImportEntry {
  id: number;
  kind: string;
  kindName: string;
  fileName: string;
  at: string;
  actor: string;
  inserted: number;
  updated: number;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** A record an import would change: the sheet's line, the record (id, version) and each changed field as text. */
export interface ImportUpdate {
  line: number;
  id: string;
  version: number;
  title: string;
  changes: { field: string; before: string; after: string }[];
}

export interface ApiOutputs {
  'app.progress': { task: { label: string; done: number; total: number } | null };
  'app.info': {
    version: string;
    schemaVersion: number;
    dataFile: string;
    counts: Record<LedgerKind, number>;
    years: number[];
    /**
     * the start-up check of the data file, run in the background; `message` says what is damaged and what to
     * restore. `damaged` means read-only: every method of WRITE_METHODS is refused until a backup is restored.
     */
    integrity: { state: 'unchecked' | 'checking' | 'ok' | 'damaged'; message?: string };
  };
  /** `lines`: the newest last, each one JSON object (time, version, kind, method, error…) */
  'app.log': { file: string; exists: boolean; lines: string[] };
  /** `warnings`: what the values raised that does not stop saving (审结日期 after 审理期限, DOMAIN §13) */
  'ledger.create': RecordView & { warnings: string[] };
  'ledger.update': RecordView & { warnings: string[] };
  'ledger.delete': { count: number };
  'ledger.restore': { count: number };
  'ledger.get': RecordView & { history: AuditEntry[] };
  /** `due`: the overdue and due-soon items of the rows on this page (their status column) */
  /** `within`: the search looked only among this many newest rows (a one-character search with `recent`) */
  'ledger.list': { rows: RecordView[]; total: number; due: DeadlineItem[]; within?: number };
  'ledger.ids': { ids: string[] };
  'ledger.preview': { values: Row; manual: string[]; warnings: string[]; issues: { field: string; message: string }[] };
  'ledger.suggest': { values: string[] };
  'ledger.nextCaseNo': { caseNo: string | null };
  'ledger.import': ImportReport;
  'exchange.preview': ImportReport & { sample: Row[] };
  'exchange.import': ImportReport;
  'exchange.export': { fileName: string; content: string; count: number };
  'exchange.template': { fileName: string; content: string };
  'exchange.imports': { imports: ImportEntry[] };
  'exchange.undoImport': { import: ImportEntry; removed: number; restored: number };
  'report.readiness': {
    /** the office has not set its name: generating is refused until it does */
    unitMissing: boolean;
    /** required sections (二、三、四) that carry only a 待填写 paragraph, and what belongs there */
    sectionsToFill: { heading: string; note: string }[];
    materialsMissing: string[];
    indicatorsMissing: string[];
    /** the report's 在办数, in cases, with the ledger query that lists them */
    openCases: { kind: LedgerKind; name: string; count: number; query: Record<string, string> }[];
    /** rows of the year lacking a field a statistics table counts */
    unrecorded: { kind: LedgerKind; name: string; field: string; label: string; count: number; query: Record<string, string> }[];
    emptySections: string[];
  };
  'report.keys': { keys: { key: string; text: string }[] };
  'report.preview': { title: string; recipient: string; blocks: FilledBlock[]; unknownKeys: string[]; signer: string; date: string };
  'report.template': { template: string; builtIn: string; version: number | null; history: TemplateVersionInfo[] };
  'report.templateVersion': { version: number; text: string; note: string; savedAt: string; savedBy: string };
  'report.saveTemplate': { version: number | null; saved: boolean };
  'report.checkDocx': { keys: string[]; unknownKeys: string[] };
  'report.generate': { fileName: string; content: string };
  'stats.year': MetricsResult;
  /** the statistics screen as an .xlsx (content base64) */
  'stats.export': { fileName: string; content: string };
  /** rows per month (index 0 = January) of each ledger, by its ★ date, for the 工作台 chart */
  'stats.monthly': { months: Record<LedgerKind, number[]> };
  /** content base64; count = documents listed */
  'outgoing.catalogue': { fileName: string; content: string; count: number };
  /** the form and its checks; fileName/content (base64) only when `file` was asked */
  'outgoing.statsForm': { form: StatsForm; fileName?: string; content?: string };
  /** `overdue`/`soon` leave out items marked 不再提醒 (`dismissed` counts those); `handlers`: the 承办人 with items on the board */
  /** `reminders`: the 上报 reminder before the report's deadline (issue 20), when units have not sent their package */
  'deadlines.board': {
    today: string;
    items: DeadlineItem[];
    total: number;
    overdue: number;
    soon: number;
    dismissed: number;
    handlers: string[];
    reminders?: string[];
  };
  'deadlines.dismiss': { dueOn: string };
  'deadlines.restore': { restored: boolean };
  'settings.get': { values: Record<string, string | number>; defs: unknown[] };
  'settings.update': { values: Record<string, string | number>; rederived: number };
  'indicators.list': { items: { name: string; value: number | null; builtIn: boolean }[] };
  'indicators.set': { count: number };
  'materials.list': { items: { name: string; content: string; builtIn: boolean }[] };
  'materials.set': { name: string };
  'audit.list': { rows: AuditEntry[]; total: number };
  'audit.export': { fileName: string; content: string };
  'ledger.purge': { count: number };
  'backup.list': { dir: string; backups: BackupView[] };
  'backup.create': BackupView & { secondCopy?: string; secondError?: string };
  'backup.restore': { safetyBackup: string | null; counts: Record<string, number> };
  'calendar.years': { years: { year: number; source: string }[] };
  /** rederived: the rows whose derived values moved; from: the first day whose status changed (null: none did) */
  'calendar.addYear': { years: number[]; rederived: number; from: string | null };
  'attach.list': AttachmentsView;
  'attach.begin': { uploadId: string; chunkBytes: number };
  'attach.chunk': { received: number };
  'attach.finish': AttachmentsView & { added: Attachment };
  'attach.cancel': { ok: true };
  'attach.update': AttachmentsView;
  'attach.reorder': AttachmentsView;
  'attach.delete': AttachmentsView;
  'attach.restore': AttachmentsView;
  'attach.purge': AttachmentsView;
  'attach.read': { fileName: string; content: string };
  'attach.catalogue': { fileName: string; content: string };
  'attach.archive': { fileName: string; content: string; count: number };
  'attach.stats': { rows: number; files: number; bytes: number; storeDir: string };
  'attach.bin': { rows: (Attachment & { record: string })[]; total: number };
  'case.get': CaseFileView;
  'case.addParty': CaseFileView;
  'case.updateParty': CaseFileView;
  'case.deleteParty': CaseFileView;
  'case.addSuspension': CaseFileView;
  'case.updateSuspension': CaseFileView;
  'case.deleteSuspension': CaseFileView;
  'users.list': { users: UserView[] };
  'users.create': UserView;
  'users.update': UserView;
  'caseDocs.list': { docs: CaseDoc[] };
  'caseDocs.generate': { doc: CaseDoc; fileName: string; content: string };
  'caseDocs.file': { fileName: string; content: string };
  'caseDocs.receipt': { fileName: string; content: string };
  'caseDocs.addService': { docs: CaseDoc[] };
  'caseDocs.deleteService': { docs: CaseDoc[] };
  'caseDocs.template': DocTemplateView;
  'caseDocs.saveTemplate': { version: number | null; saved: boolean };
  'caseDocs.uploadTemplate': { version: number; keys: string[] };
  'caseDocs.preview': {
    title: string;
    docNo: string;
    recipient: string;
    blocks: FilledBlock[];
    unknownKeys: string[];
    signer: string;
    date: string;
    values: { key: string; text: string }[];
  };
  'units.list': { units: UnitView[]; received: boolean };
  'units.add': UnitView;
  'units.update': UnitView;
  'units.package': { fileName: string; content: string; manifest: Manifest };
  'units.preview': PackagePreview;
  'units.receive': PackagePreview;
  'units.status': { year: number; units: UnitStatus[]; reminder: string | null };
}

/** An account as the API shows it: never the password or its hash. */
export interface UserView {
  id: number;
  login: string;
  name: string;
  role: UserRole;
  /** the ledgers this account may write (a 管理员 writes all) */
  ledgers: LedgerKind[];
  disabled: boolean;
}

/** A 文书 kind's template as the editor shows it (caseDocs.template). */
export interface DocTemplateView {
  docKind: string;
  caseKind: 'reconsideration' | 'litigation';
  /** null: never saved (the built-in wording and pattern) */
  version: number | null;
  text: string;
  builtIn: string;
  /** the office's own .docx is in use (the text is not) */
  docx: boolean;
  noPattern: string;
  builtInPattern: string;
  inputs: DocInput[];
  keys: string[];
  versions: number;
  savedAt: string | null;
  savedBy: string | null;
}

/** A record's attachments: live ones (正卷 then 副卷, in order) and those in the 回收站. */
export interface AttachmentsView {
  live: Attachment[];
  deleted: Attachment[];
}

/** A case's file after any change: the record (its 中止天数 and 审理期限 may have moved), parties, periods, timeline. */
export interface CaseFileView {
  record: RecordView;
  parties: Party[];
  suspensions: Suspension[];
  timeline: TimelineStep[];
}

export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];
