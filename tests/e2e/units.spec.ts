// Units and 数据包 in the browser (issue 20): a department's own data file (made with the command line, as a
// department's computer would) sends its package; in the shared browser-mode server the unit is added to the tree
// by keyboard, the package is picked, its preview shows what it adds, it is received, the 上报 status says so,
// the statistics' 全部 scope counts the department's cases, and a received row is read-only in the ledger.
// The package's year is long past (THIS_YEAR − 6), so the other specs' figures of this year and last stay as seeded.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, englishWords, expect, screen, test } from './fixtures';
import { THIS_YEAR } from './seed-data';

const YEAR = THIS_YEAR - 6;
const DEPT = 'e2e某县交通运输局';
const root = path.resolve(import.meta.dirname, '..', '..');

function fazhi(...args: string[]): { code: number | null; err: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'fazhi.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, err: r.stderr };
}

/** The department's data file and its package for YEAR: three lawsuits, one with the head in court. */
function departmentPackage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-dept-'));
  const db = path.join(dir, 'dept.db');
  const csv = path.join(dir, 'cases.csv');
  fs.writeFileSync(
    csv,
    `\uFEFF案号,审级,收案日期,原告,被告,开庭次数,负责人出庭次数\n${[1, 2, 3].map((i) => `(${YEAR})e2e交行初${i}号,一审,${YEAR}-0${i}-10,原告${i},${DEPT},1,${i === 1 ? 1 : 0}`).join('\n')}\n`,
  );
  for (const args of [
    ['import', csv, '--db', db, '--kind', 'litigation'],
    ['settings', '--db', db, '--set', `单位名称=${DEPT}`],
    ['package', '--db', db, '--year', String(YEAR), '--out', path.join(dir, 'dept.fzpkg')],
  ]) {
    const r = fazhi(...args);
    expect(r.code, r.err).toBe(0);
  }
  return path.join(dir, 'dept.fzpkg');
}

test('单位与上报：键盘新增单位，选择数据包、预览、接收；上报情况、统计范围和只读记录', async ({ page, server, open }) => {
  const pkg = departmentPackage();
  const before = await call<{ values: Record<string, { value: number | null }> }>(server, 'stats.year', { year: YEAR, scope: '全部' });

  await open('#/units');
  await expect(page.getByRole('heading', { name: '单位与上报' })).toBeVisible();
  // the unit tree, by keyboard: 新增下级 on the own unit, type the name, Enter saves
  const tree = page.getByTestId('unit-tree');
  const own = tree.locator('tr', { has: page.getByText('本单位', { exact: true }) }).first();
  await own.getByRole('button', { name: '新增下级' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('单位名称')).toBeFocused();
  await page.keyboard.type(DEPT);
  await page.keyboard.press('Enter');
  await expect(tree.getByTestId(`unit-${DEPT}`)).toBeVisible();

  // receive: pick the file, see what it adds, confirm
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('pick-package').click()]);
  await chooser.setFiles(pkg);
  const preview = page.getByTestId('package-preview');
  await expect(preview).toContainText(DEPT);
  await expect(preview.locator('tr', { hasText: '行政应诉案件台账' })).toContainText('3');
  await screen(page, 'units-preview');
  expect(await englishWords(page)).toEqual([]);
  await page.getByTestId('confirm-receive').click();
  await expect(page.getByText(`已接收“${DEPT}”的数据包：新增 3`)).toBeVisible();

  // the status of YEAR: the department has sent
  await page.getByLabel('上报情况的年度').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${YEAR}年$`) })
    .click();
  const status = page.getByTestId('unit-status');
  await expect(status.locator('tr', { hasText: DEPT })).toContainText('已上报');
  await screen(page, 'units-page');

  // the API agrees: 全部 counts the department's three cases on top of what it counted before
  const after = await call<{ values: Record<string, { value: number | null }> }>(server, 'stats.year', { year: YEAR, scope: '全部' });
  expect(after.values['行政应诉.收案数'].value).toBe((before.values['行政应诉.收案数'].value ?? 0) + 3);

  // a received row: shown under 全部, read-only
  await open(`#/ledger/litigation?year=${YEAR}`);
  const scope = page.getByTestId('ledger-scope');
  await scope.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '全部（含下级单位）' }).click();
  // the 填报单位 column, last: the department's name on its rows (the tree has units besides the own one)
  const grid = page.getByTestId('ledger-table');
  expect((await grid.getByRole('columnheader').allInnerTexts()).map((h) => h.trim()).at(-1)).toBe('填报单位');
  await expect(grid.getByRole('row').filter({ hasText: 'e2e交行初1号' }).getByRole('gridcell').last()).toHaveText(DEPT);
  await page.getByText(/e2e交行初1号/).click();
  await expect(page.getByTestId('received-row')).toBeVisible();
  await expect(page.getByTestId('edit-record')).toBeDisabled();
  await expect(page.getByTestId('delete-record')).toBeDisabled();
  await screen(page, 'units-received-row');

  // the year-end report of YEAR: 全部 by default (the department's three lawsuits counted), 本级 without them
  await open('#/report');
  // the visible dropdown only (the 上报情况 year select left its own hidden list of the same years); a click made
  // while the list is still sliding in can miss, so the choice is tried until the switcher shows it
  await expect(async () => {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await page.getByTestId('year-switcher').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: `${YEAR}年` })
      .click({ timeout: 2000 });
    await expect(page.getByTestId('year-switcher')).toContainText(`${YEAR}年`, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId('report-preview')).toContainText(`关于${YEAR}年度法治政府建设情况的报告`);
  const reportScope = page.getByTestId('report-scope');
  await expect(reportScope).toContainText('全部（含下级单位）');
  const all = `全年办理行政应诉案件${after.values['行政应诉.收案数'].value}件`;
  await expect(page.getByTestId('report-preview')).toContainText(all);
  await reportScope.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: /^本级$/ })
    .click();
  await expect(page.getByTestId('report-preview')).not.toContainText(all);
  await screen(page, 'units-report-scope');
});
