// 工作台: what needs doing (the deadline board across ledgers), how much is in each ledger, this year's key
// figures beside last year's, and charts that lead to the filtered lists behind them.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  Modal,
  Row,
  Segmented,
  Select,
  Statistic,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type ButtonProps,
} from 'antd';
import { useEffect, useState } from 'react';
import type { ApiOutput, DeadlineItem } from '../../../electron/domain/api';
import type { LedgerKind } from '../../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../../../electron/domain/ledgers';
import { METRIC_BY_KEY, type MetricsResult } from '../../../electron/domain/metrics';
import { call } from '../api';
import { BarList, MonthlyColumns, PALETTE } from '../components/Charts';
import { Loaded, Nothing, PageTitle, Section } from '../components/Page';
import { ScopeSelect } from '../components/ScopeSelect';
import { useApp } from '../context';
import { BOARD_PAGE, boardInput, type BoardScope } from '../first-screen';
import { daysText, timeText } from '../format';
import { useApi, type Loaded as LoadedData } from '../hooks';
import { onDataChanged } from '../office';
import { href, navigate, recordHref } from '../router';

const yearRange = (y: number) => `${y}-01-01..${y}-12-31`;
function monthRange(y: number, m: number): string {
  const last = new Date(y, m + 1, 0).getDate();
  const mm = String(m + 1).padStart(2, '0');
  return `${y}-${mm}-01..${y}-${mm}-${last}`;
}

function Counts() {
  // the shell's app.info: pages that write call refresh(), so it is current without asking again here
  const { info } = useApp();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="ledger-counts">
      {LEDGER_KINDS.map((k) => (
        <Col key={k} span={4}>
          <Card
            size="small"
            hoverable
            onClick={() => navigate(`/ledger/${k}`, { year: 'all' })}
            data-testid={`count-${k}`}
            styles={{ body: { padding: '10px 14px' } }}
          >
            <Statistic
              title={`${LEDGERS[k].shortName}（全部）`}
              value={info ? info.counts[k] : '—'}
              suffix={info ? '条' : undefined}
              valueStyle={{ fontSize: 22 }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 不再提醒: asks for the reason (required), then takes the item off the board. */
function DismissDialog({ item, onClose, onDone }: { item: DeadlineItem; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={`不再提醒：${item.title}`}
      okText="不再提醒"
      cancelText="取消"
      okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'dismiss-ok' } as ButtonProps}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        try {
          await call('deadlines.dismiss', { kind: item.kind, id: item.id, field: item.field, reason: reason.trim() });
          void message.success('已不再提醒，可在“显示已不再提醒”中恢复');
          onDone();
        } catch (e) {
          void message.error((e as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <p style={{ marginTop: 0 }}>
        {LEDGERS[item.kind].shortName} · {item.fieldLabel} {item.dueOn}（{daysText(item.left, item.unit)}
        ）。不再提醒后它离开期限提醒和计数，原因和经办人记入操作日志；到期日改变时会重新提醒。
      </p>
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={200}
        showCount
        placeholder="原因（必填），例如：已电话催办，整改材料下月报送"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="dismiss-reason"
      />
    </Modal>
  );
}

const NO_HANDLER = '__none';

function Board() {
  const { message } = App.useApp();
  const [scope, setScope] = useState<BoardScope>('全部');
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<LedgerKind | undefined>(undefined);
  const [handler, setHandler] = useState<string | undefined>(undefined);
  const [showDismissed, setShowDismissed] = useState(false);
  const [dismissing, setDismissing] = useState<DeadlineItem | null>(null);
  const [units, setUnits] = useState<string | undefined>(undefined);
  // one page from the server: a city's board holds thousands of items
  const board = useApi('deadlines.board', {
    ...boardInput(page, scope, { kinds: kind ? [kind] : undefined, handler: handler === NO_HANDLER ? null : handler, dismissed: showDismissed || undefined }),
    ...(units ? { scope: units } : {}),
  });
  // office mode: 我的期限 is the board of the signed-in colleague's cases; a colleague's save refreshes it
  const { office } = useApp();
  const reloadBoard = board.reload;
  useEffect(() => onDataChanged(() => reloadBoard()), [reloadBoard]);
  const mine = !!office && handler === office.user.name;
  const items = board.data?.items ?? [];
  const total = board.data?.total ?? 0;
  const first =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const restore = async (i: DeadlineItem) => {
    try {
      await call('deadlines.restore', { kind: i.kind, id: i.id, field: i.field });
      void message.success(`已恢复提醒：${i.title}`);
      board.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Section
      testId="deadline-board"
      title={
        <span>
          期限提醒
          {board.data ? (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
              截至 {board.data.today}，先列即将到期的，再列刚逾期的
            </Typography.Text>
          ) : null}
        </span>
      }
      extra={
        <Segmented
          size="small"
          value={scope}
          onChange={(v) => first(setScope)(v as BoardScope)}
          options={[
            { value: '全部', label: `全部 ${board.data ? board.data.overdue + board.data.soon : ''}` },
            { value: '逾期', label: `逾期 ${board.data?.overdue ?? ''}` },
            { value: '即将到期', label: `即将到期 ${board.data?.soon ?? ''}` },
          ]}
        />
      }
    >
      {board.data?.reminders?.map((r) => (
        <Alert
          key={r}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={r}
          action={<a href={href('/units')}>单位与上报</a>}
          data-testid="units-reminder"
        />
      ))}
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 8 }} data-testid="board-filters">
        <ScopeSelect value={units} onChange={first(setUnits)} testId="board-units" />
        <Select<LedgerKind>
          size="small"
          allowClear
          placeholder="全部台账"
          aria-label="台账"
          style={{ width: 140 }}
          value={kind}
          onChange={first(setKind)}
          options={LEDGER_KINDS.filter((k) => LEDGERS[k].deadlines.length).map((k) => ({ value: k, label: LEDGERS[k].shortName }))}
          data-testid="board-kind"
        />
        <Select<string>
          size="small"
          allowClear
          placeholder="全部承办人"
          aria-label="承办人"
          style={{ width: 140 }}
          value={handler}
          onChange={first(setHandler)}
          options={[...(board.data?.handlers ?? []).map((h) => ({ value: h, label: h })), { value: NO_HANDLER, label: '未填写承办人' }]}
          data-testid="board-handler"
        />
        {office ? (
          <Button
            size="small"
            type={mine ? 'primary' : 'default'}
            aria-pressed={mine}
            onClick={() => first(setHandler)(mine ? undefined : office.user.name)}
            data-testid="my-deadlines"
          >
            我的期限
          </Button>
        ) : null}
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, cursor: 'pointer', whiteSpace: 'nowrap' }}>
          <Switch size="small" checked={showDismissed} onChange={first(setShowDismissed)} data-testid="board-show-dismissed" />
          显示已不再提醒{board.data?.dismissed ? `（${board.data.dismissed}）` : ''}
        </label>
      </div>
      <Loaded loading={board.loading} error={board.error} hasData={!!board.data} onRetry={board.reload}>
        <Table<DeadlineItem>
          size="small"
          rowKey={(r) => `${r.kind}-${r.id}-${r.field}`}
          dataSource={items}
          rowClassName={(r) => (r.dismissed ? 'board-row-dismissed' : '')}
          pagination={
            total > BOARD_PAGE
              ? { current: page, total, pageSize: BOARD_PAGE, size: 'small', showTotal: (t) => `共 ${t} 件`, showSizeChanger: false, onChange: setPage }
              : false
          }
          locale={{ emptyText: <Nothing text={scope === '全部' ? '没有逾期或即将到期的事项' : `没有${scope}的事项`} /> }}
          onRow={(r) => ({
            onClick: () => (window.location.hash = recordHref(r.kind, r.id).slice(1)),
            style: { cursor: 'pointer', ...(r.dismissed ? { color: '#999' } : {}) },
          })}
          columns={[
            {
              title: '状态',
              dataIndex: 'status',
              width: 80,
              render: (s: string, r) =>
                r.dismissed ? (
                  <Tooltip title={`${r.dismissed.actor} 于 ${timeText(r.dismissed.at)} 设为不再提醒：${r.dismissed.reason}`}>
                    <Tag data-testid="dismissed-tag">不再提醒</Tag>
                  </Tooltip>
                ) : (
                  <Tag color={s === '逾期' ? 'red' : 'orange'}>{s}</Tag>
                ),
            },
            { title: '台账', dataIndex: 'kind', width: 90, render: (k: LedgerKind) => LEDGERS[k].shortName },
            { title: '事项', dataIndex: 'title', ellipsis: true, render: (t: string, r) => <a href={recordHref(r.kind, r.id)}>{t}</a> },
            {
              title: '期限',
              dataIndex: 'fieldLabel',
              width: 124,
              // a case deadline says which 文书 it calls for (DOMAIN §11: 答复通知书 within 7 working days of acceptance…)
              render: (l: string, r) => (
                <>
                  {l}
                  {r.doc ? (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, lineHeight: 1.4 }} data-testid="board-doc">
                      应发{r.doc}
                    </Typography.Text>
                  ) : null}
                </>
              ),
            },
            { title: '到期日', dataIndex: 'dueOn', width: 100 },
            {
              title: '剩余',
              dataIndex: 'left',
              width: 124,
              render: (l: number, r) => (
                <Typography.Text type={r.dismissed ? 'secondary' : l < 0 ? 'danger' : 'warning'}>{daysText(l, r.unit)}</Typography.Text>
              ),
            },
            { title: '承办人', dataIndex: 'handler', width: 100, ellipsis: true, render: (h: string | null) => h ?? '—' },
            {
              title: '依据',
              dataIndex: 'rule',
              ellipsis: { showTitle: false },
              render: (t: string) => (
                <Tooltip title={t} placement="topLeft">
                  {t}
                </Tooltip>
              ),
            },
            {
              title: '操作',
              key: 'action',
              width: 84,
              render: (_: unknown, r) => (
                <a
                  onClick={(e) => {
                    e.stopPropagation();
                    if (r.dismissed) void restore(r);
                    else setDismissing(r);
                  }}
                  data-testid={r.dismissed ? 'board-restore' : 'board-dismiss'}
                >
                  {r.dismissed ? '恢复提醒' : '不再提醒'}
                </a>
              ),
            },
          ]}
        />
      </Loaded>
      {dismissing ? (
        <DismissDialog
          item={dismissing}
          onClose={() => setDismissing(null)}
          onDone={() => {
            setDismissing(null);
            board.reload();
          }}
        />
      ) : null}
    </Section>
  );
}

const KEY_FIGURES = [
  '规范性文件.审核件数',
  '重大决策.审查件数',
  '合同.审查件数',
  '合同.标的总额',
  '行政复议.收案数',
  '行政复议.审结数',
  '行政复议.纠错率',
  '行政应诉.收案数',
  '行政应诉.败诉率',
  '行政应诉.出庭率',
  '案卷评查.案卷数',
  '案卷评查.合格率',
];

function changeColor(v: number | null): string | undefined {
  if (v === null || v === 0) return undefined;
  return v > 0 ? '#c0504d' : '#2e7d32';
}

function KeyFigures({ stats }: { stats: MetricsResult }) {
  return (
    <Row gutter={[8, 8]} data-testid="key-figures">
      {KEY_FIGURES.map((key) => {
        const def = METRIC_BY_KEY.get(key)!;
        const cur = stats.values[key];
        const prev = stats.values[`上年.${key}`];
        const ch = stats.values[`同比.${key}`];
        const unit = def.format === 'rate' || def.format === 'ratio' ? '' : def.unit;
        return (
          <Col key={key} span={4}>
            <div style={{ border: '1px solid #edf0f3', borderRadius: 4, padding: '8px 10px', background: '#fbfcfd' }} data-testid={`figure-${key}`}>
              <Tooltip title={def.help}>
                <div style={{ fontSize: 12, color: '#666', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{key.replace('.', ' · ')}</div>
              </Tooltip>
              <div style={{ fontSize: 20, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} data-testid="figure-value">
                {cur.text}
                {cur.value !== null && unit ? <span style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 2 }}>{unit}</span> : null}
              </div>
              <div style={{ fontSize: 12, color: '#888', whiteSpace: 'nowrap' }}>
                上年 {prev.text}
                <span style={{ marginLeft: 6, color: changeColor(ch.value) }}>{ch.text === '—' ? '' : ch.text}</span>
              </div>
            </div>
          </Col>
        );
      })}
    </Row>
  );
}

const OUTCOMES: { key: string; label: string; dispositions: string[] }[] = [
  { key: '行政复议.维持数', label: '维持', dispositions: ['维持'] },
  { key: '行政复议.驳回数', label: '驳回', dispositions: ['驳回复议请求', '驳回申请'] },
  { key: '行政复议.变更数', label: '变更', dispositions: ['变更'] },
  { key: '行政复议.撤销数', label: '撤销', dispositions: ['撤销'] },
  { key: '行政复议.确认违法数', label: '确认违法', dispositions: ['确认违法'] },
  { key: '行政复议.确认无效数', label: '确认无效', dispositions: ['确认无效'] },
  { key: '行政复议.责令履行数', label: '责令履行', dispositions: ['责令履行'] },
  { key: '行政复议.调解数', label: '调解', dispositions: ['调解'] },
  { key: '行政复议.撤回数', label: '撤回终止', dispositions: ['终止(撤回)'] },
  { key: '行政复议.终止数', label: '其他终止', dispositions: ['终止(其他)'] },
];

function Charts({ stats, monthly, year }: { stats: MetricsResult; monthly: LoadedData<ApiOutput<'stats.monthly'>>; year: number }) {
  const [actOf, setActOf] = useState<'reconsideration' | 'litigation'>('reconsideration');
  const dist = stats.distributions.find((d) => d.key === (actOf === 'reconsideration' ? '行政复议.行为类别' : '行政应诉.行为类别'));
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Section title={`${year}年各月收案`} testId="chart-monthly">
          <Loaded loading={monthly.loading} error={monthly.error} hasData={!!monthly.data}>
            {monthly.data ? (
              <MonthlyColumns
                testId="monthly-columns"
                series={LEDGER_KINDS.map((k, i) => ({
                  name: LEDGERS[k].shortName,
                  values: monthly.data!.months[k],
                  color: PALETTE[i],
                  href: (m) => href(`/ledger/${k}`, { year: 'all', [LEDGERS[k].primaryDate]: monthRange(year, m) }),
                }))}
              />
            ) : null}
          </Loaded>
        </Section>
      </Col>
      <Col span={6}>
        <Section title="行政复议审结情况" testId="chart-outcomes">
          <BarList
            testId="outcome-bars"
            empty="本年度暂无审结案件"
            bars={OUTCOMES.map((o) => ({
              label: o.label,
              value: stats.values[o.key]?.value ?? 0,
              href: href('/ledger/reconsideration', { year: 'all', disposition: o.dispositions.join(','), closedOn: yearRange(year) }),
            }))}
          />
        </Section>
      </Col>
      <Col span={6}>
        <Section
          title="行为类别分布"
          testId="chart-acttype"
          extra={
            <Segmented
              size="small"
              value={actOf}
              onChange={(v) => setActOf(v as typeof actOf)}
              options={[
                { value: 'reconsideration', label: '复议' },
                { value: 'litigation', label: '应诉' },
              ]}
            />
          }
        >
          <BarList
            testId="acttype-bars"
            color={PALETTE[1]}
            empty="本年度暂无收案"
            bars={(dist?.rows ?? []).map((r) => ({
              label: r.name,
              value: r.count,
              href: r.name === '未填写' ? undefined : href(`/ledger/${actOf}`, { year: 'all', actType: r.name, receivedOn: yearRange(year) }),
            }))}
          />
        </Section>
      </Col>
    </Row>
  );
}

/** Working-day deadlines need the year's official holiday schedule: say so when it is missing. */
function CalendarNotice() {
  const cal = useApi('calendar.years', {});
  if (!cal.data) return null;
  const have = new Set(cal.data.years.map((y) => y.year));
  const now = new Date();
  const thisYear = now.getFullYear();
  const missing = !have.has(thisYear) ? thisYear : now.getMonth() >= 10 && !have.has(thisYear + 1) ? thisYear + 1 : null;
  if (missing === null) return null;
  return (
    <Alert
      type={missing === thisYear ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="calendar-notice"
      title={
        <span>
          尚未导入 {missing} 年节假日安排，该年以工作日计算的期限暂按周一至周五计算。国务院办公厅公布后，请在
          <a href={href('/settings', { tab: 'calendar' })}> 设置 · 节假日 </a>中导入。
        </span>
      }
    />
  );
}

export default function Desk() {
  const { year } = useApp();
  const stats = useApi('stats.year', { year });
  // asked for with the statistics, not after them (the charts need both)
  const monthly = useApi('stats.monthly', { year });
  return (
    <div>
      <PageTitle title="工作台" extra={<a href={href('/stats')}>查看{year}年全部统计</a>} />
      <CalendarNotice />
      <Counts />
      <Board />
      <Section title={`${year}年主要数据`} extra={<Typography.Text type="secondary">上年指 {year - 1} 年全年</Typography.Text>} testId="key-figures-card">
        <Loaded loading={stats.loading} error={stats.error} hasData={!!stats.data} onRetry={stats.reload}>
          {stats.data ? <KeyFigures stats={stats.data} /> : null}
        </Loaded>
      </Section>
      {stats.data ? <Charts stats={stats.data} monthly={monthly} year={year} /> : null}
    </div>
  );
}
