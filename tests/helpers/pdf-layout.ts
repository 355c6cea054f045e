// A generated .docx converted to PDF by LibreOffice (with the fontconfig that maps the official font names to the
// free fonts, as render-docx does) and read back as lines with positions (pdftotext -bbox-layout), to check the
// GB/T 9704 layout rules a director sees on paper: no page holding only the signature and date, a table's caption
// on the page of its first row, no title line of a single character, no number broken across two lines.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface PdfLine {
  page: number;
  /** left and right of the line, and its top, in points from the page's top left */
  x0: number;
  x1: number;
  y: number;
  /** height of the line's box (points): 二号 title lines are taller than 三号 body lines */
  height: number;
  text: string;
}

/** Convert a .docx to PDF in `dir` and return the PDF's path. */
export function docxToPdf(docx: string, dir: string): string {
  const fonts = path.resolve(__dirname, '../../../shared/tools/fontconfig/fonts.conf');
  const env = { ...process.env, ...(fs.existsSync(fonts) ? { FONTCONFIG_FILE: fonts } : {}) };
  const lo = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/lo`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
    env,
    encoding: 'utf8',
    timeout: 170_000,
  });
  const pdf = path.join(dir, `${path.basename(docx, '.docx')}.pdf`);
  if (lo.status !== 0 || !fs.existsSync(pdf)) throw new Error(`LibreOffice 未能转换 ${docx}：${lo.stdout}${lo.stderr}`);
  return pdf;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every text line of the PDF in reading order, with its page and position. */
export function pdfLines(pdf: string): PdfLine[] {
  const r = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext 失败：${r.stderr}`);
  const out: PdfLine[] = [];
  const pages = r.stdout.split(/<page /).slice(1);
  pages.forEach((p, i) => {
    for (const m of p.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...m[5].matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => unescape(w[1]));
      out.push({ page: i + 1, x0: Number(m[1]), x1: Number(m[3]), y: Number(m[2]), height: Number(m[4]) - Number(m[2]), text: words.join('') });
    }
  });
  // lines of a page from top to bottom (pdftotext orders by blocks; a page's lines are compared by position)
  return out.sort((a, b) => a.page - b.page || a.y - b.y || a.x0 - b.x0);
}

export const isPageNumber = (t: string) => /^[—–-]\s*\d+\s*[—–-]$/.test(t.replace(/\s/g, ''));

export interface LayoutOptions {
  /** the 署名 and 成文日期 lines, as printed */
  signer: string;
  date: string;
}

/** The layout faults of a rendered report, each described in words (an empty list: none). */
export function layoutFaults(lines: PdfLine[], o: LayoutOptions): string[] {
  const faults: string[] = [];
  const text = lines.filter((l) => !isPageNumber(l.text) && l.text.trim());
  const pages = [...new Set(text.map((l) => l.page))];
  const signatureLines = new Set([o.signer, o.date]);
  // 1. the signature block has at least two lines of body text on its page; no page is only the signature
  for (const page of pages) {
    const on = text.filter((l) => l.page === page);
    if (on.every((l) => signatureLines.has(l.text) || /^附件：/.test(l.text))) faults.push(`第${page}页只有署名和日期`);
  }
  const signer = text.findIndex((l) => l.text === o.signer && text[text.indexOf(l) + 1]?.text === o.date);
  if (signer < 0) faults.push('找不到署名和日期');
  else {
    const page = text[signer].page;
    const bodyBefore = text.filter((l, i) => i < signer && l.page === page && !/^附件：/.test(l.text));
    if (bodyBefore.length < 2) faults.push(`第${page}页署名之上的正文不足两行`);
  }
  // 2. a caption 表N is on the page of the first row of its table (the next line)
  text.forEach((l, i) => {
    if (!/^表\d+/.test(l.text)) return;
    const next = text[i + 1];
    if (!next || next.page !== l.page) faults.push(`“${l.text}”与表格不在同一页（第${l.page}页）`);
  });
  // 3. no title line (二号, taller than the 三号 body) of a single character
  const body = median(text.map((l) => l.height));
  for (const l of text) if (l.height > body * 1.2 && [...l.text.trim()].length === 1) faults.push(`标题有一行只有一个字“${l.text}”（第${l.page}页）`);
  // 4. no number broken across lines: a line ending in a digit (or . /) and the line below it in the same column
  // (the next row whose span overlaps it: the paragraph's next line, or the cell's) starting with a digit or %
  const cells = (l: PdfLine) => text.filter((n) => n.page === l.page && Math.abs(n.y - l.y) < 1).length;
  for (const l of text) {
    if (!/[0-9.]$/.test(l.text)) continue;
    const below = text
      .filter((n) => n.page === l.page && n.y > l.y + l.height * 0.5 && n.y < l.y + l.height * 2.5 && n.x0 < l.x1 && n.x1 > l.x0)
      .sort((a, b) => a.y - b.y || a.x0 - b.x0)[0];
    // two rows of a table (several cells side by side in each) are not one text broken in two
    if (below && cells(l) > 1 && cells(below) > 1) continue;
    if (below && /^[0-9.%]/.test(below.text)) faults.push(`数字跨行：“${l.text.slice(-6)}/${below.text.slice(0, 6)}”（第${l.page}页）`);
  }
  return faults;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
