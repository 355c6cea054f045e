// Issue 18, first part: the case file in the record drawer — two parties added from the keyboard in 当事人, a
// 中止 period in 案件进程, the timeline showing it with the 审理期限 it moved, and the drawer at 1366×768.
import { call, expect, screen, test } from './fixtures';

test('案卷：在抽屉中添加两名当事人和一段中止期间，案件进程随之显示', async ({ page, open, server }) => {
  const rec = await call<{ id: string; values: Record<string, unknown> }>(server, 'ledger.create', {
    kind: 'reconsideration',
    values: {
      caseNo: '（2025）案卷测试第1号',
      receivedOn: '2025-09-15',
      applicant: '某某商贸有限公司',
      applicantType: '法人',
      respondent: '县市场监督管理局',
      intake: '受理',
      acceptedOn: '2025-09-26',
      procedure: '普通程序',
      answerNoticeOn: '2025-09-30',
      hearing: true,
      hearingOn: '2025-10-20',
      hearingPlace: '第一听证室',
    },
  });
  await open(`#/ledger/reconsideration?id=${rec.id}`);
  const drawer = page.getByTestId('record-drawer');
  await expect(drawer).toContainText('（2025）案卷测试第1号');

  await drawer.getByRole('tab', { name: '当事人' }).click();
  const form = drawer.getByTestId('party-form');
  // 1: the applicant, typed: role chosen by typing and Enter, then Tab from field to field, Enter adds
  await form.getByTestId('party-role').locator('input').fill('申请');
  await page.keyboard.press('Enter');
  await form.getByTestId('party-name').fill('某某商贸有限公司');
  await form.getByTestId('party-idno').fill('91330100MA2ABCDE1X');
  await form.getByTestId('party-name').press('Enter');
  const table = drawer.getByTestId('case-parties').locator('.ant-table-tbody');
  await expect(table.locator('tr', { hasText: '某某商贸有限公司' })).toContainText('91330100MA2ABCDE1X');
  // 2: its 代理人, pointing at it
  await form.getByTestId('party-role').locator('input').fill('代理');
  await page.keyboard.press('Enter');
  await form.getByTestId('party-name').fill('吴律师');
  await form.getByTestId('party-represents').click();
  await page.locator('.ant-select-item-option', { hasText: '某某商贸有限公司（申请人）' }).click();
  await form.getByTestId('add-party').click();
  await expect(table.locator('tr', { hasText: '吴律师' })).toContainText('代理：某某商贸有限公司');
  await expect(table.locator('tr.ant-table-row')).toHaveCount(2);
  // a wrong 证件号码 is refused with the field named
  await form.getByTestId('party-role').locator('input').fill('第三');
  await page.keyboard.press('Enter');
  await form.getByTestId('party-name').fill('欧阳明');
  await form.getByTestId('party-idno').fill('12345');
  await form.getByTestId('add-party').click();
  await expect(page.locator('.ant-message')).toContainText('证件号码或统一社会信用代码应为 18 位');
  await expect(table.locator('tr.ant-table-row')).toHaveCount(2);

  await drawer.getByRole('tab', { name: '案件进程' }).click();
  const steps = drawer.getByTestId('case-timeline');
  await expect(steps).toContainText('受理');
  await expect(steps).toContainText('审理期限：2025-11-25');
  await drawer.getByTestId('suspension-from').fill('2025-10-27');
  await drawer.getByTestId('suspension-to').fill('2025-11-03');
  await drawer.getByTestId('suspension-reason').fill('等待鉴定结论');
  await drawer.getByTestId('suspension-reason').press('Enter');
  await expect(steps).toContainText('中止审理：等待鉴定结论');
  await expect(steps).toContainText('恢复审理（中止 7 日不计入审理期限）');
  // 60 days + 7 suspended: 2025-12-02
  await expect(steps).toContainText('审理期限：2025-12-02');
  await expect(drawer.getByTestId('case-suspensions')).toContainText('中止天数 7 日');
  // the steps are in date order
  const dates = await steps.getByTestId('timeline-step').evaluateAll((els) => els.map((e) => e.textContent!.slice(0, 10)));
  expect(dates).toEqual([...dates].sort());
  // the toasts gone, the drawer as the clerk sees it: the timeline, then the parties
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await screen(page, 'case-file-timeline');
  await drawer.getByRole('tab', { name: '当事人' }).click();
  await screen(page, 'case-file-parties');

  // the record itself follows, and the history says what happened to the case file
  await drawer.getByRole('tab', { name: '详细信息' }).click();
  await expect(drawer.getByTestId('record-details')).toContainText('2025-12-02');
  await drawer.getByRole('tab', { name: /修改记录/ }).click();
  await expect(drawer.getByTestId('record-history')).toContainText('新增当事人“吴律师”（代理人）');
  await expect(drawer.getByTestId('record-history')).toContainText('登记中止期间 2025-10-27 至 2025-11-03');
  // Ctrl+K-style search finds the case by the 代理人's name
  const found = await call<{ rows: { id: string }[] }>(server, 'ledger.list', { kind: 'reconsideration', q: '吴律师' });
  expect(found.rows.map((r) => r.id)).toEqual([rec.id]);

  // the run's data file is shared: the case leaves no trace for the year counts of later tests
  await call(server, 'ledger.delete', { kind: 'reconsideration', ids: [rec.id] });
  await call(server, 'ledger.purge', { kind: 'reconsideration', ids: [rec.id], confirm: '彻底删除' });
});
