// The case file of a 行政复议 or 行政应诉 case (DOMAIN §11), the parts that are lists of facts: 当事人 and 中止
// periods (child tables `case_parties` and `case_suspensions`, migration 10), and the case's timeline built from
// the record and those rows. Pure: no Node, no DOM.

import { z } from 'zod';
import { daysBetween, isIsoDate } from './calendar';
import type { Row } from './fields';

export const CASE_KINDS = ['reconsideration', 'litigation'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const isCaseKind = (k: string): k is CaseKind => (CASE_KINDS as readonly string[]).includes(k);
/** The case table's column holding its live parties' names, indexed for search after the declared fields. */
export const PARTY_NAMES_COLUMN = 'partyNames';

/** 当事人的身份 per kind of case (§11): 复议 and 诉讼 have their own words. */
export const PARTY_ROLES: Record<CaseKind, readonly string[]> = {
  reconsideration: ['申请人', '被申请人', '第三人', '代理人'],
  litigation: ['原告', '被告', '第三人', '代理人'],
};
export const PARTY_TYPES = ['自然人', '法人', '非法人组织', '个体工商户', '行政机关'] as const;
export const GENDERS = ['男', '女'] as const;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, { error: `${label}过长（最多 ${max} 字）` })
    .transform((s) => s.trim())
    .nullish()
    .transform((s) => (s ? s : null));
const dateOf = (label: string) =>
  z
    .string({ error: `${label}应为日期（YYYY-MM-DD）` })
    .nullish()
    .transform((s) => (s ? s.trim() : null))
    .refine((s) => s === null || (isIsoDate(s) && s >= '1900-01-01' && s <= '2100-12-31'), { error: `${label}应为有效日期（YYYY-MM-DD）` });

/** 18 位公民身份号码 (last may be X) or 18 位统一社会信用代码 (digits and capitals without I O Z S V). */
const ID_NO = /^(\d{17}[\dXx]|[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})$/;
const PHONE = /^[\d\-+ ()（）转]{5,30}$/;

/** One 当事人 as entered (the form, the API). Messages name the field, in Chinese. */
export const partyFields = z.strictObject({
  role: z.string({ error: '身份必填' }).min(1, { error: '身份必填' }),
  partyType: z
    .enum(PARTY_TYPES, { error: `类型只能是：${PARTY_TYPES.join('、')}` })
    .nullish()
    .transform((v) => v ?? null),
  name: z
    .string({ error: '姓名或名称必填' })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, { error: '姓名或名称必填' })
    .refine((s) => s.length <= 100, { error: '姓名或名称过长（最多 100 字）' }),
  gender: z
    .enum(GENDERS, { error: '性别只能是男或女' })
    .nullish()
    .transform((v) => v ?? null),
  birthDate: dateOf('出生日期'),
  idNo: text('证件号码或统一社会信用代码', 30).refine((s) => s === null || ID_NO.test(s), {
    error: '证件号码或统一社会信用代码应为 18 位（身份证号末位可为 X；信用代码为数字和大写字母）',
  }),
  address: text('住址', 200),
  phone: text('联系电话', 30).refine((s) => s === null || PHONE.test(s), { error: '联系电话只能含数字、空格和 -+()' }),
  legalRep: text('法定代表人', 50),
  legalRepTitle: text('职务', 50),
  /** a 代理人's principal: the id of another party of the same case */
  representsId: text('被代理人', 64),
  note: text('备注', 500),
});
export type PartyValues = z.output<typeof partyFields>;
export interface Party extends PartyValues {
  id: string;
  kind: CaseKind;
  caseId: string;
  sortOrder: number;
}

/** The parties' column headers (the 当事人 sheet of an export/import, exchange/parties-sheet.ts). */
export const PARTY_LABELS: Record<keyof PartyValues, string> = {
  role: '身份',
  partyType: '类型',
  name: '姓名或名称',
  gender: '性别',
  birthDate: '出生日期',
  idNo: '证件号码或统一社会信用代码',
  address: '住址',
  phone: '联系电话',
  legalRep: '法定代表人',
  legalRepTitle: '职务',
  representsId: '被代理人',
  note: '备注',
};

/** Rules between a party's fields and the case's other parties; [] when fine. Messages start with the field's label. */
export function checkParty(kind: CaseKind, p: PartyValues, others: readonly Pick<Party, 'id' | 'role' | 'name'>[], selfId?: string): string[] {
  const out: string[] = [];
  if (!PARTY_ROLES[kind].includes(p.role)) out.push(`身份只能是：${PARTY_ROLES[kind].join('、')}`);
  if (p.role === '代理人') {
    if (!p.representsId) out.push('被代理人：代理人须注明代理哪一方当事人');
    else {
      const principal = others.find((o) => o.id === p.representsId);
      if (!principal || principal.id === selfId) out.push('被代理人：不是本案的其他当事人');
      else if (principal.role === '代理人') out.push(`被代理人：“${principal.name}”本身是代理人`);
    }
  } else if (p.representsId) out.push('被代理人：只有代理人可以填写');
  if (p.partyType !== '自然人' && (p.gender || p.birthDate)) out.push(`${p.gender ? '性别' : '出生日期'}：只适用于自然人`);
  if (p.partyType === '自然人' && p.legalRep) out.push('法定代表人：自然人没有法定代表人');
  return out;
}

/** One 中止 period (§11, §13). */
export const suspensionFields = z.strictObject({
  from: dateOf('中止日').refine((s) => s !== null, { error: '中止日必填' }),
  to: dateOf('恢复日'),
  reason: text('事由', 200),
});
export type SuspensionValues = z.output<typeof suspensionFields>;
export interface Suspension {
  id: string;
  caseId: string;
  from: string;
  to: string | null;
  reason: string | null;
}

/** §13: a 恢复日 before its 中止日 is refused (naming both fields); periods of one case do not overlap. */
export function checkSuspension(s: SuspensionValues, others: readonly Suspension[], selfId?: string): string[] {
  const out: string[] = [];
  if (s.from && s.to && s.to < s.from) out.push(`恢复日（${s.to}）早于中止日（${s.from}），请核对中止日或恢复日`);
  for (const o of others) {
    if (o.id === selfId || !s.from) continue;
    const aEnd = s.to ?? '9999-12-31';
    const bEnd = o.to ?? '9999-12-31';
    if (s.from < bEnd && o.from < aEnd) out.push(`中止日：与 ${o.from} 起的中止期间重叠`);
  }
  return out;
}

/**
 * 中止天数 from the periods: each closed period counts the days from its 中止日 to its 恢复日 (the 恢复 day itself
 * counts again toward the period, as in the 恢复审理通知书's wording "自恢复之日起继续计算"). A period not yet
 * ended counts nothing yet: its length is not known (the timeline shows the case as 中止中).
 */
export function suspendedDaysOf(periods: readonly Pick<Suspension, 'from' | 'to'>[]): number {
  return periods.reduce((n, p) => n + (p.to ? Math.max(0, daysBetween(p.from, p.to)) : 0), 0);
}

/** 上诉期限 (行政诉讼法第八十五条): 15 days from receipt of a 判决, 10 of a 裁定 (裁定驳回起诉). */
export function appealDays(closure: unknown): number | null {
  return closure === '判决' ? 15 : closure === '裁定驳回起诉' ? 10 : null;
}

export interface TimelineStep {
  date: string;
  /** what happened, in Chinese */
  label: string;
  /** the deadline this step starts, if any */
  starts?: { label: string; dueOn: string };
  /** a step still expected (a deadline with no step done yet) */
  pending?: boolean;
}

const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The case's steps in date order, each with the deadline it starts — from the stored record (its derived due
 * dates included) and its 中止 periods. Distinct from the edit history: this is what happened in the case.
 */
export function caseTimeline(kind: CaseKind, row: Row, suspensions: readonly Pick<Suspension, 'from' | 'to' | 'reason'>[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const add = (date: unknown, label: string, starts?: { label: string; due: unknown }) => {
    const d = s(date);
    if (!d) return;
    const due = starts && s(starts.due);
    steps.push({ date: d, label, ...(starts && due ? { starts: { label: starts.label, dueOn: due } } : {}) });
  };
  if (kind === 'reconsideration') {
    add(row.receivedOn, '收到行政复议申请', { label: '受理审查期限', due: s(row.correctionNoticeOn) ? null : row.intakeDueOn });
    add(row.correctionNoticeOn, '补正通知送达申请人', { label: '补正期限', due: row.correctionDueOn });
    add(row.correctedOn, '补正材料齐全', { label: '受理审查期限（重新计算）', due: row.intakeDueOn });
    const intake = s(row.intake);
    if (intake && intake !== '受理' && intake !== '审查中' && intake !== '补正中') add(row.closedOn ?? null, intake);
    add(row.acceptedOn, '受理', { label: '审理期限', due: row.decisionDueOn });
    if (s(row.acceptedOn) && s(row.copyDueOn))
      steps.push({ date: s(row.acceptedOn)!, label: '应发送申请书副本', starts: { label: '副本发送期限', dueOn: s(row.copyDueOn)! } });
    add(row.copySentOn, '申请书副本发送被申请人');
    add(row.answerNoticeOn, '答复通知书送达被申请人', { label: '答复期限', due: row.answerDueOn });
    add(row.answerReceivedOn, '收到被申请人答复');
    add(row.hearingOn, `听证${s(row.hearingPlace) ? `（${row.hearingPlace}）` : ''}`);
    for (const p of suspensions) {
      add(p.from, `中止审理${p.reason ? `：${p.reason}` : ''}`);
      if (p.to) add(p.to, `恢复审理（中止 ${Math.max(0, daysBetween(p.from, p.to))} 日不计入审理期限）`, { label: '审理期限', due: row.decisionDueOn });
      else steps.push({ date: p.from, label: '中止中：审理期限暂停计算', pending: true });
    }
    add(row.extensionApprovedOn, `批准延期${typeof row.extensionDays === 'number' ? ` ${row.extensionDays} 日` : ''}`, {
      label: '审理期限',
      due: row.decisionDueOn,
    });
    add(row.closedOn, `审结${s(row.disposition) ? `：${row.disposition}` : ''}`);
    add(row.servedOn, '决定书送达');
  } else {
    add(row.receivedOn, '收到起诉状副本', { label: '答辩期限', due: row.answerDueOn });
    add(row.answeredOn, '提交答辩状');
    add(row.judicialReceivedOn, '收到司法建议', { label: '司法建议回复期限', due: row.judicialReplyDueOn });
    add(row.judicialRepliedOn, '回复司法建议');
    add(row.procuratorReceivedOn, '收到检察建议', { label: '检察建议回复期限', due: row.procuratorReplyDueOn });
    add(row.procuratorRepliedOn, '回复检察建议');
    add(row.closedOn, `结案${s(row.closure) ? `：${row.closure}` : ''}`);
    add(row.judgmentReceivedOn, '收到裁判文书', { label: '上诉期限', due: row.appealDueOn });
    add(row.appealFiledOn, '提起上诉');
  }
  // date order; on one date, the order the steps happen in a case (the insertion order above)
  return steps
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.date < b.x.date ? -1 : a.x.date > b.x.date ? 1 : a.i - b.i))
    .map((e) => e.x);
}
