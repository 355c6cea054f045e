// Units and 数据包 (issue 20) end to end on real files: a department's data file makes its package (API and CLI),
// the county's data file receives it, scope chooses the rows, re-receiving changes nothing, a changed package
// replaces exactly what changed (the replaced rows archived), received rows are read-only, and every bad
// package is refused in Chinese with nothing changed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { MANIFEST_KEY } from '../../electron/core/units-package';
import { fazhi } from '../helpers/cli';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

const DEPT_CODE = '11330100MB0000001X';

/** A department's own data file: its name and code set, three lawsuits and two case files in 2025, an indicator. */
async function department(name = '某县交通运输局', code: string | null = DEPT_CODE): Promise<Core & { dir: string }> {
  const core = await tempCore();
  await call(core, 'settings.update', { patch: { 单位名称: name } });
  await call(core, 'units.update', { id: 1, name, code, upper: '某市／某县' });
  for (let i = 1; i <= 3; i++) {
    await call(core, 'ledger.create', {
      kind: 'litigation',
      values: {
        caseNo: `(2025)交行初${i}号`,
        instance: '一审',
        plaintiff: `原告${i}`,
        defendant: name,
        receivedOn: `2025-0${i}-10`,
        hearings: 1,
        headHearings: i === 1 ? 1 : 0,
      },
    });
  }
  for (let i = 1; i <= 2; i++) {
    await call(core, 'ledger.create', {
      kind: 'casefile',
      values: { unit: name, reviewedOn: '2025-06-01', fileType: '行政处罚', formScore: 18, contentScore: 70 + i },
    });
  }
  // a row of another year stays out of a 2025 package
  await call(core, 'ledger.create', {
    kind: 'litigation',
    values: { caseNo: '(2024)交行初9号', instance: '一审', plaintiff: '乙', defendant: name, receivedOn: '2024-05-05' },
  });
  await call(core, 'indicators.set', { year: 2025, items: [{ name: '执法人员培训人次', value: 40 }] });
  return core;
}

/** The county's own data file: one lawsuit of its own, the department in its tree. */
async function county(): Promise<Core & { dir: string }> {
  const core = await tempCore();
  await call(core, 'settings.update', { patch: { 单位名称: '某县人民政府' } });
  await call(core, 'ledger.create', {
    kind: 'litigation',
    values: { caseNo: '(2025)县行初1号', instance: '一审', plaintiff: '甲', defendant: '某县人民政府', receivedOn: '2025-04-01', hearings: 1, headHearings: 1 },
  });
  await call(core, 'indicators.set', { year: 2025, items: [{ name: '执法人员培训人次', value: 100 }] });
  await call(core, 'units.add', { name: '某县交通运输局', code: DEPT_CODE, parentId: 1 });
  await call(core, 'units.add', { name: '某县市场监督管理局', parentId: 1 });
  return core;
}

async function packageOf(core: Core, year = 2025): Promise<string> {
  const r = await call(core, 'units.package', { from: year, to: year });
  const file = path.join(tempDir(), r.fileName);
  fs.writeFileSync(file, Buffer.from(r.content, 'base64'));
  return file;
}

const content = (file: string) => fs.readFileSync(file).toString('base64');

/** Everything a refused package must leave as it was: every ledger's rows and the audit log. */
function snapshot(core: Core): string {
  const t = ['litigation', 'casefile', 'units', 'unit_packages', 'unit_indicators', 'unit_replaced', 'audit_log'];
  return JSON.stringify(t.map((x) => core.db.prepare(`SELECT * FROM ${x} ORDER BY 1`).all()));
}

describe('数据包 out and in through the API', () => {
  it('carries the unit, its years and counts; the county sees it in 全部 and in the unit scope, not in 本级', async () => {
    const dept = await department();
    const file = await packageOf(dept);
    // the package is a data file of this version with only the year's rows and a manifest
    const pkg = new Database(file, { readonly: true });
    expect(pkg.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const manifest = JSON.parse(pkg.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MANIFEST_KEY) as string);
    expect(pkg.prepare('SELECT count(*) FROM litigation').pluck().get()).toBe(3);
    pkg.close();
    expect(manifest).toMatchObject({
      unit: { name: '某县交通运输局', code: DEPT_CODE, path: '某市／某县／某县交通运输局' },
      years: { from: 2025, to: 2025 },
      rows: 5,
      schemaVersion: SCHEMA_VERSION,
    });
    expect(manifest.counts).toMatchObject({ litigation: 3, casefile: 2, indicators: 1 });

    const cty = await county();
    const before = await call(cty, 'stats.year', { year: 2025 });
    const preview = await call(cty, 'units.preview', { fileName: path.basename(file), content: content(file) });
    expect(preview.applied).toBe(false);
    expect(preview.unit.name).toBe('某县交通运输局');
    expect(preview.changes.find((c) => c.kind === 'litigation')).toMatchObject({ added: 3, changed: 0, removed: 0 });
    expect(preview.changes.find((c) => c.kind === 'unit_indicators')).toMatchObject({ added: 1 });
    // a preview writes nothing
    expect(cty.db.prepare('SELECT count(*) FROM litigation').pluck().get()).toBe(1);

    const r = await call(cty, 'units.receive', { fileName: path.basename(file), content: content(file) });
    expect(r.applied).toBe(true);
    expect(r.totals).toEqual({ added: 6, changed: 0, removed: 0 });
    const own = await call(cty, 'stats.year', { year: 2025 });
    const all = await call(cty, 'stats.year', { year: 2025, scope: '全部' });
    const unit = await call(cty, 'stats.year', { year: 2025, scope: '某县交通运输局' });
    // 本级 is what the county had before; 全部 adds the department; the unit alone is the department's
    expect(own.values).toEqual(before.values);
    expect(all.values['行政应诉.收案数'].value).toBe(4);
    expect(all.values['行政应诉.负责人出庭件数'].value).toBe(2);
    expect(all.values['行政应诉.出庭率'].text).toBe('50%');
    expect(unit.values['行政应诉.收案数'].value).toBe(3);
    expect(all.values['案卷评查.案卷数'].value).toBe(2);
    expect(all.values['指标.执法人员培训人次'].value).toBe(140);
    expect(own.values['指标.执法人员培训人次'].value).toBe(100);
    // the ledger list: 本级 by default, 全部 on asking, received rows say where they came from
    const listOwn = await call(cty, 'ledger.list', { kind: 'litigation', year: 2025 });
    const listAll = await call(cty, 'ledger.list', { kind: 'litigation', year: 2025, scope: '全部' });
    expect(listOwn.total).toBe(1);
    expect(listAll.total).toBe(4);
    const received = listAll.rows.find((x) => x.unitId !== undefined)!;
    expect(received.sourcePackage).toBe(r.manifest.id);
    // read-only here, refused by the core in Chinese
    const e = await callFail(cty, 'ledger.update', {
      kind: 'litigation',
      id: received.id,
      version: received.version,
      values: { ...received.values, plaintiff: '改' },
    });
    expect(e.message).toMatch(/来自“某县交通运输局”上报的数据包.*只能查看/);
    expect((await callFail(cty, 'ledger.delete', { kind: 'litigation', ids: [received.id] })).message).toMatch(/只能查看/);
    // the status: the department has sent, the other one has not
    const st = await call(cty, 'units.status', { year: 2025 });
    expect(st.units.find((u) => u.name === '某县交通运输局')).toMatchObject({ state: '已上报', rows: 5 });
    expect(st.units.find((u) => u.name === '某县市场监督管理局')).toMatchObject({ state: '未上报', rows: 0 });
    expect(st.reminder).toMatch(/1 个单位尚未上报 2025 年度数据包：某县市场监督管理局/);
    const board = await call(cty, 'deadlines.board', { today: '2026-02-10' });
    expect(board.reminders?.[0]).toMatch(/尚未上报 2025 年度数据包.*3 月 1 日前/);
    expect((await call(cty, 'deadlines.board', { today: '2026-03-02' })).reminders).toBeUndefined();
    // audited
    expect(cty.db.prepare(`SELECT summary FROM audit_log WHERE action = '接收数据包'`).pluck().all()).toEqual([
      expect.stringMatching(/新增 6、更新 0、移除 0/),
    ]);

    // the report speaks for the government: plain keys are 全部, a scope can be named; the annex has per-unit tables
    const preview2 = await call(cty, 'report.preview', {
      year: 2025,
      variant: 'formal',
      template: '全部{{全部.行政应诉.收案数}}件，本级{{本级.行政应诉.收案数}}件，合计{{行政应诉.收案数}}件。',
    });
    expect(preview2.unknownKeys).toEqual([]);
    expect(preview2.blocks.map((b) => b.text).join('')).toContain('全部4件，本级1件，合计4件。');
    const docx = await call(cty, 'report.generate', { year: 2025, variant: 'formal' });
    const xml = await (await JSZip.loadAsync(Buffer.from(docx.content, 'base64'))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
    expect(text).toContain('各单位应诉案件和负责人出庭情况');
    expect(text).toContain('各单位案卷评查情况');
    // the unit's row holds what the unit's own scope gives
    const deptRow = text.slice(text.indexOf('各单位应诉案件和负责人出庭情况'), text.indexOf('各单位案卷评查情况'));
    expect(deptRow).toContain(
      `某县交通运输局${unit.values['行政应诉.收案数'].text}${unit.values['行政应诉.负责人出庭件数'].text}${unit.values['行政应诉.出庭率'].text}`,
    );
    expect(deptRow).toContain(`本级${own.values['行政应诉.收案数'].text}${own.values['行政应诉.负责人出庭件数'].text}${own.values['行政应诉.出庭率'].text}`);

    // the same package again: nothing changes
    const snap = snapshot(cty);
    const again = await call(cty, 'units.receive', { fileName: 'x.fzpkg', content: content(file) });
    expect(again.alreadyReceived).toBe(true);
    expect(again.applied).toBe(false);
    expect(snapshot(cty)).toBe(snap);
    dept.close();
    cty.close();
  });

  it('a later package replaces what changed, removes what is gone, and archives both', async () => {
    const dept = await department();
    const cty = await county();
    await call(cty, 'units.receive', { fileName: 'a.fzpkg', content: content(await packageOf(dept)) });
    const rows = (await call(dept, 'ledger.list', { kind: 'litigation', year: 2025 })).rows;
    const [a, b] = rows;
    await call(dept, 'ledger.update', { kind: 'litigation', id: a.id, version: a.version, values: { ...a.values, headHearings: 1 } });
    await call(dept, 'ledger.delete', { kind: 'litigation', ids: [b.id] });
    await call(dept, 'ledger.create', {
      kind: 'litigation',
      values: { caseNo: '(2025)交行初7号', instance: '二审', plaintiff: '丙', defendant: '某县交通运输局', receivedOn: '2025-09-09' },
    });
    const file = await packageOf(dept);
    const preview = await call(cty, 'units.preview', { fileName: 'b.fzpkg', content: content(file) });
    expect(preview.previous).not.toBeNull();
    expect(preview.changes.find((c) => c.kind === 'litigation')).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 1 });
    expect(preview.changes.find((c) => c.kind === 'casefile')).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 2 });
    await call(cty, 'units.receive', { fileName: 'b.fzpkg', content: content(file) });
    const archived = cty.db.prepare('SELECT reason, record_id FROM unit_replaced ORDER BY seq').all() as { reason: string; record_id: string }[];
    expect(archived).toHaveLength(2);
    expect(archived).toEqual(
      expect.arrayContaining([
        { reason: '替换', record_id: a.id },
        { reason: '移除', record_id: b.id },
      ]),
    );
    const all = await call(cty, 'stats.year', { year: 2025, scope: '全部' });
    expect(all.values['行政应诉.收案数'].value).toBe(4);
    expect(all.values['行政应诉.二审收案数'].value).toBe(1);
    dept.close();
    cty.close();
  });
});

describe('bad packages are explained in Chinese and change nothing', () => {
  async function refused(cty: Core, file: string, pattern: RegExp): Promise<void> {
    const snap = snapshot(cty);
    const e = await callFail(cty, 'units.receive', { fileName: path.basename(file), content: content(file) });
    expect(e.message).toMatch(/^数据包不能接收：/);
    expect(e.message).toMatch(pattern);
    expect(e.message).not.toMatch(/Error|at \w+ \(/);
    expect(snapshot(cty)).toBe(snap);
  }

  it('newer version, damaged, crafted, tampered, not in the tree, claimed from elsewhere, not a package', async () => {
    const dept = await department();
    const cty = await county();
    const good = await packageOf(dept);
    const dir = tempDir();
    const variant = (name: string, fn: (db: Database.Database) => void) => {
      const f = path.join(dir, name);
      fs.copyFileSync(good, f);
      const db = new Database(f);
      fn(db);
      db.close();
      return f;
    };
    await refused(
      cty,
      variant('newer.fzpkg', (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)),
      new RegExp(`更新版本.*结构版本 ${SCHEMA_VERSION + 1}`),
    );
    await refused(
      cty,
      variant('trigger.fzpkg', (db) => db.exec('CREATE TRIGGER evil AFTER INSERT ON litigation BEGIN DELETE FROM audit_log; END;')),
      /触发器“evil”.*可能被篡改/,
    );
    await refused(
      cty,
      variant('tampered.fzpkg', (db) => db.exec(`UPDATE litigation SET "headHearings" = 1`)),
      /内容校验值与清单不符/,
    );
    await refused(
      cty,
      variant('added.fzpkg', (db) => db.exec(`INSERT INTO casefile (id, created_at, updated_at, "reviewedOn", unit) VALUES ('x', '', '', '2025-01-01', 'x')`)),
      /案卷评查.*有 3 行，清单写的是 2 行/,
    );
    await refused(
      cty,
      variant('manifest.fzpkg', (db) => db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('{"format":"x"}', MANIFEST_KEY)),
      /清单的格式不对/,
    );
    await refused(
      cty,
      variant('backup.fzpkg', (db) => db.prepare('DELETE FROM settings WHERE key = ?').run(MANIFEST_KEY)),
      /不是数据包/,
    );
    const damaged = path.join(dir, 'damaged.fzpkg');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refused(cty, damaged, /损坏|不完整|校验/);
    const notSqlite = path.join(dir, 'sheet.fzpkg');
    fs.writeFileSync(notSqlite, 'PK\u0003\u0004 not a package');
    await refused(cty, notSqlite, /不是法治台账的数据包/);

    // a unit the county does not have
    const stranger = await department('某县水利局', null);
    await refused(cty, await packageOf(stranger), /“某市／某县／某县水利局”不在本级的单位树中/);
    // the county's own package handed back to itself
    await refused(cty, await packageOf(cty), /本单位自己制作的数据包/);
    // a second installation claiming the department after the first one's package came in
    await call(cty, 'units.receive', { fileName: 'a.fzpkg', content: content(good) });
    const impostor = await department();
    await refused(cty, await packageOf(impostor), /此前的数据包来自另一台电脑.*更换来源/);
    // after 更换来源 (a new computer, verified) it is received
    const unit = (await call(cty, 'units.list', {})).units.find((u) => u.code === DEPT_CODE)!;
    await call(cty, 'units.update', { id: unit.id, resetSource: true });
    expect((await call(cty, 'units.receive', { fileName: 'c.fzpkg', content: content(await packageOf(impostor)) })).applied).toBe(true);
    for (const c of [dept, cty, stranger, impostor]) c.close();
  });
});

describe('fazhi package / receive / stats --scope / report --scope', () => {
  it('exports from one data file and receives into another through the command line, under the lock', async () => {
    const dept = await department();
    const deptFile = dept.file;
    dept.close();
    const cty = await county();
    const ctyFile = cty.file;
    cty.close();
    const out = path.join(tempDir(), '交通局-2025.fzpkg');
    const made = fazhi('package', '--db', deptFile, '--year', '2025', '--out', out);
    expect(made.code, made.err).toBe(0);
    expect(made.err).toMatch(/已制作“某县交通运输局”2025 年度数据包：5 条记录/);
    const dry = fazhi('receive', '--db', ctyFile, '--package', out, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.err).toMatch(/行政应诉案件台账：新增 3，更新 0，移除 0/);
    expect(dry.err).toMatch(/预览，未写入/);
    expect(JSON.parse(fazhi('stats', '--db', ctyFile, '--year', '2025', '--scope', '全部', '--json').out)['行政应诉.收案数'].value).toBe(1);
    const done = fazhi('receive', '--db', ctyFile, '--package', out);
    expect(done.code, done.err).toBe(0);
    expect(done.err).toMatch(/已接收：新增 6/);
    const stat = (scope: string) => JSON.parse(fazhi('stats', '--db', ctyFile, '--year', '2025', '--scope', scope, '--json').out)['行政应诉.收案数'].value;
    expect([stat('本级'), stat('全部'), stat('某县交通运输局')]).toEqual([1, 4, 3]);
    // exports choose their rows the same way
    const exported = (scope?: string) => {
      const f = path.join(tempDir(), 'x.json');
      const r = fazhi('export', '--db', ctyFile, '--kind', 'litigation', '--year', '2025', ...(scope ? ['--scope', scope] : []), '--out', f);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(fs.readFileSync(f, 'utf8')) as unknown[]).length;
    };
    expect([exported(), exported('全部'), exported('某县交通运输局')]).toEqual([1, 4, 3]);
    // the 填报单位 column: last, each row's unit by name (the department's rows from its package); re-imports
    const csv = path.join(tempDir(), '应诉.csv');
    expect(fazhi('export', '--db', ctyFile, '--kind', 'litigation', '--year', '2025', '--scope', '全部', '--out', csv).code).toBe(0);
    const lines = fs
      .readFileSync(csv, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0].split(',').at(-1)).toBe('填报单位');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').at(-1))
        .sort(),
    ).toEqual(['某县交通运输局', '某县交通运输局', '某县交通运输局', '某县人民政府'].sort());
    const xlsx = path.join(tempDir(), '应诉.xlsx');
    expect(fazhi('export', '--db', ctyFile, '--kind', 'litigation', '--year', '2025', '--scope', '全部', '--out', xlsx).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0];
    const col = (ws.getRow(1).values as unknown[]).indexOf('填报单位');
    expect(col).toBe(ws.getRow(1).cellCount);
    expect(ws.getColumn(col).values.filter(Boolean).slice(1).sort()).toEqual(['某县交通运输局', '某县交通运输局', '某县交通运输局', '某县人民政府'].sort());
    const reimport = fazhi('import', xlsx, '--db', path.join(tempDir(), 'new.db'), '--kind', 'litigation');
    expect(reimport.code, reimport.err).toBe(0);
    expect(reimport.err).toMatch(/已导入 4 条/);
    // ignored as 序号 is, not written into 备注
    expect(reimport.err).not.toMatch(/填报单位/);
    // a file whose tree holds only its own unit exports as before: no such column
    const plain = path.join(tempDir(), 'dept.csv');
    expect(fazhi('export', '--db', deptFile, '--kind', 'litigation', '--out', plain).code).toBe(0);
    expect(fs.readFileSync(plain, 'utf8')).not.toContain('填报单位');
    // so does the report: its plain keys count the scope's rows (全部 by default); 全部./本级. keep their own
    const tpl = path.join(tempDir(), 'tpl.docx');
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    zip.file(
      'word/document.xml',
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>合计{{行政应诉.收案数}}件，全部{{全部.行政应诉.收案数}}件，本级{{本级.行政应诉.收案数}}件。</w:t></w:r></w:p></w:body></w:document>',
    );
    fs.writeFileSync(tpl, await zip.generateAsync({ type: 'nodebuffer' }));
    const reported = async (scope?: string) => {
      const f = path.join(tempDir(), 'r.docx');
      const r = fazhi('report', '--db', ctyFile, '--year', '2025', '--template', tpl, ...(scope ? ['--scope', scope] : []), '--out', f);
      expect(r.code, r.err).toBe(0);
      const xml = await (await JSZip.loadAsync(fs.readFileSync(f))).file('word/document.xml')!.async('string');
      return /合计\d+件，全部\d+件，本级\d+件。/.exec(xml.replace(/<[^>]+>/g, ''))?.[0];
    };
    expect(await reported()).toBe('合计4件，全部4件，本级1件。');
    expect(await reported('本级')).toBe('合计1件，全部4件，本级1件。');
    expect(await reported('某县交通运输局')).toBe('合计3件，全部4件，本级1件。');
    const badReport = fazhi('report', '--db', ctyFile, '--year', '2025', '--scope', '某乡', '--out', path.join(tempDir(), 'x.docx'));
    expect(badReport.code).toBe(1);
    expect(badReport.err).toMatch(/范围“某乡”不是“本级”“全部”/);
    const bad = fazhi('stats', '--db', ctyFile, '--year', '2025', '--scope', '某乡');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/范围“某乡”不是“本级”“全部”/);
    const again = fazhi('receive', '--db', ctyFile, '--package', out);
    expect(again.err).toMatch(/已经接收过，数据没有变化/);
    const units = fazhi('units', '--db', ctyFile, '--year', '2025');
    expect(units.out).toMatch(/某县交通运输局\t已上报/);
    // a writing command is refused while another holds the file
    const { acquireDataLock } = await import('../../electron/core/safety/lock');
    const lock = acquireDataLock(ctyFile, '浏览器模式');
    try {
      const locked = fazhi('receive', '--db', ctyFile, '--package', out);
      expect(locked.code).toBe(1);
      expect(locked.err).toMatch(/正由本机的浏览器模式/);
    } finally {
      lock.release();
    }
  });
});
