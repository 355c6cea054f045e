// 回收站 · 已删除的附件 (issue 18 item 4): attachments deleted from any record, restored from here as from the
// record's own 附件 page (attach.restore). 彻底删除 of an attachment is on the record's 附件 page.
import { UndoOutlined } from '@ant-design/icons';
import { App, Button, Table, Typography } from 'antd';
import type { Attachment } from '../../../electron/domain/attachments';
import { formatBytes } from '../../../electron/domain/attachments';
import { call } from '../api';
import { useApp } from '../context';
import { timeText } from '../format';
import { useApi } from '../hooks';

type Row = Attachment & { record: string };

export function DeletedAttachments() {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const bin = useApi('attach.bin', {});
  if (!bin.data || !bin.data.total) return null;
  return (
    <div style={{ marginTop: 24 }} data-testid="deleted-attachments">
      <Typography.Title level={5}>已删除的附件（{bin.data.total}）</Typography.Title>
      <Table<Row>
        size="small"
        rowKey="id"
        dataSource={bin.data.rows}
        pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
        columns={[
          // the names are the user's text (data-raw: not checked for being Chinese)
          { title: '附件', render: (_v, a) => <span data-raw>{a.name}</span> },
          { title: '所属记录', render: (_v, a) => <span data-raw>{a.record}</span> },
          { title: '卷别', dataIndex: 'volume', width: 64 },
          { title: '大小', width: 90, render: (_v, a) => formatBytes(a.size) },
          { title: '删除时间', width: 150, render: (_v, a) => timeText(a.deletedAt ?? '') },
          {
            title: '操作',
            width: 90,
            render: (_v, a) => (
              <Button
                size="small"
                icon={<UndoOutlined />}
                disabled={readOnly}
                aria-label={`恢复附件${a.name}`}
                data-raw
                onClick={async () => {
                  try {
                    await call('attach.restore', { kind: a.kind, id: a.recordId, attachmentId: a.id });
                    void message.success(`已恢复附件“${a.name}”`);
                    bin.reload();
                  } catch (e) {
                    void message.error((e as Error).message);
                  }
                }}
              >
                恢复
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
