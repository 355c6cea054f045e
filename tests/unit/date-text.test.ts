// The one reading of typed dates, shared by the import and the entry form (electron/domain/text.ts).
import { describe, expect, it } from 'vitest';
import { parseCell } from '../../electron/core/exchange/cells';
import type { FieldDef } from '../../electron/domain/fields';
import { parseDateText } from '../../electron/domain/text';

const dateField: FieldDef = { key: 'receivedOn', label: '收到申请日期', type: 'date', section: '基本信息' };

const GOOD: [string, string][] = [
  ['2025-03-05', '2025-03-05'],
  ['2025-3-5', '2025-03-05'],
  ['2025/3/5', '2025-03-05'],
  ['2025/03/05', '2025-03-05'],
  ['2025.3.5', '2025-03-05'],
  ['2025年3月5日', '2025-03-05'],
  ['2025年3月5', '2025-03-05'],
  ['2025 年 3 月 5 日', '2025-03-05'],
  ['20250305', '2025-03-05'],
  ['２０２５年３月５日', '2025-03-05'],
  ['２０２５．３．５', '2025-03-05'],
  ['  2024/2/29 ', '2024-02-29'],
];
const BAD = [
  '',
  '2025',
  '2025-3',
  '202535',
  '2025030',
  '3/5/2025',
  '2025-02-30',
  '2023-02-29',
  '2025-13-01',
  '20251301',
  '2025年3月5日书面',
  '明天',
  '2025--3-5',
];

describe('parseDateText', () => {
  it('reads every form the import accepts', () => {
    for (const [text, iso] of GOOD) expect(parseDateText(text), text).toBe(iso);
  });
  it('refuses what is not a real day in a known form', () => {
    for (const text of BAD) expect(parseDateText(text), text).toBeNull();
  });
  it('is what the import reads a text cell with (same answer for every case above)', () => {
    for (const text of [...GOOD.map((g) => g[0]), ...BAD]) {
      const r = parseCell(dateField, text, true);
      const want = parseDateText(text);
      if (text.trim() === '') expect(r).toEqual({ ok: true, value: null });
      else if (want) expect(r).toEqual({ ok: true, value: want });
      else expect(r.ok, text).toBe(false);
    }
  });
});
