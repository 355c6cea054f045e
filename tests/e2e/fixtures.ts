// Shared by the browser tests: the running server (from the global setup), a page that fails the test on any
// console error or uncaught exception, and screenshots under test-results/screens/.
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { api, type ServerInfo } from './seed-data';

export const SCREENS_DIR = path.resolve(import.meta.dirname, '../../test-results/screens');

/** The browser-mode server the global setup started for this run. */
export function serverInfo(): ServerInfo {
  const raw = process.env.FAZHI_E2E_SERVER;
  if (!raw) throw new Error('没有找到测试服务器：请通过 playwright.config.ts 的全局准备（global-setup）运行');
  return JSON.parse(raw) as ServerInfo;
}

export const test = base.extend<{ server: ServerInfo; consoleErrors: string[]; open: (hash?: string) => Promise<void> }>({
  // Playwright requires an object pattern for a fixture's first argument
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => use(serverInfo()),
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`未捕获的异常：${e.message}`));
    await use(errors);
    expect(errors, '浏览器控制台不应有错误').toEqual([]);
  },
  /**
   * open the app at a hash route through the printed address (with the token), which the server answers with the
   * session cookie and a redirect to the clean address; wait for the shell
   */
  open: async ({ page, server, consoleErrors: _ }, use) => {
    await use(async (hash = '#/desk') => {
      await page.goto(`${server.openUrl}${hash}`);
      await expect(page.getByRole('menu').first()).toBeVisible();
    });
  },
});

export { expect };

export async function call<T = unknown>(server: ServerInfo, method: string, input: unknown): Promise<T> {
  return api<T>(server, method, input);
}

/** Save a full-page screenshot as test-results/screens/<name>-<w>x<h>.png and check the page fits the width. */
export async function screen(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const vp = page.viewportSize()!;
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${vp.width}x${vp.height}.png`) });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect.soft(overflow, `${name}：页面不应出现横向滚动条`).toBeLessThanOrEqual(0);
}

/**
 * Latin words (3+ letters) in the page's text — the UI must be all Chinese. Text the user or the system supplied
 * (file paths, the OS user name in the audit log) is marked `data-raw` and left out.
 */
export async function englishWords(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[data-raw], script, style')) continue;
      out.push(n.textContent ?? '');
    }
    // antd's own icon names and widget roles (aria-label="search", "segmented control") are not shown
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (el.closest('[data-raw], .anticon') || el.matches('.ant-segmented, [role="listbox"]')) continue;
      for (const a of ['placeholder', 'title', 'aria-label']) out.push(el.getAttribute(a) ?? '');
    }
    return out.join(' ');
  });
  // key names are written in Latin letters on Chinese keyboards too (Ctrl+S, Esc)
  const keys = new Set(['Ctrl', 'Shift', 'Alt', 'Esc', 'Enter', 'Tab']);
  return [...new Set(text.match(/[A-Za-z]{3,}/g) ?? [])].filter((w) => !keys.has(w));
}
