// The command line as a user runs it: a real child process, real files, exit codes and Chinese messages.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../electron/domain/metrics';
import { fazhi } from '../helpers/cli';
import { call, tempCore, tempDir } from '../helpers/db';


async function dbWithCases(): Promise<string> {
  const core = await tempCore();
  const mk = (kind: 'litigation', values: Record<string, unknown>) => call(core, 'ledger.create', { kind, values });
  // 24 cases in 2025, 21 with the head appearing in court → 87.5% (DOMAIN.md's example)
  for (let i = 1; i <= 24; i++) {
    await mk('litigation', { caseNo: `(2025)X行初${i}号`, instance: '一审', plaintiff: `原告${i}`, defendant: '县政府', receivedOn: '2025-03-03', hearings: 1, headHearings: i <= 21 ? 1 : 0 });
  }
  await mk('litigation', { caseNo: '(2024)X行初1号', instance: '一审', plaintiff: '甲', defendant: '县政府', receivedOn: '2024-03-04' });
  const file = core.file;
  core.close();
  return file;
}

describe('fazhi stats', () => {
  it('--json prints every metric key, indicators and last year, each {value, text} without unit words', async () => {
    const db = await dbWithCases();
    const r = fazhi('stats', '--db', db, '--year', '2025', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Record<string, { value: number | null; text: string }>;
    for (const k of METRIC_KEYS) {
      expect(j[k], k).toBeDefined();
      expect(j[`上年.${k}`], `上年.${k}`).toBeDefined();
    }
    expect(j['指标.常务会议学法次数']).toEqual({ value: null, text: '—' });
    expect(j['行政应诉.出庭率']).toEqual({ value: 87.5, text: '87.5%' });
    expect(j['行政应诉.收案数']).toEqual({ value: 24, text: '24' });
    expect(j['上年.行政应诉.收案数']).toEqual({ value: 1, text: '1' });
    expect(j['行政复议.复议诉讼收案比']).toEqual({ value: 0, text: '0.00:1' });
    expect(Object.values(j).every((v) => !/[件条万元]/.test(v.text))).toBe(true);
    expect(Object.keys(j).some((k) => k.startsWith('同比.'))).toBe(false);
  });

  it('prints a readable table without --json', async () => {
    const db = await dbWithCases();
    const r = fazhi('stats', '--db', db, '--year', '2025');
    expect(r.code).toBe(0);
    expect(r.out).toContain('行政应诉.出庭率\t87.5%');
  });
});

describe('fazhi settings, check, backup', () => {
  it('sets and prints settings; a bad value is a data error', async () => {
    const db = await dbWithCases();
    const ok = fazhi('settings', '--db', db, '--set', '单位名称=某某县人民政府', '--set', 'litigation.appearanceBase=开庭次数');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('单位名称=某某县人民政府');
    expect(fazhi('stats', '--db', db, '--year', '2025', '--json').out).toContain('"text": "87.5%"');
    const bad = fazhi('settings', '--db', db, '--set', 'normative.reviewWorkdays=30');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('应在 5 至 15 之间');
  });

  it('check passes on a good file and fails on a damaged one', async () => {
    const db = await dbWithCases();
    expect(fazhi('check', '--db', db).code).toBe(0);
    const junk = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    const r = fazhi('check', '--db', junk);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/损坏|不是/);
  });

  it('backup writes one verified, self-contained file and never overwrites', async () => {
    const db = await dbWithCases();
    const out = path.join(tempDir(), '备份.db');
    const r = fazhi('backup', '--db', db, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('行政应诉 25');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['备份.db']);
    expect(fazhi('check', '--db', out).code).toBe(0);
    expect(fazhi('backup', '--db', db, '--out', out).code).toBe(1);
  });
});

describe('usage errors', () => {
  it('exit 2 with a Chinese message', () => {
    for (const args of [[], ['nope'], ['stats', '--db', 'x.db'], ['stats', '--db', 'x.db', '--year', '25'], ['export', '--db', 'x.db', '--kind', 'bad', '--out', 'a.xlsx'], ['stats', '--what']]) {
      const r = fazhi(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a missing data file is a data error, and is not created', () => {
    const f = path.join(tempDir(), '没有.db');
    const r = fazhi('stats', '--db', f, '--year', '2025');
    expect(r.code).toBe(1);
    expect(fs.existsSync(f)).toBe(false);
  });
});
