// 年度报告 (the report engineer replaces this): how ready the year's report is — figures available from the
// ledgers, and which report materials are still empty.
import { Alert, Descriptions, List, Tag } from 'antd';
import { METRICS } from '../../../../electron/domain/metrics';
import { Loaded, PageTitle, Section } from '../../components/Page';
import { useApp } from '../../context';
import { useApi } from '../../hooks';
import { href } from '../../router';

export default function ReportPage() {
  const { year } = useApp();
  const stats = useApi('stats.year', { year });
  const materials = useApi('materials.list', { year });
  const empty = (materials.data?.items ?? []).filter((m) => !m.content.trim());
  const withValue = stats.data ? METRICS.filter((m) => stats.data!.values[m.key]?.value !== null && stats.data!.values[m.key]?.value !== undefined).length : 0;
  return (
    <div>
      <PageTitle title={`${year}年度法治政府建设情况报告`} />
      <Section title="报告准备情况">
        <Loaded loading={stats.loading || materials.loading} error={stats.error ?? materials.error} hasData={!!stats.data && !!materials.data}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="已有数据的统计指标">
              {withValue} / {METRICS.length} 项
            </Descriptions.Item>
            <Descriptions.Item label="待填写的报告素材">{empty.length} 项</Descriptions.Item>
          </Descriptions>
          {empty.length ? (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title="以下报告素材尚未填写"
              description={
                <span>
                  请在 <a href={href('/yeardata')}>年度数据</a> 中填写：
                  {empty.map((m) => (
                    <Tag key={m.name} style={{ marginLeft: 4 }}>
                      {m.name}
                    </Tag>
                  ))}
                </span>
              }
            />
          ) : (
            <Alert style={{ marginTop: 12 }} type="success" showIcon title="报告素材均已填写" />
          )}
          <List
            size="small"
            style={{ marginTop: 12 }}
            header="报告素材"
            dataSource={materials.data?.items ?? []}
            renderItem={(m) => (
              <List.Item>
                {m.name}
                <Tag color={m.content.trim() ? 'green' : 'default'}>{m.content.trim() ? `已填写 ${m.content.length} 字` : '未填写'}</Tag>
              </List.Item>
            )}
          />
        </Loaded>
      </Section>
    </div>
  );
}
