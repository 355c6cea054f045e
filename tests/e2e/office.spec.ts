// Office mode in a real browser (issue 19): a host (`fazhi serve --host`) on its own data file, reached over
// HTTPS. First run creates the administrator from the login page with the printed 初始化码; a colleague signs
// in; a 只读 colleague sees every write button of a ledger disabled. All by keyboard. The host's certificate is
// self-signed: the browser is told to accept it, and the test checks the login page shows the fingerprint the
// host printed (what a colleague compares by eye).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/office-host';

let host: HostProcess;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-office-e2e-'));
  host = await startHostProcess(path.join(dir, '台账.db'), { rendererDir: path.resolve(import.meta.dirname, '../../out/renderer'), create: true });
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test.use({ ignoreHTTPSErrors: true });

function failOnErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('首次使用创建管理员、登录、只读账号的修改按钮不可用（键盘操作）', async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = failOnErrors(page);
  // without a session the app is not served: the login page instead
  await page.goto(host.url);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '首次使用：创建管理员账号' })).toBeVisible();
  await expect(page.locator('#fingerprint')).toHaveText(host.fingerprint);
  // the first field has the focus; Tab moves on, Enter submits
  await expect(page.getByLabel('初始化码')).toBeFocused();
  await page.keyboard.type(host.setupCode!);
  for (const [label, text] of [
    ['登录名', 'admin'],
    ['姓名', '李管理'],
    ['密码（至少 8 位）', 'Admin-pass-123'],
    ['再次输入密码', 'Admin-pass-123'],
  ]) {
    await page.keyboard.press('Tab');
    await expect(page.locator('#setup').getByLabel(label, { exact: true })).toBeFocused();
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('office-user')).toContainText('李管理（管理员）');
  await expect(page.getByText('单位服务器', { exact: true }).first()).toBeVisible();

  // the administrator adds a 只读 colleague (the page's own API client: CSRF header from the session cookie)
  const created = await page.evaluate(async () => {
    const csrf = document.cookie
      .split('; ')
      .find((c) => c.startsWith('__Host-fazhi_csrf_'))!
      .split('=')[1];
    const r = await fetch('/api/users.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fazhi-CSRF': csrf },
      body: JSON.stringify({ login: 'du', name: '钱只读', role: '只读', ledgers: [], password: 'Du-pass-12345' }),
    });
    return r.json();
  });
  expect(created.ok).toBe(true);
  // the session cookie is out of the page's reach
  expect(await page.evaluate(() => document.cookie)).not.toMatch(/__Host-fazhi_\d+=/);
  const cookie = (await ctx.cookies()).find((c) => /^__Host-fazhi_\d+$/.test(c.name))!;
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });

  // the administrator's ledger page offers writing
  await page.goto(`${host.url}#/ledger/decision`);
  await expect(page.getByTestId('new-record')).toBeEnabled();
  await expect(page.getByTestId('my-cases')).toBeVisible();

  // a 只读 colleague signs in by keyboard in another browser
  const ctx2 = await browser.newContext();
  const p2 = await ctx2.newPage();
  const errors2 = failOnErrors(p2);
  await p2.goto(`${host.url}`);
  await expect(p2.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(p2.locator('#login-name')).toBeFocused();
  await p2.keyboard.type('du');
  await p2.keyboard.press('Tab');
  await p2.keyboard.type('wrong-password');
  await p2.keyboard.press('Enter');
  await expect(p2.getByRole('alert')).toHaveText('登录名或密码不正确');
  await p2.locator('#login-password').fill('');
  await p2.locator('#login-password').focus();
  await p2.keyboard.type('Du-pass-12345');
  await p2.keyboard.press('Enter');
  await expect(p2.getByTestId('office-user')).toContainText('钱只读（只读）');
  await p2.goto(`${host.url}#/ledger/decision`);
  await expect(p2.getByTestId('ledger-decision')).toBeVisible();
  await expect(p2.getByTestId('new-record')).toBeDisabled();
  await expect(p2.getByTestId('import-button')).toBeDisabled();
  // and the host refuses the write whatever the page shows
  const refused = await p2.evaluate(async () => {
    const csrf = document.cookie
      .split('; ')
      .find((c) => c.startsWith('__Host-fazhi_csrf_'))!
      .split('=')[1];
    const r = await fetch('/api/ledger.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fazhi-CSRF': csrf },
      body: JSON.stringify({ kind: 'decision', values: { title: '只读写入', sponsor: '县局', receivedOn: '2025-03-04' } }),
    });
    return { status: r.status, body: await r.json() };
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain('只读账号只能查看');
  // 设置: the accounts and backups are the administrator's; a 只读 colleague sees the fingerprint to compare
  await p2.goto(`${host.url}#/settings?tab=office`);
  await expect(p2.getByTestId('host-fingerprint')).toHaveText(host.fingerprint);
  await expect(p2.getByRole('tab', { name: '数据与备份' })).toHaveCount(0);
  await expect(p2.getByTestId('users-table')).toHaveCount(0);
  // 退出登录 by keyboard: back at the login page, and the app is no longer served
  await p2.getByTestId('sign-out').focus();
  await p2.keyboard.press('Enter');
  await expect(p2).toHaveURL(/\/login$/);
  await p2.goto(host.url);
  await expect(p2).toHaveURL(/\/login$/);
  await p2.screenshot({ path: path.resolve(import.meta.dirname, '../../test-results/screens/office-login.png') });
  expect(errors).toEqual([]);
  expect(errors2).toEqual([]);
  await ctx2.close();
  await ctx.close();
});

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('#login-name')).toBeFocused();
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('office-user')).toBeVisible();
}

test('同事的保存推送到打开着的列表；主机断开时立即提示，表单作为草稿留在本机', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await signIn(a, 'admin', 'Admin-pass-123');
  const created = await a.evaluate(async () => {
    const csrf = document.cookie
      .split('; ')
      .find((c) => c.startsWith('__Host-fazhi_csrf_'))!
      .split('=')[1];
    const r = await fetch('/api/users.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fazhi-CSRF': csrf },
      body: JSON.stringify({ login: 'cheng', name: '王承办', role: '承办人', ledgers: ['decision'], password: 'Cheng-pass-123' }),
    });
    return r.json();
  });
  expect(created.ok).toBe(true);
  await a.goto(`${host.url}#/ledger/decision?year=all`);
  await expect(a.getByTestId('ledger-decision')).toBeVisible();
  await expect(a.getByText('推送到列表')).toHaveCount(0);

  // another clerk saves a record: the admin's open list shows it without a reload
  const ctxB = await browser.newContext();
  const b = await ctxB.newPage();
  await signIn(b, 'cheng', 'Cheng-pass-123');
  const saved = await b.evaluate(async () => {
    const csrf = document.cookie
      .split('; ')
      .find((c) => c.startsWith('__Host-fazhi_csrf_'))!
      .split('=')[1];
    const r = await fetch('/api/ledger.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fazhi-CSRF': csrf },
      body: JSON.stringify({ kind: 'decision', values: { title: '推送到列表', sponsor: '县局', receivedOn: '2025-03-04', handler: '王承办' } }),
    });
    return r.json();
  });
  expect(saved.ok).toBe(true);
  await expect(a.getByText('推送到列表')).toBeVisible();
  await ctxB.close();

  // the admin starts a new record and types; then the host goes away
  await a.getByTestId('new-record').click();
  await a.locator('#field-input-title').fill('断线时正在填写');
  await expect.poll(() => a.evaluate(() => localStorage.getItem('fazhi.draft.decision.new') ?? '')).toContain('断线时正在填写');
  await expect(a.getByTestId('host-lost')).toHaveCount(0);
  await host.stop();
  await expect(a.getByTestId('host-lost')).toBeVisible();
  await expect(a.getByTestId('host-lost')).toContainText('与单位服务器的连接已断开');
  expect(await a.evaluate(() => localStorage.getItem('fazhi.draft.decision.new'))).toContain('断线时正在填写');
  await a.screenshot({ path: path.resolve(import.meta.dirname, '../../test-results/screens/office-host-lost.png') });
  await ctxA.close();
});
