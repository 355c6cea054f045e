import { describe, expect, it } from 'vitest';
import { formatChange, formatMetric, metricValue, round } from '../../electron/domain/metrics';
import { normaliseText } from '../../electron/core/exchange/cells';

describe('formatting per DOMAIN.md §8', () => {
  it('counts are integers, money keeps up to 2 decimals', () => {
    expect(formatMetric('count', 41)).toBe('41');
    expect(formatMetric('money', 12345.67)).toBe('12345.67');
    expect(formatMetric('money', 100)).toBe('100');
    expect(formatMetric('money', 0.1 + 0.2)).toBe('0.3');
    expect(formatMetric('money', 2.5)).toBe('2.5');
  });

  it('rates are percentages with 2 decimals and trailing zeros dropped; no denominator is —', () => {
    expect(formatMetric('rate', 21 / 24)).toBe('87.5%');
    expect(formatMetric('rate', 0.52)).toBe('52%');
    expect(formatMetric('rate', 0.9899)).toBe('98.99%');
    expect(formatMetric('rate', 2 / 3)).toBe('66.67%');
    expect(formatMetric('rate', 1)).toBe('100%');
    expect(formatMetric('rate', 0)).toBe('0%');
    expect(formatMetric('rate', null)).toBe('—');
    expect(metricValue('rate', 21 / 24)).toBe(87.5);
  });

  it('ratios are a:1 with 2 decimals, average scores 1 decimal', () => {
    expect(formatMetric('ratio', 4.1549)).toBe('4.15:1');
    expect(formatMetric('ratio', 4.125)).toBe('4.13:1');
    expect(formatMetric('ratio', 3)).toBe('3.00:1');
    expect(formatMetric('score', 74.5)).toBe('74.5');
    expect(formatMetric('score', 78.75)).toBe('78.8');
    expect(formatMetric('score', 80)).toBe('80.0');
  });

  it('rounds half away from zero without binary noise', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(-1.005, 2)).toBe(-1.01);
    expect(round(2.675, 2)).toBe(2.68);
  });

  it('writes the change against last year', () => {
    expect(formatChange({ format: 'count', unit: '件' }, 10, 7).text).toBe('+3件');
    expect(formatChange({ format: 'count', unit: '件' }, 6, 7).text).toBe('−1件');
    expect(formatChange({ format: 'rate', unit: '%' }, 0.5, 0.515)).toEqual({ value: -1.5, text: '−1.5个百分点' });
    expect(formatChange({ format: 'count', unit: '件' }, 7, 7).text).toBe('持平');
    expect(formatChange({ format: 'rate', unit: '%' }, 0.5, null).text).toBe('—');
  });
});

describe('normaliseText', () => {
  it('turns every full-width digit, letter, bracket, colon, comma, dot, dash, slash and odd space half-width in one pass', () => {
    // the former three-pass version, as the reference
    const FW: Record<string, string> = { '（': '(', '）': ')', '\u3000': ' ', '：': ':', '，': ',', '．': '.', '－': '-', '／': '/' };
    const old = (s: string) =>
      s
        .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/[（）\u3000：，．－／]/g, (c) => FW[c])
        .replace(/[\u00a0\u200b\ufeff]/g, ' ')
        .trim();
    let all = '';
    for (let c = 0xff00; c <= 0xff65; c++) all += String.fromCharCode(c);
    for (const s of [all, `\u3000（甲）：１２３，ＡＢＣ．ｘｙｚ－／\u00a0\u200b\ufeff尾\u3000`, '普通文字', '']) expect(normaliseText(s)).toBe(old(s));
    expect(normaliseText('（２０２５）某行初字第１２号')).toBe('(2025)某行初字第12号');
  });
});
