// 年度报告 in the browser against the seeded server: readiness, a preview that says what the API says, the two
// variants, generating and downloading the .docx (opened and read back), and a Word template from the user —
// one with a key the program does not know is refused before generating, a good one is filled.
import { Document, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { call, expect, screen, test } from './fixtures';
import { THIS_YEAR } from './seed-data';

type Preview = { title: string; recipient: string; blocks: { kind: string; text: string }[] };

/** A .docx as Word writes one with a placeholder typed in two runs (formatting changed halfway). */
async function wordTemplate(key: string): Promise<Buffer> {
  const [a, b] = [key.slice(0, 4), key.slice(4)];
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun('全年收到复议申请'), new TextRun(`{{${a}`), new TextRun({ text: `${b}}}`, bold: true }), new TextRun('件。')] })] }],
  });
  return Packer.toBuffer(doc);
}

async function documentText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

test('准备情况、预览与 API 一致；切换版本；生成并下载 Word 文档', async ({ page, server, open }) => {
  await open('#/report');
  await expect(page.getByTestId('report-readiness')).toContainText(/报告素材|年度指标/);
  const preview = await call<Preview>(server, 'report.preview', { year: THIS_YEAR, variant: 'formal' });
  const paper = page.getByTestId('report-paper');
  await expect(paper).toContainText(preview.title);
  for (const b of preview.blocks.filter((x) => x.kind === 'p').slice(0, 3)) await expect(paper).toContainText(b.text);
  if (preview.recipient) await expect(paper).toContainText(`${preview.recipient}：`);
  await screen(page, 'report');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screen(page, 'report');
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.getByTestId('report-variant').getByText('网站公开').click();
  const web = await call<Preview>(server, 'report.preview', { year: THIS_YEAR, variant: 'web' });
  await expect(paper).toContainText(web.title);
  if (preview.recipient) await expect(paper).not.toContainText(`${preview.recipient}：`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-generate').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${THIS_YEAR}.*\\.docx$`));
  const text = await documentText(Buffer.concat(await (await download.createReadStream()).toArray()));
  expect(text).toContain(web.blocks.find((b) => b.kind === 'p')!.text.slice(0, 20));
  expect(text).not.toContain('{{');
});

test('Word 模板：不认识的占位符在生成前列出；正确的模板按原格式填入数字', async ({ page, server, open }) => {
  await open('#/report');
  const bad = page.waitForEvent('filechooser');
  await page.getByTestId('report-upload').click();
  await (await bad).setFiles({ name: '错误模板.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await wordTemplate('行政复议.收件总数') });
  await expect(page.getByTestId('report-unknown-keys')).toContainText('{{行政复议.收件总数}}');
  await expect(page.getByTestId('report-generate')).toBeDisabled();
  await screen(page, 'report-word-unknown');

  const good = page.waitForEvent('filechooser');
  await page.getByTestId('report-upload').click();
  await (await good).setFiles({ name: '本单位模板.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await wordTemplate('行政复议.收案数') });
  await expect(page.getByTestId('report-unknown-keys')).toHaveCount(0);
  await expect(page.getByTestId('report-options')).toContainText('本单位模板.docx：用到 1 个占位符');
  const stats = await call<{ values: Record<string, { text: string }> }>(server, 'stats.year', { year: THIS_YEAR });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-generate').click()]);
  const text = await documentText(Buffer.concat(await (await download.createReadStream()).toArray()));
  expect(text).toContain(`全年收到复议申请${stats.values['行政复议.收案数'].text}件。`);
});
