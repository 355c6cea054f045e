// 撤销本次导入 (issue 16): the undo of an import, from the import dialog's result and from the list of recent
// imports in 设置 · 数据与备份; and the progress line of any long call (app.progress: import, backup, restore,
// export), polled beside it (api/dispatch.ts answers app.progress without waiting for the call).
import { RollbackOutlined } from '@ant-design/icons';
import { App, Button, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ImportEntry } from '../../../electron/domain/api';
import { call } from '../api';
import { timeText } from '../format';
import { useApi } from '../hooks';
import { Loaded, Nothing, Section } from './Page';

/** What a long call is doing and how far it is, while `active`; nothing in its first half second. */
/**
 * What a long call is doing and how far it is, polled from app.progress (answered beside the running call,
 * api/dispatch.ts) while `active`. `counts`: say the rows done of how many (re-deriving after a setting or the
 * holidays), not only the percentage; `delayMs`: ask first after this long (a call that ends sooner shows nothing).
 */
export function TaskProgress({
  active,
  testId = 'task-progress',
  counts = false,
  delayMs = 500,
}: {
  active: boolean;
  testId?: string;
  counts?: boolean;
  delayMs?: number;
}) {
  const [task, setTask] = useState<{ label: string; done: number; total: number } | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    const poll = () =>
      call('app.progress', {})
        .then((r) => live && setTask(r.task))
        .catch(() => undefined);
    const t = setInterval(poll, 300);
    const first = setTimeout(poll, delayMs);
    return () => {
      live = false;
      clearInterval(t);
      clearTimeout(first);
      setTask(null);
    };
  }, [active, delayMs]);
  if (!active || !task) return null;
  const pct = task.total ? Math.floor((task.done / task.total) * 100) : null;
  const text = counts
    ? `${task.label}：已处理 ${task.done.toLocaleString('zh-CN')} / ${task.total.toLocaleString('zh-CN')} 条（${pct ?? 0}%），请稍候`
    : `${task.label}${pct === null ? '' : `：${pct}%`}，请稍候`;
  return (
    <Typography.Text type="secondary" data-testid={testId}>
      {text}
    </Typography.Text>
  );
}

function what(i: ImportEntry): string {
  const parts = [i.inserted ? `新增的 ${i.inserted} 条移入回收站` : '', i.updated ? `更新过的 ${i.updated} 条恢复为导入前的内容` : ''].filter(Boolean);
  return parts.join('，');
}

/**
 * Ask, then undo import `entry`; resolves true when it was undone. A refusal (a record edited since) is shown as
 * it comes: it names the records.
 */
export function useUndoImport(): (entry: Pick<ImportEntry, 'id' | 'fileName' | 'kindName' | 'inserted' | 'updated'>) => Promise<boolean> {
  const { modal, message } = App.useApp();
  return (entry) =>
    new Promise((resolve) => {
      modal.confirm({
        title: '撤销本次导入？',
        width: 520,
        okText: '撤销导入',
        okButtonProps: { danger: true, 'data-testid': 'undo-import-ok' },
        cancelText: '取消',
        content: (
          <div data-testid="undo-import-confirm">
            <p>
              从“{entry.fileName}”导入的{entry.kindName}（导入编号 {entry.id}）：{what(entry as ImportEntry) || '没有写入记录'}。
            </p>
            <p>移入回收站的记录可以随时恢复；导入后又被修改过的记录不会被覆盖——有这样的记录时，撤销会被拒绝并列出它们。</p>
          </div>
        ),
        onOk: async () => {
          try {
            const r = await call('exchange.undoImport', { id: entry.id });
            void message.success(`已撤销导入：${r.removed} 条移入回收站${r.restored ? `，${r.restored} 条恢复为导入前的内容` : ''}`);
            resolve(true);
          } catch (e) {
            modal.error({ title: '不能撤销这次导入', width: 560, content: <div data-testid="undo-import-refused">{(e as Error).message}</div> });
            resolve(false);
          }
        },
        onCancel: () => resolve(false),
      });
    });
}

/** 设置 · 数据与备份: the latest imports, each with 撤销 while it is not undone. */
export function ImportHistory({ onUndone }: { onUndone?: () => void }) {
  const list = useApi('exchange.imports', { limit: 50 });
  const undo = useUndoImport();
  return (
    <Section
      title="最近的导入"
      testId="import-history"
      extra={<Typography.Text type="secondary">每次导入都可以单独撤销，无需还原整个数据文件</Typography.Text>}
    >
      <Loaded loading={list.loading} error={list.error} hasData={!!list.data} onRetry={list.reload}>
        <Table<ImportEntry>
          size="small"
          bordered
          rowKey="id"
          dataSource={list.data?.imports ?? []}
          pagination={{ pageSize: 8, size: 'small', showTotal: (t) => `共 ${t} 次`, showSizeChanger: false }}
          locale={{ emptyText: <Nothing text="还没有导入过文件" /> }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 60 },
            { title: '导入时间', dataIndex: 'at', width: 150, render: (t: string) => timeText(t) },
            { title: '台账', dataIndex: 'kindName', width: 100 },
            // the cell's own tooltip (ellipsis.showTitle) would carry the file name outside data-raw
            {
              title: '文件',
              dataIndex: 'fileName',
              ellipsis: { showTitle: false },
              render: (f: string) => (
                <span data-raw title={f}>
                  {f}
                </span>
              ),
            },
            { title: '新增 / 更新', key: 'n', width: 110, render: (_: unknown, i) => `${i.inserted} / ${i.updated}` },
            {
              title: '操作人',
              dataIndex: 'actor',
              width: 120,
              ellipsis: { showTitle: false },
              render: (a: string) => (
                <span data-raw title={a}>
                  {a}
                </span>
              ),
            },
            {
              title: '操作',
              key: 'op',
              width: 200,
              render: (_: unknown, i) =>
                i.undoneAt ? (
                  <Tag>已于 {timeText(i.undoneAt)} 撤销</Tag>
                ) : (
                  <Button
                    size="small"
                    icon={<RollbackOutlined />}
                    data-testid={`undo-import-${i.id}`}
                    onClick={() =>
                      void undo(i).then((ok) => {
                        if (!ok) return;
                        list.reload();
                        onUndone?.();
                      })
                    }
                  >
                    撤销本次导入
                  </Button>
                ),
            },
          ]}
        />
      </Loaded>
    </Section>
  );
}
