// The rows the browser tests expect, created through the API of the running server (the same door the UI uses).
// Dates are relative to today so the deadline board always has an overdue case and a due-soon one.
import type { ApiResult } from '../../electron/domain/api';

export interface ServerInfo {
  url: string;
  token: string;
  openUrl: string;
  db: string;
}

export async function api<T = unknown>(s: Pick<ServerInfo, 'url' | 'token'>, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${s.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Fazhi-Token': s.token },
    body: JSON.stringify(input),
  });
  const r = (await res.json()) as ApiResult<T>;
  if (!r.ok) throw new Error(`${method} 失败：${r.error.message}`);
  return r.data;
}

function iso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return iso(d);
}

export const THIS_YEAR = new Date().getFullYear();
export const LAST_YEAR = THIS_YEAR - 1;
/** a date in the given year that is in the past (early in the year) */
const inYear = (y: number, md: string) => `${y}-${md}`;

/** the overdue reconsideration case the board must show */
export const OVERDUE_CASE_NO = `e2e复议〔${THIS_YEAR}〕1号`;

export async function seed(s: Pick<ServerInfo, 'url' | 'token'>): Promise<void> {
  const create = (kind: string, values: Record<string, unknown>) => api(s, 'ledger.create', { kind, values });
  // the clerk's name is set, as after the first start's prompt (first-hour.spec.ts clears it to see the prompt)
  await api(s, 'settings.update', { patch: { 经办人: '测试员' } });
  const y = THIS_YEAR;
  const ly = LAST_YEAR;
  // 行政复议: this year 4 (one overdue, one awaiting the intake decision), last year 2
  const accepted = daysAgo(120);
  await create('reconsideration', {
    caseNo: OVERDUE_CASE_NO,
    receivedOn: daysAgo(125),
    applicant: '张某',
    applicantType: '自然人',
    respondent: '某县市场监督管理局',
    actType: '行政处罚',
    intake: '受理',
    acceptedOn: accepted,
    procedure: '普通程序',
    handler: '李明',
    // the 副本 sent in time (migration 10's 副本发送期限): the case is overdue by its 审理期限 alone
    copySentOn: daysAgo(117),
  });
  await create('reconsideration', {
    caseNo: `e2e复议〔${y}〕2号`,
    receivedOn: inYear(y, '01-10'),
    applicant: '某某商贸有限公司',
    applicantType: '法人',
    respondent: '某县自然资源局',
    actType: '行政许可',
    intake: '受理',
    acceptedOn: inYear(y, '01-14'),
    procedure: '普通程序',
    closedOn: inYear(y, '03-01'),
    disposition: '撤销',
  });
  await create('reconsideration', {
    caseNo: `e2e复议〔${y}〕3号`,
    receivedOn: inYear(y, '02-10'),
    applicant: '王某',
    applicantType: '自然人',
    respondent: '某县公安局',
    actType: '行政处罚',
    intake: '受理',
    acceptedOn: inYear(y, '02-14'),
    procedure: '简易程序',
    closedOn: inYear(y, '03-10'),
    disposition: '维持',
  });
  await create('reconsideration', {
    caseNo: `e2e复议〔${y}〕4号`,
    receivedOn: daysAgo(1),
    applicant: '赵某',
    applicantType: '自然人',
    respondent: '某县人力资源和社会保障局',
    actType: '工伤认定',
    intake: '审查中',
  });
  await create('reconsideration', {
    caseNo: `e2e复议〔${ly}〕1号`,
    receivedOn: inYear(ly, '03-02'),
    applicant: '钱某',
    applicantType: '自然人',
    respondent: '某县公安局',
    actType: '行政处罚',
    intake: '受理',
    acceptedOn: inYear(ly, '03-05'),
    procedure: '普通程序',
    closedOn: inYear(ly, '04-20'),
    disposition: '维持',
  });
  await create('reconsideration', {
    caseNo: `e2e复议〔${ly}〕2号`,
    receivedOn: inYear(ly, '05-02'),
    applicant: '孙某',
    applicantType: '自然人',
    respondent: '某县住房和城乡建设局',
    actType: '行政强制',
    intake: '受理',
    acceptedOn: inYear(ly, '05-06'),
    procedure: '普通程序',
    closedOn: inYear(ly, '06-20'),
    disposition: '调解',
  });
  // 行政应诉
  await create('litigation', {
    caseNo: `（${y}）e2e行初1号`,
    receivedOn: inYear(y, '04-01'),
    plaintiff: '周某',
    defendant: '某县人民政府',
    actType: '行政征收征用补偿',
  });
  await create('litigation', {
    caseNo: `（${ly}）e2e行初7号`,
    receivedOn: inYear(ly, '08-01'),
    plaintiff: '吴某',
    defendant: '某县公安局',
    actType: '行政处罚',
  });
  // 规范性文件、重大决策、合同
  await create('normative', {
    reviewType: '合法性审核',
    title: `关于加强e2e城市管理的通知（${y}）`,
    drafter: '某县城市管理局',
    receivedOn: inYear(y, '03-03'),
    completedOn: inYear(y, '03-12'),
    opinions: 5,
    adopted: 4,
  });
  await create('normative', {
    reviewType: '合法性审核',
    title: `e2e农村集体资产管理办法（${ly}）`,
    drafter: '某县农业农村局',
    receivedOn: inYear(ly, '06-03'),
    completedOn: inYear(ly, '06-12'),
    opinions: 3,
    adopted: 3,
  });
  await create('decision', {
    title: `e2e老旧小区改造方案（${y}）`,
    sponsor: '某县住房和城乡建设局',
    receivedOn: inYear(y, '05-06'),
    completedOn: inYear(y, '05-12'),
  });
  await create('contract', {
    title: `e2e政府购买服务合同（${y}）`,
    submitter: '某县民政局',
    receivedOn: inYear(y, '06-01'),
    completedOn: inYear(y, '06-04'),
    amount: 120.5,
  });
  await create('contract', {
    title: `e2e道路养护合同（${y}）`,
    submitter: '某县交通运输局',
    receivedOn: inYear(y, '07-01'),
    completedOn: inYear(y, '07-05'),
    amount: 3500,
  });
  await create('casefile', { unit: '某县市场监督管理局', reviewedOn: inYear(y, '09-01'), fileType: '行政处罚', formScore: 18, contentScore: 70 });
}
