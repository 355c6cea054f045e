// 年度素材 names are stored trimmed. Saving under a name typed with spaces must find the stored text it
// overwrites: the audit's `before` is that old text, not "" (issue 13, part 7).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { call, callFail, tempCore } from '../helpers/db';

let core: Core;
beforeEach(async () => {
  core = await tempCore();
});
afterEach(() => core.close());

const materialAudits = () =>
  (core.db.prepare("SELECT before, after FROM audit_log WHERE action = '年度素材' ORDER BY seq").all() as { before: string; after: string }[]).map((r) => ({
    before: JSON.parse(r.before),
    after: JSON.parse(r.after),
  }));

describe('materials.set with a name typed with spaces', () => {
  it('overwrites the stored text and audits the old text under the trimmed name', async () => {
    await call(core, 'materials.set', { year: 2025, name: '工作亮点', content: '第一稿' });
    const r = await call(core, 'materials.set', { year: 2025, name: '  工作亮点 ', content: '第二稿' });
    expect(r.name).toBe('工作亮点');
    const stored = core.db.prepare('SELECT name, content FROM materials WHERE year = 2025').all();
    expect(stored).toEqual([{ name: '工作亮点', content: '第二稿' }]);
    expect(materialAudits()).toEqual([
      { before: { 工作亮点: '' }, after: { 工作亮点: '第一稿' } },
      { before: { 工作亮点: '第一稿' }, after: { 工作亮点: '第二稿' } },
    ]);
  });

  it('writes nothing (and audits nothing) when the text under the trimmed name is unchanged', async () => {
    await call(core, 'materials.set', { year: 2025, name: '工作亮点', content: '同一稿' });
    await call(core, 'materials.set', { year: 2025, name: ' 工作亮点', content: '同一稿' });
    expect(materialAudits()).toHaveLength(1);
  });

  it('refuses a name of spaces only', async () => {
    const e = await callFail(core, 'materials.set', { year: 2025, name: '   ', content: '内容' });
    expect(e.message).toContain('素材名称不能为空');
    expect(core.db.prepare('SELECT count(*) FROM materials').pluck().get()).toBe(0);
  });
});
