// write(...) (api/handlers/write.ts) gives a writing handler its transaction and its audit entry: the change and its
// entry are committed together, a refused change leaves neither, and a change that changes nothing leaves no entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { write } from '../../electron/core/api/handlers/write';
import { putIndicator } from '../../electron/core/db/year-data';
import { AppError } from '../../electron/core/errors';
import { call, callFail, tempCore } from '../helpers/db';

let core: Core;
beforeAll(async () => {
  core = await tempCore();
});
afterAll(() => core?.close());

const entries = () => core.db.prepare('SELECT action, at, after FROM audit_log ORDER BY seq').all() as { action: string; at: string; after: string | null }[];

describe('write(...)', () => {
  it('commits the change with one audit entry stamped with the change’s own time', async () => {
    const before = entries().length;
    await call(core, 'indicators.set', {
      year: 2025,
      items: [
        { name: '普法活动场次', value: 12 },
        { name: '法治督察次数', value: 3 },
      ],
    });
    const added = entries().slice(before);
    expect(added.map((e) => e.action)).toEqual(['年度指标']);
    expect(JSON.parse(added[0].after!)).toEqual({ 普法活动场次: 12, 法治督察次数: 3 });
    const stamps = core.db.prepare('SELECT DISTINCT updated_at FROM indicators WHERE year = 2025').pluck().all();
    expect(stamps).toEqual([added[0].at]);
  });

  it('writes nothing, and no entry, when the change is refused half-way', async () => {
    const before = entries().length;
    // a change that has written one value when it fails: the wrapper's transaction takes the value back
    const failing = write<'indicators.set'>((c, _input, { at }) => {
      putIndicator(c.db, 2025, '普法活动场次', 99, at);
      throw new AppError('VALIDATION', '第二项的数值无效');
    });
    expect(() => failing(core, { year: 2025, items: [] })).toThrow(/第二项的数值无效/);
    expect(core.db.prepare(`SELECT value FROM indicators WHERE year = 2025 AND name = '普法活动场次'`).pluck().get()).toBe(12);
    expect(entries().length).toBe(before);
    // and through the API: a negative value is refused with nothing written
    const err = await callFail(core, 'indicators.set', {
      year: 2025,
      items: [
        { name: '普法活动场次', value: 20 },
        { name: '法治督察次数', value: -1 },
      ],
    });
    expect(err.message).toMatch(/法治督察次数.*不能为负数/);
    expect(entries().length).toBe(before);
    const items = (await call(core, 'indicators.list', { year: 2025 })).items;
    expect(items.find((i) => i.name === '普法活动场次')?.value).toBe(12);
  });

  it('leaves no entry when nothing changes', async () => {
    await call(core, 'materials.set', { year: 2025, name: '工作亮点', content: '一、二、三' });
    const before = entries().length;
    await call(core, 'materials.set', { year: 2025, name: ' 工作亮点 ', content: '一、二、三' });
    await call(core, 'indicators.set', { year: 2025, items: [{ name: '普法活动场次', value: 12 }] });
    expect(entries().length).toBe(before);
  });

  it('gives a long change (a holiday year, every row re-derived) its entry in the same transaction', async () => {
    const before = entries().length;
    await call(core, 'calendar.addYear', { data: { years: { '2031': { off: ['2031-01-01'], work: [] } } }, source: '测试' });
    expect((await call(core, 'calendar.years', {})).years).toContainEqual({ year: 2031, source: '测试' });
    expect(
      entries()
        .slice(before)
        .map((e) => e.action),
    ).toEqual(['节假日']);
    await callFail(core, 'calendar.addYear', { data: { years: { '2032': null } } });
    expect(entries().length).toBe(before + 1);
    expect((await call(core, 'calendar.years', {})).years.map((y) => y.year)).not.toContain(2032);
  });
});
