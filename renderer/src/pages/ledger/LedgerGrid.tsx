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
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode, type UIEvent } from 'react';
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

/** One row; redrawn only when its record, its selection or the columns change (not for the spinner or scrolling). */
const GridRow = memo(function GridRow<R extends { id: string }>({ row, index, columns, layout, selected, onToggle, onOpen }: RowProps<R>) {
  return (
    <div role="row" aria-rowindex={index + 2} aria-selected={selected} className={selected ? 'ledger-row ledger-row-selected' : 'ledger-row'} data-row-key={row.id} onDoubleClick={() => onOpen(row.id)}>
      <div role="gridcell" className={cellClass(0, layout, ' ledger-cell-check')} style={layout.styles[0]}>
        <Checkbox checked={selected} onChange={(e) => onToggle(row.id, e.target.checked)} aria-label="选择" />
      </div>
      {columns.map((c, i) => (
        <div role="gridcell" key={c.key} className={cellClass(i + 1, layout)} style={layout.styles[i + 1]} title={c.text?.(row)}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}) as <R extends { id: string }>(p: RowProps<R>) => ReactNode;

export function LedgerGrid<R extends { id: string }>(props: LedgerGridProps<R>) {
  const { columns, rows, bodyHeight, loading, empty, sort, selected, page, pageSize, total } = props;
  const layout = useMemo(() => layoutOf(columns), [columns]);
  const scroller = useRef<HTMLDivElement>(null);
  // the first row in view, from scrollTop (a state change only when it moves by a whole row), and whether the
  // grid is scrolled sideways (the fixed columns then cast a shadow)
  const [first, setFirst] = useState(0);
  const [sideways, setSideways] = useState(false);
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setFirst(Math.floor(el.scrollTop / ROW_H));
    setSideways(el.scrollLeft > 0);
  }, []);
  const toTop = () => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setFirst(0);
  };

  // the handlers the rows hold stay the same function, reading the latest selection and page through a ref, so a
  // selection redraws only the rows whose box changed
  const latest = useRef({ rows, selected, onSelect: props.onSelect, onOpen: props.onOpen });
  useLayoutEffect(() => {
    latest.current = { rows, selected, onSelect: props.onSelect, onOpen: props.onOpen };
  });
  // as antd's table did: the selection is kept to rows of the page shown (keys from another page drop out at the
  // next change)
  const onToggle = useCallback((id: string, on: boolean) => {
    const { rows: rs, selected: sel, onSelect } = latest.current;
    const here = new Set(rs.map((r) => r.id));
    const kept = sel.filter((k) => here.has(k) && k !== id);
    onSelect(on ? [...kept, id] : kept);
  }, []);
  const onOpen = useCallback((id: string) => latest.current.onOpen(id), []);

  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const onPage = rows.filter((r) => selectedSet.has(r.id)).length;
  const allChecked = rows.length > 0 && onPage === rows.length;
  const toggleAll = () => props.onSelect(allChecked ? [] : rows.map((r) => r.id));

  const visible = Math.ceil(bodyHeight / ROW_H) + 1;
  const start = Math.max(0, Math.min(first, rows.length - visible) - OVERSCAN);
  const end = Math.min(rows.length, first + visible + OVERSCAN);

  const sortBy = (field: string) => {
    props.onSort(nextSort(sort, field));
    toTop();
  };
  const sortKey = (e: KeyboardEvent, field: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      sortBy(field);
    }
  };

  return (
    <div data-testid={props['data-testid']} className="ledger-grid">
      <Spin spinning={loading} description="正在加载…">
        <div
          ref={scroller}
          role="grid"
          aria-rowcount={rows.length + 1}
          aria-colcount={columns.length + 1}
          aria-multiselectable
          aria-busy={loading}
          className={sideways ? 'ledger-grid-scroll ledger-grid-sideways' : 'ledger-grid-scroll'}
          style={{ maxHeight: bodyHeight + ROW_H + 2 }}
          onScroll={onScroll}
        >
          <div className="ledger-grid-inner" style={{ width: layout.width }}>
            <div role="rowgroup" className="ledger-grid-head">
              <div role="row" aria-rowindex={1} className="ledger-head-row">
                <div role="columnheader" className={cellClass(0, layout, ' ledger-cell-check')} style={layout.styles[0]}>
                  <Checkbox checked={allChecked} indeterminate={onPage > 0 && !allChecked} disabled={!rows.length} onChange={toggleAll} aria-label="全选当页" />
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
                      onClick={() => sortBy(c.key)}
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
            {rows.length ? (
              <div role="rowgroup" className="ledger-grid-body" style={{ height: rows.length * ROW_H, paddingTop: start * ROW_H }}>
                {rows.slice(start, end).map((r, i) => (
                  <GridRow key={r.id} row={r} index={start + i} columns={columns} layout={layout} selected={selectedSet.has(r.id)} onToggle={onToggle} onOpen={onOpen} />
                ))}
              </div>
            ) : (
              <div className="ledger-grid-empty">{empty}</div>
            )}
          </div>
        </div>
      </Spin>
      {/* as antd's table: no pager while there is nothing to page */}
      {total > 0 ? (
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
            onChange={(p, s) => {
              toTop();
              props.onPage(p, s);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
