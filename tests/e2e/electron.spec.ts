// The desktop window: launched where the Electron runtime is installed; skipped, saying why, where it is not
// (machines that install with ELECTRON_SKIP_BINARY_DOWNLOAD cannot download it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const runtime = path.join(root, 'node_modules/electron/dist');

test('桌面窗口打开并显示工作台', async () => {
  test.skip(!fs.existsSync(runtime), `本机没有 Electron 运行时（${runtime} 不存在，安装时跳过了二进制下载），桌面窗口测试跳过；界面已在浏览器模式中测试`);
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-electron-'));
  const app = await electron.launch({
    args: [path.join(root, 'out/main/index.js')],
    cwd: root,
    env: { ...process.env, FAZHI_USER_DATA: userData } as Record<string, string>,
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByText('工作台').first()).toBeVisible();
    const isolated = await win.evaluate(
      () => typeof (window as unknown as { require?: unknown }).require === 'undefined' && typeof window.api?.invoke === 'function',
    );
    expect(isolated).toBe(true);
    // the data file was created in the user data folder, and the API answers over IPC
    const info = await win.evaluate(() => window.api!.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, data: { dataFile: path.join(userData, '法治台账.db') } });
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
