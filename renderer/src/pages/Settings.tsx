// 设置: the office (单位名称, 主送机关, 经办人); every formula choice and deadline with its one-sentence explanation;
// 案卷评查 thresholds and veto rule; the holiday calendar; where the data file lives and its backups; the audit log.
import { CloudDownloadOutlined, DownloadOutlined, ImportOutlined, ReloadOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import OfficeSettings from './Office';
import { useMemo, useState } from 'react';
import type { AuditEntry, BackupView } from '../../../electron/domain/api';
import type { LedgerKind } from '../../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS, isLedgerKind } from '../../../electron/domain/ledgers';
import { rederivesSome, type SettingDef, type Settings } from '../../../electron/domain/settings';
import { openYears } from '../../../electron/domain/rows';
import { call } from '../api';
import { Loaded, Nothing, Section } from '../components/Page';
import { PageTitle } from '../components/Page';
import { useApp } from '../context';
import { fileText, pickFile, saveFile } from '../files';
import { bytesText, timeText } from '../format';
import { useAction, useApi } from '../hooks';
import { useRoute } from '../router';
import { ImportHistory, TaskProgress } from '../components/ImportUndo';

import { AttachmentBackupNote } from './AttachmentBackupNote';
import { UnitTree } from './Units';

type Values = Record<string, string | number>;

function SettingField({ def }: { def: SettingDef }) {
  let control;
  if (def.type === 'choice') control = <Select style={{ width: 240 }} options={def.options.map((o) => ({ value: o, label: o }))} />;
  else if (def.type === 'text') control = <Input style={{ maxWidth: 520 }} maxLength={200} />;
  else control = <InputNumber min={def.min} max={def.max} precision={def.type === 'int' ? 0 : undefined} controls={false} style={{ width: 180 }} />;
  return (
    <Form.Item name={def.key} label={def.label} extra={def.help} style={{ marginBottom: 14 }}>
      {control}
    </Form.Item>
  );
}

/**
 * Ask how far a change of derived values reaches (docs/decisions.md “办结的和往年的记录保持原结果”): running deadlines and
 * this year's rows, or every record. Resolves the choice, or null when the clerk cancels.
 */
function useAskAllRecords(): (what: string) => Promise<boolean | null> {
  const { modal } = App.useApp();
  // the years still open (domain/rows.ts openYears): this one, and the one before until its report is due
  const years = openYears(timeText(new Date().toISOString()).slice(0, 10)).join('、');
  return (what) =>
    new Promise((resolve) => {
      let allRecords = false;
      modal.confirm({
        title: '新的设置适用于哪些记录？',
        width: 560,
        okText: '保存',
        okButtonProps: { 'data-testid': 'all-records-ok' },
        cancelText: '取消',
        content: (
          <div data-testid="all-records-confirm">
            <p>
              {`${what}：尚未办结的期限和 ${years} 年的记录按新设置重新计算。已办结案件的期限、往年记录的结果（重大合同、总分、等次等）保持不变——当年是否超期、往年报告里报出的数字都不会改变。`}
            </p>
            <Checkbox data-testid="all-records" onChange={(e) => (allRecords = e.target.checked)}>
              往年的、已办结的记录也按新设置重新计算
            </Checkbox>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0 24px' }}>
              只在第一次设置、或原来的设置本来就设错了时勾选：整本台账都要重算，数据量大时需要一些时间（会显示进度），往年的统计数字可能随之改变。
            </Typography.Paragraph>
          </div>
        ),
        onOk: () => resolve(allRecords),
        onCancel: () => resolve(null),
      });
    });
}

function SettingsForm({ defs, values, groups, onSaved }: { defs: SettingDef[]; values: Values; groups: string[]; onSaved: () => void }) {
  const { message } = App.useApp();
  const askAllRecords = useAskAllRecords();
  const { readOnly } = useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const shown = defs.filter((d) => groups.includes(d.group));
  const save = async () => {
    const v = form.getFieldsValue();
    const patch: Values = {};
    for (const d of shown) {
      const x = v[d.key];
      if (x === undefined || x === null) continue;
      if (x !== values[d.key]) patch[d.key] = typeof x === 'string' ? x : Number(x);
    }
    if (!Object.keys(patch).length) return void message.info('没有需要保存的修改');
    const deriving = shown.filter((d) => d.key in patch && rederivesSome(d.key));
    let allRecords = false;
    if (deriving.length) {
      const choice = await askAllRecords(`修改了${deriving.map((d) => `“${d.label}”`).join('、')}`);
      if (choice === null) return;
      allRecords = choice;
    }
    setSaving(true);
    try {
      const r = await call('settings.update', { patch, allRecords });
      message.success(r.rederived ? `设置已保存，已按新设置重新计算 ${r.rederived} 条记录的期限和派生值` : '设置已保存');
      setDirty(false);
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form
      form={form}
      layout="horizontal"
      labelCol={{ flex: '240px' }}
      wrapperCol={{ flex: 'auto' }}
      labelWrap
      colon={false}
      initialValues={values}
      onValuesChange={() => setDirty(true)}
      requiredMark={false}
    >
      {groups.map((g) => (
        <Section key={g} title={g}>
          {shown
            .filter((d) => d.group === g)
            .map((d) => (
              <SettingField key={d.key} def={d} />
            ))}
        </Section>
      ))}
      <Space>
        <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={saving} disabled={readOnly} data-testid="settings-save">
          保存设置
        </Button>
        <Button onClick={() => (form.resetFields(), setDirty(false))} disabled={!dirty}>
          放弃修改
        </Button>
        {dirty ? <Typography.Text type="warning">有未保存的修改</Typography.Text> : null}
        <TaskProgress active={saving} counts delayMs={0} testId="rederive-progress" />
      </Space>
    </Form>
  );
}

function Calendar() {
  const { message } = App.useApp();
  const years = useApi('calendar.years', {});
  const [busy, setBusy] = useState(false);
  const [allRecords, setAllRecords] = useState(false);
  const add = async () => {
    try {
      const f = await pickFile({ title: '选择节假日安排文件', extensions: ['json'], filterName: '节假日安排（JSON）' });
      if (!f) return;
      let data: unknown;
      try {
        data = JSON.parse(fileText(f));
      } catch {
        throw new Error(`“${f.name}”不是有效的节假日文件（应为 JSON 格式）`);
      }
      setBusy(true);
      const r = await call('calendar.addYear', { data, source: f.name, allRecords });
      message.success(
        r.from
          ? `已导入 ${r.years.join('、')} 年节假日安排：自 ${r.from} 起工作日有变化，${r.rederived} 条记录的期限已重新计算`
          : `已导入 ${r.years.join('、')} 年节假日安排：与原有安排相同，期限没有变化`,
      );
      years.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const list = years.data?.years ?? [];
  const next = new Date().getFullYear() + 1;
  const missing = list.length && !list.some((y) => y.year === next);
  return (
    <Section
      title="节假日安排"
      testId="calendar"
      extra={
        <Button icon={<ImportOutlined />} onClick={add} loading={busy} data-testid="calendar-add">
          从文件添加年份
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        以工作日计算的期限（合法性审核、受理审查等）按国务院办公厅公布的节假日和调休安排计算。每年年底公布次年安排后，请导入次年的节假日文件
        （格式与程序自带的节假日文件相同，见使用说明）。导入后，落在变动日期之后、尚未办结的期限自动重新计算；已办结的记录保持当时的期限。
      </Typography.Paragraph>
      <Checkbox checked={allRecords} onChange={(e) => setAllRecords(e.target.checked)} data-testid="calendar-all-records" style={{ marginBottom: 8 }}>
        已办结的记录也按新的安排重新计算（仅在原来的安排有误时勾选）
      </Checkbox>
      {missing ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`尚未导入 ${next} 年节假日安排：该年的工作日暂按周一至周五计算`} /> : null}
      <div>
        <TaskProgress active={busy} counts delayMs={0} testId="rederive-progress" />
      </div>
      <Loaded loading={years.loading} error={years.error} hasData={!!years.data} onRetry={years.reload}>
        <Space wrap size={[6, 6]}>
          {list.length ? (
            list.map((y) => (
              <Tag key={y.year} title={y.source} data-raw color={y.source.startsWith('随程序') ? 'default' : 'blue'}>
                {y.year}年
              </Tag>
            ))
          ) : (
            <Nothing text="暂无节假日安排" />
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          灰色为随程序提供的年份，蓝色为自行导入的年份（鼠标停留可看来源）。
        </Typography.Paragraph>
      </Loaded>
    </Section>
  );
}

function countsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([k]) => isLedgerKind(k))
    .map(([k, n]) => `${LEDGERS[k as LedgerKind].shortName}${n}`);
  return parts.length ? parts.join('、') : '—';
}

function DataSafety() {
  const { message, modal } = App.useApp();
  const { info, refresh } = useApp();
  const backups = useApi('backup.list', {});
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const backupNow = async () => {
    setBusy(true);
    try {
      const b = await call('backup.create', {});
      message.success(`已备份到 ${b.file}`);
      if (b.secondError) message.warning(b.secondError);
      backups.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const restore = (b: BackupView) =>
    modal.confirm({
      title: '从这份备份还原？',
      width: 520,
      okText: '确认还原',
      okButtonProps: { danger: true },
      cancelText: '取消',
      content: (
        <div>
          <p>
            备份时间：{timeText(b.at)}（{b.reason}）
            <br />
            备份内容：{countsText(b.counts)}
          </p>
          <p>还原会用这份备份替换当前数据。还原前程序会先把当前数据另做一份备份，如需撤销可再从那份备份还原。</p>
        </div>
      ),
      onOk: async () => {
        setRestoring(true);
        try {
          const r = await call('backup.restore', { file: b.file });
          modal.success({
            title: '已还原',
            width: 520,
            content: (
              <div data-testid="restore-result">
                <p>现有数据：{countsText(r.counts)}</p>
                <p>还原前的数据已备份到：{r.safetyBackup ?? '（当时没有数据，无需备份）'}</p>
              </div>
            ),
          });
          backups.reload();
          refresh();
        } catch (e) {
          message.error((e as Error).message);
        } finally {
          setRestoring(false);
        }
      },
    });
  return (
    <>
      <Section title="数据文件">
        <Descriptions size="small" column={1} bordered styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="数据文件位置">
            <Typography.Text copyable data-testid="data-file" data-raw>
              {info?.dataFile ?? '—'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="备份文件夹">
            <Typography.Text copyable={!!backups.data} data-raw>
              {backups.data?.dir ?? '—'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="程序版本">{info ? `${info.version}（数据结构版本 ${info.schemaVersion}）` : '—'}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          换电脑时，把数据文件和备份文件夹一起复制到新电脑的相同位置即可；也可以从任意一份备份还原。
        </Typography.Paragraph>
      </Section>
      <Section
        title="备份"
        testId="backups"
        extra={
          <Space>
            <TaskProgress active={busy || restoring} testId="backup-progress" />
            <Button icon={<ReloadOutlined />} onClick={backups.reload}>
              刷新
            </Button>
            <Button type="primary" icon={<CloudDownloadOutlined />} onClick={backupNow} loading={busy} data-testid="backup-now">
              立即备份
            </Button>
          </Space>
        }
      >
        <AttachmentBackupNote />
        <Loaded loading={backups.loading} error={backups.error} hasData={!!backups.data} onRetry={backups.reload}>
          <Table<BackupView>
            size="small"
            bordered
            rowKey="file"
            dataSource={backups.data?.backups ?? []}
            pagination={{ pageSize: 8, size: 'small', showTotal: (t) => `共 ${t} 份`, showSizeChanger: false }}
            locale={{ emptyText: <Nothing text="还没有备份" /> }}
            columns={[
              { title: '备份时间', dataIndex: 'at', width: 150, render: (t: string) => timeText(t) },
              {
                title: '原因',
                dataIndex: 'reason',
                width: 150,
                render: (r: string, b) => (
                  <Space size={4}>
                    {r}
                    {b.pinned && (
                      <Tooltip title={b.pinnedWhy}>
                        <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="backup-pinned">
                          已固定
                        </Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              { title: '内容', dataIndex: 'counts', ellipsis: true, render: (c: Record<string, number>) => countsText(c) },
              { title: '大小', dataIndex: 'size', width: 90, align: 'right', render: (n: number) => bytesText(n) },
              {
                title: '操作',
                key: 'op',
                width: 80,
                render: (_: unknown, b) => (
                  <a onClick={() => restore(b)} data-testid="restore">
                    还原
                  </a>
                ),
              },
            ]}
          />
        </Loaded>
      </Section>
    </>
  );
}

function AuditLog() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const log = useApi('audit.list', { q: query || undefined, page, pageSize: 20 });
  const { message } = App.useApp();
  const { busy: exporting, run } = useAction();
  const doExport = () =>
    run(async () => {
      const r = await call('audit.export', { q: query || undefined });
      const where = await saveFile(r.fileName, r.content, '导出操作日志');
      if (where) message.success(`已导出：${where}`);
    });
  return (
    <Section
      title="操作日志"
      testId="audit"
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={doExport} loading={!!exporting} data-testid="audit-export">
            {query ? '导出搜索结果' : '导出全部'}
          </Button>
          <Input.Search
            placeholder="搜索操作人、操作、摘要"
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => (setQuery(v.trim()), setPage(1))}
            enterButton={<SearchOutlined />}
            style={{ width: 300 }}
          />
        </Space>
      }
    >
      <Loaded loading={log.loading} error={log.error} hasData={!!log.data} onRetry={log.reload}>
        <Table<AuditEntry>
          size="small"
          bordered
          rowKey="seq"
          dataSource={log.data?.rows ?? []}
          locale={{ emptyText: <Nothing text={query ? `没有包含“${query}”的操作记录` : '暂无操作记录'} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: log.data?.total ?? 0,
            size: 'small',
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 条`,
            onChange: setPage,
          }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 150, render: (t: string) => timeText(t) },
            {
              title: '操作人',
              dataIndex: 'actor',
              width: 160,
              ellipsis: { showTitle: false },
              render: (a: string) => (
                <span data-raw title={a}>
                  {a}
                </span>
              ),
            },
            { title: '操作', dataIndex: 'action', width: 90 },
            { title: '台账', dataIndex: 'kind', width: 110, render: (k: string | null) => (k && isLedgerKind(k) ? LEDGERS[k].shortName : '—') },
            {
              title: '摘要',
              dataIndex: 'summary',
              ellipsis: { showTitle: false },
              render: (s: string | null) => (
                <span data-raw title={s ?? undefined}>
                  {s ?? '—'}
                </span>
              ),
            },
          ]}
        />
      </Loaded>
    </Section>
  );
}

/** Every deadline the board watches, from the ledger declarations, worded under the current settings. */
function DeadlineRules({ values }: { values: Values }) {
  const rows = LEDGER_KINDS.flatMap((k) =>
    LEDGERS[k].deadlines.map((d) => ({
      key: `${k}.${d.field}`,
      ledger: LEDGERS[k].shortName,
      field: LEDGERS[k].fields.find((f) => f.key === d.field)?.label ?? d.field,
      rule: d.rule(values as unknown as Settings),
      warn: `到期前 ${d.warnWithin.n} ${d.warnWithin.unit === 'workdays' ? '个工作日' : '日'}`,
    })),
  );
  return (
    <Section title="期限提醒一览" testId="deadline-rules">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        工作台的期限提醒按下列规定计算；法律规定的期限不可修改，按本地制度设置的期限随上方设置变化。期间最后一日为节假日的，顺延至节后第一个工作日。
      </Typography.Paragraph>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: '台账', dataIndex: 'ledger', width: 120 },
          { title: '期限', dataIndex: 'field', width: 130 },
          { title: '规定', dataIndex: 'rule' },
          { title: '开始提醒', dataIndex: 'warn', width: 150 },
        ]}
      />
    </Section>
  );
}

export default function SettingsPage() {
  const { refresh, office } = useApp();
  // office mode: backups and 还原 are the administrator's (domain/access.ts); others do not see that tab
  const admin = !office || office.user.role === '管理员';
  const settings = useApi('settings.get', {});
  const route = useRoute();
  const [tab, setTab] = useState(() => route.query.get('tab') ?? 'unit');
  const defs = useMemo(() => (settings.data?.defs ?? []) as SettingDef[], [settings.data]);
  const onSaved = () => {
    settings.reload();
    refresh();
  };
  const form = (groups: string[]) =>
    settings.data ? (
      <SettingsForm key={JSON.stringify(settings.data.values)} defs={defs} values={settings.data.values} groups={groups} onSaved={onSaved} />
    ) : null;
  return (
    <div>
      <PageTitle title="设置" />
      <Loaded loading={settings.loading} error={settings.error} hasData={!!settings.data} onRetry={settings.reload}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'unit', label: '单位信息', children: form(['单位']) },
            { key: 'units', label: '单位树', children: <UnitTree /> },
            {
              key: 'rules',
              label: '期限与统计口径',
              children: (
                <>
                  {form(['规范性文件', '重大行政决策', '合同审查', '行政复议', '行政应诉'])}
                  <div style={{ height: 12 }} />
                  {settings.data ? <DeadlineRules values={settings.data.values} /> : null}
                </>
              ),
            },
            { key: 'casefile', label: '案卷评查', children: form(['案卷评查']) },
            { key: 'calendar', label: '节假日', children: <Calendar /> },
            admin && {
              key: 'data',
              label: '数据与备份',
              children: (
                <>
                  <DataSafety />
                  <ImportHistory onUndone={refresh} />
                  {form(['数据安全'])}
                </>
              ),
            },
            { key: 'audit', label: '操作日志', children: <AuditLog /> },
            { key: 'office', label: '单位服务器', children: <OfficeSettings /> },
          ].filter((t) => !!t)}
        />
      </Loaded>
    </div>
  );
}
