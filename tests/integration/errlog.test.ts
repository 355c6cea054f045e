// The program's log (issue 13, part 9): an error that reaches 内部错误 is written with its method and stack to
// <data folder>/logs/法治台账.log, never with the values of the input; the log rotates; app.log reads it back.
// Also: SQLite's own messages that slip past the checks come back in Chinese, naming the field (part 7).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { handlers } from '../../electron/core/api/handlers';
import type { Core } from '../../electron/core/core';
import { appendLog, HIDDEN, LOG_NAME, logFileFor, readLogTail } from '../../electron/core/safety/errlog';
import { APP_VERSION } from '../../electron/core/version';
import { LEDGERS } from '../../electron/domain/ledgers';
import { call, tempCore, tempDir } from '../helpers/db';

type Handler = (core: Core, input: unknown) => unknown;
const table = handlers as unknown as Record<string, Handler>;

/** Run `fn` with the handler of `method` replaced by `fake`. */
async function withHandler<T>(method: string, fake: Handler, fn: () => Promise<T>): Promise<T> {
  const real = table[method];
  table[method] = fake;
  try {
    return await fn();
  } finally {
    table[method] = real;
  }
}

let core: Core & { dir: string };
beforeEach(async () => {
  core = await tempCore();
});
afterEach(() => core.close());

const PLANTED = '张三丰身份证330102199001011234';

describe('an error that reaches 内部错误', () => {
  it('is written to logs/法治台账.log with method, error, stack and version, but no value of the input', async () => {
    const log = path.join(core.dir, 'logs', LOG_NAME);
    expect(logFileFor(core.file)).toBe(log);
    expect(fs.existsSync(log)).toBe(false);
    const r = await withHandler(
      'materials.set',
      (_c, input) => {
        // a careless error that quotes what it was given
        throw new TypeError(`无法处理素材内容“${(input as { content: string }).content}”`);
      },
      () => dispatch(core, 'materials.set', { year: 2025, name: '工作亮点', content: PLANTED }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INTERNAL');
    expect(r.error.message).toContain('内部错误');
    const text = fs.readFileSync(log, 'utf8');
    expect(text).not.toContain(PLANTED);
    expect(text).not.toContain('330102199001011234');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry.kind).toBe('内部错误');
    expect(entry.method).toBe('materials.set');
    expect(entry.version).toBe(APP_VERSION);
    expect(Date.parse(entry.time)).not.toBeNaN();
    expect(entry.error.name).toBe('TypeError');
    expect(entry.error.message).toBe(`无法处理素材内容“${HIDDEN}”`);
    expect(entry.stack).toContain('errlog.test.ts');
    // the shape of the input, not its values
    expect(entry.input).toEqual({ year: 'number', name: 'string(4)', content: `string(${PLANTED.length})` });
  });

  it('is not written for the errors handlers mean to give (validation, not found)', async () => {
    const r = await dispatch(core, 'ledger.get', { kind: 'decision', id: 'nope' });
    expect(r.ok).toBe(false);
    await dispatch(core, 'materials.set', { year: 2025, name: '   ', content: PLANTED });
    expect(fs.existsSync(logFileFor(core.file))).toBe(false);
  });

  it('app.log returns the path and the newest lines', async () => {
    expect(await call(core, 'app.log', {})).toEqual({ file: logFileFor(core.file), exists: false, lines: [] });
    for (const n of [1, 2, 3]) {
      await withHandler(
        'app.info',
        () => {
          throw new Error(`第${n}次`);
        },
        () => dispatch(core, 'app.info', {}),
      );
    }
    const r = await call(core, 'app.log', { lines: 2 });
    expect(r.exists).toBe(true);
    expect(r.lines.map((l) => JSON.parse(l).error.message)).toEqual(['第2次', '第3次']);
  });
});

describe('the log file rotates', () => {
  it('moves a full log to .1, .2 … and keeps at most `keep` files', () => {
    const dir = tempDir();
    const data = path.join(dir, 'a.db');
    const file = logFileFor(data);
    const entry = { kind: '测试', pad: 'x'.repeat(200) };
    for (let i = 0; i < 60; i++) appendLog(data, { ...entry, n: i }, { maxBytes: 1000, keep: 3 });
    const names = fs.readdirSync(path.dirname(file)).sort();
    expect(names).toEqual([LOG_NAME, `${LOG_NAME}.1`, `${LOG_NAME}.2`]);
    for (const n of names) expect(fs.statSync(path.join(path.dirname(file), n)).size).toBeLessThanOrEqual(1000);
    // newest in the current file, the ones before in .1, then .2; nothing older survives
    const nums = (n: string) =>
      fs
        .readFileSync(path.join(path.dirname(file), n), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).n as number);
    const all = [...nums(`${LOG_NAME}.2`), ...nums(`${LOG_NAME}.1`), ...nums(LOG_NAME)];
    expect(all.at(-1)).toBe(59);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => 60 - all.length + i));
    expect(all.length).toBeLessThan(60);
    expect(readLogTail(data, 1000).lines.map((l) => JSON.parse(l).n)).toEqual(nums(LOG_NAME));
  });
});

describe("SQLite's own messages, should one slip past the checks", () => {
  const cases: [string, (c: Core) => unknown, unknown, RegExp][] = [
    [
      'a NUL in a search',
      (c) => c.db.prepare('SELECT rowid FROM decision_fts WHERE body MATCH ?').all('"a\u0000b"'),
      { kind: 'decision', q: 'a\u0000b' },
      /“data\.q”中含有无法识别的字符/,
    ],
    [
      'too many variables',
      (c) => c.db.prepare(`SELECT ${Array(40_000).fill('?').join(',')}`),
      { kind: 'decision', ids: ['a', 'b', 'c'], note: 'x' },
      /“data\.ids”中的项目过多/,
    ],
    [
      'a string or blob too big',
      (c) => c.db.prepare('SELECT zeroblob(?)').get(2_000_000_000),
      { kind: 'decision', values: { title: 'x'.repeat(300), sponsor: 'y' } },
      /“data\.values\.title”的内容过长/,
    ],
    [
      'an integer overflow',
      (c) => c.db.prepare('SELECT abs(?)').get(-9223372036854775808n),
      { page: 3, pageSize: 1e300 },
      /“data\.pageSize”的数值超出允许范围/,
    ],
    [
      'a CHECK constraint',
      (c) => c.db.prepare("INSERT INTO decision (id, created_at, updated_at, \"inCatalog\") VALUES ('x', '', '', 5)").run(),
      { kind: 'decision' },
      new RegExp(`^“${LEDGERS.decision.fields.find((f) => f.key === 'inCatalog')!.label}”的内容不符合数据文件的规则`),
    ],
    [
      'a NOT NULL constraint on a technical column',
      (c) => c.db.prepare('INSERT INTO decision (id) VALUES (?)').run('x'),
      { kind: 'decision' },
      /^内容不符合数据文件的规则/,
    ],
  ];
  // calendar.addYear takes its `data` as it comes (z.unknown()), so the planted input reaches the mapping whole
  it.each(cases)('%s: a Chinese message naming the field; the raw one goes to the log', async (_name, fail, input, expected) => {
    const r = await withHandler(
      'calendar.addYear',
      (c) => fail(c),
      () => dispatch(core, 'calendar.addYear', { data: input }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).not.toBe('INTERNAL');
    expect(r.error.message).toMatch(expected);
    expect(r.error.message).not.toMatch(/SQLITE|unterminated|too many|too big|overflow|constraint/i);
    const logged = readLogTail(core.file).lines.map((l) => JSON.parse(l));
    expect(logged).toHaveLength(1);
    expect(logged[0].method).toBe('calendar.addYear');
    expect(logged[0].error.code).toMatch(/^SQLITE_/);
  });
});
