// The shell opens in browser mode, every navigation entry leads to its screen, the 工作台 shows each ledger's
// row count as the API reports it, and nothing logs a console error. Screens are saved at 1366×768 and 1920×1080.
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { call, englishWords, expect, screen, test } from './fixtures';

const NAV = ['工作台', '规范性文件', '重大行政决策', '合同审查', '行政复议', '行政应诉', '案卷评查', '年度数据', '统计分析', '年度报告', '回收站', '设置'];

test('工作台显示各台账条数（与接口一致），无控制台错误', async ({ page, server, open }) => {
  const info = await call<{ counts: Record<string, number> }>(server, 'app.info', {});
  await open('#/desk');
  for (const k of LEDGER_KINDS) {
    const card = page.getByTestId(`count-${k}`);
    await expect(card).toContainText(LEDGERS[k].shortName);
    await expect(card).toContainText(String(info.counts[k]));
  }
  expect(info.counts.reconsideration).toBeGreaterThan(0);
  // the token was taken out of the address bar
  expect(page.url()).not.toContain('token=');
});

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`每个页面都能打开，全部中文、无横向滚动（${size.width}×${size.height}）`, async ({ page, open }) => {
    await page.setViewportSize(size);
    await open('#/desk');
    const nav = page.getByRole('menu').first();
    for (const label of NAV) {
      await nav.getByText(label, { exact: true }).click();
      await expect(page.getByTestId('loading')).toHaveCount(0);
      await expect(page.locator('h2').first()).toBeVisible();
      await screen(page, `nav-${NAV.indexOf(label).toString().padStart(2, '0')}-${label}`);
      expect.soft(await englishWords(page), `${label}：界面上不应有英文`).toEqual([]);
    }
    // every tab of 设置
    for (const tab of ['单位信息', '期限与统计口径', '案卷评查', '节假日', '数据与备份', '操作日志']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByTestId('loading')).toHaveCount(0);
      await screen(page, `settings-tab-${tab}`);
      expect.soft(await englishWords(page), `设置 · ${tab}：界面上不应有英文`).toEqual([]);
    }
    // the search dialog, empty
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('search-input')).toBeVisible();
    await screen(page, 'search-empty');
    expect(await englishWords(page), '全局搜索：界面上不应有英文').toEqual([]);
    await page.keyboard.press('Escape');
  });
}
