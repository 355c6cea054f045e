// Showing stored values in tables: yes/no in Chinese, lists joined with 、, empty as —.
import type { FieldDef, Value } from '../../electron/domain/fields';

export function showValue(f: Pick<FieldDef, 'type'> | undefined, v: Value | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.join('、') : '—';
  if (f?.type === 'decimal' && typeof v === 'number') return String(Math.round(v * 100) / 100);
  return String(v);
}

export function daysText(left: number, unit: 'days' | 'workdays'): string {
  const u = unit === 'workdays' ? '个工作日' : '日';
  if (left < 0) return `逾期 ${-left} ${u}`;
  if (left === 0) return '今日到期';
  return `剩 ${left} ${u}`;
}

export function bytesText(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function timeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
