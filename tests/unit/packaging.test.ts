// The installers cannot be built here (the Electron download host is unreachable), so their configuration is
// checked by reading it: Windows NSIS per-user x64/arm64, Linux deb and AppImage x64/arm64, an icon, and the
// user's data never removed by uninstalling. Build with `npm run dist` on a machine that can reach the Electron
// download host. Worker threads cannot read the asar: the import, statistics and Word template workers, their chunks and the
// packages they load are unpacked (walked below). The Electron fuses are set (electronFuses) and the whole file
// is checked against electron-builder's own schema, as `npm run dist` does before building — a JSON file cannot
// carry comments, which is why these notes are here and not in it.
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

  it.each([
    ['import-worker', 'electron/core/exchange/import-worker.ts', 'zod'],
    ['stats-worker', 'electron/core/stats/stats-worker.ts', 'better-sqlite3'],
    ['docx-worker', 'electron/core/report/docx-worker.ts', ''],
  ])('unpacks the %s and every package it loads (a worker thread cannot read the asar)', (name, source, expected) => {
    // the worker's own import graph in the sources: relative imports followed, packages collected
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)) {
        const spec = m[1];
        if (spec.startsWith('.')) {
          const base = path.resolve(path.dirname(file), spec);
          visit([base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => f.endsWith('.ts') && fs.existsSync(f))!);
        } else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    };
    visit(path.join(root, source));
    expect(seen.size).toBeGreaterThan(3);
    // the stats worker loads the driver by the path it is sent (require), which the walk above does not see
    if (name === 'stats-worker') packages.add('better-sqlite3');
    const unpacked = (p: string) => cfg.asarUnpack.includes(`node_modules/${p}/**`);
    // node-addon-api: C++ headers better-sqlite3 is compiled with, never loaded at run time
    const needed = [...packages]
      .flatMap((p) => [p, ...Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'node_modules', p, 'package.json'), 'utf8')).dependencies ?? {})])
      .filter((p) => p !== 'node-addon-api');
    expect(needed.filter((p) => !unpacked(p))).toEqual([]);
    if (expected) expect(needed).toContain(expected);
    expect(cfg.asarUnpack).toEqual(expect.arrayContaining([`out/main/${name}.js`, 'out/main/chunks/**']));
    // the build makes it an entry of its own, where worker-host.ts looks for it
    expect(fs.readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8')).toContain(`'${name}': resolve(__dirname, '${source}')`);
  });

  it('is a configuration electron-builder accepts (its own schema check, as `npm run dist` runs it)', async () => {
    // CommonJS module of the installed electron-builder (its own package, not one we depend on by name)
    // eslint-disable-next-line import-x/no-extraneous-dependencies -- electron-builder's config check, as `npm run dist` runs it
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      validateConfiguration(c: unknown, log: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const log = { isEnabled: false, add() {} };
    await expect(validateConfiguration(cfg, log)).resolves.toBeUndefined();
    // the check is real: a misspelt fuse or a stray key is refused
    await expect(validateConfiguration({ ...cfg, electronFuses: { ...cfg.electronFuses, runAsNod: false } }, log)).rejects.toThrow(/electronFuses/);
    await expect(validateConfiguration({ ...cfg, $comment: '说明' }, log)).rejects.toThrow(/\$comment/);
  });

  it('flips the Electron fuses: no run-as-node, no NODE_OPTIONS or --inspect, encrypted cookies, only app.asar and its integrity checked', () => {
    expect(cfg.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // onlyLoadAppFromAsar and the integrity check need the app in an asar whose hash is embedded
    expect(cfg.asar).toBe(true);
    // runAsNode off: nothing the app runs (main, preload, core) may start a child process through
    // ELECTRON_RUN_AS_NODE (fork); its workers are threads. The CLI and browser mode run under plain Node.
    for (const dir of ['main', 'preload', 'core']) {
      const files = fs.readdirSync(path.join(root, 'electron', dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files)
        expect(fs.readFileSync(path.join(root, 'electron', dir, f), 'utf8'), f).not.toMatch(/child_process|\.fork\(|ELECTRON_RUN_AS_NODE|utilityProcess/);
    }
  });

  it('packages the built app whose entry point package.json names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(cfg.files).toContain('out/**');
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.json');
  });
});
