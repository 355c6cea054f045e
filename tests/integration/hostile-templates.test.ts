// Hostile report templates (tests/hostile/docx-corpus.ts, made at test time) through the command line
// (`report --template`) and through the API (report.generate, and report.checkDocx in this process; text templates through
// report.preview + report.saveTemplate), each in a child process: a clean Chinese refusal or a result, exit 0 or
// 1, no stack trace, under 1 GB of peak memory and 20 s of wall time each.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { DOCX_WORKER_LIMITS } from '../../electron/core/report/docx-host';
import { DOCX_LIMITS } from '../../electron/core/report/docx-zip';
import { docxCases, textCases, type HostileCase } from '../hostile/docx-corpus';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

const root = path.resolve(__dirname, '..', '..');
const probe = path.join(root, 'tests', 'hostile', 'rss-probe.mjs');
const GB = 1024 * 1024 * 1024;
const MAX_MS = 20_000;

interface Run {
  code: number | null;
  text: string;
  ms: number;
  rss: number;
}

function run(args: string[]): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', probe, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  const m = /\[peak-rss-kb\] (\d+)/.exec(r.stderr ?? '');
  const text = `${r.stdout ?? ''}${(r.stderr ?? '').replace(/\n?\[peak-rss-kb\] \d+\n?/, '')}`.trim();
  return { code: r.status, text, ms, rss: m ? Number(m[1]) * 1024 : Infinity };
}

function expectClean(r: Run, expected: HostileCase['expect'], what: string): void {
  const where = `${what}：${r.text.slice(0, 400)}`;
  // the figures, for docs and for whoever looks at a slow run
  console.info(`${what}: exit ${r.code}, ${Math.round(r.ms)} ms, peak ${Math.round(r.rss / 1024 / 1024)} MB`);
  expect(r.code, where).toBe('refused' in expected ? 1 : 0);
  expect(r.ms, `${where}（${Math.round(r.ms)} ms）`).toBeLessThan(MAX_MS);
  expect(r.rss, `${where}（峰值内存 ${Math.round(r.rss / 1024 / 1024)} MB）`).toBeLessThan(GB);
  expect(r.text, where).not.toMatch(/^\s+at /m); // no stack trace
  expect(r.text, where).not.toMatch(/内部错误|undefined|Error:/);
  if ('refused' in expected) {
    expect(r.text, where).toMatch(/[\u4e00-\u9fff]/);
    expect(r.text, where).toMatch(expected.refused);
  }
}

let dir: string;
let db: string;

beforeAll(async () => {
  dir = tempDir('fazhi-hostile-');
  const core = await tempCore();
  // a report names the office: without 单位名称 a good template is refused too (issue 15), which would hide what
  // the hostile file itself does
  await call(core, 'settings.update', { patch: { 单位名称: '某某县人民政府' } });
  db = core.file;
  core.close();
});

describe('hostile .docx templates', () => {
  for (const c of docxCases(DOCX_LIMITS)) {
    it(`${c.name}: ${c.what}`, { timeout: 180_000 }, async () => {
      const file = c.build(dir);
      const cliOut = path.join(dir, `${c.name}.cli.docx`);
      const cli = run([path.join(root, 'bin', 'fazhi.js'), 'report', '--db', db, '--year', '2025', '--variant', 'web', '--template', file, '--out', cliOut]);
      expectClean(cli, c.expect, `命令行 ${c.name}`);
      const apiOut = path.join(dir, `${c.name}.api.docx`);
      const api = run(['--import', 'tsx', path.join(root, 'tests', 'hostile', 'run-api.ts'), db, 'docx', file, apiOut]);
      expectClean(api, c.expect, `接口 ${c.name}`);
      // the check the report page runs when a template is chosen (same reading, in this process)
      const core = await tempCore();
      const check = await dispatch(core, 'report.checkDocx', { year: 2025, content: fs.readFileSync(file).toString('base64') });
      core.close();
      if (!check.ok) expect(check.error.message).toMatch('refused' in c.expect ? c.expect.refused : /^$/);
      else expect((check.data as { unknownKeys: string[] }).unknownKeys.length > 0, '无法识别的占位符在检查时列出').toBe('refused' in c.expect);
      if ('accepted' in c.expect) {
        for (const out of [cliOut, apiOut]) c.check?.(fs.readFileSync(out));
      } else {
        expect(fs.existsSync(cliOut), '被拒绝时不应写出文件').toBe(false);
      }
      fs.rmSync(file, { force: true });
    });
  }
});

describe('hostile in-app template texts', () => {
  for (const c of textCases(200_000)) {
    it(`${c.name}`, { timeout: 120_000 }, () => {
      const file = path.join(dir, `${c.name}.txt`);
      fs.writeFileSync(file, c.text);
      const api = run(['--import', 'tsx', path.join(root, 'tests', 'hostile', 'run-api.ts'), db, 'text', file]);
      expectClean(api, c.expect, `接口 ${c.name}`);
    });
  }
});

describe('the Word template worker', () => {
  const big = () =>
    docxCases(DOCX_LIMITS)
      .find((c) => c.name === 'many-placeholders')!
      .build(dir);

  it('a template that needs more memory than the worker may have is refused in Chinese; the app goes on', { timeout: 120_000 }, async () => {
    const core = await tempCore();
    const saved = DOCX_WORKER_LIMITS.maxOldGenerationSizeMb;
    DOCX_WORKER_LIMITS.maxOldGenerationSizeMb = 24;
    try {
      const content = fs.readFileSync(big()).toString('base64');
      const e = await callFail(core, 'report.generate', { year: 2025, variant: 'web', templateDocx: content, attachment: false });
      expect(e.message).toContain('超出了内存上限');
    } finally {
      DOCX_WORKER_LIMITS.maxOldGenerationSizeMb = saved;
    }
    // the same process goes on: the next call answers
    expect((await call(core, 'report.template', {})).version).toBeNull();
    core.close();
  });

  it('a worker over its time is ended and the user told', { timeout: 120_000 }, async () => {
    const core = await tempCore();
    const saved = DOCX_WORKER_LIMITS.timeoutMs;
    DOCX_WORKER_LIMITS.timeoutMs = 50;
    try {
      const content = fs.readFileSync(big()).toString('base64');
      const e = await callFail(core, 'report.checkDocx', { year: 2025, content });
      expect(e.message).toMatch(/模板文件处理超过 .* 秒仍未完成，已放弃/);
    } finally {
      DOCX_WORKER_LIMITS.timeoutMs = saved;
    }
    core.close();
  });
});
