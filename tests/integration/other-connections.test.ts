// Settings and the holiday calendar are cached in a running core. A change made by another connection (the
// command line while the app or browser mode is open) must be seen by the running core's next call
// (issue 13, part 7): dispatch checks PRAGMA data_version before each call and reads them again when it moved.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followOtherConnections, type Core } from '../../electron/core/core';
import { fazhi } from '../helpers/cli';
import { call, tempCore } from '../helpers/db';

let core: Core & { dir: string };
beforeEach(async () => {
  core = await tempCore();
});
afterEach(() => core.close());

describe('a running core follows changes made by another connection', () => {
  it('sees a setting changed by the command line on its next call', async () => {
    expect((await call(core, 'settings.get', {})).values.单位名称).toBe('');
    const r = fazhi('settings', '--db', core.file, '--set', '单位名称=某某县人民政府');
    expect(r.code, r.err).toBe(0);
    expect((await call(core, 'settings.get', {})).values.单位名称).toBe('某某县人民政府');
    // and uses it: the actor of the next write carries the 经办人 set from outside
    fazhi('settings', '--db', core.file, '--set', '经办人=李四');
    await call(core, 'materials.set', { year: 2025, name: '工作亮点', content: '内容' });
    expect(core.db.prepare("SELECT actor FROM audit_log WHERE action = '年度素材'").pluck().get()).toBe('测试（李四）');
  }, 60_000);

  it('sees a holiday year added by another connection', async () => {
    const other = new Database(core.file);
    try {
      other
        .prepare('INSERT INTO holiday_years (year, off, work, source, added_at) VALUES (?, ?, ?, ?, ?)')
        .run(2031, JSON.stringify(['2031-01-01']), '[]', '测试', new Date().toISOString());
    } finally {
      other.close();
    }
    expect((await call(core, 'calendar.years', {})).years.map((y) => y.year)).toContain(2031);
    expect(core.calendar.isWorkday('2031-01-01')).toBe(false);
  });

  it('reads nothing again after its own writes or when nothing changed', async () => {
    expect(followOtherConnections(core)).toBe(false);
    await call(core, 'settings.update', { patch: { 单位名称: '本连接写的' } });
    expect(followOtherConnections(core)).toBe(false);
    const other = new Database(path.resolve(core.file));
    other.prepare("UPDATE settings SET value = '\"另一个连接写的\"' WHERE key = '单位名称'").run();
    other.close();
    expect(followOtherConnections(core)).toBe(true);
    expect(core.settings.单位名称).toBe('另一个连接写的');
    expect(followOtherConnections(core)).toBe(false);
  });
});
