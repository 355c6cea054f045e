// The import wizard (issue 14) in Chromium with an office-shaped sheet: a title row and a 填报单位 line above the
// header, 序号, the office's own column names, a column that fits two fields, a result word that is no option,
// an extra column and a 合计 row. The mapping step shows each column's confidence; the ambiguous column and the
// unknown word are settled with the keyboard, once; the rows are imported and appear in the ledger.
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { call, expect, screen, test } from './fixtures';
import { THIS_YEAR } from './seed-data';

type List = { total: number; rows: { id: string; values: Record<string, unknown> }[] };

async function officeSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([`${THIS_YEAR}年某某县行政复议案件台账`]);
  ws.mergeCells('A1:J1');
  ws.addRow(['填报单位：某某县司法局']);
  ws.addRow(['序号', '案号', '申请人', '被复议机关', '案由', '收案日期', '日期', '结案方式', '经办人', '卷宗号']);
  const d = (m: number, day: number) => new Date(Date.UTC(THIS_YEAR, m - 1, day));
  ws.addRow([1, `向导〔${THIS_YEAR}〕1号`, '向导甲', '县市场监督管理局', '行政处罚', d(1, 6), d(3, 1), '调处', '李四', 'J-1']);
  ws.addRow([2, `向导〔${THIS_YEAR}〕2号`, '向导乙', '县公安局', '行政处罚', `${THIS_YEAR}/2/10`, d(4, 10), '驳回', '王五', 'J-2']);
  ws.addRow([3, `向导〔${THIS_YEAR}〕3号`, '向导丙', '县自然资源局', '行政许可', `${THIS_YEAR}年3月3日`, d(5, 20), '调处', '李四', 'J-3']);
  ws.addRow(['合计', null, null, null, '3件']);
  ws.mergeCells('A7:D7');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Choose an option of an antd Select with the keyboard: focus, type, Enter. */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('导入向导：单位自己的表格——列对应显示可信度，未知写法只指定一次，导入后记录出现在台账中', async ({ page, server, open }) => {
  const before = await call<List>(server, 'ledger.list', { kind: 'reconsideration', q: '向导', pageSize: 10 });
  expect(before.total).toBe(0);
  await open('#/ledger/reconsideration');
  await expect(page.getByTestId('ledger-reconsideration')).toBeVisible();
  await page.getByTestId('import-button').click();
  const dlg = page.getByTestId('import-dialog');
  await expect(dlg).toBeVisible();
  await screen(page, 'import-wizard-0-file');
  const chooser = page.waitForEvent('filechooser');
  await dlg.getByTestId('import-choose').click();
  await (
    await chooser
  ).setFiles({ name: '复议台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await officeSheet() });

  // 列对应: the header row found under the title, each column with how it was matched and how sure
  const cols = dlg.getByTestId('import-columns');
  await expect(cols).toBeVisible();
  const row = (header: string) => cols.locator('tr', { has: page.getByText(header, { exact: true }) });
  await expect(row('案号').getByTestId('import-confidence')).toHaveText('列名一致 100%');
  await expect(row('被复议机关').getByTestId('import-confidence')).toHaveText('常用别名 90%');
  await expect(row('收案日期').getByTestId('import-confidence')).toHaveText('常用别名 90%');
  await expect(row('序号').getByTestId('import-confidence')).toHaveText('序号列 100%');
  await expect(row('日期').getByTestId('import-confidence')).toContainText('有多个可能');
  await expect(row('卷宗号').getByTestId('import-confidence')).toHaveText('未识别');
  await expect(dlg.getByTestId('import-header-errors')).toContainText('列“日期”可对应多个字段');
  await screen(page, 'import-wizard-1-columns');
  await pick(page, 'import-map-日期', '审结日期');
  await expect(row('日期').getByTestId('import-confidence')).toHaveText('已指定 100%');
  await expect(dlg.getByTestId('import-header-errors')).toHaveCount(0);
  await dlg.getByTestId('import-next').click();

  // 取值对应: 调处 (twice in the sheet) is asked once; 驳回 is a known word and is not asked
  const values = dlg.getByTestId('import-values');
  await expect(values).toBeVisible();
  await expect(values.locator('tbody tr')).toHaveCount(1);
  await expect(values).toContainText('调处');
  await expect(values).toContainText('2');
  await pick(page, 'import-value-调处', '调解');
  await screen(page, 'import-wizard-2-values');
  await dlg.getByTestId('import-next').click();

  // 预览: every row checked, the title and 合计 rows and the extra column said, then import
  await expect(dlg.getByTestId('import-summary')).toContainText('共 3 行，检查通过，可以导入：新增 3 条');
  await expect(dlg.getByTestId('import-notices')).toContainText('“卷宗号”不是本台账的列');
  await expect(dlg.getByTestId('import-notices')).toContainText('第7行是合计、小计或表尾');
  await expect(dlg.getByTestId('import-notices')).toContainText('表头在第3行，第1、2行是标题或填报说明');
  await screen(page, 'import-wizard-3-preview');
  await dlg.getByTestId('import-confirm').click();
  await expect(dlg.getByTestId('import-result')).toContainText('已导入 3 条');
  // the result offers 撤销本次导入; 完成 has the focus: Enter closes
  await expect(dlg.getByTestId('import-undo')).toBeVisible();
  await expect(dlg.getByTestId('import-done')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dlg).toBeHidden();

  const after = await call<List>(server, 'ledger.list', { kind: 'reconsideration', q: '向导', pageSize: 10 });
  expect(after.total).toBe(3);
  const one = after.rows.find((r) => r.values.caseNo === `向导〔${THIS_YEAR}〕1号`)!;
  expect(one.values).toMatchObject({
    respondent: '县市场监督管理局',
    closedOn: `${THIS_YEAR}-03-01`,
    disposition: '调解',
    handler: '李四',
    note: '卷宗号：J-1',
  });
  expect(after.rows.find((r) => r.values.caseNo === `向导〔${THIS_YEAR}〕2号`)!.values.disposition).toBe('驳回复议请求');
  // the rows appear in the list
  await open(`#/ledger/reconsideration?id=${one.id}`);
  await expect(page.getByText('向导甲').first()).toBeVisible();
  await screen(page, 'import-wizard-4-imported');

  // the same layout next time: the mapping chosen is offered, nothing to choose again
  await open('#/ledger/reconsideration');
  await page.getByTestId('import-button').click();
  const again = page.waitForEvent('filechooser');
  await dlg.getByTestId('import-choose').click();
  await (
    await again
  ).setFiles({ name: '复议台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await officeSheet() });
  await expect(dlg.getByTestId('import-saved-mapping')).toBeVisible();
  // the same cases again: shown as records already there, the same as the sheet
  await expect(dlg.getByTestId('import-summary')).toContainText('与台账相同的 3 条');
});
