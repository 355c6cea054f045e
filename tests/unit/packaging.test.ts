// The installers cannot be built here (the Electron download host is unreachable), so their configuration is
// checked by reading it: Windows NSIS per-user x64/arm64, Linux deb and AppImage x64/arm64, an icon, and the
// user's data never removed by uninstalling.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const cfg = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8'));
const targets = (list: { target: string; arch: string[] }[]) => Object.fromEntries(list.map((t) => [t.target, [...t.arch].sort()]));

describe('electron-builder configuration', () => {
  it('builds a per-user NSIS installer for Windows x64 and arm64 that keeps user data', () => {
    expect(targets(cfg.win.target)).toEqual({ nsis: ['arm64', 'x64'] });
    expect(cfg.nsis.perMachine).toBe(false);
    expect(cfg.nsis.oneClick).toBe(false);
    expect(cfg.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('builds deb and AppImage for Linux x64 and arm64 (UOS, Kylin)', () => {
    expect(targets(cfg.linux.target)).toEqual({ AppImage: ['arm64', 'x64'], deb: ['arm64', 'x64'] });
  });

  it('ships icons that exist and the native SQLite module outside the asar', () => {
    for (const f of [cfg.win.icon, cfg.linux.icon]) expect(fs.existsSync(path.join(root, f)), f).toBe(true);
    const png = fs.readFileSync(path.join(root, cfg.linux.icon));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256); // width
    expect(cfg.asarUnpack.join()).toContain('better-sqlite3');
  });

  it('packages the built app whose entry point package.json names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(cfg.files).toContain('out/**');
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.json');
  });
});
