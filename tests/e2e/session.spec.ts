// Browser mode's session (issue 13, part 7): the printed address carries the token once; the server trades it
// for an HttpOnly cookie and sends the browser to the clean address, so the token is in neither the address
// bar, the history nor anything the page's scripts can read. And 关于与帮助 shows the program's log (part 9).
import fs from 'node:fs';
import path from 'node:path';
import { expect, screen, test } from './fixtures';

test('打开带令牌的地址后落到不含令牌的地址，令牌不在历史记录和页面脚本中', async ({ page, server, open }) => {
  const before = await page.evaluate(() => history.length); // the new tab's about:blank
  await open('#/desk');
  expect(page.url()).toBe(`${server.url}#/desk`);
  const seen = await page.evaluate(() => ({
    href: location.href,
    history: history.length,
    cookie: document.cookie,
    storage: [...Object.values(sessionStorage), ...Object.values(localStorage)].join('\n'),
  }));
  expect(seen.href).not.toContain('token');
  // one entry more, the clean address: the redirect replaced the tokened one; back leads to the blank tab
  expect(seen.history).toBe(before + 1);
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(page.url()).toBe(`${server.url}#/desk`);
  // HttpOnly: the page's scripts cannot read the cookie
  expect(seen.cookie).not.toContain(server.token);
  expect(seen.storage).not.toContain(server.token);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => ({ name: c.name, value: c.value, httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path }))).toEqual([
    { name: `fazhi_session_${new URL(server.url).port}`, value: server.token, httpOnly: true, sameSite: 'Strict', path: '/' },
  ]);
  // the page works through the cookie: a reload of the clean address keeps working
  await page.reload();
  await expect(page.getByTestId('count-normative')).toBeVisible();
  expect(page.url()).toBe(`${server.url}#/desk`);
});

test('不带令牌打开时接口拒绝访问（401）', async ({ browser, server }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url);
  const status = await page.evaluate(
    async () => (await fetch('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status,
  );
  expect(status).toBe(401);
  await ctx.close();
});

test('关于与帮助：显示日志文件的位置和最近的日志', async ({ page, server, open }) => {
  const log = path.join(path.dirname(server.db), 'logs', '法治台账.log');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const line = {
    time: new Date().toISOString(),
    version: '测试',
    kind: '内部错误',
    method: 'ledger.list',
    input: { kind: 'decision' },
    error: { name: 'TypeError', message: '端到端测试写入的错误' },
    stack: 'TypeError: 端到端测试写入的错误\n    at listRows (ledger-repo.ts:1:1)',
  };
  fs.appendFileSync(log, `${JSON.stringify(line)}\n`);
  await open('#/desk');
  await page.getByTestId('open-about').click();
  const dialog = page.getByTestId('about-dialog');
  await expect(dialog.getByText('关于法治台账')).toBeVisible();
  await expect(page.getByTestId('log-path')).toContainText(log);
  await page.getByTestId('show-log').click();
  const lines = page.getByTestId('log-lines');
  await expect(lines).toContainText('内部错误');
  await expect(lines).toContainText('ledger.list');
  await expect(lines).toContainText('端到端测试写入的错误');
  await expect(lines).toContainText('at listRows');
  await screen(page, 'about-log');
});
