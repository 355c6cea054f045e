// The rules of DOMAIN §4–6 that figures count by, each defined once, in the two forms the program needs:
// `test(row, …)` on a record (the form's and the import's derived values, the readiness panel) and `sql(…)`, a
// condition on the ledger's table (the statistics, the ledger list's filters). The two forms of each rule are run
// against each other on generated rows in a real SQLite file: tests/integration/rules-parity.test.ts.
//
// A rule here is the one place its lists live: the statistics (core/stats/compute.ts), the list filter behind the
// report's 在办 link (core/db/ledger-repo.ts) and the declarations (ledgers/*.ts) import it. 败诉 and 等次 are
// derived on save and stored (the user may override 败诉), so the statistics count the stored column; their rule is
// what derives it. Deadlines are derived on save in each ledger's `derive` (one place per field); the one the
// statistics recompute (报备期限, for 按时报备率) is `filingDueOf` in ledgers/normative.ts.
import type { CaseKind } from './case-file';
import { isTrue, num, str, type Row } from './fields';
import type { Settings } from './settings';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const among = (xs: readonly string[], v: unknown) => typeof v === 'string' && xs.includes(v);

/** 纠错 under the 直接 scope (DOMAIN §4). */
const CORRECTING_DISPOSITIONS = ['变更', '撤销', '确认违法', '确认无效', '责令履行'] as const;
/** 调撤: mediated or withdrawn. */
const SETTLED_DISPOSITIONS = ['调解', '终止(撤回)'] as const;
/** 裁判结果 that make a 判决 a loss for the government (DOMAIN §5). */
export const LOSING_JUDGMENTS = ['撤销', '部分撤销', '变更', '确认违法', '确认无效', '责令履行', '给付', '赔偿补偿'] as const;

type Scope = Settings['reconsideration.correctionScope'];

/** 纠错: a correcting 审结方式; under 综合 also a 终止(撤回) after the respondent corrected its act itself. */
export const corrected = {
  test: (row: Row, scope: Scope): boolean =>
    among(CORRECTING_DISPOSITIONS, row.disposition) || (scope === '综合' && row.disposition === '终止(撤回)' && isTrue(row.selfCorrected)),
  sql: (scope: Scope): string =>
    `("disposition" IN (${list(CORRECTING_DISPOSITIONS)})${scope === '综合' ? ` OR ("disposition" = '终止(撤回)' AND "selfCorrected" = 1)` : ''})`,
};

/** 调撤: mediated or withdrawn. */
export const settled = {
  test: (row: Row): boolean => among(SETTLED_DISPOSITIONS, row.disposition),
  sql: (): string => `"disposition" IN (${list(SETTLED_DISPOSITIONS)})`,
};

/** 败诉: a 判决 with a losing 裁判结果 (derived into the stored `lost`, which the user may override). */
export const lost = {
  test: (row: Row): boolean => row.closure === '判决' && among(LOSING_JUDGMENTS, row.judgment),
  sql: (): string => `("closure" = '判决' AND "judgment" IN (${list(LOSING_JUDGMENTS)}))`,
};

/**
 * 在办 (for the two case ledgers) at the end of a day (DOMAIN §4): received by then, not closed by then, and — for reconsideration — accepted by
 * then (a row accepted without its 受理日期 recorded counts when its 受理情况 is 受理). `end` in `sql` is an SQL
 * expression (a parameter such as `@e`, or a quoted date); `accepted` is the part beyond received/not closed, which
 * the statistics read through the 审结日期 index in two halves (still open, closed after).
 */
export const openAtEnd: Record<CaseKind, { accepted: { test: (row: Row, end: string) => boolean; sql: (end: string) => string } }> = {
  reconsideration: {
    accepted: {
      test: (row, end) => (row.acceptedOn == null ? row.intake === '受理' : typeof row.acceptedOn === 'string' && row.acceptedOn <= end),
      sql: (end) => `("acceptedOn" <= ${end} OR ("acceptedOn" IS NULL AND "intake" = '受理'))`,
    },
  },
  litigation: { accepted: { test: () => true, sql: () => '1' } },
};

/** As SQL compares the stored text: a value written past the app's normalisation ('' or not a date) sorts as text. */
export function isOpenAt(kind: CaseKind, row: Row, end: string): boolean {
  const { receivedOn: received, closedOn: closed } = row;
  return (
    typeof received === 'string' &&
    received <= end &&
    (closed == null || (typeof closed === 'string' && closed > end)) &&
    openAtEnd[kind].accepted.test(row, end)
  );
}

export function openAtSql(kind: CaseKind, end: string): string {
  return `("receivedOn" <= ${end} AND ("closedOn" IS NULL OR "closedOn" > ${end}) AND ${openAtEnd[kind].accepted.sql(end)})`;
}

/**
 * 总分 and 等次 under the current settings (DOMAIN §6). The total is 卷面分 + 内容分; a sheet that records only the
 * total (many offices' older ledgers do) keeps the total it gives, and one that records only the grade keeps the grade.
 */
export function scoreAndGrade(row: Row, settings: Settings): { score: number | null; grade: string | null } {
  const vetoes = Array.isArray(row.vetoes) ? row.vetoes : [];
  if (vetoes.length > 0 && settings['casefile.vetoRule'] === '零分') return { score: 0, grade: '不合格' };
  const form = num(row.formScore);
  const content = num(row.contentScore);
  const score = form === null && content === null ? num(row.score) : Math.round(((form ?? 0) + (content ?? 0)) * 100) / 100;
  if (score === null) return { score: null, grade: str(row.grade) };
  let grade = score >= settings['casefile.excellentMin'] ? '优秀' : score >= settings['casefile.passMin'] ? '合格' : '不合格';
  if (grade === '优秀' && vetoes.length > 0) grade = '合格';
  return { score, grade };
}
