// Issue 18 items 4 and 5 in the browser: attachments added with the file picker (setInputFiles) and by dropping,
// ordered from the keyboard, refused when empty or over the limit, deleted to the 回收站 and back; then the case
// card and the ledger page printed (page.emulateMedia print): only the A4 sheet shows, the app does not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, englishWords, expect, screen, SCREENS_DIR, test } from './fixtures';

const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n${'x'.repeat(2000)}\n%%EOF\n`);

test('附件：选择文件与拖入添加、键盘调整顺序、空文件和超大文件被拒、删除后从回收站恢复；打印案件卡片和台账本页', async ({ page, open, server }) => {
  test.setTimeout(150_000);
  // printing in the test: the browser's dialog would wait for a person; count the calls instead
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  const rec = await call<{ id: string }>(server, 'ledger.create', {
    kind: 'reconsideration',
    // a closed case of 2019: no deadline on the board and no figure of the years other specs count
    values: {
      caseNo: '（2019）附件测试第1号',
      receivedOn: '2019-09-16',
      applicant: '某某商贸有限公司',
      applicantType: '法人',
      respondent: '县市场监督管理局',
      intake: '受理',
      acceptedOn: '2019-09-23',
      procedure: '普通程序',
      handler: '李明',
      closedOn: '2019-11-15',
      servedOn: '2019-11-18',
      disposition: '维持',
      copySentOn: '2019-09-25',
      answerReceivedOn: '2019-10-10',
    },
  });
  await call(server, 'case.addParty', {
    kind: 'reconsideration',
    id: rec.id,
    party: { role: '申请人', partyType: '法人', name: '某某商贸有限公司', idNo: '91330100MA2ABCDE1X' },
  });
  await open(`#/ledger/reconsideration?id=${rec.id}`);
  const drawer = page.getByTestId('record-drawer');
  await expect(drawer).toContainText('（2019）附件测试第1号');

  // the tab from the keyboard
  await drawer.getByRole('tab', { name: '附件' }).focus();
  await page.keyboard.press('Enter');
  const box = drawer.getByTestId('attachments');
  await expect(box).toContainText('暂无附件');

  // 类别 for the next files, typed and chosen with Enter
  await box.getByTestId('attach-role').locator('input').fill('申请书');
  await page.keyboard.press('Enter');
  await box.getByTestId('attach-input').setInputFiles([
    { name: '行政复议申请书.pdf', mimeType: 'application/pdf', buffer: pdf('申请书') },
    { name: '营业执照.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array(3000).fill(7)]) },
  ]);
  const main = box.getByTestId('attach-table-正卷');
  await expect(main.getByTestId('attach-name')).toHaveText(['行政复议申请书.pdf', '营业执照.jpg']);
  await expect(page.locator('.ant-message')).toContainText('已添加 2 个附件');

  // dropped on the zone
  await box.getByTestId('attach-volume').locator('input').fill('副卷');
  await page.keyboard.press('Enter');
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['谈话笔录：申请人称……'], '谈话笔录.txt', { type: 'text/plain' }));
    return d;
  });
  await box.getByTestId('attach-drop').dispatchEvent('drop', { dataTransfer: dt });
  await expect(box.getByTestId('attach-table-副卷').getByTestId('attach-name')).toHaveText(['谈话笔录.txt']);

  // order from the keyboard: 营业执照 up
  await main.getByRole('button', { name: '上移营业执照.jpg' }).focus();
  await page.keyboard.press('Enter');
  await expect(main.getByTestId('attach-name')).toHaveText(['营业执照.jpg', '行政复议申请书.pdf']);

  // an empty file and one over 100 MB are refused in Chinese; the list stays as it was
  await box.getByTestId('attach-input').setInputFiles({ name: '空白扫描.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
  await expect(page.getByTestId('attach-error').first()).toHaveText('文件“空白扫描.pdf”是空的（0 字节），未添加。请确认扫描或复制已完成后再添加');
  const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-')), '全卷扫描.pdf');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, 100 * 1024 * 1024 + 1);
  await box.getByTestId('attach-input').setInputFiles(big);
  await expect(page.getByTestId('attach-error').filter({ hasText: '全卷扫描.pdf' })).toContainText('超过单个附件 100 MB 的上限，未添加');
  await expect(main.getByTestId('attach-name')).toHaveText(['营业执照.jpg', '行政复议申请书.pdf']);
  const listed = await call<{ live: unknown[] }>(server, 'attach.list', { kind: 'reconsideration', id: rec.id });
  expect(listed.live).toHaveLength(3);

  // delete to the 回收站 and back
  await main.getByRole('button', { name: '删除营业执照.jpg' }).click();
  await page.getByTestId('confirm-delete-attachment').click();
  await expect(main.getByTestId('attach-name')).toHaveText(['行政复议申请书.pdf']);
  const bin = box.getByTestId('attach-bin');
  await bin.getByText('回收站（1 个已删除的附件）').click();
  await bin.getByRole('button', { name: '恢复营业执照.jpg' }).click();
  await expect(main.getByTestId('attach-name')).toHaveText(['行政复议申请书.pdf', '营业执照.jpg']);
  await expect(box.getByTestId('attach-bin')).toHaveCount(0);
  await screen(page, 'attachments-tab');
  expect(await englishWords(page)).toEqual([]);

  // print the case card: only the A4 sheet shows in print
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await drawer.getByTestId('print-card').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const card = page.getByTestId('print-sheet-card');
  await expect(card).toBeVisible();
  await expect(drawer).toBeHidden();
  await expect(card.locator('h1')).toHaveText('行政复议案件卡片');
  await expect(card).toContainText('（2019）附件测试第1号');
  await expect(card).toContainText('91330100MA2ABCDE1X');
  await expect(card.locator('section', { hasText: '卷内目录' }).locator('tbody tr')).toHaveCount(3);
  // A4 at 96 dpi minus the margins: the sheet fits the page width
  const width = await card.evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(0);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: path.join(SCREENS_DIR, 'print-case-card.png'), fullPage: true });
  const pdfBytes = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  fs.writeFileSync(path.join(SCREENS_DIR, 'print-case-card.pdf'), pdfBytes);
  expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');

  // the ledger page
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.evaluate(() => (location.hash = '#/ledger/reconsideration?year=all'));
  await expect(page.getByTestId('list-scope')).toContainText('全部年度');
  // all years (the case is of 2019), then print from the keyboard (a tooltip of the header may lie over the button after the drawer closed)
  await page.getByTestId('print-ledger').focus();
  await page.keyboard.press('Enter');
  await page.emulateMedia({ media: 'print' });
  const sheet = page.getByTestId('print-sheet-ledger');
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('h1')).toHaveText('行政复议案件台账');
  await expect(sheet.locator('tbody')).toContainText('（2019）附件测试第1号');
  await expect(sheet.locator('.print-sub')).toContainText('全部年度');
  await expect(page.getByTestId('ledger-reconsideration')).toBeHidden();
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.screenshot({ path: path.join(SCREENS_DIR, 'print-ledger-page.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1366, height: 768 });

  // the backup settings tell how much the attachments take
  await page.evaluate(() => (location.hash = '#/settings'));
  await page.getByRole('tab', { name: '数据与备份' }).click();
  await expect(page.getByTestId('attachment-backup-note')).toContainText(/附件 \d+ 个（\d+ 个文件，共 .+），保存在 .+\.files/);
});
