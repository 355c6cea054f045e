// antd's styles come from the stylesheet generated at build time for renderer/src/theme.ts (zeroRuntime): the window
// must not generate component styles (that is what made the first screen slow, docs/performance.md), and the
// stylesheet it loads must carry the theme's colours and sizes.
import type { Page } from '@playwright/test';
import { THEME } from '../../renderer/src/theme';
import { expect, test } from './fixtures';

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/**
 * Rules antd put in <style> elements at run time that set anything but CSS variables. With zeroRuntime antd still
 * writes its CSS variables (the same values as the stylesheet); without it, every component's rules appear here.
 */
async function runtimeRules(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    // @ant-design/cssinjs marks its elements (not index.html's own, nor the dialogs' scroll lock)
    for (const el of document.querySelectorAll('style[data-css-hash]')) {
      const walk = (rules: CSSRuleList) => {
        for (const r of rules) {
          if (r instanceof CSSStyleRule && [...r.style].some((p) => !p.startsWith('--'))) out.push(r.cssText.slice(0, 120));
          else if ('cssRules' in r && !(r instanceof CSSStyleRule)) walk((r as CSSGroupingRule).cssRules);
          else if (r instanceof CSSKeyframesRule || r instanceof CSSFontFaceRule) out.push(r.cssText.slice(0, 120));
        }
      };
      walk((el as HTMLStyleElement).sheet!.cssRules);
    }
    return out;
  });
}

test('主题：样式来自构建时生成的样式表，运行时不生成组件样式，颜色与 theme.ts 一致', async ({ page, open }) => {
  await open('#/desk');
  await expect(page.getByTestId('deadline-board').locator('tbody tr.ant-table-row').first()).toBeVisible();

  // the stylesheet the page loaded declares the theme's values under its variables' class
  const css = await page.evaluate(async () => {
    const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
    return (await Promise.all(links.map(async (l) => (await fetch(l.href)).text()))).join('\n');
  });
  const key = THEME.cssVar.key;
  expect(css).toContain(`.${key}{`);
  expect(css).toContain(`--ant-color-primary:${THEME.token.colorPrimary}`);
  expect(css).toContain(`.${key}.ant-table-css-var{`);
  expect(css).toContain(`--ant-table-header-bg:${THEME.components.Table.headerBg}`);
  expect(css).toContain(`--ant-menu-item-selected-bg:${THEME.components.Menu.itemSelectedBg}`);
  expect(await page.locator(`.${key}`).count()).toBeGreaterThan(0);

  // what the clerk sees
  await expect(page.locator('.ant-layout-header').first()).toHaveCSS('background-color', rgb(THEME.components.Layout.headerBg));
  await expect(page.locator('.ant-menu-item-selected').first()).toHaveCSS('background-color', rgb(THEME.components.Menu.itemSelectedBg));
  await expect(page.locator('.ant-menu-item-selected').first()).toHaveCSS('color', rgb(THEME.components.Menu.itemSelectedColor));
  await expect(page.locator('.ant-menu-item').first()).toHaveCSS('height', `${THEME.components.Menu.itemHeight}px`);
  await expect(page.getByTestId('deadline-board').locator('thead th').first()).toHaveCSS('background-color', rgb(THEME.components.Table.headerBg));
  expect(await runtimeRules(page)).toEqual([]);

  // a ledger page, its primary button and a dialog: still nothing generated
  await open('#/ledger/contract');
  const add = page.getByTestId('new-record');
  await expect(add).toHaveCSS('background-color', rgb(THEME.token.colorPrimary));
  await expect(add).toHaveCSS('border-radius', `${THEME.token.borderRadius}px`);
  await add.click();
  await expect(page.getByTestId('save-record')).toBeVisible();
  await expect(page.getByTestId('save-record')).toHaveCSS('background-color', rgb(THEME.token.colorPrimary));
  expect(await runtimeRules(page)).toEqual([]);
});
