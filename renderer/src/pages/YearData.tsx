// 年度数据: the year's indicators (not kept in any ledger) as an editable grid, and the report material as named
// multi-paragraph texts. Both feed 统计分析 and the year-end report; user-added names are allowed.
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Col, Input, InputNumber, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../api';
import { Loaded, Nothing, PageTitle, Section } from '../components/Page';
import { useApp } from '../context';
import { useApi } from '../hooks';
import { YearlyExchange } from '../components/YearlyExchange';

interface IndicatorRow {
  name: string;
  value: number | null;
  builtIn: boolean;
  prev: number | null;
}

function Indicators({ year }: { year: number }) {
  const { message } = App.useApp();
  const { readOnly } = useApp();
  const cur = useApi('indicators.list', { year });
  const prev = useApi('indicators.list', { year: year - 1 });
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const [added, setAdded] = useState<string[]>([]);
  const [newName, setNewName] = useState('');
  const [saving, setSaving] = useState(false);

  const rows: IndicatorRow[] = useMemo(() => {
    const p = new Map((prev.data?.items ?? []).map((i) => [i.name, i.value]));
    const base = (cur.data?.items ?? []).map((i) => ({
      name: i.name,
      value: i.name in edits ? edits[i.name] : i.value,
      builtIn: i.builtIn,
      prev: p.get(i.name) ?? null,
    }));
    const names = new Set(base.map((b) => b.name));
    for (const n of added) if (!names.has(n)) base.push({ name: n, value: edits[n] ?? null, builtIn: false, prev: p.get(n) ?? null });
    return base;
  }, [cur.data, prev.data, edits, added]);

  const stored = new Map((cur.data?.items ?? []).map((i) => [i.name, i.value]));
  const changed = Object.entries(edits).filter(([n, v]) => (stored.get(n) ?? null) !== v);

  const add = () => {
    const n = newName.trim();
    if (!n) return;
    if (n.length > 50) return void message.error('指标名称最多 50 个字');
    if (rows.some((r) => r.name === n)) return void message.warning(`已有指标“${n}”`);
    setAdded((a) => [...a, n]);
    setNewName('');
  };

  const save = async () => {
    setSaving(true);
    try {
      await call('indicators.set', { year, items: changed.map(([name, value]) => ({ name, value })) });
      message.success(`已保存 ${changed.length} 项年度指标`);
      setEdits({});
      cur.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section
      title={`${year}年度指标`}
      testId="indicators"
      extra={
        <Space>
          {changed.length ? <Typography.Text type="warning">有 {changed.length} 项未保存</Typography.Text> : null}
          <Button type="primary" icon={<SaveOutlined />} disabled={!changed.length || readOnly} loading={saving} onClick={save} data-testid="indicators-save">
            保存
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        台账以外的年度数字（学法次数、培训人次、执法人员数等），用于统计分析和年度报告。留空表示没有数据；清空后保存即删除该项数值。
      </Typography.Paragraph>
      <Loaded loading={cur.loading} error={cur.error} hasData={!!cur.data} onRetry={cur.reload}>
        <Table<IndicatorRow>
          size="small"
          bordered
          rowKey="name"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <Nothing text="暂无年度指标" /> }}
          columns={[
            {
              title: '指标名称',
              dataIndex: 'name',
              render: (n: string, r) => (
                <span>
                  {n}
                  {r.builtIn ? null : (
                    <Tag style={{ marginLeft: 6 }} color="blue">
                      自定义
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              title: `${year}年`,
              dataIndex: 'value',
              width: 160,
              render: (v: number | null, r) => (
                <InputNumber
                  size="small"
                  aria-label={`${r.name}数值`}
                  value={v}
                  min={0}
                  precision={/万元/.test(r.name) ? 2 : undefined}
                  style={{ width: '100%' }}
                  placeholder="未填"
                  controls={false}
                  onChange={(x) => setEdits((e) => ({ ...e, [r.name]: typeof x === 'number' ? x : null }))}
                />
              ),
            },
            { title: `${year - 1}年`, dataIndex: 'prev', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : v) },
          ]}
        />
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 8 }}>
          <Space.Compact style={{ width: 250 }}>
            <Input
              size="small"
              placeholder="新增自定义指标名称"
              value={newName}
              maxLength={50}
              onChange={(e) => setNewName(e.target.value)}
              onPressEnter={add}
            />
            <Button size="small" icon={<PlusOutlined />} onClick={add}>
              添加
            </Button>
          </Space.Compact>
          <div style={{ flex: 1 }} />
          <YearlyExchange kind="indicator" year={year} label="年度指标" onImported={() => (setEdits({}), cur.reload())} />
        </div>
      </Loaded>
    </Section>
  );
}

function MaterialEditor({ year, name, content, builtIn, onSaved }: { year: number; name: string; content: string; builtIn: boolean; onSaved: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(content);
  const [saving, setSaving] = useState(false);
  const dirty = text !== content;
  const save = async () => {
    setSaving(true);
    try {
      await call('materials.set', { year, name, content: text });
      message.success(`已保存“${name}”`);
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Section
      testId={`material-${name}`}
      title={
        <span>
          {name}
          {builtIn ? null : (
            <Tag style={{ marginLeft: 6 }} color="blue">
              自定义
            </Tag>
          )}
        </span>
      }
      extra={
        <Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {text.length} 字{dirty ? '，未保存' : ''}
          </Typography.Text>
          <Button size="small" type={dirty ? 'primary' : 'default'} disabled={!dirty} loading={saving} onClick={save}>
            保存
          </Button>
        </Space>
      }
    >
      <Input.TextArea
        aria-label={name}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 16 }}
        maxLength={50000}
        placeholder={`填写${name}，可分多段；年度报告按段落引用`}
      />
    </Section>
  );
}

function Materials({ year }: { year: number }) {
  const { message } = App.useApp();
  const list = useApi('materials.list', { year });
  const [added, setAdded] = useState<string[]>([]);
  const [newName, setNewName] = useState('');
  const items = list.data?.items ?? [];
  const names = new Set(items.map((i) => i.name));
  const all = [...items, ...added.filter((n) => !names.has(n)).map((n) => ({ name: n, content: '', builtIn: false }))];
  const add = () => {
    const n = newName.trim();
    if (!n) return;
    if (n.length > 50) return void message.error('素材名称最多 50 个字');
    if (all.some((i) => i.name === n)) return void message.warning(`已有素材“${n}”`);
    setAdded((a) => [...a, n]);
    setNewName('');
  };
  return (
    <div data-testid="materials">
      <div style={{ display: 'flex', alignItems: 'center', marginBottom: 8 }}>
        <h3 style={{ margin: 0, fontSize: 15 }}>{year}年度报告素材</h3>
        <div style={{ flex: 1 }} />
        <YearlyExchange kind="material" year={year} label="年度素材" onImported={list.reload} />
        <Space.Compact style={{ width: 280, marginLeft: 8 }}>
          <Input placeholder="新增素材名称" value={newName} maxLength={50} onChange={(e) => setNewName(e.target.value)} onPressEnter={add} />
          <Button icon={<PlusOutlined />} onClick={add}>
            添加
          </Button>
        </Space.Compact>
      </div>
      <Loaded loading={list.loading} error={list.error} hasData={!!list.data} onRetry={list.reload}>
        {all.length ? (
          all.map((m) => (
            <MaterialEditor key={`${m.name}:${m.content}`} year={year} name={m.name} content={m.content} builtIn={m.builtIn} onSaved={list.reload} />
          ))
        ) : (
          <Nothing text="暂无报告素材" />
        )}
      </Loaded>
    </div>
  );
}

export default function YearData() {
  const { year } = useApp();
  return (
    <div>
      <PageTitle title={`${year}年度数据`}>
        <Typography.Text type="secondary">切换页面顶部的年度可查看、填写其他年度</Typography.Text>
      </PageTitle>
      <Row gutter={12}>
        <Col span={10}>
          <Indicators key={year} year={year} />
        </Col>
        <Col span={14}>
          <Materials key={year} year={year} />
        </Col>
      </Row>
    </div>
  );
}
