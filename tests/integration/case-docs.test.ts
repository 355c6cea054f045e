// Issue 18, 文书 part (DOMAIN §11; migration 12): 文书 generated from the kind's template and the case, with a 文号
// from the kind's pattern and the case's sequence, recorded in the case's 文书 log; the 送达 log and 送达回证; a
// template naming an unknown placeholder refused with nothing written; every write audited; the board names the
// 文书 a deadline calls for. Documents are read back from their .docx bytes.
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/safety/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, callFail, tempCore, tempDir } from '../helpers/db';

let core: Core;
beforeEach(async () => {
  core = await tempCore();
});
afterEach(() => core.close());

const CASE = {
  caseNo: '（2025）清复字第18号',
  receivedOn: '2025-09-19',
  applicant: '张某某',
  applicantType: '自然人',
  respondent: '清河县市场监督管理局',
  handler: '李明',
  intake: '受理',
  acceptedOn: '2025-09-26',
  procedure: '普通程序',
  actName: '行政处罚决定书',
  actDocNo: '清市监罚〔2025〕7号',
  actDate: '2025-08-01',
  request: '撤销被申请人作出的行政处罚决定',
  closedOn: '2025-11-20',
  disposition: '撤销',
};

async function setUp(values: Record<string, unknown> = {}) {
  await call(core, 'settings.update', { patch: { 单位名称: '清河县人民政府', '文书.机关代字': '清政' } });
  const c = await call(core, 'ledger.create', { kind: 'reconsideration', values: { ...CASE, ...values } });
  const add = (party: Record<string, unknown>) => call(core, 'case.addParty', { kind: 'reconsideration', id: c.id, party });
  const a = await add({
    role: '申请人',
    partyType: '自然人',
    name: '张某某',
    gender: '男',
    birthDate: '1980-03-04',
    address: '清河县城关镇幸福路 8 号',
    idNo: '330100198003040011',
  });
  await add({ role: '代理人', partyType: '自然人', name: '钱律师', representsId: a.parties[0].id });
  await add({ role: '被申请人', partyType: '行政机关', name: '清河县市场监督管理局', legalRep: '孙局长', legalRepTitle: '局长' });
  await add({ role: '第三人', partyType: '法人', name: '清河某某食品有限公司', idNo: '91330100MA2ABCDE1X' });
  return c;
}

async function partsOf(base64: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
  return out;
}
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

describe('a 行政复议决定书', () => {
  it('is filled from the case and its parties, numbered from the case, laid out as GB/T 9704, and logged', async () => {
    const c = await setUp();
    const r = await call(core, 'caseDocs.generate', {
      kind: 'reconsideration',
      id: c.id,
      docKind: '行政复议决定书',
      signer: '王主任',
      signedOn: '2025-11-20',
      inputs: { 被申请人答复: '处罚认定事实清楚。', 查明事实: '2025年7月，申请人经营的门店被检查。', 理由: '被申请人未告知陈述申辩权利，程序违法。' },
    });
    expect(r.doc).toMatchObject({ docKind: '行政复议决定书', docNo: '清政复决字〔2025〕18号', signer: '王主任', signedOn: '2025-11-20' });
    expect(r.fileName).toBe('行政复议决定书（清政复决字〔2025〕18号）-（2025）清复字第18号.docx');
    const p = await partsOf(r.content);
    const doc = p['word/document.xml'];
    const paras = textOf(doc);
    expect(paras.slice(0, 2)).toEqual(['清河县人民政府', '行政复议决定书']);
    expect(paras).toContain('清政复决字〔2025〕18号');
    expect(paras).toContain('申请人：张某某，男，1980年3月4日出生，住清河县城关镇幸福路 8 号，公民身份号码330100198003040011。');
    expect(paras).toContain('委托代理人：钱律师。');
    expect(paras).toContain('法定代表人（负责人）：孙局长，局长。');
    expect(paras).toContain('第三人：清河某某食品有限公司，统一社会信用代码91330100MA2ABCDE1X。');
    expect(paras).toContain(
      '申请人不服被申请人于2025年8月1日作出的《行政处罚决定书》（清市监罚〔2025〕7号），于2025年9月19日向本机关申请行政复议，本机关于2025年9月26日依法受理，适用普通程序审理，现已审理终结。',
    );
    expect(paras).toContain('依照《中华人民共和国行政复议法》第六十四条的规定，本机关决定：');
    // 决定内容 not written: from the 审结方式
    expect(paras).toContain('撤销被申请人作出的《行政处罚决定书》（清市监罚〔2025〕7号）。');
    expect(paras).toContain('申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。');
    expect(paras.slice(-2)).toEqual(['清河县人民政府', '2025年11月20日']);
    expect(paras.join('')).not.toMatch(/\{\{|undefined|null/);
    // GB/T 9704: A4, the margins, 仿宋 body with explicit East Asian fonts
    expect(doc).toMatch(/<w:pgMar [^>]*w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1588"/);
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');

    // in the 文书 log with its bytes, downloadable as generated; audited under the case
    const list = await call(core, 'caseDocs.list', { kind: 'reconsideration', id: c.id });
    expect(list.docs.map((d) => [d.docKind, d.docNo, d.signer, d.signedOn])).toEqual([['行政复议决定书', '清政复决字〔2025〕18号', '王主任', '2025-11-20']]);
    expect(list.docs[0].inputs.查明事实).toBe('2025年7月，申请人经营的门店被检查。');
    expect((await call(core, 'caseDocs.file', { kind: 'reconsideration', id: c.id, docId: r.doc.id })).content).toBe(r.content);
    const history = (await call(core, 'ledger.get', { kind: 'reconsideration', id: c.id })).history;
    expect(history.filter((h) => h.action === '文书').map((h) => h.summary)).toEqual([
      '行政复议“（2025）清复字第18号”生成行政复议决定书（清政复决字〔2025〕18号），签发人王主任，签发日期 2025-11-20',
    ]);
  });

  it('each kind takes its own pattern; the office can change a pattern and the wording; 应诉 papers carry no 文号', async () => {
    const c = await setUp();
    const accept = await call(core, 'caseDocs.generate', {
      kind: 'reconsideration',
      id: c.id,
      docKind: '受理通知书',
      signer: '王主任',
      signedOn: '2025-09-26',
    });
    expect(accept.doc.docNo).toBe('清政复受字〔2025〕18号');
    const answer = await call(core, 'caseDocs.generate', {
      kind: 'reconsideration',
      id: c.id,
      docKind: '答复通知书',
      signer: '王主任',
      signedOn: '2025-09-26',
    });
    expect(textOf((await partsOf(answer.content))['word/document.xml'])).toContain('清河县市场监督管理局：');

    const t = await call(core, 'caseDocs.template', { docKind: '受理通知书' });
    expect(t.version).toBeNull();
    await call(core, 'caseDocs.saveTemplate', {
      docKind: '受理通知书',
      text: `${t.text}\n本通知书由{{承办人}}承办，联系电话 0571-1234567。`,
      noPattern: '{代字}行复受〔{年}〕第{号}号',
      base: null,
    });
    const again = await call(core, 'caseDocs.generate', { kind: 'reconsideration', id: c.id, docKind: '受理通知书', signer: '王主任', signedOn: '2025-09-27' });
    expect(again.doc.docNo).toBe('清政行复受〔2025〕第18号');
    expect(textOf((await partsOf(again.content))['word/document.xml'])).toContain('本通知书由李明承办，联系电话 0571-1234567。');
    expect(
      (await callFail(core, 'caseDocs.saveTemplate', { docKind: '受理通知书', text: t.text, noPattern: '{代字}复受字〔{年}〕', base: 1 })).message,
    ).toMatch(/文号格式必须含有 \{号\}/);

    const l = await call(core, 'ledger.create', {
      kind: 'litigation',
      values: {
        caseNo: '（2025）浙0101行初5号',
        receivedOn: '2025-10-09',
        plaintiff: '赵某',
        defendant: '清河县人民政府',
        court: '清河县人民法院',
        actType: '行政处罚',
      },
    });
    await call(core, 'case.addParty', {
      kind: 'litigation',
      id: l.id,
      party: { role: '被告', partyType: '行政机关', name: '清河县人民政府', legalRep: '周县长', legalRepTitle: '县长' },
    });
    const proof = await call(core, 'caseDocs.generate', { kind: 'litigation', id: l.id, docKind: '法定代表人身份证明', signer: '周县长' });
    expect(proof.doc.docNo).toBe('');
    const text = textOf((await partsOf(proof.content))['word/document.xml']);
    expect(text).toContain('周县长在我单位担任县长职务，是我单位的法定代表人（负责人）。');
    expect(text).toContain('清河县人民法院');
    expect((await callFail(core, 'caseDocs.generate', { kind: 'litigation', id: l.id, docKind: '行政复议决定书', signer: '周' })).message).toBe(
      '行政复议决定书不属于行政应诉案件',
    );
  });

  it('is refused when the 文号 cannot be made, naming what to set, and nothing is logged', async () => {
    const c = await setUp({ caseNo: '张某某诉市监局案' });
    expect((await callFail(core, 'caseDocs.generate', { kind: 'reconsideration', id: c.id, docKind: '行政复议决定书', signer: '王' })).message).toBe(
      '行政复议决定书：案号“张某某诉市监局案”中没有序号，无法编出文号；请先把案号改为含序号的形式（如 2025-12）',
    );
    await call(core, 'settings.update', { patch: { '文书.机关代字': '' } });
    const d = await call(core, 'ledger.create', { kind: 'reconsideration', values: { ...CASE, caseNo: '2025-19' } });
    expect((await callFail(core, 'caseDocs.generate', { kind: 'reconsideration', id: d.id, docKind: '受理通知书', signer: '王' })).message).toMatch(
      /尚未设置文书的机关代字/,
    );
    expect(core.db.prepare('SELECT count(*) FROM case_docs').pluck().get()).toBe(0);
  });
});

describe('a template with an unknown placeholder', () => {
  it('is refused when saved (naming the line and key), when uploaded as .docx, and when found at generation; nothing is written', async () => {
    const c = await setUp();
    const t = await call(core, 'caseDocs.template', { docKind: '补正通知书' });
    const e = await callFail(core, 'caseDocs.saveTemplate', {
      docKind: '补正通知书',
      text: `${t.text}\n请于{{补正截止}}前补正。`,
      noPattern: null,
      base: null,
    });
    expect(e.message).toBe(`补正通知书模板有 1 处问题，未保存：第 ${t.text.split('\n').length + 1} 行未知的占位符“{{补正截止}}”`);
    expect(core.db.prepare('SELECT count(*) FROM case_doc_templates').pluck().get()).toBe(0);

    // an office's own Word file with a placeholder split over runs, one of them unknown
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    );
    zip.file(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    );
    const body = (extra: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p><w:r><w:t>{{申</w:t></w:r><w:r><w:t>请人}}：</w:t></w:r></w:p><w:p><w:r><w:t>文号{{文号}}，${extra}</w:t></w:r></w:p></w:body></w:document>`;
    zip.file('word/document.xml', body('{{不存在的键}}'));
    const bad = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
    expect((await callFail(core, 'caseDocs.uploadTemplate', { docKind: '补正通知书', content: bad, base: null })).message).toMatch(
      /^模板中有无法识别的占位符：\{\{不存在的键\}\}。/,
    );
    expect(core.db.prepare('SELECT count(*) FROM case_doc_templates').pluck().get()).toBe(0);
    zip.file('word/document.xml', body('请于{{补正事项}}。'));
    const good = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
    const up = await call(core, 'caseDocs.uploadTemplate', { docKind: '补正通知书', content: good, base: null });
    expect(up.keys.sort()).toEqual(['文号', '申请人', '补正事项'].sort());
    const g = await call(core, 'caseDocs.generate', {
      kind: 'reconsideration',
      id: c.id,
      docKind: '补正通知书',
      signer: '王',
      inputs: { 补正事项: '身份证复印件' },
    });
    expect(textOf((await partsOf(g.content))['word/document.xml'])).toEqual(['张某某：', '文号清政复补字〔2025〕18号，请于身份证复印件。']);

    // a template stored with an unknown key (written by an older version, or by hand): generation is refused
    core.db.prepare(`INSERT INTO case_doc_templates (doc_kind, text, saved_at, saved_by) VALUES ('受理通知书', '{{申请人}}：{{旧键}}', 'x', 'y')`).run();
    const before = core.db.prepare('SELECT count(*) FROM case_docs').pluck().get();
    expect((await callFail(core, 'caseDocs.generate', { kind: 'reconsideration', id: c.id, docKind: '受理通知书', signer: '王' })).message).toBe(
      '受理通知书的模板中有无法识别的占位符：{{旧键}}。请在文书模板中改正后再生成，本次未生成文书。',
    );
    expect(core.db.prepare('SELECT count(*) FROM case_docs').pluck().get()).toBe(before);
  });
});

describe('送达', () => {
  it('is recorded per 文书 (checked, audited), and its 送达回证 lists the 文书, its 文号 and each 送达', async () => {
    const c = await setUp();
    const { doc } = await call(core, 'caseDocs.generate', {
      kind: 'reconsideration',
      id: c.id,
      docKind: '行政复议决定书',
      signer: '王主任',
      signedOn: '2025-11-20',
    });
    const bad = await callFail(core, 'caseDocs.addService', {
      kind: 'reconsideration',
      id: c.id,
      docId: doc.id,
      service: { recipient: ' ', method: '快递', servedOn: '2025-13-01' },
    });
    expect(bad.message).toBe('送达：受送达人必填；送达方式只能是：直接、邮寄、电子、公告；送达日期应为有效日期（YYYY-MM-DD）');
    expect(
      (
        await callFail(core, 'caseDocs.addService', {
          kind: 'reconsideration',
          id: c.id,
          docId: doc.id,
          service: { recipient: '张某某', method: '直接', servedOn: '2025-11-19' },
        })
      ).message,
    ).toBe('送达：送达日期（2025-11-19）早于文书的签发日期（2025-11-20）');
    expect(core.db.prepare('SELECT count(*) FROM case_doc_services').pluck().get()).toBe(0);
    await call(core, 'caseDocs.addService', {
      kind: 'reconsideration',
      id: c.id,
      docId: doc.id,
      service: { recipient: '张某某', method: '直接', servedOn: '2025-11-21' },
    });
    const after = await call(core, 'caseDocs.addService', {
      kind: 'reconsideration',
      id: c.id,
      docId: doc.id,
      service: { recipient: '清河县市场监督管理局', method: '邮寄', servedOn: '2025-11-24', note: 'EMS 1234' },
    });
    expect(after.docs[0].services.map((s) => [s.recipient, s.method, s.servedOn])).toEqual([
      ['张某某', '直接', '2025-11-21'],
      ['清河县市场监督管理局', '邮寄', '2025-11-24'],
    ]);
    const receipt = await call(core, 'caseDocs.receipt', { kind: 'reconsideration', id: c.id, docId: doc.id });
    expect(receipt.fileName).toBe('送达回证-行政复议决定书（清政复决字〔2025〕18号）.docx');
    const xml = (await partsOf(receipt.content))['word/document.xml'];
    const text = textOf(xml);
    expect(text.slice(0, 2)).toEqual(['清河县人民政府', '送达回证']);
    expect(text).toContain('送达文书：行政复议决定书');
    expect(text).toContain('文书文号：清政复决字〔2025〕18号');
    expect(text).toEqual(
      expect.arrayContaining(['受送达人', '送达方式', '张某某', '直接', '2025年11月21日', '清河县市场监督管理局', '邮寄', '2025年11月24日']),
    );
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');

    const gone = await call(core, 'caseDocs.deleteService', { kind: 'reconsideration', id: c.id, serviceId: after.docs[0].services[0].id });
    expect(gone.docs[0].services.map((s) => s.recipient)).toEqual(['清河县市场监督管理局']);
    expect(core.db.prepare('SELECT count(*) FROM case_doc_services WHERE deleted_at IS NOT NULL').pluck().get()).toBe(1);
    const history = (await call(core, 'ledger.get', { kind: 'reconsideration', id: c.id })).history;
    expect(
      history
        .filter((h) => h.action === '送达')
        .map((h) => h.summary)
        .reverse(),
    ).toEqual([
      '行政复议“（2025）清复字第18号”行政复议决定书（清政复决字〔2025〕18号）于 2025-11-21 直接送达张某某',
      '行政复议“（2025）清复字第18号”行政复议决定书（清政复决字〔2025〕18号）于 2025-11-24 邮寄送达清河县市场监督管理局',
      '行政复议“（2025）清复字第18号”删除行政复议决定书的送达记录（2025-11-21 直接送达张某某）',
    ]);

    // 彻底删除 of the case (confirmed, from the 回收站) takes its 文书 log and 送达 with it, kept in the audit entry
    await call(core, 'ledger.delete', { kind: 'reconsideration', ids: [c.id] });
    expect(core.db.prepare('SELECT count(*) FROM case_docs').pluck().get()).toBe(1);
    await call(core, 'ledger.purge', { kind: 'reconsideration', ids: [c.id], confirm: '彻底删除' });
    expect([core.db.prepare('SELECT count(*) FROM case_docs').pluck().get(), core.db.prepare('SELECT count(*) FROM case_doc_services').pluck().get()]).toEqual([
      0, 0,
    ]);
    const purged = core.db.prepare(`SELECT before FROM audit_log WHERE action = '彻底删除'`).pluck().get() as string;
    expect(JSON.parse(purged).docs.map((d: { doc_no: string }) => d.doc_no)).toEqual(['清政复决字〔2025〕18号']);
  });
});

describe('the deadline board', () => {
  it('says which 文书 a case deadline calls for', async () => {
    const c = await setUp({ closedOn: null, disposition: null, acceptedOn: '2025-09-26' });
    const board = await call(core, 'deadlines.board', { today: '2025-10-13', kinds: ['reconsideration'] });
    const copy = board.items.find((i) => i.id === c.id && i.field === 'copyDueOn');
    expect(copy).toMatchObject({ dueOn: '2025-10-13', doc: '答复通知书', rule: expect.stringContaining('第四十八条') });
  });
});

describe('migration 12 on a file written at the version before it', () => {
  it('adds the 文书 tables empty and keeps the case, its parties and its search text', async () => {
    const v12 = 12;
    const file = path.join(tempDir(), 'old.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.filter((x) => x.version < v12)) {
      raw.exec(m.sql);
      m.run?.(raw);
      raw.pragma(`user_version = ${m.version}`);
    }
    raw
      .prepare(
        `INSERT INTO reconsideration (id, created_at, updated_at, "caseNo", "receivedOn", applicant, respondent, "partyNames") VALUES ('old-1', 'a', 'a', '（2024）清复字第3号', '2024-05-06', '老申请人', '某局', '老申请人 老第三人')`,
      )
      .run();
    raw
      .prepare(
        `INSERT INTO case_parties (id, kind, case_id, sort_order, role, name, created_at, updated_at) VALUES ('p1', 'reconsideration', 'old-1', 1, '第三人', '老第三人', 'a', 'a')`,
      )
      .run();
    raw.close();
    const db = await openDatabase(file, { migrations: MIGRATIONS });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(db.prepare(`SELECT "caseNo", "partyNames" FROM reconsideration`).get()).toEqual({
        caseNo: '（2024）清复字第3号',
        partyNames: '老申请人 老第三人',
      });
      expect(db.prepare(`SELECT name FROM case_parties`).pluck().all()).toEqual(['老第三人']);
      expect(db.prepare(`SELECT count(*) FROM reconsideration_fts WHERE body MATCH '"老第三人"'`).pluck().get()).toBe(1);
      for (const t of ['case_doc_templates', 'case_docs', 'case_doc_services']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
      db.prepare(
        `INSERT INTO case_docs (id, kind, case_id, doc_kind, signed_on, generated_at, generated_by, file_name, content) VALUES ('d1', 'reconsideration', 'old-1', '受理通知书', '2024-05-08', 'a', 'b', 'x.docx', x'00')`,
      ).run();
      expect(() =>
        db
          .prepare(
            `INSERT INTO case_doc_services (id, doc_id, kind, case_id, recipient, method, served_on, created_at, updated_at) VALUES ('s1', 'd1', 'reconsideration', 'old-1', '老申请人', '快递', '2024-05-09', 'a', 'a')`,
          )
          .run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db
          .prepare(
            `INSERT INTO case_doc_services (id, doc_id, kind, case_id, recipient, method, served_on, created_at, updated_at) VALUES ('s1', 'nope', 'reconsideration', 'old-1', '老申请人', '直接', '2024-05-09', 'a', 'a')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});

describe('parties in an .xlsx export and import (a second sheet “当事人” keyed by 案号)', () => {
  it('round-trip into another file: cases, parties and 代理人 links come back, searchable by name; a second import duplicates nothing', async () => {
    const c = await setUp();
    const other = await call(core, 'ledger.create', { kind: 'reconsideration', values: { ...CASE, caseNo: '（2025）清复字第19号', applicant: '李某' } });
    await call(core, 'case.addParty', {
      kind: 'reconsideration',
      id: other.id,
      party: { role: '申请人', partyType: '自然人', name: '李某', phone: '0571-1234567' },
    });
    const out = await call(core, 'exchange.export', { kind: 'reconsideration', format: 'xlsx' });
    const { readXlsxSheets } = await import('../../electron/core/exchange/xlsx-read');
    const sheets = readXlsxSheets(Buffer.from(out.content, 'base64'));
    expect(sheets.map((s) => s.name)).toEqual(['行政复议', '当事人']);
    const partyRows = sheets[1].rows.map((r) => r.cells.map((x) => (x === null ? '' : String(x))));
    expect(partyRows[0].slice(0, 4)).toEqual(['案号', '身份', '类型', '姓名或名称']);
    expect(partyRows.slice(1).map((r) => [r[0], r[1], r[3], r[11] ?? ''])).toEqual([
      ['（2025）清复字第18号', '申请人', '张某某', ''],
      ['（2025）清复字第18号', '代理人', '钱律师', '张某某'],
      ['（2025）清复字第18号', '被申请人', '清河县市场监督管理局', ''],
      ['（2025）清复字第18号', '第三人', '清河某某食品有限公司', ''],
      ['（2025）清复字第19号', '申请人', '李某', ''],
    ]);

    const fresh = await tempCore();
    try {
      const preview = await call(fresh, 'exchange.preview', { kind: 'reconsideration', fileName: out.fileName, content: out.content });
      expect(preview.errors).toEqual([]);
      expect(preview.notices).toContain('“当事人”表的当事人已核对无误，导入时按案号加入各案件');
      const r = await call(fresh, 'exchange.import', { kind: 'reconsideration', fileName: out.fileName, content: out.content });
      expect([r.inserted, r.errors]).toEqual([2, []]);
      expect(r.notices).toContain('“当事人”表：新增 5 名、更新 0 名当事人（共 5 名）');
      const found = await call(fresh, 'ledger.list', { kind: 'reconsideration', q: '钱律师' });
      expect(found.rows.map((x) => x.values.caseNo)).toEqual(['（2025）清复字第18号']);
      const f = await call(fresh, 'case.get', { kind: 'reconsideration', id: found.rows[0].id });
      const mine = await call(core, 'case.get', { kind: 'reconsideration', id: c.id });
      const strip = (ps: typeof f.parties) =>
        ps.map(({ id: _i, caseId: _c, representsId, ...p }) => ({ ...p, represents: ps.find((x) => x.id === representsId)?.name ?? null }));
      expect(strip(f.parties)).toEqual(strip(mine.parties));
      // audited under the case like a party entered by hand
      const history = (await call(fresh, 'ledger.get', { kind: 'reconsideration', id: found.rows[0].id })).history;
      expect(history.filter((h) => h.action === '当事人')).toHaveLength(4);

      // the same file again (cases skipped): every party is already there, nothing is added or changed
      const again = await call(fresh, 'exchange.import', { kind: 'reconsideration', fileName: out.fileName, content: out.content, existing: 'skip' });
      expect(again.errors).toEqual([]);
      expect(again.notices).toContain('“当事人”表：新增 0 名、更新 0 名当事人，5 名已在案、未作改动（共 5 名）');
      expect(fresh.db.prepare('SELECT count(*) FROM case_parties WHERE deleted_at IS NULL').pluck().get()).toBe(5);
    } finally {
      fresh.close();
    }
  });

  it('a bad party row refuses the whole import, naming the sheet row and field; nothing is written', async () => {
    await setUp();
    const out = await call(core, 'exchange.export', { kind: 'reconsideration', format: 'xlsx' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.content, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('当事人')!;
    ws.getRow(3).getCell(12).value = '不存在的人';
    ws.addRow(['（2025）清复字第99号', '申请人', '自然人', '王某']);
    ws.addRow(['（2025）清复字第18号', '申请人', '自然人', '赵某', '未知']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const fresh = await tempCore();
    try {
      const r = await call(fresh, 'exchange.import', { kind: 'reconsideration', fileName: 'a.xlsx', content });
      expect(r.inserted).toBe(0);
      expect(r.errors).toEqual([
        '当事人表第6行 案号：行政复议中没有案号为“（2025）清复字第99号”的案件',
        '当事人表第7行 性别只能是男或女',
        '当事人表第3行 被代理人：本案没有名为“不存在的人”的当事人',
      ]);
      expect([
        fresh.db.prepare('SELECT count(*) FROM reconsideration').pluck().get(),
        fresh.db.prepare('SELECT count(*) FROM case_parties').pluck().get(),
      ]).toEqual([0, 0]);
    } finally {
      fresh.close();
    }
  });
});

describe('the timeline of a lawsuit', () => {
  it('shows the 司法建议 and 检察建议 received and answered, each with the reply period it starts', async () => {
    const l = await call(core, 'ledger.create', {
      kind: 'litigation',
      values: {
        caseNo: '（2025）浙0101行初8号',
        receivedOn: '2025-03-03',
        plaintiff: '赵某',
        defendant: '某县人民政府',
        judicialSuggestion: true,
        judicialReceivedOn: '2025-06-10',
        procuratorSuggestion: true,
        procuratorReceivedOn: '2025-07-01',
        procuratorRepliedOn: '2025-08-15',
      },
    });
    const steps = (await call(core, 'case.get', { kind: 'litigation', id: l.id })).timeline;
    expect(steps.filter((s) => /建议/.test(s.label)).map((s) => [s.date, s.label, s.starts?.label ?? null, s.starts?.dueOn ?? null])).toEqual([
      ['2025-06-10', '收到司法建议', '司法建议回复期限', l.values.judicialReplyDueOn],
      ['2025-07-01', '收到检察建议', '检察建议回复期限', l.values.procuratorReplyDueOn],
      ['2025-08-15', '回复检察建议', null, null],
    ]);
    expect(l.values.judicialReplyDueOn).toBe('2025-08-11');
  });
});

describe('the template editor’s preview', () => {
  it('fills a draft from the case without writing, names unknown keys, and lists every key with its value', async () => {
    const c = await setUp();
    const t = await call(core, 'caseDocs.template', { docKind: '答复通知书' });
    expect([t.version, t.docx, t.noPattern]).toEqual([null, false, '{代字}复答字〔{年}〕{号}号']);
    const p = await call(core, 'caseDocs.preview', { kind: 'reconsideration', id: c.id, docKind: '答复通知书', template: `${t.text}\n{{草稿里的错键}}` });
    expect(p.title).toBe('清河县人民政府\n答复通知书');
    expect(p.docNo).toBe('清政复答字〔2025〕18号');
    expect(p.recipient).toBe('清河县市场监督管理局：');
    expect(p.blocks[0].text).toBe(
      '张某某对你单位作出的《行政处罚决定书》（清市监罚〔2025〕7号）不服，向本机关申请行政复议，本机关已于2025年9月26日依法受理。现将行政复议申请书副本（或申请笔录复印件）发送你单位。',
    );
    expect(p.blocks[1].text).toMatch(/^依照《中华人民共和国行政复议法》第四十八条的规定，请你单位自收到本通知书之日起十个工作日内/);
    expect(p.unknownKeys).toEqual(['草稿里的错键']);
    expect(p.values.find((v) => v.key === '第三人')?.text).toBe('清河某某食品有限公司');
    expect(core.db.prepare('SELECT count(*) FROM case_docs').pluck().get()).toBe(0);
  });
});
