// Filling `{{key}}` placeholders in a .docx the office wrote in Word or WPS. Word splits typed text into several
// runs (spell-check marks, formatting, revisions, bookmarks), so a placeholder is found in the text of a whole
// paragraph; the value goes into the run where `{{` starts (keeping its formatting) and the rest of the
// placeholder is cut from the runs it spilled into. Paragraphs of the body, table cells, headers and footers.

import JSZip from 'jszip';
import type { ReportValues } from '../../domain/report';
import { AppError } from '../errors';

const PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface TextNode {
  /** offsets of the whole `<w:t …>…</w:t>` element in the paragraph xml */
  start: number;
  end: number;
  text: string;
}

/** A value that spans lines (material) becomes line breaks inside the same run. */
export function valueXml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => escapeXml(l))
    .join('</w:t><w:br/><w:t xml:space="preserve">');
}

function fillParagraph(p: string, values: ReportValues, found: Set<string>, unknown: Set<string>): string {
  const nodes: TextNode[] = [];
  for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t\s*\/>/g)) {
    nodes.push({ start: m.index!, end: m.index! + m[0].length, text: unescapeXml(m[1] ?? '') });
  }
  const full = nodes.map((n) => n.text).join('');
  if (!full.includes('{{')) return p;
  // where each node's text begins in `full`
  const begins: number[] = [];
  let acc = 0;
  for (const n of nodes) {
    begins.push(acc);
    acc += n.text.length;
  }
  const nodeAt = (pos: number) => {
    let i = begins.length - 1;
    while (i > 0 && begins[i] > pos) i--;
    return i;
  };
  const out = nodes.map((n) => n.text);
  const matches = [...full.matchAll(PLACEHOLDER)];
  // right to left, so earlier offsets stay valid
  for (const m of matches.reverse()) {
    const key = m[1];
    found.add(key);
    const v = values[key];
    if (!v) {
      unknown.add(key);
      continue;
    }
    const s = m.index!;
    const e = s + m[0].length;
    const a = nodeAt(s);
    const b = nodeAt(e - 1);
    const tail = out[b].slice(e - begins[b]);
    for (let i = a + 1; i <= b; i++) out[i] = i === b ? tail : '';
    out[a] = out[a].slice(0, s - begins[a]) + '\uE000' + key + '\uE001' + (a === b ? tail : '');
  }
  let xml = '';
  let last = 0;
  nodes.forEach((n, i) => {
    xml += p.slice(last, n.start);
    last = n.end;
    const text = out[i];
    const parts = text.split(/\uE000([^\uE001]*)\uE001/);
    const inner = parts.map((seg, j) => (j % 2 ? valueXml(values[seg].text) : escapeXml(seg))).join('');
    xml += `<w:t xml:space="preserve">${inner}</w:t>`;
  });
  return xml + p.slice(last);
}

export interface FilledDocx {
  bytes: Buffer;
  /** keys found in the document that have no value */
  unknownKeys: string[];
  keys: string[];
}

async function openZip(bytes: Buffer): Promise<JSZip> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    if (!zip.file('word/document.xml')) throw new Error('no document.xml');
    return zip;
  } catch {
    throw new AppError('VALIDATION', '模板文件不是有效的 Word 文档（.docx）：请在 Word 或 WPS 中“另存为” .docx 后再上传');
  }
}

/** Fill every placeholder; with `dryRun`, only list the keys (for the check before generating). */
export async function fillDocx(bytes: Buffer, values: ReportValues, opts: { dryRun?: boolean } = {}): Promise<FilledDocx> {
  const zip = await openZip(bytes);
  const found = new Set<string>();
  const unknown = new Set<string>();
  for (const name of Object.keys(zip.files)) {
    if (!PARTS.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const filled = xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => fillParagraph(p, values, found, unknown));
    if (!opts.dryRun) zip.file(name, filled);
  }
  const out = opts.dryRun ? bytes : await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { bytes: out, unknownKeys: [...unknown], keys: [...found] };
}
