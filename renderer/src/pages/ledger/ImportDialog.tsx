// Import a file into one ledger: pick .xlsx/.csv/.json, see what would happen (`exchange.preview`: how many
// rows, the first rows as read, every row error as `第N行 字段：问题`) before anything is written, then import
// (`exchange.import`, all-or-nothing). The blank template is one click away.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, List, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../../../electron/domain/api';
import type { LedgerKind } from '../../../../electron/domain/fields';
import { LEDGERS } from '../../../../electron/domain/ledgers';
import { call } from '../../api';
import { pickFile, saveFile, type PickedFile } from '../../files';
import { showValue } from '../../format';

export async function downloadTemplate(kind: LedgerKind): Promise<string | null> {
  const t = await call('exchange.template', { kind });
  return saveFile(t.fileName, t.content, '保存导入模板');
}

export function ImportDialog({ kind, open, onClose, onImported }: { kind: LedgerKind; open: boolean; onClose: () => void; onImported: (n: number) => void }) {
  const def = LEDGERS[kind];
  const { message } = App.useApp();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ApiOutput<'exchange.preview'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const choose = async () => {
    setError(null);
    try {
      const f = await pickFile({ title: `选择要导入${def.shortName}的文件`, extensions: ['xlsx', 'csv', 'json'], filterName: 'Excel、CSV 或 JSON 文件' });
      if (!f) return;
      setFile(f);
      setPreview(null);
      setBusy(true);
      setPreview(await call('exchange.preview', { kind, fileName: f.name, content: f.content }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const doImport = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('exchange.import', { kind, fileName: file.name, content: file.content });
      if (r.errors.length) {
        setPreview((p) => (p ? { ...p, errors: r.errors } : p));
        return;
      }
      void message.success(`已导入 ${r.inserted} 条${def.shortName}记录（导入前已自动备份）`);
      onImported(r.inserted);
      close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const sampleKeys = preview?.sample.length ? def.fields.filter((f) => preview.sample.some((r) => r[f.key] !== undefined && r[f.key] !== null)).slice(0, 8) : [];
  const ok = preview && preview.errors.length === 0 && preview.total > 0;

  return (
    <Modal
      open={open}
      title={`导入${def.name}`}
      width={860}
      onCancel={close}
      // on the Modal itself the testid lands on .ant-modal-root, which has no box of its own
      modalRender={(node) => <div data-testid="import-dialog">{node}</div>}
      footer={[
        <Button key="cancel" onClick={close}>
          取消
        </Button>,
        <Button key="go" type="primary" disabled={!ok} loading={busy && !!preview} onClick={() => void doImport()} data-testid="import-confirm">
          {preview && ok ? `确认导入 ${preview.total} 条` : '确认导入'}
        </Button>,
      ]}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          支持 Excel（.xlsx）、CSV 和 JSON 文件，第一行为中文列名（与导入模板一致）。导入前先检查全部行：有任何错误则一条也不写入；检查通过后自动备份再导入。
        </Typography.Paragraph>
        <Space wrap>
          <Button icon={<UploadOutlined />} onClick={() => void choose()} loading={busy && !preview} data-testid="import-choose" type={file ? 'default' : 'primary'}>
            {file ? '重新选择文件' : '选择文件'}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate(kind).catch((e: Error) => setError(e.message))} data-testid="import-template">
            下载空白模板
          </Button>
          {file ? (
            <Typography.Text data-raw data-testid="import-file-name">
              {file.name}
            </Typography.Text>
          ) : null}
        </Space>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {preview ? (
          <>
            <Alert
              type={preview.errors.length ? 'error' : preview.total ? 'success' : 'warning'}
              showIcon
              data-testid="import-summary"
              title={
                preview.errors.length
                  ? `共 ${preview.total} 行，发现 ${preview.errorCount ?? preview.errors.length} 处错误：请在文件中改正后重新选择，本次不会写入任何数据`
                  : preview.total
                    ? `共 ${preview.total} 行，检查通过，可以导入`
                    : '文件中没有数据行'
              }
            />
            {preview.errors.length ? (
              <List
                size="small"
                bordered
                data-testid="import-errors"
                style={{ maxHeight: 240, overflow: 'auto' }}
                dataSource={preview.errors}
                renderItem={(e) => (
                  <List.Item style={{ color: '#cf1322' }} data-raw>
                    {e}
                  </List.Item>
                )}
              />
            ) : null}
            {sampleKeys.length ? (
              <>
                <Typography.Text type="secondary">前 {preview.sample.length} 行预览：</Typography.Text>
                <Table
                  size="small"
                  bordered
                  pagination={false}
                  rowKey={(_, i) => String(i)}
                  dataSource={preview.sample}
                  scroll={{ x: 'max-content', y: 220 }}
                  columns={sampleKeys.map((f) => ({ key: f.key, title: f.label, ellipsis: true, width: (f.width ?? 6) * 14 + 16, render: (_: unknown, r) => showValue(f, r[f.key]) }))}
                />
              </>
            ) : null}
          </>
        ) : null}
      </Space>
    </Modal>
  );
}
