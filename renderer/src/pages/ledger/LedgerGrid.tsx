/// <reference types="vite/client" />
// The ledger page's table: a fixed-row-height virtual grid. antd's virtual Table measured every drawn row after
// each page turn (offsetHeight and getComputedStyle, a forced layout per row) and kept its header in step with
// the body from JavaScript (another layout); at 200 rows a page that cost 2–3 long tasks per turn. Here every
// row is ROW_H pixels tall by construction (one line, clipped with an ellipsis), so which rows are in view is
// arithmetic on scrollTop, and nothing is ever measured. Header and body share one scroll box: the header is
// `position: sticky; top: 0`, the left columns `position: sticky; left: …`, so horizontal scrolling needs no
// JavaScript at all. See docs/decisions.md “台账页的表格”.
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { Checkbox, Pagination, Spin } from 'antd';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode, type RefObject, type UIEvent } from 'react';
import './LedgerGrid.css'; // typed by vite/client (the reference above)

/** every row's height in pixels, its bottom border included (as antd's small bordered table drew them here) */
export const ROW_H = 36;
/** rows drawn beyond the visible ones on each side, so a quick wheel turn does not show blank rows */
const OVERSCAN = 8;
const CHECK_W = 36;

export interface GridColumn<R> {
  key: string;
  title: string;
  width: number;
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
  'data-testid'?: string;
}

interface Layout {
  /** per column (the checkbox column first): flex sizing and, for fixed columns, the sticky offset */
  styles: CSSProperties[];
  width: number;
  /** index (in styles) of the last fixed column, which carries the shadow */
  lastFixed: number;
}

function layoutOf<R>(columns: GridColumn<R>[]): Layout {
  const styles: CSSProperties[] = [{ flex: `0 0 ${CHECK_W}px`, left: 0 }];
  let left = CHECK_W;
  let lastFixed = 0;
  let fixing = true;
  columns.forEach((c, i) => {
    fixing = fixing && c.fixed === 'left';
    if (fixing) {
      styles.push({ flex: `0 0 ${c.width}px`, left });
      left += c.width;
      lastFixed = i + 1;
    } else {
      // spare width goes to the other columns in proportion to their width, as antd's table does
      styles.push({ flex: `${c.width} 0 ${c.width}px` });
    }
  });
  return { styles, width: columns.reduce((w, c) => w + c.width, CHECK_W), lastFixed };
}

const nextSort = (sort: GridSort, field: string): GridSort => (sort?.field !== field ? { field, dir: 'asc' } : sort.dir === 'asc' ? { field, dir: 'desc' } : undefined);
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
    <div role="row" aria-rowindex={index + 2} aria-selected={selected} className={selected ? 'ledger-row ledger-row-selected' : 'ledger-row'} data-row-key={row.id} onDoubleClick={() => onOpen(row.id)}>
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
}

/** The header row; redrawn only when the columns, the order or the page's selection state change. */
const GridHeader = memo(function GridHeader<R>({ columns, layout, sort, checked, disabled, onToggleAll, onSort }: HeaderProps<R>) {
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
            </div>
          ) : (
            <div role="columnheader" key={c.key} className={cellClass(i + 1, layout)} style={layout.styles[i + 1]}>
              <span className="ledger-head-title">{c.title}</span>
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
const GridBody = memo(function GridBody<R extends { id: string }>({ scroller, head, columns, layout, rows, bodyHeight, selected, empty, onToggle, onOpen }: BodyProps<R>) {
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
      <div className="ledger-grid-inner" style={{ width: layout.width }}>
        {head}
        {rows.length ? (
          <div role="rowgroup" className="ledger-grid-body" style={{ height: rows.length * ROW_H, paddingTop: start * ROW_H }}>
            {/* keyed by position, so a page turn refills the rows already drawn instead of replacing them */}
            {rows.slice(start, end).map((r, i) => (
              <GridRow key={start + i} row={r} index={start + i} columns={columns} layout={layout} selected={selected.has(r.id)} onToggle={onToggle} onOpen={onOpen} />
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
const GridPager = memo(function GridPager({ page, pageSize, total, onChange }: { page: number; pageSize: number; total: number; onChange: (page: number, pageSize: number) => void }) {
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
  const { columns, rows, bodyHeight, loading, empty, sort, selected, page, pageSize, total } = props;
  const layout = useMemo(() => layoutOf(columns), [columns]);
  const scroller = useRef<HTMLDivElement>(null);

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
    () => <GridHeader columns={columns} layout={layout} sort={sort} checked={checked} disabled={!rows.length} onToggleAll={onToggleAll} onSort={onSort} />,
    [columns, layout, sort, checked, rows.length, onToggleAll, onSort],
  );

  return (
    <div data-testid={props['data-testid']} className="ledger-grid">
      <Spin spinning={loading} description="正在加载…">
        <GridBody scroller={scroller} head={head} columns={columns} layout={layout} rows={rows} bodyHeight={bodyHeight} selected={selectedSet} empty={empty} onToggle={onToggle} onOpen={onOpen} />
      </Spin>
      <GridPager page={page} pageSize={pageSize} total={total} onChange={onPage} />
    </div>
  );
}
