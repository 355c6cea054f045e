/// <reference types="vite/client" />
// The ledger page's table: a fixed-row-height virtual grid. antd's virtual Table measured every drawn row after
// each page turn (offsetHeight and getComputedStyle, a forced layout per row) and kept its header in step with
// the body from JavaScript (another layout); at 200 rows a page that cost 2–3 long tasks per turn. Here every
// row is ROW_H pixels tall by construction (one line, clipped with an ellipsis), so which rows are in view is
// arithmetic on scrollTop, and nothing is ever measured. Header and body share one scroll box: the header is
// `position: sticky; top: 0`, the left columns `position: sticky; left: …`, so horizontal scrolling needs no
// JavaScript at all. See docs/decisions.md “台账页的表格”.
//
// Column widths live in CSS variables on the grid (`--wN` width, `--gN` share of spare width, `--lN` sticky
// offset, `--grid-w` the total), and every cell's style only names its variables: dragging a header's right edge
// rewrites a few variables on one element per mouse move — no row re-renders, React is told once on release —
// and the widths are remembered per ledger and column (localStorage). A column with `fit` is as wide as its
// longest text on the page (measured on a canvas, not in the layout), so a 案号 is not cut off.
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { Checkbox, Pagination, Spin } from 'antd';
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  type RefObject,
  type UIEvent,
} from 'react';
import './LedgerGrid.css'; // typed by vite/client (the reference above)

/** every row's height in pixels, its bottom border included (as antd's small bordered table drew them here) */
export const ROW_H = 36;
/** rows drawn beyond the visible ones on each side, so a quick wheel turn does not show blank rows */
const OVERSCAN = 8;
const CHECK_W = 36;

export interface GridColumn<R> {
  key: string;
  title: string;
  /** the width before any resizing (at least as wide as its text with `fit`) */
  width: number;
  /** size the column to the longest of these texts on the page */
  fit?: (row: R) => string;
  /** stays in view when scrolling sideways (only leading columns) */
  fixed?: 'left';
  sortable?: boolean;
  render: (row: R) => ReactNode;
  /** the cell's full text, shown on hover (the `title` attribute) when the cell is cut short */
  text?: (row: R) => string | undefined;
}

export type GridSort = { field: string; dir: 'asc' | 'desc' } | undefined;

export interface LedgerGridProps<R extends { id: string }> {
  columns: GridColumn<R>[];
  rows: R[];
  /** the body's height in pixels (the header comes on top of it) */
  bodyHeight: number;
  loading: boolean;
  /** shown instead of rows when there are none */
  empty: ReactNode;
  sort: GridSort;
  onSort: (sort: GridSort) => void;
  selected: string[];
  onSelect: (ids: string[]) => void;
  /** a row double-clicked */
  onOpen: (id: string) => void;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number, pageSize: number) => void;
  /** where resized widths are remembered (localStorage `fazhi.columnWidths.<key>`); without it they are not */
  widthsKey?: string;
  'data-testid'?: string;
}

interface Layout {
  /** per column (the checkbox column first): flex sizing and, for fixed columns, the sticky offset, as variables */
  styles: CSSProperties[];
  /** index (in styles) of the last fixed column, which carries the shadow */
  lastFixed: number;
}

/** The cells' styles: variables only, so a change of width leaves every row's props as they were. */
function layoutOf<R>(columns: GridColumn<R>[]): Layout {
  const styles: CSSProperties[] = [{ flex: `0 0 ${CHECK_W}px`, left: 0 }];
  let lastFixed = 0;
  let fixing = true;
  columns.forEach((c, i) => {
    const n = i + 1;
    fixing = fixing && c.fixed === 'left';
    if (fixing) {
      styles.push({ flex: `0 0 var(--w${n})`, left: `var(--l${n})` });
      lastFixed = n;
    } else {
      // spare width goes to the other columns in proportion to their width, as antd's table does (a column the
      // user sized keeps its size: --gN is 0)
      styles.push({ flex: `var(--g${n}) 0 var(--w${n})` });
    }
  });
  return { styles, lastFixed };
}

const MIN_W = 48;
/** a fitted column never takes more than this (a stray long text would push the rest off screen) */
const FIT_MAX = 360;
const widthsStore = (key: string) => `fazhi.columnWidths.${key}`;

function loadWidths(key: string | undefined): Record<string, number> {
  if (!key) return {};
  try {
    const v = JSON.parse(localStorage.getItem(widthsStore(key)) ?? '{}') as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] >= MIN_W && e[1] <= 2000));
    }
  } catch {
    // unreadable: the declaration's widths
  }
  return {};
}

let canvas: HTMLCanvasElement | null = null;
/** The drawn width of texts in the grid's font, from a canvas (no layout of the page is forced). */
function textWidth(texts: Iterable<string>, font: string): number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  ctx.font = font;
  let w = 0;
  for (const t of texts) w = Math.max(w, ctx.measureText(t).width);
  return Math.ceil(w);
}

/** The CSS variables of the widths (see the top of this file). */
function sizeVars<R>(columns: GridColumn<R>[], widths: number[], sized: boolean[]): Record<string, string> {
  const v: Record<string, string> = {};
  let left = CHECK_W;
  let total = CHECK_W;
  let fixing = true;
  columns.forEach((c, i) => {
    const n = i + 1;
    const w = widths[i];
    v[`--w${n}`] = `${w}px`;
    v[`--g${n}`] = sized[i] ? '0' : String(w);
    fixing = fixing && c.fixed === 'left';
    if (fixing) {
      v[`--l${n}`] = `${left}px`;
      left += w;
    }
    total += w;
  });
  v['--grid-w'] = `${total}px`;
  return v;
}

const nextSort = (sort: GridSort, field: string): GridSort =>
  sort?.field !== field ? { field, dir: 'asc' } : sort.dir === 'asc' ? { field, dir: 'desc' } : undefined;
const ariaSort = (sort: GridSort, field: string) => (sort?.field !== field ? 'none' : sort.dir === 'asc' ? 'ascending' : 'descending');

function cellClass(i: number, layout: Layout, extra = ''): string {
  return `ledger-cell${i <= layout.lastFixed ? ' ledger-cell-fixed' : ''}${i === layout.lastFixed ? ' ledger-cell-fixed-last' : ''}${extra}`;
}

interface RowProps<R extends { id: string }> {
  row: R;
  index: number;
  columns: GridColumn<R>[];
  layout: Layout;
  selected: boolean;
  onToggle: (id: string, on: boolean) => void;
  onOpen: (id: string) => void;
}

/**
 * A status tag drawn as antd's filled Tag (same size and preset colours: red, orange, blue, green) without an antd
 * component per row; `title` explains it on hover.
 */
export function GridTag({ color, title, children, ...rest }: { color: string; title?: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <span className={`ledger-tag ledger-tag-${color}`} title={title} {...rest}>
      {children}
    </span>
  );
}

/**
 * One row; redrawn only when its record, its selection or the columns change (not for the spinner or scrolling).
 * The checkbox is a plain input drawn like antd's (a row mounts no antd component of its own).
 */
const GridRow = memo(function GridRow<R extends { id: string }>({ row, index, columns, layout, selected, onToggle, onOpen }: RowProps<R>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={selected ? 'ledger-row ledger-row-selected' : 'ledger-row'}
      data-row-key={row.id}
      onDoubleClick={() => onOpen(row.id)}
    >
      <div role="gridcell" className={cellClass(0, layout, ' ledger-cell-check')} style={layout.styles[0]}>
        <input type="checkbox" className="ledger-check" checked={selected} onChange={(e) => onToggle(row.id, e.target.checked)} aria-label="选择" />
      </div>
      {columns.map((c, i) => (
        <div role="gridcell" key={c.key} className={cellClass(i + 1, layout)} style={layout.styles[i + 1]} title={c.text?.(row)}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}) as <R extends { id: string }>(p: RowProps<R>) => ReactNode;

interface HeaderProps<R> {
  columns: GridColumn<R>[];
  layout: Layout;
  sort: GridSort;
  /** how much of the page is selected */
  checked: 'all' | 'some' | 'none';
  disabled: boolean;
  onToggleAll: () => void;
  onSort: (field: string) => void;
  /** a drag on a header's right edge began (column index) */
  onResizeStart: (index: number, e: ReactPointerEvent<HTMLElement>) => void;
  /** a double click on it: back to the automatic width */
  onResizeReset: (index: number) => void;
}

/** The drag handle on a header's right edge. */
function ResizeHandle({
  index,
  title,
  onStart,
  onReset,
}: {
  index: number;
  title: string;
  onStart: HeaderProps<unknown>['onResizeStart'];
  onReset: (i: number) => void;
}) {
  return (
    <span
      className="ledger-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={`调整“${title}”列宽`}
      title="拖动调整列宽，双击恢复"
      data-testid="column-resize"
      onPointerDown={(e) => onStart(index, e)}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation();
        onReset(index);
      }}
    />
  );
}

/** The header row; redrawn only when the columns, the order or the page's selection state change. */
const GridHeader = memo(function GridHeader<R>({
  columns,
  layout,
  sort,
  checked,
  disabled,
  onToggleAll,
  onSort,
  onResizeStart,
  onResizeReset,
}: HeaderProps<R>) {
  const sortKey = (e: KeyboardEvent, field: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSort(field);
    }
  };
  return (
    <div role="rowgroup" className="ledger-grid-head">
      <div role="row" aria-rowindex={1} className="ledger-head-row">
        <div role="columnheader" className={cellClass(0, layout, ' ledger-cell-check')} style={layout.styles[0]}>
          <Checkbox checked={checked === 'all'} indeterminate={checked === 'some'} disabled={disabled} onChange={onToggleAll} aria-label="全选当页" />
        </div>
        {columns.map((c, i) =>
          c.sortable ? (
            <div
              role="columnheader"
              key={c.key}
              aria-sort={ariaSort(sort, c.key)}
              tabIndex={0}
              title={`${c.title}（点击排序）`}
              className={cellClass(i + 1, layout, ' ledger-head-sortable')}
              style={layout.styles[i + 1]}
              onClick={() => onSort(c.key)}
              onKeyDown={(e) => sortKey(e, c.key)}
            >
              <span className="ledger-head-title">{c.title}</span>
              <span className="ledger-sorter" aria-hidden>
                <CaretUpOutlined className={sort?.field === c.key && sort.dir === 'asc' ? 'ledger-sorter-on' : undefined} />
                <CaretDownOutlined className={sort?.field === c.key && sort.dir === 'desc' ? 'ledger-sorter-on' : undefined} />
              </span>
              <ResizeHandle index={i} title={c.title} onStart={onResizeStart} onReset={onResizeReset} />
            </div>
          ) : (
            <div role="columnheader" key={c.key} className={cellClass(i + 1, layout)} style={layout.styles[i + 1]}>
              <span className="ledger-head-title">{c.title}</span>
              <ResizeHandle index={i} title={c.title} onStart={onResizeStart} onReset={onResizeReset} />
            </div>
          ),
        )}
      </div>
    </div>
  );
}) as <R>(p: HeaderProps<R>) => ReactNode;

interface BodyProps<R extends { id: string }> {
  scroller: RefObject<HTMLDivElement | null>;
  head: ReactNode;
  columns: GridColumn<R>[];
  layout: Layout;
  rows: R[];
  bodyHeight: number;
  selected: Set<string>;
  empty: ReactNode;
  onToggle: (id: string, on: boolean) => void;
  onOpen: (id: string) => void;
}

/**
 * The scroll box: the only part that redraws while scrolling (the spinner, the pager and the header around it do
 * not), and then only to add the rows coming into view and drop those leaving it.
 */
const GridBody = memo(function GridBody<R extends { id: string }>({
  scroller,
  head,
  columns,
  layout,
  rows,
  bodyHeight,
  selected,
  empty,
  onToggle,
  onOpen,
}: BodyProps<R>) {
  // the first row in view, from scrollTop (a state change only when it moves by a whole row), and whether the
  // grid is scrolled sideways (the fixed columns then cast a shadow)
  const [first, setFirst] = useState(0);
  const [sideways, setSideways] = useState(false);
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setFirst(Math.floor(el.scrollTop / ROW_H));
    setSideways(el.scrollLeft > 0);
  }, []);
  const visible = Math.ceil(bodyHeight / ROW_H) + 1;
  const start = Math.max(0, Math.min(first, rows.length - visible) - OVERSCAN);
  const end = Math.min(rows.length, first + visible + OVERSCAN);
  return (
    <div
      ref={scroller}
      role="grid"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable
      className={sideways ? 'ledger-grid-scroll ledger-grid-sideways' : 'ledger-grid-scroll'}
      style={{ maxHeight: bodyHeight + ROW_H + 2 }}
      onScroll={onScroll}
    >
      <div className="ledger-grid-inner">
        {head}
        {rows.length ? (
          <div role="rowgroup" className="ledger-grid-body" style={{ height: rows.length * ROW_H, paddingTop: start * ROW_H }}>
            {/* keyed by position, so a page turn refills the rows already drawn instead of replacing them */}
            {rows.slice(start, end).map((r, i) => (
              <GridRow
                key={start + i}
                row={r}
                index={start + i}
                columns={columns}
                layout={layout}
                selected={selected.has(r.id)}
                onToggle={onToggle}
                onOpen={onOpen}
              />
            ))}
          </div>
        ) : (
          <div className="ledger-grid-empty">{empty}</div>
        )}
      </div>
    </div>
  );
}) as <R extends { id: string }>(p: BodyProps<R>) => ReactNode;

/** The pager, apart so that neither scrolling nor the spinner redraws it. */
const GridPager = memo(function GridPager({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}) {
  // as antd's table: no pager while there is nothing to page
  if (!total) return null;
  return (
    <div className="ledger-grid-pagination">
      <Pagination
        current={page}
        pageSize={pageSize}
        total={total}
        size="small"
        showTotal={(t) => `共 ${t} 条`}
        showSizeChanger
        pageSizeOptions={[20, 50, 100, 200]}
        showQuickJumper={total > 500}
        onChange={onChange}
      />
    </div>
  );
});

export function LedgerGrid<R extends { id: string }>(props: LedgerGridProps<R>) {
  const { columns, rows, bodyHeight, loading, empty, sort, selected, page, pageSize, total, widthsKey } = props;
  const layout = useMemo(() => layoutOf(columns), [columns]);
  const scroller = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);

  // widths: what the user dragged (remembered), else the column's own, widened to its texts with `fit`
  const [savedState, setSavedState] = useState(() => ({ key: widthsKey, widths: loadWidths(widthsKey) }));
  const saved = savedState.key === widthsKey ? savedState.widths : loadWidths(widthsKey);
  const fitted = useMemo(() => {
    if (!columns.some((c) => c.fit) || !rows.length) return null;
    const font = `14px ${getComputedStyle(document.body).fontFamily}`;
    // 8 px of padding each side, a pixel of border, and a little air
    return columns.map((c) => (c.fit ? Math.min(FIT_MAX, textWidth(new Set(rows.map(c.fit)), font) + 16 + 1 + 4) : 0));
  }, [columns, rows]);
  const widths = useMemo(() => columns.map((c, i) => saved[c.key] ?? Math.max(c.width, fitted?.[i] ?? 0)), [columns, saved, fitted]);
  const sized = useMemo(() => columns.map((c) => saved[c.key] !== undefined), [columns, saved]);
  const vars = useMemo(() => sizeVars(columns, widths, sized) as CSSProperties, [columns, widths, sized]);
  // what a drag starts from, read by the handlers without making them new functions
  const latestCols = useRef(columns);
  const latestWidths = useRef(widths);
  const latestSized = useRef(sized);
  useLayoutEffect(() => {
    latestCols.current = columns;
    latestWidths.current = widths;
    latestSized.current = sized;
  });

  const onResizeStart = useCallback(
    (index: number, e: ReactPointerEvent<HTMLElement>) => {
      e.preventDefault();
      e.stopPropagation();
      const handle = e.currentTarget;
      handle.setPointerCapture(e.pointerId);
      const startX = e.clientX;
      // the column's drawn width (it may have had a share of spare width) is where the drag starts
      const start = handle.parentElement!.getBoundingClientRect().width;
      const cols = latestCols.current;
      const now = [...latestWidths.current];
      const sizedNow = cols.map((_, i) => latestSized.current[i] || i === index);
      let w = start;
      const move = (ev: PointerEvent) => {
        w = Math.max(MIN_W, Math.round(start + ev.clientX - startX));
        now[index] = w;
        // one element's variables per move: no React render, no row touched
        const v = sizeVars(cols, now, sizedNow);
        for (const [k, val] of Object.entries(v)) box.current?.style.setProperty(k, val);
      };
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', up);
        const next = { ...loadWidths(widthsKey), [cols[index].key]: w };
        if (widthsKey) localStorage.setItem(widthsStore(widthsKey), JSON.stringify(next));
        setSavedState({ key: widthsKey, widths: next });
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', up);
    },
    [widthsKey],
  );
  const onResizeReset = useCallback(
    (index: number) => {
      const next = { ...loadWidths(widthsKey) };
      delete next[latestCols.current[index].key];
      if (widthsKey) localStorage.setItem(widthsStore(widthsKey), JSON.stringify(next));
      setSavedState({ key: widthsKey, widths: next });
    },
    [widthsKey],
  );

  // the handlers given to the rows, header and pager stay the same functions, reading the latest props through a
  // ref, so a selection redraws only the rows whose box changed and the spinner redraws nothing
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const toTop = useCallback(() => {
    // the scroll event that follows brings the first rows back
    if (scroller.current) scroller.current.scrollTop = 0;
  }, []);
  // as antd's table did: the selection is kept to rows of the page shown (keys from another page drop out at the
  // next change)
  const onToggle = useCallback((id: string, on: boolean) => {
    const { rows: rs, selected: sel, onSelect } = latest.current;
    const here = new Set(rs.map((r) => r.id));
    const kept = sel.filter((k) => here.has(k) && k !== id);
    onSelect(on ? [...kept, id] : kept);
  }, []);
  const onToggleAll = useCallback(() => {
    const { rows: rs, selected: sel, onSelect } = latest.current;
    const chosen = new Set(sel);
    onSelect(rs.length && rs.every((r) => chosen.has(r.id)) ? [] : rs.map((r) => r.id));
  }, []);
  const onOpen = useCallback((id: string) => latest.current.onOpen(id), []);
  const onSort = useCallback(
    (field: string) => {
      latest.current.onSort(nextSort(latest.current.sort, field));
      toTop();
    },
    [toTop],
  );
  const onPage = useCallback(
    (p: number, s: number) => {
      toTop();
      latest.current.onPage(p, s);
    },
    [toTop],
  );

  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const onThisPage = rows.filter((r) => selectedSet.has(r.id)).length;
  const checked = rows.length > 0 && onThisPage === rows.length ? 'all' : onThisPage > 0 ? 'some' : 'none';
  const head = useMemo(
    () => (
      <GridHeader
        columns={columns}
        layout={layout}
        sort={sort}
        checked={checked}
        disabled={!rows.length}
        onToggleAll={onToggleAll}
        onSort={onSort}
        onResizeStart={onResizeStart}
        onResizeReset={onResizeReset}
      />
    ),
    [columns, layout, sort, checked, rows.length, onToggleAll, onSort, onResizeStart, onResizeReset],
  );

  return (
    <div data-testid={props['data-testid']} className="ledger-grid" ref={box} style={vars}>
      <Spin spinning={loading} description="正在加载…">
        <GridBody
          scroller={scroller}
          head={head}
          columns={columns}
          layout={layout}
          rows={rows}
          bodyHeight={bodyHeight}
          selected={selectedSet}
          empty={empty}
          onToggle={onToggle}
          onOpen={onOpen}
        />
      </Spin>
      <GridPager page={page} pageSize={pageSize} total={total} onChange={onPage} />
    </div>
  );
}
