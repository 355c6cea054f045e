// The case file of a 复议/应诉 case in the record drawer (DOMAIN §11): 案件进程 (the timeline built by
// domain/case-file.ts from the record and its 中止 periods, with the deadline each step starts) and 当事人 (a
// compact table with an add form). Everything is typed from the keyboard: dates as YYYY-MM-DD text, Enter adds.
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Popconfirm, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { CaseFileView } from '../../../../electron/domain/api';
import { GENDERS, PARTY_ROLES, PARTY_TYPES, type CaseKind, type Party } from '../../../../electron/domain/case-file';
import { call } from '../../api';
import { useApp } from '../../context';
import { Loaded } from '../../components/Page';
import { useApi } from '../../hooks';

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
const blankToNull = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && x.trim() === '' ? null : (x ?? null)]));

function Steps({ file, today }: { file: CaseFileView; today: string }) {
  if (!file.timeline.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无办理节点" />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={file.timeline.map((s, i) => ({
        key: i,
        color: s.pending ? 'orange' : s.starts && s.starts.dueOn < today ? 'gray' : 'blue',
        content: (
          <div data-testid="timeline-step">
            <Space size={8} wrap>
              <Typography.Text type="secondary">{s.date}</Typography.Text>
              <Typography.Text strong={!!s.starts}>{s.label}</Typography.Text>
            </Space>
            {s.starts ? (
              <div>
                <Tag color={s.starts.dueOn < today ? 'default' : 'processing'}>
                  {s.starts.label}：{s.starts.dueOn}
                </Tag>
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

function Suspensions({ file, onChange }: { file: CaseFileView; onChange: (f: CaseFileView) => void }) {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const id = file.record.id;
  const run = async (p: Promise<CaseFileView>, ok: string) => {
    setBusy(true);
    try {
      onChange(await p);
      void message.success(ok);
      return true;
    } catch (e) {
      void message.error((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="case-suspensions" style={{ marginTop: 8 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        中止期间（中止天数 {String(file.record.values.suspendedDays ?? 0)} 日，由此自动计算）
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={file.suspensions}
        locale={{ emptyText: '未登记中止' }}
        columns={[
          { title: '中止日', dataIndex: 'from', width: 110 },
          {
            title: '恢复日',
            dataIndex: 'to',
            width: 170,
            render: (to: string | null, s) =>
              to ?? (
                <Input.Search
                  size="small"
                  placeholder="如 2025-03-05"
                  enterButton="恢复"
                  disabled={readOnly || busy}
                  aria-label="恢复日"
                  data-testid="resume-on"
                  onSearch={(v) =>
                    v.trim() &&
                    void run(
                      call('case.updateSuspension', { kind: 'reconsideration', id, periodId: s.id, period: { from: s.from, to: v.trim(), reason: s.reason } }),
                      '已登记恢复审理',
                    )
                  }
                />
              ),
          },
          { title: '事由', dataIndex: 'reason', render: (r: string | null) => r ?? '' },
          {
            title: '',
            width: 44,
            render: (_, s) => (
              <Popconfirm
                title="删除这一中止期间？"
                okText="删除"
                cancelText="取消"
                onConfirm={() => void run(call('case.deleteSuspension', { kind: 'reconsideration', id, periodId: s.id }), '已删除中止期间')}
              >
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除中止期间" disabled={readOnly} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        size="small"
        style={{ marginTop: 8, rowGap: 8 }}
        disabled={readOnly || busy}
        onFinish={async (v: Record<string, unknown>) => {
          if (await run(call('case.addSuspension', { kind: 'reconsideration', id, period: blankToNull(v) }), '已登记中止期间')) form.resetFields();
        }}
      >
        <Form.Item name="from" label="中止日" rules={[{ required: true, message: '中止日必填' }]}>
          <Input placeholder="如 2025-03-05" style={{ width: 112 }} data-testid="suspension-from" />
        </Form.Item>
        <Form.Item name="to" label="恢复日">
          <Input placeholder="未恢复可不填" style={{ width: 112 }} data-testid="suspension-to" />
        </Form.Item>
        <Form.Item name="reason" label="事由">
          <Input style={{ width: 150 }} data-testid="suspension-reason" />
        </Form.Item>
        <Button htmlType="submit" data-testid="add-suspension">
          登记中止
        </Button>
      </Form>
    </div>
  );
}

function Parties({ kind, file, onChange }: { kind: CaseKind; file: CaseFileView; onChange: (f: CaseFileView) => void }) {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as string | undefined;
  const [busy, setBusy] = useState(false);
  /** the party being changed in the form below (null: the form adds a new one) */
  const [editing, setEditing] = useState<Party | null>(null);
  const id = file.record.id;
  const byId = new Map(file.parties.map((p) => [p.id, p]));
  const startEdit = (p: Party) => {
    setEditing(p);
    form.resetFields();
    form.setFieldsValue({
      role: p.role,
      partyType: p.partyType,
      name: p.name,
      representsId: p.representsId,
      gender: p.gender,
      birthDate: p.birthDate,
      idNo: p.idNo,
      phone: p.phone,
      address: p.address,
      legalRep: p.legalRep,
      legalRepTitle: p.legalRepTitle,
    });
    window.requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="party-name"]')?.focus());
  };
  return (
    <div data-testid="case-parties">
      <Table<Party>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={file.parties}
        locale={{ emptyText: '尚未登记当事人' }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '身份', dataIndex: 'role', width: 70, onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          {
            title: '姓名或名称',
            dataIndex: 'name',
            render: (n: string, p) => (
              <span>
                {n}
                {p.representsId ? (
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    代理：{byId.get(p.representsId)?.name ?? ''}
                  </Typography.Text>
                ) : null}
              </span>
            ),
          },
          { title: '类型', dataIndex: 'partyType', width: 80, render: (v: string | null) => v ?? '' },
          { title: '证件号码/信用代码', dataIndex: 'idNo', render: (v: string | null) => v ?? '' },
          { title: '法定代表人', dataIndex: 'legalRep', render: (v: string | null, p) => (v ? `${v}${p.legalRepTitle ? `（${p.legalRepTitle}）` : ''}` : '') },
          { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v ?? '' },
          {
            title: '',
            width: 80,
            render: (_, p) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={`修改当事人${p.name}`}
                  disabled={readOnly}
                  onClick={() => startEdit(p)}
                  data-testid="edit-party"
                />
                <Popconfirm
                  title={`删除当事人“${p.name}”？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={async () => {
                    try {
                      onChange(await call('case.deleteParty', { kind, id, partyId: p.id }));
                      void message.success('已删除当事人');
                    } catch (e) {
                      void message.error((e as Error).message);
                    }
                  }}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除当事人${p.name}`} disabled={readOnly} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{editing ? `修改当事人“${editing.name}”` : '添加当事人'}</Typography.Title>
      <Form
        form={form}
        layout="inline"
        size="small"
        style={{ rowGap: 8 }}
        disabled={readOnly || busy}
        data-testid="party-form"
        onFinish={async (v: Record<string, unknown>) => {
          setBusy(true);
          try {
            // the form holds every field of a party: a change sends them all (note kept as it was)
            if (editing) onChange(await call('case.updateParty', { kind, id, partyId: editing.id, party: { ...blankToNull(v), note: editing.note } }));
            else onChange(await call('case.addParty', { kind, id, party: blankToNull(v) }));
            void message.success(editing ? `已修改当事人“${String(v.name)}”` : `已添加当事人“${String(v.name)}”`);
            setEditing(null);
            form.resetFields();
          } catch (e) {
            void message.error((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="role" label="身份" rules={[{ required: true, message: '身份必填' }]}>
          <Select options={opts(PARTY_ROLES[kind])} style={{ width: 100 }} data-testid="party-role" showSearch />
        </Form.Item>
        <Form.Item name="partyType" label="类型">
          <Select options={opts(PARTY_TYPES)} style={{ width: 120 }} allowClear data-testid="party-type" showSearch />
        </Form.Item>
        <Form.Item name="name" label="姓名或名称" rules={[{ required: true, message: '姓名或名称必填' }]}>
          <Input style={{ width: 180 }} data-testid="party-name" />
        </Form.Item>
        {role === '代理人' ? (
          <Form.Item name="representsId" label="被代理人" rules={[{ required: true, message: '代理人须注明代理哪一方' }]}>
            <Select
              options={file.parties.filter((p) => p.role !== '代理人').map((p) => ({ value: p.id, label: `${p.name}（${p.role}）` }))}
              style={{ width: 180 }}
              data-testid="party-represents"
            />
          </Form.Item>
        ) : null}
        <Form.Item name="gender" label="性别">
          <Select options={opts(GENDERS)} style={{ width: 70 }} allowClear />
        </Form.Item>
        <Form.Item name="birthDate" label="出生日期">
          <Input placeholder="如 2025-03-05" style={{ width: 112 }} />
        </Form.Item>
        <Form.Item name="idNo" label="证件号码/信用代码">
          <Input style={{ width: 190 }} data-testid="party-idno" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="address" label="住址">
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="legalRep" label="法定代表人">
          <Input style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="legalRepTitle" label="职务">
          <Input style={{ width: 100 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="add-party">
          {editing ? '保存修改' : '添加'}
        </Button>
        {editing ? (
          <Button
            style={{ marginLeft: 8 }}
            onClick={() => {
              setEditing(null);
              form.resetFields();
            }}
            data-testid="cancel-edit-party"
          >
            取消修改
          </Button>
        ) : null}
      </Form>
    </div>
  );
}

/** The case file, loaded once; the drawer remounts a tab (key = the record's version) after the form saved. */
function useFile(kind: CaseKind, id: string) {
  const loaded = useApi('case.get', { kind, id });
  // after a change, the answer of the change (it holds the whole file) until the tab is remounted
  const [changed, setFile] = useState<CaseFileView | undefined>(undefined);
  const file = changed ?? loaded.data;
  const wrap = (body: (f: CaseFileView) => ReactNode) => (
    <Loaded loading={loaded.loading && !file} error={loaded.error} hasData={!!file} onRetry={loaded.reload}>
      {file ? body(file) : null}
    </Loaded>
  );
  return { file, setFile, wrap };
}

const localToday = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** 案件进程: the timeline and, for 复议, the 中止 periods. `onRecordChanged`: a period moved 中止天数 and 审理期限. */
export function CaseTimeline({ kind, id, version, onRecordChanged }: { kind: CaseKind; id: string; version: number; onRecordChanged: () => void }) {
  const { setFile, wrap } = useFile(kind, id);
  const change = (f: CaseFileView) => {
    setFile(f);
    if (f.record.version !== version) onRecordChanged();
  };
  return wrap((f) => (
    <>
      <Steps file={f} today={localToday()} />
      {kind === 'reconsideration' ? <Suspensions file={f} onChange={change} /> : null}
    </>
  ));
}

/** 当事人: the table and the add form. */
export function CaseParties({ kind, id }: { kind: CaseKind; id: string }) {
  const { setFile, wrap } = useFile(kind, id);
  return wrap((f) => <Parties kind={kind} file={f} onChange={setFile} />);
}
