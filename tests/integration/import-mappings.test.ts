// Migration 6 (import_mappings) on a real file written at version 5, and the wizard's remembered mappings: a
// mapping used in an import is offered (applied) by the preview of the next sheet with the same header row.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, tempCore, tempDir } from '../helpers/db';

describe('migration 6: import_mappings', () => {
  it('a version-5 file keeps its rows and gains the table', async () => {
    const file = path.join(tempDir(), 'old.db');
    const v5 = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 5), create: true });
    expect(v5.pragma('user_version', { simple: true })).toBe(5);
    v5.prepare(
      `INSERT INTO decision (id, version, created_at, updated_at, manual, "title", "sponsor", "receivedOn") VALUES ('d1', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '', '旧事项', '县发改局', '2025-01-06')`,
    ).run();
    expect(() => v5.prepare('SELECT * FROM import_mappings').all()).toThrow();
    v5.close();
    const db = await openDatabase(file, {});
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
    expect(db.prepare('SELECT title FROM decision').pluck().all()).toEqual(['旧事项']);
    db.prepare("INSERT INTO import_mappings (kind, layout, mapping, updated_at) VALUES ('decision', 'a|b', '{}', 'x')").run();
    expect(() => db.prepare("INSERT INTO import_mappings (kind, layout, mapping, updated_at) VALUES ('decision', 'a|b', '{}', 'y')").run()).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('remembered mappings', () => {
  it('the preview of a sheet laid out as one imported with a mapping applies that mapping and says so', async () => {
    const core = await tempCore();
    try {
      const sheet = async (no: string, word: string) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('台账');
        ws.addRow(['编号', '申请人', '被申请人', '收到日期', '日期', '处理结果']);
        ws.addRow([no, '甲', '县公安局', new Date('2025-03-01T00:00:00Z'), new Date('2025-04-01T00:00:00Z'), word]);
        return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      };
      const first = await sheet('（2025）某复1号', '调处');
      const before = await call(core, 'exchange.preview', { kind: 'reconsideration', fileName: 'a.xlsx', content: first });
      expect(before.savedMapping).toBeUndefined();
      expect(before.errors[0]).toContain('列“日期”可对应多个字段');
      const mapping = { columns: { 日期: '审结日期' }, values: { 审结方式: { 调处: '调解' } } };
      const done = await call(core, 'exchange.import', { kind: 'reconsideration', fileName: 'a.xlsx', content: first, mapping });
      expect(done.errors).toEqual([]);
      // next month's sheet, same layout
      const next = await call(core, 'exchange.preview', { kind: 'reconsideration', fileName: 'b.xlsx', content: await sheet('（2025）某复2号', '调处') });
      expect(next.savedMapping).toEqual(mapping);
      expect(next.errors).toEqual([]);
      expect(next.columns!.find((c) => c.header === '日期')).toMatchObject({ target: 'closedOn', via: 'mapping', confidence: 1 });
      expect(next.sample[0]).toMatchObject({ closedOn: '2025-04-01', disposition: '调解' });
    } finally {
      core.close();
    }
  });
});

describe('re-import through the API as the wizard does it', () => {
  const sheet = async (rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['2025年行政复议案件台账']);
    ws.addRow(['序号', '案号', '申请人', '被申请人', '收案日期', '结案日期', '结案方式']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  };
  const base = (core: Awaited<ReturnType<typeof tempCore>>, caseNo: string) =>
    call(core, 'ledger.create', { kind: 'reconsideration', values: { caseNo, applicant: '甲', respondent: '县公安局', receivedOn: '2025-03-01' } });

  it('a record changed after the preview is not overwritten: the import names it and writes nothing', async () => {
    const core = await tempCore();
    try {
      const rec = await base(core, '（2025）某复1号');
      const content = await sheet([
        [1, '（2025）某复1号', '甲', '县公安局', '2025-03-01', '2025-05-01', '驳回'],
        [2, '（2025）某复2号', '乙', '县公安局', '2025-03-02', null, null],
      ]);
      const p = await call(core, 'exchange.preview', { kind: 'reconsideration', fileName: 'a.xlsx', content, existing: 'update' });
      expect(p.updates).toEqual([
        {
          line: 3,
          id: rec.id,
          version: 1,
          title: '（2025）某复1号',
          changes: [
            { field: '审结日期', before: '', after: '2025-05-01' },
            { field: '审结方式', before: '', after: '驳回复议请求' },
          ],
        },
      ]);
      // someone edits the record in the meantime
      await call(core, 'ledger.update', { kind: 'reconsideration', id: rec.id, version: 1, values: { ...rec.values, applicant: '甲（已更正）' } });
      const versions = Object.fromEntries(p.updates!.map((u) => [u.id, u.version]));
      const r = await call(core, 'exchange.import', { kind: 'reconsideration', fileName: 'a.xlsx', content, existing: 'update', versions });
      expect(r.errors).toEqual(['第3行：要更新的记录在预览之后已被修改（预览时第 1 版，现为第 2 版），请重新预览后再导入']);
      const list = await call(core, 'ledger.list', { kind: 'reconsideration', pageSize: 10 });
      expect(list.total).toBe(1);
      expect(list.rows[0]).toMatchObject({ version: 2, values: { applicant: '甲（已更正）', closedOn: null } });
    } finally {
      core.close();
    }
  });

  it('an update the record cannot take refuses the whole import (all-or-nothing), naming the row and field', async () => {
    const core = await tempCore();
    try {
      await call(core, 'ledger.create', {
        kind: 'reconsideration',
        values: { caseNo: '（2025）某复1号', applicant: '甲', respondent: '县公安局', receivedOn: '2025-03-01', closedOn: '2025-06-01', disposition: '维持' },
      });
      // the sheet's 收案日期 falls after the record's 审结日期 (the sheet leaves 结案日期 empty: the record's is kept)
      const content = await sheet([
        [1, '（2025）某复1号', '甲', '县公安局', '2025-07-01', null, null],
        [2, '（2025）某复2号', '乙', '县公安局', '2025-03-02', null, null],
      ]);
      const r = await call(core, 'exchange.import', { kind: 'reconsideration', fileName: 'a.xlsx', content, existing: 'update' });
      expect(r.errors).toEqual(['第3行 审结日期：不能早于收到申请日期']);
      const list = await call(core, 'ledger.list', { kind: 'reconsideration', pageSize: 10 });
      expect(list.total).toBe(1);
      expect(list.rows[0]).toMatchObject({ version: 1, values: { receivedOn: '2025-03-01', closedOn: '2025-06-01' } });
      // skip leaves the record as it is and imports the new one
      const s = await call(core, 'exchange.import', { kind: 'reconsideration', fileName: 'a.xlsx', content, existing: 'skip' });
      expect(s.errors).toEqual([]);
      expect(s).toMatchObject({ inserted: 1, updated: 0, skipped: 1 });
    } finally {
      core.close();
    }
  });
});
