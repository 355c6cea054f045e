// Import a file into one ledger as a short wizard (DOMAIN.md §10): 选择文件 → 列对应 (each column of the sheet
// matched by name or alias, with its confidence; the user chooses for the others: a field, 备注 or 忽略) → 取值对应
// (words that are no option, once per word) → 预览 (every row problem, the records already there with their
// changes: update or skip) → 导入 (all-or-nothing; then 撤销本次导入 is offered, components/ImportUndo.tsx). Steps with nothing to decide are passed over;
// a mapping chosen here is remembered for the next sheet of the same layout (the preview offers it).
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, List, Modal, Radio, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApiOutput, ImportUpdate } from '../../../../electron/domain/api';
import type { LedgerKind } from '../../../../electron/domain/fields';
import { LEDGERS } from '../../../../electron/domain/ledgers';
import { ACCEPT_PARTIAL, IGNORE_TARGET, NOTE_TARGET, type ColumnMatch, type SheetMapping } from '../../../../electron/domain/sheet-mapping';
import { call } from '../../api';
import { pickFile, saveFile, type PickedFile } from '../../files';
import { showValue } from '../../format';
import { TaskProgress, useUndoImport } from '../../components/ImportUndo';

export async function downloadTemplate(kind: LedgerKind): Promise<string | null> {
  const t = await call('exchange.template', { kind });
  return saveFile(t.fileName, t.content, '保存导入模板');
}

type Preview = ApiOutput<'exchange.preview'>;

const VIA: Record<ColumnMatch['via'], string> = {
  label: '列名一致',
  alias: '常用别名',
  partial: '部分相符',
  serial: '序号列',
  mapping: '已指定',
  none: '未识别',
};

/** A column that needs the user: not matched surely (by name, alias, the user), or several fields fit. */
function unsure(c: ColumnMatch): boolean {
  return !!c.ambiguous || c.via === 'none' || (c.via === 'partial' && c.confidence < 0.9);
}

function confidenceTag(c: ColumnMatch) {
  const pct = Math.round(c.confidence * 100);
  const color = c.ambiguous ? 'orange' : c.confidence >= 0.9 ? 'green' : c.confidence >= ACCEPT_PARTIAL ? 'blue' : c.confidence > 0 ? 'orange' : 'default';
  return (
    <Tag color={color} data-testid="import-confidence">
      {c.ambiguous ? '有多个可能' : VIA[c.via]}
      {c.confidence > 0 ? ` ${pct}%` : ''}
    </Tag>
  );
}

export function ImportDialog({ kind, open, onClose, onImported }: { kind: LedgerKind; open: boolean; onClose: () => void; onImported: (n: number) => void }) {
  const def = LEDGERS[kind];
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<SheetMapping>({});
  const [existing, setExisting] = useState<'update' | 'skip'>('update');
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** the import done: its result, with 撤销本次导入 */
  const [done, setDone] = useState<ApiOutput<'exchange.import'> | null>(null);
  const [importing, setImporting] = useState(false);
  const undo = useUndoImport();

  const reset = () => {
    setDone(null);
    setFile(null);
    setPreview(null);
    setMapping({});
    setExisting('update');
    setStep(0);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const check = async (f: PickedFile, m: SheetMapping): Promise<Preview> => {
    const given = m.columns || m.values ? { mapping: m } : {};
    return call('exchange.preview', { kind, fileName: f.name, content: f.content, existing: 'update', ...given });
  };

  /** The first step that needs the user, from the preview of a file. */
  const firstStep = (p: Preview): number => {
    if (p.columns?.some(unsure) || (p.errors.length && !p.columns?.length)) return 1;
    if (p.unknownValues?.length) return 2;
    return 3;
  };

  const choose = async () => {
    setError(null);
    try {
      const f = await pickFile({ title: `选择要导入${def.shortName}的文件`, extensions: ['xlsx', 'csv', 'json'], filterName: 'Excel、CSV 或 JSON 文件' });
      if (!f) return;
      setFile(f);
      setPreview(null);
      setBusy(true);
      const p = await check(f, {});
      setMapping(p.savedMapping ?? {});
      setPreview(p);
      setStep(p.columns?.length ? firstStep(p) : 3);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  /** Check again under the mapping as it now is, then go to `to` (or the first step still needing the user). */
  const recheck = async (m: SheetMapping, to?: number) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const p = await check(file, m);
      setPreview(p);
      if (to !== undefined) setStep(to === 2 && !p.unknownValues?.length ? 3 : to);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const setColumn = (header: string, target: string) => {
    const m = { ...mapping, columns: { ...mapping.columns, [header]: target } };
    setMapping(m);
    void recheck(m);
  };

  const setValue = (field: string, word: string, option: string) => {
    const m = { ...mapping, values: { ...mapping.values, [field]: { ...mapping.values?.[field], [word]: option } } };
    setMapping(m);
  };

  const doImport = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setImporting(true);
    setError(null);
    try {
      const versions = Object.fromEntries((preview.updates ?? []).map((u) => [u.id, u.version]));
      // every column as it is now matched, so a sheet of this layout needs nothing chosen next time
      const columns = Object.fromEntries((preview.columns ?? []).flatMap((c) => (targetOf(c) ? [[c.header, targetOf(c)!]] : [])));
      const full: SheetMapping = { ...mapping, columns: { ...columns, ...mapping.columns } };
      const given = mapping.columns || mapping.values ? { mapping: full } : {};
      const r = await call('exchange.import', { kind, fileName: file.name, content: file.content, existing, versions, ...given });
      if (r.errors.length) {
        setPreview((p) => (p ? { ...p, errors: r.errors } : p));
        return;
      }
      // the dialog ends on its result (with 撤销本次导入), which says what was imported
      onImported(r.inserted);
      setDone(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setImporting(false);
    }
  };

  const undoDone = async () => {
    if (!done?.importId || !file) return;
    const ok = await undo({ id: done.importId, fileName: file.name, kindName: def.shortName, inserted: done.inserted, updated: done.updated ?? 0 });
    if (!ok) return;
    onImported(-done.inserted);
    close();
  };

  const headerErrors = preview?.errors.filter((e) => /^第\d+行：/.test(e)) ?? [];
  const unknown = preview?.unknownValues ?? [];
  const updates = preview?.updates ?? [];
  const changed = updates.length;
  const inserting = preview ? preview.total - changed - (preview.unchanged ?? 0) : 0;
  const ok = !!preview && preview.errors.length === 0 && preview.total > 0;
  const sampleKeys = preview?.sample.length
    ? def.fields.filter((f) => preview.sample.some((r) => r[f.key] !== undefined && r[f.key] !== null)).slice(0, 8)
    : [];
  const fieldOptions = [
    ...def.fields.filter((f) => !f.derived || f.derived === 'suggested').map((f) => ({ value: f.label, label: f.label })),
    { value: NOTE_TARGET, label: '备注（保留为“列名：值”）' },
    { value: IGNORE_TARGET, label: '忽略此列' },
  ];
  const targetOf = (c: ColumnMatch): string | undefined =>
    c.ambiguous ? undefined : c.target === '@ignore' ? IGNORE_TARGET : c.target === '@note' ? NOTE_TARGET : def.fields.find((f) => f.key === c.target)?.label;

  const steps = [{ title: '选择文件' }, { title: '列对应' }, { title: '取值对应' }, { title: '预览并导入' }];
  const next = () => {
    if (step === 1) void recheck(mapping, 2);
    else if (step === 2) void recheck(mapping, 3);
  };

  return (
    <Modal
      open={open}
      title={`导入${def.name}`}
      width={1000}
      onCancel={close}
      // on the Modal itself the testid lands on .ant-modal-root, which has no box of its own
      modalRender={(node) => <div data-testid="import-dialog">{node}</div>}
      footer={
        done
          ? [
              done.importId ? (
                <Button key="undo" danger onClick={() => void undoDone()} data-testid="import-undo">
                  撤销本次导入
                </Button>
              ) : null,
              <Button key="done" type="primary" autoFocus onClick={close} data-testid="import-done">
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                取消
              </Button>,
              step > 1 && preview?.columns?.length ? (
                <Button key="back" onClick={() => setStep(step - 1)} data-testid="import-back">
                  上一步
                </Button>
              ) : null,
              step === 1 || step === 2 ? (
                <Button key="next" type="primary" loading={busy} onClick={next} data-testid="import-next">
                  下一步
                </Button>
              ) : (
                <Button
                  key="go"
                  type="primary"
                  disabled={!ok || step !== 3}
                  loading={busy && !!preview}
                  onClick={() => void doImport()}
                  data-testid="import-confirm"
                >
                  {preview && ok ? `确认导入 ${preview.total} 条` : '确认导入'}
                </Button>
              ),
            ]
      }
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          title={`已导入 ${done.inserted} 条${def.shortName}记录${done.updated ? `，更新 ${done.updated} 条已有记录` : ''}${done.skipped ? `，跳过 ${done.skipped} 条已有记录` : ''}`}
          description={
            done.importId
              ? `导入编号 ${done.importId}。如果导入错了，可以点“撤销本次导入”：新增的记录移入回收站，更新过的记录恢复为导入前的内容（以后也可以在“设置 · 数据与备份 · 最近的导入”中撤销）。`
              : undefined
          }
        />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Steps size="small" current={step} items={steps} data-testid="import-steps" onChange={(s) => preview?.columns?.length && s > 0 && setStep(s)} />
          {step === 0 ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              支持 Excel（.xlsx）、CSV 和 JSON
              文件。可直接使用单位自己的台账表格：标题行、填报单位行、序号列、合计行会自动识别，列名按常用叫法对应；无法确定的列和取值在下一步指定，并记住供下次使用。导入前先检查全部行：有任何错误则一条也不写入；导入后可以撤销本次导入。
            </Typography.Paragraph>
          ) : null}
          <Space wrap>
            <Button
              icon={<UploadOutlined />}
              onClick={() => void choose()}
              loading={busy && !preview}
              data-testid="import-choose"
              type={file ? 'default' : 'primary'}
            >
              {file ? '重新选择文件' : '选择文件'}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void downloadTemplate(kind).catch((e: Error) => setError(e.message))}
              data-testid="import-template"
            >
              下载空白模板
            </Button>
            {file ? (
              <Typography.Text data-raw data-testid="import-file-name">
                {file.name}
              </Typography.Text>
            ) : null}
          </Space>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          {preview?.savedMapping && step > 0 ? (
            <Alert type="info" showIcon title="已套用上次导入同样格式表格时指定的对应关系，可在“列对应”“取值对应”中修改" data-testid="import-saved-mapping" />
          ) : null}

          {preview && step === 1 ? (
            <>
              <Typography.Text>
                表中各列与{def.shortName}字段的对应：<Tag color="green">列名一致</Tag>
                <Tag color="green">常用别名</Tag>可直接导入；<Tag color="orange">未识别或有多个可能</Tag>的列请选择字段，或写入备注、忽略。
              </Typography.Text>
              {headerErrors.length ? <Alert type="error" showIcon data-testid="import-header-errors" title={headerErrors.join('；')} /> : null}
              <Table
                size="small"
                bordered
                pagination={false}
                data-testid="import-columns"
                rowKey={(c) => String(c.index)}
                dataSource={preview.columns}
                scroll={{ y: 330 }}
                columns={[
                  { key: 'header', title: '表中列名', width: 200, render: (_: unknown, c: ColumnMatch) => <span data-raw>{c.header}</span> },
                  { key: 'conf', title: '识别方式和可信度', width: 170, render: (_: unknown, c: ColumnMatch) => confidenceTag(c) },
                  {
                    key: 'target',
                    title: '导入为',
                    render: (_: unknown, c: ColumnMatch) => (
                      <Select
                        showSearch
                        style={{ width: 260 }}
                        value={targetOf(c)}
                        placeholder={
                          c.candidates.length ? `请选择：${c.candidates.map((k) => def.fields.find((f) => f.key === k)?.label ?? k).join(' 或 ')}` : '请选择'
                        }
                        options={fieldOptions}
                        onChange={(v: string) => setColumn(c.header, v)}
                        data-testid={`import-map-${c.header}`}
                        aria-label={`“${c.header}”导入为`}
                      />
                    ),
                  },
                ]}
              />
            </>
          ) : null}

          {preview && step === 2 ? (
            <>
              <Typography.Text>以下写法不是字段的可选值，请为每种写法选择对应的值（每种只需选一次，下次自动套用）：</Typography.Text>
              <Table
                size="small"
                bordered
                pagination={false}
                data-testid="import-values"
                rowKey={(u) => `${u.field}|${u.word}`}
                dataSource={unknown}
                columns={[
                  { key: 'field', title: '字段', width: 140, dataIndex: 'field' },
                  { key: 'word', title: '表中写法', width: 160, render: (_: unknown, u) => <span data-raw>{u.word}</span> },
                  { key: 'count', title: '出现行数', width: 90, dataIndex: 'count' },
                  {
                    key: 'to',
                    title: '对应为',
                    render: (_: unknown, u) => (
                      <Select
                        showSearch
                        style={{ width: 220 }}
                        placeholder="请选择"
                        value={mapping.values?.[u.field]?.[u.word]}
                        options={u.options.map((o) => ({ value: o, label: o }))}
                        onChange={(v: string) => setValue(u.field, u.word, v)}
                        data-testid={`import-value-${u.word}`}
                        aria-label={`“${u.word}”对应为`}
                      />
                    ),
                  },
                ]}
              />
            </>
          ) : null}

          {preview && step === 3 ? (
            <>
              <Alert
                type={preview.errors.length ? 'error' : preview.total ? 'success' : 'warning'}
                showIcon
                data-testid="import-summary"
                title={
                  preview.errors.length
                    ? `共 ${preview.total} 行，发现 ${preview.errorCount ?? preview.errors.length} 处错误：请在文件中改正后重新选择（或在前两步修改对应关系），本次不会写入任何数据`
                    : preview.total
                      ? `共 ${preview.total} 行，检查通过，可以导入：新增 ${inserting} 条${changed ? `，台账中已有且有变化的 ${changed} 条` : ''}${preview.unchanged ? `，与台账相同的 ${preview.unchanged} 条` : ''}`
                      : '文件中没有数据行'
                }
              />
              {preview.notices?.length ? (
                <Alert
                  type="info"
                  showIcon
                  data-testid="import-notices"
                  title={preview.notices.map((n) => (
                    <div key={n}>{n}</div>
                  ))}
                />
              ) : null}
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
              {changed && !preview.errors.length ? (
                <>
                  <Space>
                    <Typography.Text>台账中已有的 {changed} 条记录：</Typography.Text>
                    <Radio.Group value={existing} onChange={(e) => setExisting(e.target.value as 'update' | 'skip')} data-testid="import-existing">
                      <Radio value="update">用表中的值更新</Radio>
                      <Radio value="skip">跳过，保持不变</Radio>
                    </Radio.Group>
                  </Space>
                  <List
                    size="small"
                    bordered
                    data-testid="import-updates"
                    style={{ maxHeight: 160, overflow: 'auto' }}
                    dataSource={updates}
                    renderItem={(u: ImportUpdate) => (
                      <List.Item data-raw>
                        第{u.line}行 {u.title}：{u.changes.map((c) => `${c.field} ${c.before || '（空）'} → ${c.after || '（空）'}`).join('；')}
                      </List.Item>
                    )}
                  />
                </>
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
                    columns={sampleKeys.map((f) => ({
                      key: f.key,
                      title: f.label,
                      ellipsis: true,
                      width: (f.width ?? 6) * 14 + 16,
                      render: (_: unknown, r) => showValue(f, r[f.key]),
                    }))}
                  />
                </>
              ) : null}
            </>
          ) : null}
          <TaskProgress active={importing} testId="import-progress" />
        </Space>
      )}
    </Modal>
  );
}
