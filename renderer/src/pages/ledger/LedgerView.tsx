// A ledger's page, drawn entirely from its declaration: the server-paged table (year from the header, filters
// for every choice, yes/no and date field, search, sort, paging), status tags from the deadlines, a column
// chooser remembered per ledger, multi-select to export or delete, import/export, and the record drawer.
// Filters, search and the open record live in the address (query.ts), so the 工作台 can link straight here.
import {
  DeleteOutlined,
  DownloadOutlined,
  FileWordOutlined,
  FilterOutlined,
  PlusOutlined,
  SearchOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Badge, Button, Checkbox, DatePicker, Dropdown, Input, Popover, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RecordView } from '../../../../electron/domain/api';
import { sortableField, type FieldDef, type LedgerKind } from '../../../../electron/domain/fields';
import { LEDGERS } from '../../../../electron/domain/ledgers';
import { UNIT_COLUMN } from '../../../../electron/domain/units';
import { call } from '../../api';
import { LoadError, Nothing, PageTitle } from '../../components/Page';
import { ScopeSelect } from '../../components/ScopeSelect';
import { useApp } from '../../context';
import { exportAndSave } from '../../files';
import { showValue } from '../../format';
import { useAction, useApi } from '../../hooks';
import { onDataChanged } from '../../office';

import { PrintButton } from '../../print/PrintSheet';
import { LedgerPageSheet } from '../../print/Sheets';
import { href, navigate, useRoute } from '../../router';
import { downloadTemplate, ImportDialog } from './ImportDialog';
import { GridTag, LedgerGrid, type GridColumn } from './LedgerGrid';
import { filterableFields, filtersFromQuery, filterText, withQuery } from './query';
import { deleteWithUndo, RecordDrawer } from './RecordDrawer';
import { boardIndex, statusOf } from './status';
import { TaskProgress } from '../../components/ImportUndo';

const colsKey = (kind: LedgerKind) => `fazhi.columns.${kind}`;

function loadColumns(kind: LedgerKind): string[] {
  const def = LEDGERS[kind];
  try {
    const saved = JSON.parse(localStorage.getItem(colsKey(kind)) ?? 'null') as unknown;
    if (Array.isArray(saved)) {
      const keys = saved.filter((k): k is string => typeof k === 'string' && def.fields.some((f) => f.key === k));
      if (keys.length) return keys;
    }
  } catch {
    // fall back to the declaration's columns
  }
  return def.defaultColumns;
}

function FilterControl({ f, raw, onChange }: { f: FieldDef; raw: string | null; onChange: (v: string | null) => void }) {
  const style = { width: '100%' };
  if (f.type === 'date') {
    const [from, to] = raw?.includes('..') ? raw.split('..') : ['', ''];
    return (
      <DatePicker.RangePicker
        style={style}
        size="small"
        aria-label={f.label}
        placeholder={['开始日期', '结束日期']}
        allowEmpty={[true, true]}
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        onChange={(v) => {
          const a = v?.[0]?.format('YYYY-MM-DD') ?? '';
          const b = v?.[1]?.format('YYYY-MM-DD') ?? '';
          onChange(a || b ? `${a}..${b}` : null);
        }}
      />
    );
  }
  if (f.type === 'bool') {
    return (
      <Select
        style={style}
        size="small"
        aria-label={f.label}
        allowClear
        placeholder="不限"
        value={raw ?? undefined}
        onChange={(v: string | undefined) => onChange(v ?? null)}
        options={[
          { value: '是', label: '是' },
          { value: '否', label: '否' },
        ]}
      />
    );
  }
  return (
    <Select
      style={style}
      size="small"
      mode="multiple"
      maxTagCount="responsive"
      aria-label={f.label}
      allowClear
      placeholder="不限"
      value={raw ? raw.split(',') : []}
      onChange={(v: string[]) => onChange(v.length ? v.join(',') : null)}
      options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
    />
  );
}

/** a small RangePicker shows both dates of `2025-01-01 → 2025-12-31` whole from this width */
const FILTER_CONTROL_MIN = 250;

const NONE: string[] = [];
const NO_ROWS: RecordView[] = [];

export default function LedgerView({ kind }: { kind: LedgerKind }) {
  const def = LEDGERS[kind];
  const { year, refresh, readOnly, office } = useApp();
  // issue 20: 本级 (undefined), 全部, or a unit: whose rows the list shows
  const [unitScope, setUnitScope] = useState<string | undefined>(undefined);
  const { message, modal } = App.useApp();
  const route = useRoute();
  const query = route.query;
  const go = useCallback((patch: Record<string, string | null | undefined>) => navigate(`/ledger/${kind}`, withQuery(query, patch)), [kind, query]);

  const fieldMap = useMemo(() => new Map(def.fields.map((f) => [f.key, f] as [string, FieldDef])), [def]);
  const filters = useMemo(() => filtersFromQuery(kind, query), [kind, query]);
  const filterKey = JSON.stringify(filters);
  const q = query.get('q') ?? '';
  const qYear = query.get('year');
  const listYear = qYear === 'all' ? undefined : qYear && /^\d{4}$/.test(qYear) ? Number(qYear) : year;

  // a new filter, search or year starts from the first page with nothing selected
  // openAt=<date>: the cases 在办 at the end of that day (the report's 在办 link; the statistics' rule)
  const openAt = /^\d{4}-\d{2}-\d{2}$/.test(query.get('openAt') ?? '') ? query.get('openAt')! : undefined;
  const scope = JSON.stringify([filterKey, q, listYear, openAt]);
  const [pagingState, setPagingState] = useState({ scope, page: 1, pageSize: 50 });
  const paging = { page: pagingState.scope === scope ? pagingState.page : 1, pageSize: pagingState.pageSize };
  const setPaging = (p: { page: number; pageSize: number }) => setPagingState({ scope, ...p });
  const [selectedState, setSelectedState] = useState<{ scope: string; ids: string[] }>({ scope, ids: [] });
  const selected = selectedState.scope === scope ? selectedState.ids : NONE;
  const setSelected = (ids: string[]) => setSelectedState({ scope, ids });
  const [sort, setSort] = useState<{ field: string; dir: 'asc' | 'desc' } | undefined>(undefined);
  const [columns, setColumns] = useState<string[]>(() => loadColumns(kind));
  const [showFilters, setShowFilters] = useState(false);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const { busy: exporting, run } = useAction();

  const windowHeight = useWindowHeight();
  const commitSearch = useCallback((text: string) => go({ q: text || null, id: null }), [go]);
  const listInput = { kind, year: listYear, filters, openAt, q: q || undefined, sort, ...paging, ...(unitScope ? { scope: unitScope } : {}) };
  const list = useApi('ledger.list', listInput);
  // the page's overdue and due-soon items come with the page (the whole board is thousands of items at scale)
  const boardMap = useMemo(() => boardIndex(list.data?.due), [list.data]);
  const reload = useCallback(() => {
    list.reload();
    refresh();
  }, [list, refresh]);
  // office mode: a colleague's change to this ledger reloads the page of the list (pushed by the host, no polling)
  const reloadList = list.reload;
  useEffect(() => onDataChanged((e) => (e.kind === null || e.kind === kind) && reloadList()), [kind, reloadList]);
  // 我的案件: the rows whose 承办人 is the signed-in colleague (a filter in the address, like any other)
  const mine = !!office && query.get('handler') === office.user.name;

  const openId = query.get('id');
  const openRecord = (id: string) => go({ id });
  const closeRecord = () => go({ id: null });

  // menu commands (Electron) arrive as ?cmd=
  const cmd = query.get('cmd');
  useEffect(() => {
    if (!cmd) return;
    const t = setTimeout(() => {
      if (cmd === 'new') setCreating(true);
      else if (cmd === 'import') setImporting(true);
      else if (cmd === 'export') void exportRows('xlsx', null);
      go({ cmd: null });
    }, 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- act once per command
  }, [cmd]);

  // Ctrl+N: a new record (when no record is open)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        if (!creating && !openId) setCreating(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [creating, openId]);

  const saveColumns = (keys: string[]) => {
    const ordered = def.fields.map((f) => f.key).filter((k) => keys.includes(k));
    setColumns(ordered);
    localStorage.setItem(colsKey(kind), JSON.stringify(ordered));
  };

  /** Excel/CSV carry every field (so the file re-imports); Word is a printed ledger of the columns shown. */
  function exportRows(format: 'xlsx' | 'csv' | 'docx', ids: string[] | null) {
    return run(async () => {
      const all =
        ids ?? (await call('ledger.ids', { kind, year: listYear, filters, openAt, q: q || undefined, sort, ...(unitScope ? { scope: unitScope } : {}) })).ids;
      if (!all.length) {
        void message.warning('没有可导出的记录');
        return;
      }
      const out = await exportAndSave(
        {
          kind,
          format,
          ids: all,
          ...(listYear ? { year: listYear } : {}),
          ...(format === 'docx' ? { columns } : {}),
          ...(unitScope ? { scope: unitScope } : {}),
        },
        `导出${def.shortName}`,
      );
      if (out) void message.success(`已导出 ${out.count} 条记录：${out.where}`);
    });
  }

  const removeSelected = () => {
    const ids = selected;
    modal.confirm({
      title: `删除选中的 ${ids.length} 条记录？`,
      content: '删除后可在回收站恢复。',
      okText: '删除',
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' },
      cancelText: '取消',
      onOk: async () => {
        try {
          await deleteWithUndo(kind, ids, message, reload);
          setSelected([]);
        } catch (e) {
          void message.error((e as Error).message);
        }
      },
    });
  };

  // 填报单位 (issue 20): each row's unit by name, the last column once the tree has units besides the own one (a
  // file without units looks as before); a row without unitId is the own unit's
  const unitList = useApi('units.list', {}).data?.units;
  const unitNames = useMemo(() => {
    if (!unitList || unitList.length < 2) return null;
    const own = unitList.find((u) => u.own)?.name ?? '本级';
    const byId = new Map(unitList.map((u) => [u.id, u.name]));
    return (r: RecordView) => (r.unitId === undefined ? own : (byId.get(r.unitId) ?? ''));
  }, [unitList]);

  // the same column objects while only the rows change: a page turn's first render (the spinner) and a selection
  // then leave the drawn cells alone
  const tableColumns = useMemo(
    (): GridColumn<RecordView>[] => [
      ...(def.deadlines.length
        ? [
            {
              key: '__status',
              title: '状态',
              width: 86,
              fixed: 'left' as const,
              // the tag explains itself on hover (a title attribute: no tooltip or tag component per row)
              render: (r: RecordView) => {
                const s = statusOf(def, r.id, r.values, boardMap);
                return s ? (
                  <GridTag color={s.color} data-testid="status-tag" title={s.title}>
                    {s.text}
                  </GridTag>
                ) : null;
              },
            },
          ]
        : []),
      ...columns.map((key, i) => {
        const f = fieldMap.get(key)!;
        return {
          key,
          title: f.label,
          width: Math.max((f.width ?? 6) * 14 + 24, f.label.length * 14 + 40),
          fixed: i === 0 && key === def.titleField ? ('left' as const) : undefined,
          // 案号 as wide as the longest on the page: it is what a clerk reads a case by (issue 14)
          fit: f.sortKey ? (r: RecordView) => showValue(f, r.values[key]) : undefined,
          sortable: sortableField(f),
          text: (r: RecordView) => showValue(f, r.values[key]),
          render: (r: RecordView) =>
            key === def.titleField ? (
              <a href={href(`/ledger/${kind}`, withQuery(query, { id: r.id }))} onClick={(e) => e.stopPropagation()}>
                {showValue(f, r.values[key])}
              </a>
            ) : (
              showValue(f, r.values[key])
            ),
        };
      }),
      ...(unitNames ? [{ key: '__unit', title: UNIT_COLUMN, width: 150, fit: unitNames, text: unitNames, render: (r: RecordView) => unitNames(r) }] : []),
    ],
    [def, columns, fieldMap, boardMap, kind, query, unitNames],
  );

  const bodyHeight = Math.max(240, windowHeight - 330);
  const selectRows = useCallback((ids: string[]) => setSelectedState({ scope, ids }), [scope]);

  const activeFilters = def.fields.filter((f) => query.get(f.key));
  const filterFields = filterableFields(kind);
  // 13 px characters; the longest label of this ledger sets the labels' column
  const filterLabelW = Math.max(...filterFields.map((f) => f.label.length), 2) * 13 + 2;
  const total = list.data?.total ?? 0;

  const columnChooser = (
    <div style={{ width: 420 }} data-testid="column-chooser">
      <Checkbox.Group
        value={columns}
        onChange={(v) => v.length && saveColumns(v as string[])}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}
      >
        {def.fields.map((f) => (
          <Checkbox key={f.key} value={f.key}>
            {f.label}
          </Checkbox>
        ))}
      </Checkbox.Group>
      <div style={{ marginTop: 10, textAlign: 'right' }}>
        <Button size="small" onClick={() => saveColumns(def.defaultColumns)}>
          恢复默认列
        </Button>
      </div>
    </div>
  );

  return (
    <div data-testid={`ledger-${kind}`}>
      <PageTitle
        title={def.name}
        extra={
          <Space wrap>
            <ScopeSelect value={unitScope} onChange={setUnitScope} testId="ledger-scope" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={readOnly} data-testid="new-record">
              新增（Ctrl+N）
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} disabled={readOnly} data-testid="import-button">
              导入
            </Button>
            <TaskProgress active={!!exporting} testId="export-progress" />

            {office ? (
              <Button
                type={mine ? 'primary' : 'default'}
                ghost={mine}
                aria-pressed={mine}
                onClick={() => go({ handler: mine ? null : office.user.name, id: null })}
                data-testid="my-cases"
              >
                我的案件
              </Button>
            ) : null}

            <PrintButton title={`${def.name}-第${paging.page}页`} label="打印本页" testId="print-ledger" />
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: '导出当前筛选结果（Excel）' },
                  { key: 'csv', label: '导出当前筛选结果（CSV）' },
                  { key: 'docx', label: '导出当前筛选结果（Word 表格，显示的列）' },
                  { type: 'divider' },
                  { key: 'template', label: '下载空白导入模板' },
                ],
                onClick: ({ key }) => {
                  if (key === 'template') void downloadTemplate(kind).catch((e: Error) => message.error(e.message));
                  else void exportRows(key as 'xlsx' | 'csv' | 'docx', null);
                },
              }}
            >
              <Button icon={<DownloadOutlined />} loading={!!exporting} data-testid="export-button">
                导出
              </Button>
            </Dropdown>
          </Space>
        }
      >
        <Typography.Text type="secondary" data-testid="list-scope">
          {listYear === undefined ? '全部年度' : `${listYear}年`}，共 {total} 条
        </Typography.Text>
      </PageTitle>

      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 8 }}>
        <SearchBox
          q={q}
          onCommit={commitSearch}
          placeholder={`搜索${def.fields
            .filter((f) => f.search)
            .slice(0, 3)
            .map((f) => f.label)
            .join('、')}等`}
        />
        <Badge count={activeFilters.length} size="small">
          <Button
            icon={<FilterOutlined />}
            onClick={() => setShowFilters((s) => !s)}
            type={showFilters ? 'primary' : 'default'}
            ghost={showFilters}
            data-testid="toggle-filters"
          >
            筛选
          </Button>
        </Badge>
        {/* a label, so clicking the words toggles the switch too */}
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap', cursor: 'pointer' }} data-testid="all-years-label">
          <Switch size="small" checked={qYear === 'all'} onChange={(v) => go({ year: v ? 'all' : null })} aria-label="显示全部年度" data-testid="all-years" />
          全部年度
        </label>
        {activeFilters.map((f) => (
          <Tag key={f.key} closable onClose={() => go({ [f.key]: null })} color="blue" data-testid="filter-tag">
            {filterText(f, query.get(f.key)!)}
          </Tag>
        ))}
        {openAt ? (
          <Tag closable onClose={() => go({ openAt: null })} color="blue" data-testid="filter-tag">
            截至 {openAt} 在办
          </Tag>
        ) : null}
        {activeFilters.length || q || openAt ? (
          <Button type="link" size="small" onClick={() => go(Object.fromEntries([...activeFilters.map((f) => [f.key, null]), ['q', null], ['openAt', null]]))}>
            清除全部条件
          </Button>
        ) : null}
        <div style={{ flex: 1 }} />
        <Popover content={columnChooser} title="显示的列" trigger="click" placement="bottomRight">
          <Button icon={<SettingOutlined />} data-testid="columns-button">
            列设置
          </Button>
        </Popover>
      </div>

      {showFilters ? (
        <div
          data-testid="filter-panel"
          style={{
            display: 'grid',
            // every label whole (as wide as this ledger's longest) and room for a date range's two dates
            gridTemplateColumns: `repeat(auto-fill, minmax(${filterLabelW + 8 + FILTER_CONTROL_MIN}px, 1fr))`,
            gap: '8px 16px',
            padding: 12,
            marginBottom: 8,
            background: '#f7f9fc',
            border: '1px solid #e5e7eb',
            borderRadius: 4,
          }}
        >
          {filterFields.map((f) => (
            <label key={f.key} style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }} data-testid={`filter-${f.key}`}>
              <span style={{ width: filterLabelW, flex: 'none', textAlign: 'right', color: '#555', fontSize: 13, whiteSpace: 'nowrap' }}>{f.label}</span>
              <div style={{ flex: 1, minWidth: 0 }}>
                <FilterControl f={f} raw={query.get(f.key)} onChange={(v) => go({ [f.key]: v, id: null })} />
              </div>
            </label>
          ))}
        </div>
      ) : null}

      {selected.length ? (
        <div
          style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 12px', marginBottom: 8, background: '#e6edf7', borderRadius: 4 }}
          data-testid="selection-bar"
        >
          <span>已选 {selected.length} 条</span>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void exportRows('xlsx', selected)} data-testid="export-selected">
            导出所选
          </Button>
          <Button size="small" icon={<FileWordOutlined />} onClick={() => void exportRows('docx', selected)} data-testid="export-selected-docx">
            所选导出为 Word
          </Button>
          <Button size="small" danger icon={<DeleteOutlined />} onClick={removeSelected} disabled={readOnly} data-testid="delete-selected">
            删除所选
          </Button>
          <Button size="small" type="link" onClick={() => setSelected([])}>
            取消选择
          </Button>
        </div>
      ) : null}

      {list.error ? <LoadError message={list.error} onRetry={list.reload} /> : null}
      <LedgerGrid<RecordView>
        data-testid="ledger-table"
        widthsKey={kind}
        columns={tableColumns}
        rows={list.data?.rows ?? NO_ROWS}
        bodyHeight={bodyHeight}
        loading={list.loading}
        empty={
          list.loading && !list.data ? (
            <div style={{ height: 80 }} />
          ) : (
            <Nothing text={q || activeFilters.length ? '没有符合条件的记录' : `${listYear === undefined ? '' : `${listYear}年`}暂无记录，点击“新增”开始录入`} />
          )
        }
        sort={sort}
        onSort={setSort}
        selected={selected}
        onSelect={selectRows}
        onOpen={openRecord}
        page={paging.page}
        pageSize={paging.pageSize}
        total={total}
        onPage={(page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize })}
      />

      {openId ? (
        <RecordDrawer
          key={openId}
          kind={kind}
          id={openId}
          onClose={closeRecord}
          onChanged={() => reload()}
          onDelete={(r) => void deleteWithUndo(kind, [r.id], message, reload).then(closeRecord, (e: Error) => message.error(e.message))}
        />
      ) : null}
      {creating ? (
        <RecordDrawer
          kind={kind}
          id={null}
          onClose={() => setCreating(false)}
          onChanged={(r, again) => {
            reload();
            if (!again && r) {
              setCreating(false);
              void message.success(`已保存“${showValue(undefined, r.values[def.titleField])}”`);
            }
          }}
          onDelete={() => undefined}
        />
      ) : null}
      <LedgerPageSheet
        kind={kind}
        columns={columns}
        rows={list.data?.rows ?? NO_ROWS}
        scope={`${listYear === undefined ? '全部年度' : `${listYear}年`}，共 ${total} 条，第 ${paging.page} 页`}
      />
      <ImportDialog kind={kind} open={importing} onClose={() => setImporting(false)} onImported={() => reload()} />
    </div>
  );
}

/**
 * The search box keeps what is typed to itself and writes it to the address after a pause, so a key press
 * re-renders the box, not the page and its table (200 rows at a city's scale); it follows the address when a
 * link changes the search.
 */
function SearchBox({ q, onCommit, placeholder }: { q: string; onCommit: (text: string) => void; placeholder: string }) {
  const [text, setText] = useState(q);
  const [seenQ, setSeenQ] = useState(q);
  if (seenQ !== q) {
    setSeenQ(q);
    setText(q);
  }
  useEffect(() => {
    if (text.trim() === q) return;
    const t = setTimeout(() => onCommit(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text, q, onCommit]);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      style={{ width: 300 }}
      data-testid="ledger-search"
      aria-label="搜索"
    />
  );
}

function useWindowHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}
