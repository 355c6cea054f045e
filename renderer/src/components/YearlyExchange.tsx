// Import / export / blank template for the yearly tables (年度指标 kind `indicator`, 年度素材 kind `material`),
// through the same exchange API as the ledgers: a preview with every row error before anything is written.
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { call } from '../api';
import { exportAndSave, pickFile, saveFile } from '../files';
import { useAction } from '../hooks';

export function YearlyExchange({ kind, year, label, onImported }: { kind: 'indicator' | 'material'; year: number; label: string; onImported: () => void }) {
  const { message, modal } = App.useApp();
  const { busy, run: act } = useAction<'import' | 'export' | 'template'>();
  const run = (what: 'import' | 'export' | 'template', fn: () => Promise<void>) => act(fn, what);

  const doExport = () =>
    run('export', async () => {
      const r = await exportAndSave({ kind, format: 'xlsx', year }, `导出${label}`);
      if (r) message.success(`已导出 ${r.count} 条${label}：${r.where}`);
    });

  const doTemplate = () =>
    run('template', async () => {
      const r = await call('exchange.template', { kind });
      await saveFile(r.fileName, r.content, `下载${label}模板`);
    });

  const doImport = () =>
    run('import', async () => {
      const f = await pickFile({ title: `导入${label}`, extensions: ['xlsx', 'csv', 'json'], filterName: '表格文件' });
      if (!f) return;
      const preview = await call('exchange.preview', { kind, fileName: f.name, content: f.content });
      if (preview.errors.length) {
        modal.error({
          title: `“${f.name}”有 ${preview.errors.length} 处问题，未导入任何数据`,
          width: 560,
          content: (
            <div style={{ maxHeight: 320, overflow: 'auto' }} data-testid="import-errors">
              {preview.errors.map((e) => (
                <div key={e}>{e}</div>
              ))}
            </div>
          ),
        });
        return;
      }
      modal.confirm({
        title: `导入“${f.name}”？`,
        content: `共 ${preview.total} 行，检查无误。同名同年度的已有数据将被文件中的内容替换；导入后可在“设置 · 数据与备份 · 最近的导入”中撤销本次导入。`,
        okText: '导入',
        cancelText: '取消',
        onOk: async () => {
          try {
            const r = await call('exchange.import', { kind, fileName: f.name, content: f.content });
            if (r.errors.length) message.error(`未导入：${r.errors.slice(0, 3).join('；')}`);
            else {
              message.success(`已导入 ${r.inserted} 条${label}（导入编号 ${r.importId ?? '—'}，可在“设置 · 数据与备份”中撤销）`);
              onImported();
            }
          } catch (e) {
            message.error((e as Error).message);
          }
        },
      });
    });

  return (
    <Space size={4}>
      <Button size="small" icon={<UploadOutlined />} loading={busy === 'import'} onClick={doImport} data-testid={`${kind}-import`}>
        导入
      </Button>
      <Button size="small" icon={<DownloadOutlined />} loading={busy === 'export'} onClick={doExport} data-testid={`${kind}-export`}>
        导出
      </Button>
      <Button size="small" icon={<FileExcelOutlined />} loading={busy === 'template'} onClick={doTemplate}>
        模板
      </Button>
    </Space>
  );
}
