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

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Every key a template uses, in order of first use (comment lines, which may show the syntax, are not uses). */
export function templateKeys(src: string): string[] {
  const keys = new Set<string>();
  for (const line of src.split(/\r?\n/)) {
    if (line.trim().startsWith('//')) continue;
    for (const m of line.matchAll(PLACEHOLDER)) keys.add(m[1]);
  }
  return [...keys];
}

/** Bracket balance and empty keys: problems a user editing the template must fix, with the line. */
export function checkTemplate(src: string, known: (key: string) => boolean): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  src.split(/\r?\n/).forEach((line, i) => {
    if (line.startsWith('//')) return;
    let depth = 0;
    for (const m of line.matchAll(/\[\[|\]\]/g)) {
      depth += m[0] === '[[' ? 1 : -1;
      if (depth < 0) break;
    }
    if (depth !== 0) problems.push({ line: i + 1, message: '条件块的 [[ 与 ]] 不成对' });
    const open = (line.match(/\{\{/g) ?? []).length;
    const close = (line.match(/\}\}/g) ?? []).length;
    if (open !== close) problems.push({ line: i + 1, message: '占位符的 {{ 与 }} 不成对' });
    for (const m of line.matchAll(PLACEHOLDER)) {
      if (!known(m[1])) problems.push({ line: i + 1, message: `未知的占位符“{{${m[1]}}}”` });
    }
  });
  return problems;
}

/** Fill one line: placeholders, then conditional blocks from the innermost out. Unknown keys are collected. */
export function fillLine(line: string, values: ReportValues, unknown: Set<string>): string {
  type Frame = { text: string; figures: (number | null)[]; blocks: number; keptBlocks: number };
  const frame = (): Frame => ({ text: '', figures: [], blocks: 0, keptBlocks: 0 });
  const stack: Frame[] = [frame()];
  const re = /\[\[|\]\]|\{\{\s*([^{}]+?)\s*\}\}/g;
  let last = 0;
  for (const m of line.matchAll(re)) {
    const top = stack[stack.length - 1];
    top.text += line.slice(last, m.index);
    last = m.index! + m[0].length;
    if (m[0] === '[[') stack.push(frame());
    else if (m[0] === ']]') {
      if (stack.length === 1) {
        top.text += m[0];
        continue;
      }
      const done = stack.pop()!;
      const parent = stack[stack.length - 1];
      // a block with figures of its own stands on them; one made only of nested blocks stands if any of them does
      const keep = done.figures.length
        ? done.figures.every((f) => f !== null) && done.figures.some((f) => f !== 0)
        : !done.blocks || done.keptBlocks > 0;
      parent.blocks++;
      if (keep) {
        parent.keptBlocks++;
        parent.text += done.text;
      }
    } else {
      const key = m[1];
      const v = values[key];
      if (!v) {
        unknown.add(key);
        top.text += m[0];
        continue;
      }
      top.text += v.text;
      if (v.figure !== undefined && !key.startsWith('同比.')) top.figures.push(v.figure);
    }
  }
  stack[stack.length - 1].text += line.slice(last);
  // an unclosed [[: keep what was written, so the user sees it rather than losing text
  while (stack.length > 1) {
    const done = stack.pop()!;
    stack[stack.length - 1].text += `[[${done.text}`;
  }
  return tidyPunctuation(stack[0].text.trim());
}

/**
 * Dropped blocks leave their neighbours' punctuation behind: "听证3件、。" or "，；". Keep the stronger mark of a
 * run of clause marks, and end a paragraph that lost its last clause with a full stop.
 */
export function tidyPunctuation(s: string): string {
  return s
    .replace(/^[，、；：。]+/, '')
    .replace(/[，、；]+(?=[。；！？）]|$)/g, (m, off: number, all: string) => (off + m.length === all.length ? '。' : ''))
    .replace(/([，、；])[，、；]+/g, (m) => [...m].reduce((a, b) => (strength(b) > strength(a) ? b : a)))
    .replace(/([。！？])[，、；：]+/g, '$1')
    .replace(/（）/g, '');
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
    const material = /^\{\{\s*(素材\.[^{}]+?)\s*\}\}$/.exec(line);
    if (material) {
      const v = values[material[1]];
      if (!v) unknown.add(material[1]);
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

/** 2026年2月5日: Arabic digits, no zero padding (GB/T 9704 成文日期). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export type ReportVariant = 'formal' | 'web';

export function reportTitle(unit: string, year: number, variant: ReportVariant): string {
  return variant === 'formal' ? `${unit}关于${year}年度法治政府建设情况的报告` : `${unit}${year}年法治政府建设年度报告`;
}
