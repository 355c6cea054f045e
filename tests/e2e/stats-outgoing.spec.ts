// The statistics page's documents that leave the office (issue 15 item 10): the 上报统计表 dialog shows the balance
// checks of the API before export, the 备案目录 dialog downloads the catalogue, and the 清理 by type table shows the
// catalogue's per-type figures. Against the seeded browser-mode server; screenshots at 1366×768.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { call, expect, screen, test } from './fixtures';
import { THIS_YEAR } from './seed-data';

type Form = { form: { title: string; columns: { no: number; item: string; part: string | null; value: number }[]; checks: { ok: boolean; text: string }[] } };

test('上报统计表：导出前显示平衡校验（与接口一致），备案目录可下载；清理按类型列出', async ({ page, server, open }) => {
  const docs = [
    { title: 'e2e关于公共停车场管理的办法', docNo: `e2e规〔${THIS_YEAR}〕1号`, publishedOn: `${THIS_YEAR}-01-05`, filedGovOn: `${THIS_YEAR}-01-20` },
    {
      title: 'e2e公平竞争审查清理后废止的规定',
      docNo: `e2e规〔${THIS_YEAR}〕2号`,
      publishedOn: `${THIS_YEAR}-01-06`,
      filedCongressOn: `${THIS_YEAR}-01-25`,
      status: '已废止',
      cleanupType: '公平竞争审查',
      cleanupOn: `${THIS_YEAR}-01-28`,
    },
  ];
  for (const d of docs) {
    await call(server, 'ledger.create', {
      kind: 'normative',
      values: { reviewType: '合法性审核', drafter: 'e2e县交通运输局', receivedOn: `${THIS_YEAR}-01-02`, ...d },
    });
  }
  const api = await call<Form>(server, 'outgoing.statsForm', { year: THIS_YEAR, kind: 'reconsideration' });
  const stats = await call<{ values: Record<string, { value: number }> }>(server, 'stats.year', { year: THIS_YEAR });

  await open('#/stats');
  const cleanup = page.getByTestId('cleanup-by-type');
  const row = cleanup.locator('tr', { hasText: '公平竞争审查' });
  await expect(row).toContainText(`${stats.values[`规范性文件.清理.公平竞争审查.废止`].value}（`);

  await page.getByTestId('open-stats-form').click();
  const dialog = page.getByTestId('stats-form-dialog');
  const checks = dialog.getByTestId('stats-form-checks');
  for (const c of api.form.checks) await expect(checks.getByTestId(c.ok ? 'check-ok' : 'check-failed').filter({ hasText: c.text })).toBeVisible();
  await expect(dialog.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(api.form.columns.length);
  await screen(page, 'stats-form-dialog');

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('stats-form-export').click()]);
  expect(download.suggestedFilename()).toBe(`${api.form.title}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const values = (wb.worksheets[0].getRow(5).values as unknown[]).slice(2);
  expect(values).toEqual(api.form.columns.map((c) => c.value));

  // the 行政应诉 form: switching asks for its checks
  await dialog.locator('.ant-segmented-item', { hasText: '行政应诉' }).click();
  const lit = await call<Form>(server, 'outgoing.statsForm', { year: THIS_YEAR, kind: 'litigation' });
  await expect(checks.getByTestId(lit.form.checks[0].ok ? 'check-ok' : 'check-failed').filter({ hasText: lit.form.checks[0].text })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('open-catalogue').click();
  const cat = page.getByTestId('catalogue-dialog');
  await expect(cat.getByTestId('catalogue-xlsx')).toBeVisible();
  await screen(page, 'catalogue-dialog');
  const [file] = await Promise.all([page.waitForEvent('download'), cat.getByTestId('catalogue-xlsx').click()]);
  expect(file.suggestedFilename()).toMatch(/规范性文件备案目录\.xlsx$/);
  const cw = new ExcelJS.Workbook();
  await cw.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const titles: string[] = [];
  cw.worksheets[0].eachRow((r, n) => {
    if (n > 1) titles.push(String(r.getCell(2).value));
  });
  for (const d of docs) expect(titles).toContain(d.title);
});

test('规范性文件表单：公布后过了报备期限仍未报备、有效期不足 6 个月时显示提醒（来自台账声明，表单未改）', async ({ page, open }) => {
  await open('#/ledger/normative');
  await expect(page.getByTestId('ledger-normative')).toBeVisible();
  await page.keyboard.press('Control+n');
  const d = page.locator('.ant-drawer-open').last();
  await expect(d.getByTestId('record-form')).toBeVisible();
  const date = async (key: string, value: string) => {
    const input = d.getByTestId(`field-${key}`).locator('input');
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    await expect(input).toHaveValue(value);
  };
  // published five years ago less two months: not filed, and 有效期至 (5 years) two months ahead
  const t = new Date();
  const p = new Date(t.getFullYear() - 5, t.getMonth() + 2, 1);
  const pub = `${p.getFullYear()}-${String(p.getMonth() + 1).padStart(2, '0')}-01`;
  await date('publishedOn', pub);
  await expect(d.getByTestId('derived-filingDueOn')).toHaveText(/\d{4}-\d{2}-\d{2}/);
  const warnings = d.getByTestId('preview-warnings');
  await expect(warnings).toContainText('仍未报备');
  await expect(warnings).toContainText('请组织评估（评估提醒）');
  // the count stays in the footer beside 保存, where the clerk is when the top alert has scrolled away
  await expect(d.getByTestId('footer-warnings')).toContainText('条提示');
  await screen(page, 'normative-form-warnings');
  await date('filedGovOn', pub);
  await expect(warnings).not.toContainText('仍未报备');
});
