// The second backup folder (setting backup.secondDir): checked when it is set, so a backup never lands in a
// folder nobody meant. A relative path would be resolved against whatever folder the program happened to start
// in (different for the app, browser mode and the CLI), so it is refused. Absolute paths and, on Windows,
// network paths (\\server\share\…) are accepted, but only once a probe file could be written there and removed.

import fs from 'node:fs';
import path from 'node:path';

/** The path rule alone (no disk access): null when acceptable, else a Chinese message. */
export function secondDirPathProblem(dir: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') {
    // C:\备份 or C:/备份, and \\server\share\… (UNC); not "备份", "..\备份" or "\备份" (relative to a drive)
    if (/^[A-Za-z]:[\\/]/.test(dir) || /^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/.test(dir)) return null;
    return `第二备份位置应为完整路径（如 D:\\法治台账备份 或网络路径 \\\\服务器\\共享文件夹），不能是相对路径“${dir}”`;
  }
  if (path.posix.isAbsolute(dir)) return null;
  return `第二备份位置应为完整路径（如 /media/移动硬盘/法治台账备份），不能是相对路径“${dir}”`;
}

const REASONS: Record<string, string> = {
  ENOENT: '文件夹不存在或无法访问（移动硬盘未连接、网络位置不可用？）',
  ENOTDIR: '这不是一个文件夹',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EROFS: '位于只读的磁盘上',
  ENOSPC: '磁盘空间已满',
  EBUSY: '正被其他程序占用',
  ENAMETOOLONG: '路径过长',
};

/** Why the operating system refused, in Chinese, with its own code (ENOENT…) for whoever looks further. */
export function osReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code ? `${REASONS[code] ?? '系统拒绝写入'}（${code}）` : ((e as Error)?.message ?? String(e));
}

/**
 * Check a new second backup folder: the path rule, that it is an existing folder, and that a probe file can be
 * written there and removed. Throws nothing; returns null when fine, else the Chinese message.
 */
export function secondDirProblem(dir: string, platform: NodeJS.Platform = process.platform): string | null {
  const rule = secondDirPathProblem(dir, platform);
  if (rule) return rule;
  const probe = path.join(dir, `.法治台账-写入测试-${process.pid}-${Date.now()}`);
  try {
    if (!fs.statSync(dir).isDirectory()) return `第二备份位置“${dir}”不可用：这不是一个文件夹`;
    fs.writeFileSync(probe, '法治台账写入测试，可以删除', { flag: 'wx' });
    fs.rmSync(probe);
    return null;
  } catch (e) {
    try {
      fs.rmSync(probe, { force: true });
    } catch {
      // the probe was never written
    }
    return `第二备份位置“${dir}”不可用：${osReason(e)}`;
  }
}
