// The statistics page's two documents that leave the office (DOMAIN §12): the 规范性文件备案目录 of a year or a
// quarter (Word or Excel), and the upward 行政复议/行政应诉 统计表 whose balance checks are shown before it is exported.
// A failed check is a warning naming its numbers; the form can still be exported (the office may need to explain
// the difference, e.g. a case received last year and accepted this year).
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Segmented, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { FormKind } from '../../../electron/domain/stats-form';
import { call } from '../api';
import { Loaded } from '../components/Page';
import { saveFile } from '../files';
import { useAction, useApi } from '../hooks';

const QUARTERS = [
  { value: 0, label: '全年' },
  { value: 1, label: '第一季度' },
  { value: 2, label: '第二季度' },
  { value: 3, label: '第三季度' },
  { value: 4, label: '第四季度' },
];

export function CatalogueDialog({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [quarter, setQuarter] = useState(0);
  const { busy, run } = useAction<'docx' | 'xlsx'>();
  const doExport = (format: 'docx' | 'xlsx') =>
    run(async () => {
      const r = await call('outgoing.catalogue', { year, format, ...(quarter ? { quarter } : {}) });
      const where = await saveFile(r.fileName, r.content, '导出备案目录');
      if (where) message.success(`已导出备案目录 ${r.count} 件：${where}`);
    }, format);
  return (
    <Modal title={`${year}年规范性文件备案目录`} open={open} onCancel={onClose} footer={null} destroyOnHidden data-testid="catalogue-dialog">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        列出报备日期（报备上级政府或人大常委会，取较早者）在所选期间内的文件：文件名称、文号、制定机关、公布日期、报备日期。年度目录应于次年 1 月底前报送。
      </Typography.Paragraph>
      <Space>
        <Select value={quarter} onChange={setQuarter} options={QUARTERS} style={{ width: 120 }} data-testid="catalogue-quarter" />
        <Button icon={<DownloadOutlined />} loading={busy === 'docx'} onClick={() => doExport('docx')} data-testid="catalogue-docx">
          导出 Word
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => doExport('xlsx')} data-testid="catalogue-xlsx">
          导出电子表格
        </Button>
      </Space>
    </Modal>
  );
}

export function StatsFormDialog({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<FormKind>('reconsideration');
  const form = useApi('outgoing.statsForm', open ? { year, kind } : null);
  const { busy, run } = useAction();
  const checks = form.data?.form.checks ?? [];
  const failed = checks.filter((c) => !c.ok).length;
  const doExport = () =>
    run(async () => {
      const r = await call('outgoing.statsForm', { year, kind, file: true });
      const where = await saveFile(r.fileName!, r.content!, '导出统计表');
      if (where) message.success(`已导出：${where}`);
    });
  return (
    <Modal
      title={`${year}年度上报统计表`}
      open={open}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      data-testid="stats-form-dialog"
      footer={
        <Button type="primary" icon={<DownloadOutlined />} loading={!!busy} disabled={!form.data} onClick={doExport} data-testid="stats-form-export">
          {failed ? '仍然导出电子表格' : '导出电子表格'}
        </Button>
      }
    >
      <Segmented<FormKind>
        value={kind}
        onChange={setKind}
        options={[
          { value: 'reconsideration', label: '行政复议' },
          { value: 'litigation', label: '行政应诉' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Loaded loading={form.loading} error={form.error} hasData={!!form.data} onRetry={form.reload}>
        <Typography.Text strong>平衡校验</Typography.Text>
        <div style={{ margin: '6px 0 12px' }} data-testid="stats-form-checks">
          {checks.map((c) => (
            <Alert
              key={c.name}
              type={c.ok ? 'success' : 'warning'}
              showIcon
              style={{ marginBottom: 6, padding: '4px 10px' }}
              title={c.text}
              data-testid={c.ok ? 'check-ok' : 'check-failed'}
            />
          ))}
        </div>
        <Typography.Text strong>栏目（共 {form.data?.form.columns.length ?? 0} 栏，可在“设置”中调整）</Typography.Text>
        <Table
          style={{ marginTop: 6 }}
          size="small"
          bordered
          rowKey="no"
          pagination={false}
          scroll={{ y: 240 }}
          dataSource={form.data?.form.columns ?? []}
          columns={[
            { title: '栏次', dataIndex: 'no', width: 60, align: 'center' },
            { title: '栏目', dataIndex: 'item', width: 140 },
            { title: '分项', dataIndex: 'part', render: (p: string | null) => p ?? '—' },
            { title: '数值', dataIndex: 'value', width: 80, align: 'right' },
          ]}
        />
      </Loaded>
    </Modal>
  );
}
