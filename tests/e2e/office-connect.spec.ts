// 设置 · 单位服务器 · 连接到单位服务器 (issue 19 item 1), the desktop app's form. There is no Electron runtime here:
// the preload is stood in for by a page script that forwards `invoke` to the browser-mode server and records what
// the form asks main (`office.client`). Main's side (the pin, the window) is tests/unit/office-connect.test.ts.
import { expect, screen, test } from './fixtures';

const FP = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');

test('连接到单位服务器：记住的主机预先填好，地址和指纹先检查，确认后交给主进程', async ({ page, open }) => {
  await page.addInitScript(
    (saved) => {
      const calls: unknown[] = [];
      (window as unknown as { __clientCalls: unknown[] }).__clientCalls = calls;
      (window as unknown as { api: unknown }).api = {
        invoke: (method: string, input: unknown) =>
          fetch(`/api/${encodeURIComponent(method)}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            credentials: 'same-origin',
            body: JSON.stringify(input ?? {}),
          }).then((r) => r.json()),
        on: () => () => {},
        openLog: async () => ({ ok: true }),
        print: async () => ({ ok: true, file: '' }),
        dialogs: { open: async () => null, save: async () => null, exportTo: async () => null },
        office: {
          host: async () => ({ running: false }),
          client: async (req: { connect?: unknown }) => {
            calls.push(req);
            return req.connect ? { ok: true } : { saved };
          },
        },
      };
    },
    { address: 'https://192.168.1.20:8443', fingerprint: FP },
  );
  await open('#/settings?tab=office');
  const form = page.getByTestId('office-connect');
  await expect(form).toBeVisible();
  // the remembered host is filled in
  await expect(form.getByLabel('主机地址')).toHaveValue('https://192.168.1.20:8443');
  await expect(form.getByLabel('服务器证书指纹')).toHaveValue(FP);

  // a fingerprint one pair short is refused here, before main is asked
  await form.getByLabel('服务器证书指纹').fill(FP.slice(0, -3));
  await form.getByRole('button', { name: /^连\s*接$/ }).click();
  await expect(form.getByRole('alert')).toContainText('证书指纹应为 64 位十六进制');
  await form.getByLabel('主机地址').fill('http://192.168.1.20:8443');
  await form.getByLabel('服务器证书指纹').fill(FP.replace(/:/g, '').toLowerCase());
  await form.getByRole('button', { name: /^连\s*接$/ }).click();
  await expect(form.getByRole('alert')).toContainText('HTTPS');
  expect(await page.evaluate(() => (window as unknown as { __clientCalls: unknown[] }).__clientCalls)).toEqual([{}]);

  await form.getByLabel('主机地址').fill('192.168.1.21:9443');
  await form.getByRole('button', { name: /^连\s*接$/ }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('https://192.168.1.21:9443');
  await screen(page, 'office-connect');
  await confirm.getByRole('button', { name: /^连\s*接$/ }).click();
  await expect(confirm).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { __clientCalls: unknown[] }).__clientCalls)).toEqual([
    {},
    { connect: { address: '192.168.1.21:9443', fingerprint: FP.replace(/:/g, '').toLowerCase() } },
  ]);
});
