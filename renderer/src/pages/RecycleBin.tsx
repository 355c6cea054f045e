// 回收站: deleted rows of every ledger; restore them, or — after typing 彻底删除 — remove them for good.
import { DeleteOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RecordView } from '../../../electron/domain/api';
import type { LedgerKind } from '../../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../../../electron/domain/ledgers';
import { call } from '../api';
import { Loaded, Loading, Nothing, PageTitle } from '../components/Page';
import { useApp } from '../context';
import { showValue, timeText } from '../format';
import { useApi } from '../hooks';
import { DeletedAttachments } from './DeletedAttachments';

/** Permanent deletion asks for the words 彻底删除 typed out; the button stays disabled until then. */
function PurgeDialog({ count, onCancel, onConfirm }: { count: number; onCancel: () => void; onConfirm: () => Promise<void> }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={`彻底删除选中的 ${count} 条记录？`}
      width={480}
      onCancel={onCancel}
      okText="彻底删除"
      cancelText="取消"
      okButtonProps={{ danger: true, disabled: typed.trim() !== '彻底删除' }}
      confirmLoading={busy}
      onOk={async () => {
        setBusy(true);
        try {
          await onConfirm();
        } finally {
          setBusy(false);
        }
      }}
    >
      <p>彻底删除后无法从回收站恢复，只能从删除前的备份还原。请输入“彻底删除”四个字确认：</p>
      <Input autoFocus placeholder="彻底删除" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="purge-confirm-input" />
    </Modal>
  );
}

function KindBin({ kind, onChanged }: { kind: LedgerKind; onChanged: () => void }) {
  const def = LEDGERS[kind];
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<string[]>([]);
  const [purging, setPurging] = useState(false);
  const list = useApi('ledger.list', { kind, deleted: true, ...page });
  const done = () => {
    setSelected([]);
    list.reload();
    onChanged();
  };
  const restore = async () => {
    try {
      const r = await call('ledger.restore', { kind, ids: selected });
      message.success(`已恢复 ${r.count} 条记录`);
      done();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const purge = async () => {
    try {
      const r = await call('ledger.purge', { kind, ids: selected, confirm: '彻底删除' });
      message.success(`已彻底删除 ${r.count} 条记录`);
      setPurging(false);
      done();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const cols = def.defaultColumns.slice(0, 5).map((key) => {
    const f = def.fields.find((x) => x.key === key)!;
    return { key, title: f.label, ellipsis: true, render: (_: unknown, r: RecordView) => showValue(f, r.values[key]) };
  });
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<UndoOutlined />} type="primary" disabled={!selected.length || readOnly} onClick={restore} data-testid="bin-restore">
          恢复{selected.length ? ` ${selected.length} 条` : ''}
        </Button>
        <Button icon={<DeleteOutlined />} danger disabled={!selected.length || readOnly} onClick={() => setPurging(true)} data-testid="bin-purge">
          彻底删除
        </Button>
        <Typography.Text type="secondary">删除的记录不计入统计和期限提醒，恢复后重新计入。</Typography.Text>
      </Space>
      <Loaded loading={list.loading} error={list.error} hasData={!!list.data} onRetry={list.reload}>
        <Table<RecordView>
          size="small"
          bordered
          rowKey="id"
          dataSource={list.data?.rows ?? []}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getTitleCheckboxProps: () => ({ 'aria-label': '全选当页' }),
            getCheckboxProps: () => ({ 'aria-label': '选择' }),
          }}
          locale={{ emptyText: <Nothing text={`${def.shortName}回收站是空的`} /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            size: 'small',
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            ...cols,
            { key: 'deletedAt', title: '删除时间', width: 150, render: (_: unknown, r: RecordView) => (r.deletedAt ? timeText(r.deletedAt) : '—') },
          ]}
        />
      </Loaded>
      {purging ? <PurgeDialog count={selected.length} onCancel={() => setPurging(false)} onConfirm={purge} /> : null}
    </div>
  );
}

/** How many deleted rows each ledger has (one count query per ledger), reloaded when `version` changes; null until known. */
function useDeletedCounts(version: number): Partial<Record<LedgerKind, number>> | null {
  const [c, setC] = useState<Partial<Record<LedgerKind, number>> | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all(LEDGER_KINDS.map((k) => call('ledger.list', { kind: k, deleted: true, pageSize: 1 }).then((r) => [k, r.total] as const))).then(
      (pairs) => live && setC(Object.fromEntries(pairs)),
      // the counts are a convenience: without them every tab still opens
      () => live && setC({}),
    );
    return () => {
      live = false;
    };
  }, [version]);
  return c;
}

export default function RecycleBin() {
  const { refresh } = useApp();
  const [chosen, setTab] = useState<LedgerKind | null>(null);
  const [n, setN] = useState(0);
  const counts = useDeletedCounts(n);
  const c = counts ?? {};
  // opens on the first ledger that has deleted rows (not on an empty 规范性文件 tab), once the counts are in
  const tab = chosen ?? (counts ? (LEDGER_KINDS.find((k) => (counts[k] ?? 0) > 0) ?? LEDGER_KINDS[0]) : null);
  const onChanged = () => {
    setN((x) => x + 1);
    refresh();
  };
  return (
    <div>
      <PageTitle title="回收站">
        <Typography.Text type="secondary">各台账删除的记录在此保留，可恢复或彻底删除</Typography.Text>
      </PageTitle>
      {tab === null ? <Loading /> : null}
      <Tabs
        style={tab === null ? { display: 'none' } : undefined}
        activeKey={tab ?? undefined}
        onChange={(k) => setTab(k as LedgerKind)}
        items={LEDGER_KINDS.map((k) => ({
          key: k,
          label: `${LEDGERS[k].shortName}${c[k] ? `（${c[k]}）` : ''}`,
          children: tab === k ? <KindBin kind={k} onChanged={onChanged} /> : null,
        }))}
      />
      <DeletedAttachments />
    </div>
  );
}
