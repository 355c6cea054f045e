// Small charts in plain SVG: horizontal bars (a distribution) and stacked monthly columns (intake per ledger).
// Every bar is a button that leads to the filtered list behind it.
import { Nothing } from './Page';

export const PALETTE = ['#1f4e8c', '#3a7bd5', '#5aa469', '#e3a32b', '#c0504d', '#8064a2', '#4bacc6', '#9bbb59'];

export interface Bar {
  label: string;
  value: number;
  href?: string;
}

/** Horizontal bars with the label on the left and the count on the right. */
export function BarList({
  bars,
  unit = '件',
  empty = '本年度暂无数据',
  color = PALETTE[0],
  testId,
}: {
  bars: Bar[];
  unit?: string;
  empty?: string;
  color?: string;
  testId?: string;
}) {
  const shown = bars.filter((b) => b.value > 0);
  if (!shown.length) return <Nothing text={empty} />;
  const max = Math.max(...shown.map((b) => b.value));
  return (
    <div data-testid={testId} style={{ display: 'grid', gridTemplateColumns: 'minmax(72px, max-content) 1fr auto', gap: '6px 10px', alignItems: 'center' }}>
      {shown.map((b) => (
        <a key={b.label} href={b.href} style={{ display: 'contents', color: 'inherit' }} aria-label={`${b.label} ${b.value}${unit}`}>
          <span style={{ fontSize: 13, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 160 }} title={b.label}>
            {b.label}
          </span>
          <span style={{ background: '#eef2f7', borderRadius: 2, height: 14, display: 'block' }}>
            <span style={{ display: 'block', height: '100%', width: `${Math.max(2, (b.value / max) * 100)}%`, background: color, borderRadius: 2 }} />
          </span>
          <span style={{ fontSize: 13, fontVariantNumeric: 'tabular-nums', minWidth: 40, textAlign: 'right' }}>
            {b.value}
            {unit}
          </span>
        </a>
      ))}
    </div>
  );
}

export interface Series {
  name: string;
  values: number[];
  color: string;
  /** link for one column segment (month index 0–11) */
  href?: (month: number) => string;
}

/** Stacked columns, one per month, with a legend. */
export function MonthlyColumns({ series, testId }: { series: Series[]; testId?: string }) {
  const totals = Array.from({ length: 12 }, (_, m) => series.reduce((a, s) => a + (s.values[m] ?? 0), 0));
  const max = Math.max(...totals);
  if (!max) return <Nothing text="本年度暂无收案" />;
  const W = 600;
  const H = 180;
  const top = 14;
  const bottom = 22;
  const left = 28;
  const colW = (W - left) / 12;
  const scale = (H - top - bottom) / max;
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  return (
    <div data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ display: 'block', maxHeight: 220 }} role="img" aria-label="各月收案数">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={W} y1={H - bottom - t * scale} y2={H - bottom - t * scale} stroke="#e5e7eb" />
            <text x={left - 4} y={H - bottom - t * scale + 4} fontSize="10" textAnchor="end" fill="#888">
              {t}
            </text>
          </g>
        ))}
        {totals.map((total, m) => {
          let y = H - bottom;
          const x = left + m * colW + colW * 0.2;
          return (
            <g key={m}>
              {series.map((s) => {
                const v = s.values[m] ?? 0;
                if (!v) return null;
                const h = v * scale;
                y -= h;
                const rect = (
                  <rect x={x} y={y} width={colW * 0.6} height={h} fill={s.color}>
                    <title>{`${m + 1}月 ${s.name}：${v}件`}</title>
                  </rect>
                );
                return s.href ? (
                  <a key={s.name} href={s.href(m)} aria-label={`${m + 1}月 ${s.name} ${v}件`}>
                    {rect}
                  </a>
                ) : (
                  <g key={s.name}>{rect}</g>
                );
              })}
              {total ? (
                <text x={x + colW * 0.3} y={y - 3} fontSize="10" textAnchor="middle" fill="#555">
                  {total}
                </text>
              ) : null}
              <text x={x + colW * 0.3} y={H - 6} fontSize="11" textAnchor="middle" fill="#666">
                {m + 1}月
              </text>
            </g>
          );
        })}
      </svg>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 14px', fontSize: 12, marginTop: 4 }}>
        {series.map((s) => (
          <span key={s.name}>
            <span style={{ display: 'inline-block', width: 10, height: 10, background: s.color, marginRight: 4, borderRadius: 2 }} />
            {s.name}
          </span>
        ))}
      </div>
    </div>
  );
}
