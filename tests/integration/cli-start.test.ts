// The command line starts fast (issue 16): what users run is the compiled build (out/cli, made by the Vitest
// globalSetup here and by `npm run build`), not TypeScript compiled by tsx on every run; `help` loads nothing from
// node_modules, and `stats` loads neither exceljs nor docx/jszip (they load when a file of that kind is written).
// Checked by the modules the process actually loaded (scripts/probe.mjs), not by timing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { importRecords } from '../../electron/core/records';
import { tempDir } from '../helpers/db';
import { FULL } from '../helpers/full-rows';

const root = path.resolve(__dirname, '..', '..');
let dir: string;
let db: string;

/** Run bin/fazhi.js as a user does; returns its exit code, stderr and the modules it loaded. */
function probe(...args: string[]): { code: number | null; err: string; modules: string[] } {
  const out = path.join(dir, `probe-${args[0]}.json`);
  const r = spawnSync(process.execPath, ['--import', './scripts/probe.mjs', 'bin/fazhi.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FAZHI_PROBE: out },
  });
  return { code: r.status, err: r.stderr, modules: (JSON.parse(fs.readFileSync(out, 'utf8')) as { modules: string[] }).modules };
}

const packages = (modules: string[]) => [
  ...new Set(modules.filter((m) => m.includes('/node_modules/')).map((m) => m.split('/node_modules/').pop()!.split('/')[0])),
];

beforeAll(async () => {
  dir = tempDir('fazhi-cli-start-');
  db = path.join(dir, 'ledger.db');
  const core = await openCore(db, { create: true, actor: '测试' });
  expect(importRecords(core, 'casefile', [{ line: 2, values: FULL.casefile }], [], { source: 'test' }).errors).toEqual([]);
  core.close();
});

describe('fazhi starts from the compiled build', () => {
  it('help: the compiled entry, no TypeScript and nothing from node_modules', () => {
    const r = probe('help');
    expect(r.code).toBe(0);
    expect(r.err).toContain('法治台账命令行');
    expect(r.modules.some((m) => m.endsWith('/out/cli/fazhi.js'))).toBe(true);
    expect(r.modules.filter((m) => m.endsWith('.ts'))).toEqual([]);
    expect(packages(r.modules)).toEqual([]);
  });

  it('stats: SQLite, but no tsx, exceljs, docx or jszip', () => {
    const r = probe('stats', '--db', db, '--year', '2025');
    expect(r.code).toBe(0);
    const loaded = packages(r.modules);
    expect(loaded).toContain('better-sqlite3');
    for (const p of ['tsx', 'exceljs', 'docx', 'jszip']) expect(loaded).not.toContain(p);
  });

  it('export to .xlsx loads exceljs when it writes one, and the file opens', () => {
    const out = path.join(dir, 'a.xlsx');
    const r = probe('export', '--db', db, '--kind', 'casefile', '--out', out);
    expect(r.code).toBe(0);
    expect(packages(r.modules)).toContain('exceljs');
    expect(fs.statSync(out).size).toBeGreaterThan(0);
  });
});
