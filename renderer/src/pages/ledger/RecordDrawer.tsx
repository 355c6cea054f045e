// A record in a drawer: its details by section, its audit history (who, when, which field from what to what),
// and the entry form for editing; a new record opens straight into the form. Closing with unsaved changes
// (Esc, the mask, the close button) asks first.
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Empty, Popconfirm, Space, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import type { AuditEntry, RecordView } from '../../../../electron/domain/api';
import { isCaseKind } from '../../../../electron/domain/case-file';
import type { FieldDef, LedgerKind, Row } from '../../../../electron/domain/fields';
import { LEDGERS } from '../../../../electron/domain/ledgers';
import { call } from '../../api';
import { useApp } from '../../context';
import { Loaded } from '../../components/Page';
import { showValue, timeText } from '../../format';
import { useApi } from '../../hooks';
import { dropDraft } from './drafts';
import { CaseParties, CaseTimeline } from './CaseFile';
import { CaseDocs } from './CaseDocs';

import { Attachments } from './Attachments';
import { PrintButton } from '../../print/PrintSheet';
import { CaseCardSheet, cardTitle } from '../../print/Sheets';
import { RecordForm, SECTIONS } from './RecordForm';

const drawerWidth = () => Math.max(560, Math.min(820, window.innerWidth - 220));

function History({ kind, entries }: { kind: LedgerKind; entries: AuditEntry[] }) {
  const fields = new Map(LEDGERS[kind].fields.map((f) => [f.key, f] as [string, FieldDef]));
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无修改记录" />;
  const sorted = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <Timeline
      data-testid="record-history"
      items={sorted.map((e) => {
        const before = (e.before && typeof e.before === 'object' ? e.before : {}) as Row;
        const after = (e.after && typeof e.after === 'object' ? e.after : {}) as Row;
        const keys = e.action === '修改' ? [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => fields.has(k)) : [];
        return {
          key: e.seq,
          color: e.action === '删除' ? 'red' : e.action === '新建' || e.action === '导入' ? 'green' : 'blue',
          content: (
            <div>
              <Space size={8} wrap>
                <Typography.Text strong>{e.action}</Typography.Text>
                <Typography.Text type="secondary">{timeText(e.at)}</Typography.Text>
                <Typography.Text type="secondary" data-raw>
                  {e.actor}
                </Typography.Text>
              </Space>
              {e.action === '当事人' || e.action === '中止期间' || e.action === '文书' || e.action === '送达' ? (
                <div data-testid="history-summary">{e.summary}</div>
              ) : null}
              {keys.length ? (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {keys.map((k) => {
                    const f = fields.get(k)!;
                    return (
                      <li key={k} data-testid="history-change">
                        {f.label}：
                        <Typography.Text delete type="secondary">
                          {showValue(f, before[k])}
                        </Typography.Text>{' '}
                        → <Typography.Text>{showValue(f, after[k])}</Typography.Text>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}

function Details({ kind, rec }: { kind: LedgerKind; rec: RecordView }) {
  const def = LEDGERS[kind];
  return (
    <div data-testid="record-details">
      {SECTIONS.map((s) => {
        const fs = def.fields.filter((f) => f.section === s);
        if (!fs.length) return null;
        return (
          <Descriptions
            key={s}
            title={s}
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 16 }}
            styles={{ label: { width: 130, whiteSpace: 'nowrap' } }}
            items={fs.map((f) => ({
              key: f.key,
              label: f.label,
              span: f.type === 'longtext' ? 2 : 1,
              children: (
                <span>
                  {showValue(f, rec.values[f.key])}
                  {f.derived && rec.manual.includes(f.key) ? (
                    <Tag style={{ marginLeft: 6 }} color="gold">
                      手工改定
                    </Tag>
                  ) : null}
                </span>
              ),
            }))}
          />
        );
      })}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        第 {rec.version} 版 · 录入于 {timeText(rec.createdAt)} · 最后修改于 {timeText(rec.updatedAt)}
      </Typography.Text>
    </div>
  );
}

export interface RecordDrawerProps {
  kind: LedgerKind;
  /** null: a new record */
  id: string | null;
  onClose: () => void;
  /** after a save or delete, so the list reloads */
  onChanged: (rec: RecordView | null, again?: boolean) => void;
  onDelete: (rec: RecordView) => void;
}

export function RecordDrawer({ kind, id, onClose, onChanged, onDelete }: RecordDrawerProps) {
  const def = LEDGERS[kind];
  const { modal, message } = App.useApp();
  const { readOnly } = useApp();
  const rec = useApi('ledger.get', id ? { kind, id } : null);
  const [editing, setEditing] = useState(!id);
  const [formKey, setFormKey] = useState(0);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  const guard = (then: () => void) => {
    if (!editing || !dirty.current) return then();
    modal.confirm({
      title: '有未保存的修改',
      content: '关闭后本次修改不会保存。',
      okText: '放弃修改',
      okButtonProps: { danger: true, 'data-testid': 'discard-changes' },
      cancelText: '继续编辑',
      onOk: () => {
        dropDraft(kind, id);
        dirty.current = false;
        then();
      },
    });
  };

  const close = () => guard(onClose);
  const title = id ? (rec.data ? showValue(undefined, rec.data.values[def.titleField]) : '记录详情') : `新增${def.shortName}记录`;

  const saved = (r: RecordView, again: boolean) => {
    dirty.current = false;
    if (id) {
      void message.success('已保存');
      rec.reload();
      setEditing(false);
      onChanged(r);
    } else {
      onChanged(r, again);
      if (again) {
        void message.success(`已保存“${showValue(undefined, r.values[def.titleField])}”，可继续录入下一条`);
        setFormKey((k) => k + 1);
      }
    }
  };

  return (
    <Drawer
      open
      onClose={close}
      size={drawerWidth()}
      title={<span data-testid="drawer-title">{editing && id ? `修改：${title}` : title}</span>}
      destroyOnHidden
      data-testid="record-drawer"
      styles={{ body: { paddingBottom: 24 } }}
      extra={
        id && rec.data && !editing ? (
          <Space>
            <PrintButton title={cardTitle(kind, rec.data)} testId="print-card" />
            {rec.data.unitId !== undefined ? (
              // issue 20: a row from a unit's 数据包 is that unit's; the core refuses changes here too
              <Tooltip title="这条记录来自下级单位上报的数据包，在本级只能查看；如需更正，请该单位修改后重新上报">
                <Tag color="purple" data-testid="received-row">
                  下级单位上报
                </Tag>
              </Tooltip>
            ) : null}
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              disabled={readOnly || rec.data.unitId !== undefined}
              data-testid="edit-record"
            >
              修改
            </Button>
            <Popconfirm
              title="删除这条记录？"
              description="删除后可在回收站恢复。"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true, 'data-testid': 'confirm-delete-one' }}
              onConfirm={() => onDelete(rec.data!)}
            >
              <Button danger icon={<DeleteOutlined />} disabled={readOnly || rec.data.unitId !== undefined} data-testid="delete-record">
                删除
              </Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      {!id ? (
        <RecordForm key={formKey} kind={kind} record={null} onSaved={saved} onCancel={close} onDirtyChange={onDirtyChange} />
      ) : (
        <Loaded loading={rec.loading} error={rec.error} hasData={!!rec.data} onRetry={rec.reload}>
          {rec.data ? (
            editing ? (
              <RecordForm
                key={`${rec.data.id}-${rec.data.version}`}
                kind={kind}
                record={rec.data}
                onSaved={saved}
                onCancel={() => guard(() => setEditing(false))}
                onDirtyChange={onDirtyChange}
              />
            ) : (
              <>
                <CaseCardSheet kind={kind} rec={rec.data} />
                <Tabs
                  items={[
                    { key: 'details', label: '详细信息', children: <Details kind={kind} rec={rec.data} /> },
                    ...(isCaseKind(kind)
                      ? [
                          {
                            key: 'timeline',
                            label: '案件进程',
                            children: (
                              <CaseTimeline key={rec.data.version} kind={kind} id={rec.data.id} version={rec.data.version} onRecordChanged={rec.reload} />
                            ),
                          },
                          { key: 'parties', label: '当事人', children: <CaseParties kind={kind} id={rec.data.id} /> },
                          { key: 'docs', label: '文书', children: <CaseDocs key={rec.data.version} kind={kind} id={rec.data.id} onChanged={rec.reload} /> },
                        ]
                      : []),
                    { key: 'attachments', label: '附件', children: <Attachments kind={kind} id={rec.data.id} /> },
                    { key: 'history', label: `修改记录（${rec.data.history.length}）`, children: <History kind={kind} entries={rec.data.history} /> },
                  ]}
                />
              </>
            )
          ) : null}
        </Loaded>
      )}
    </Drawer>
  );
}

/** delete one record and offer an undo (restore) */
export async function deleteWithUndo(kind: LedgerKind, ids: string[], message: ReturnType<typeof App.useApp>['message'], after: () => void): Promise<void> {
  const r = await call('ledger.delete', { kind, ids });
  after();
  const key = `deleted-${Date.now()}`;
  void message.success({
    key,
    duration: 8,
    content: (
      <span data-testid="deleted-notice">
        已删除 {r.count} 条记录（可在回收站恢复）
        <Button
          type="link"
          size="small"
          data-testid="undo-delete"
          onClick={async () => {
            message.destroy(key);
            const back = await call('ledger.restore', { kind, ids });
            void message.success(`已恢复 ${back.count} 条记录`);
            after();
          }}
        >
          撤销
        </Button>
      </span>
    ),
  });
}
