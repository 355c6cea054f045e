// The shell: left navigation, a header with the unit name, the year switcher and global search, and the page.
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  DashboardOutlined,
  DeleteOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FormOutlined,
  InfoCircleOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SettingOutlined,
  SolutionOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, Button, Input, Layout, Menu, Modal, Select, Space, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LedgerKind } from '../../electron/domain/fields';
import { LEDGERS, isLedgerKind } from '../../electron/domain/ledgers';
import { call, transport } from './api';
import { AppContext, type AppState } from './context';
import { currentYear, rememberedYear, rememberYear } from './first-screen';
import { useApi } from './hooks';
import { onDataChanged, signOut, useOffice } from './office';
import { navigate, useRoute } from './router';
import { AboutDialog } from './components/About';
import { MenuCommands } from './components/MenuCommands';
import { SearchDialog } from './components/SearchDialog';
import { Loading } from './components/Page';
import Desk from './pages/Desk';

// The 工作台 is in the first bundle; the other pages load when first opened, so the window has less code to
// parse before its first screen (docs/performance.md, bench:ui).
const LedgerPage = lazy(() => import('./pages/ledger/LedgerPage'));
const RecycleBin = lazy(() => import('./pages/RecycleBin'));
const ReportPage = lazy(() => import('./pages/report/ReportPage'));
const SettingsPage = lazy(() => import('./pages/Settings'));
const StatsPage = lazy(() => import('./pages/Stats'));
const YearData = lazy(() => import('./pages/YearData'));
const UnitsPage = lazy(() => import('./pages/Units'));

const { Header, Sider, Content } = Layout;

const LEDGER_NAV: { kind: LedgerKind; label: string; icon: ReactNode }[] = [
  { kind: 'normative', label: '规范性文件', icon: <FileTextOutlined /> },
  { kind: 'decision', label: '重大行政决策', icon: <SolutionOutlined /> },
  { kind: 'contract', label: '合同审查', icon: <FileProtectOutlined /> },
  { kind: 'reconsideration', label: '行政复议', icon: <ReconciliationOutlined /> },
  { kind: 'litigation', label: '行政应诉', icon: <SafetyCertificateOutlined /> },
  { kind: 'casefile', label: '案卷评查', icon: <AuditOutlined /> },
];

const NAV = [
  { key: 'desk', label: '工作台', icon: <DashboardOutlined /> },
  ...LEDGER_NAV.map((l) => ({ key: `ledger/${l.kind}`, label: l.label, icon: l.icon })),
  { key: 'yeardata', label: '年度数据', icon: <TableOutlined /> },
  { key: 'stats', label: '统计分析', icon: <BarChartOutlined /> },
  { key: 'report', label: '年度报告', icon: <BookOutlined /> },
  { key: 'units', label: '单位与上报', icon: <ApartmentOutlined /> },
  { key: 'recycle', label: '回收站', icon: <DeleteOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

export const NAV_LABELS: Record<string, string> = Object.fromEntries(NAV.map((n) => [n.key, n.label]));

const NAME_PROMPT_KEY = 'fazhi.namePrompt';

/**
 * First start: the operations log names the OS login (often 'admin' or 'user' on an office PC) unless the clerk's
 * name is set (设置 · 经办人). Asked for once it is empty; 暂不填写 puts it off to the next start, and the second
 * time the clerk can say 不再询问 (the name can always be set in 设置).
 */
function NamePrompt({ onSaved }: { onSaved: () => void }) {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(true);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const skippedBefore = localStorage.getItem(NAME_PROMPT_KEY) === 'skipped';
  const later = () => {
    localStorage.setItem(NAME_PROMPT_KEY, skippedBefore ? 'never' : 'skipped');
    setOpen(false);
  };
  const save = async () => {
    if (!name.trim()) return;
    setBusy(true);
    try {
      await call('settings.update', { patch: { 经办人: name.trim() } });
      localStorage.removeItem(NAME_PROMPT_KEY);
      setOpen(false);
      void message.success(`之后的操作将以“${name.trim()}”记入操作日志`);
      onSaved();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title="您的姓名"
      closable={false}
      maskClosable={false}
      keyboard={false}
      width={440}
      data-testid="name-prompt"
      footer={[
        <Button key="later" onClick={later} data-testid="name-later">
          {skippedBefore ? '不再询问' : '暂不填写'}
        </Button>,
        <Button key="ok" type="primary" disabled={!name.trim()} loading={busy} onClick={() => void save()} data-testid="name-save">
          保存
        </Button>,
      ]}
    >
      <p style={{ marginTop: 0 }}>
        新建、修改、删除和导入都记入操作日志。填写您的姓名，日志和记录的修改历史里就会写明是谁办的，而不只是这台电脑的登录名。以后可在“设置 · 单位”中修改。
      </p>
      <Input
        autoFocus
        maxLength={50}
        placeholder="例如：王芳"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={() => void save()}
        aria-label="您的姓名"
        data-testid="name-input"
      />
    </Modal>
  );
}

export default function App() {
  const route = useRoute();
  const [year, setYearState] = useState(rememberedYear);
  const setYear = useCallback((y: number) => {
    setYearState(y);
    rememberYear(y);
  }, []);
  const [searchOpen, setSearchOpen] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  const info = useApi('app.info', {});
  const settings = useApi('settings.get', {});
  const reloadInfo = info.reload;
  const reloadSettings = settings.reload;
  const refresh = useCallback(() => {
    reloadInfo();
    reloadSettings();
  }, [reloadInfo, reloadSettings]);

  // the start-up check runs in the background for a few seconds: ask again until it has a result
  const checking = info.data?.integrity.state === 'checking';
  const damage = info.data?.integrity.state === 'damaged' ? info.data.integrity.message : info.error?.includes('数据文件已损坏') ? info.error : null;
  useEffect(() => {
    if (!checking) return;
    const t = window.setTimeout(reloadInfo, 2000);
    return () => window.clearTimeout(t);
  }, [checking, info.data, reloadInfo]);

  const years = useMemo(() => {
    // the remembered year stays offered even when it has no data yet
    const s = new Set([currentYear(), year, ...(info.data?.years ?? [])]);
    return [...s].sort((a, b) => b - a);
  }, [info.data, year]);

  // office mode: the signed-in colleague; a colleague's save refreshes the counts (lists refresh themselves)
  const office = useOffice();
  useEffect(() => onDataChanged(() => reloadInfo()), [reloadInfo]);
  // damage found (by the start-up check, or by a read that met a bad page) means read-only: see core.markDamaged;
  // so does a 只读 account in office mode (the host refuses its writes anyway: domain/access.ts)
  const readOnly = !!damage || office?.user.role === '只读';
  const state: AppState = useMemo(
    () => ({ year, setYear, years, info: info.data, settings: settings.data?.values, refresh, readOnly, office }),
    [year, setYear, years, info.data, settings.data, refresh, readOnly, office],
  );
  // not on a damaged (read-only) file: the name could not be saved, and the banner leading to the backups comes first;
  // not in office mode either: there the account names the clerk
  const askName =
    !readOnly && !office && !!settings.data && !String(settings.data.values['经办人'] ?? '').trim() && localStorage.getItem(NAME_PROMPT_KEY) !== 'never';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const [head, sub] = route.parts;
  const navKey = head === 'ledger' && sub ? `ledger/${sub}` : head || 'desk';
  let page: ReactNode;
  if (!head || head === 'desk') page = <Desk />;
  else if (head === 'ledger' && isLedgerKind(sub)) page = <LedgerPage key={sub} kind={sub} />;
  else if (head === 'yeardata') page = <YearData />;
  else if (head === 'stats') page = <StatsPage />;
  else if (head === 'report') page = <ReportPage />;
  else if (head === 'recycle') page = <RecycleBin />;
  else if (head === 'units') page = <UnitsPage />;
  else if (head === 'settings') page = <SettingsPage />;
  else page = <Desk />;

  const unit = settings.data?.values['单位名称'];
  const title = head === 'ledger' && isLedgerKind(sub) ? LEDGERS[sub].name : (NAV_LABELS[navKey] ?? '工作台');
  useEffect(() => {
    document.title = `${title} - 法治台账`;
  }, [title]);

  return (
    <AppContext.Provider value={state}>
      <Layout style={{ height: '100vh' }}>
        <Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 20, height: 52, lineHeight: '52px' }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            法治台账
          </Typography.Text>
          <Typography.Text
            style={{ color: 'rgba(255,255,255,0.85)', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            data-testid="unit-name"
          >
            {unit ? unit : '（未设置单位名称）'}
          </Typography.Text>
          <div style={{ flex: 1 }} />
          <Space size={12}>
            {office ? (
              <span style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="office-user">
                {office.user.name}（{office.user.role}）
                <Button size="small" type="link" style={{ color: '#fff' }} onClick={() => void signOut()} data-testid="sign-out">
                  退出登录
                </Button>
              </span>
            ) : null}
            <Tooltip title="在全部台账中搜索（快捷键 Ctrl+K）">
              <Button icon={<SearchOutlined />} onClick={() => setSearchOpen(true)} data-testid="open-search">
                搜索
              </Button>
            </Tooltip>
            <span style={{ color: '#fff' }}>年度</span>
            <Select
              aria-label="年度"
              data-testid="year-switcher"
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
            />
          </Space>
        </Header>
        <Layout>
          <Sider width={184} theme="light" style={{ borderRight: '1px solid #e5e7eb', overflow: 'auto' }}>
            <Menu
              mode="inline"
              selectedKeys={[navKey]}
              items={NAV.map((n) => ({ key: n.key, icon: n.icon, label: n.label }))}
              onClick={(e) => navigate(`/${e.key}`)}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            />
            {transport === 'browser' ? (
              <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 24px', fontSize: 12 }}>
                <FormOutlined /> {office ? '单位服务器' : '浏览器模式'}
              </Typography.Text>
            ) : null}
            {checking ? (
              // the start-up check (core.startIntegrityCheck): after the first screen, in the background
              <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 24px', fontSize: 12 }} data-testid="integrity-checking">
                正在后台检查数据文件完整性，可照常使用
              </Typography.Text>
            ) : null}
            <Button
              type="link"
              size="small"
              icon={<InfoCircleOutlined />}
              onClick={() => setAboutOpen(true)}
              style={{ paddingInline: 24, fontSize: 12 }}
              data-testid="open-about"
            >
              关于与帮助
            </Button>
          </Sider>
          <Content style={{ overflow: 'auto', padding: 16, minWidth: 0 }} id="page">
            {office && !office.connected ? (
              <Alert
                type="warning"
                showIcon
                data-testid="host-lost"
                // above everything, an open form's drawer included: the clerk typing there must see it at once
                style={{
                  position: 'fixed',
                  top: 8,
                  left: '50%',
                  transform: 'translateX(-50%)',
                  zIndex: 2000,
                  width: 'min(720px, 90vw)',
                  boxShadow: '0 4px 16px rgba(0,0,0,0.18)',
                }}
                message="与单位服务器的连接已断开"
                description="正在自动重新连接。断开期间的保存不会成功；正在填写的表单已作为草稿保留在本机，连接恢复后打开同一记录即可继续保存。"
              />
            ) : null}
            {damage ? (
              <Alert
                type="error"
                showIcon
                data-testid="integrity-alert"
                style={{ marginBottom: 12 }}
                message="数据文件已损坏，已切换为只读"
                description={
                  <>
                    可以继续查看、搜索和导出，但不能新增、修改、删除或导入，以免新的内容写进损坏的文件。请到“设置 · 数据与备份”还原最近的备份。
                    <br />
                    {/* SQLite's own words (English) and the backup's path: shown as they are */}
                    <span data-raw>{damage}</span>
                  </>
                }
                action={
                  <Button danger onClick={() => navigate('/settings', { tab: 'data' })} data-testid="integrity-restore">
                    去还原备份
                  </Button>
                }
              />
            ) : null}
            <Suspense fallback={<Loading />}>{page}</Suspense>
          </Content>
        </Layout>
      </Layout>
      <SearchDialog open={searchOpen} onClose={() => setSearchOpen(false)} />
      {askName ? <NamePrompt onSaved={refresh} /> : null}
      <MenuCommands onSearch={() => setSearchOpen(true)} onAbout={() => setAboutOpen(true)} />
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
    </AppContext.Provider>
  );
}
