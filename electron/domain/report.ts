// The report template language (docs/报告模板.md), pure so the core writes the .docx and the renderer previews
// from the same code:
//   # 一级标题   ## 二级标题   ### 三级标题   other lines: one body paragraph each   // a comment line
//   {{键}}        a value: metric key, 上年.<键>, 同比.<键>, 指标.<名称>, 素材.<名称>, 分布.<分布键>, 单位名称, 年度…
//   [[ … ]]      a conditional block, dropped when a figure in it is missing or all of its figures are zero
//                (figures are the numbers directly inside it; nested blocks decide for themselves, and a block
//                with no figure of its own stands when one of its nested blocks does; 同比 is not a figure, it
//                only describes one). Clause marks left dangling by a dropped block are tidied.
//   a line that is only {{素材.名称}} becomes that material's paragraphs; a heading with nothing under it
//   (down to the next heading of its level or above) is left out.
//   !! 说明     a 待填写 line: shown (highlighted, "待填写：说明") only when its 一级 section has nothing else, so a
//                section the 督察工作规定 requires is never left out; the readiness list names it first.
//   Headings numbered 一、 / （一） / 1. / （1） are renumbered in order after empty ones are left out, so the
//   numbering never skips.

export interface ReportValue {
  text: string;
  /** the number behind the text for figures (metrics, 上年, 指标, 分布); undefined for words */
  figure?: number | null;
}

export type ReportValues = Record<string, ReportValue>;

export type BlockKind = 'h1' | 'h2' | 'h3' | 'p';

export interface FilledBlock {
  kind: BlockKind;
  text: string;
  /** a 待填写 paragraph (`!!` line): the office has not written this section's material yet */
  todo?: boolean;
}

/** The text a 待填写 line becomes in the draft. */
export const TODO_PREFIX = '待填写：';

export interface TemplateProblem {
  line: number;
  message: string;
}

/**
 * One piece of a template line: plain text, a placeholder, or (with `brackets`) a conditional block's `[[` / `]]`.
 * `start`/`end` are offsets in the scanned string; `key` is the placeholder's name without the spaces around it
 * ('' for `{{}}` or `{{  }}`, which name nothing and are reported like any unknown key).
 */
export type TemplateToken =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'key'; start: number; end: number; key: string }
  | { kind: 'open'; start: number; end: number }
  | { kind: 'close'; start: number; end: number };

const isBrace = (c: number) => c === 0x7b || c === 0x7d; // { }

/**
 * The one reader of the template syntax, used by the in-app template, the check before saving, the preview and the
 * filling of a user's .docx. A placeholder is `{{`, text without braces, `}}` (what the regular expression
 * /\{\{\s*([^{}]+?)\s*\}\}/ matched, e.g. the last `{{` of `{{{键}}`); that expression backtracked in cubic
 * time on `{{` followed by many spaces (20,000 spaces: minutes). This scan reads each character a bounded number
 * of times: the position of the next brace is kept in a pointer that only moves forward.
 */
export function scanTemplate(s: string, opts: { brackets?: boolean } = {}): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let textStart = 0;
  scanMarks(s, !!opts.brackets, (kind, start, end, key) => {
    if (start > textStart) tokens.push({ kind: 'text', start: textStart, end: start });
    tokens.push(kind === 'key' ? { kind, start, end, key } : { kind, start, end });
    textStart = end;
  });
  if (s.length > textStart) tokens.push({ kind: 'text', start: textStart, end: s.length });
  return tokens;
}

/** The scan itself: each placeholder (and with `brackets` each `[[` / `]]`) in order, text left out. */
export function scanMarks(s: string, brackets: boolean, visit: (kind: 'key' | 'open' | 'close', start: number, end: number, key: string) => void): void {
  // (scalars, not a token object a mark: a hostile line of 100,000 marks allocates nothing here)
  const n = s.length;
  let nextBrace = 0; // the first brace at or after where it was last asked for (only moves forward)
  const braceFrom = (p: number) => {
    if (nextBrace < p) nextBrace = p;
    while (nextBrace < n && !isBrace(s.charCodeAt(nextBrace))) nextBrace++;
    return nextBrace;
  };
  let i = 0;
  while (i < n - 1) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (brackets && c === 0x5b && d === 0x5b) {
      visit('open', i, i + 2, '');
      i += 2;
    } else if (brackets && c === 0x5d && d === 0x5d) {
      visit('close', i, i + 2, '');
      i += 2;
    } else if (c === 0x7b && d === 0x7b) {
      const j = braceFrom(i + 2);
      if (j + 1 < n && s.charCodeAt(j) === 0x7d && s.charCodeAt(j + 1) === 0x7d) {
        visit('key', i, j + 2, s.slice(i + 2, j).trim());
        i = j + 2;
      } else i++;
    } else i++;
  }
}

/** The keys of a string's placeholders, in order (repeats kept). */
export function placeholderKeys(s: string): string[] {
  const keys: string[] = [];
  scanMarks(s, false, (kind, _start, _end, key) => kind === 'key' && keys.push(key));
  return keys;
}

/**
 * A key's value, or undefined. Own keys only: `{{constructor}}`, `{{__proto__}}` or `{{toString}}` looked up in
 * a plain object found Object.prototype's members and printed "undefined"; they are unknown keys like any other.
 */
export function reportValue(values: ReportValues, key: string): ReportValue | undefined {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/** An empty values object without a prototype (see reportValue). */
export function emptyValues(): ReportValues {
  return Object.create(null) as ReportValues;
}

/** Every key a template uses, in order of first use (comment lines, which may show the syntax, are not uses). */
export function templateKeys(src: string): string[] {
  const keys = new Set<string>();
  for (const line of src.split(/\r?\n/)) {
    if (line.trim().startsWith('//')) continue;
    for (const k of placeholderKeys(line)) keys.add(k);
  }
  return [...keys];
}

const countOf = (s: string, needle: string) => {
  let n = 0;
  for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length)) n++;
  return n;
};

/** Bracket balance and empty keys: problems a user editing the template must fix, with the line. */
export function checkTemplate(src: string, known: (key: string) => boolean): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  src.split(/\r?\n/).forEach((line, i) => {
    if (line.startsWith('//')) return;
    let depth = 0;
    let below = false; // a ]] before its [[
    const seen = new Set<string>();
    const keyProblems: TemplateProblem[] = [];
    scanMarks(line, true, (kind, _start, _end, key) => {
      if (kind === 'open') depth++;
      else if (kind === 'close') {
        if (--depth < 0) below = true;
      } else if (!seen.has(key)) {
        seen.add(key);
        if (!key) keyProblems.push({ line: i + 1, message: '有空的占位符“{{}}”' });
        else if (!known(key)) keyProblems.push({ line: i + 1, message: `未知的占位符“{{${shortKey(key)}}}”` });
      }
    });
    if (depth !== 0 || below) problems.push({ line: i + 1, message: '条件块的 [[ 与 ]] 不成对' });
    if (countOf(line, '{{') !== countOf(line, '}}')) problems.push({ line: i + 1, message: '占位符的 {{ 与 }} 不成对' });
    for (const p of keyProblems) problems.push(p); // (not a spread: a line can name tens of thousands of keys)
  });
  return problems;
}

/** A key as a message names it: a hostile template's 100,000-character key is cut, not echoed whole. */
export function shortKey(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

/** Fill one line: placeholders, then conditional blocks from the innermost out. Unknown keys are collected. */
export function fillLine(line: string, values: ReportValues, unknown: Set<string>): string {
  // The open blocks as parallel arrays, one slot a depth (no object a block: a hostile line of 100,000 `[[` is
  // then a few flat arrays, not 200,000 objects for the garbage collector). Of a block's own figures only what
  // decides it is kept: how many, whether one is missing, whether one is not zero.
  const text: string[] = [''];
  const figures: number[] = [0];
  const missing: boolean[] = [false];
  const nonZero: boolean[] = [false];
  const blocks: number[] = [0];
  const kept: number[] = [0];
  let d = 0;
  let last = 0;
  scanMarks(line, true, (kind, start, end, key) => {
    if (start > last) text[d] += line.slice(last, start);
    last = end;
    if (kind === 'open') {
      d++;
      text[d] = '';
      figures[d] = 0;
      missing[d] = false;
      nonZero[d] = false;
      blocks[d] = 0;
      kept[d] = 0;
    } else if (kind === 'close') {
      if (d === 0) {
        text[0] += ']]';
        return;
      }
      // a block with figures of its own stands on them; one made only of nested blocks stands if any of them does
      const keep = figures[d] ? !missing[d] && nonZero[d] : !blocks[d] || kept[d] > 0;
      const done = text[d];
      d--;
      blocks[d]++;
      if (keep) {
        kept[d]++;
        text[d] += done;
      }
    } else {
      const v = reportValue(values, key);
      if (!v) {
        unknown.add(key);
        text[d] += line.slice(start, end);
        return;
      }
      text[d] += v.text;
      if (v.figure !== undefined && !key.startsWith('同比.')) {
        figures[d]++;
        if (v.figure === null) missing[d] = true;
        else if (v.figure !== 0) nonZero[d] = true;
      }
    }
  });
  text[d] += line.slice(last);
  // an unclosed [[: keep what was written, so the user sees it rather than losing text
  const out = d === 0 ? text[0] : text.slice(0, d + 1).join('[[');
  return tidyPunctuation(out.trim());
}

/**
 * Dropped blocks leave their neighbours' punctuation behind: "听证3件、。" or "，；". Keep the stronger mark of a
 * run of clause marks, and end a paragraph that lost its last clause with a full stop.
 */
export function tidyPunctuation(s: string): string {
  return (
    s
      .replace(/^[，、；：。]+/, '')
      // (?<!…): a run of marks is tried from its first mark only, not from each one (quadratic on a long run)
      .replace(/(?<![，、；])[，、；]+(?=[。；！？）]|$)/g, (m, off: number, all: string) => (off + m.length === all.length ? '。' : ''))
      .replace(/([，、；])[，、；]+/g, (m) => [...m].reduce((a, b) => (strength(b) > strength(a) ? b : a)))
      .replace(/([。！？])[，、；：]+/g, '$1')
      .replace(/（）/g, '')
  );
}

/** A run of clause marks left by dropped clauses keeps its strongest: 、 < ， < ；. */
function strength(c: string): number {
  return c === '；' ? 3 : c === '，' ? 2 : c === '、' ? 1 : 0;
}

const HEADING: Record<string, BlockKind> = { '#': 'h1', '##': 'h2', '###': 'h3' };
const LEVEL: Record<BlockKind, number> = { h1: 1, h2: 2, h3: 3, p: 9 };

/** The whole template filled: blocks in order, empty paragraphs and empty headings left out, headings renumbered. */
export function renderTemplate(src: string, values: ReportValues): { blocks: FilledBlock[]; unknownKeys: string[] } {
  const unknown = new Set<string>();
  const out: FilledBlock[] = [];
  for (const raw of src.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('//')) continue;
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      out.push({ kind: HEADING[h[1]], text: fillLine(h[2], values, unknown) });
      continue;
    }
    if (line.startsWith('!!')) {
      const note = fillLine(line.slice(2).trim(), values, unknown);
      if (note) out.push({ kind: 'p', text: `${TODO_PREFIX}${note}`, todo: true });
      continue;
    }
    const material = materialLine(line);
    if (material) {
      const v = reportValue(values, material);
      if (!v) unknown.add(material);
      for (const para of (v?.text ?? '').split(/\r?\n/)) if (para.trim()) out.push({ kind: 'p', text: para.trim() });
      continue;
    }
    const text = fillLine(line, values, unknown);
    if (text) out.push({ kind: 'p', text });
  }
  // a 待填写 line stands only when its 一级 section (or, before the first, the opening) has no other paragraph
  const sectionOf = (i: number) => {
    let a = i;
    while (a > 0 && out[a].kind !== 'h1') a--;
    let b = i + 1;
    while (b < out.length && out[b].kind !== 'h1') b++;
    return out.slice(a, b);
  };
  const withTodos = out.filter((b, i) => !b.todo || !sectionOf(i).some((x) => x.kind === 'p' && !x.todo));
  // a heading is kept only when some paragraph follows it before the next heading of its level or above
  const kept = withTodos.filter((b, i) => {
    if (b.kind === 'p') return true;
    for (let j = i + 1; j < withTodos.length; j++) {
      if (withTodos[j].kind === 'p') return true;
      if (LEVEL[withTodos[j].kind] <= LEVEL[b.kind]) return false;
    }
    return false;
  });
  return { blocks: renumber(kept), unknownKeys: [...unknown] };
}

const CN_DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 20 → 二十 (heading numbers stay below 100). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

/** The numbering forms of headings: 一、 and （一） in Chinese numerals, 1. / 1． / （1） in Arabic digits. */
const NUMBERED: { re: RegExp; make: (n: number, m: RegExpExecArray) => string }[] = [
  { re: /^[一二三四五六七八九十]+、/, make: (n) => `${chineseNumber(n)}、` },
  { re: /^（[一二三四五六七八九十]+）/, make: (n) => `（${chineseNumber(n)}）` },
  { re: /^（\d+）/, make: (n) => `（${n}）` },
  { re: /^\d+([.．、])/, make: (n, m) => `${n}${m[1]}` },
];

/**
 * Renumber the headings that carry a number, level by level, so leaving out an empty section never leaves a gap
 * (一、 三、). Each level counts within its parent; a heading without a number is left as written.
 */
function renumber(blocks: FilledBlock[]): FilledBlock[] {
  const counters: Record<string, number> = {};
  return blocks.map((b) => {
    if (b.kind === 'p') return b;
    const level = LEVEL[b.kind];
    for (const k of Object.keys(counters)) if (Number(k.split(':')[0]) > level) delete counters[k];
    for (const form of NUMBERED) {
      const m = form.re.exec(b.text);
      if (!m) continue;
      const key = `${level}:${NUMBERED.indexOf(form)}`;
      counters[key] = (counters[key] ?? 0) + 1;
      return { ...b, text: form.make(counters[key], m) + b.text.slice(m[0].length) };
    }
    return b;
  });
}

/** The 主送机关 line: what the user typed, with exactly one full-width colon at the end. */
export function recipientLine(s: string): string {
  const t = s.trim().replace(/[：:\s]+$/, '');
  return t ? `${t}：` : '';
}

/** The key of a line that is one {{素材.…}} placeholder and nothing else, or null. */
function materialLine(line: string): string | null {
  if (!line.startsWith('{{素材.') || !line.endsWith('}}')) return null;
  let only: string | null = null;
  let count = 0;
  scanMarks(line, false, (_kind, start, end, key) => {
    if (++count === 1 && start === 0 && end === line.length) only = key;
  });
  return count === 1 ? only : null;
}

/** 2026年2月5日: Arabic digits, no zero padding (GB/T 9704 成文日期). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export type ReportVariant = 'formal' | 'web';

export function reportTitle(unit: string, year: number, variant: ReportVariant): string {
  return variant === 'formal' ? `${unit}关于${year}年度法治政府建设情况的报告` : `${unit}${year}年法治政府建设年度报告`;
}
