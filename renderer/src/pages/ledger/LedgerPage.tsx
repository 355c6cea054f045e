// A ledger's rows (read-only list; the ledger-pages engineer replaces this with the full table, form and
// import/export). Reads the route's query: `id` opens that record; field keys filter (see ../../router.ts).
import { Descriptions, Drawer, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ListInput, RecordView } from '../../../../electron/domain/api';
import type { FieldDef, LedgerKind } from '../../../../electron/domain/fields';
import { LEDGERS } from '../../../../electron/domain/ledgers';
import { Loaded, Nothing, PageTitle } from '../../components/Page';
import { useApp } from '../../context';
import { showValue } from '../../format';
import { useApi } from '../../hooks';
import { navigate, useRoute } from '../../router';

/** Route query → list filters: `a,b` any of, `from..to` a range, 是/否 for yes/no fields. */
export function filtersFromQuery(kind: LedgerKind, query: URLSearchParams): NonNullable<ListInput['filters']> {
  const out: NonNullable<ListInput['filters']> = {};
  for (const f of LEDGERS[kind].fields) {
    const raw = query.get(f.key);
    if (raw === null || raw === '') continue;
    if (raw.includes('..')) {
      const [from, to] = raw.split('..');
      const num = f.type === 'int' || f.type === 'decimal';
      out[f.key] = { from: from ? (num ? Number(from) : from) : null, to: to ? (num ? Number(to) : to) : null };
    } else if (f.type === 'bool') out[f.key] = raw === '是' || raw === 'true';
    else if (raw.includes(',')) out[f.key] = raw.split(',');
    else out[f.key] = f.type === 'int' || f.type === 'decimal' ? Number(raw) : raw;
  }
  return out;
}

function RecordDrawer({ kind, id }: { kind: LedgerKind; id: string }) {
  const def = LEDGERS[kind];
  const rec = useApi('ledger.get', { kind, id });
  const close = () => {
    const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    q.delete('id');
    navigate(`/ledger/${kind}`, Object.fromEntries(q));
  };
  return (
    <Drawer open onClose={close} size={640} title={rec.data ? showValue(undefined, rec.data.values[def.titleField]) : '记录详情'}>
      <Loaded loading={rec.loading} error={rec.error} hasData={!!rec.data}>
        {rec.data ? (
          <Descriptions size="small" column={1} bordered styles={{ label: { width: 160 } }}>
            {def.fields.map((f) => (
              <Descriptions.Item key={f.key} label={f.label}>
                {showValue(f, rec.data!.values[f.key])}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : null}
      </Loaded>
    </Drawer>
  );
}

export default function LedgerPage({ kind }: { kind: LedgerKind }) {
  const def = LEDGERS[kind];
  const { year } = useApp();
  const route = useRoute();
  const [allYears, setAllYears] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const filters = useMemo(() => filtersFromQuery(kind, route.query), [kind, route.query]);
  const qYear = route.query.get('year');
  const listYear = qYear === 'all' ? undefined : qYear ? Number(qYear) : allYears ? undefined : year;
  const list = useApi('ledger.list', { kind, year: listYear, filters, ...page });
  const openId = route.query.get('id');
  const fieldMap = useMemo(() => new Map(def.fields.map((f) => [f.key, f] as [string, FieldDef])), [def]);
  const filterTags = Object.keys(filters).map((k) => `${fieldMap.get(k)?.label ?? k}：${route.query.get(k)}`);

  const columns = def.defaultColumns.map((key) => {
    const f = fieldMap.get(key)!;
    return {
      key,
      title: f.label,
      dataIndex: ['values', key],
      width: (f.width ?? 6) * 16 + 16,
      ellipsis: true,
      render: (_: unknown, r: RecordView) => showValue(f, r.values[key]),
    };
  });

  return (
    <div>
      <PageTitle
        title={def.name}
        extra={
          <span>
            <Switch size="small" checked={allYears} onChange={setAllYears} disabled={!!qYear} /> 显示全部年度
          </span>
        }
      >
        <Typography.Text type="secondary">{listYear === undefined ? '全部年度' : `${listYear}年`}</Typography.Text>
        {filterTags.map((t) => (
          <Tag key={t} closable onClose={() => navigate(`/ledger/${kind}`)}>
            {t}
          </Tag>
        ))}
      </PageTitle>
      <Loaded loading={list.loading} error={list.error} hasData={!!list.data} onRetry={list.reload}>
        <Table<RecordView>
          size="small"
          bordered
          rowKey="id"
          columns={columns}
          dataSource={list.data?.rows ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Nothing text="本台账暂无记录" /> }}
          onRow={(r) => ({ onClick: () => navigate(`/ledger/${kind}`, { ...Object.fromEntries(route.query), id: r.id }), style: { cursor: 'pointer' } })}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            showSizeChanger: true,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Loaded>
      {openId ? <RecordDrawer kind={kind} id={openId} /> : null}
    </div>
  );
}
