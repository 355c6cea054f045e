// The first screen's requests, asked for by the entry (boot.ts) before the page code is loaded and parsed.
// Opening the app, the window spends ~0.5 s loading and parsing ~1 MB of code before React's first effects ask
// for anything, while the core sits idle; then the core answers the 工作台's six requests one after another
// (~0.4 s at 1,000,000 rows, the year's statistics most of it). Asked for at once, the answers are ready, or
// nearly, when the page first asks (docs/performance.md, bench:ui). This module must stay small: no antd, no React.
//
// The inputs here are the ones the shell and the 工作台 build (they use these helpers), so the answers match.

import type { ApiInput, ApiMethod } from '../../electron/domain/api';

export function currentYear(): number {
  return new Date().getFullYear();
}

const YEAR_KEY = 'fazhi.year';

/**
 * The year the switcher shows on start: the last one chosen (in January and February clerks work on last year's
 * report all day), else this calendar year.
 */
export function rememberedYear(): number {
  try {
    const y = Number(localStorage.getItem(YEAR_KEY));
    if (Number.isInteger(y) && y >= 1990 && y <= 2100) return y;
  } catch {
    // storage unavailable: this year
  }
  return currentYear();
}

export function rememberYear(y: number): void {
  try {
    localStorage.setItem(YEAR_KEY, String(y));
  } catch {
    // not remembered; the switcher still works
  }
}

/** The 工作台's deadline board: a page of this many items. */
export const BOARD_PAGE = 8;

export type BoardScope = '全部' | '逾期' | '即将到期';

/** `filter`: the board's ledger, 承办人 and 显示已不再提醒 choices (none on the first screen) */
export function boardInput(
  page: number,
  scope: BoardScope,
  filter: { kinds?: ApiInput<'deadlines.board'>['kinds']; handler?: string | null; dismissed?: boolean } = {},
): ApiInput<'deadlines.board'> {
  const f = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
  return { page, pageSize: BOARD_PAGE, ...(scope === '全部' ? {} : { status: scope }), ...f };
}

type Request = { [M in ApiMethod]: [M, ApiInput<M>] }[ApiMethod];

/** What the shell asks for on every screen, and the 工作台 (the start page) when the address opens it. */
export function firstScreenRequests(hash: string): Request[] {
  const shell: Request[] = [
    ['app.info', {}],
    ['settings.get', {}],
  ];
  const route = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  if (route !== '' && route !== 'desk') return shell;
  const year = rememberedYear();
  // units.list: whether the 工作台 offers a scope (components/ScopeSelect.tsx, issue 20)
  return [
    ...shell,
    ['calendar.years', {}],
    ['deadlines.board', boardInput(1, '全部')],
    ['stats.year', { year }],
    ['stats.monthly', { year }],
    ['units.list', {}],
  ];
}
