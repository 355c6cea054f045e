// 文书 of a 行政复议 / 行政应诉 case file (DOMAIN §11): the kinds, their built-in wording (our own, written for the
// 行政复议法 as revised in 2023, in force 2024-01-01), their 文号 patterns, the values a template is filled with
// (placeholders with Chinese names) and the 送达 log's fields. Pure: the core generates and records, the renderer
// lists keys and previews from the same code.
//
// A template is written in the report's template language (domain/report.ts): one paragraph a line, `{{键}}`,
// `[[ … ]]`, `# 标题`, `// 注释`. What a 文书 adds: the header (机关名称 + 文书名称, 文号) and the 署名/成文日期 are
// laid out by the program, so the template holds the body only; a value that spans several paragraphs (the
// parties' particulars) becomes several paragraphs; the first paragraph ending in "：" is the 主送 line (no indent).

import { z } from 'zod';
import type { CaseKind, Party, Suspension } from './case-file';
import { caseNoSortKey } from './case-no';
import type { Row } from './fields';
import { chineseDate, emptyValues, type ReportValues } from './report';

export const SERVICE_METHODS = ['直接', '邮寄', '电子', '公告'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** A text the clerk writes when generating (it is not a fact of the case), e.g. 查明事实 of a 决定书. */
export interface DocInput {
  key: string;
  /** several lines (a text area) */
  long?: boolean;
  help?: string;
}

export interface DocKindDef {
  /** the 文书's name, also its key */
  name: string;
  caseKind: CaseKind;
  /** default 文号 pattern ({代字} {年} {号}); '' = the 文书 carries no 文号 of its own */
  noPattern: string;
  /** who signs: the organ (单位名称) or, for a defendant's papers, the 被告 */
  signer: 'organ' | 'defendant';
  /** the party role it is usually served on (the 送达 form's default) */
  to: string;
  inputs: DocInput[];
  /** the built-in body, one paragraph a line */
  lines: string[];
}

const P = (代: string) => `{代字}${代}〔{年}〕{号}号`;

/** The 文书 kinds of §11, in the order a case produces them. */
export const DOC_KINDS: readonly DocKindDef[] = [
  {
    name: '接收申请材料回执',
    caseKind: 'reconsideration',
    noPattern: P('复收字'),
    signer: 'organ',
    to: '申请人',
    inputs: [{ key: '材料清单', long: true, help: '收到的材料，一行一件' }],
    lines: [
      '{{申请人}}：',
      '本机关于{{收到申请日期}}收到你（单位）以{{申请方式}}方式提出的行政复议申请，被申请人为{{被申请人}}，申请复议的行政行为是{{被申请行为}}。收到的材料如下：',
      '{{材料清单}}',
      '本回执只证明本机关已收到上述材料，不表示申请已被受理。本机关将自收到申请之日起五个工作日内审查并决定是否受理；材料不齐全或者表述不清楚的，将书面通知补正。',
    ],
  },
  {
    name: '补正通知书',
    caseKind: 'reconsideration',
    noPattern: P('复补字'),
    signer: 'organ',
    to: '申请人',
    inputs: [{ key: '补正事项', long: true, help: '需要补正的材料或需要说明的内容' }],
    lines: [
      '{{申请人}}：',
      '本机关于{{收到申请日期}}收到你（单位）对{{被申请人}}{{被申请行为}}提出的行政复议申请。经审查，申请材料不齐全或者表述不清楚，需要补正以下内容：',
      '{{补正事项}}',
      '依照《中华人民共和国行政复议法》第三十一条的规定，请自收到本通知书之日起十个工作日内补正。无正当理由逾期不补正的，视为放弃行政复议申请，并记录在案。补正材料齐全之日起，本机关重新计算审查受理的期限。',
    ],
  },
  {
    name: '不予受理决定书',
    caseKind: 'reconsideration',
    noPattern: P('复不受字'),
    signer: 'organ',
    to: '申请人',
    inputs: [{ key: '不予受理理由', long: true }],
    lines: [
      '{{申请人情况}}',
      '申请人对{{被申请人}}作出的{{被申请行为}}不服，于{{收到申请日期}}向本机关申请行政复议。',
      '经审查，本机关认为：{{不予受理理由}}',
      '该申请不符合《中华人民共和国行政复议法》第三十条第一款规定的受理条件。依照该条第二款的规定，本机关决定不予受理。',
      '申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。',
    ],
  },
  {
    name: '告知书',
    caseKind: 'reconsideration',
    noPattern: P('复告字'),
    signer: 'organ',
    to: '申请人',
    inputs: [{ key: '有管辖权的复议机关' }, { key: '告知理由', long: true }],
    lines: [
      '{{申请人}}：',
      '你（单位）于{{收到申请日期}}对{{被申请人}}作出的{{被申请行为}}提出的行政复议申请，本机关已收悉。',
      '经审查，{{告知理由}}该申请不属于本机关管辖。依照《中华人民共和国行政复议法》第三十条第二款的规定，特此告知：你（单位）可以向{{有管辖权的复议机关}}提出行政复议申请。',
      '因向本机关提出申请而耽误的时间，不计入法定的申请期限。',
    ],
  },
  {
    name: '受理通知书',
    caseKind: 'reconsideration',
    noPattern: P('复受字'),
    signer: 'organ',
    to: '申请人',
    inputs: [],
    lines: [
      '{{申请人}}：',
      '你（单位）对{{被申请人}}作出的{{被申请行为}}不服，于{{收到申请日期}}向本机关提出的行政复议申请，经审查符合受理条件，本机关已于{{受理日期}}依法受理，适用{{适用程序}}审理。',
      '行政复议期间，你（单位）可以查阅、复制被申请人提出的书面答复、作出行政行为的证据、依据和其他有关材料。行政复议期间行政行为不停止执行，法律规定停止执行的情形除外。',
      '案件承办人：{{承办人}}。',
    ],
  },
  {
    name: '答复通知书',
    caseKind: 'reconsideration',
    noPattern: P('复答字'),
    signer: 'organ',
    to: '被申请人',
    inputs: [],
    lines: [
      '{{被申请人}}：',
      '{{申请人}}对你单位作出的{{被申请行为}}不服，向本机关申请行政复议，本机关已于{{受理日期}}依法受理。现将行政复议申请书副本（或申请笔录复印件）发送你单位。',
      '依照《中华人民共和国行政复议法》第四十八条{{答复条款}}的规定，请你单位自收到本通知书之日起{{答复期限日数}}个工作日内，向本机关提出书面答复，并提交作出该行政行为的全部证据、依据和其他有关材料。逾期不答复、不提交的，视为该行政行为没有证据、依据，本机关将依法决定撤销、部分撤销该行政行为，确认无效或者确认违法。',
      '附：行政复议申请书副本（或申请笔录复印件）一份',
    ],
  },
  {
    name: '第三人参加通知书',
    caseKind: 'reconsideration',
    noPattern: P('复参字'),
    signer: 'organ',
    to: '第三人',
    inputs: [],
    lines: [
      '{{第三人}}：',
      '本机关受理的{{申请人}}不服{{被申请人}}{{被申请行为}}一案，经审查，你（单位）与该行政行为或者案件处理结果有利害关系。依照《中华人民共和国行政复议法》第十六条的规定，通知你（单位）作为第三人参加行政复议。',
      '你（单位）可以查阅、复制案件有关材料，并可以委托一至二名代理人参加行政复议。你（单位）不参加的，不影响行政复议案件的审理。',
    ],
  },
  {
    name: '听证通知书',
    caseKind: 'reconsideration',
    noPattern: P('复听字'),
    signer: 'organ',
    to: '申请人',
    inputs: [{ key: '听证事项', long: true }],
    lines: [
      '{{当事人名单}}：',
      '本机关决定就{{申请人}}不服{{被申请人}}{{被申请行为}}一案组织听证。现将有关事项通知如下：',
      '听证时间：{{听证日期}}。',
      '听证地点：{{听证地点}}。',
      '拟听证事项：{{听证事项}}',
      '请按时参加。被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加。申请人无正当理由拒不参加听证的，视为放弃听证权利。',
    ],
  },
  {
    name: '延期审理通知书',
    caseKind: 'reconsideration',
    noPattern: P('复延字'),
    signer: 'organ',
    to: '申请人',
    inputs: [{ key: '延期理由', long: true }],
    lines: [
      '{{当事人名单}}：',
      '本机关于{{受理日期}}受理的{{申请人}}不服{{被申请人}}{{被申请行为}}一案，因{{延期理由}}不能在法定期限内作出行政复议决定。依照《中华人民共和国行政复议法》第六十二条第一款的规定，经本机关负责人批准，审理期限延长{{延期天数}}日，至{{审理期限}}止。',
    ],
  },
  {
    name: '中止通知书',
    caseKind: 'reconsideration',
    noPattern: P('复中字'),
    signer: 'organ',
    to: '申请人',
    inputs: [],
    lines: [
      '{{当事人名单}}：',
      '本机关受理的{{申请人}}不服{{被申请人}}{{被申请行为}}一案，因{{中止事由}}，依照《中华人民共和国行政复议法》第三十九条的规定，本案自{{中止日}}起中止审理。',
      '中止的原因消除后，本机关将及时恢复审理，并书面告知。中止期间不计入行政复议审理期限。',
    ],
  },
  {
    name: '恢复审理通知书',
    caseKind: 'reconsideration',
    noPattern: P('复恢字'),
    signer: 'organ',
    to: '申请人',
    inputs: [],
    lines: [
      '{{当事人名单}}：',
      '本机关于{{中止日}}中止审理的{{申请人}}不服{{被申请人}}{{被申请行为}}一案，中止的原因已经消除。依照《中华人民共和国行政复议法》第三十九条第二款的规定，本案自{{恢复日}}起恢复审理，审理期限自恢复之日起继续计算。',
    ],
  },
  {
    name: '终止决定书',
    caseKind: 'reconsideration',
    noPattern: P('复终字'),
    signer: 'organ',
    to: '申请人',
    inputs: [{ key: '终止理由', long: true }],
    lines: [
      '{{申请人情况}}',
      '{{被申请人情况}}',
      '{{第三人情况}}',
      '申请人不服被申请人作出的{{被申请行为}}，于{{收到申请日期}}向本机关申请行政复议，本机关于{{受理日期}}依法受理。',
      '行政复议期间，{{终止理由}}依照《中华人民共和国行政复议法》第四十一条的规定，本机关决定终止本案的行政复议。',
    ],
  },
  {
    name: '调解书',
    caseKind: 'reconsideration',
    noPattern: P('复调字'),
    signer: 'organ',
    to: '申请人',
    inputs: [
      { key: '争议事实', long: true },
      { key: '调解协议', long: true },
    ],
    lines: [
      '{{申请人情况}}',
      '{{被申请人情况}}',
      '{{第三人情况}}',
      '申请人不服被申请人作出的{{被申请行为}}，于{{收到申请日期}}向本机关申请行政复议，请求：{{复议请求}}',
      '{{争议事实}}',
      '本案在本机关主持下，经各方当事人自愿协商，达成如下协议：',
      '{{调解协议}}',
      '上述协议不违反法律、法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。依照《中华人民共和国行政复议法》第七十三条的规定，本调解书经各方当事人签字，即具有法律效力。',
      '申请人（签字）：　　　　　被申请人（签字）：',
    ],
  },
  {
    name: '行政复议决定书',
    caseKind: 'reconsideration',
    noPattern: P('复决字'),
    signer: 'organ',
    to: '申请人',
    inputs: [
      { key: '被申请人答复', long: true },
      { key: '查明事实', long: true },
      { key: '理由', long: true },
      { key: '决定内容', long: true, help: '不填则按审结方式写出' },
    ],
    lines: [
      '{{申请人情况}}',
      '{{被申请人情况}}',
      '{{第三人情况}}',
      '申请人不服被申请人于{{被申请行为作出日期}}作出的{{被申请行为}}，于{{收到申请日期}}向本机关申请行政复议，本机关于{{受理日期}}依法受理，适用{{适用程序}}审理，现已审理终结。',
      '申请人请求：{{复议请求}}',
      '申请人称：{{事实和理由}}',
      '被申请人称：{{被申请人答复}}',
      '经审理查明：{{查明事实}}',
      '本机关认为：{{理由}}',
      '依照《中华人民共和国行政复议法》{{决定依据}}的规定，本机关决定：',
      '{{决定内容}}',
      '申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。',
    ],
  },
  {
    name: '行政复议意见书',
    caseKind: 'reconsideration',
    noPattern: P('复意字'),
    signer: 'organ',
    to: '被申请人',
    inputs: [
      { key: '发现的问题', long: true },
      { key: '意见', long: true },
    ],
    lines: [
      '{{被申请人}}：',
      '本机关在办理{{申请人}}不服你单位{{被申请行为}}一案（案号为{{案号}}）中，发现以下问题：',
      '{{发现的问题}}',
      '依照《中华人民共和国行政复议法》第七十六条的规定，现提出如下意见：',
      '{{意见}}',
      '请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况书面报送本机关。',
    ],
  },
  {
    name: '行政复议建议书',
    caseKind: 'reconsideration',
    noPattern: P('复建字'),
    signer: 'organ',
    to: '被申请人',
    inputs: [{ key: '受文单位' }, { key: '发现的问题', long: true }, { key: '建议', long: true }],
    lines: [
      '{{受文单位}}：',
      '本机关在办理{{申请人}}不服{{被申请人}}{{被申请行为}}一案（案号为{{案号}}）中，发现有关制度或者执法工作存在以下问题：',
      '{{发现的问题}}',
      '为从源头上预防和化解同类行政争议，建议：',
      '{{建议}}',
      '请将采纳情况书面告知本机关。',
    ],
  },
  {
    name: '送达回证',
    caseKind: 'reconsideration',
    noPattern: '',
    signer: 'organ',
    to: '申请人',
    inputs: [],
    lines: [
      '送达文书：{{送达文书}}',
      '文书文号：{{送达文书文号}}',
      '案号：{{案号}}',
      '送达机关：{{单位名称}}',
      '受送达人签收时，请在下表写明签收日期；他人代收的，注明与受送达人的关系。',
    ],
  },
  {
    name: '答辩状',
    caseKind: 'litigation',
    noPattern: '',
    signer: 'defendant',
    to: '管辖法院',
    inputs: [
      { key: '答辩意见', long: true },
      { key: '事实和理由', long: true },
    ],
    lines: [
      '{{答辩人情况}}',
      '{{原告情况}}',
      '答辩人因{{原告}}诉答辩人{{行为类别}}一案（案号为{{法院案号}}），现提出答辩如下：',
      '答辩意见：{{答辩意见}}',
      '事实和理由：{{事实和理由}}',
      '综上，请求人民法院依法驳回原告的诉讼请求。',
      '此致',
      '{{管辖法院}}',
      '附：证据材料及依据清单',
    ],
  },
  {
    name: '法定代表人身份证明',
    caseKind: 'litigation',
    noPattern: '',
    signer: 'defendant',
    to: '管辖法院',
    inputs: [],
    lines: ['{{法定代表人}}在我单位担任{{法定代表人职务}}职务，是我单位的法定代表人（负责人）。', '特此证明。', '此致', '{{管辖法院}}'],
  },
  {
    name: '授权委托书',
    caseKind: 'litigation',
    noPattern: '',
    signer: 'defendant',
    to: '管辖法院',
    inputs: [
      { key: '委托代理人', long: true, help: '姓名、工作单位和职务，一行一人' },
      { key: '代理权限', help: '如：一般代理' },
    ],
    lines: [
      '委托人：{{被告}}',
      '法定代表人（负责人）：{{法定代表人}}，{{法定代表人职务}}',
      '受委托人：',
      '{{委托代理人}}',
      '现委托上列受委托人在{{原告}}诉我单位{{行为类别}}一案（案号为{{法院案号}}）中，作为我单位的诉讼代理人。代理权限：{{代理权限}}。',
      '此致',
      '{{管辖法院}}',
    ],
  },
  {
    name: '出庭负责人身份证明',
    caseKind: 'litigation',
    noPattern: '',
    signer: 'defendant',
    to: '管辖法院',
    inputs: [],
    lines: ['{{出庭负责人}}系我单位负责人，将出庭参加{{原告}}诉我单位{{行为类别}}一案（案号为{{法院案号}}）的诉讼活动。', '特此证明。', '此致', '{{管辖法院}}'],
  },
];

export const DOC_KIND_BY_NAME = new Map(DOC_KINDS.map((d) => [d.name, d]));
export const docKindsOf = (k: CaseKind) => DOC_KINDS.filter((d) => d.caseKind === k);
export const builtinDocTemplate = (d: DocKindDef) => d.lines.join('\n');

/** The tokens a 文号 pattern may use. */
const NO_TOKENS = ['{代字}', '{年}', '{号}'] as const;

/** Problems of a 文号 pattern (a setting per kind): unknown tokens, a missing {号}. [] when fine. */
export function checkNoPattern(p: string): string[] {
  if (!p.trim()) return [];
  const out: string[] = [];
  const unknown = [...p.matchAll(/\{[^{}]*\}/g)].map((m) => m[0]).filter((t) => !(NO_TOKENS as readonly string[]).includes(t));
  if (unknown.length) out.push(`文号格式中有无法识别的部分：${[...new Set(unknown)].join('、')}（可用：${NO_TOKENS.join(' ')}）`);
  if (!p.includes('{号}')) out.push('文号格式必须含有 {号}（案件的序号），否则各案文号相同');
  if (p.length > 60) out.push('文号格式过长（最多 60 字）');
  return out;
}

/**
 * The year and sequence of a case from its 案号, read as the list sorts it (domain/case-no.ts): the bracketed or
 * leading year, the digits before 号 (else the last digits). The year falls back to the year received.
 */
function caseSequence(caseNo: string | null | undefined, receivedOn: string | null | undefined): { year: string | null; seq: string | null } {
  const key = caseNoSortKey(caseNo ?? '');
  const [y, n] = key ? key.split('|') : ['9999', '~'];
  const year = y !== '9999' ? y : receivedOn ? receivedOn.slice(0, 4) : null;
  const seq = n && n !== '~' ? n.replace(/^0+(?=\d)/, '') : null;
  return { year, seq };
}

/** The 文号 from a pattern, or a Chinese reason it cannot be made. '' pattern → ''. */
export function docNumber(
  pattern: string,
  code: string,
  caseNo: string | null | undefined,
  receivedOn: string | null | undefined,
): { ok: true; no: string } | { ok: false; message: string } {
  if (!pattern.trim()) return { ok: true, no: '' };
  const problems = checkNoPattern(pattern);
  if (problems.length) return { ok: false, message: problems.join('；') };
  const { year, seq } = caseSequence(caseNo, receivedOn);
  if (pattern.includes('{代字}') && !code.trim())
    return { ok: false, message: '尚未设置文书的机关代字：请先在“设置”的“行政复议”中填写（如“清政”），文号由它和案件的年度、序号组成' };
  if (pattern.includes('{号}') && !seq)
    return { ok: false, message: `案号“${caseNo ?? ''}”中没有序号，无法编出文号；请先把案号改为含序号的形式（如 2025-12）` };
  if (pattern.includes('{年}') && !year) return { ok: false, message: '案件没有年度（案号中无年份，也没有收到日期），无法编出文号' };
  return {
    ok: true,
    no: pattern
      .split('{代字}')
      .join(code.trim())
      .split('{年}')
      .join(year ?? '')
      .split('{号}')
      .join(seq ?? ''),
  };
}

/** What a missing fact prints as: a line to write on by hand, never "undefined" or an empty gap. */
const BLANK = '＿＿＿＿';

const txt = (v: unknown): string => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : '');
const day = (v: unknown): string => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? chineseDate(v) : '');

/** One party's particulars as a 文书 states them: 申请人：张三，男，1980年1月2日出生，住…，公民身份号码…。 */
function partyLine(p: Party, principal?: Party): string {
  const bits: string[] = [];
  if (p.partyType === '自然人' || (!p.partyType && (p.gender || p.birthDate))) {
    if (p.gender) bits.push(p.gender);
    if (p.birthDate) bits.push(`${chineseDate(p.birthDate)}出生`);
    if (p.address) bits.push(`住${p.address}`);
    if (p.idNo) bits.push(`公民身份号码${p.idNo}`);
  } else {
    if (p.address) bits.push(`住所地${p.address}`);
    if (p.idNo) bits.push(`统一社会信用代码${p.idNo}`);
  }
  if (p.phone) bits.push(`联系电话${p.phone}`);
  const role = p.role === '代理人' && principal ? `${principal.role === '申请人' || principal.role === '原告' ? '委托代理人' : '代理人'}` : p.role;
  let s = `${role}：${p.name}${bits.length ? `，${bits.join('，')}` : ''}。`;
  if (p.legalRep) s += `\n法定代表人（负责人）：${p.legalRep}${p.legalRepTitle ? `，${p.legalRepTitle}` : ''}。`;
  return s;
}

/** The parties of roles, each followed by its 代理人, as paragraphs ('' when none). */
function partiesOf(parties: readonly Party[], roles: readonly string[]): string {
  const lines: string[] = [];
  for (const p of parties.filter((x) => roles.includes(x.role))) {
    lines.push(partyLine(p));
    for (const a of parties.filter((x) => x.role === '代理人' && x.representsId === p.id)) lines.push(partyLine(a, p));
  }
  return lines.join('\n');
}

const namesOf = (parties: readonly Party[], role: string) => parties.filter((p) => p.role === role).map((p) => p.name);

/** The article of the 2023 行政复议法 a decision rests on, by its 审结方式. */
const DECISION_ARTICLE: Record<string, string> = {
  变更: '第六十三条',
  撤销: '第六十四条',
  确认违法: '第六十五条',
  责令履行: '第六十六条',
  确认无效: '第六十七条',
  维持: '第六十八条',
  驳回复议请求: '第六十九条',
  驳回申请: '第三十三条',
};

function decisionText(disposition: string, act: string): string {
  switch (disposition) {
    case '维持':
      return `维持被申请人作出的${act}。`;
    case '撤销':
      return `撤销被申请人作出的${act}。`;
    case '变更':
      return `变更被申请人作出的${act}为：${BLANK}。`;
    case '确认违法':
      return `确认被申请人作出的${act}违法。`;
    case '确认无效':
      return `确认被申请人作出的${act}无效。`;
    case '责令履行':
      return `责令被申请人自收到本决定书之日起${BLANK}日内履行${BLANK}。`;
    case '驳回复议请求':
      return '驳回申请人的行政复议请求。';
    case '驳回申请':
      return '驳回申请人的行政复议申请。';
    default:
      return '';
  }
}

interface DocFacts {
  /** 单位名称 (the organ) */
  unit: string;
  row: Row;
  parties: readonly Party[];
  suspensions: readonly Pick<Suspension, 'from' | 'to' | 'reason'>[];
  docNo: string;
  signer: string;
  signedOn: string;
  /** what the clerk wrote for the kind's inputs */
  inputs: Record<string, string>;
  /** 送达回证: the 文书 served */
  served?: { name: string; no: string };
}

/**
 * Every placeholder a 文书 of this case kind can use, with its value. Facts missing from the case print as a line
 * to write on (BLANK); party lists that are empty print nothing (their paragraph is left out).
 */
export function docValues(kind: CaseKind, def: DocKindDef | null, f: DocFacts): ReportValues {
  const v = emptyValues();
  const put = (k: string, s: string, blankIfEmpty = true) => (v[k] = { text: s || (blankIfEmpty ? BLANK : '') });
  const r = f.row;
  put('单位名称', f.unit);
  put('文号', f.docNo);
  put('签发人', f.signer);
  put('签发日期', day(f.signedOn));
  put('案号', txt(r.caseNo));
  put('承办人', txt(r.handler));
  put('当事人情况', partiesOf(f.parties, kind === 'reconsideration' ? ['申请人', '被申请人', '第三人'] : ['原告', '被告', '第三人']), false);
  put('第三人情况', partiesOf(f.parties, ['第三人']), false);
  put('第三人', namesOf(f.parties, '第三人').join('、'));
  put('行为类别', txt(r.actType));
  if (kind === 'reconsideration') {
    const applicants = namesOf(f.parties, '申请人');
    const respondents = namesOf(f.parties, '被申请人');
    put('申请人', applicants.length ? applicants.join('、') : txt(r.applicant));
    put('被申请人', respondents.length ? respondents.join('、') : txt(r.respondent));
    put('申请人情况', partiesOf(f.parties, ['申请人']) || (txt(r.applicant) ? `申请人：${txt(r.applicant)}。` : ''), false);
    put('被申请人情况', partiesOf(f.parties, ['被申请人']) || (txt(r.respondent) ? `被申请人：${txt(r.respondent)}。` : ''), false);
    const others = f.parties.filter((p) => p.role !== '代理人').map((p) => p.name);
    put('当事人名单', (others.length ? others : [txt(r.applicant), txt(r.respondent)].filter(Boolean)).join('、'));
    put('收到申请日期', day(r.receivedOn));
    put('申请方式', txt(r.channel));
    put('受理日期', day(r.acceptedOn));
    put('适用程序', txt(r.procedure) || '普通程序');
    put('被申请行为名称', txt(r.actName));
    put('被申请行为文号', txt(r.actDocNo));
    put('被申请行为作出日期', day(r.actDate));
    put('被申请行为', txt(r.actName) ? `${txt(r.actDocNo) ? `《${txt(r.actName)}》（${txt(r.actDocNo)}）` : `《${txt(r.actName)}》`}` : txt(r.actType));
    put('复议请求', txt(r.request));
    put('事实和理由', txt(r.factsReasons));
    put('补正通知日', day(r.correctionNoticeOn));
    put('补正期限', day(r.correctionDueOn));
    put('副本发送期限', day(r.copyDueOn));
    put('答复期限', day(r.answerDueOn));
    const simple = r.procedure === '简易程序';
    put('答复期限日数', simple ? '五' : '十');
    put('答复条款', simple ? '、第五十四条' : '', false);
    put('听证日期', day(r.hearingOn));
    put('听证地点', txt(r.hearingPlace));
    put('延期天数', typeof r.extensionDays === 'number' ? String(r.extensionDays) : r.extended === true ? '30' : '');
    put('审理期限', day(r.decisionDueOn));
    const last = [...f.suspensions].sort((a, b) => (a.from < b.from ? -1 : 1)).at(-1);
    put('中止日', day(last?.from));
    put('中止事由', txt(last?.reason));
    put('恢复日', day(last?.to));
    put('审结日期', day(r.closedOn));
    put('审结方式', txt(r.disposition));
    put('决定依据', DECISION_ARTICLE[txt(r.disposition)] ?? '');
  } else {
    const plaintiffs = namesOf(f.parties, '原告');
    const defendants = namesOf(f.parties, '被告');
    put('原告', plaintiffs.length ? plaintiffs.join('、') : txt(r.plaintiff));
    put('被告', defendants.length ? defendants.join('、') : txt(r.defendant));
    put('原告情况', partiesOf(f.parties, ['原告']), false);
    put('被告情况', partiesOf(f.parties, ['被告']), false);
    // the defendant as the 答辩状 names it
    put('答辩人情况', partiesOf(f.parties, ['被告']).replace(/^被告：/gm, '答辩人：') || (txt(r.defendant) ? `答辩人：${txt(r.defendant)}。` : ''), false);
    put('法院案号', txt(r.caseNo));
    put('管辖法院', txt(r.court));
    put('审级', txt(r.instance));
    put('收案日期', day(r.receivedOn));
    put('答辩期限', day(r.answerDueOn));
    put('诉讼请求', txt(r.claims));
    put('出庭负责人', txt(r.headName));
    const rep = f.parties.find((p) => p.role === '被告' && p.legalRep);
    put('法定代表人', rep?.legalRep ?? '');
    put('法定代表人职务', rep?.legalRepTitle ?? '');
  }
  for (const i of def?.inputs ?? []) put(i.key, (f.inputs[i.key] ?? '').trim());
  if (def?.name === '行政复议决定书' && !(f.inputs['决定内容'] ?? '').trim()) {
    put('决定内容', decisionText(txt(r.disposition), v['被申请行为'].text));
  }
  if (f.served) {
    put('送达文书', f.served.name);
    put('送达文书文号', f.served.no || '（无文号）');
  } else {
    put('送达文书', '');
    put('送达文书文号', '');
  }
  return v;
}

/** The keys a template of this kind may use (for the editor's list and the check before saving). */
export function docKeys(def: DocKindDef): string[] {
  const facts: DocFacts = { unit: '', row: {}, parties: [], suspensions: [], docNo: '', signer: '', signedOn: '', inputs: {}, served: { name: '', no: '' } };
  return Object.keys(docValues(def.caseKind, def, facts));
}

/** One 送达 (DOMAIN §11): 受送达人, 方式, 日期. */
export const serviceFields = z.strictObject({
  recipient: z
    .string({ error: '受送达人必填' })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, { error: '受送达人必填' })
    .refine((s) => s.length <= 100, { error: '受送达人过长（最多 100 字）' }),
  method: z.enum(SERVICE_METHODS, { error: `送达方式只能是：${SERVICE_METHODS.join('、')}` }),
  servedOn: z
    .string({ error: '送达日期必填（YYYY-MM-DD）' })
    .transform((s) => s.trim())
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      error: '送达日期应为有效日期（YYYY-MM-DD）',
    }),
  note: z
    .string()
    .max(200, { error: '备注过长（最多 200 字）' })
    .nullish()
    .transform((s) => (s && s.trim() ? s.trim() : null)),
});

/** A generated 文书 in the case's log (without its bytes). */
export interface CaseDoc {
  id: string;
  docKind: string;
  docNo: string;
  signer: string;
  signedOn: string;
  generatedAt: string;
  generatedBy: string;
  fileName: string;
  inputs: Record<string, string>;
  services: CaseService[];
}

export interface CaseService {
  id: string;
  docId: string;
  recipient: string;
  method: ServiceMethod;
  servedOn: string;
  note: string | null;
  createdAt: string;
}

/**
 * Which 文书 a deadline on the board calls for (the board's 依据 column names it): the deadline field of a case
 * ledger → the 文书 to issue before it runs out.
 */
export const DUE_DOCS: Record<string, Record<string, string>> = {
  reconsideration: {
    intakeDueOn: '受理通知书或不予受理决定书',
    copyDueOn: '答复通知书',
    decisionDueOn: '行政复议决定书',
  },
  litigation: { answerDueOn: '答辩状' },
};
