// 撤销本次导入 (issue 16) in Chromium: the import dialog ends on its result, and 撤销本次导入 takes the import back
// (its rows into the 回收站) with the keyboard; in 设置 · 数据与备份 the latest imports are listed, and undoing one
// whose record was edited since is refused, naming the record by its 案号.
import { call, expect, screen, test } from './fixtures';
import { THIS_YEAR } from './seed-data';

type List = { total: number; rows: { id: string; version: number; values: Record<string, unknown> }[] };

test('撤销本次导入：导入结果中撤销，记录移入回收站；设置中列出最近的导入，导入后改过的记录使撤销被拒绝', async ({ page, server, open }) => {
  const csv = `案号,收到申请日期,申请人,被申请人\n撤销〔${THIS_YEAR}〕1号,${THIS_YEAR}-02-03,撤销甲,某县公安局\n撤销〔${THIS_YEAR}〕2号,${THIS_YEAR}-02-04,撤销乙,某县公安局\n`;
  await open('#/ledger/reconsideration');
  await page.getByTestId('import-button').click();
  const dlg = page.getByTestId('import-dialog');
  const chooser = page.waitForEvent('filechooser');
  await dlg.getByTestId('import-choose').click();
  await (await chooser).setFiles({ name: '撤销试验.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(dlg.getByTestId('import-summary')).toContainText('共 2 行，检查通过');
  await dlg.getByTestId('import-confirm').click();
  await expect(dlg.getByTestId('import-result')).toContainText('已导入 2 条');
  await expect(dlg.getByTestId('import-result')).toContainText('撤销本次导入');
  expect((await call<List>(server, 'ledger.list', { kind: 'reconsideration', q: '撤销〔' })).total).toBe(2);
  await screen(page, 'undo-import-result');

  // keyboard: 完成 has the focus; Shift+Tab reaches 撤销本次导入, Enter asks, Enter confirms
  await expect(dlg.getByTestId('import-done')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dlg.getByTestId('import-undo')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('undo-import-confirm')).toContainText('新增的 2 条移入回收站');
  await screen(page, 'undo-import-confirm');
  await expect(page.getByTestId('undo-import-ok')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已撤销导入：2 条移入回收站')).toBeVisible();
  await expect(dlg).toBeHidden();
  expect((await call<List>(server, 'ledger.list', { kind: 'reconsideration', q: '撤销〔' })).total).toBe(0);
  expect((await call<List>(server, 'ledger.list', { kind: 'reconsideration', q: '撤销〔', deleted: true })).total).toBe(2);

  // another import, one of its records edited since: undo from 设置 is refused and names it
  const again = `案号,收到申请日期,申请人,被申请人\n撤销〔${THIS_YEAR}〕3号,${THIS_YEAR}-02-05,撤销丙,某县公安局\n`;
  const r = await call<{ importId: number }>(server, 'exchange.import', {
    kind: 'reconsideration',
    fileName: '第二批.csv',
    content: Buffer.from(again, 'utf8').toString('base64'),
  });
  const rec = (await call<List>(server, 'ledger.list', { kind: 'reconsideration', q: '撤销丙' })).rows[0];
  await call(server, 'ledger.update', { kind: 'reconsideration', id: rec.id, version: rec.version, values: { ...rec.values, applicant: '撤销丙（已更正）' } });
  await open('#/settings?tab=data');
  const history = page.getByTestId('import-history');
  await expect(history).toContainText('第二批.csv');
  await expect(history).toContainText('撤销试验.csv');
  await expect(history.locator('tr', { hasText: '撤销试验.csv' })).toContainText('已于');
  await screen(page, 'undo-import-history');
  await history.getByTestId(`undo-import-${r.importId}`).click();
  await expect(page.getByTestId('undo-import-ok')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('undo-import-refused')).toContainText(`案号“撤销〔${THIS_YEAR}〕3号”已被修改`);
  await expect(page.getByTestId('undo-import-refused')).toContainText('没有做任何改动');
  await screen(page, 'undo-import-refused');
  expect((await call<List>(server, 'ledger.list', { kind: 'reconsideration', q: '撤销丙' })).total).toBe(1);
});
