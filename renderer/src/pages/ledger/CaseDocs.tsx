// 文书 of a 复议/应诉 case in the record drawer (DOMAIN §11; core/case-docs.ts): generate a 文书 from its kind's
// template (filled from the case and its parties, 文号 from the kind's pattern), the case's 文书 log with 文号,
// 签发人 and 送达, record a 送达, download the 文书 again or its 送达回证, and edit a kind's template (text and 文号
// pattern, or the office's own .docx) with the report template editor's placeholder list and paper preview.
// Everything is reachable by Tab and Enter: the generate form submits on Enter, each row's actions are buttons,
// the 送达 form opens with its first field focused.
import { DownloadOutlined, EditOutlined, FileAddOutlined, FileWordOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocTemplateView } from '../../../../electron/domain/api';
import { docKindsOf, SERVICE_METHODS, type CaseDoc } from '../../../../electron/domain/case-docs';
import type { CaseKind } from '../../../../electron/domain/case-file';
import { checkTemplate } from '../../../../electron/domain/report';
import { call } from '../../api';
import { Loaded } from '../../components/Page';
import { useApp } from '../../context';
import { pickFile, saveFile } from '../../files';
import { useApi } from '../../hooks';
import { Paper } from '../report/Paper';
import { KeyPicker } from '../report/TemplateEditor';

const localToday = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** The 文书 tab: generate, the log, 送达, 送达回证. `onChanged`: a write was audited (the drawer's history reloads). */
export function CaseDocs({ kind, id, onChanged }: { kind: CaseKind; id: string; onChanged?: () => void }) {
  const loaded = useApi('caseDocs.list', { kind, id });
  const parties = useApi('case.get', { kind, id });
  const [changed, setChanged] = useState<CaseDoc[] | undefined>(undefined);
  const docs = changed ?? loaded.data?.docs;
  const setDocs = (d: CaseDoc[]) => {
    setChanged(d);
    onChanged?.();
  };
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div data-testid="case-docs">
      <Generate kind={kind} id={id} onGenerated={(d) => setDocs([d, ...(docs ?? []).filter((x) => x.id !== d.id)])} onEditTemplate={setEditing} />
      <Loaded loading={loaded.loading && !docs} error={loaded.error} hasData={!!docs} onRetry={loaded.reload}>
        {docs ? (
          <DocLog
            kind={kind}
            id={id}
            docs={docs}
            names={(parties.data?.parties ?? []).filter((p) => p.role !== '代理人').map((p) => p.name)}
            onChange={setDocs}
          />
        ) : null}
      </Loaded>
      {editing ? <DocTemplateEditor kind={kind} id={id} docKind={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

function Generate({
  kind,
  id,
  onGenerated,
  onEditTemplate,
}: {
  kind: CaseKind;
  id: string;
  onGenerated: (d: CaseDoc) => void;
  onEditTemplate: (docKind: string) => void;
}) {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const [form] = Form.useForm();
  const kinds = useMemo(() => docKindsOf(kind).filter((d) => d.name !== '送达回证'), [kind]);
  const docKind = (Form.useWatch('docKind', form) as string | undefined) ?? kinds[0].name;
  const def = kinds.find((d) => d.name === docKind) ?? kinds[0];
  const [busy, setBusy] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      disabled={readOnly || busy}
      initialValues={{ docKind: kinds[0].name, signedOn: localToday() }}
      data-testid="doc-generate"
      onFinish={async (v: Record<string, string>) => {
        setBusy(true);
        try {
          const inputs = Object.fromEntries(def.inputs.map((i) => [i.key, v[`in:${i.key}`] ?? '']).filter(([, x]) => x.trim()));
          const r = await call('caseDocs.generate', { kind, id, docKind: def.name, signer: v.signer ?? '', signedOn: v.signedOn?.trim() || undefined, inputs });
          onGenerated(r.doc);
          void message.success(`已生成${r.doc.docKind}${r.doc.docNo ? `（${r.doc.docNo}）` : ''}`);
          await saveFile(r.fileName, r.content, '保存文书');
        } catch (e) {
          void message.error((e as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Space wrap align="end" size={8}>
        <Form.Item name="docKind" label="文书" style={{ marginBottom: 8 }}>
          <Select
            options={kinds.map((d) => ({ value: d.name, label: d.name }))}
            style={{ width: 200 }}
            showSearch
            data-testid="doc-kind"
            aria-label="文书种类"
          />
        </Form.Item>
        <Form.Item name="signer" label="签发人" rules={[{ required: true, whitespace: true, message: '请填写签发人' }]} style={{ marginBottom: 8 }}>
          <Input style={{ width: 110 }} data-testid="doc-signer" />
        </Form.Item>
        <Form.Item name="signedOn" label="签发日期" style={{ marginBottom: 8 }}>
          <Input placeholder="如 2025-03-05" style={{ width: 112 }} data-testid="doc-signed-on" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Space>
            <Button type="primary" htmlType="submit" icon={<FileAddOutlined />} loading={busy} data-testid="doc-generate-submit">
              生成并下载
            </Button>
            <Button icon={<EditOutlined />} disabled={false} onClick={() => onEditTemplate(def.name)} data-testid="doc-edit-template">
              编辑模板
            </Button>
          </Space>
        </Form.Item>
      </Space>
      {def.inputs.map((i) => (
        <Form.Item key={`${def.name}-${i.key}`} name={`in:${i.key}`} label={i.key} extra={i.help} style={{ marginBottom: 8 }}>
          {i.long ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`doc-input-${i.key}`} /> : <Input data-testid={`doc-input-${i.key}`} />}
        </Form.Item>
      ))}
    </Form>
  );
}

function DocLog({ kind, id, docs, names, onChange }: { kind: CaseKind; id: string; docs: CaseDoc[]; names: string[]; onChange: (d: CaseDoc[]) => void }) {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const [serving, setServing] = useState<CaseDoc | null>(null);
  const download = async (p: Promise<{ fileName: string; content: string }>) => {
    try {
      const r = await p;
      await saveFile(r.fileName, r.content, '保存文书');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        文书登记（{docs.length}）
      </Typography.Title>
      <Table<CaseDoc>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={docs}
        locale={{ emptyText: '尚未生成文书' }}
        data-testid="doc-log"
        columns={[
          { title: '文书', dataIndex: 'docKind', width: 120 },
          { title: '文号', dataIndex: 'docNo', width: 130, render: (v: string) => v || <Typography.Text type="secondary">无文号</Typography.Text> },
          { title: '签发人', dataIndex: 'signer', width: 70 },
          { title: '签发日期', dataIndex: 'signedOn', width: 96 },
          {
            title: '送达',
            dataIndex: 'services',
            render: (ss: CaseDoc['services'], d) =>
              ss.length ? (
                <Space direction="vertical" size={0}>
                  {ss.map((s) => (
                    <span key={s.id} data-testid="doc-service">
                      {s.servedOn} {s.method}送达{s.recipient}
                      <Popconfirm
                        title="删除这条送达记录？"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={async () => {
                          try {
                            onChange((await call('caseDocs.deleteService', { kind, id, serviceId: s.id })).docs);
                          } catch (e) {
                            void message.error((e as Error).message);
                          }
                        }}
                      >
                        <Button type="link" size="small" danger disabled={readOnly} aria-label={`删除送达记录：${s.recipient}`}>
                          删除
                        </Button>
                      </Popconfirm>
                    </span>
                  ))}
                </Space>
              ) : (
                <Tag color="orange" data-testid="doc-unserved">
                  未送达{d.docKind === '答辩状' ? '（提交法院）' : ''}
                </Tag>
              ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 104,
            render: (_: unknown, d) => (
              <Space size={2} direction="vertical">
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void download(call('caseDocs.file', { kind, id, docId: d.id }))}
                  aria-label={`下载${d.docKind}`}
                  data-testid="doc-download"
                >
                  下载
                </Button>
                <Button
                  size="small"
                  icon={<SendOutlined />}
                  disabled={readOnly}
                  onClick={() => setServing(d)}
                  aria-label={`登记${d.docKind}的送达`}
                  data-testid="doc-serve"
                >
                  登记送达
                </Button>
                <Button
                  size="small"
                  icon={<FileWordOutlined />}
                  onClick={() => void download(call('caseDocs.receipt', { kind, id, docId: d.id }))}
                  aria-label={`下载${d.docKind}的送达回证`}
                  data-testid="doc-receipt"
                >
                  送达回证
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {serving ? <ServeDialog kind={kind} id={id} doc={serving} names={names} onClose={() => setServing(null)} onDone={onChange} /> : null}
    </>
  );
}

function ServeDialog({
  kind,
  id,
  doc,
  names,
  onClose,
  onDone,
}: {
  kind: CaseKind;
  id: string;
  doc: CaseDoc;
  names: string[];
  onClose: () => void;
  onDone: (d: CaseDoc[]) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Record<string, string>) => {
    setBusy(true);
    try {
      onDone(
        (
          await call('caseDocs.addService', {
            kind,
            id,
            docId: doc.id,
            service: { recipient: v.recipient ?? '', method: v.method, servedOn: v.servedOn ?? '', note: v.note || null },
          })
        ).docs,
      );
      void message.success('已登记送达');
      onClose();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`登记送达：${doc.docKind}${doc.docNo ? `（${doc.docNo}）` : ''}`}
      onCancel={onClose}
      okText="登记"
      cancelText="取消"
      okButtonProps={{ loading: busy, 'data-testid': 'serve-ok' } as ButtonProps}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="serve-dialog"
    >
      <Form form={form} layout="vertical" initialValues={{ method: '直接', servedOn: localToday() }} onFinish={submit}>
        <Form.Item name="recipient" label="受送达人" rules={[{ required: true, whitespace: true, message: '受送达人必填' }]}>
          <Input autoFocus list={`serve-names-${doc.id}`} data-testid="serve-recipient" />
        </Form.Item>
        <datalist id={`serve-names-${doc.id}`}>
          {names.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <Form.Item name="method" label="送达方式">
          <Select options={SERVICE_METHODS.map((m) => ({ value: m, label: m }))} data-testid="serve-method" aria-label="送达方式" />
        </Form.Item>
        <Form.Item name="servedOn" label="送达日期" rules={[{ required: true, message: '送达日期必填' }]}>
          <Input placeholder="如 2025-03-05" data-testid="serve-on" onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="note" label="备注（如邮件单号）">
          <Input onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A kind's template: the text (the report template language) and its 文号 pattern, with the placeholder list of
 * the report's editor (each key with its value in this case) and the paper preview filled from this case; or the
 * office's own .docx in its place. Saving adds a version (audited); 恢复内置模板 returns to our wording.
 */
function DocTemplateEditor({ kind, id, docKind, onClose }: { kind: CaseKind; id: string; docKind: string; onClose: () => void }) {
  const tpl = useApi('caseDocs.template', { docKind });
  return (
    <Modal open title={`编辑模板：${docKind}`} onCancel={onClose} footer={null} width="min(1180px, 96vw)" destroyOnHidden data-testid="doc-template-editor">
      <Loaded loading={tpl.loading} error={tpl.error} hasData={!!tpl.data} onRetry={tpl.reload}>
        {tpl.data ? <DocTemplateForm key={tpl.data.version ?? 0} kind={kind} id={id} data={tpl.data} reload={tpl.reload} /> : null}
      </Loaded>
    </Modal>
  );
}

function DocTemplateForm({ kind, id, data, reload }: { kind: CaseKind; id: string; data: DocTemplateView; reload: () => void }) {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const [text, setText] = useState(data.text);
  const [pattern, setPattern] = useState(data.noPattern);
  const [shown, setShown] = useState(data.text);
  const [busy, setBusy] = useState(false);
  const area = useRef<TextAreaRef>(null);
  /** a placeholder put at the cursor (as the report editor does), the cursor after it */
  const insert = (key: string) => {
    const el = area.current?.resizableTextArea?.textArea;
    const from = el?.selectionStart ?? text.length;
    const to = el?.selectionEnd ?? text.length;
    const mark = `{{${key}}}`;
    setText(text.slice(0, from) + mark + text.slice(to));
    window.requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(from + mark.length, from + mark.length);
    });
  };
  useEffect(() => {
    const t = window.setTimeout(() => setShown(text), 400);
    return () => window.clearTimeout(t);
  }, [text]);
  const preview = useApi('caseDocs.preview', { kind, id, docKind: data.docKind, template: shown });
  const known = useMemo(() => new Set(data.keys), [data.keys]);
  const problems = useMemo(() => checkTemplate(text, (k) => known.has(k)), [text, known]);
  const keyValues = useMemo(() => preview.data?.values ?? data.keys.map((k) => ({ key: k, text: '' })), [data.keys, preview.data]);
  const dirty = text !== data.text || pattern !== data.noPattern;
  const save = async (t: string | null, p: string | null, note?: string) => {
    setBusy(true);
    try {
      const r = await call('caseDocs.saveTemplate', { docKind: data.docKind, text: t, noPattern: p, base: data.version, note });
      void (r.saved ? message.success(`已保存为第 ${r.version} 版`) : message.info('模板没有改动'));
      reload();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const upload = async () => {
    try {
      const f = await pickFile({ title: '选择本单位的 Word 模板', extensions: ['docx'], filterName: 'Word 文档' });
      if (!f) return;
      setBusy(true);
      const r = await call('caseDocs.uploadTemplate', { docKind: data.docKind, content: f.content, base: data.version });
      void message.success(`已换用“${f.name}”（第 ${r.version} 版，含 ${r.keys.length} 个占位符）`);
      reload();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
      <div style={{ flex: '1 1 420px', minWidth: 320 }}>
        {data.docx ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title="正在使用本单位上传的 Word 模板；在此保存文字模板即改回文字模板。" /> : null}
        <Space wrap style={{ marginBottom: 8 }}>
          <span>文号格式</span>
          <Input
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
            style={{ width: 260 }}
            aria-label="文号格式"
            data-testid="doc-template-pattern"
            placeholder="无文号则留空"
          />
          <Typography.Text type="secondary">
            可用 {'{代字}'} {'{年}'} {'{号}'}
          </Typography.Text>
        </Space>
        <Input.TextArea
          ref={area}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          autoSize={{ minRows: 12, maxRows: 24 }}
          aria-label="模板文字"
          data-testid="doc-template-text"
        />
        {problems.length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="doc-template-problems"
            title={`有 ${problems.length} 处问题，改正后才能保存`}
            description={problems.slice(0, 10).map((p, i) => (
              <div key={i}>
                第 {p.line} 行：{p.message}
              </div>
            ))}
          />
        ) : null}
        <Space wrap style={{ marginTop: 8 }}>
          <Button
            type="primary"
            disabled={readOnly || !dirty || problems.length > 0}
            loading={busy}
            onClick={() => void save(text, pattern, undefined)}
            data-testid="doc-template-save"
          >
            保存为新版本
          </Button>
          <Button disabled={readOnly || busy} onClick={() => void upload()} data-testid="doc-template-upload">
            换用本单位 Word 模板…
          </Button>
          <Popconfirm title="恢复为内置模板和内置文号格式？" okText="恢复" cancelText="取消" onConfirm={() => void save(null, null, '恢复内置模板')}>
            <Button disabled={readOnly || busy || data.version === null}>恢复内置模板</Button>
          </Popconfirm>
          <Typography.Text type="secondary">{data.version ? `在用：第 ${data.version} 版` : '在用：内置模板'}</Typography.Text>
        </Space>
        <div style={{ marginTop: 8 }}>
          <KeyPicker keys={keyValues} loading={false} figures={false} onPick={(k) => insert(k)} />
        </div>
      </div>
      <div style={{ flex: '1 1 420px', minWidth: 320 }}>
        <Loaded loading={preview.loading && !preview.data} error={preview.error} hasData={!!preview.data} onRetry={preview.reload}>
          {preview.data ? (
            <>
              {preview.data.docNo ? <div style={{ textAlign: 'right', marginBottom: 4 }}>文号：{preview.data.docNo}</div> : null}
              <Paper
                title={preview.data.title}
                recipient={preview.data.recipient}
                blocks={preview.data.blocks}
                signer={preview.data.signer}
                date={preview.data.date}
                unknownKeys={preview.data.unknownKeys}
              />
            </>
          ) : null}
        </Loaded>
      </div>
    </div>
  );
}
