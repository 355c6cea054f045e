// 工作台: what needs doing (the deadline board), how much is in each ledger, and this year's key figures.
import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { DeadlineItem } from '../../../electron/domain/api';
import { LEDGERS, LEDGER_KINDS } from '../../../electron/domain/ledgers';
import { Loaded, Nothing, PageTitle, Section } from '../components/Page';
import { useApp } from '../context';
import { daysText } from '../format';
import { useApi } from '../hooks';
import { href, navigate, recordHref } from '../router';

function Counts() {
  const { info } = useApp();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="ledger-counts">
      {LEDGER_KINDS.map((k) => (
        <Col key={k} xs={8} xl={4}>
          <Card size="small" hoverable onClick={() => navigate(`/ledger/${k}`)} data-testid={`count-${k}`}>
            <Statistic title={LEDGERS[k].shortName} value={info ? info.counts[k] : '…'} suffix={info ? '条' : undefined} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Board() {
  const board = useApi('deadlines.board', {});
  const items = board.data?.items ?? [];
  const overdue = items.filter((i) => i.status === '逾期').length;
  return (
    <Section
      testId="deadline-board"
      title={
        <span>
          期限提醒
          {board.data ? (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
              截至 {board.data.today}：逾期 {overdue} 件，即将到期 {items.length - overdue} 件
            </Typography.Text>
          ) : null}
        </span>
      }
    >
      <Loaded loading={board.loading} error={board.error} hasData={!!board.data} onRetry={board.reload}>
        <Table<DeadlineItem>
          size="small"
          rowKey={(r) => `${r.kind}-${r.id}-${r.field}`}
          dataSource={items}
          pagination={items.length > 10 ? { pageSize: 10, size: 'small', showTotal: (t) => `共 ${t} 件` } : false}
          locale={{ emptyText: <Nothing text="没有逾期或即将到期的事项" /> }}
          onRow={(r) => ({ onClick: () => (window.location.hash = recordHref(r.kind, r.id).slice(1)), style: { cursor: 'pointer' } })}
          columns={[
            { title: '状态', dataIndex: 'status', width: 76, render: (s: string) => <Tag color={s === '逾期' ? 'red' : 'orange'}>{s}</Tag> },
            { title: '台账', dataIndex: 'kind', width: 110, render: (k: keyof typeof LEDGERS) => LEDGERS[k].shortName },
            { title: '事项', dataIndex: 'title', ellipsis: true, render: (t: string, r) => <a href={recordHref(r.kind, r.id)}>{t}</a> },
            { title: '期限', dataIndex: 'fieldLabel', width: 110 },
            { title: '到期日', dataIndex: 'dueOn', width: 104 },
            {
              title: '剩余',
              dataIndex: 'left',
              width: 130,
              render: (l: number, r) => <Typography.Text type={l < 0 ? 'danger' : 'warning'}>{daysText(l, r.unit)}</Typography.Text>,
            },
            { title: '依据', dataIndex: 'rule', ellipsis: true },
          ]}
        />
      </Loaded>
    </Section>
  );
}

export default function Desk() {
  const { year } = useApp();
  return (
    <div>
      <PageTitle title="工作台" extra={<a href={href('/stats')}>查看{year}年全部统计</a>} />
      <Counts />
      <Board />
    </div>
  );
}
