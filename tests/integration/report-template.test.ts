// The report template edited in the app: numbered versions that are only ever added, a save that refuses a
// template with problems or one edited by someone else in between (writing nothing), 恢复内置模板, restoring an
// old version, a draft previewed before it is saved, and the template saved before migration 3 kept as version 1.
import path from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

const MINE = '# 一、合同审查\n{{单位名称}}全年审查合同{{合同.审查件数}}件。\n本单位自定的一句话。';

async function documentText(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('report template versions', () => {
  it('starts on the built-in template with no history', async () => {
    const core = await tempCore();
    const t = await call(core, 'report.template', {});
    expect(t.template).toBe(t.builtIn);
    expect(t.version).toBeNull();
    expect(t.history).toEqual([]);
    core.close();
  });

  it('a draft is previewed without being saved', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'contract', values: { title: '物业合同', submitter: '县机关事务中心', receivedOn: '2025-03-03' } });
    const p = await call(core, 'report.preview', { year: 2025, variant: 'web', template: MINE });
    expect(p.blocks.map((b) => b.text)).toEqual(['一、合同审查', '（单位名称）全年审查合同1件。', '本单位自定的一句话。']);
    expect((await call(core, 'report.template', {})).version).toBeNull();
    core.close();
  });

  it('saves numbered versions, used by preview, readiness and the generated document, each in the audit log', async () => {
    const core = await tempCore();
    await call(core, 'ledger.create', { kind: 'contract', values: { title: '物业合同', submitter: '县机关事务中心', receivedOn: '2025-03-03' } });
    expect(await call(core, 'report.saveTemplate', { year: 2025, text: MINE, note: '压缩篇幅', base: null })).toEqual({ version: 1, saved: true });
    const t = await call(core, 'report.template', {});
    expect(t.template).toBe(MINE);
    expect(t.version).toBe(1);
    expect(t.history).toEqual([{ version: 1, note: '压缩篇幅', savedAt: expect.any(String), savedBy: '测试', builtIn: false, chars: MINE.length }]);
    const p = await call(core, 'report.preview', { year: 2025, variant: 'web' });
    expect(p.blocks.at(-1)?.text).toBe('本单位自定的一句话。');
    // without the unit's name nothing is generated: the title, the text and the signature would read （单位名称）
    const refused = await callFail(core, 'report.generate', { year: 2025, variant: 'web', attachment: false });
    expect(refused.message).toContain('尚未设置单位名称');
    expect((await call(core, 'report.readiness', { year: 2025 })).unitMissing).toBe(true);
    await call(core, 'settings.update', { patch: { 单位名称: '某某县司法局' } });
    expect((await call(core, 'report.readiness', { year: 2025 })).unitMissing).toBe(false);
    const doc = await documentText((await call(core, 'report.generate', { year: 2025, variant: 'web', attachment: false })).content);
    expect(doc).toContain('某某县司法局全年审查合同1件。');
    expect(doc).toContain('本单位自定的一句话。');
    const audit = await call(core, 'audit.list', { q: '报告模板' });
    expect(audit.rows.map((r) => r.summary)).toEqual(['保存报告模板第 1 版：压缩篇幅']);
    core.close();
  });

  it('refuses a template with problems, naming each line, and writes nothing', async () => {
    const core = await tempCore();
    const e = await callFail(core, 'report.saveTemplate', {
      year: 2025,
      text: '# 一、总体情况\n全年{{不存在的数}}件。\n[[复议{{行政复议.收案件数}}件',
      base: null,
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('第 2 行未知的占位符“{{不存在的数}}”');
    expect(e.message).toContain('第 3 行条件块的 [[ 与 ]] 不成对');
    expect((await call(core, 'report.template', {})).history).toEqual([]);
    expect((await callFail(core, 'report.saveTemplate', { year: 2025, text: '  \n', base: null })).message).toContain('模板不能为空');
    core.close();
  });

  it('names Object.prototype members as unknown keys: saved nowhere, previewed as written, never "undefined"', async () => {
    const core = await tempCore();
    const text = '全年{{constructor}}件，{{__proto__}}、{{toString}}、{{ hasOwnProperty }}。';
    const e = await callFail(core, 'report.saveTemplate', { year: 2025, text, base: null });
    expect(e.code).toBe('VALIDATION');
    for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(e.message).toContain(`第 1 行未知的占位符“{{${k}}}”`);
    expect((await call(core, 'report.template', {})).history).toEqual([]);
    const p = await call(core, 'report.preview', { year: 2025, variant: 'web', template: text });
    expect(p.unknownKeys).toEqual(['constructor', '__proto__', 'toString', 'hasOwnProperty']);
    expect(JSON.stringify(p.blocks)).not.toContain('undefined');
    const keys = (await call(core, 'report.keys', { year: 2025 })).keys.map((k) => k.key);
    expect(keys).not.toContain('constructor');
    expect(keys).toContain('年度');
    core.close();
  });

  // (the old regular expression took 15 s for 2,000 spaces and grew cubically: this test would not finish)
  it('a template line of {{ and 200,000 characters is refused with its line', async () => {
    const core = await tempCore();
    const e = await callFail(core, 'report.saveTemplate', {
      year: 2025,
      text: `# 一、总体情况
全年{{${' '.repeat(199_000)}件`,
      base: null,
    });
    expect(e.message).toContain('第 2 行占位符的 {{ 与 }} 不成对');
    core.close();
  });

  it('refuses a save based on a version someone else has replaced, writing nothing', async () => {
    const core = await tempCore();
    await call(core, 'report.saveTemplate', { year: 2025, text: MINE, base: null });
    const e = await callFail(core, 'report.saveTemplate', { year: 2025, text: `${MINE}\n另一人的修改。`, base: null });
    expect(e.code).toBe('STALE');
    expect(e.message).toContain('已被他人改为第 1 版');
    expect((await call(core, 'report.template', {})).history).toHaveLength(1);
    core.close();
  });

  it('saving the text in use again adds no version', async () => {
    const core = await tempCore();
    const builtIn = (await call(core, 'report.template', {})).builtIn;
    expect(await call(core, 'report.saveTemplate', { year: 2025, text: builtIn, base: null })).toEqual({ version: null, saved: false });
    await call(core, 'report.saveTemplate', { year: 2025, text: MINE, base: null });
    expect(await call(core, 'report.saveTemplate', { year: 2025, text: MINE, base: 1 })).toEqual({ version: 1, saved: false });
    core.close();
  });

  it('resets to the built-in template and restores an old version, both as new versions; none is ever lost', async () => {
    const core = await tempCore();
    await call(core, 'report.saveTemplate', { year: 2025, text: MINE, base: null });
    expect(await call(core, 'report.saveTemplate', { year: 2025, text: null, base: 1 })).toEqual({ version: 2, saved: true });
    let t = await call(core, 'report.template', {});
    expect(t.template).toBe(t.builtIn);
    expect(t.history.map((h) => [h.version, h.builtIn])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await call(core, 'report.templateVersion', { version: 2 })).text).toBe(t.builtIn);
    const old = await call(core, 'report.templateVersion', { version: 1 });
    expect(old.text).toBe(MINE);
    await call(core, 'report.saveTemplate', { year: 2025, text: old.text, note: '恢复第 1 版', base: 2 });
    t = await call(core, 'report.template', {});
    expect([t.version, t.template]).toEqual([3, MINE]);
    expect((await callFail(core, 'report.templateVersion', { version: 9 })).message).toBe('找不到报告模板的第 9 版');
    expect(() => core.db.prepare('DELETE FROM report_templates').run()).toThrow('只能追加，不能删除');
    expect(() => core.db.prepare("UPDATE report_templates SET text = ''").run()).toThrow('只能追加，不能修改');
    core.close();
  });

  it('a template saved before migration 3 becomes version 1; the settings row stays', async () => {
    const file = path.join(tempDir(), 'ledger.db');
    const db = await openDatabase(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 3) });
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('report.template', ?, '2026-01-05T09:00:00.000Z')").run(JSON.stringify(MINE));
    db.close();
    const core = await openCore(file, { actor: '测试' });
    const t = await call(core, 'report.template', {});
    expect([t.version, t.template, t.history[0].note, t.history[0].savedAt]).toEqual([1, MINE, '升级前保存的模板', '2026-01-05T09:00:00.000Z']);
    core.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT count(*) FROM settings WHERE key = 'report.template'").pluck().get()).toBe(1);
    raw.close();
  });
});
