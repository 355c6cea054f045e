// The desk screens against the seeded browser-mode server: the deadline board, year switching, the statistics
// page against the API, settings that persist, the 回收站, global search, 年度数据, backups and the charts'
// click-through. Every test also fails on any console error (fixtures.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { METRICS } from '../../electron/domain/metrics';
import { call, expect, screen, test } from './fixtures';
import { LAST_YEAR, OVERDUE_CASE_NO, THIS_YEAR } from './seed-data';

type Stats = { values: Record<string, { value: number | null; text: string }> };

async function chooseYear(page: import('@playwright/test').Page, year: number) {
  await page.getByTestId('year-switcher').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: `${year}年` })
    .click();
  await expect(page.getByTestId('year-switcher')).toContainText(`${year}年`);
}

test('逾期的复议案件出现在期限提醒上，点击打开该记录', async ({ page, open, server }) => {
  await open('#/desk');
  const board = page.getByTestId('deadline-board');
  const row = board.locator('tr', { hasText: OVERDUE_CASE_NO });
  await expect(row).toContainText('逾期');
  await expect(row).toContainText('审理期限');
  await expect(row).toContainText(/逾期 \d+ 日/);
  await expect(row).toContainText('行政复议法');
  // the counts are the server's, the list is one page of them
  const all = await call<{ items: unknown[]; overdue: number; soon: number }>(server, 'deadlines.board', {});
  expect(all.overdue + all.soon).toBe(all.items.length);
  await expect(board.locator('.ant-segmented-item', { hasText: /^逾期/ })).toHaveText(`逾期 ${all.overdue}`);
  await expect(board.locator('.ant-segmented-item', { hasText: /^即将到期/ })).toHaveText(`即将到期 ${all.soon}`);
  await expect(board.locator('tbody tr.ant-table-row')).toHaveCount(Math.min(8, all.items.length));
  await board.locator('.ant-segmented-item', { hasText: /^逾期/ }).click();
  await expect(board.locator('tbody tr', { hasText: '即将到期' })).toHaveCount(0);
  await row.getByRole('link', { name: OVERDUE_CASE_NO }).click();
  await expect(page).toHaveURL(/#\/ledger\/reconsideration\?id=/);
  await expect(page.locator('.ant-drawer')).toContainText(OVERDUE_CASE_NO);
});

test('打开工作台：入口先发出的请求被页面用上，每个只发一次；其他页面不发工作台的请求', async ({ page, open }) => {
  const asked: string[] = [];
  page.on('request', (r) => r.url().includes('/api/') && asked.push(decodeURIComponent(r.url().split('/api/')[1])));
  // when React first put something on the page (synchronously, at the insertion): the page's own requests come
  // after, from its effects
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRender?: number };
    for (const name of ['appendChild', 'insertBefore'] as const) {
      const orig = Node.prototype[name] as (...a: unknown[]) => unknown;
      Node.prototype[name] = function (this: Node, ...a: unknown[]) {
        if (w.__firstRender === undefined && (this as Element).id === 'root') w.__firstRender = performance.now();
        return orig.apply(this, a);
      } as never;
    }
  });
  await open('#/desk');
  await expect(page.getByTestId('key-figures')).toBeVisible();
  await expect(page.getByTestId('monthly-columns')).toBeVisible();
  await expect(page.getByTestId('deadline-board').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await page.waitForTimeout(300);
  // had an input built by the page differed from the entry's, the page would have asked a second time
  expect(asked.sort()).toEqual(['app.info', 'calendar.years', 'deadlines.board', 'settings.get', 'stats.monthly', 'stats.year', 'units.list']);
  // asked for by the entry before the page code (the shell, React and antd) had rendered anything
  const { firstRender, apiStarts } = await page.evaluate(() => ({
    firstRender: (window as unknown as { __firstRender: number }).__firstRender,
    apiStarts: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/'))
      .map((e) => e.startTime),
  }));
  expect(apiStarts).toHaveLength(7);
  for (const t of apiStarts) expect(t).toBeLessThan(firstRender);

  asked.length = 0;
  await page.goto('about:blank');
  await open('#/recycle');
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(asked.filter((m) => ['stats.year', 'stats.monthly', 'deadlines.board', 'calendar.years'].includes(m))).toEqual([]);
  expect(asked.filter((m) => m === 'app.info' || m === 'settings.get').sort()).toEqual(['app.info', 'settings.get']);
});

test('页面在加载时显示中文提示', async ({ page, open }) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/api/stats.year', async (route) => {
    await gate;
    await route.continue();
  });
  await open('#/stats');
  await expect(page.getByTestId('loading')).toContainText('正在加载');
  release();
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expect(page.getByTestId('metric-行政复议.收案数')).toBeVisible();
});

test('切换年度后主要数据随之改变，且与接口一致', async ({ page, server, open }) => {
  const cur = await call<Stats>(server, 'stats.year', { year: THIS_YEAR });
  const prev = await call<Stats>(server, 'stats.year', { year: LAST_YEAR });
  expect(cur.values['行政复议.收案数'].text).not.toBe(prev.values['行政复议.收案数'].text);
  await open('#/desk');
  const fig = page.getByTestId('figure-行政复议.收案数').getByTestId('figure-value');
  await expect(fig).toHaveText(`${cur.values['行政复议.收案数'].text}件`);
  await chooseYear(page, LAST_YEAR);
  await expect(fig).toHaveText(`${prev.values['行政复议.收案数'].text}件`);
  await expect(page.getByText(`${LAST_YEAR}年主要数据`)).toBeVisible();
  await screen(page, `desk-${LAST_YEAR}`);
});

test('统计分析页的每个指标与接口（即命令行 stats）完全一致', async ({ page, server, open }) => {
  const m = await call<Stats>(server, 'stats.year', { year: THIS_YEAR });
  await open('#/stats');
  await expect(page.getByTestId(`metric-${METRICS[0].key}`)).toBeVisible();
  const shown = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid^="metric-"]')].map((tr) => [
        tr.getAttribute('data-testid')!.slice('metric-'.length),
        ['cur', 'prev', 'change'].map((c) => tr.querySelector(`[data-testid="${c}"]`)!.textContent),
      ]),
    ),
  );
  const keys = [...METRICS.map((x) => x.key), ...Object.keys(m.values).filter((k) => k.startsWith('指标.'))];
  for (const k of keys) expect(shown[k], k).toEqual([m.values[k].text, m.values[`上年.${k}`].text, m.values[`同比.${k}`].text]);
  expect(Object.keys(shown).sort()).toEqual(keys.sort());
  // and the command line reads the same figures from the same file
  const cli = JSON.parse(
    execFileSync(
      process.execPath,
      [path.resolve(import.meta.dirname, '../../bin/fazhi.js'), 'stats', '--db', server.db, '--year', String(THIS_YEAR), '--json'],
      { encoding: 'utf8' },
    ),
  ) as Record<string, { text: string }>;
  for (const k of keys) {
    expect(cli[k].text, `命令行 ${k}`).toBe(shown[k][0]);
    expect(cli[`上年.${k}`].text, `命令行 上年.${k}`).toBe(shown[k][1]);
  }
  await screen(page, 'stats');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${THIS_YEAR}年度法治工作统计\\.xlsx$`));
});

test('设置修改后保存，刷新页面仍在，并显示在页头', async ({ page, server, open }) => {
  await open('#/settings');
  const unit = page.getByLabel('单位名称');
  await unit.fill('某某县人民政府');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('设置已保存').first()).toBeVisible();
  await expect(page.getByTestId('unit-name')).toHaveText('某某县人民政府');

  await page.getByRole('tab', { name: '期限与统计口径' }).click();
  await expect(page.getByText('“直接”只计变更、撤销')).toBeVisible();
  // the deadlines the board watches, worded with the current settings
  await expect(page.getByTestId('deadline-rules')).toContainText('行政复议法第三十条');
  await expect(page.getByTestId('deadline-rules')).toContainText('合同审查 5 个工作日');
  const scope = page.getByLabel('纠错口径');
  await scope.click();
  await page.locator('.ant-select-item-option').filter({ hasText: '综合' }).click();
  await page.getByRole('tabpanel').getByTestId('settings-save').click();
  await expect(page.getByText('设置已保存').first()).toBeVisible();
  await screen(page, 'settings-rules');

  await page.reload();
  await expect(page.getByTestId('unit-name')).toHaveText('某某县人民政府');
  await expect(page.getByLabel('单位名称')).toHaveValue('某某县人民政府');
  const s = await call<{ values: Record<string, unknown> }>(server, 'settings.get', {});
  expect(s.values['单位名称']).toBe('某某县人民政府');
  expect(s.values['reconsideration.correctionScope']).toBe('综合');
  await call(server, 'settings.update', { patch: { 'reconsideration.correctionScope': '直接' } });
});

test('改期限设置：先问适用范围；默认只重算未办结的期限和本年度的记录，勾选后往年的、已办结的也重算（只用键盘）', async ({ page, server, open }) => {
  const values = { submitter: '某县司法局', receivedOn: `${THIS_YEAR}-03-02` };
  const running = await call<{ id: string; values: { dueOn: string } }>(server, 'ledger.create', {
    kind: 'contract',
    values: { ...values, title: '期限范围测试·在办合同' },
  });
  const closed = await call<{ id: string; values: { dueOn: string } }>(server, 'ledger.create', {
    kind: 'contract',
    values: { ...values, title: '期限范围测试·已办结合同', completedOn: `${THIS_YEAR}-03-04` },
  });
  expect(closed.values.dueOn).toBe(running.values.dueOn);
  const dueOf = async (id: string) => (await call<{ values: { dueOn: string } }>(server, 'ledger.get', { kind: 'contract', id })).values.dueOn;

  await open('#/settings');
  await page.getByRole('tab', { name: '期限与统计口径' }).click();
  const days = page.getByLabel('合同审查期限（工作日）');
  await days.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('8');
  await page.getByRole('tabpanel').getByTestId('settings-save').focus();
  await page.keyboard.press('Enter');
  const ask = page.getByTestId('all-records-confirm');
  await expect(ask).toContainText('修改了“合同审查期限（工作日）”');
  await expect(ask).toContainText('已办结案件的期限、往年记录的结果（重大合同、总分、等次等）保持不变');
  await expect(page.getByTestId('all-records')).not.toBeChecked();
  await screen(page, 'settings-deadline-scope');
  // 保存 has the focus: Enter keeps closed cases as they were
  await expect(page.getByTestId('all-records-ok')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('设置已保存').first()).toBeVisible();
  expect(await dueOf(closed.id)).toBe(closed.values.dueOn);
  const after8 = await dueOf(running.id);
  expect(after8 > running.values.dueOn).toBe(true);

  // again, 9 days, this time with closed cases too: Shift+Tab from 保存 past 取消 to the box, Space ticks it
  await days.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('9');
  await page.getByRole('tabpanel').getByTestId('settings-save').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('all-records-ok')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('all-records')).toBeChecked();
  await page.getByTestId('all-records-ok').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('设置已保存').first()).toBeVisible();
  const after9 = await dueOf(running.id);
  expect(after9 > after8).toBe(true);
  expect(await dueOf(closed.id)).toBe(after9);

  // cancelling saves nothing
  await days.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('6');
  await page.getByRole('tabpanel').getByTestId('settings-save').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: '取 消' })
    .or(page.getByRole('dialog').getByRole('button', { name: '取消' }))
    .click();
  expect((await call<{ values: Record<string, unknown> }>(server, 'settings.get', {})).values['contract.reviewWorkdays']).toBe(9);
  await call(server, 'settings.update', { patch: { 'contract.reviewWorkdays': 5 }, allRecords: true });
  await call(server, 'ledger.delete', { kind: 'contract', ids: [running.id, closed.id] });
});

test('回收站：恢复删除的记录；输入“彻底删除”后永久删除', async ({ page, server, open }) => {
  const a = await call<{ id: string }>(server, 'ledger.create', {
    kind: 'contract',
    values: { title: '回收站测试甲合同', submitter: '某县民政局', receivedOn: `${THIS_YEAR}-02-03` },
  });
  const b = await call<{ id: string }>(server, 'ledger.create', {
    kind: 'contract',
    values: { title: '回收站测试乙合同', submitter: '某县民政局', receivedOn: `${THIS_YEAR}-02-04` },
  });
  await call(server, 'ledger.delete', { kind: 'contract', ids: [a.id, b.id] });
  await open('#/recycle');
  await page.getByRole('tab', { name: /合同审查/ }).click();
  const rowA = page.locator('tr', { hasText: '回收站测试甲合同' });
  await rowA.getByRole('checkbox').check();
  await screen(page, 'recycle-selected');
  await page.getByTestId('bin-restore').click();
  await expect(page.getByText('已恢复 1 条记录')).toBeVisible();
  await expect(rowA).toHaveCount(0);
  const live = await call<{ deletedAt: string | null }>(server, 'ledger.get', { kind: 'contract', id: a.id });
  expect(live.deletedAt).toBeNull();

  const rowB = page.locator('tr', { hasText: '回收站测试乙合同' });
  await rowB.getByRole('checkbox').check();
  await page.getByTestId('bin-purge').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('请输入“彻底删除”四个字确认');
  await expect(dialog.getByRole('button', { name: '彻底删除' })).toBeDisabled();
  await page.getByTestId('purge-confirm-input').fill('删除');
  await expect(dialog.getByRole('button', { name: '彻底删除' })).toBeDisabled();
  await page.getByTestId('purge-confirm-input').fill('彻底删除');
  await dialog.getByRole('button', { name: '彻底删除' }).click();
  await expect(page.getByText('已彻底删除 1 条记录')).toBeVisible();
  await expect(rowB).toHaveCount(0);
  const gone = await call<{ rows: { id: string }[] }>(server, 'ledger.list', { kind: 'contract', deleted: true });
  expect(gone.rows.map((r) => r.id)).not.toContain(b.id);
  await call(server, 'ledger.delete', { kind: 'contract', ids: [a.id] });
  await call(server, 'ledger.purge', { kind: 'contract', ids: [a.id], confirm: '彻底删除' });
});

test('全局搜索 Ctrl+K：两个字即可找到，按台账分组，回车打开记录', async ({ page, open }) => {
  await open('#/desk');
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input').locator('input');
  await expect(input).toBeFocused();
  await input.fill('张某');
  const results = page.getByTestId('search-results');
  await expect(results).toContainText('行政复议');
  await expect(results).toContainText(OVERDUE_CASE_NO);
  await screen(page, 'search');
  await input.press('Enter');
  await expect(page).toHaveURL(/#\/ledger\/reconsideration\?id=/);
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').locator('input').fill('查无此字样');
  await expect(page.getByTestId('search-results')).toContainText('没有找到');
});

test('年度数据：填写年度指标和报告素材，保存后统计分析可见', async ({ page, server, open }) => {
  await open('#/yeardata');
  await page.getByLabel('普法活动场次数值').fill('18');
  await page.getByTestId('indicators-save').click();
  await expect(page.getByText('已保存 1 项年度指标')).toBeVisible();
  const list = await call<{ items: { name: string; value: number | null }[] }>(server, 'indicators.list', { year: THIS_YEAR });
  expect(list.items.find((i) => i.name === '普法活动场次')?.value).toBe(18);

  await page.getByPlaceholder('新增素材名称').fill('法治宣传特色做法');
  await page.getByPlaceholder('新增素材名称').press('Enter');
  const card = page.getByTestId('material-法治宣传特色做法');
  await card.getByRole('textbox').fill('第一段。\n第二段。');
  await card.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存“法治宣传特色做法”')).toBeVisible();
  const mats = await call<{ items: { name: string; content: string }[] }>(server, 'materials.list', { year: THIS_YEAR });
  expect(mats.items.find((i) => i.name === '法治宣传特色做法')?.content).toBe('第一段。\n第二段。');
  await screen(page, 'yeardata-filled');

  await page.getByRole('menu').first().getByText('统计分析', { exact: true }).click();
  await expect(page.getByTestId('metric-指标.普法活动场次').getByTestId('cur')).toHaveText('18');
});

test('设置：立即备份，还原前确认，还原后显示另做的安全备份', async ({ page, open }) => {
  await open('#/settings');
  await page.getByRole('tab', { name: '数据与备份' }).click();
  await expect(page.getByTestId('data-file')).toContainText('法治台账.db');
  await page.getByTestId('backup-now').click();
  await expect(page.getByText(/已备份到/)).toBeVisible();
  await expect(page.getByTestId('backups').locator('tbody tr', { hasText: '手动' }).first()).toBeVisible();
  await screen(page, 'settings-backups');
  await page.getByTestId('backups').locator('tbody tr', { hasText: '手动' }).first().getByTestId('restore').click();
  await expect(page.getByRole('dialog')).toContainText('还原前程序会先把当前数据另做一份备份');
  await page.getByRole('button', { name: '确认还原' }).click();
  await expect(page.getByTestId('restore-result')).toContainText('还原前的数据已备份到');
  await page.getByRole('button', { name: /知道了|确定|确 定/ }).click();
  // the backup that undoes the restore is pinned: tagged 已固定, the reason in a tooltip
  const pinnedRow = page.getByTestId('backups').locator('tbody tr', { hasText: '还原前' }).first();
  await pinnedRow.getByTestId('backup-pinned').hover();
  await expect(page.getByRole('tooltip')).toContainText('撤销了那次还原');
  await screen(page, 'settings-backups-pinned');
  await page.mouse.move(0, 0);

  await page.getByRole('tab', { name: '操作日志' }).click();
  await expect(page.getByTestId('audit')).toContainText('还原');
  await page.getByTestId('audit').getByPlaceholder('搜索操作人、操作、摘要').fill('还原');
  await page.getByTestId('audit').getByPlaceholder('搜索操作人、操作、摘要').press('Enter');
  await expect(page.getByTestId('audit').locator('tbody tr').first()).toContainText('还原');
  await screen(page, 'settings-audit');
  const [auditFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(auditFile.suggestedFilename()).toMatch(/操作日志（导出于\d{4}-\d{2}-\d{2}）\.xlsx$/);

  await page.getByRole('tab', { name: '节假日' }).click();
  await expect(page.getByTestId('calendar')).toContainText(`${THIS_YEAR}年`);
  await screen(page, 'settings-calendar');
});

test('工作台图表点击后进入筛选后的台账列表', async ({ page, open }) => {
  await open('#/desk');
  await page
    .getByTestId('acttype-bars')
    .getByRole('link', { name: /^行政处罚/ })
    .click();
  await expect(page).toHaveURL(/#\/ledger\/reconsideration\?.*actType=/);
  await expect(page.locator('.ant-tag', { hasText: '行为类别：行政处罚' })).toBeVisible();
  const rows = page.getByTestId('ledger-table').locator('.ledger-row');
  await expect(rows).toHaveCount(2);
  for (const t of await rows.allTextContents()) expect(t).toContain('行政处罚');
});

test('节假日：从文件添加一个年份；格式不对的文件给出中文说明', async ({ page, server, open }) => {
  await open('#/settings');
  await page.getByRole('tab', { name: '节假日' }).click();
  const bad = page.waitForEvent('filechooser');
  await page.getByTestId('calendar-add').click();
  await (await bad).setFiles({ name: '坏文件.json', mimeType: 'application/json', buffer: Buffer.from('{"年份":1}') });
  await expect(page.getByText(/节假日文件格式不正确/)).toBeVisible();

  const good = page.waitForEvent('filechooser');
  await page.getByTestId('calendar-add').click();
  const data = { years: { '2031': { off: ['2031-01-01', '2031-10-01', '2031-10-02'], work: ['2031-09-27'] } } };
  await (await good).setFiles({ name: '2031年节假日.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
  await expect(page.getByText('已导入 2031 年节假日安排')).toBeVisible();
  await expect(page.getByTestId('calendar')).toContainText('2031年');
  const years = await call<{ years: { year: number; source: string }[] }>(server, 'calendar.years', {});
  expect(years.years.find((y) => y.year === 2031)?.source).toBe('2031年节假日.json');
});

test('没有数据时各处显示中文空状态', async ({ page, open }) => {
  const empty = (data: unknown) => (route: import('@playwright/test').Route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, data }) });
  await page.route('**/api/deadlines.board', empty({ today: '2026-01-05', items: [], total: 0, overdue: 0, soon: 0 }));
  await page.route(
    '**/api/stats.monthly',
    empty({
      months: Object.fromEntries(['normative', 'decision', 'contract', 'reconsideration', 'litigation', 'casefile'].map((k) => [k, new Array(12).fill(0)])),
    }),
  );
  await page.route('**/api/ledger.list', empty({ rows: [], total: 0, due: [] }));
  await page.route('**/api/audit.list', empty({ rows: [], total: 0 }));
  await open('#/desk');
  await expect(page.getByTestId('deadline-board')).toContainText('没有逾期或即将到期的事项');
  await expect(page.getByTestId('chart-monthly')).toContainText('本年度暂无收案');
  await screen(page, 'desk-empty');
  await page.goto(page.url().replace(/#.*$/, '#/recycle'));
  await expect(page.getByText('规范性文件回收站是空的')).toBeVisible();
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  await page.getByRole('tab', { name: '操作日志' }).click();
  await expect(page.getByText('暂无操作记录')).toBeVisible();
});

test('本年度节假日安排缺失时，工作台提示并可直接去导入', async ({ page, open }) => {
  await page.route('**/api/calendar.years', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, data: { years: [{ year: THIS_YEAR - 1, source: '随程序提供' }] } }) }),
  );
  await open('#/desk');
  const notice = page.getByTestId('calendar-notice');
  await expect(notice).toContainText(`尚未导入 ${THIS_YEAR} 年节假日安排`);
  await notice.getByRole('link').click();
  await expect(page.getByRole('tab', { name: '节假日', selected: true })).toBeVisible();
});

test('年度数据：导出年度指标，再导入一个有错的文件（不写入）和一个正确的文件', async ({ page, server, open }) => {
  await call(server, 'indicators.set', { year: THIS_YEAR, items: [{ name: '法治督察次数', value: 4 }] });
  await open('#/yeardata');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('indicator-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  const bad = page.waitForEvent('filechooser');
  await page.getByTestId('indicator-import').click();
  await (await bad).setFiles({ name: '指标.csv', mimeType: 'text/csv', buffer: Buffer.from(`年度,指标,数值\n${THIS_YEAR},法治督察次数,很多\n`) });
  await expect(page.getByTestId('import-errors')).toContainText('第');
  await page.getByRole('button', { name: /知道了|确\s*定/ }).click();
  let list = await call<{ items: { name: string; value: number | null }[] }>(server, 'indicators.list', { year: THIS_YEAR });
  expect(list.items.find((i) => i.name === '法治督察次数')?.value).toBe(4);

  const good = page.waitForEvent('filechooser');
  await page.getByTestId('indicator-import').click();
  await (await good).setFiles({ name: '指标.csv', mimeType: 'text/csv', buffer: Buffer.from(`年度,指标,数值\n${THIS_YEAR},法治督察次数,6\n`) });
  const confirm = page.getByRole('dialog').filter({ hasText: '检查无误' });
  await expect(confirm).toContainText('共 1 行');
  await confirm.getByRole('button', { name: /导\s*入/ }).click();
  await expect(page.getByText('已导入 1 条年度指标')).toBeVisible();
  await expect(page.getByLabel('法治督察次数数值')).toHaveValue('6');
  list = await call<{ items: { name: string; value: number | null }[] }>(server, 'indicators.list', { year: THIS_YEAR });
  expect(list.items.find((i) => i.name === '法治督察次数')?.value).toBe(6);
});
