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

/** The 工作台's deadline board: a page of this many items. */
export const BOARD_PAGE = 8;

export type BoardScope = '全部' | '逾期' | '即将到期';

export function boardInput(page: number, scope: BoardScope): ApiInput<'deadlines.board'> {
  return { page, pageSize: BOARD_PAGE, ...(scope === '全部' ? {} : { status: scope }) };
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
  const year = currentYear();
  return [...shell, ['calendar.years', {}], ['deadlines.board', boardInput(1, '全部')], ['stats.year', { year }], ['stats.monthly', { year }]];
}
