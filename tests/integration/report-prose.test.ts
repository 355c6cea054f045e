// Every sentence of the built-in template, over every combination of zero and non-zero figures it uses (and, for
// last year's figures, of "no data" and a value), reads as finished Chinese prose: it ends with 。, no clause mark
// dangles before another or after a full stop, no clause is left without its subject (其中…, 年末在办N件。), and no
// "—" of a missing value or template syntax shows. The section rules (二、三、四 always present, numbering without
// gaps, only 五 left out) are checked over the material combinations the same way.
import { describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../electron/core/report';
import { changeInWords } from '../../electron/core/report/values';
import { METRIC_BY_KEY, formatChange } from '../../electron/domain/metrics';
import { fillLine, renderTemplate, templateKeys, type ReportValues } from '../../electron/domain/report';

/** Keys whose value is a figure (decides a block), as opposed to words and 同比 (describes one). */
const isFigure = (k: string) => METRIC_BY_KEY.has(k) || k.startsWith('上年.') || k.startsWith('指标.') || k.startsWith('分布.');

function textOf(key: string, n: number): string {
  const base = key.replace(/^上年\./, '');
  const m = METRIC_BY_KEY.get(base);
  if (key.startsWith('分布.')) return n ? `行政处罚${n}件、行政许可1件` : '';
  if (!m) return String(n);
  switch (m.format) {
    case 'rate':
      return `${n * 12.5}%`;
    case 'ratio':
      return `${n}.00:1`;
    case 'score':
      return `${n * 20}.0`;
    case 'money':
      return `${n * 100}.5`;
    default:
      return String(n);
  }
}

/** The problems of a filled paragraph as prose ('' is a paragraph left out: no problem). */
function proseFaults(t: string): string[] {
  if (!t) return [];
  const f: string[] = [];
  if (!t.endsWith('。')) f.push('不以句号结束');
  if (/^[，、；：。）]/.test(t)) f.push('以标点开头');
  if (/[，、；：（][。，、；：）]/.test(t)) f.push('标点悬空');
  if (/。[，、；：。]/.test(t)) f.push('句号后跟标点');
  if (/（）|—|\{\{|\}\}|\[\[|\]\]/.test(t)) f.push('空括号、无值或模板语法');
  for (const s of t.split('。').filter(Boolean)) {
    if (/^(其中|年末|及|和|、|，)/.test(s)) f.push(`句子缺主语：“${s}。”`);
    if (/(其中|，)$/.test(s)) f.push(`句子未完：“${s}。”`);
    // a sentence opening with nothing but short figures (驳回1件、年末在办17件) has lost the clause that named them
    if (/^([\u4e00-\u9fa5]{0,4}\d[\d.]*[件条个人次场]、?)+$/.test(s.split(/[，；]/)[0])) f.push(`句子只有数字：“${s}。”`);
  }
  return f;
}

describe('the built-in template reads as finished prose', () => {
  const lines = builtinTemplate()
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//') && !l.startsWith('#') && !l.startsWith('!!') && !/^\{\{素材\.[^}]+\}\}$/.test(l));

  it('has sentences with figures to test', () => {
    expect(lines.filter((l) => templateKeys(l).some(isFigure)).length).toBeGreaterThan(15);
  });

  it('in every combination of zero and non-zero figures of each sentence', () => {
    let combos = 0;
    const faults = new Map<string, string>();
    for (const line of lines) {
      const keys = templateKeys(line);
      const figures = keys.filter(isFigure);
      expect(figures.length, line).toBeLessThanOrEqual(18);
      for (let mask = 0; mask < 1 << figures.length; mask++) {
        const values: ReportValues = { 单位名称: { text: '清河县人民政府' }, 年度: { text: '2025' }, 下一年度: { text: '2026' } };
        figures.forEach((k, i) => {
          const on = (mask >> i) & 1;
          // last year: a value, or no data at all (a ledger the office had not used); this year: non-zero or 0
          if (k.startsWith('上年.')) values[k] = on ? { text: textOf(k, 2), figure: 2 } : { text: '—', figure: null };
          else values[k] = { text: textOf(k, on ? 3 : 0), figure: on ? 3 : 0 };
        });
        for (const k of keys.filter((x) => x.startsWith('同比.'))) {
          const base = k.slice(3);
          const m = METRIC_BY_KEY.get(base)!;
          const c = formatChange(m, values[base]?.figure ?? null, values[`上年.${base}`]?.figure ?? null);
          values[k] = { text: changeInWords(c.text), figure: c.value };
        }
        const unknown = new Set<string>();
        const t = fillLine(line, values, unknown);
        expect([...unknown], line).toEqual([]);
        combos++;
        for (const p of proseFaults(t)) if (!faults.has(p)) faults.set(p, t);
      }
    }
    expect(combos).toBeGreaterThan(1000);
    expect(Object.fromEntries(faults)).toEqual({});
  });

  it('the checker itself catches the fragments offices saw', () => {
    expect(proseFaults('驳回1件、年末在办17件。')).not.toEqual([]);
    expect(proseFaults('年末在办23件。')).not.toEqual([]);
    expect(proseFaults('开展普法活动—场。')).not.toEqual([]);
    expect(proseFaults('全年收到行政复议申请5件（上年3件，同比增加2件）。')).toEqual([]);
  });
});

describe('sections', () => {
  const MATERIALS = ['工作亮点', '存在的不足和原因', '第一责任人履职情况', '下一年度工作安排', '其他需要报告的事项'];

  it('一 to 四 are always present and numbered without gaps, with a 待填写 paragraph where the material is missing; only 五 may go', () => {
    for (let mask = 0; mask < 1 << MATERIALS.length; mask++) {
      const values: ReportValues = { 单位名称: { text: '清河县人民政府' }, 年度: { text: '2025' }, 下一年度: { text: '2026' } };
      for (const k of templateKeys(builtinTemplate())) if (!(k in values)) values[k] = isFigure(k) ? { text: '0', figure: 0 } : { text: '' };
      MATERIALS.forEach((m, i) => (values[`素材.${m}`] = { text: (mask >> i) & 1 ? `${m}的内容。` : '' }));
      const { blocks, unknownKeys } = renderTemplate(builtinTemplate(), values);
      expect(unknownKeys).toEqual([]);
      const h1 = blocks.filter((b) => b.kind === 'h1').map((b) => b.text);
      const numbers = h1.map((h) => /^([一二三四五])、/.exec(h)?.[1]);
      const hasOther = (mask >> 4) & 1;
      expect(numbers, String(mask)).toEqual(hasOther ? ['一', '二', '三', '四', '五'] : ['一', '二', '三', '四']);
      expect(h1[1]).toContain('存在的不足和原因');
      expect(h1[3]).toContain('2026年推进法治政府建设的主要安排');
      // a section without its material carries exactly one 待填写 paragraph; with it, none
      for (const [i, name] of [
        [1, '存在的不足和原因'],
        [2, '第一责任人履职情况'],
        [3, '下一年度工作安排'],
      ] as const) {
        const start = blocks.findIndex((b) => b.text === h1[i]);
        const end = blocks.findIndex((b, j) => j > start && b.kind === 'h1');
        const body = blocks.slice(start + 1, end < 0 ? undefined : end);
        const written = (mask >> MATERIALS.indexOf(name)) & 1;
        expect(body.filter((b) => b.todo).length, `${name} ${mask}`).toBe(written ? 0 : 1);
        if (!written) expect(body.find((b) => b.todo)!.text).toMatch(/^待填写：/);
      }
      // the sub-sections of 一 are numbered without gaps too
      const h2 = blocks.filter((b) => b.kind === 'h2').map((b) => /^（(.+?)）/.exec(b.text)?.[1]);
      expect(h2).toEqual(['一', '二', '三', '四', '五', '六', '七'].slice(0, h2.length));
    }
  });
});
