// The entry form, drawn from the ledger's declaration: sections 基本信息 / 办理过程 / 结果, an input per field
// type, and live checking through `ledger.preview` as the user types (issues per field, derived deadlines and
// flags). Ctrl+S saves; typing is kept as a draft; a stale edit is explained with both versions side by side.
import { Alert, Button, Col, Form, Modal, Row as Grid, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordView } from '../../../../electron/domain/api';
import { isIsoDate } from '../../../../electron/domain/calendar';
import type { FieldDef, LedgerKind, Row, Section, Value } from '../../../../electron/domain/fields';
import { LEDGERS } from '../../../../electron/domain/ledgers';
import { DATE_FORMS_TEXT } from '../../../../electron/domain/text';
import { invoke } from '../../api';
import { useNoClearTabStops } from '../../components/keyboard';
import { useApp } from '../../context';
import { showValue, timeText } from '../../format';
import { dropDraft, loadDraft, saveDraft, type Draft } from './drafts';
import { FieldInput } from './FieldInput';
import './RecordForm.css';

export const SECTIONS: Section[] = ['基本信息', '办理过程', '结果'];

const empty = (v: Value | undefined) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The editable part of a stored row: derived values are left to the server unless the user set them. */
function editable(kind: LedgerKind, rec: RecordView | null): { values: Row; manual: string[] } {
  if (!rec) return { values: {}, manual: [] };
  const values: Row = {};
  for (const f of LEDGERS[kind].fields) {
    const v = rec.values[f.key];
    if (empty(v)) continue;
    if (f.derived === 'always') continue;
    if (f.derived === 'suggested' && !rec.manual.includes(f.key)) continue;
    values[f.key] = v;
  }
  return { values, manual: rec.manual.filter((k) => !empty(rec.values[k])) };
}

function clean(kind: LedgerKind, values: Row, manual: string[]): Row {
  const out: Row = {};
  for (const f of LEDGERS[kind].fields) {
    const v = values[f.key];
    if (empty(v) || f.derived === 'always') continue;
    if (f.derived === 'suggested' && !manual.includes(f.key)) continue;
    out[f.key] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

interface Preview {
  values: Row;
  warnings: string[];
  issues: { field: string; message: string }[];
}

interface Stale {
  current: RecordView;
  yours: Row;
  message: string;
}

export interface RecordFormProps {
  kind: LedgerKind;
  record: RecordView | null;
  onSaved: (rec: RecordView, again: boolean) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function RecordForm({ kind, record, onSaved, onCancel, onDirtyChange }: RecordFormProps) {
  const def = LEDGERS[kind];
  // a damaged data file takes no saves (the typing stays as a draft until a backup is restored)
  const { readOnly } = useApp();
  const draftId = record?.id ?? null;
  const initial = useMemo(() => editable(kind, record), [kind, record]);
  const [values, setValues] = useState<Row>(initial.values);
  const [manual, setManual] = useState<string[]>(initial.manual);
  const [base, setBase] = useState<RecordView | null>(record);
  const [draft, setDraft] = useState<Draft | null>(() => {
    const d = loadDraft(kind, draftId);
    return d && JSON.stringify(clean(kind, d.values, d.manual)) !== JSON.stringify(clean(kind, initial.values, initial.manual)) ? d : null;
  });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState<Stale | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useNoClearTabStops(formRef);

  const sent = useMemo(() => clean(kind, values, manual), [kind, values, manual]);
  // dates typed in a form nobody can read: kept in the field and flagged here, left out of the live check
  const unreadable = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of def.fields) {
      const v = sent[f.key];
      if (f.type === 'date' && typeof v === 'string' && !isIsoDate(v)) m.set(f.key, `“${v}”不是有效日期（可写作 ${DATE_FORMS_TEXT}）`);
    }
    return m;
  }, [def, sent]);
  const checked = useMemo(() => (unreadable.size ? Object.fromEntries(Object.entries(sent).filter(([k]) => !unreadable.has(k))) : sent), [sent, unreadable]);
  const dirty = JSON.stringify(sent) !== JSON.stringify(clean(kind, initial.values, initial.manual));
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // keep the typing as a draft (only when there is something unsaved)
  useEffect(() => {
    if (!dirty) return;
    const t = setTimeout(() => saveDraft(kind, draftId, values, manual), 400);
    return () => clearTimeout(t);
  }, [dirty, kind, draftId, values, manual]);

  // live checking, debounced
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    const t = setTimeout(
      () => {
        void invoke('ledger.preview', { kind, values: checked }).then((r) => {
          if (n !== seq.current) return;
          if (r.ok) setPreview(r.data);
        });
      },
      preview ? 250 : 0,
    );
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-check only when the values change
  }, [kind, checked]);

  // the next 案号 in the ledger's numbering, for the year of the case's date (a new record only); a number
  // the form filled in itself follows the date's year until the clerk changes it
  const caseField = def.fields.find((f) => f.key === 'caseNo' && f.unique);
  const primary = values[def.primaryDate];
  const caseDate = typeof primary === 'string' && isIsoDate(primary) ? primary : undefined;
  const [nextNo, setNextNo] = useState<string | null>(null);
  const offered = useRef<string | null>(null);
  useEffect(() => {
    if (!caseField || record) return;
    let live = true;
    void invoke('ledger.nextCaseNo', { kind, ...(caseDate ? { date: caseDate } : {}) }).then((r) => {
      if (!live || !r.ok) return;
      const before = offered.current;
      offered.current = r.data.caseNo;
      setNextNo(r.data.caseNo);
      if (before && r.data.caseNo) setValues((v) => (v.caseNo === before ? { ...v, caseNo: r.data.caseNo } : v));
    });
    return () => {
      live = false;
    };
  }, [caseField, record, kind, caseDate]);

  const issueOf = useMemo(() => {
    const m = new Map<string, string>(unreadable);
    for (const i of preview?.issues ?? []) if (!m.has(i.field)) m.set(i.field, i.message);
    return m;
  }, [preview, unreadable]);
  const fieldKeys = useMemo(() => new Set(def.fields.map((f) => f.key)), [def]);
  const otherIssues = (preview?.issues ?? []).filter((i) => !fieldKeys.has(i.field));

  const set = useCallback((key: string, v: Value, isSuggested: boolean) => {
    setValues((s) => ({ ...s, [key]: v }));
    setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
    if (isSuggested) setManual((m) => (empty(v) ? m.filter((k) => k !== key) : m.includes(key) ? m : [...m, key]));
  }, []);

  const resetAuto = (key: string) => {
    setManual((m) => m.filter((k) => k !== key));
    setValues((s) => ({ ...s, [key]: null }));
  };

  const save = useCallback(
    async (again: boolean, version?: number) => {
      if (saving) return;
      if (unreadable.size) {
        setShowAll(true);
        setError(`以下日期无法识别，请改正后再保存：${[...unreadable].map(([k, m]) => `${def.fields.find((f) => f.key === k)!.label}${m}`).join('；')}`);
        return;
      }
      setSaving(true);
      setError(null);
      try {
        const r = base
          ? await invoke('ledger.update', { kind, id: base.id, version: version ?? base.version, values: sent })
          : await invoke('ledger.create', { kind, values: sent });
        if (r.ok) {
          dropDraft(kind, draftId);
          setStale(null);
          onSaved(r.data, again);
          return;
        }
        const details = r.error.details as { issues?: { field: string; message: string }[]; current?: RecordView; yours?: Row } | undefined;
        if (r.error.code === 'STALE' && details?.current) {
          setStale({ current: details.current, yours: details.yours ?? sent, message: r.error.message });
        } else {
          if (details?.issues) setPreview((p) => ({ values: p?.values ?? {}, warnings: p?.warnings ?? [], issues: details.issues! }));
          setShowAll(true);
          setError(r.error.message);
        }
      } finally {
        setSaving(false);
      }
    },
    [saving, unreadable, def, base, kind, sent, draftId, onSaved],
  );

  // Ctrl+S saves
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const restoreDraft = () => {
    if (!draft) return;
    setValues(draft.values);
    setManual(draft.manual);
    setTouched(new Set(Object.keys(draft.values)));
    setDraft(null);
  };
  const discardDraft = () => {
    dropDraft(kind, draftId);
    setDraft(null);
  };

  const derivedText = (f: FieldDef) => showValue(f, preview?.values[f.key] ?? (base ? base.values[f.key] : null));

  const renderField = (f: FieldDef, first: boolean) => {
    const issue = issueOf.get(f.key);
    const shown = issue && (showAll || touched.has(f.key)) ? issue : undefined;
    const wide = f.type === 'longtext' || f.type === 'multiEnum';
    let input;
    let extra: React.ReactNode = f.help;
    if (f.derived === 'always') {
      input = (
        <div
          className="derived-value"
          data-testid={`derived-${f.key}`}
          style={{ padding: '4px 11px', background: '#f5f7fa', border: '1px solid #e5e7eb', borderRadius: 4, minHeight: 32 }}
        >
          {derivedText(f)}
        </div>
      );
      extra = <>自动计算。{f.help}</>;
    } else if (f.derived === 'suggested') {
      const isManual = manual.includes(f.key);
      const auto = derivedText(f);
      const known = auto !== '—';
      input = (
        <FieldInput
          field={f}
          value={isManual ? values[f.key] : null}
          onChange={(v) => set(f.key, v, true)}
          placeholder={isManual ? undefined : known ? `自动：${auto}` : '自动计算'}
        />
      );
      extra = isManual ? (
        <span>
          已手工改定。
          <a onClick={() => resetAuto(f.key)}>恢复自动计算</a>
        </span>
      ) : (
        <span data-testid={`derived-${f.key}`}>
          {known ? `自动计算：${auto}。` : ''}
          {f.help}
        </span>
      );
    } else {
      input = (
        <FieldInput
          field={f}
          kind={kind}
          suggestion={f === caseField && !record ? nextNo : undefined}
          value={values[f.key]}
          onChange={(v) => set(f.key, v, false)}
          autoFocus={first && !record}
        />
      );
      // a default the declaration fills in on saving (涉企 from 申请人类型, 文件状态 有效), shown as it changes
      const auto = empty(values[f.key]) ? def.defaults?.(values)[f.key] : undefined;
      if (auto !== undefined && auto !== null) {
        extra = (
          <span data-testid={`derived-${f.key}`}>
            未填时自动为：{showValue(f, auto)}。{f.help}
          </span>
        );
      }
    }
    return (
      <Col span={wide ? 24 : 12} key={f.key}>
        <Form.Item
          label={f.label}
          required={f.required}
          validateStatus={shown ? 'error' : undefined}
          help={shown}
          extra={extra}
          data-testid={`field-${f.key}`}
          htmlFor={`field-input-${f.key}`}
          style={{ marginBottom: 12 }}
        >
          {input}
        </Form.Item>
      </Col>
    );
  };

  const staleRows = stale
    ? def.fields
        .filter((f) => JSON.stringify(stale.current.values[f.key] ?? null) !== JSON.stringify(stale.yours[f.key] ?? null))
        .map((f) => ({ key: f.key, label: f.label, yours: showValue(f, stale.yours[f.key]), theirs: showValue(f, stale.current.values[f.key]) }))
    : [];

  return (
    <div className="record-form" data-testid="record-form" data-keyboard-form ref={formRef}>
      {draft ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="draft-offer"
          title={`发现 ${timeText(draft.at)} 未保存的草稿`}
          description="上次填写的内容尚未保存（可能因关闭或意外退出）。"
          action={
            <Space orientation="vertical" size={4}>
              <Button size="small" type="primary" onClick={restoreDraft}>
                恢复草稿
              </Button>
              <Button size="small" onClick={discardDraft}>
                丢弃
              </Button>
            </Space>
          }
        />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="未能保存"
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{error}</div>}
          data-testid="save-error"
        />
      ) : null}
      {otherIssues.length && showAll ? <Alert type="error" style={{ marginBottom: 12 }} title={otherIssues.map((i) => i.message).join('；')} /> : null}
      {preview?.warnings.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={preview.warnings.join('；')} data-testid="preview-warnings" />
      ) : null}
      <Form layout="vertical" size="middle" component="div" requiredMark>
        {SECTIONS.map((s) => {
          const fs = def.fields.filter((f) => f.section === s);
          if (!fs.length) return null;
          return (
            <div key={s} style={{ marginBottom: 4 }}>
              <Typography.Title level={5} style={{ margin: '4px 0 10px', paddingLeft: 8, borderLeft: '3px solid #1f4e8c', fontSize: 15 }}>
                {s}
              </Typography.Title>
              <Grid gutter={16}>{fs.map((f, i) => renderField(f, s === '基本信息' && i === 0))}</Grid>
            </div>
          );
        })}
      </Form>
      <div
        style={{
          position: 'sticky',
          bottom: -24,
          background: '#fff',
          borderTop: '1px solid #eee',
          padding: '10px 0 12px',
          marginBottom: -24,
          display: 'flex',
          gap: 8,
          alignItems: 'center',
        }}
      >
        {issueOf.size && (showAll || touched.size) ? (
          <Typography.Text type="danger" data-testid="issue-count">
            还有 {issueOf.size} 处需要修改
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{dirty ? '有未保存的修改（草稿已自动保留）' : '带 * 的为必填项'}</Typography.Text>
        )}
        {preview?.warnings.length ? (
          // the warnings' alert sits at the top of the form, out of view when the clerk has scrolled down to save
          <Typography.Link
            type="warning"
            data-testid="footer-warnings"
            title={preview.warnings.join('；')}
            onClick={() => formRef.current?.querySelector('[data-testid="preview-warnings"]')?.scrollIntoView({ block: 'nearest' })}
          >
            {preview.warnings.length} 条提示（不影响保存）
          </Typography.Link>
        ) : null}
        <div style={{ flex: 1 }} />
        <Button onClick={onCancel}>取消</Button>
        {!base ? (
          <Button onClick={() => void save(true)} loading={saving} disabled={readOnly} data-testid="save-and-new">
            保存并继续新增
          </Button>
        ) : null}
        <Button type="primary" onClick={() => void save(false)} loading={saving} disabled={readOnly} data-testid="save-record" data-keyboard-save>
          保存（Ctrl+S）
        </Button>
      </div>
      <Modal
        open={!!stale}
        width={760}
        title="该记录已被他人修改"
        onCancel={() => setStale(null)}
        data-testid="stale-dialog"
        footer={[
          <Button key="cancel" onClick={() => setStale(null)}>
            返回继续编辑
          </Button>,
          <Button
            key="theirs"
            onClick={() => {
              const cur = stale!.current;
              dropDraft(kind, draftId);
              setStale(null);
              setBase(cur);
              onSaved(cur, false);
            }}
            data-testid="stale-take-theirs"
          >
            放弃我的修改，采用当前版本
          </Button>,
          <Button
            key="mine"
            type="primary"
            danger
            onClick={() => {
              const cur = stale!.current;
              setBase(cur);
              void save(false, cur.version);
            }}
            data-testid="stale-keep-mine"
          >
            以我的修改覆盖当前版本
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">{stale?.message}</Typography.Paragraph>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="key"
          dataSource={staleRows}
          scroll={{ y: 360 }}
          locale={{ emptyText: '两个版本内容相同' }}
          columns={[
            { key: 'label', title: '字段', dataIndex: 'label', width: 140 },
            { key: 'yours', title: '我的修改', dataIndex: 'yours', render: (v: string) => <Tag color="blue">{v}</Tag> },
            {
              key: 'theirs',
              title: `当前版本（第 ${stale?.current.version ?? ''} 版，${stale ? timeText(stale.current.updatedAt) : ''}）`,
              dataIndex: 'theirs',
              render: (v: string) => <Tag color="orange">{v}</Tag>,
            },
          ]}
        />
      </Modal>
    </div>
  );
}
