// 年度报告 in the browser against the seeded server: readiness, a preview that says what the API says, the two
// variants, generating and downloading the .docx (opened and read back), and a Word template from the user —
// one with a key the program does not know is refused before generating, a good one is filled.
import { Document, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { call, englishWords, expect, screen, test } from './fixtures';
import { THIS_YEAR } from './seed-data';

type Preview = { title: string; recipient: string; blocks: { kind: string; text: string }[] };

/** A .docx as Word writes one with a placeholder typed in two runs (formatting changed halfway). */
async function wordTemplate(key: string): Promise<Buffer> {
  const [a, b] = [key.slice(0, 4), key.slice(4)];
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            children: [new TextRun('全年收到复议申请'), new TextRun(`{{${a}`), new TextRun({ text: `${b}}}`, bold: true }), new TextRun('件。')],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

async function documentText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

test('准备情况、预览与 API 一致；切换版本；生成并下载 Word 文档', async ({ page, server, open }) => {
  // without the unit's name the readiness list says so first and nothing can be generated
  await call(server, 'settings.update', { patch: { 单位名称: '' } });
  await open('#/report');
  await expect(page.getByTestId('readiness-unit')).toContainText('尚未设置单位名称');
  await expect(page.getByTestId('report-generate')).toBeDisabled();
  await call(server, 'settings.update', { patch: { 单位名称: '某某县人民政府' } });
  await page.reload();
  await expect(page.getByTestId('readiness-unit')).toHaveCount(0);
  await expect(page.getByTestId('report-readiness')).toContainText(/报告素材|年度指标/);
  // 在办 is counted in cases, the same figure as the statistics, and links to the ledger's rows
  const ready = await call<{ openCases: { kind: string; count: number }[] }>(server, 'report.readiness', { year: THIS_YEAR });
  const stats0 = await call<{ values: Record<string, { value: number | null }> }>(server, 'stats.year', { year: THIS_YEAR });
  for (const c of ready.openCases) {
    expect(c.count).toBe(stats0.values[c.kind === 'reconsideration' ? '行政复议.在办数' : '行政应诉.在办数'].value);
    await expect(page.getByTestId('readiness-open').locator(`a[href^="#/ledger/${c.kind}?"]`)).toBeVisible();
  }
  const preview = await call<Preview>(server, 'report.preview', { year: THIS_YEAR, variant: 'formal' });
  const paper = page.getByTestId('report-paper');
  await expect(paper).toContainText(preview.title);
  for (const b of preview.blocks.filter((x) => x.kind === 'p').slice(0, 3)) await expect(paper).toContainText(b.text);
  if (preview.recipient) await expect(paper).toContainText(`${preview.recipient.replace(/[：:]+$/, '')}：`);
  await screen(page, 'report');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screen(page, 'report');
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.getByTestId('report-variant').getByText('网站公开').click();
  const web = await call<Preview>(server, 'report.preview', { year: THIS_YEAR, variant: 'web' });
  await expect(paper).toContainText(web.title);
  if (preview.recipient) await expect(paper).not.toContainText(`${preview.recipient.replace(/[：:]+$/, '')}：`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-generate').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${THIS_YEAR}.*\\.docx$`));
  const text = await documentText(Buffer.concat(await (await download.createReadStream()).toArray()));
  expect(text).toContain(web.blocks.find((b) => b.kind === 'p')!.text.slice(0, 20));
  expect(text).not.toContain('{{');
});

test('准备情况的“在办”链接列出报告在办数所数的那些案件', async ({ page, server, open }) => {
  const ready = await call<{ openCases: { kind: string; count: number; name: string }[] }>(server, 'report.readiness', { year: THIS_YEAR });
  // the seed has cases received this year and not closed
  expect(ready.openCases.length).toBeGreaterThan(0);
  for (const c of ready.openCases) {
    await open('#/report');
    await page
      .getByTestId('readiness-open')
      .getByRole('link', { name: `${c.name} ${c.count} 件` })
      .click();
    await expect(page).toHaveURL(new RegExp(`#/ledger/${c.kind}\\?`));
    await expect(page.getByTestId('list-scope')).toHaveText(`全部年度，共 ${c.count} 条`);
    await expect(page.getByTestId('filter-tag')).toContainText(`截至 ${THIS_YEAR}-12-31 在办`);
    await screen(page, `ledger-open-at-${c.kind}`);
  }
});

test('Word 模板：不认识的占位符在生成前列出；正确的模板按原格式填入数字', async ({ page, server, open }) => {
  await call(server, 'settings.update', { patch: { 单位名称: '某某县人民政府' } });
  await open('#/report');
  const bad = page.waitForEvent('filechooser');
  await page.getByTestId('report-upload').click();
  await (
    await bad
  ).setFiles({
    name: '错误模板.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: await wordTemplate('行政复议.收件总数'),
  });
  await expect(page.getByTestId('report-unknown-keys')).toContainText('{{行政复议.收件总数}}');
  await expect(page.getByTestId('report-generate')).toBeDisabled();
  await screen(page, 'report-word-unknown');

  const good = page.waitForEvent('filechooser');
  await page.getByTestId('report-upload').click();
  await (
    await good
  ).setFiles({
    name: '本单位模板.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: await wordTemplate('行政复议.收案数'),
  });
  await expect(page.getByTestId('report-unknown-keys')).toHaveCount(0);
  await expect(page.getByTestId('report-options')).toContainText('本单位模板.docx：用到 1 个占位符');
  const stats = await call<{ values: Record<string, { text: string }> }>(server, 'stats.year', { year: THIS_YEAR });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-generate').click()]);
  const text = await documentText(Buffer.concat(await (await download.createReadStream()).toArray()));
  expect(text).toContain(`全年收到复议申请${stats.values['行政复议.收案数'].text}件。`);
});

type Template = { template: string; builtIn: string; version: number | null; history: { version: number; note: string; builtIn: boolean }[] };

test('编辑模板：按章节改文字、从列表插入占位符、实时预览、问题提示、保存为新版本、草稿保留、历史与恢复内置模板', async ({ page, server, open }) => {
  const before = await call<Template>(server, 'report.template', {});
  await open('#/report/template');
  const tree = page.getByTestId('template-tree');
  await expect(tree).toContainText('全文');
  await expect(tree).toContainText('（一）健全依法行政制度体系');
  await screen(page, 'report-template');
  expect(await englishWords(page)).toEqual([]);

  // one section: its heading and its own paragraphs, nothing of the next section
  await tree.getByText('（七）工作亮点').click();
  const area = page.getByTestId('template-text');
  await expect(area).toHaveValue(/^## （七）工作亮点/);
  expect(await area.inputValue()).not.toContain('## （六）');

  // a sentence typed at the end, a placeholder picked from the list with its current value shown
  await area.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n本年度由编辑器写入的句子，单位：');
  await page.getByTestId('template-pane').getByText('占位符').click();
  await page.getByTestId('template-keys-search').locator('input').fill('单位名称');
  const unit = (await call<{ values: Record<string, string> }>(server, 'settings.get', {})).values['单位名称'];
  const row = page
    .getByTestId('template-keys')
    .getByRole('row', { name: /单位名称/ })
    .first();
  await expect(row).toContainText(unit);
  await row.click();
  await expect(area).toHaveValue(/单位：\{\{单位名称\}\}$/);
  await expect(page.getByTestId('template-dirty')).toBeVisible();
  // a figure goes in as a conditional block around the words selected before it, with its unit: a year without
  // it prints nothing rather than "普法活动—场"
  await area.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n开展普法活动');
  await page.keyboard.press('Shift+Home');
  await page.getByTestId('template-keys-search').locator('input').fill('普法活动场次');
  await page
    .getByTestId('template-keys')
    .getByRole('row', { name: /指标\.普法活动场次/ })
    .first()
    .click();
  await expect(area).toHaveValue(/\n\[\[开展普法活动\{\{指标\.普法活动场次\}\}场，\]\]$/);
  await page.getByTestId('template-pane').getByText('预览').click();
  await expect(page.getByTestId('report-paper')).toContainText(`本年度由编辑器写入的句子，单位：${unit}`);

  // a key the program does not know: named with its line, and saving is not offered
  await page.keyboard.press('Control+End');
  await area.pressSequentially('{{不存在的数}}');
  await expect(page.getByTestId('template-problems')).toContainText('未知的占位符“{{不存在的数}}”');
  await expect(page.getByTestId('template-save')).toBeDisabled();
  await screen(page, 'report-template-problem');
  for (let i = 0; i < '{{不存在的数}}'.length; i++) await area.press('Backspace');
  await expect(page.getByTestId('template-problems')).toHaveCount(0);

  // the draft survives leaving the page
  await open('#/desk');
  await open('#/report/template');
  await expect(page.getByTestId('template-dirty')).toBeVisible();
  await expect(page.getByTestId('template-text')).toHaveValue(/本年度由编辑器写入的句子/);

  await page.getByTestId('template-note').fill('增加一句');
  await page.getByTestId('template-save').click();
  await expect(page.getByText(/已保存为第 \d+ 版/)).toBeVisible();
  const saved = await call<Template>(server, 'report.template', {});
  expect(saved.version).toBe((before.version ?? 0) + 1);
  expect(saved.template).toContain('本年度由编辑器写入的句子，单位：{{单位名称}}');
  expect(saved.history[0].note).toBe('增加一句');
  await expect(page.getByTestId('template-dirty')).toHaveCount(0);

  // the report uses it
  await page.getByRole('tab', { name: '生成报告' }).click();
  await expect(page.getByTestId('report-options')).toContainText(`本单位修改的模板（第 ${saved.version} 版）`);
  await expect(page.getByTestId('report-paper')).toContainText(`本年度由编辑器写入的句子，单位：${unit}`);

  // history lists the version; 恢复内置模板 adds one that follows the built-in text
  await page.getByRole('tab', { name: '编辑模板' }).click();
  await page.getByTestId('template-history-open').click();
  await expect(page.getByTestId('template-history')).toContainText('增加一句');
  await screen(page, 'report-template-history');
  expect(await englishWords(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByTestId('template-reset').click();
  await page.getByRole('button', { name: /^恢\s?复$/ }).click();
  await expect(page.getByText(/已恢复内置模板/)).toBeVisible();
  const reset = await call<Template>(server, 'report.template', {});
  expect(reset.template).toBe(reset.builtIn);
  expect(reset.history.map((h) => h.builtIn).slice(0, 2)).toEqual([true, false]);
  await expect(page.getByTestId('template-text')).not.toHaveValue(/本年度由编辑器写入的句子/);
});
