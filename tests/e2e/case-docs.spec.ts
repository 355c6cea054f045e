// Issue 18, 文书: the 文书 tab of a 复议 case driven from the keyboard — a 行政复议决定书 generated (the downloaded
// .docx read back: 文号 and party names), a 送达 recorded in the dialog, the 送达回证 downloaded, the history
// saying both; the tab at 1366×768 and all in Chinese.
import fs from 'node:fs';
import JSZip from 'jszip';
import { call, englishWords, expect, screen, test } from './fixtures';

const docText = async (file: string) => {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n');
};

test('文书：用键盘生成决定书、登记送达、下载送达回证', async ({ page, open, server }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const before = (await call<{ values: Record<string, string> }>(server, 'settings.get', {})).values;
  await call(server, 'settings.update', { patch: { 单位名称: '清河县人民政府', '文书.机关代字': '清政' } });
  const rec = await call<{ id: string }>(server, 'ledger.create', {
    kind: 'reconsideration',
    values: {
      caseNo: '（2025）文书测试第27号',
      receivedOn: '2025-09-15',
      applicant: '张某某',
      applicantType: '自然人',
      respondent: '清河县市场监督管理局',
      intake: '受理',
      acceptedOn: '2025-09-22',
      procedure: '普通程序',
      actName: '行政处罚决定书',
      closedOn: '2025-11-10',
      disposition: '维持',
    },
  });
  await call(server, 'case.addParty', {
    kind: 'reconsideration',
    id: rec.id,
    party: { role: '申请人', partyType: '自然人', name: '张某某', gender: '女', birthDate: '1985-06-07' },
  });
  await call(server, 'case.addParty', {
    kind: 'reconsideration',
    id: rec.id,
    party: { role: '被申请人', partyType: '行政机关', name: '清河县市场监督管理局' },
  });
  try {
    await open(`#/ledger/reconsideration?id=${rec.id}`);
    const drawer = page.getByTestId('record-drawer');
    await expect(drawer).toContainText('（2025）文书测试第27号');
    // a party changed from the keyboard in 当事人 (its row's 修改 button, then Enter in the form)
    await drawer.getByRole('tab', { name: '当事人' }).click();
    const parties = drawer.getByTestId('case-parties');
    await parties.locator('tr', { hasText: '张某某' }).getByTestId('edit-party').focus();
    await page.keyboard.press('Enter');
    await expect(parties).toContainText('修改当事人“张某某”');
    await expect(parties.getByTestId('party-name')).toBeFocused();
    await parties.getByLabel('住址').fill('清河县城关镇幸福路 8 号');
    await parties.getByTestId('party-name').press('Enter');
    await expect(page.locator('.ant-message')).toContainText('已修改当事人“张某某”');
    await expect(parties).toContainText('添加当事人');

    // the tab, from the keyboard
    await drawer.getByRole('tab', { name: '详细信息' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const tab = drawer.getByTestId('case-docs');
    await expect(tab).toBeVisible();
    await expect(tab.getByTestId('doc-log')).toContainText('尚未生成文书');

    // the kind typed and chosen with Enter, then Tab from field to field; Enter in 签发人 generates
    const gen = tab.getByTestId('doc-generate');
    await gen.getByTestId('doc-kind').locator('input').fill('复议决定');
    await page.keyboard.press('Enter');
    await expect(gen.getByTestId('doc-input-查明事实')).toBeVisible();
    await gen.getByTestId('doc-signer').focus();
    await page.keyboard.type('王主任');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2025-11-10');
    await gen.getByTestId('doc-input-查明事实').focus();
    await page.keyboard.type('申请人经营的门店销售过期食品，事实清楚。');
    await gen.getByTestId('doc-signer').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('行政复议决定书（清政复决字〔2025〕27号）-（2025）文书测试第27号.docx');
    const text = await docText(await download.path());
    expect(text).toContain('清政复决字〔2025〕27号');
    expect(text).toContain('申请人：张某某，女，1985年6月7日出生，住清河县城关镇幸福路 8 号。');
    expect(text).toContain('被申请人：清河县市场监督管理局。');
    expect(text).toContain('经审理查明：申请人经营的门店销售过期食品，事实清楚。');
    expect(text).toContain('2025年11月10日');
    const row = tab.getByTestId('doc-log').locator('tr', { hasText: '清政复决字〔2025〕27号' });
    await expect(row).toContainText('王主任');
    await expect(row.getByTestId('doc-unserved')).toBeVisible();

    // 登记送达 by Enter on the row's button; the dialog opens on 受送达人, Enter in the date records it
    await row.getByTestId('doc-serve').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('serve-dialog');
    await expect(dialog.getByTestId('serve-recipient')).toBeFocused();
    await page.keyboard.type('张某某');
    await dialog.getByTestId('serve-on').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2025-11-12');
    await page.keyboard.press('Enter');
    await expect(row.getByTestId('doc-service')).toContainText('2025-11-12 直接送达张某某');

    // a bad date is refused in Chinese, nothing recorded
    await row.getByTestId('doc-serve').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('清河县市场监督管理局');
    await dialog.getByTestId('serve-on').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2025-11-01');
    await page.keyboard.press('Enter');
    await expect(page.locator('.ant-message')).toContainText('送达日期（2025-11-01）早于文书的签发日期（2025-11-10）');
    await page.keyboard.press('Escape');
    await expect(row.getByTestId('doc-service')).toHaveCount(1);

    // the 送达回证 by Enter
    await row.getByTestId('doc-receipt').focus();
    const [receipt] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(receipt.suggestedFilename()).toBe('送达回证-行政复议决定书（清政复决字〔2025〕27号）.docx');
    const rtext = await docText(await receipt.path());
    expect(rtext).toContain('送达文书：行政复议决定书');
    expect(rtext).toContain('2025年11月12日');

    await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
    expect(await englishWords(page)).toEqual([]);
    await screen(page, 'case-docs');

    // the template editor opens on the kind chosen, with its 文号 pattern and a preview filled from this case
    await tab.getByTestId('doc-edit-template').focus();
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('doc-template-editor');
    await expect(editor.getByTestId('doc-template-pattern')).toHaveValue('{代字}复决字〔{年}〕{号}号');
    await expect(editor.getByTestId('report-paper')).toContainText('申请人：张某某，女，1985年6月7日出生，住清河县城关镇幸福路 8 号。');
    await editor.getByTestId('doc-template-text').focus();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\n{{没有这个键}}');
    await expect(editor.getByTestId('doc-template-problems')).toContainText('未知的占位符“{{没有这个键}}”');
    await expect(editor.getByTestId('doc-template-save')).toBeDisabled();
    await screen(page, 'case-docs-template');
    // a wording of the office's own and another 文号 pattern, saved from the keyboard, used by the next 决定书
    const builtIn = (await call<{ builtIn: string }>(server, 'caseDocs.template', { docKind: '行政复议决定书' })).builtIn;
    await editor.getByTestId('doc-template-text').fill(`${builtIn}\n本决定书由{{单位名称}}作出。`);
    await expect(editor.getByTestId('doc-template-problems')).toHaveCount(0);
    await editor.getByTestId('doc-template-pattern').fill('{代字}行复决〔{年}〕第{号}号');
    await editor.getByTestId('doc-template-save').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.ant-message')).toContainText('已保存为第');
    await expect(editor.getByTestId('report-paper')).toContainText('本决定书由清河县人民政府作出。');
    await page.keyboard.press('Escape');
    await gen.getByTestId('doc-signer').focus();
    const [second] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(second.suggestedFilename()).toBe('行政复议决定书（清政行复决〔2025〕第27号）-（2025）文书测试第27号.docx');
    expect(await docText(await second.path())).toContain('本决定书由清河县人民政府作出。');
    await expect(tab.getByTestId('doc-log').locator('tr.ant-table-row')).toHaveCount(2);

    await drawer.getByRole('tab', { name: /修改记录/ }).click();
    await expect(drawer.getByTestId('record-history')).toContainText('生成行政复议决定书（清政复决字〔2025〕27号），签发人王主任');
    await expect(drawer.getByTestId('record-history')).toContainText('于 2025-11-12 直接送达张某某');
    // the board names the 文书 a case deadline calls for (the seed's overdue 复议 case: its 审理期限 → 决定书)
    await open('#/desk');
    await expect(page.locator('tr', { hasText: '审理期限' }).getByTestId('board-doc').first()).toHaveText('应发行政复议决定书');
  } finally {
    // the run's data file is shared: leave no case, template or settings behind
    const t = await call<{ version: number | null }>(server, 'caseDocs.template', { docKind: '行政复议决定书' });
    if (t.version !== null) await call(server, 'caseDocs.saveTemplate', { docKind: '行政复议决定书', text: null, noPattern: null, base: t.version });
    await call(server, 'settings.update', { patch: { 单位名称: before.单位名称 ?? '', '文书.机关代字': before['文书.机关代字'] ?? '' } });
    await call(server, 'ledger.delete', { kind: 'reconsideration', ids: [rec.id] });
    await call(server, 'ledger.purge', { kind: 'reconsideration', ids: [rec.id], confirm: '彻底删除' });
  }
});
