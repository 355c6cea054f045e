// The upward statistical form of 行政复议 / 行政应诉 (DOMAIN §12): a column-numbered table whose columns are a
// setting (`statsForm.reconsiderationColumns` / `statsForm.litigationColumns`: item names separated by 、), with
// balance checks shown before export. Pure: the figures come from core/outgoing.ts.
//
// An item is one column, or a group of columns (申请人类型 → one per type; 审结 → 合计 and one per 审结方式).
// The checks are computed whatever columns are chosen: 新收 = 受理 + 不予受理 + 其他 (受理 by 受理日期 in the year, as
// the metric 行政复议.受理数 counts it, so a case received last year and accepted this year shows as a difference),
// 审结 = Σ 审结方式 (a closed case without 审结方式 shows as a difference); for 应诉 新收 = Σ 审级, 结案 = Σ 结案方式.

import { ACT_TYPES, DISPOSITIONS, PARTY_TYPES } from './ledgers/reconsideration';

export type FormKind = 'reconsideration' | 'litigation';
export const FORM_KINDS: readonly FormKind[] = ['reconsideration', 'litigation'];

export const RESPONDENT_TYPES = ['政府部门', '乡镇(街道)', '下级人民政府', '派出机构', '法律法规授权组织', '其他'] as const;
export const INSTANCES = ['一审', '二审', '再审'] as const;
export const CLOSURES = ['判决', '裁定驳回起诉', '准予撤诉', '按撤诉处理', '调解'] as const;

/** The items of each form: null = one column; a list = one column per part (figures `<item>.<part>`). */
export const FORM_ITEMS: Record<FormKind, Record<string, readonly string[] | null>> = {
  reconsideration: {
    新收: null,
    其中复议前置: null,
    其中涉企: null,
    申请人类型: PARTY_TYPES,
    行为类别: ACT_TYPES,
    被申请人类型: RESPONDENT_TYPES,
    受理: null,
    不予受理: null,
    其他: null,
    审结: ['合计', ...DISPOSITIONS],
    在办: null,
  },
  litigation: {
    新收: null,
    其中涉企: null,
    审级: INSTANCES,
    出庭: ['开庭案件', '负责人出庭案件', '负责人出庭次数'],
    结案: ['合计', ...CLOSURES],
    败诉: null,
    在办: null,
  },
};

export const FORM_TITLES: Record<FormKind, string> = { reconsideration: '行政复议案件统计表', litigation: '行政应诉案件统计表' };

/** DOMAIN §12's defaults. */
export const DEFAULT_FORM_COLUMNS: Record<FormKind, string> = {
  reconsideration: '新收、其中复议前置、申请人类型、行为类别、被申请人类型、受理、不予受理、审结、在办',
  litigation: '新收、审级、出庭、结案、败诉、在办',
};

export const FORM_SETTING: Record<FormKind, 'statsForm.reconsiderationColumns' | 'statsForm.litigationColumns'> = {
  reconsideration: 'statsForm.reconsiderationColumns',
  litigation: 'statsForm.litigationColumns',
};

/** The items of a column setting, or the problem with it (an unknown name, nothing chosen). */
export function parseFormColumns(kind: FormKind, text: string): { ok: true; items: string[] } | { ok: false; message: string } {
  const items = text.split(/[、,，;；\s]+/).filter(Boolean);
  const known = Object.keys(FORM_ITEMS[kind]);
  const unknown = items.filter((i) => !known.includes(i));
  if (unknown.length) return { ok: false, message: `${FORM_TITLES[kind]}的栏目“${unknown.join('、')}”不存在，可用：${known.join('、')}` };
  if (!items.length) return { ok: false, message: `${FORM_TITLES[kind]}至少要有一个栏目` };
  const dup = items.find((x, i) => items.indexOf(x) !== i);
  if (dup) return { ok: false, message: `${FORM_TITLES[kind]}的栏目“${dup}”重复` };
  return { ok: true, items };
}

export interface FormColumn {
  /** 栏次, from 1 */
  no: number;
  item: string;
  /** the part of a group item (自然人, 维持…), null for a single column */
  part: string | null;
  value: number;
}

export interface FormCheck {
  name: string;
  ok: boolean;
  /** the equation with its numbers, e.g. 新收 12 = 受理 9 + 不予受理 1 + 其他 2 */
  text: string;
}

export interface StatsForm {
  kind: FormKind;
  year: number;
  title: string;
  columns: FormColumn[];
  checks: FormCheck[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function balance(name: string, total: [string, number], parts: [string, number][], hint: string): FormCheck {
  const s = sum(parts.map((p) => p[1]));
  const ok = s === total[1];
  const eq = `${total[0]} ${total[1]} ${ok ? '=' : '≠'} ${parts.length ? parts.map(([n, v]) => `${n} ${v}`).join(' + ') : '各项 0'}${parts.length > 1 ? `（合计 ${s}）` : ''}`;
  return { name, ok, text: ok ? eq : `${eq}，相差 ${Math.abs(total[1] - s)}：${hint}` };
}

/** The form of a year from its figures (`<item>` or `<item>.<part>` → count). */
export function buildStatsForm(kind: FormKind, year: number, unitName: string, items: string[], figures: Record<string, number>): StatsForm {
  const f = (k: string) => figures[k] ?? 0;
  const columns: FormColumn[] = [];
  for (const item of items) {
    const parts = FORM_ITEMS[kind][item];
    if (parts) for (const p of parts) columns.push({ no: columns.length + 1, item, part: p, value: f(`${item}.${p}`) });
    else columns.push({ no: columns.length + 1, item, part: null, value: f(item) });
  }
  const checks =
    kind === 'reconsideration'
      ? [
          balance(
            '新收 = 受理 + 不予受理 + 其他',
            ['新收', f('新收')],
            [
              ['受理', f('受理')],
              ['不予受理', f('不予受理')],
              ['其他', f('其他')],
            ],
            '受理按受理日期计，上年收到、本年受理的案件，或受理情况为“受理”却未填受理日期的案件会造成差额，请核对',
          ),
          balance(
            '审结 = Σ 审结方式',
            ['审结', f('审结.合计')],
            DISPOSITIONS.map((d) => [d, f(`审结.${d}`)] as [string, number]).filter(([, v]) => v > 0),
            '有审结日期在本年度、未填审结方式的案件，请补填',
          ),
        ]
      : [
          balance(
            '新收 = Σ 审级',
            ['新收', f('新收')],
            INSTANCES.map((d) => [d, f(`审级.${d}`)] as [string, number]),
            '有未填审级的案件，请补填',
          ),
          balance(
            '结案 = Σ 结案方式',
            ['结案', f('结案.合计')],
            CLOSURES.map((d) => [d, f(`结案.${d}`)] as [string, number]).filter(([, v]) => v > 0),
            '有结案日期在本年度、未填结案方式的案件，请补填',
          ),
        ];
  return { kind, year, title: `${unitName}${year}年度${FORM_TITLES[kind]}`, columns, checks };
}
