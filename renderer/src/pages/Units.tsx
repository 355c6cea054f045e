// 单位与上报 (issue 20): the unit tree this level maintains (add, rename, move, a code each; also in 设置 · 单位),
// 上报 — the own unit's 数据包 for a year or a range —, receiving a lower unit's package (checked, shown as what it
// changes, then received), and who has sent their package for the year.
import { CloudUploadOutlined, InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { PackagePreview, UnitStatus, UnitView } from '../../../electron/domain/units';
import { call } from '../api';
import { Loaded, PageTitle, Section } from '../components/Page';
import { useApp } from '../context';
import { pickFile, saveFile, type PickedFile } from '../files';
import { useAction, useApi } from '../hooks';

const indent = (depth: number) => ({ paddingLeft: depth * 20 });
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

type Edit = { mode: 'add'; parent: UnitView } | { mode: 'edit'; unit: UnitView } | { mode: 'move'; unit: UnitView };

function UnitDialog({ edit, units, onClose, onSaved }: { edit: Edit; units: UnitView[]; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const unit = edit.mode === 'add' ? null : edit.unit;
  const title = edit.mode === 'add' ? `在“${edit.parent.name}”下新增单位` : edit.mode === 'edit' ? `修改单位“${unit!.name}”` : `移动单位“${unit!.name}”`;
  // a unit moves below any unit that is not itself or below it
  const parents = unit ? units.filter((u) => !u.path.startsWith(unit.path) && u.via === null) : [];
  const save = async () => {
    const v = (await form.validateFields()) as { name?: string; code?: string; upper?: string; parentId?: number };
    setBusy(true);
    try {
      if (edit.mode === 'add') await call('units.add', { name: v.name ?? '', code: v.code || null, parentId: edit.parent.id });
      else if (edit.mode === 'edit')
        await call('units.update', { id: unit!.id, name: v.name, code: v.code || null, ...(unit!.own ? { upper: v.upper || null } : {}) });
      else await call('units.update', { id: unit!.id, parentId: v.parentId });
      void message.success('单位已保存');
      onSaved();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={save} okText="保存" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={
          edit.mode === 'add'
            ? {}
            : {
                name: unit!.name,
                code: unit!.code ?? '',
                upper: edit.mode === 'edit' && unit!.own ? (unit!.fullName.split('／').slice(0, -1).join('／') ?? '') : '',
                parentId: unit!.parentId ?? undefined,
              }
        }
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        {edit.mode !== 'move' ? (
          <>
            <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
              <Input autoFocus maxLength={60} placeholder="如：某县交通运输局" />
            </Form.Item>
            <Form.Item name="code" label="统一社会信用代码（可不填）" extra="填写后，数据包按代码认单位；同名单位较多时建议填写">
              <Input maxLength={18} placeholder="18 位数字或大写字母" />
            </Form.Item>
            {unit?.own ? (
              <Form.Item name="upper" label="上级单位（写在数据包中，如“某市／某县”）">
                <Input maxLength={200} />
              </Form.Item>
            ) : null}
          </>
        ) : (
          <Form.Item name="parentId" label="移到哪个单位之下" rules={[{ required: true, message: '请选择上级单位' }]}>
            <Select autoFocus showSearch optionFilterProp="label" options={parents.map((u) => ({ value: u.id, label: u.fullName }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The unit tree with its operations: 设置 · 单位 and the 单位与上报 page both show it. */
export function UnitTree() {
  const { readOnly } = useApp();
  const { modal, message } = App.useApp();
  const units = useApi('units.list', {});
  const [edit, setEdit] = useState<Edit | null>(null);
  const list = units.data?.units ?? [];
  const resetSource = (u: UnitView) =>
    modal.confirm({
      title: `更换“${u.name}”的数据包来源？`,
      content: '该单位换了电脑或重装了程序时使用：此后接收的第一份数据包成为它的新来源。请先与该单位核实，以免有人冒用该单位上报。',
      okText: '更换来源',
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('units.update', { id: u.id, resetSource: true });
          void message.success('已更换来源，可以接收该单位新电脑上的数据包');
          units.reload();
        } catch (e) {
          void message.error((e as Error).message);
        }
      },
    });
  return (
    <Loaded loading={units.loading} error={units.error} hasData={!!units.data} onRetry={units.reload}>
      <Table<UnitView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list}
        data-testid="unit-tree"
        onRow={(u) => ({ 'data-testid': `unit-${u.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '单位',
            dataIndex: 'name',
            render: (n: string, u) => (
              <span style={indent(u.depth)}>
                {n} {u.own ? <Tag color="blue">本单位</Tag> : null}
                {u.via !== null ? <Tag>随上级单位数据包</Tag> : null}
              </span>
            ),
          },
          { title: '统一社会信用代码', dataIndex: 'code', width: 200, render: (c: string | null) => <span data-raw>{c ?? ''}</span> },
          {
            title: '数据包来源',
            dataIndex: 'source',
            width: 110,
            render: (s: string | null, u) => (u.own ? '' : s ? <span data-raw>{s.slice(0, 8)}</span> : '尚未接收'),
          },
          {
            title: '操作',
            key: 'op',
            width: 330,
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                <Button size="small" icon={<PlusOutlined />} disabled={readOnly || u.via !== null} onClick={() => setEdit({ mode: 'add', parent: u })}>
                  新增下级
                </Button>
                <Button size="small" disabled={readOnly || u.via !== null} onClick={() => setEdit({ mode: 'edit', unit: u })}>
                  修改
                </Button>
                {!u.own ? (
                  <Button size="small" disabled={readOnly || u.via !== null} onClick={() => setEdit({ mode: 'move', unit: u })}>
                    移动
                  </Button>
                ) : null}
                {!u.own && u.source ? (
                  <Button size="small" disabled={readOnly} onClick={() => resetSource(u)}>
                    更换来源
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {edit ? (
        <UnitDialog
          edit={edit}
          units={list}
          onClose={() => setEdit(null)}
          onSaved={() => {
            setEdit(null);
            units.reload();
          }}
        />
      ) : null}
    </Loaded>
  );
}

function PreviewView({ p }: { p: PackagePreview }) {
  const m = p.manifest;
  return (
    <div data-testid="package-preview">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="报送单位">{m.unit.path || m.unit.name}</Descriptions.Item>
        <Descriptions.Item label="本级单位树中">{p.unit.fullName}</Descriptions.Item>
        <Descriptions.Item label="年度">{m.years.from === m.years.to ? `${m.years.from}年` : `${m.years.from}—${m.years.to}年`}</Descriptions.Item>
        <Descriptions.Item label="记录数">{m.rows}</Descriptions.Item>
        <Descriptions.Item label="制作时间">{when(m.madeAt)}</Descriptions.Item>
        <Descriptions.Item label="程序版本">
          {m.appVersion}（结构版本 {m.schemaVersion}）
        </Descriptions.Item>
        <Descriptions.Item label="对照" span={2}>
          {p.previous ? `该单位上次的数据包（${when(p.previous.madeAt)} 制作，${when(p.previous.receivedAt)} 接收）` : '尚未接收过该单位的数据包'}
        </Descriptions.Item>
      </Descriptions>
      {p.alreadyReceived ? <Alert style={{ marginTop: 8 }} type="info" showIcon title="这份数据包已经接收过，数据没有变化。" /> : null}
      {p.newUnits.length ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={`将新增下级单位：${p.newUnits.join('、')}`} /> : null}
      <Table
        style={{ marginTop: 8 }}
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={p.changes}
        columns={[
          { title: '台账', dataIndex: 'label' },
          { title: '新增', dataIndex: 'added', align: 'right', width: 80 },
          { title: '更新', dataIndex: 'changed', align: 'right', width: 80 },
          { title: '移除', dataIndex: 'removed', align: 'right', width: 80 },
          { title: '不变', dataIndex: 'unchanged', align: 'right', width: 80 },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        接收后，该单位这些年度的数据以数据包为准：被更新和移除的记录原样存档，不会丢失；这些记录在本级只能查看。
      </Typography.Paragraph>
    </div>
  );
}

const STATE_COLOR: Record<UnitStatus['state'], string> = { 已上报: 'green', 未上报: 'red', 随上级上报: 'default', 有更新未上报: 'orange', 本级: 'blue' };

export default function UnitsPage() {
  const { year, years, readOnly, refresh } = useApp();
  const { message } = App.useApp();
  const [from, setFrom] = useState(year);
  const [to, setTo] = useState(year);
  const [statusYear, setStatusYear] = useState(year);
  const status = useApi('units.status', { year: statusYear });
  const [picked, setPicked] = useState<{ file: PickedFile; preview: PackagePreview } | null>(null);
  // the tree shows each unit's source and the units a package brought: drawn again after a package is received
  const [received, setReceived] = useState(0);
  const { busy, run } = useAction<'package' | 'pick' | 'receive'>();
  // packages often cover past years: the ten years up to this one besides the years with data
  const yearOptions = [...new Set([...years, ...Array.from({ length: 10 }, (_, i) => year - i)])]
    .sort((a, b) => b - a)
    .map((y) => ({ value: y, label: `${y}年` }));

  const makePackage = () =>
    run(async () => {
      const r = await call('units.package', { from: Math.min(from, to), to: Math.max(from, to) });
      const where = await saveFile(r.fileName, r.content, '保存数据包');
      if (where) void message.success(`已制作数据包（${r.manifest.rows} 条记录）：${where}`);
      status.reload();
    }, 'package');
  const pick = () =>
    run(async () => {
      const file = await pickFile({ title: '选择下级单位的数据包', extensions: ['fzpkg'], filterName: '法治台账数据包' });
      if (!file) return;
      setPicked({ file, preview: await call('units.preview', { fileName: file.name, content: file.content }) });
    }, 'pick');
  const receive = () =>
    run(async () => {
      if (!picked) return;
      const r = await call('units.receive', { fileName: picked.file.name, content: picked.file.content });
      setPicked(null);
      void message.success(
        r.alreadyReceived
          ? '这份数据包已经接收过，数据没有变化'
          : `已接收“${r.unit.name}”的数据包：新增 ${r.totals.added}，更新 ${r.totals.changed}，移除 ${r.totals.removed}`,
      );
      status.reload();
      setReceived((n) => n + 1);
      refresh();
    }, 'receive');

  return (
    <div>
      <PageTitle title="单位与上报" />
      <Section title="上报本单位数据">
        <Space wrap>
          <span>年度</span>
          <Select aria-label="起始年度" style={{ width: 110 }} value={from} onChange={setFrom} options={yearOptions} />
          <span>至</span>
          <Select aria-label="截止年度" style={{ width: 110 }} value={to} onChange={setTo} options={yearOptions} />
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={busy === 'package'}
            disabled={readOnly}
            onClick={makePackage}
            data-testid="make-package"
          >
            制作数据包
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          数据包包含本单位（以及已接收的下级单位）这些年度的全部台账、年度指标和素材，是一个文件，可用 U 盘交给上级单位。
        </Typography.Paragraph>
      </Section>
      <Section title="接收下级单位的数据包">
        <Button icon={<InboxOutlined />} loading={busy === 'pick'} disabled={readOnly} onClick={pick} data-testid="pick-package">
          选择数据包…
        </Button>
      </Section>
      <Section title="上报情况">
        <Space style={{ marginBottom: 8 }}>
          <span>年度</span>
          <Select aria-label="上报情况的年度" style={{ width: 110 }} value={statusYear} onChange={setStatusYear} options={yearOptions} />
        </Space>
        <Loaded loading={status.loading} error={status.error} hasData={!!status.data} onRetry={status.reload}>
          {status.data?.reminder ? <Alert style={{ marginBottom: 8 }} type="warning" showIcon title={status.data.reminder} /> : null}
          <Table<UnitStatus>
            size="small"
            rowKey="unitId"
            pagination={false}
            dataSource={status.data?.units ?? []}
            data-testid="unit-status"
            columns={[
              { title: '单位', dataIndex: 'name', render: (n: string, u) => <span style={indent(u.depth)}>{n}</span> },
              { title: '状态', dataIndex: 'state', width: 120, render: (s: UnitStatus['state']) => <Tag color={STATE_COLOR[s]}>{s}</Tag> },
              { title: '制作时间', dataIndex: 'madeAt', width: 150, render: when },
              { title: '接收时间', dataIndex: 'receivedAt', width: 150, render: when },
              { title: '本年度记录数', dataIndex: 'rows', width: 110, align: 'right' },
            ]}
          />
        </Loaded>
      </Section>
      <Section title="单位树">
        <UnitTree key={received} />
      </Section>
      {picked ? (
        <Modal
          open
          width={760}
          title="数据包内容"
          onCancel={() => setPicked(null)}
          okText={picked.preview.alreadyReceived ? '关闭' : '确认接收'}
          cancelText="取消"
          confirmLoading={busy === 'receive'}
          onOk={picked.preview.alreadyReceived ? () => setPicked(null) : receive}
          okButtonProps={{ 'data-testid': 'confirm-receive' } as never}
        >
          <PreviewView p={picked.preview} />
        </Modal>
      ) : null}
    </div>
  );
}
