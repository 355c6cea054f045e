// A clerk's first day (issue 14), with the keyboard only: Ctrl+N opens the form, every field of a whole
// 行政复议 case is typed (dates as 2025/3/5, 2025年3月5日, 20250305; selects by typing a few characters and
// Enter; yes/no by Y/N; the 案号 suggested by the ledger's numbering taken with Enter), Ctrl+S saves, and the
// record read back through the API carries every value; then one record of each other ledger the same way.
// Tab stops only on fields, in visual order (no clear buttons); unreadable dates are kept and flagged; the
// 涉企 default shows as the 申请人类型 is chosen; screens of the filled form at 1366×768 and 1920×1080.
import type { Page } from '@playwright/test';
import type { FieldDef, LedgerKind } from '../../electron/domain/fields';
import { LEDGERS } from '../../electron/domain/ledgers';
import { call, englishWords, expect, screen, test } from './fixtures';

// a whole case is some 30 fields typed key by key: more than the default minute on a loaded machine
test.describe.configure({ timeout: 180_000 });

const SECTIONS = ['基本信息', '办理过程', '结果'] as const;
const drawer = (page: Page) => page.locator('.ant-drawer-open').last();

/** What to do in one field: the keys typed, and the stored value expected back. */
type Entry =
  | { type: string; then?: 'Tab' | 'Enter'; want: unknown } // type text, leave with Tab (default) or Enter
  | { pick: string; want: string } // a select: type to filter, Enter picks and moves on
  | { picks: string[]; want: string[] } // a multi-select: each filter + Enter, then Tab
  | { yes: boolean } // Y or N, then Tab
  | { suggested: true }; // Enter on the empty 案号 takes the suggested number

/** the fields with an input, in the order the form shows them */
function formFields(kind: LedgerKind): FieldDef[] {
  const fs = LEDGERS[kind].fields.filter((f) => f.derived !== 'always');
  return SECTIONS.flatMap((s) => fs.filter((f) => f.section === s));
}

/** the field (data-field-input) or the button that has the focus */
const focusedStop = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const field = el?.closest('[data-field-input]');
    if (field) return `field:${field.getAttribute('data-field-input')}`;
    return `${el?.tagName.toLowerCase()}:${(el?.textContent ?? el?.getAttribute('aria-label') ?? '').trim()}`;
  });

async function expectFocusIn(page: Page, key: string) {
  await expect.poll(() => focusedStop(page), { message: `焦点应在“${key}”` }).toBe(`field:${key}`);
}

/** Type the whole record with the keyboard; returns the values expected back. */
async function typeRecord(page: Page, kind: LedgerKind, entries: Record<string, Entry>): Promise<Record<string, unknown>> {
  const want: Record<string, unknown> = {};
  const kb = page.keyboard;
  for (const f of formFields(kind)) {
    await expectFocusIn(page, f.key);
    const e = entries[f.key];
    if (!e) {
      await kb.press('Tab');
      continue;
    }
    if ('suggested' in e) {
      await kb.press('Enter');
    } else if ('pick' in e) {
      await kb.type(e.pick);
      await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')).toHaveCount(1);
      await kb.press('Enter');
      want[f.key] = e.want;
    } else if ('picks' in e) {
      for (const p of e.picks) {
        await kb.type(p);
        await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')).toContainText(p);
        await kb.press('Enter');
      }
      await kb.press('Tab');
      want[f.key] = e.want;
    } else if ('yes' in e) {
      await kb.press(e.yes ? 'y' : 'n');
      await kb.press('Tab');
      want[f.key] = e.yes;
    } else {
      await kb.type(e.type);
      if (f.type === 'date' && e.want !== e.type) {
        // the date read from the text shows at once
        await expect(drawer(page).getByTestId(`field-${f.key}`).getByTestId('date-parsed')).toHaveText(String(e.want));
      }
      await kb.press(e.then ?? 'Tab');
      want[f.key] = e.want;
    }
  }
  return want;
}

type Rec = { id: string; values: Record<string, unknown> };

async function savedRecord(page: Page, server: Parameters<typeof call>[0], kind: LedgerKind, q: string): Promise<Rec> {
  await expect(drawer(page)).toHaveCount(0);
  const r = await call<{ rows: Rec[]; total: number }>(server, 'ledger.list', { kind, q });
  expect(r.total, `应能按“${q}”找到刚保存的记录`).toBe(1);
  return r.rows[0];
}

async function openNewForm(page: Page, open: (h?: string) => Promise<void>, kind: LedgerKind) {
  await open(`#/ledger/${kind}`);
  await expect(page.getByTestId(`ledger-${kind}`)).toBeVisible();
  await page.keyboard.press('Control+n');
  await expect(drawer(page).getByTestId('drawer-title')).toContainText(`新增${LEDGERS[kind].shortName}记录`);
}

const stamp = () => String(Date.now()).slice(-6);

test('行政复议：只用键盘录入一整件案件，逐项与接口读回的值相同；Tab 只在字段间按顺序移动', async ({ page, server, open }) => {
  const tag = `键盘复议${stamp()}`;
  await openNewForm(page, open, 'reconsideration');
  const d = drawer(page);
  const suggested = (await call<{ caseNo: string | null }>(server, 'ledger.nextCaseNo', { kind: 'reconsideration', date: '2025-03-05' })).caseNo;
  expect(suggested).toMatch(/2025/);

  const want = await typeRecord(page, 'reconsideration', {
    caseNo: { suggested: true },
    receivedOn: { type: '2025/3/5', then: 'Enter', want: '2025-03-05' },
    channel: { pick: '书', want: '书面' },
    applicant: { type: tag, want: tag },
    // 法 matches 法人 and 非法人组织: the option that starts with it comes first
    applicantType: { pick: '法', want: '法人' },
    enterprise: { yes: false },
    respondent: { type: '县键盘测试局', want: '县键盘测试局' },
    respondentType: { pick: '乡镇', want: '乡镇(街道)' },
    field: { type: '公安', want: '公安' },
    actType: { pick: '行政处', want: '行政处罚' },
    mandatory: { yes: true },
    attachedReview: { yes: false },
    compensation: { yes: true },
    intake: { pick: '受理', want: '受理' },
    acceptedOn: { type: '2025年3月10日', then: 'Enter', want: '2025-03-10' },
    procedure: { pick: '普通', want: '普通程序' },
    hearing: { yes: true },
    committee: { yes: false },
    suspendedDays: { type: '3', want: 3 },
    extended: { yes: true },
    closedOn: { type: '20250520', then: 'Enter', want: '2025-05-20' },
    disposition: { pick: '撤销', want: '撤销' },
    selfCorrected: { yes: false },
    published: { yes: true },
    opinionLetter: { yes: false },
    sued: { yes: true },
    handler: { type: '键盘王五', want: '键盘王五' },
    note: { type: '全程键盘录入', want: '全程键盘录入' },
  });
  // the suggested 案号 follows the year of the date typed after it
  await expect(d.locator('#field-input-caseNo')).toHaveValue(suggested!);
  want.caseNo = suggested;
  // derived deadlines are shown as the dates are typed
  await expect(d.getByTestId('derived-intakeDueOn')).toContainText('2025-03-12');

  // Tab goes from field to field in visual order, then to the buttons: never to a clear (×) button
  await d.locator('#field-input-caseNo').focus();
  await screen(page, 'keyboard-form-top');
  await d.locator('#field-input-hearing input').first().focus();
  await screen(page, 'keyboard-form-middle');
  await d.locator('#field-input-caseNo').focus();
  const stops: string[] = [];
  const boxes: { x: number; y: number }[] = [];
  for (let i = 0; i < formFields('reconsideration').length + 3; i++) {
    stops.push(await focusedStop(page));
    boxes.push(
      await page.evaluate(() => {
        const el = document.activeElement!;
        const body = el.closest('.ant-drawer-body');
        const r = (el.closest('[data-field-input]') ?? el).getBoundingClientRect();
        return { x: r.x, y: r.y + (body?.scrollTop ?? 0) };
      }),
    );
    await page.keyboard.press('Tab');
  }
  expect(stops).toEqual([...formFields('reconsideration').map((f) => `field:${f.key}`), 'button:取 消', 'button:保存并继续新增', 'button:保存（Ctrl+S）']);
  // visual order: each field is right of the one before on its row, or on a lower row (the drawer scrolls, so
  // positions are taken within its scrolling body)
  const n = formFields('reconsideration').length;
  for (let i = 1; i < n; i++) {
    const [a, b] = [boxes[i - 1], boxes[i]];
    expect(b.y > a.y + 4 || (Math.abs(b.y - a.y) <= 4 && b.x > a.x), `${stops[i - 1]} → ${stops[i]}`).toBe(true);
  }
  expect(await page.evaluate(() => document.querySelectorAll('[data-keyboard-form] .ant-select-clear').length)).toBeGreaterThan(0);
  expect(
    await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-keyboard-form] .ant-select-clear')].every(
        (b) => b.tabIndex === -1 && b.getAttribute('aria-label') === '清除',
      ),
    ),
  ).toBe(true);
  expect(await englishWords(page)).toEqual([]);

  await screen(page, 'keyboard-form-reconsideration');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screen(page, 'keyboard-form-reconsideration');
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.keyboard.press('Control+s');
  const rec = await savedRecord(page, server, 'reconsideration', tag);
  for (const [k, v] of Object.entries(want)) expect(rec.values[k], k).toEqual(v);
  // the fields left alone are derived
  expect(rec.values.intakeDueOn).toBe('2025-03-12');
});

test('日期：各种写法即时显示读出的日期，读不出的保留并标红，不能保存', async ({ page, open }) => {
  await openNewForm(page, open, 'decision');
  const d = drawer(page);
  const input = d.locator('#field-input-receivedOn');
  // every problem shown at its field, none covering the field below
  await page.keyboard.press('Control+s');
  await expect(d.getByTestId('save-error')).toBeVisible();
  await screen(page, 'keyboard-form-errors');
  // each message (and note) ends clear above the next field's label in its column
  const gaps = await page.evaluate(() => {
    const labels = [...document.querySelectorAll('[data-keyboard-form] .ant-form-item-label')].map((l) => l.getBoundingClientRect());
    return [...document.querySelectorAll('[data-keyboard-form] .ant-form-item-explain > div, [data-keyboard-form] .ant-form-item-extra')].map((m) => {
      const r = m.getBoundingClientRect();
      const below = labels.filter((l) => l.top >= r.top && l.left < r.right && l.right > r.left).map((l) => l.top - r.bottom);
      return { text: m.textContent, gap: below.length ? Math.min(...below) : 99 };
    });
  });
  expect(gaps.length).toBeGreaterThan(3);
  for (const g of gaps) expect(g.gap, `“${g.text}”与下一个字段的距离`).toBeGreaterThanOrEqual(4);
  for (const [typed, iso] of [
    ['2025/3/5', '2025-03-05'],
    ['2025年3月5日', '2025-03-05'],
    ['2025.3.5', '2025-03-05'],
    ['2025-3-5', '2025-03-05'],
    ['20250305', '2025-03-05'],
    ['２０２５年３月５日', '2025-03-05'],
  ]) {
    await input.fill(typed);
    await expect(d.getByTestId('field-receivedOn').getByTestId('date-parsed')).toHaveText(iso);
    // the deadline derived from it shows at once too
    await expect(d.getByTestId('derived-dueOn')).toContainText('2025-03');
  }
  await input.fill('2025年13月5日');
  await expect(d.getByTestId('field-receivedOn').getByTestId('date-unreadable')).toHaveText('无法识别');
  await expect(d.getByTestId('field-receivedOn')).toContainText('不是有效日期');
  await expect(input).toHaveValue('2025年13月5日');
  await d.locator('#field-input-title').fill('日期测试');
  await d.locator('#field-input-sponsor').fill('县日期局');
  await expect(input).toHaveValue('2025年13月5日');
  await page.keyboard.press('Control+s');
  await expect(d.getByTestId('save-error')).toContainText('送审日期“2025年13月5日”不是有效日期');
  // corrected on the spot; leaving the field writes the date in the stored form
  await input.fill('2025.3.5');
  await input.press('Enter');
  await expect(input).toHaveValue('2025-03-05');
});

test('行政应诉：涉企随原告类型即时显示；键盘录入一件并逐项核对', async ({ page, server, open }) => {
  const tag = `键盘应诉${stamp()}`;
  await openNewForm(page, open, 'litigation');
  const d = drawer(page);
  await expect(d.getByTestId('derived-enterprise')).toHaveCount(0);
  const caseNo = `（2025）键盘0102行初${stamp()}号`;
  const want = await typeRecord(page, 'litigation', {
    caseNo: { type: caseNo, want: caseNo },
    instance: { pick: '一', want: '一审' },
    priorCaseNo: { type: '清复字〔2024〕40号', want: '清复字〔2024〕40号' },
    receivedOn: { type: '2025年4月1日', then: 'Enter', want: '2025-04-01' },
    court: { type: '某县人民法院', want: '某县人民法院' },
    plaintiff: { type: tag, want: tag },
    plaintiffType: { pick: '个体', want: '个体工商户' },
    // enterprise: left alone, the default (是 for 个体工商户) is shown live and stored
    defendant: { type: '县键盘局', want: '县键盘局' },
    defendantType: { pick: '政府', want: '政府部门' },
    coDefendant: { yes: false },
    actType: { pick: '行政许', want: '行政许可' },
    field: { type: '市场监管', want: '市场监管' },
    answeredOn: { type: '2025/4/10', then: 'Enter', want: '2025-04-10' },
    hearings: { type: '2', want: 2 },
    headHearings: { type: '1', want: 1 },
    headName: { type: '李局长 副局长', want: '李局长 副局长' },
    absenceReason: { type: '公务冲突', want: '公务冲突' },
    closedOn: { type: '20250615', then: 'Enter', want: '2025-06-15' },
    closure: { pick: '判决', want: '判决' },
    judgment: { pick: '驳回', want: '驳回诉讼请求' },
    withdrawnAfterChange: { yes: false },
    appealed: { yes: true },
    judicialSuggestion: { yes: false },
    procuratorSuggestion: { yes: true },
    handler: { type: '键盘赵六', want: '键盘赵六' },
    note: { type: '键盘录入', want: '键盘录入' },
  });
  await expect(d.getByTestId('derived-enterprise')).toContainText('未填时自动为：是');
  await page.keyboard.press('Control+s');
  const rec = await savedRecord(page, server, 'litigation', tag);
  for (const [k, v] of Object.entries(want)) expect(rec.values[k], k).toEqual(v);
  expect(rec.values.enterprise).toBe(true);
  expect(rec.values.lost).toBe(false);
});

const OTHERS: { kind: LedgerKind; entries: (tag: string) => Record<string, Entry> }[] = [
  {
    kind: 'normative',
    entries: (tag) => ({
      reviewType: { pick: '合法', want: '合法性审核' },
      serialNo: { type: '规审〔2025〕7号', want: '规审〔2025〕7号' },
      title: { type: `${tag}管理办法`, want: `${tag}管理办法` },
      drafter: { type: '县键盘局', want: '县键盘局' },
      level: { pick: '部门', want: '部门规范性文件' },
      receivedOn: { type: '2025.3.5', then: 'Enter', want: '2025-03-05' },
      completedOn: { type: '2025-3-20', then: 'Enter', want: '2025-03-20' },
      publicComment: { yes: true },
      fairCompetition: { yes: true },
      conclusion: { pick: '修改', want: '修改后同意' },
      opinions: { type: '5', want: 5 },
      adopted: { type: '4', want: 4 },
      regNo: { type: '登2025-3', want: '登2025-3' },
      docNo: { type: '政办规〔2025〕3号', want: '政办规〔2025〕3号' },
      publishedOn: { type: '2025年4月1日', then: 'Enter', want: '2025-04-01' },
      effectiveOn: { type: '20250501', then: 'Enter', want: '2025-05-01' },
      filedGovOn: { type: '2025/4/15', then: 'Enter', want: '2025-04-15' },
      filedCongressOn: { type: '2025/4/16', then: 'Enter', want: '2025-04-16' },
      status: { pick: '有效', want: '有效' },
      cleanupType: { pick: '定期', want: '定期清理' },
      cleanupOn: { type: '2025/12/1', then: 'Enter', want: '2025-12-01' },
      handler: { type: '键盘甲', want: '键盘甲' },
      note: { type: '键盘录入', want: '键盘录入' },
    }),
  },
  {
    kind: 'decision',
    entries: (tag) => ({
      title: { type: `${tag}规划`, want: `${tag}规划` },
      sponsor: { type: '县发改局', want: '县发改局' },
      category: { pick: '发展', want: '发展规划' },
      inCatalog: { yes: true },
      receivedOn: { type: '2025/6/3', then: 'Enter', want: '2025-06-03' },
      completedOn: { type: '2025年6月9日', then: 'Enter', want: '2025-06-09' },
      publicParticipation: { yes: true },
      commentDays: { type: '30', want: 30 },
      expertReview: { yes: true },
      riskAssessment: { yes: false },
      hearing: { yes: false },
      conclusion: { pick: '修改后', want: '修改后合法' },
      opinions: { type: '6', want: 6 },
      discussedOn: { type: '20250620', then: 'Enter', want: '2025-06-20' },
      outcome: { pick: '通过', want: '通过' },
      publishedOn: { type: '2025-7-1', then: 'Enter', want: '2025-07-01' },
      postEvaluation: { yes: false },
      handler: { type: '键盘乙', want: '键盘乙' },
      note: { type: '键盘录入', want: '键盘录入' },
    }),
  },
  {
    kind: 'contract',
    entries: (tag) => ({
      title: { type: `${tag}采购合同`, want: `${tag}采购合同` },
      submitter: { type: '县财政局', want: '县财政局' },
      counterparty: { type: '某某有限公司', want: '某某有限公司' },
      contractType: { pick: '政府采', want: '政府采购' },
      administrative: { yes: false },
      amount: { type: '125.5', want: 125.5 },
      inGovName: { yes: false },
      receivedOn: { type: '2025/8/4', then: 'Enter', want: '2025-08-04' },
      completedOn: { type: '2025年8月8日', then: 'Enter', want: '2025-08-08' },
      conclusion: { pick: '同意', want: '同意' },
      opinions: { type: '3', want: 3 },
      adopted: { type: '3', want: 3 },
      signedOn: { type: '20250815', then: 'Enter', want: '2025-08-15' },
      filedOn: { type: '2025.8.20', then: 'Enter', want: '2025-08-20' },
      performance: { pick: '履行中', want: '履行中' },
      handler: { type: '键盘丙', want: '键盘丙' },
      note: { type: '键盘录入', want: '键盘录入' },
    }),
  },
  {
    kind: 'casefile',
    entries: (tag) => ({
      batch: { type: '2025年度行政执法案卷评查', want: '2025年度行政执法案卷评查' },
      mode: { pick: '交叉', want: '交叉评查' },
      unit: { type: `${tag}局`, want: `${tag}局` },
      field: { type: '市场监管', want: '市场监管' },
      fileType: { pick: '行政处罚', want: '行政处罚' },
      caseNo: { type: '市监罚〔2025〕8号', want: '市监罚〔2025〕8号' },
      party: { type: '某某商店', want: '某某商店' },
      closedOn: { type: '2025/5/6', then: 'Enter', want: '2025-05-06' },
      reviewedOn: { type: '2025年9月1日', then: 'Enter', want: '2025-09-01' },
      reviewer: { type: '键盘丁', want: '键盘丁' },
      vetoes: { picks: ['事实', '程序'], want: ['事实不清', '程序违法'] },
      formScore: { type: '18', want: 18 },
      contentScore: { type: '70.5', want: 70.5 },
      model: { yes: false },
      issues: { type: '2', want: 2 },
      issueSummary: { type: '证据不足', want: '证据不足' },
      rectifyBy: { type: '2025/10/1', then: 'Enter', want: '2025-10-01' },
      rectifiedOn: { type: '20250920', then: 'Enter', want: '2025-09-20' },
      handler: { type: '键盘戊', want: '键盘戊' },
      note: { type: '键盘录入', want: '键盘录入' },
    }),
  },
];

for (const o of OTHERS) {
  const def = LEDGERS[o.kind];
  test(`${def.shortName}：只用键盘录入一条，逐项与接口读回的值相同`, async ({ page, server, open }) => {
    const tag = `键盘${def.shortName}${stamp()}`;
    await openNewForm(page, open, o.kind);
    const want = await typeRecord(page, o.kind, o.entries(tag));
    await page.keyboard.press('Control+s');
    const rec = await savedRecord(page, server, o.kind, tag);
    for (const [k, v] of Object.entries(want)) expect(rec.values[k], k).toEqual(v);
  });
}

test('年度报告：成文日期按同样的写法读，即时显示；读不出的保留并标红，不能生成', async ({ page, open }) => {
  await open('#/report');
  await expect(page.getByTestId('report-paper')).toBeVisible();
  const input = page.locator('input[aria-label="成文日期"]');
  await input.fill('2026年2月5日');
  await expect(page.getByTestId('report-options').getByTestId('date-parsed')).toHaveText('2026-02-05');
  await expect(page.getByTestId('report-paper')).toContainText('2026年2月5日');
  await input.fill('20260306');
  await expect(page.getByTestId('report-paper')).toContainText('2026年3月6日');
  await input.fill('2026/13/1');
  await expect(page.getByTestId('report-date-error')).toBeVisible();
  await expect(input).toHaveValue('2026/13/1');
  await expect(page.getByTestId('report-generate')).toBeDisabled();
  await input.fill('');
  await expect(page.getByTestId('report-date-error')).toHaveCount(0);
  expect(await englishWords(page)).toEqual([]);
});

test('以前填过的被申请人、承办人作为建议：输入几个字即列出，↓ 和 Enter 选中并跳到下一个字段', async ({ page, server, open }) => {
  const s = stamp();
  const respondent = `县建议测试${s}局`;
  await call(server, 'ledger.create', {
    kind: 'reconsideration',
    values: { caseNo: `建议〔2025〕${s}号`, receivedOn: '2025-02-03', applicant: '甲', respondent, handler: `建议承办${s}` },
  });
  await openNewForm(page, open, 'reconsideration');
  const d = drawer(page);
  await d.locator('#field-input-respondent').focus();
  await page.keyboard.type(`建议测试${s}`.slice(0, 6));
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: respondent });
  await expect(option).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(d.locator('#field-input-respondent')).toHaveValue(respondent);
  await expectFocusIn(page, 'respondentType');
  await d.locator('#field-input-handler').focus();
  await page.keyboard.type('建议承办');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `建议承办${s}` })).toHaveCount(1);
  // Tab keeps what was typed rather than the suggestion
  await page.keyboard.press('Tab');
  await expect(d.locator('#field-input-handler')).toHaveValue('建议承办');
});
