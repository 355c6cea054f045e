// Hostile and broken input, proven: at least 1000 malformed payloads to every API method. Each gets a structured
// error or a valid result, the process stays up, and nothing is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import type { Core } from '../../electron/core/core';
import { API_INPUTS, type ApiMethod } from '../../electron/domain/api';
import { LEDGERS, LEDGER_KINDS } from '../../electron/domain/ledgers';
import { prepareRow } from '../../electron/domain/rows';
import { call, tempCore } from '../helpers/db';

const PER_METHOD = 1000;
// Methods whose success is slow by design (a full backup, a restore); fuzzed with fewer payloads below.
const SLOW = new Set<ApiMethod>(['backup.create', 'backup.restore', 'stats.export', 'report.generate', 'units.package']);

let seed = 20251122;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];

function deep(n: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = rand() < 0.5 ? [v] : { a: v };
  return v;
}

const HOSTILE: (() => unknown)[] = [
  () => null,
  () => undefined,
  () => true,
  () => 0,
  () => -1,
  () => 1e308,
  () => Number.NaN,
  () => 2025.5,
  () => '',
  () => ' ',
  () => 'x'.repeat(1_000_000),
  () => "'; DROP TABLE decision; --",
  () => '" OR 1=1 --',
  () => 'title MATCH "*"',
  () => '%_\\',
  () => '😀👨‍👩‍👧‍👦𠮷',
  () => 'a\u0000b',
  () => '\u202e反转',
  () => '2025-02-30',
  () => '9999-99-99',
  () => ['a', 1, null],
  () => [],
  () => ({}),
  () => deep(2000),
  () => JSON.parse('{"__proto__": {"polluted": true}}'),
  () => ({ constructor: { prototype: { polluted: true } } }),
  () => ({ toString: 'x', valueOf: 1 }),
  () => Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
  () => pick(LEDGER_KINDS),
  () => 'normative',
  () => 2025,
];

/** A plausible input for each method, to mutate. */
const VALID: Record<ApiMethod, unknown> = {
  'app.info': {},
  'app.progress': {},
  'app.log': { lines: 50 },
  'ledger.create': { kind: 'decision', values: { title: '模糊测试', sponsor: '县发改局', receivedOn: '2025-03-03' } },
  'ledger.update': { kind: 'decision', id: 'x', version: 1, values: { title: '模糊测试', sponsor: '县发改局', receivedOn: '2025-03-03' } },
  'ledger.delete': { kind: 'decision', ids: ['x'] },
  'ledger.restore': { kind: 'decision', ids: ['x'] },
  'ledger.get': { kind: 'decision', id: 'x' },
  'ledger.list': {
    kind: 'reconsideration',
    year: 2025,
    filters: { actType: '行政处罚' },
    q: '张三',
    sort: { field: 'receivedOn', dir: 'asc' },
    page: 1,
    pageSize: 20,
  },
  'ledger.ids': { kind: 'reconsideration', year: 2025, filters: { actType: '行政处罚' }, q: '张三', sort: { field: 'receivedOn', dir: 'asc' } },
  'ledger.preview': { kind: 'contract', values: { title: '合同', submitter: '县局', receivedOn: '2025-03-03' } },
  'ledger.suggest': { kind: 'reconsideration', field: 'applicant', prefix: '张', limit: 5 },
  'ledger.nextCaseNo': { kind: 'reconsideration', date: '2025-03-05' },
  'ledger.import': { kind: 'decision', rows: [{ title: '导入', sponsor: '县局', receivedOn: '2025-03-03' }] },
  'ledger.purge': { kind: 'decision', ids: ['x'], confirm: '彻底删除' },
  'exchange.preview': { kind: 'decision', fileName: 'a.csv', content: Buffer.from('决策事项名称,承办单位,送审日期\n甲,乙,2025-03-03\n').toString('base64') },
  'exchange.import': { kind: 'decision', fileName: 'a.json', content: Buffer.from('[]').toString('base64') },
  'exchange.export': { kind: 'decision', format: 'json', year: 2025 },
  'exchange.template': { kind: 'decision' },
  'stats.year': { year: 2025 },
  'report.readiness': { year: 2025 },
  'report.keys': { year: 2025 },
  'report.preview': { year: 2025, variant: 'formal', date: '2026-02-05' },
  'report.template': {},
  'report.templateVersion': { version: 1 },
  'report.saveTemplate': { year: 2025, text: '# 一、总体情况\n{{单位名称}}全年审查合同{{合同.审查件数}}件。', note: '模糊测试', base: null },
  'report.checkDocx': { year: 2025, content: Buffer.from('PK not a docx').toString('base64') },
  'report.generate': { year: 2025, variant: 'web', attachment: false },
  'stats.export': { year: 2025 },
  'stats.monthly': { year: 2025 },
  'outgoing.catalogue': { year: 2025, quarter: 1, format: 'xlsx' },
  'outgoing.statsForm': { year: 2025, kind: 'reconsideration', file: true },
  'deadlines.board': { today: '2025-10-22', handler: '张三', dismissed: true },
  'deadlines.dismiss': { kind: 'decision', id: 'x', field: 'dueOn', reason: '已催办' },
  'deadlines.restore': { kind: 'decision', id: 'x', field: 'dueOn' },
  'settings.get': {},
  'settings.update': { patch: { 经办人: '张三' } },
  'indicators.list': { year: 2025 },
  'indicators.set': { year: 2025, items: [{ name: '普法活动场次', value: 3 }] },
  'materials.list': { year: 2025 },
  'materials.set': { year: 2025, name: '工作亮点', content: '内容' },
  'audit.list': { q: '模糊' },
  'audit.export': { q: '模糊' },
  'backup.list': {},
  'backup.create': {},
  'backup.restore': { file: '/etc/hostname' },
  'calendar.years': {},
  'calendar.addYear': { data: { years: { '2027': { off: ['2027-01-01'], work: [] } } } },
  'attach.list': { kind: 'reconsideration', id: 'x' },
  'attach.begin': { kind: 'reconsideration', id: 'x', name: '申请书.pdf', size: 100, role: '申请书', volume: '正卷' },
  'attach.chunk': { uploadId: 'u', offset: 0, data: 'AAAA' },
  'attach.finish': { uploadId: 'u' },
  'attach.cancel': { uploadId: 'u' },
  'attach.update': { kind: 'reconsideration', id: 'x', attachmentId: 'a', role: '其他', volume: '副卷', note: '备注' },
  'attach.reorder': { kind: 'reconsideration', id: 'x', volume: '正卷', order: ['a', 'b'] },
  'attach.delete': { kind: 'reconsideration', id: 'x', attachmentId: 'a' },
  'attach.restore': { kind: 'reconsideration', id: 'x', attachmentId: 'a' },
  'attach.purge': { kind: 'reconsideration', id: 'x', attachmentId: 'a' },
  'attach.read': { kind: 'reconsideration', id: 'x', attachmentId: 'a' },
  'attach.catalogue': { kind: 'reconsideration', id: 'x' },
  'attach.archive': { kind: 'reconsideration', id: 'x' },
  'attach.stats': {},
  'attach.bin': {},
  'case.get': { kind: 'reconsideration', id: 'x' },
  'case.addParty': { kind: 'reconsideration', id: 'x', party: { role: '申请人', name: '张三' } },
  'case.updateParty': { kind: 'litigation', id: 'x', partyId: 'y', party: { role: '原告', name: '张三' } },
  'case.deleteParty': { kind: 'reconsideration', id: 'x', partyId: 'y' },
  'case.addSuspension': { kind: 'reconsideration', id: 'x', period: { from: '2025-10-20' } },
  'case.updateSuspension': { kind: 'reconsideration', id: 'x', periodId: 'y', period: { from: '2025-10-20', to: '2025-10-30' } },
  'case.deleteSuspension': { kind: 'reconsideration', id: 'x', periodId: 'y' },
  'users.list': {},
  'users.create': { login: 'fuzz', name: '模糊', role: '承办人', ledgers: ['decision'], password: 'fuzz-password-1' },
  'users.update': { id: 1, name: '模糊二' },
  'units.list': {},
  'units.add': { name: '某县交通运输局', parentId: 1 },
  'units.update': { id: 1, name: '某县人民政府' },
  'units.package': { from: 2025, to: 2025 },
  'units.preview': { fileName: 'a.fzpkg', content: Buffer.from('SQLite format 3\u0000').toString('base64') },
  'units.receive': { fileName: 'a.fzpkg', content: Buffer.from('x').toString('base64') },
  'units.status': { year: 2025 },
  'exchange.imports': { limit: 20 },
  'exchange.undoImport': { id: 1 },
  'caseDocs.list': { kind: 'reconsideration', id: 'x' },
  'caseDocs.generate': { kind: 'reconsideration', id: 'x', docKind: '受理通知书', signer: '王某' },
  'caseDocs.file': { kind: 'reconsideration', id: 'x', docId: 'd' },
  'caseDocs.receipt': { kind: 'reconsideration', id: 'x', docId: 'd' },
  'caseDocs.addService': { kind: 'reconsideration', id: 'x', docId: 'd', service: { recipient: '张三', method: '直接', servedOn: '2025-03-01' } },
  'caseDocs.deleteService': { kind: 'reconsideration', id: 'x', serviceId: 's' },
  'caseDocs.template': { docKind: '受理通知书' },
  'caseDocs.saveTemplate': { docKind: '受理通知书', text: '正文', noPattern: null, base: null },
  'caseDocs.uploadTemplate': { docKind: '受理通知书', content: 'UEs=', base: null },
  'caseDocs.preview': { kind: 'reconsideration', id: 'x', docKind: '受理通知书' },
};

function mutate(v: unknown, depth = 0): unknown {
  if (rand() < 0.25 || depth > 3 || v === null || typeof v !== 'object') return pick(HOSTILE)();
  if (Array.isArray(v)) return rand() < 0.5 ? [...v, pick(HOSTILE)()] : v.map((x) => mutate(x, depth + 1));
  const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  const keys = Object.keys(o);
  const r = rand();
  if (r < 0.15 || !keys.length) o[pick(['__proto__', 'constructor', 'prototype', '未知', 'kind', 'id'])] = pick(HOSTILE)();
  else if (r < 0.3) delete o[pick(keys)];
  else {
    const k = pick(keys);
    o[k] = mutate(o[k], depth + 1);
  }
  return o;
}

/** SQLite's own words: a message that contains them was passed through untranslated. */
const RAW_SQLITE =
  /SQLITE|unterminated string|string or blob too big|too many SQL variables|integer overflow|constraint failed|no such (table|column)|syntax error/i;

/**
 * Payloads that once reached SQLite and came back with its raw message (issue 13: 5 of 8,515 in a tester's run,
 * all a NUL character in the search text). Each must now get a Chinese message naming the field.
 */
const ONCE_RAW: [ApiMethod, unknown, string][] = [
  ['ledger.list', { kind: 'decision', q: 'a\u0000b' }, 'q'],
  ['ledger.list', { kind: 'decision', q: '已有\u0000', year: 2025 }, 'q'],
  ['ledger.list', { kind: 'decision', q: '\u0000\u0000\u0000', sort: { field: 'receivedOn', dir: 'desc' } }, 'q'],
  ['ledger.ids', { kind: 'decision', q: '"\u0000"' }, 'q'],
  ['ledger.ids', { kind: 'reconsideration', q: 'ab\u0000', year: 2025 }, 'q'],
  ['calendar.addYear', { data: { years: ['a', 1, null] } }, 'years'],
  ['calendar.addYear', { data: { years: { '2027': null } } }, '2027'],
];

let core: Core;
beforeAll(async () => {
  core = await tempCore();
  await call(core, 'ledger.create', { kind: 'decision', values: { title: '已有事项', sponsor: '县局', receivedOn: '2025-01-06' } });
});
afterAll(() => core.close());

describe('fuzzing every API method', () => {
  it('covers every method of the contract', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(API_INPUTS).sort());
  });

  it.each(ONCE_RAW)("%s %j: a Chinese message naming the field, not SQLite's", async (method, payload, field) => {
    const r = await dispatch(core, method, payload);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).not.toBe('INTERNAL');
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.error.message).not.toMatch(RAW_SQLITE);
    expect(r.error.message).toContain(field);
  });

  it.each(Object.keys(API_INPUTS) as ApiMethod[])(
    '%s: every malformed payload gets a structured answer',
    async (method) => {
      const n = SLOW.has(method) ? 60 : PER_METHOD;
      for (let i = 0; i < n; i++) {
        const payload = i % 10 === 0 ? pick(HOSTILE)() : mutate(VALID[method]);
        const r = await dispatch(core, method, payload);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(typeof r.error.code).toBe('string');
          expect(r.error.message, `${method} #${i}`).toMatch(/[\u4e00-\u9fa5]/);
          expect(r.error.message).not.toMatch(/at \w+ \(|node_modules/); // no stack traces
          expect(r.error.message, `${method} #${i}`).not.toMatch(RAW_SQLITE);
          expect(r.error.code, `${method} #${i}: ${r.error.message}`).not.toBe('INTERNAL');
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    120_000,
  );

  it('left the data whole: integrity ok, every stored row valid, every row created with its audit entry', async () => {
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const k of LEDGER_KINDS) {
      const rows = (await call(core, 'ledger.list', { kind: k, pageSize: 1000 })).rows;
      for (const r of rows) {
        const v = prepareRow(LEDGERS[k], r.values, core.ctx());
        expect(v.ok, `${k} ${JSON.stringify(r.values).slice(0, 200)}`).toBe(true);
      }
      const created = core.db.prepare("SELECT count(*) FROM audit_log WHERE action = '新建' AND kind = ?").pluck().get(k) as number;
      const purged = core.db.prepare("SELECT count(*) FROM audit_log WHERE action = '彻底删除' AND kind = ?").pluck().get(k) as number;
      const total = core.db.prepare(`SELECT count(*) FROM ${k}`).pluck().get() as number;
      const imported = core.db
        .prepare(`SELECT count(*) FROM ${k} WHERE id NOT IN (SELECT record_id FROM audit_log WHERE record_id IS NOT NULL)`)
        .pluck()
        .get() as number;
      expect(total + purged, k).toBe(created + imported);
    }
  });
});
