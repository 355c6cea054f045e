// 设置 · 单位服务器 (issue 19): how this ledger is shared on the office network, the host certificate's fingerprint
// to compare, and — for the administrator — the colleagues' accounts (role, the ledgers each may write, 停用,
// 重设密码). Who may do what is domain/access.ts; the host enforces it whatever this page shows.
import { App, Alert, Button, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { USER_ROLES, type UserRole, type UserView } from '../../../electron/domain/api';
import type { LedgerKind } from '../../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../../../electron/domain/ledgers';
import { parseOfficeConnection } from '../../../electron/domain/office-connect';
import { call } from '../api';
import { useApp } from '../context';
import { useApi } from '../hooks';

const ROLE_NOTE: Record<UserRole, string> = {
  管理员: '全部操作，包括设置、备份与还原、账号管理',
  审核人: '查看全部；修改授权的台账；年度指标、素材和报告模板',
  承办人: '查看全部；修改授权的台账',
  只读: '只能查看和导出',
};

interface NewUser {
  login: string;
  name: string;
  role: UserRole;
  ledgers: LedgerKind[];
  password: string;
}

function Accounts() {
  const { message } = App.useApp();
  const users = useApi('users.list', {});
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [form] = Form.useForm<NewUser>();
  const [pw, setPw] = useState('');
  const update = async (input: Parameters<typeof call<'users.update'>>[1], done: string) => {
    try {
      await call('users.update', input);
      void message.success(done);
      users.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const create = async () => {
    const v = await form.validateFields();
    try {
      await call('users.create', { ...v, ledgers: v.ledgers ?? [] });
      void message.success(`已新建账号“${v.name}”`);
      setCreating(false);
      form.resetFields();
      users.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="user-new">
          新建账号
        </Button>
      </Space>
      <Table<UserView>
        size="small"
        rowKey="id"
        loading={users.loading}
        dataSource={users.data?.users ?? []}
        pagination={false}
        data-testid="users-table"
        columns={[
          { title: '登录名', dataIndex: 'login' },
          { title: '姓名', dataIndex: 'name' },
          {
            title: '角色',
            dataIndex: 'role',
            render: (r: UserRole, u) => (
              <Select<UserRole>
                size="small"
                value={r}
                style={{ width: 100 }}
                aria-label={`${u.name}的角色`}
                options={USER_ROLES.map((x) => ({ value: x, label: x }))}
                onChange={(role) => void update({ id: u.id, role }, `已将“${u.name}”改为${role}`)}
              />
            ),
          },
          {
            title: '可修改的台账',
            dataIndex: 'ledgers',
            render: (ls: LedgerKind[], u) =>
              u.role === '管理员' ? (
                '全部'
              ) : u.role === '只读' ? (
                '—'
              ) : (
                <Select<LedgerKind[]>
                  mode="multiple"
                  size="small"
                  style={{ minWidth: 220 }}
                  value={ls}
                  aria-label={`${u.name}可修改的台账`}
                  options={LEDGER_KINDS.map((k) => ({ value: k, label: LEDGERS[k].shortName }))}
                  onChange={(ledgers) => void update({ id: u.id, ledgers }, `已更新“${u.name}”可修改的台账`)}
                />
              ),
          },
          { title: '状态', dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>已停用</Tag> : <Tag color="green">可用</Tag>) },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, u) => (
              <Space>
                <Button size="small" onClick={() => void update({ id: u.id, disabled: !u.disabled }, u.disabled ? `已启用“${u.name}”` : `已停用“${u.name}”`)}>
                  {u.disabled ? '启用' : '停用'}
                </Button>
                <Button size="small" onClick={() => setResetting(u)}>
                  重设密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title="新建账号" okText="新建" cancelText="取消" onOk={() => void create()} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ role: '承办人', ledgers: [] }}>
          <Form.Item name="login" label="登录名" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '2 至 32 个英文字母、数字或 _ . -' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="role"
            label="角色"
            extra={
              <Typography.Text type="secondary">
                {Object.entries(ROLE_NOTE)
                  .map(([r, n]) => `${r}：${n}`)
                  .join('；')}
              </Typography.Text>
            }
          >
            <Select options={USER_ROLES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="ledgers" label="可修改的台账（承办人、审核人）">
            <Checkbox.Group options={LEDGER_KINDS.map((k) => ({ value: k, label: LEDGERS[k].shortName }))} />
          </Form.Item>
          <Form.Item name="password" label="初始密码（至少 8 位，请当面告知本人）" rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!resetting}
        title={`重设“${resetting?.name ?? ''}”的密码`}
        okText="重设"
        cancelText="取消"
        okButtonProps={{ disabled: pw.length < 8 }}
        onOk={() => void update({ id: resetting!.id, password: pw }, '已重设密码').then(() => (setResetting(null), setPw('')))}
        onCancel={() => (setResetting(null), setPw(''))}
        destroyOnHidden
      >
        <Input.Password autoComplete="new-password" placeholder="新密码（至少 8 位）" value={pw} onChange={(e) => setPw(e.target.value)} aria-label="新密码" />
      </Modal>
    </>
  );
}

/** The desktop app only (Electron): serve this window's data file to colleagues, as `fazhi serve --host` does. */
function HostSwitch() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [port, setPort] = useState(8443);
  const [host, setHost] = useState<{ url?: string; fingerprint?: string; setupCode?: string | null } | null>(null);
  const toggle = async (on: boolean) => {
    setBusy(true);
    try {
      const r = await window.api!.office!.host({ on, port });
      if ('error' in r) void message.error(r.error);
      else setHost(r.running ? r : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ marginBottom: 16 }}>
      <Space>
        <Switch checked={!!host} loading={busy} onChange={(on) => void toggle(on)} aria-label="在办公网上提供服务" data-testid="host-switch" />
        在办公网上提供服务（HTTPS，同事用浏览器登录）
        <InputNumber min={1} max={65535} value={port} disabled={!!host} onChange={(v) => setPort(v ?? 8443)} aria-label="端口" addonBefore="端口" />
      </Space>
      {host ? (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="同事访问的地址">{host.url}</Descriptions.Item>
          <Descriptions.Item label="服务器证书指纹（SHA-256）">
            <Typography.Text code copyable>
              {host.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
          {host.setupCode ? <Descriptions.Item label="初始化码（首次创建管理员）">{host.setupCode}</Descriptions.Item> : null}
        </Descriptions>
      ) : null}
    </Space>
  );
}

/**
 * The desktop app only: 连接到单位服务器 — use a colleague's host instead of this computer's data file. The address
 * and the fingerprint read off the host are checked here (domain/office-connect.ts) and again in main, which
 * remembers them, closes this data file and opens the host's page with its certificate pinned. The way back is
 * the menu 文件 → 返回本机数据 (the host's page has no door onto this computer).
 */
function ConnectForm() {
  const { modal } = App.useApp();
  const [address, setAddress] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void window.api?.office?.client?.({}).then((r) => {
      if ('saved' in r && r.saved) {
        setAddress(r.saved.address);
        setFingerprint(r.saved.fingerprint);
      }
    });
  }, []);
  const connect = () => {
    const c = parseOfficeConnection({ address, fingerprint });
    if (!c.ok) return setError(c.error);
    setError(null);
    modal.confirm({
      title: '连接到单位服务器',
      content: `将关闭本机的数据文件，改为使用 ${c.value.origin} 上的台账（用各自的账号登录）。以后启动程序也会直接连接它，直到在菜单“文件 → 返回本机数据”。`,
      okText: '连接',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const r = await window.api!.office!.client!({ connect: { address, fingerprint } });
          if ('error' in r) setError(r.error);
        } finally {
          setBusy(false);
        }
      },
    });
  };
  return (
    <div data-testid="office-connect" style={{ marginBottom: 16, maxWidth: 720 }}>
      <Typography.Title level={5}>连接到单位服务器</Typography.Title>
      <Typography.Paragraph type="secondary">
        使用同事电脑（主机）上的台账，而不是本机的数据文件。地址和证书指纹照主机窗口或其“设置 · 单位服务器”中显示的填写：只有证书指纹一致才会连接。
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={connect}>
        <Form.Item label="主机地址" required>
          <Input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="https://192.168.1.20:8443" aria-label="主机地址" />
        </Form.Item>
        <Form.Item label="服务器证书指纹（SHA-256）" required>
          <Input.TextArea
            value={fingerprint}
            onChange={(e) => setFingerprint(e.target.value)}
            rows={2}
            placeholder="AB:CD:…（共 32 组）"
            aria-label="服务器证书指纹"
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={busy}>
          连接
        </Button>
      </Form>
    </div>
  );
}

export default function OfficeSettings() {
  const { office } = useApp();
  const admin = !office || office.user.role === '管理员';
  return (
    <div data-testid="office-settings">
      {office ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="当前账号">
            {office.user.name}（{office.user.login}，{office.user.role}）
          </Descriptions.Item>
          <Descriptions.Item label="服务器证书指纹（SHA-256）">
            <Typography.Text code copyable data-testid="host-fingerprint">
              {office.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="在办公网上共享本台账"
          description={
            <>
              在保存数据文件的电脑上运行 <Typography.Text code>fazhi serve --db 数据文件 --host</Typography.Text>
              ，窗口中会显示同事访问的地址、服务器证书指纹和首次使用的初始化码。同事用浏览器打开该地址，核对指纹后用各自的账号登录。
              数据文件、备份和文件锁都只在这台电脑上；详见 docs/office-mode.md。
            </>
          }
        />
      )}
      {!office && window.api?.office ? <HostSwitch /> : null}
      {!office && window.api?.office?.client ? <ConnectForm /> : null}
      {admin ? <Accounts /> : <Typography.Text type="secondary">账号由管理员管理。</Typography.Text>}
    </div>
  );
}
