// Issue 13 part 3, in the browser: a data file found damaged by the start-up check puts up a banner that stays
// (数据文件已损坏，已切换为只读), the buttons that would write are disabled, the banner leads to the backups, and
// restoring one makes the app writable again. Runs its own browser-mode server on its own damaged file.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { englishWords, expect, screen, test } from './fixtures';
import { api } from './seed-data';

const root = path.resolve(import.meta.dirname, '../..');

interface Served {
  openUrl: string;
  url: string;
  token: string;
  child: ChildProcess;
}

async function serve(db: string, create: boolean): Promise<Served> {
  const child = spawn(process.execPath, [path.join(root, 'bin/serve.js'), '--db', db, '--port', '0', ...(create ? ['--create'] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`浏览器模式 30 秒内未启动：${out}`)), 30_000);
    const take = (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.on('exit', (code) => reject(new Error(`浏览器模式退出（${code}）：${out}`)));
  });
  const u = new URL(openUrl);
  return { openUrl, url: `${u.origin}/`, token: u.searchParams.get('token')!, child };
}

async function stop(s: Served): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

test('a damaged data file: banner, write buttons disabled, restore from the banner makes it writable again', async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  void consoleErrors;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-damaged-'));
  const db = path.join(dir, '法治台账.db');
  const first = await serve(db, true);
  // the clerk's name is set, as in the shared seed (tests/e2e/seed-data.ts): no 您的姓名 prompt after the restore
  await api(first, 'settings.update', { patch: { 经办人: '测试员' } });
  for (let i = 0; i < 200; i++)
    await api(first, 'ledger.create', { kind: 'decision', values: { title: `事项${i}`.repeat(20), sponsor: '县局', receivedOn: '2025-03-03' } });
  await api(first, 'backup.create', {});
  await stop(first);
  // scribble over pages in the middle of the file (as the integration tests do)
  const fd = fs.openSync(db, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xab), 0, 4096 * 3, 4096 * 4);
  fs.closeSync(fd);

  const s = await serve(db, false);
  try {
    // the contract ledger is empty, so the page itself reads no damaged page: the banner comes from the check
    await page.goto(`${s.openUrl}#/ledger/contract`);
    const banner = page.getByTestId('integrity-alert');
    await expect(banner).toContainText('数据文件已损坏，已切换为只读', { timeout: 30_000 });
    await expect(banner).toContainText(/最近的备份是 .*手动\.db/);
    await expect(page.getByTestId('new-record')).toBeDisabled();
    await expect(page.getByTestId('import-button')).toBeDisabled();
    await expect(page.getByTestId('export-button')).toBeEnabled();
    await screen(page, 'damaged-readonly');
    // the banner is Chinese; SQLite's own words and the backup's path are marked as system text
    expect(await englishWords(page)).toEqual([]);
    // the banner stays on every page: the settings with their save button disabled
    await page.getByTestId('integrity-restore').click();
    await expect(page.getByTestId('backups')).toBeVisible();
    await expect(banner).toBeVisible();
    await page.getByRole('tab', { name: '单位信息' }).click();
    const saves = await page.getByTestId('settings-save').all();
    expect(saves.length).toBeGreaterThan(0);
    for (const b of saves) await expect(b).toBeDisabled();
    await page.getByRole('tab', { name: /数据/ }).click();

    // restore the backup the banner named: the banner goes, the buttons come back
    await page.getByTestId('backups').getByTestId('restore').first().click();
    await page.getByRole('button', { name: '确认还原' }).click();
    await expect(page.getByTestId('restore-result')).toContainText(/损坏的数据文件/);
    await page.getByRole('button', { name: /知道了|确定|OK/ }).click();
    await expect(banner).toHaveCount(0);
    await page.goto(`${s.openUrl}#/ledger/contract`);
    await expect(page.getByTestId('new-record')).toBeEnabled();
    await expect(page.getByTestId('integrity-alert')).toHaveCount(0);
  } finally {
    await stop(s);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
