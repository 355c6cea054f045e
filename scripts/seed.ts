// Synthetic ledger data for demos, tests and benchmarks, like a county 司法局's:
//   npm run seed -- --db <path> --years 2019-2025 --scale <n> [--today YYYY-MM-DD] [--force]
//   npm run seed -- --city <folder> [--counties 20] [--units 40]   (issue 20: a city's 数据包, scripts/seed-city.ts)
// Deterministic: a seeded PRNG per ledger and year, so the same arguments give identical data, ids included.
// Every row goes through the app's own validation (importRecords → prepareRow), one transaction per ledger and year.
// Scale 1 ≈ a county per year: 60 规范性文件, 15 重大决策, 200 合同, 120 复议, 50 应诉, 300 评查案卷.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../electron/core/core';
import { importFile } from '../electron/core/exchange';
import { importRecords } from '../electron/core/records';
import type { LedgerKind, Row } from '../electron/domain/fields';
import { BUILTIN_INDICATORS, BUILTIN_MATERIALS } from '../electron/domain/metrics';

export const PER_YEAR: Record<LedgerKind, number> = { normative: 60, decision: 15, contract: 200, reconsideration: 120, litigation: 50, casefile: 300 };
export const ROWS_PER_YEAR_AT_SCALE_1 = Object.values(PER_YEAR).reduce((a, b) => a + b, 0);
const KINDS = Object.keys(PER_YEAR) as LedgerKind[];

export interface SeedOptions {
  /** first and last year, inclusive */
  years: [number, number];
  /** 1 ≈ a county office; may be fractional */
  scale: number;
  /** the day the data is “as of”: nothing is dated later; cases open near it are pending or overdue */
  today?: string;
  /** progress lines (Chinese) */
  log?: (s: string) => void;
}

export interface SeedResult {
  rows: Record<LedgerKind, number>;
  total: number;
  today: string;
  ms: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** sfc32 seeded from a string: small, fast, good enough for synthetic data. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: string) {
    let h = 1779033703 ^ seed.length;
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const next = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  next(): number {
    return this.u32() / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** weighted choice: [[value, weight], …] */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of xs) {
      if ((r -= w) < 0) return v;
    }
    return xs[xs.length - 1][0];
  }
  uuid(): string {
    const h = (n: number) => n.toString(16).padStart(8, '0');
    const s = h(this.u32()) + h(this.u32()) + h(this.u32()) + h(this.u32());
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${'89ab'[this.u32() & 3]}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const DAY = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => fromMs(toMs(iso) + n * DAY);
const daysBetween = (a: string, b: string) => Math.round((toMs(b) - toMs(a)) / DAY);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** A day of `year` not after `today`, weighted away from the Spring Festival lull a little. */
function dayIn(rng: Rng, year: number, today: string): string {
  const start = `${year}-01-01`;
  const end = minDate(`${year}-12-31`, today);
  const span = daysBetween(start, end);
  let d = rng.int(0, span);
  if (d < 40 && rng.chance(0.3)) d = rng.int(40, Math.max(40, span));
  return addDays(start, Math.min(d, span));
}

/** `iso + n` days if that is not after today, else null (not happened yet). */
function later(iso: string | null, n: number, today: string): string | null {
  if (!iso) return null;
  const d = addDays(iso, n);
  return d <= today ? d : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Names

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲兰辉建国志强海燕春梅云飞鹏浩宇欣怡俊峰德华文博晓东婷婷子涵雨轩佳琪';
const PLACES = ['清河', '长兴', '永安', '新丰', '临江', '东阳', '富民', '兴隆', '平安', '金桥', '红星', '石门', '柳林', '青山', '白沙', '龙泉'];
const COMPANY_WORDS = ['恒信', '宏达', '鑫源', '华晟', '瑞丰', '国泰', '天成', '嘉禾', '顺通', '远航', '中联', '博润', '盛世', '安泰', '汇通', '正邦'];
const INDUSTRIES = ['建设工程', '商贸', '房地产开发', '物业服务', '农业科技', '食品', '建材', '运输', '环保科技', '医药', '餐饮管理', '信息技术'];
const DEPTS = [
  ['县公安局', '公安', '公'],
  ['县市场监督管理局', '市场监管', '市监'],
  ['县自然资源局', '自然资源', '自然资'],
  ['县住房和城乡建设局', '住房城乡建设', '住建'],
  ['县人力资源和社会保障局', '人力资源社会保障', '人社'],
  ['市生态环境局县分局', '生态环境', '环'],
  ['县交通运输局', '交通运输', '交'],
  ['县综合行政执法局', '综合行政执法', '综执'],
  ['县卫生健康局', '卫生健康', '卫健'],
  ['县农业农村局', '农业农村', '农'],
  ['县应急管理局', '应急管理', '应急'],
  ['县教育局', '教育', '教'],
  ['县民政局', '民政', '民'],
  ['县财政局', '财政', '财'],
  ['国家税务总局县税务局', '税务', '税'],
] as const;
const TOWNS = ['城关镇', '东城街道', '西城街道', '新丰镇', '临江镇', '石门乡', '柳林镇', '白沙乡', '青山镇', '龙泉镇'];
const DUTIES = ['县长', '副县长', '局长', '副局长', '镇长', '副镇长'];

const COUNTY = '清河县';
const ABBR = '清';
const PROV = '冀';
const COURT_CODE = '0534';

function person(rng: Rng): string {
  return rng.pick([...SURNAMES]) + rng.pick([...GIVEN]) + (rng.chance(0.6) ? rng.pick([...GIVEN]) : '');
}
function company(rng: Rng): string {
  return `${rng.pick(PLACES)}${rng.pick(COMPANY_WORDS)}${rng.pick(INDUSTRIES)}有限公司`;
}
function shop(rng: Rng): string {
  return `${COUNTY}${rng.pick(PLACES)}${rng.pick(['便利店', '饭店', '五金店', '汽修部', '养殖场', '超市', '药店'])}`;
}
const dept = (rng: Rng) => rng.pick(DEPTS);
const handlers = (rng: Rng) => rng.pick(['王建国', '李晓东', '张婷婷', '刘志强', '陈海燕', '杨俊峰', '赵文博', '周子涵']);

function party(rng: Rng, type: string): string {
  if (type === '自然人') return person(rng);
  if (type === '个体工商户') return shop(rng);
  if (type === '非法人组织') return `${COUNTY}${rng.pick(TOWNS)}${rng.pick(PLACES)}村民委员会`;
  return company(rng);
}

// ---------------------------------------------------------------------------------------------------------------
// One generator per ledger: rows of one year, as the office would have typed them.

type Gen = (rng: Rng, year: number, n: number, today: string) => Row[];

const NORMATIVE_TOPICS = [
  '物业管理',
  '城市养犬管理',
  '农村集体资产管理',
  '政府投资项目管理',
  '优化营商环境若干措施',
  '城区停车管理',
  '农村宅基地管理',
  '扶持中小微企业发展',
  '公共租赁住房管理',
  '安全生产责任追究',
  '城乡居民医疗救助',
  '高层次人才引进',
  '征地补偿安置',
  '城市绿化管理',
  '扬尘污染防治',
  '农村生活垃圾治理',
  '行政执法公示',
  '重大行政执法决定法制审核',
];

const normative: Gen = (rng, year, n, today) =>
  Array.from({ length: n }, (_, i) => {
    const reviewType = rng.chance(0.8) ? '合法性审核' : '备案审查';
    const d = dept(rng);
    const receivedOn = dayIn(rng, year, today);
    const provisional = rng.chance(0.25);
    const title = `${COUNTY}${rng.pick(NORMATIVE_TOPICS)}${provisional ? rng.pick(['暂行办法', '试行办法']) : rng.pick(['办法', '规定', '实施细则', '实施意见'])}`;
    const completedOn = later(receivedOn, rng.int(3, reviewType === '合法性审核' ? 22 : 40), today);
    const conclusion = !completedOn
      ? null
      : reviewType === '合法性审核'
        ? rng.weighted([
            ['同意', 35],
            ['修改后同意', 50],
            ['不同意', 3],
            ['退回补正', 10],
            ['建议不制定', 2],
          ] as const)
        : rng.weighted([
            ['予以备案', 90],
            ['要求纠正', 8],
            ['建议撤销', 2],
          ] as const);
    const opinions = completedOn ? rng.int(0, 12) : null;
    const passed = conclusion === '同意' || conclusion === '修改后同意' || conclusion === '予以备案';
    const publishedOn = passed ? later(completedOn, rng.int(5, 40), today) : null;
    const old = publishedOn && daysBetween(publishedOn, today) > 3 * 365;
    const status = !publishedOn
      ? null
      : old
        ? rng.weighted([
            ['有效', 80],
            ['已修改', 10],
            ['已废止', 7],
            ['宣布失效', 3],
          ] as const)
        : '有效';
    const cleaned = status && status !== '有效' ? later(publishedOn, rng.int(3 * 365, daysBetween(publishedOn!, today)), today) : null;
    return {
      reviewType,
      serialNo: `${ABBR}规审〔${year}〕${i + 1}号`,
      title,
      drafter: reviewType === '备案审查' && rng.chance(0.4) ? `${COUNTY}${rng.pick(TOWNS)}人民政府` : d[0],
      level:
        reviewType === '合法性审核'
          ? rng.weighted([
              ['政府规范性文件', 70],
              ['部门规范性文件', 30],
            ] as const)
          : rng.weighted([
              ['下级政府规范性文件', 40],
              ['部门规范性文件', 60],
            ] as const),
      receivedOn,
      completedOn,
      conclusion,
      opinions,
      adopted: opinions === null ? null : Math.round(opinions * (0.7 + rng.next() * 0.3)),
      publicComment: reviewType === '合法性审核' ? rng.chance(0.75) : null,
      fairCompetition: reviewType === '合法性审核' ? rng.chance(0.6) : null,
      regNo: publishedOn ? `${ABBR}规登〔${year}〕${i + 1}号` : null,
      docNo: publishedOn ? `${ABBR}${rng.pick(['政规', '政办规', d[2] + '规'])}〔${publishedOn.slice(0, 4)}〕${rng.int(1, 20)}号` : null,
      publishedOn,
      effectiveOn: publishedOn ? addDays(publishedOn, 30) : null,
      filedGovOn: later(publishedOn, rng.int(5, 28), today),
      filedCongressOn: reviewType === '合法性审核' && publishedOn ? later(publishedOn, rng.int(5, 28), today) : null,
      status,
      cleanupType: cleaned ? rng.pick(['全面清理', '专项清理', '定期清理', '后评估', '公平竞争审查'] as const) : null,
      cleanupOn: cleaned,
      handler: handlers(rng),
      note: rng.chance(0.05) ? '起草单位已按审核意见修改' : null,
    };
  });

const DECISION_TOPICS = [
  ['国土空间总体规划', '发展规划'],
  ['城区供水价格调整方案', '公共政策措施'],
  ['老旧小区改造实施方案', '重大公共建设项目'],
  ['生活垃圾分类实施方案', '公共政策措施'],
  ['城乡公交一体化改革方案', '公共政策措施'],
  ['义务教育学校布局调整规划', '发展规划'],
  ['城区集中供热特许经营方案', '重大公共建设项目'],
  ['农村饮水安全巩固提升工程', '重大公共建设项目'],
  ['河道采砂规划', '资源保护利用'],
  ['基本农田保护方案', '资源保护利用'],
  ['县属国有企业改革方案', '其他重大事项'],
  ['城区道路交通组织优化方案', '公共政策措施'],
] as const;

const decision: Gen = (rng, year, n, today) =>
  Array.from({ length: n }, () => {
    const [topic, category] = rng.pick(DECISION_TOPICS);
    const receivedOn = dayIn(rng, year, today);
    const completedOn = later(receivedOn, rng.int(3, 12), today);
    const participation = rng.chance(0.85);
    const discussedOn = later(completedOn, rng.int(7, 30), today);
    const outcome = discussedOn
      ? rng.weighted([
          ['通过', 60],
          ['修改后通过', 30],
          ['暂缓', 8],
          ['不予通过', 2],
        ] as const)
      : null;
    return {
      title: `${COUNTY}${topic}`,
      sponsor: dept(rng)[0],
      category,
      inCatalog: rng.chance(0.8),
      receivedOn,
      completedOn,
      publicParticipation: participation,
      commentDays: participation
        ? rng.weighted([
            [30, 85],
            [45, 10],
            [20, 5],
          ] as const)
        : null,
      expertReview: rng.chance(0.6),
      riskAssessment: rng.chance(0.75),
      hearing: rng.chance(0.15),
      conclusion: completedOn
        ? rng.weighted([
            ['合法', 40],
            ['修改后合法', 57],
            ['不合法', 3],
          ] as const)
        : null,
      opinions: completedOn ? rng.int(0, 10) : null,
      discussedOn,
      outcome,
      publishedOn: outcome === '通过' || outcome === '修改后通过' ? later(discussedOn, rng.int(3, 20), today) : null,
      postEvaluation: rng.chance(0.1),
      handler: handlers(rng),
      note: null,
    };
  });

const CONTRACT_TOPICS = [
  ['办公设备采购合同', '政府采购'],
  ['物业服务合同', '政府采购'],
  ['法律顾问服务合同', '政府采购'],
  ['道路改造工程施工合同', '工程建设'],
  ['校舍维修工程施工合同', '工程建设'],
  ['招商引资项目投资协议', '招商引资'],
  ['办公用房租赁合同', '国有资产处置租赁'],
  ['城区污水处理特许经营协议', '特许经营(PPP)'],
  ['房屋征收补偿协议', '征收补偿协议'],
  ['产业扶持资金补贴协议', '借款融资补贴'],
  ['战略合作框架协议', '合作协议'],
  ['信息化运维服务合同', '政府采购'],
  ['绿化养护服务合同', '政府采购'],
  ['技术咨询合同', '其他'],
] as const;

const contract: Gen = (rng, year, n, today) =>
  Array.from({ length: n }, () => {
    const [topic, contractType] = rng.weighted(CONTRACT_TOPICS.map((t) => [t, t[1] === '政府采购' ? 4 : t[1] === '工程建设' ? 3 : 1] as const));
    const receivedOn = dayIn(rng, year, today);
    const completedOn = later(receivedOn, rng.chance(0.93) ? rng.int(1, 6) : rng.int(7, 12), today);
    const conclusion = completedOn
      ? rng.weighted([
          ['同意', 45],
          ['修改后同意', 52],
          ['不同意', 3],
        ] as const)
      : null;
    const opinions = completedOn ? rng.int(0, 9) : null;
    const signedOn = conclusion && conclusion !== '不同意' ? later(completedOn, rng.int(3, 30), today) : null;
    const amount = Math.round(10 ** (rng.next() * 3.3) * 100) / 100;
    const age = signedOn ? daysBetween(signedOn, today) : 0;
    return {
      title: `${rng.pick(PLACES)}${topic}`,
      submitter: rng.chance(0.85) ? dept(rng)[0] : `${COUNTY}${rng.pick(TOWNS)}人民政府`,
      counterparty: company(rng),
      contractType,
      administrative: ['特许经营(PPP)', '征收补偿协议', '招商引资'].includes(contractType) ? true : rng.chance(0.03),
      amount,
      inGovName: rng.chance(0.1),
      receivedOn,
      completedOn,
      conclusion,
      opinions,
      adopted: opinions === null ? null : Math.round(opinions * (0.8 + rng.next() * 0.2)),
      signedOn,
      filedOn: later(signedOn, rng.int(1, 15), today),
      performance: !signedOn
        ? null
        : rng.weighted([
            [age > 365 ? '已履行' : '履行中', 94],
            ['发生纠纷', 3],
            ['解除终止', 3],
          ] as const),
      handler: handlers(rng),
      note: null,
    };
  });

const ACT_TYPES = [
  ['行政处罚', 35],
  ['政府信息公开', 15],
  ['工伤认定', 10],
  ['举报投诉处理', 10],
  ['不履行法定职责', 8],
  ['行政许可', 5],
  ['行政确认', 5],
  ['行政征收征用补偿', 5],
  ['行政强制', 4],
  ['行政协议', 1],
  ['行政给付', 1],
  ['其他', 1],
] as const;
const PARTY_TYPES = [
  ['自然人', 65],
  ['法人', 25],
  ['个体工商户', 8],
  ['非法人组织', 2],
] as const;

/** Received dates of a year in order, so case numbers rise with the date as in a real register. */
function receivedDates(rng: Rng, year: number, n: number, today: string): string[] {
  return Array.from({ length: n }, () => dayIn(rng, year, today)).sort();
}

const reconsideration: Gen = (rng, year, n, today) =>
  receivedDates(rng, year, n, today).map((receivedOn, i) => {
    const applicantType = rng.weighted(PARTY_TYPES);
    const d = rng.chance(0.85) ? dept(rng) : ([`${COUNTY}${rng.pick(TOWNS)}人民政府`, '其他', '乡'] as const);
    const age = daysBetween(receivedOn, today);
    const stuck = age > 70 && age < 200 && rng.chance(0.12); // left open past its deadline: the board shows it
    const intake =
      age < 6 && rng.chance(0.6)
        ? rng.pick(['审查中', '补正中'] as const)
        : rng.weighted([
            ['受理', 88],
            ['不予受理', 6],
            ['受理前撤回', 3],
            ['视为放弃', 1],
          ] as const);
    const acceptedOn = intake === '受理' ? later(receivedOn, rng.int(1, 7), today) : null;
    const procedure = acceptedOn ? (rng.chance(0.15) ? '简易程序' : '普通程序') : null;
    const extended = procedure === '普通程序' && rng.chance(0.15);
    const suspendedDays = acceptedOn && rng.chance(0.05) ? rng.int(10, 60) : null;
    const limit = (procedure === '简易程序' ? 30 : 60) + (extended ? 30 : 0) + (suspendedDays ?? 0);
    const closedOn = acceptedOn && !stuck ? later(acceptedOn, rng.int(Math.floor(limit * 0.3), limit - 1), today) : null;
    const disposition = closedOn
      ? rng.weighted([
          ['维持', 45],
          ['驳回复议请求', 15],
          ['驳回申请', 5],
          ['变更', 1],
          ['撤销', 6],
          ['确认违法', 4],
          ['确认无效', 0.5],
          ['责令履行', 1.5],
          ['调解', 6],
          ['终止(撤回)', 14],
          ['终止(其他)', 2],
        ] as const)
      : null;
    const settled = disposition === '调解' || disposition === '终止(撤回)';
    return {
      caseNo: `（${year}）${ABBR}复字第${i + 1}号`,
      receivedOn,
      channel: rng.weighted([
        ['书面', 70],
        ['网上', 20],
        ['邮寄', 8],
        ['口头', 2],
      ] as const),
      applicant: party(rng, applicantType),
      applicantType,
      respondent: d[0],
      respondentType:
        d[1] === '其他'
          ? '乡镇(街道)'
          : rng.weighted([
              ['政府部门', 90],
              ['派出机构', 6],
              ['法律法规授权组织', 4],
            ] as const),
      field: d[1] === '其他' ? '其他' : d[1],
      actType: rng.weighted(ACT_TYPES),
      mandatory: rng.chance(0.05),
      attachedReview: rng.chance(0.03),
      compensation: rng.chance(0.08),
      intake,
      acceptedOn,
      procedure,
      hearing: acceptedOn ? rng.chance(0.1) : null,
      committee: acceptedOn ? rng.chance(0.08) : null,
      suspendedDays,
      extended: procedure ? extended : null,
      closedOn,
      disposition,
      selfCorrected: disposition === '终止(撤回)' ? rng.chance(0.4) : null,
      published: closedOn ? rng.chance(0.9) : null,
      opinionLetter: closedOn ? rng.chance(0.08) : null,
      sued: closedOn && !settled ? rng.chance(0.15) : null,
      handler: handlers(rng),
      note: stuck ? '等待被申请人补充证据' : null,
    };
  });

const litigation: Gen = (rng, year, n, today) =>
  receivedDates(rng, year, n, today).map((receivedOn, i) => {
    const instance = rng.weighted([
      ['一审', 75],
      ['二审', 20],
      ['再审', 5],
    ] as const);
    const plaintiffType = rng.weighted(PARTY_TYPES);
    const defendantType = rng.weighted([
      ['本级人民政府', 30],
      ['政府部门', 55],
      ['乡镇(街道)', 15],
    ] as const);
    const defendant =
      defendantType === '本级人民政府' ? `${COUNTY}人民政府` : defendantType === '乡镇(街道)' ? `${COUNTY}${rng.pick(TOWNS)}人民政府` : dept(rng)[0];
    const age = daysBetween(receivedOn, today);
    const answeredOn = age > 25 || rng.chance(0.5) ? later(receivedOn, rng.int(5, 14), today) : null;
    const hearings =
      age < 40
        ? 0
        : rng.weighted([
            [0, 10],
            [1, 70],
            [2, 17],
            [3, 3],
          ] as const);
    const headPresent = rng.chance(0.88);
    const closedOn = later(receivedOn, rng.int(60, 300), today);
    const closure = closedOn
      ? rng.weighted([
          ['判决', 55],
          ['裁定驳回起诉', 20],
          ['准予撤诉', 18],
          ['按撤诉处理', 4],
          ['调解', 3],
        ] as const)
      : null;
    const judgment =
      closure === '判决'
        ? rng.weighted([
            ['驳回诉讼请求', 86],
            ['撤销', 6],
            ['部分撤销', 1],
            ['确认违法', 4],
            ['责令履行', 1.5],
            ['变更', 0.5],
            ['给付', 0.5],
            ['赔偿补偿', 0.5],
          ] as const)
        : null;
    const code = instance === '一审' ? '行初' : instance === '二审' ? '行终' : '行申';
    return {
      caseNo: `（${year}）${PROV}${instance === '一审' ? COURT_CODE : '05'}${code}${i + 1}号`,
      instance,
      priorCaseNo:
        instance === '一审'
          ? rng.chance(0.3)
            ? `（${year}）${ABBR}复字第${rng.int(1, 120)}号`
            : null
          : `（${year - rng.int(0, 1)}）${PROV}${COURT_CODE}行初${rng.int(1, 80)}号`,
      receivedOn,
      court: instance === '一审' ? `${COUNTY}人民法院` : instance === '二审' ? '某市中级人民法院' : '某省高级人民法院',
      plaintiff: party(rng, plaintiffType),
      plaintiffType,
      defendant,
      defendantType,
      coDefendant: rng.chance(0.2),
      actType: rng.weighted(ACT_TYPES),
      field: dept(rng)[1],
      answeredOn,
      hearings,
      headHearings: hearings && headPresent ? hearings : hearings ? 0 : null,
      headName: hearings && headPresent ? `${person(rng)}（${rng.pick(DUTIES)}）` : null,
      absenceReason: hearings && !headPresent ? rng.pick(['公务冲突，委托工作人员出庭', '外出参加会议', '身体原因']) : null,
      closedOn: closure ? closedOn : null,
      closure,
      judgment,
      withdrawnAfterChange: closure === '准予撤诉' ? rng.chance(0.3) : null,
      appealed: closure === '判决' ? rng.chance(0.25) : null,
      judicialSuggestion: rng.chance(0.02),
      procuratorSuggestion: rng.chance(0.01),
      handler: handlers(rng),
      note: null,
    };
  });

const VETOES = ['主体不合法', '无执法资格', '事实不清', '证据不足', '定性错误', '适用法律错误', '程序违法', '执法人员少于2人', '应移送未移送'] as const;
const ISSUES = [
  '告知书未载明陈述申辩期限',
  '送达回证填写不完整',
  '证据未编号',
  '现场笔录无当事人签名',
  '裁量说明理由不充分',
  '卷内目录不全',
  '法律条款引用不完整',
  '审批表签署日期倒置',
];

const casefile: Gen = (rng, year, n, today) => {
  // three batches a year: spring self-check, summer cross review, autumn spot check
  const batches = (
    [
      [`${year}-05-10`, '自查'],
      [`${year}-08-20`, '交叉评查'],
      [`${year}-11-05`, '抽查'],
    ] as const
  ).filter(([d]) => d <= today);
  if (!batches.length) return [];
  return Array.from({ length: n }, (_, i) => {
    const [start, mode] = batches[i % batches.length];
    const reviewedOn = minDate(addDays(start, rng.int(0, 20)), today);
    const d = dept(rng);
    const fileType = rng.weighted([
      ['行政处罚', 60],
      ['行政许可', 15],
      ['行政检查', 10],
      ['行政强制', 8],
      ['行政征收', 2],
      ['其他', 5],
    ] as const);
    const vetoes = rng.chance(0.04) ? [rng.pick(VETOES), ...(rng.chance(0.2) ? [rng.pick(VETOES)] : [])] : [];
    const band = rng.next();
    const total = band < 0.15 ? rng.int(90, 98) : band < 0.97 ? rng.int(62, 89) : rng.int(45, 59);
    const formScore = Math.min(20, Math.max(0, Math.round(total * 0.2) + rng.int(-2, 1)));
    const contentScore = Math.min(80, total - formScore);
    const issues = total >= 90 ? rng.int(0, 1) : total >= 60 ? rng.int(1, 5) : rng.int(4, 8);
    const rectifyBy = issues ? addDays(reviewedOn, 30) : null;
    const closedOn = addDays(reviewedOn, -rng.int(30, 300));
    return {
      batch: `${year}年第${(i % batches.length) + 1}批`,
      mode: (mode as string) === '自查' ? '自查' : rng.chance(0.8) ? mode : '专项评查',
      unit: d[0],
      field: d[1],
      fileType,
      caseNo: `${ABBR}${d[2]}${fileType === '行政许可' ? '许' : fileType === '行政处罚' ? '罚' : '决'}〔${closedOn.slice(0, 4)}〕${rng.int(1, 400)}号`,
      party: rng.chance(0.5) ? person(rng) : company(rng),
      closedOn,
      reviewedOn,
      reviewer: `${person(rng)}、${person(rng)}`,
      vetoes: [...new Set(vetoes)],
      formScore,
      contentScore,
      model: total >= 90 && !vetoes.length ? rng.chance(0.3) : false,
      issues,
      issueSummary: issues
        ? Array.from({ length: Math.min(issues, 3) }, () => rng.pick(ISSUES))
            .filter((x, k, a) => a.indexOf(x) === k)
            .join('；')
        : null,
      rectifyBy,
      // most rectify in time; a few of the latest batch have not yet, and one in a hundred never did
      rectifiedOn: rectifyBy && (daysBetween(rectifyBy, today) > 45 ? rng.chance(0.99) : rng.chance(0.6)) ? later(reviewedOn, rng.int(7, 40), today) : null,
      handler: handlers(rng),
      note: null,
    };
  });
};

const GENERATORS: Record<LedgerKind, Gen> = { normative, decision, contract, reconsideration, litigation, casefile };

function indicatorValue(rng: Rng, name: string, scale: number): number {
  const base: Record<string, [number, number]> = {
    常务会议学法次数: [4, 12],
    领导干部法治培训人次: [150, 400],
    执法人员培训人次: [300, 900],
    持证执法人员数: [400, 700],
    新增执法证件数: [20, 80],
    法律顾问人数: [10, 30],
    公职律师人数: [5, 25],
    政府信息主动公开条数: [2000, 6000],
    依申请公开件数: [40, 200],
    人大代表建议件数: [80, 200],
    政协委员提案件数: [100, 250],
    法治督察次数: [2, 8],
    普法活动场次: [150, 500],
    行政执法案件数: [1500, 5000],
    '罚没款(万元)': [300, 2000],
  };
  const [lo, hi] = base[name] ?? [1, 100];
  const v = lo + rng.next() * (hi - lo);
  const scaled = /次数|人数/.test(name) && !/人次/.test(name) ? v : v * Math.max(1, scale);
  return name === '罚没款(万元)' ? Math.round(scaled * 100) / 100 : Math.round(scaled);
}

function materials(year: number): [string, string][] {
  return BUILTIN_MATERIALS.map((name): [string, string] => {
    switch (name) {
      case '工作亮点':
        return [name, `${year}年，${COUNTY}推行行政复议“一站式”受理，在各乡镇设立复议咨询点；行政机关负责人出庭应诉实现常态化。`];
      case '存在的不足和原因':
        return [name, '一是基层执法人员法治素养有待提高；二是部分行政执法案卷制作不够规范；三是规范性文件清理还不够及时。'];
      case '第一责任人履职情况':
        return [name, `县政府主要负责人${year}年主持召开常务会议专题学法，听取法治政府建设工作汇报，带头出庭应诉。`];
      case '下一年度工作安排':
        return [name, `${year + 1}年将继续深化行政执法“三项制度”，加强行政复议规范化建设，开展规范性文件全面清理。`];
      default:
        return [name, ''];
    }
  }).filter(([, c]) => c);
}

// ---------------------------------------------------------------------------------------------------------------

/** Fill `core` with synthetic data. Stops at the first row the app's validation refuses (a bug in the generator). */
export async function seedCore(core: Core, opts: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const [y0, y1] = opts.years;
  const today = opts.today ?? `${y1}-12-20`;
  const rows = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<LedgerKind, number>;
  for (let year = y0; year <= y1; year++) {
    if (`${year}-01-01` > today) break;
    for (const kind of KINDS) {
      const rng = new Rng(`fazhi-seed|${kind}|${year}|${opts.scale}|${today}`);
      const n = Math.round(PER_YEAR[kind] * opts.scale);
      const batch = GENERATORS[kind](rng, year, n, today).map((values, i) => ({ line: i + 2, values }));
      const r = importRecords(core, kind, batch, [], { source: `模拟数据 ${year}`, newId: () => rng.uuid(), undoable: false });
      if (r.errors.length) {
        throw new Error(
          `模拟数据未通过校验（${kind} ${year}）：${r.errors
            .slice(0, 5)
            .map((e) => `第${e.line}行 ${e.field ?? ''}：${e.message}`)
            .join('；')}`,
        );
      }
      rows[kind] += r.inserted;
    }
    const rng = new Rng(`fazhi-seed|yearly|${year}|${opts.scale}`);
    const ind = BUILTIN_INDICATORS.map((name) => ({ 年度: year, 指标: name, 数值: indicatorValue(rng, name, opts.scale) }));
    const mat = materials(year).map(([name, content]) => ({ 年度: year, 名称: name, 内容: content }));
    for (const [kind, data] of [
      ['indicator', ind],
      ['material', mat],
    ] as const) {
      const r = await importFile(core, kind, `${kind}.json`, Buffer.from(JSON.stringify(data)), {});
      if (r.errors.length) throw new Error(`模拟数据未通过校验（${kind} ${year}）：${r.errors.join('；')}`);
    }
    opts.log?.(`${year} 年：已写入 ${KINDS.map((k) => rows[k]).reduce((a, b) => a + b, 0)} 条（累计）`);
  }
  return { rows, total: Object.values(rows).reduce((a, b) => a + b, 0), today, ms: performance.now() - t0 };
}

/** Create `file` (it must not exist) and fill it. Timestamps are “as of” today, so the file is reproducible. */
export async function seedDatabase(file: string, opts: SeedOptions): Promise<SeedResult> {
  if (fs.existsSync(file)) throw new Error(`数据文件已存在：${file}（模拟数据只写入新文件；加 --force 先删除它）`);
  const today = opts.today ?? `${opts.years[1]}-12-20`;
  const core = await openCore(file, { create: true, actor: '模拟数据', now: () => new Date(`${today}T09:00:00+08:00`) });
  try {
    return await seedCore(core, { ...opts, today });
  } finally {
    core.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      years: { type: 'string', default: '2019-2025' },
      scale: { type: 'string', default: '1' },
      today: { type: 'string' },
      force: { type: 'boolean', default: false },
      city: { type: 'string' },
      counties: { type: 'string', default: '20' },
      units: { type: 'string', default: '40' },
    },
  });
  if (o.city) {
    // issue 20: a city of counties × units, each unit's years as one 数据包 (scripts/seed-city.ts)
    const y = /^(\d{4})-(\d{4})$/.exec(o.years === '2019-2025' ? '2016-2025' : (o.years ?? ''));
    const scale = o.scale === '1' ? 0.02 : Number(o.scale);
    if (!y || !(scale > 0) || !(Number(o.counties) > 0) || !(Number(o.units) > 0)) {
      console.error('用法：npm run seed -- --city <文件夹> [--counties 20] [--units 40] [--years 2016-2025] [--scale 0.02]');
      return 2;
    }
    const { seedCity } = await import('./seed-city');
    const r = await seedCity(path.resolve(o.city), {
      seed: seedDatabase,
      counties: Number(o.counties),
      units: Number(o.units),
      years: [Number(y[1]), Number(y[2])],
      scale,
      log: (s) => console.error(s),
    });
    console.error(`已生成模拟的市：${r.city}，${r.packages.length} 个数据包，用时 ${(r.ms / 1000).toFixed(1)} 秒`);
    return 0;
  }
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(o.years ?? '');
  const scale = Number(o.scale);
  if (!o.db || !m || !(scale > 0) || (o.today && !/^\d{4}-\d{2}-\d{2}$/.test(o.today))) {
    console.error('用法：npm run seed -- --db <数据文件> [--years 2019-2025] [--scale 1] [--today YYYY-MM-DD] [--force]');
    return 2;
  }
  const years: [number, number] = [Number(m[1]), Number(m[2] ?? m[1])];
  const file = path.resolve(o.db);
  if (o.force) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const r = await seedDatabase(file, { years, scale, today: o.today, log: (s) => console.error(s) });
  console.error(
    `已生成 ${r.total} 条模拟数据（${Object.entries(r.rows)
      .map(([k, n]) => `${k} ${n}`)
      .join('，')}），截至 ${r.today}，用时 ${(r.ms / 1000).toFixed(1)} 秒：${file}`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
