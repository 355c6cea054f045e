// 统计分析: every metric of the year beside last year's and the change (texts from stats.year — the same figures
// as `fazhi stats`), the distribution tables of both years, a chart, and export to Excel.
import { DownloadOutlined, FileTextOutlined, QuestionCircleOutlined, TableOutlined } from '@ant-design/icons';
import { App, Button, Col, Row, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { CLEANUP_OUTCOMES, CLEANUP_TYPES } from '../../../electron/domain/ledgers/normative';
import { METRICS, type MetricDef, type MetricsResult } from '../../../electron/domain/metrics';
import { call } from '../api';
import { BarList } from '../components/Charts';
import { ScopeSelect } from '../components/ScopeSelect';
import { Loaded, Nothing, PageTitle, Section } from '../components/Page';
import { useApp } from '../context';
import { saveFile } from '../files';
import { useAction, useApi } from '../hooks';
import { CatalogueDialog, StatsFormDialog } from './StatsOutgoing';

interface Line {
  key: string;
  name: string;
  unit: string;
  help: string;
  cur: string;
  prev: string;
  change: string;
  changeValue: number | null;
}

const GROUPS = ['规范性文件', '重大决策', '合同', '行政复议', '行政应诉', '案卷评查'];

function lines(stats: MetricsResult): { group: string; rows: Line[] }[] {
  const line = (key: string, name: string, def: Pick<MetricDef, 'unit' | 'help' | 'format'>): Line => ({
    key,
    name,
    unit: def.format === 'rate' || def.format === 'ratio' ? '' : def.unit,
    help: def.help,
    cur: stats.values[key]?.text ?? '—',
    prev: stats.values[`上年.${key}`]?.text ?? '—',
    change: stats.values[`同比.${key}`]?.text ?? '—',
    changeValue: stats.values[`同比.${key}`]?.value ?? null,
  });
  const out = GROUPS.map((g) => ({ group: g, rows: METRICS.filter((m) => m.key.startsWith(`${g}.`)).map((m) => line(m.key, m.key.slice(g.length + 1), m)) }));
  const indicators = Object.keys(stats.values).filter((k) => k.startsWith('指标.'));
  out.push({
    group: '年度指标',
    rows: indicators.map((k) =>
      line(k, k.slice(3), { unit: /万元/.test(k) ? '万元' : '', help: '在“年度数据”中填报', format: /万元/.test(k) ? 'money' : 'number' }),
    ),
  });
  return out;
}

function MetricTable({ rows, year }: { rows: Line[]; year: number }) {
  return (
    <Table<Line>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      dataSource={rows}
      onRow={(r) => ({ 'data-testid': `metric-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '指标',
          dataIndex: 'name',
          render: (n: string, r) => (
            <span>
              {n}
              <Tooltip title={r.help}>
                <QuestionCircleOutlined style={{ color: '#aaa', marginLeft: 4, fontSize: 12 }} />
              </Tooltip>
            </span>
          ),
        },
        { title: '单位', dataIndex: 'unit', width: 56, align: 'center' },
        { title: `${year}年`, dataIndex: 'cur', width: 104, align: 'right', onCell: () => ({ 'data-testid': 'cur' }) as React.HTMLAttributes<HTMLElement> },
        {
          title: `${year - 1}年`,
          dataIndex: 'prev',
          width: 104,
          align: 'right',
          onCell: () => ({ 'data-testid': 'prev' }) as React.HTMLAttributes<HTMLElement>,
        },
        {
          title: '同比',
          dataIndex: 'change',
          width: 120,
          align: 'right',
          onCell: () => ({ 'data-testid': 'change' }) as React.HTMLAttributes<HTMLElement>,
          render: (t: string, r) => <span style={{ color: r.changeValue ? (r.changeValue > 0 ? '#c0504d' : '#2e7d32') : undefined }}>{t}</span>,
        },
      ]}
    />
  );
}

/**
 * DOMAIN §12: the 清理 counts per 清理类型 (`规范性文件.清理.<类型>.<结果>`), one row per type, this year's figure and
 * last year's under it; types with nothing in either year are left out.
 */
function CleanupByType({ stats }: { stats: MetricsResult }) {
  const v = (k: string) => stats.values[k]?.value ?? 0;
  const rows = CLEANUP_TYPES.map((t) => ({
    type: t,
    prev: CLEANUP_OUTCOMES.map((o) => v(`上年.规范性文件.清理.${t}.${o.name}`)),
    cur: CLEANUP_OUTCOMES.map((o) => v(`规范性文件.清理.${t}.${o.name}`)),
  })).filter((r) => r.cur.some(Boolean) || r.prev.some(Boolean));
  return (
    <div style={{ marginTop: 8 }} data-testid="cleanup-by-type">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        清理情况（按清理类型，单位：件；括号内为 {stats.year - 1} 年）
      </Typography.Text>
      <Table
        style={{ marginTop: 4 }}
        size="small"
        bordered
        rowKey="type"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '两年均无清理记录' }}
        columns={[
          { title: '清理类型', dataIndex: 'type' },
          ...CLEANUP_OUTCOMES.map((o, i) => ({
            title: o.name,
            key: o.name,
            width: 90,
            align: 'right' as const,
            render: (_: unknown, r: (typeof rows)[number]) => `${r.cur[i]}（${r.prev[i]}）`,
          })),
        ]}
      />
    </div>
  );
}

function Distributions({ stats }: { stats: MetricsResult }) {
  const [key, setKey] = useState(stats.distributions[0]?.key);
  const d = stats.distributions.find((x) => x.key === key) ?? stats.distributions[0];
  if (!d) return <Nothing text="暂无分布数据" />;
  const prev = new Map((stats.previousDistributions.find((p) => p.key === d.key)?.rows ?? []).map((r) => [r.name, r.count]));
  const names = [...new Set([...d.rows.map((r) => r.name), ...prev.keys()])];
  const rows = names.map((n) => ({ name: n, cur: d.rows.find((r) => r.name === n)?.count ?? 0, prev: prev.get(n) ?? 0 }));
  return (
    <Section
      title="分布"
      testId="distribution"
      extra={
        <Select
          size="small"
          value={d.key}
          onChange={setKey}
          style={{ width: 220 }}
          options={stats.distributions.map((x) => ({ value: x.key, label: x.label }))}
        />
      }
    >
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
        按{d.basis}计，单位：件
      </Typography.Text>
      <BarList bars={d.rows.map((r) => ({ label: r.name, value: r.count }))} empty="本年度暂无数据" />
      <Table
        style={{ marginTop: 12 }}
        size="small"
        bordered
        rowKey="name"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Nothing text="两年均无数据" /> }}
        columns={[
          { title: '类别', dataIndex: 'name', ellipsis: true },
          { title: `${stats.year}年`, dataIndex: 'cur', width: 80, align: 'right' },
          { title: `${stats.year - 1}年`, dataIndex: 'prev', width: 80, align: 'right' },
        ]}
      />
    </Section>
  );
}

export default function StatsPage() {
  const { year } = useApp();
  const { message } = App.useApp();
  const [scope, setScope] = useState<string | undefined>(undefined);
  const stats = useApi('stats.year', { year, ...(scope ? { scope } : {}) });
  const { busy: exporting, run } = useAction();
  const [dialog, setDialog] = useState<'catalogue' | 'form' | null>(null);
  const doExport = () =>
    run(async () => {
      const r = await call('stats.export', { year, ...(scope ? { scope } : {}) });
      const where = await saveFile(r.fileName, r.content, '导出统计表');
      if (where) message.success(`已导出：${where}`);
    });
  return (
    <div>
      <PageTitle
        title={`${year}年统计分析`}
        extra={
          <Space>
            <ScopeSelect value={scope} onChange={setScope} />
            <Button icon={<FileTextOutlined />} onClick={() => setDialog('catalogue')} data-testid="open-catalogue">
              备案目录
            </Button>
            <Button icon={<TableOutlined />} onClick={() => setDialog('form')} data-testid="open-stats-form">
              上报统计表
            </Button>
            <Button icon={<DownloadOutlined />} onClick={doExport} loading={!!exporting} disabled={!stats.data} data-testid="stats-export">
              导出为电子表格
            </Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">与 {year - 1} 年对比；比率的同比为百分点差</Typography.Text>
      </PageTitle>
      <Loaded loading={stats.loading} error={stats.error} hasData={!!stats.data} onRetry={stats.reload}>
        {stats.data ? (
          <Row gutter={12}>
            <Col span={15}>
              {lines(stats.data).map((g) => (
                <Section key={g.group} title={g.group} testId={`group-${g.group}`}>
                  <MetricTable rows={g.rows} year={year} />
                  {g.group === '规范性文件' ? <CleanupByType stats={stats.data!} /> : null}
                </Section>
              ))}
            </Col>
            <Col span={9}>
              <div style={{ position: 'sticky', top: 0 }}>
                <Distributions key={year} stats={stats.data} />
              </div>
            </Col>
          </Row>
        ) : null}
      </Loaded>
      <CatalogueDialog year={year} open={dialog === 'catalogue'} onClose={() => setDialog(null)} />
      <StatsFormDialog year={year} open={dialog === 'form'} onClose={() => setDialog(null)} />
    </div>
  );
}
