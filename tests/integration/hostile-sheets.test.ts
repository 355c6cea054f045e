// Hostile spreadsheets and CSV/JSON files (tests/hostile/make-corpus.ts, made here into a temporary folder: nothing
// big is committed), each imported the two ways a user hands the app a file, in a child process of its own:
// the command line (`node bin/fazhi.js import …`, as tests/helpers/cli.ts runs it) and the API (exchange.preview,
// then exchange.import, through dispatch, as the window calls them). Each must end cleanly: exit 0 or 1, a Chinese
// refusal or report (the one expected, where there is one) with no stack trace, a peak RSS under 1 GB and under
// 20 s of wall time. Before the bounds of electron/core/exchange/limits.ts, several of these took the process
// down (V8 heap out of memory) or blocked it for a minute and more.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_CASES, makeCorpus, type HostileCase } from '../hostile/make-corpus';
import { tempDir } from '../helpers/db';

const root = path.resolve(__dirname, '..', '..');
const dir = tempDir('fazhi-hostile-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** the preload that reports a child's peak RSS and CPU time */
const RSS = pathToFileURL(path.join(root, 'tests/hostile/rss.mjs')).href;
const MAX_RSS_KB = 1024 * 1024;
const MAX_MS = 20_000;

/**
 * How oversubscribed the machine is (runnable processes a core, at least 1). The 20 s are for the file's own work:
 * the CPU time a child took is held to them as it is; its wall time too, stretched by this factor while other
 * work crowds the cores (on a busy shared machine a child can wait longer for a core than it works).
 */
const crowding = () => Math.max(1, os.loadavg()[0] / os.availableParallelism());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  rssKb: number;
  cpuMs: number;
  /** the crowding factor while it ran */
  crowd: number;
}

function run(args: string[], rssFile: string): Promise<Run> {
  const started = performance.now();
  const crowd0 = crowding();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000, env: { ...process.env, HOSTILE_RSS_FILE: rssFile } },
      (e, stdout, stderr) => {
        const ms = performance.now() - started;
        const u = fs.existsSync(rssFile)
          ? (JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRssKb: number; cpuUs: number })
          : { maxRssKb: NaN, cpuUs: NaN };
        resolve({
          code: e ? ((e as { code?: number }).code ?? null) : 0,
          stdout,
          stderr,
          ms,
          rssKb: u.maxRssKb,
          cpuMs: u.cpuUs / 1000,
          crowd: Math.max(crowd0, crowding()),
        });
      },
    );
  });
}

const CHINESE = /[\u4e00-\u9fff]/;
/** what an uncaught exception or a V8 abort leaves behind */
const STACK = /\n\s+at |\bat .+:\d+:\d+|(Type|Range|Reference|Syntax)Error|FATAL ERROR|heap out of memory|Aborted|<--- /;

function clean(text: string, c: HostileCase): void {
  expect(text, c.file).toMatch(CHINESE);
  expect(text, c.file).not.toMatch(STACK);
  if (c.expect) expect(text, c.file).toMatch(c.expect);
}

function bounded(r: Run, c: HostileCase, how: string): void {
  expect(r.rssKb, `${c.file} ${how}: peak RSS (kB)`).toBeLessThan(MAX_RSS_KB);
  expect(r.cpuMs, `${c.file} ${how}: CPU time (ms)`).toBeLessThan(MAX_MS);
  expect(r.ms, `${c.file} ${how}: wall time (ms), machine crowded ×${r.crowd.toFixed(1)}`).toBeLessThan(MAX_MS * r.crowd);
}

type Result = { ok: true; data: { errors: string[]; inserted: number; errorCount?: number } } | { ok: false; error: { code: string; message: string } };

describe('hostile files: a clean Chinese refusal or result, bounded in memory and time', () => {
  it.each(HOSTILE_CASES.map((c) => [c.file, c] as const))(
    '%s',
    async (_name, c) => {
      const file = makeCorpus(dir, [c.file]).get(c.file)!;
      try {
        const [cli, api] = await Promise.all([
          run(
            ['--import', RSS, 'bin/fazhi.js', 'import', file, '--db', path.join(dir, `${c.file}.cli.db`), '--kind', c.kind],
            path.join(dir, `${c.file}.cli.rss`),
          ),
          run(
            ['--import', RSS, '--import', 'tsx', 'tests/hostile/api-child.ts', file, c.kind, path.join(dir, `${c.file}.api.db`)],
            path.join(dir, `${c.file}.api.rss`),
          ),
        ]);

        // the command line: exit 0 or 1, the message on stderr
        expect(cli.code, `${c.file} cli: ${cli.stderr}`).toBe(c.ok ? 0 : 1);
        clean(cli.stderr, c);
        bounded(cli, c, 'cli');

        // the API: both calls answered, in Chinese, as refusals of the file (never INTERNAL: an unexpected exception)
        expect(api.code, `${c.file} api: ${api.stderr}`).toBe(c.ok ? 0 : 1);
        expect(api.stderr, c.file).not.toMatch(STACK);
        const out = JSON.parse(api.stdout.trim().split('\n').at(-1)!) as { preview: Result; imported: Result };
        for (const r of [out.preview, out.imported]) {
          if (r.ok) {
            if (c.ok) expect(r.data.errors, c.file).toEqual([]);
            else clean(r.data.errors.join('\n'), c);
          } else {
            expect(r.error.code, `${c.file}: ${r.error.message}`).toBe(c.apiCode ?? 'IMPORT_FAILED');
            clean(r.error.message, c);
          }
        }
        if (c.ok) expect(out.imported.ok && out.imported.data.inserted).toBeGreaterThan(0);
        bounded(api, c, 'api');
        const fig = (r: Run) =>
          `${Math.round(r.rssKb / 1024)} MB, ${(r.ms / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s, crowded ×${r.crowd.toFixed(1)})`;
        console.info(`${c.file}: cli ${fig(cli)}, api ${fig(api)}`);
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
    90_000,
  );

  it('a file with a problem on every row lists 200 of them and says how many there are', async () => {
    const c = HOSTILE_CASES.find((x) => x.file === 'errors-everywhere.csv')!;
    const file = makeCorpus(dir, [c.file]).get(c.file)!;
    const cli = await run(['bin/fazhi.js', 'import', file, '--db', path.join(dir, 'errors.db'), '--kind', c.kind], path.join(dir, 'errors.rss'));
    const lines = cli.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^导入失败：共 20,?000 处问题/);
    expect(lines.length).toBe(1 + 200 + 1);
    expect(lines[1]).toMatch(/^第2行 送审日期：/);
    expect(lines.at(-1)).toBe('另有 19,800 处问题没有列出（共 20,000 处），请先改正以上问题后重新检查');
  });
});
