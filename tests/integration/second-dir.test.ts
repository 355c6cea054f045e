// The second backup folder (backup.secondDir): a relative path is refused; absolute and network (UNC) paths are
// accepted once a probe file could be written there and removed; a folder that cannot be written is refused
// with the operating system's reason, and nothing is saved (issue 13, part 7).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { secondDirPathProblem } from '../../electron/core/safety/second-dir';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

describe('the path rule', () => {
  it.each(['D:\\法治台账备份', 'D:/法治台账备份', 'c:\\', '\\\\server\\share', '\\\\文件服务器\\共享\\法治台账', '//server/share/备份'])(
    'Windows accepts %s',
    (p) => {
      expect(secondDirPathProblem(p, 'win32')).toBeNull();
    },
  );
  it.each(['备份', '.\\备份', '..\\备份', '\\备份', 'D:备份', '\\\\server'])('Windows refuses %s', (p) => {
    expect(secondDirPathProblem(p, 'win32')).toMatch(/应为完整路径.*不能是相对路径/);
  });
  it.each(['/media/u盘/备份', '/'])('Linux accepts %s', (p) => {
    expect(secondDirPathProblem(p, 'linux')).toBeNull();
  });
  it.each(['备份', './备份', '../备份', '~/备份', 'D:\\备份'])('Linux refuses %s', (p) => {
    expect(secondDirPathProblem(p, 'linux')).toMatch(/应为完整路径.*不能是相对路径/);
  });
});

let core: Core;
beforeEach(async () => {
  core = await tempCore();
});
afterEach(() => core.close());

const stored = () => core.db.prepare("SELECT value FROM settings WHERE key = 'backup.secondDir'").pluck().get();
const audits = () => core.db.prepare("SELECT count(*) FROM audit_log WHERE action = '修改设置'").pluck().get();

/** A folder this process cannot write: a read-only one, or (as root, who may write anywhere) sysfs. */
function unwritableDir(): string {
  const d = tempDir();
  fs.chmodSync(d, 0o555);
  try {
    fs.writeFileSync(path.join(d, 'probe'), 'x');
    fs.rmSync(path.join(d, 'probe'));
    return '/sys';
  } catch {
    return d;
  }
}

describe('settings.update backup.secondDir', () => {
  it('refuses a relative path and saves nothing', async () => {
    const e = await callFail(core, 'settings.update', { patch: { 'backup.secondDir': '备份', 单位名称: '某县' } });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('不能是相对路径“备份”');
    expect(stored()).toBeUndefined();
    expect(audits()).toBe(0);
    expect(core.settings.单位名称).toBe('');
  });

  it('accepts an existing writable folder and leaves no probe file in it', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '已有文件.txt'), '用户的');
    await call(core, 'settings.update', { patch: { 'backup.secondDir': dir } });
    expect(JSON.parse(stored() as string)).toBe(dir);
    expect(fs.readdirSync(dir)).toEqual(['已有文件.txt']);
  });

  it('refuses a folder that does not exist, naming the reason', async () => {
    const dir = path.join(tempDir(), '移动硬盘未连接');
    const e = await callFail(core, 'settings.update', { patch: { 'backup.secondDir': dir } });
    expect(e.message).toContain(`第二备份位置“${dir}”不可用`);
    expect(e.message).toContain('ENOENT');
    expect(fs.existsSync(dir)).toBe(false);
    expect(stored()).toBeUndefined();
  });

  it('refuses a file that is not a folder', async () => {
    const f = path.join(tempDir(), '文件.txt');
    fs.writeFileSync(f, 'x');
    const e = await callFail(core, 'settings.update', { patch: { 'backup.secondDir': f } });
    expect(e.message).toContain('这不是一个文件夹');
  });

  it("refuses a folder it cannot write, with the operating system's reason", async () => {
    const dir = unwritableDir();
    const e = await callFail(core, 'settings.update', { patch: { 'backup.secondDir': dir } });
    expect(e.message).toMatch(/没有写入权限（(EACCES|EPERM)）/);
    expect(stored()).toBeUndefined();
  });

  it('does not probe an unchanged folder again: other settings save while the disk is unplugged', async () => {
    const dir = tempDir();
    await call(core, 'settings.update', { patch: { 'backup.secondDir': dir } });
    fs.rmSync(dir, { recursive: true });
    await call(core, 'settings.update', { patch: { 单位名称: '某县司法局', 'backup.secondDir': dir } });
    expect(core.settings.单位名称).toBe('某县司法局');
    // and clearing it is always allowed
    await call(core, 'settings.update', { patch: { 'backup.secondDir': '' } });
    expect(core.settings['backup.secondDir']).toBe('');
  });
});
