// Filling `{{key}}` placeholders in a .docx the office wrote in Word or WPS. Word splits typed text into several
// runs (spell-check marks, formatting, revisions, bookmarks), so a placeholder is found in the text of a whole
// paragraph; the value goes into the run where `{{` starts (keeping its formatting) and the rest of the
// placeholder is cut from the runs it spilled into. Paragraphs of the body, table cells, headers and footers.

import { reportValue, scanMarks, shortKey, type ReportValues } from '../../domain/report';
import { AppError } from '../errors';
import { inflate, isXmlPart, readZip, writeZip, type OutPart, type ZipEntry } from './docx-zip';

const PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;

// Every scan below goes forward with indexOf and never looks at a character twice in a way that depends on the
// input: the regular expressions it replaces (/<w:p[ >][\s\S]*?<\/w:p>/ and /<w:t(?:\s[^>]*)?>…/) went quadratic
// on a part full of unclosed `<w:p ` or `<w:t ` tags.

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const XML_SPECIAL = /[&<>]/;
const escapeXml = (s: string) => (XML_SPECIAL.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);

interface TextNode {
  /** offsets of the whole `<w:t …>…</w:t>` element in the paragraph xml */
  start: number;
  end: number;
  text: string;
}

/** A value that spans lines (material) becomes line breaks inside the same run. */
export function valueXml(text: string): string {
  if (!text.includes('\n')) return escapeXml(text);
  return text
    .split(/\r?\n/)
    .map((l) => escapeXml(l))
    .join('</w:t><w:br/><w:t xml:space="preserve">');
}

const isTagEnd = (c: string | undefined) => c === '>' || c === '/' || c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The `<w:t>` elements of a paragraph: `<w:t …>text</w:t>` and `<w:t/>`. */
function textNodes(p: string): TextNode[] {
  const nodes: TextNode[] = [];
  let i = p.indexOf('<w:t');
  while (i >= 0) {
    if (!isTagEnd(p[i + 4])) {
      i = p.indexOf('<w:t', i + 4);
      continue;
    }
    const gt = p.indexOf('>', i + 4);
    if (gt < 0) break;
    if (p[gt - 1] === '/') {
      nodes.push({ start: i, end: gt + 1, text: '' });
      i = p.indexOf('<w:t', gt + 1);
      continue;
    }
    const lt = p.indexOf('<', gt + 1);
    if (lt >= 0 && p.startsWith('</w:t>', lt)) {
      nodes.push({ start: i, end: lt + 6, text: unescapeXml(p.slice(gt + 1, lt)) });
      i = p.indexOf('<w:t', lt + 6);
    } else i = lt < 0 ? -1 : p.indexOf('<w:t', lt);
  }
  return nodes;
}

interface FillState {
  values: ReportValues;
  found: Set<string>;
  unknown: Set<string>;
  dryRun: boolean;
}

function fillParagraph(p: string, st: FillState): string {
  const nodes = textNodes(p);
  const full = nodes.map((n) => n.text).join('');
  if (!full.includes('{{')) return p;
  // the placeholders to replace: [start, end) in `full`, in order and not overlapping
  const ops: { start: number; end: number; key: string }[] = [];
  scanMarks(full, false, (_kind, start, end, key) => {
    st.found.add(key);
    if (!key || !reportValue(st.values, key)) st.unknown.add(key);
    else if (!st.dryRun) ops.push({ start, end, key });
  });
  if (st.dryRun || !ops.length) return p;
  // Each node's text with the placeholders cut out; a value goes into the node where its `{{` starts (keeping
  // that run's formatting), and the rest of the placeholder is cut from the nodes it spilled into.
  let xml = '';
  let last = 0;
  let k = 0;
  let begin = 0;
  for (const n of nodes) {
    const end = begin + n.text.length;
    let inner = '';
    let pos = begin;
    while (k < ops.length && ops[k].start < end) {
      const op = ops[k];
      if (op.start >= pos) {
        inner += escapeXml(full.slice(pos, op.start)) + valueXml(reportValue(st.values, op.key)!.text);
      }
      pos = Math.max(pos, Math.min(op.end, end));
      if (op.end <= end) k++;
      else break;
    }
    if (pos < end) inner += escapeXml(full.slice(pos, end));
    xml += p.slice(last, n.start) + `<w:t xml:space="preserve">${inner}</w:t>`;
    last = n.end;
    begin = end;
  }
  return xml + p.slice(last);
}

/** The paragraphs of a part filled (`<w:p …>` to the first `</w:p>` after it, as Word nests none but text boxes). */
function fillPart(xml: string, st: FillState): string {
  const out: string[] = [];
  let last = 0;
  let i = xml.indexOf('<w:p');
  while (i >= 0) {
    const c = xml[i + 4];
    if (c !== '>' && c !== ' ') {
      i = xml.indexOf('<w:p', i + 4);
      continue;
    }
    const gt = xml.indexOf('>', i + 4);
    if (gt < 0) break;
    if (xml[gt - 1] === '/') {
      i = xml.indexOf('<w:p', gt + 1); // an empty paragraph <w:p …/>
      continue;
    }
    const close = xml.indexOf('</w:p>', gt + 1);
    if (close < 0) break; // no later paragraph can close either
    const end = close + 6;
    out.push(xml.slice(last, i), fillParagraph(xml.slice(i, end), st));
    last = end;
    i = xml.indexOf('<w:p', end);
  }
  out.push(xml.slice(last));
  return out.join('');
}

const MACRO_PARTS = /^word\/(vbaProject\.bin|vbaData\.xml|_rels\/vbaProject\.bin\.rels)$/i;
const MACRO_TARGET = /(^|\/)(vbaProject\.bin|vbaData\.xml)$/i;
const DOCUMENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const MAIN_TYPES = new Set([
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
]);

/** Each `<tag …/>` element (as [Content_Types].xml and .rels write them) given to `keep`; dropped when it says no. */
function filterEmptyElements(xml: string, tag: string, keep: (attrs: string) => boolean): string {
  const out: string[] = [];
  let last = 0;
  let i = xml.indexOf(`<${tag}`);
  while (i >= 0) {
    const gt = xml.indexOf('>', i);
    if (gt < 0) break;
    const el = xml.slice(i, gt + 1);
    if (isTagEnd(xml[i + tag.length + 1]) && el.endsWith('/>') && !keep(el)) {
      out.push(xml.slice(last, i));
      last = gt + 1;
    }
    i = xml.indexOf(`<${tag}`, gt + 1);
  }
  out.push(xml.slice(last));
  return out.join('');
}

const attr = (el: string, name: string) => {
  const at = el.indexOf(` ${name}="`);
  if (at < 0) return '';
  const from = at + name.length + 3;
  const to = el.indexOf('"', from);
  return to < 0 ? '' : el.slice(from, to);
};

/**
 * An XML part as it may go into the output: a document type declaration removed (Word writes none; an entity
 * declaration is refused outright — "billion laughs"), the macro project's relationships and content types
 * removed, a macro-enabled document or a template made a plain document.
 */
function cleanXml(name: string, xml: string): string {
  if (xml.includes('<!ENTITY'))
    throw new AppError('VALIDATION', `模板文件的部件 ${name.slice(0, 60)} 含有实体声明（<!ENTITY），Word 不会写出这样的内容，可能是恶意构造的文件，已拒绝`);
  const pieces: string[] = [];
  let last = 0;
  for (let at = xml.indexOf('<!DOCTYPE'); at >= 0; at = xml.indexOf('<!DOCTYPE', last)) {
    const bracket = xml.indexOf('[', at);
    let gt = xml.indexOf('>', at);
    if (bracket >= 0 && bracket < gt) {
      const closeBracket = xml.indexOf(']', bracket);
      gt = closeBracket < 0 ? -1 : xml.indexOf('>', closeBracket);
    }
    if (gt < 0) throw new AppError('VALIDATION', `模板文件的部件 ${name.slice(0, 60)} 已损坏（文档类型声明不完整）`);
    pieces.push(xml.slice(last, at));
    last = gt + 1;
  }
  let s = last ? pieces.join('') + xml.slice(last) : xml;
  if (name === '[Content_Types].xml') {
    s = filterEmptyElements(s, 'Override', (el) => !MACRO_TARGET.test(attr(el, 'PartName')));
    s = filterEmptyElements(s, 'Default', (el) => !/vbaProject/i.test(attr(el, 'ContentType')));
    for (const t of MAIN_TYPES) s = s.split(t).join(DOCUMENT_TYPE);
  } else if (name.endsWith('.rels')) {
    s = filterEmptyElements(s, 'Relationship', (el) => !MACRO_TARGET.test(attr(el, 'Target')) && !/\/(vbaProject|wordVbaData)$/i.test(attr(el, 'Type')));
  }
  return s;
}

export interface FilledDocx {
  bytes: Buffer;
  /** keys found in the document that have no value ('' for an empty `{{}}`) */
  unknownKeys: string[];
  keys: string[];
}

/**
 * Fill every placeholder; with `dryRun`, only list the keys (for the check before generating). Every limit of
 * docx-zip.ts is checked before a part is inflated; a refusal is an AppError with a Chinese message.
 */
export async function fillDocx(bytes: Buffer, values: ReportValues, opts: { dryRun?: boolean } = {}): Promise<FilledDocx> {
  const entries = readZip(bytes);
  const st: FillState = { values, found: new Set(), unknown: new Set(), dryRun: !!opts.dryRun };
  const out: OutPart[] = [];
  for (const e of entries) {
    if (MACRO_PARTS.test(e.name)) continue;
    if (!isXmlPart(e.name)) {
      out.push({ entry: e });
      continue;
    }
    const xml = cleanXml(e.name, decode(e));
    const filled = PARTS.test(e.name) ? fillPart(xml, st) : xml;
    out.push({ name: e.name, bytes: Buffer.from(filled, 'utf8') });
  }
  const result = opts.dryRun ? bytes : writeZip(out);
  return { bytes: result, unknownKeys: [...st.unknown], keys: [...st.found] };
}

function decode(e: ZipEntry): string {
  const b = inflate(e);
  // UTF-16 parts (rare; Word writes UTF-8) are read by their byte order mark
  if (b[0] === 0xff && b[1] === 0xfe) return b.toString('utf16le', 2).replace(/^(<\?xml[^>]*encoding=["'])UTF-16/i, '$1UTF-8');
  return b.toString('utf8').replace(/^\uFEFF/, '');
}

/** The unknown keys as a message names them: at most 10, each cut short. */
export function unknownList(keys: string[]): string {
  const shown = keys
    .slice(0, 10)
    .map((k) => `{{${shortKey(k)}}}`)
    .join('、');
  return keys.length > 10 ? `${shown} 等 ${keys.length} 个` : shown;
}
