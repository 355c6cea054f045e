// 附件（电子卷宗）of a record in the record drawer (issue 18 item 4): drop files on the zone or choose them with the
// button (Enter/Space on the zone opens the picker too), each sent in chunks (attach-upload.ts); a table per 卷
// with its order (上移/下移 buttons, reachable by Tab), 类别 and 卷别 changed in place; 删除 goes to the record's
// 回收站 below the table, from where it comes back; the 卷内目录 (.xlsx) and the 归档包 (.zip) are saved as files.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, InboxOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Empty, Popconfirm, Progress, Select, Space, Table, Typography } from 'antd';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { AttachmentsView } from '../../../../electron/domain/api';
import { attachmentRoles, formatBytes, MAX_ATTACHMENT_BYTES, VOLUMES, type Attachment, type Volume } from '../../../../electron/domain/attachments';
import type { LedgerKind } from '../../../../electron/domain/fields';
import { call } from '../../api';
import { uploadAttachment } from '../../attach-upload';
import { useApp } from '../../context';
import { Loaded } from '../../components/Page';
import { saveFile } from '../../files';
import { timeText } from '../../format';
import { useApi } from '../../hooks';

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
/** A message naming a file: the name is the user's text (data-raw: not checked for being Chinese). */
const named = (before: string, name: string, after = '') => (
  <span>
    {before}“<span data-raw>{name}</span>”{after}
  </span>
);
const ACCEPT = '.pdf,.doc,.docx,.wps,.ofd,.xls,.xlsx,.jpg,.jpeg,.png,.tif,.tiff,.bmp,.gif,.txt,.zip,.rar,.7z,.mp3,.m4a,.wav';

export function Attachments({ kind, id }: { kind: LedgerKind; id: string }) {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const list = useApi('attach.list', { kind, id });
  const [view, setView] = useState<AttachmentsView | null>(null);
  const data = view ?? list.data ?? null;
  const [role, setRole] = useState<string>('其他');
  const [volume, setVolume] = useState<Volume>('正卷');
  const [progress, setProgress] = useState<{ name: string; fraction: number; left: number } | null>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const roles = attachmentRoles(kind);

  const run = async (p: Promise<AttachmentsView>, ok?: ReactNode) => {
    try {
      setView(await p);
      if (ok) void message.success(ok);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const addFiles = async (files: File[]) => {
    if (readOnly || !files.length || progress) return;
    let added = 0;
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      setProgress({ name: f.name, fraction: 0, left: files.length - i });
      try {
        const r = await uploadAttachment({ kind, id }, f, { role, volume }, (fraction) => setProgress({ name: f.name, fraction, left: files.length - i }));
        setView({ live: r.live, deleted: r.deleted });
        added++;
      } catch (e) {
        // the core's message names the file (the user's text)
        void message.error({
          content: (
            <span data-testid="attach-error" data-raw>
              {(e as Error).message}
            </span>
          ),
          duration: 8,
        });
      }
    }
    setProgress(null);
    if (added) void message.success(`已添加 ${added} 个附件`);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void addFiles([...e.dataTransfer.files]);
  };

  const move = (vol: Volume, rows: Attachment[], i: number, by: -1 | 1) => {
    const order = rows.map((a) => a.id);
    [order[i], order[i + by]] = [order[i + by], order[i]];
    void run(call('attach.reorder', { kind, id, volume: vol, order }));
  };

  const save = async (method: 'attach.catalogue' | 'attach.archive', what: string) => {
    try {
      const r = await call(method, { kind, id });
      const where = await saveFile(r.fileName, r.content, `保存${what}`);
      if (where)
        void message.success(
          <span>
            {what}已保存：<span data-raw>{where}</span>
          </span>,
        );
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const table = (vol: Volume, rows: Attachment[]) => (
    <Table<Attachment>
      key={vol}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      data-testid={`attach-table-${vol}`}
      title={() => (
        <Typography.Text strong>
          {vol}（{rows.length} 件）
        </Typography.Text>
      )}
      locale={{ emptyText: `${vol}暂无附件` }}
      columns={[
        { title: '序号', width: 56, render: (_v, _a, i) => i + 1 },
        {
          title: '名称',
          render: (_v, a) => (
            <Space direction="vertical" size={0}>
              <Typography.Text data-testid="attach-name" data-raw>
                {a.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-raw>
                {formatBytes(a.size)} · {timeText(a.addedAt)} · {a.addedBy}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: '类别',
          width: 130,
          // data-raw: the labels for screen readers name the file (the user's text)
          render: (_v, a) => (
            <span data-raw>
              <Select
                size="small"
                style={{ width: 120 }}
                value={a.role}
                options={opts(roles)}
                disabled={readOnly}
                aria-label={`${a.name}的类别`}
                onChange={(v) => void run(call('attach.update', { kind, id, attachmentId: a.id, role: v }))}
              />
            </span>
          ),
        },
        {
          title: '卷别',
          width: 92,
          render: (_v, a) => (
            <span data-raw>
              <Select
                size="small"
                style={{ width: 80 }}
                value={a.volume}
                options={opts(VOLUMES)}
                disabled={readOnly}
                aria-label={`${a.name}的卷别`}
                onChange={(v) => void run(call('attach.update', { kind, id, attachmentId: a.id, volume: v }))}
              />
            </span>
          ),
        },
        {
          title: '操作',
          width: 150,
          render: (_v, a, i) => (
            <Space size={2} data-raw>
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label={`上移${a.name}`}
                disabled={readOnly || i === 0}
                onClick={() => move(vol, rows, i, -1)}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label={`下移${a.name}`}
                disabled={readOnly || i === rows.length - 1}
                onClick={() => move(vol, rows, i, 1)}
              />
              <Button
                size="small"
                type="text"
                icon={<DownloadOutlined />}
                aria-label={`下载${a.name}`}
                onClick={async () => {
                  try {
                    const r = await call('attach.read', { kind, id, attachmentId: a.id });
                    await saveFile(r.fileName, r.content, '保存附件');
                  } catch (e) {
                    void message.error((e as Error).message);
                  }
                }}
              />
              <Popconfirm
                title={`删除附件“${a.name}”？`}
                description="删除后可在下方回收站恢复。"
                okText="删除"
                cancelText="取消"
                okButtonProps={{ danger: true, 'data-testid': 'confirm-delete-attachment' }}
                onConfirm={() => run(call('attach.delete', { kind, id, attachmentId: a.id }), named('已删除', a.name, '，可在回收站恢复'))}
              >
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${a.name}`} disabled={readOnly} />
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );

  return (
    <Loaded loading={list.loading} error={list.error} hasData={!!data} onRetry={list.reload}>
      {data ? (
        <div data-testid="attachments">
          <Space wrap style={{ marginBottom: 8 }}>
            <span>新添加的文件：</span>
            <Select
              showSearch
              size="small"
              style={{ width: 120 }}
              value={role}
              options={opts(roles)}
              onChange={setRole}
              aria-label="新附件的类别"
              data-testid="attach-role"
            />
            <Select
              showSearch
              size="small"
              style={{ width: 80 }}
              value={volume}
              options={opts(VOLUMES)}
              onChange={setVolume}
              aria-label="新附件的卷别"
              data-testid="attach-volume"
            />
          </Space>
          <div
            role="button"
            tabIndex={readOnly ? -1 : 0}
            aria-disabled={readOnly}
            data-testid="attach-drop"
            onClick={() => !readOnly && input.current?.click()}
            onKeyDown={(e) => {
              if ((e.key === 'Enter' || e.key === ' ') && !readOnly) {
                e.preventDefault();
                input.current?.click();
              }
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
            style={{
              border: `1px dashed ${over ? '#1677ff' : '#bbb'}`,
              borderRadius: 6,
              padding: '14px 12px',
              textAlign: 'center',
              cursor: readOnly ? 'not-allowed' : 'pointer',
              background: over ? '#e6f4ff' : '#fafafa',
              marginBottom: 12,
            }}
          >
            <InboxOutlined style={{ fontSize: 24, color: '#1677ff' }} />
            <div>{readOnly ? '数据文件只读，不能添加附件' : '把扫描件、文档、图片拖到这里，或按回车选择文件'}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              单个文件不超过 {formatBytes(MAX_ATTACHMENT_BYTES)}；文件按内容保存在数据文件旁的附件文件夹中，并随每次备份保存
            </Typography.Text>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              accept={ACCEPT}
              data-testid="attach-input"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                void addFiles(files);
              }}
            />
          </div>
          {progress ? (
            <div data-testid="attach-progress" style={{ marginBottom: 8 }}>
              正在添加“<span data-raw>{progress.name}</span>”{progress.left > 1 ? `（还有 ${progress.left - 1} 个）` : ''}
              <Progress percent={Math.round(progress.fraction * 100)} size="small" />
            </div>
          ) : null}
          <Space wrap style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => void save('attach.catalogue', '卷内目录')} data-testid="attach-catalogue">
              导出卷内目录（表格）
            </Button>
            <Button size="small" onClick={() => void save('attach.archive', '归档包')} disabled={!data.live.length} data-testid="attach-archive">
              下载归档包（压缩包）
            </Button>
          </Space>
          {data.live.length ? (
            VOLUMES.map((v) =>
              table(
                v,
                data.live.filter((a) => a.volume === v),
              ),
            )
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无附件" />
          )}
          {data.deleted.length ? (
            <Collapse
              size="small"
              style={{ marginTop: 12 }}
              data-testid="attach-bin"
              items={[
                {
                  key: 'bin',
                  label: `回收站（${data.deleted.length} 个已删除的附件）`,
                  children: (
                    <Table<Attachment>
                      size="small"
                      rowKey="id"
                      pagination={false}
                      dataSource={data.deleted}
                      columns={[
                        { title: '名称', render: (_v, a) => <span data-raw>{a.name}</span> },
                        { title: '卷别', dataIndex: 'volume', width: 64 },
                        { title: '删除于', width: 150, render: (_v, a) => timeText(a.deletedAt ?? '') },
                        {
                          title: '操作',
                          width: 170,
                          render: (_v, a) => (
                            <Space size={4} data-raw>
                              <Button
                                size="small"
                                icon={<UndoOutlined />}
                                disabled={readOnly}
                                onClick={() => void run(call('attach.restore', { kind, id, attachmentId: a.id }), named('已恢复', a.name))}
                                aria-label={`恢复${a.name}`}
                              >
                                恢复
                              </Button>
                              <Popconfirm
                                title="彻底删除这条附件记录？"
                                description="附件文件本身仍保留在附件文件夹和备份中。"
                                okText="彻底删除"
                                cancelText="取消"
                                okButtonProps={{ danger: true }}
                                onConfirm={() => run(call('attach.purge', { kind, id, attachmentId: a.id }), named('已彻底删除', a.name, '的记录'))}
                              >
                                <Button size="small" danger disabled={readOnly}>
                                  彻底删除
                                </Button>
                              </Popconfirm>
                            </Space>
                          ),
                        },
                      ]}
                    />
                  ),
                },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Loaded>
  );
}
