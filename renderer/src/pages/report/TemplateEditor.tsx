// 编辑模板: the report template edited section by section. The tree lists the headings of the draft; choosing one
// edits that heading and its paragraphs (down to the next heading), 全文 edits everything. Placeholders are
// picked from a list that shows each key's value for the year, a selection can be made a conditional block, the
// problems of the draft are listed with their line, and the preview beside it is the draft filled with the
// year's figures. Saving adds a version; history shows every version, any of which can be loaded back; 恢复内置模板
// adds a version that follows the built-in template. An unsaved draft survives leaving the page (localStorage).
import { HistoryOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Drawer, Input, Modal, Popconfirm, Popover, Row, Segmented, Space, Table, Tag, Tree, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TemplateVersionInfo } from '../../../../electron/domain/api';
import { METRIC_BY_KEY } from '../../../../electron/domain/metrics';
import { checkTemplate } from '../../../../electron/domain/report';
import { call } from '../../api';
import { Loaded, Section } from '../../components/Page';
import { useApp } from '../../context';
import { useAction, useApi } from '../../hooks';
import { Paper } from './Paper';

const DRAFT_KEY = 'report.templateDraft';

interface Draft {
  base: number | null;
  text: string;
}

interface Heading {
  /** index among the sections, 0 is 全文 */
  key: string;
  line: number;
  level: number;
  title: string;
}

/** The headings of a template, in order, with the line each starts on. */
function headingsOf(text: string): Heading[] {
  const out: Heading[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^\s*(#{1,3})\s+(.*)$/.exec(l);
    if (m) out.push({ key: `h${i}`, line: i, level: m[1].length, title: m[2].trim() || '（无标题）' });
  });
  return out;
}

type TreeNode = { key: string; title: string; children: TreeNode[] };

function treeOf(headings: Heading[]): TreeNode[] {
  const root: TreeNode = { key: 'all', title: '全文', children: [] };
  const stack: { level: number; node: TreeNode }[] = [{ level: 0, node: root }];
  for (const h of headings) {
    while (stack.length > 1 && stack[stack.length - 1].level >= h.level) stack.pop();
    const node: TreeNode = { key: h.key, title: h.title, children: [] };
    stack[stack.length - 1].node.children.push(node);
    stack.push({ level: h.level, node });
  }
  return [root];
}

/** The line range a tree key edits: a heading and its own paragraphs, or everything. */
function rangeOf(text: string, key: string): { start: number; count: number } {
  const lines = text.split('\n');
  if (key === 'all') return { start: 0, count: lines.length };
  const hs = headingsOf(text);
  const i = hs.findIndex((h) => h.key === key);
  if (i < 0) return { start: 0, count: lines.length };
  const end = i + 1 < hs.length ? hs[i + 1].line : lines.length;
  return { start: hs[i].line, count: end - hs[i].line };
}

function readDraft(): Draft | null {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as Draft | null;
    return d && typeof d.text === 'string' ? d : null;
  } catch {
    return null;
  }
}

type TemplateData = NonNullable<ReturnType<typeof useApi<'report.template'>>['data']>;

export default function TemplateEditor() {
  const tpl = useApi('report.template', {});
  return (
    <div data-testid="template-editor">
      <Loaded loading={tpl.loading} error={tpl.error} hasData={!!tpl.data} onRetry={tpl.reload}>
        {tpl.data ? <Editor data={tpl.data} reload={tpl.reload} /> : null}
      </Loaded>
    </div>
  );
}

/** The draft starts from the one left unsaved (if it was based on the version in use) or from the saved template. */
function initialDraft(data: TemplateData): Draft {
  const left = readDraft();
  if (left && left.base === data.version && left.text !== data.template) return left;
  if (left) localStorage.removeItem(DRAFT_KEY);
  return { base: data.version, text: data.template };
}

function Editor({ data, reload }: { data: TemplateData; reload: () => void }) {
  const { year } = useApp();
  const { message } = App.useApp();
  const keys = useApi('report.keys', { year });
  const { busy, run } = useAction<'save' | 'reset' | 'load'>();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(data));
  const [selected, setSelected] = useState('all');
  const [range, setRange] = useState(() => ({ start: 0, count: draft.text.split('\n').length }));
  const [local, setLocal] = useState(draft.text);
  const [note, setNote] = useState('');
  const [historyOpen, setHistoryOpen] = useState(false);
  const [viewing, setViewing] = useState<{ version: number; text: string } | null>(null);
  const [pane, setPane] = useState<'preview' | 'keys'>('preview');
  const area = useRef<TextAreaRef>(null);

  const saved = { base: data.version, text: data.template };

  const text = draft.text;
  const dirty = draft.text !== saved.text;
  // kept at once (not after a pause): leaving the page right after typing must not lose the last keys
  useEffect(() => {
    if (dirty) localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    else localStorage.removeItem(DRAFT_KEY);
  }, [draft, dirty]);

  // the preview follows the draft after a pause in typing
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    const t = window.setTimeout(() => setShown(draft.text), 400);
    return () => window.clearTimeout(t);
  }, [draft]);
  const preview = useApi('report.preview', shown === null ? null : { year, variant: 'formal', template: shown });

  const headings = useMemo(() => headingsOf(text), [text]);
  const values = useMemo(() => new Map((keys.data?.keys ?? []).map((k) => [k.key, k.text])), [keys.data]);
  // headings read as they will print: {{年度}} shown as 2025
  const tree = useMemo(
    () => treeOf(headings.map((h) => ({ ...h, title: h.title.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (m, k: string) => values.get(k) ?? m) }))),
    [headings, values],
  );
  const known = useMemo(() => new Set(values.keys()), [values]);
  const problems = useMemo(() => (keys.data ? checkTemplate(text, (k) => known.has(k)) : []), [text, known, keys.data]);

  const select = (key: string) => {
    const r = rangeOf(text, key);
    setSelected(key);
    setRange(r);
    setLocal(
      text
        .split('\n')
        .slice(r.start, r.start + r.count)
        .join('\n'),
    );
  };

  const edit = (v: string) => {
    const lines = draft.text.split('\n');
    lines.splice(range.start, range.count, ...v.split('\n'));
    setLocal(v);
    setRange({ start: range.start, count: v.split('\n').length });
    setDraft({ ...draft, text: lines.join('\n') });
  };

  const load = (t: Draft) => {
    setDraft(t);
    setSelected('all');
    setRange({ start: 0, count: t.text.split('\n').length });
    setLocal(t.text);
  };

  /** Put text at the cursor (or around the selection) of the section being edited. */
  const insert = (before: string, after = '') => {
    const el = area.current?.resizableTextArea?.textArea;
    const from = el?.selectionStart ?? local.length;
    const to = el?.selectionEnd ?? local.length;
    const v = local.slice(0, from) + before + local.slice(from, to) + after + local.slice(to);
    edit(v);
    const caret = to + before.length + after.length;
    window.requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  const save = () =>
    run(async () => {
      const r = await call('report.saveTemplate', { year, text: draft.text, note: note.trim() || undefined, base: draft.base });
      localStorage.removeItem(DRAFT_KEY);
      setNote('');
      if (r.saved) message.success(`已保存为第 ${r.version} 版`);
      else message.info('模板没有改动，未产生新版本');
      setDraft({ base: r.version, text: draft.text });
      reload();
    }, 'save');

  const reset = () =>
    run(async () => {
      const r = await call('report.saveTemplate', { year, text: null, note: '恢复内置模板', base: draft.base });
      localStorage.removeItem(DRAFT_KEY);
      if (r.saved) message.success(`已恢复内置模板（第 ${r.version} 版），原模板保留在历史版本中`);
      load({ base: r.version, text: data.builtIn });
      reload();
    }, 'reset');

  const loadVersion = (v: number) =>
    run(async () => {
      const r = await call('report.templateVersion', { version: v });
      load({ base: draft.base, text: r.text });
      setNote(`恢复第 ${v} 版`);
      setViewing(null);
      setHistoryOpen(false);
      message.info(`已载入第 ${v} 版，保存后成为新版本`);
    }, 'load');

  const view = (v: number) => run(async () => setViewing(await call('report.templateVersion', { version: v })), 'load');

  const lineOf = (n: number) => {
    const h = [...headings].reverse().find((x) => x.line < n);
    return h ? `（${h.title}）` : '';
  };

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} xl={5}>
          <Section title="章节" testId="template-tree">
            <Tree
              blockNode
              defaultExpandAll
              key={headings.length}
              treeData={tree}
              selectedKeys={[selected]}
              onSelect={(k) => k[0] !== undefined && select(String(k[0]))}
              style={{ maxHeight: 'calc(100vh - 260px)', overflowY: 'auto' }}
            />
          </Section>
        </Col>
        <Col xs={24} xl={10}>
          <Section
            title={
              <Space size={6}>
                <span>{selected === 'all' ? '全文' : (headings.find((h) => h.key === selected)?.title ?? '全文')}</span>
                {dirty ? (
                  <Tag color="orange" data-testid="template-dirty">
                    未保存
                  </Tag>
                ) : null}
              </Space>
            }
            extra={<Typography.Text type="secondary">{draft.base ? `在用：第 ${draft.base} 版` : '在用：内置模板'}</Typography.Text>}
            testId="template-section"
          >
            <Space wrap size={6} style={{ marginBottom: 8 }}>
              <Button size="small" onClick={() => setPane('keys')}>
                插入占位符…
              </Button>
              <Button size="small" onClick={() => insert('[[', ']]')} data-testid="template-block">
                选中文字设为条件块
              </Button>
              <Button size="small" onClick={() => insert('## ')}>
                插入标题
              </Button>
              <Popover content={<SyntaxHelp />} trigger="click" placement="bottom">
                <Button size="small" type="link">
                  写法说明
                </Button>
              </Popover>
            </Space>
            <Input.TextArea
              ref={area}
              value={local}
              onChange={(e) => edit(e.target.value)}
              spellCheck={false}
              style={{ fontSize: 14, lineHeight: 1.7, height: 'max(240px, calc(100vh - 390px))', resize: 'vertical' }}
              data-testid="template-text"
              aria-label="模板文字"
            />
            {problems.length ? (
              <Alert
                style={{ marginTop: 8 }}
                type="error"
                showIcon
                data-testid="template-problems"
                title={`有 ${problems.length} 处问题，改正后才能保存`}
                description={
                  <div style={{ maxHeight: 120, overflowY: 'auto' }}>
                    {problems.map((p, i) => (
                      <div key={i}>
                        第 {p.line} 行{lineOf(p.line - 1)}：{p.message}
                      </div>
                    ))}
                  </div>
                }
              />
            ) : null}
            <Space wrap style={{ marginTop: 10 }}>
              <Input
                placeholder="本次修改说明（可不填）"
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={200}
                style={{ width: 220 }}
                data-testid="template-note"
              />
              <Button
                type="primary"
                icon={<SaveOutlined />}
                disabled={!dirty || problems.length > 0}
                loading={busy === 'save'}
                onClick={() => void save()}
                data-testid="template-save"
              >
                保存为新版本
              </Button>
              <Button disabled={!dirty} onClick={() => load(saved)} data-testid="template-discard">
                放弃修改
              </Button>
              <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="template-history-open">
                历史版本（{data.history.length}）
              </Button>
              <Popconfirm
                title="恢复为内置模板？"
                description="当前模板仍保留在历史版本中，可随时载入。"
                okText="恢复"
                cancelText="取消"
                onConfirm={() => void reset()}
                disabled={!data.history.length || data.history[0].builtIn}
              >
                <Button
                  icon={<RollbackOutlined />}
                  disabled={!data.history.length || data.history[0].builtIn}
                  loading={busy === 'reset'}
                  data-testid="template-reset"
                >
                  恢复内置模板
                </Button>
              </Popconfirm>
            </Space>
          </Section>
        </Col>
        <Col xs={24} xl={9}>
          <Section
            title={
              <Segmented
                size="small"
                value={pane}
                onChange={(v) => setPane(v as 'preview' | 'keys')}
                options={[
                  { value: 'preview', label: '预览' },
                  { value: 'keys', label: '占位符' },
                ]}
                data-testid="template-pane"
              />
            }
            extra={<Typography.Text type="secondary">{year}年度的数值</Typography.Text>}
            testId="template-side"
          >
            {pane === 'preview' ? (
              <Loaded loading={preview.loading} error={preview.error} hasData={!!preview.data} onRetry={preview.reload}>
                {preview.data ? <Paper {...preview.data} /> : null}
              </Loaded>
            ) : (
              <KeyPicker
                keys={keys.data?.keys ?? []}
                loading={keys.loading}
                onPick={(k, conditional) => (conditional ? insert('[[', `{{${k}}}${unitOf(k)}，]]`) : insert(`{{${k}}}`))}
              />
            )}
          </Section>
        </Col>
      </Row>
      <Drawer title="模板历史版本" open={historyOpen} onClose={() => setHistoryOpen(false)} size={720} data-testid="template-history">
        <Table<TemplateVersionInfo>
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={data.history ?? []}
          locale={{ emptyText: '尚未保存过模板，正在使用内置模板' }}
          columns={[
            {
              title: '版本',
              dataIndex: 'version',
              width: 90,
              render: (v: number, r) => (
                <Space size={4}>
                  第 {v} 版{r.version === data.version ? <Tag color="blue">在用</Tag> : null}
                </Space>
              ),
            },
            { title: '保存时间', dataIndex: 'savedAt', width: 140, render: (v: string) => v.slice(0, 16).replace('T', ' ') },
            { title: '保存人', dataIndex: 'savedBy', width: 80, render: (v: string) => <span data-raw>{v}</span> },
            {
              title: '说明',
              dataIndex: 'note',
              render: (v: string, r) => (r.builtIn ? <Tag>内置模板</Tag> : v || <Typography.Text type="secondary">—</Typography.Text>),
            },
            {
              title: '操作',
              width: 110,
              render: (_: unknown, r) => (
                <Space size={8}>
                  <a onClick={() => void view(r.version)}>查看</a>
                  <a onClick={() => void loadVersion(r.version)}>载入编辑</a>
                </Space>
              ),
            },
          ]}
        />
      </Drawer>
      <Modal
        title={viewing ? `第 ${viewing.version} 版` : ''}
        open={!!viewing}
        onCancel={() => setViewing(null)}
        width={760}
        footer={
          <Space>
            <Button onClick={() => setViewing(null)}>关闭</Button>
            <Button type="primary" onClick={() => viewing && void loadVersion(viewing.version)}>
              载入编辑
            </Button>
          </Space>
        }
      >
        <pre style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflowY: 'auto', fontFamily: 'inherit', margin: 0 }}>{viewing?.text}</pre>
      </Modal>
    </>
  );
}

const GROUP_LABEL: Record<string, string> = { 上年: '上年数', 同比: '同比', 指标: '年度指标', 素材: '报告素材', 分布: '分布（列举）' };

function groupOf(key: string): string {
  const i = key.indexOf('.');
  if (i < 0) return '基本信息';
  const head = key.slice(0, i);
  return GROUP_LABEL[head] ?? head;
}

/** Keys whose value is a figure: a sentence around one should be a conditional block. */
function isFigureKey(key: string): boolean {
  return /^(上年\.|分布\.|指标\.)/.test(key) || METRIC_BY_KEY.has(key);
}

/** The unit word a sentence puts after a figure (件, 条, 万元); none for rates, ratios and indicators. */
function unitOf(key: string): string {
  const m = METRIC_BY_KEY.get(key.replace(/^上年\./, ''));
  if (m) return m.unit === '%' ? '' : m.unit;
  // an indicator's unit from its name: 普法活动场次 → 场, 执法人员培训人次 → 人次, 法律顾问人数 → 人
  const name = key.replace(/^(上年\.)?指标\./, '');
  for (const [end, unit] of [
    [/万元/, '万元'],
    [/人次$/, '人次'],
    [/场次$/, '场'],
    [/次数$/, '次'],
    [/人数$/, '人'],
    [/件数$/, '件'],
    [/条数$/, '条'],
    [/个数$/, '个'],
  ] as const) {
    if (end.test(name)) return unit;
  }
  return '';
}

/**
 * Every key with its value for the year; a click inserts it at the cursor. A figure goes in as a conditional block
 * by default — `[[所选文字{{键}}件，]]`, around the words selected — so a year without it prints nothing rather
 * than "普法活动—场".
 */
export function KeyPicker({
  keys,
  loading,
  onPick,
  figures = true,
}: {
  keys: { key: string; text: string }[];
  loading: boolean;
  onPick: (key: string, conditional: boolean) => void;
  /** offer the conditional-block choice (the report's figures); the 文书 templates (CaseDocs.tsx) have none */
  figures?: boolean;
}) {
  const [conditional, setConditional] = useState(true);
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('全部');
  const groups = useMemo(() => ['全部', ...new Set(keys.map((k) => groupOf(k.key)))], [keys]);
  const rows = keys.filter((k) => (group === '全部' || groupOf(k.key) === group) && (!q || k.key.includes(q) || k.text.includes(q)));
  return (
    <div data-testid="template-keys">
      <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
        <Input.Search placeholder="查找占位符或数值" allowClear value={q} onChange={(e) => setQ(e.target.value)} data-testid="template-keys-search" />
      </Space.Compact>
      {figures ? (
        <Checkbox checked={conditional} onChange={(e) => setConditional(e.target.checked)} style={{ marginBottom: 8 }} data-testid="template-keys-conditional">
          数字以条件块插入（先选中前面的文字，无数据时整句省略）
        </Checkbox>
      ) : null}
      <div style={{ marginBottom: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {groups.map((g) => (
          <Tag.CheckableTag key={g} checked={g === group} onChange={() => setGroup(g)}>
            {g}
          </Tag.CheckableTag>
        ))}
      </div>
      <Table
        size="small"
        rowKey="key"
        loading={loading}
        pagination={false}
        dataSource={rows}
        scroll={{ y: 'calc(100vh - 380px)' }}
        onRow={(r) => ({ onClick: () => onPick(r.key, conditional && isFigureKey(r.key)), style: { cursor: 'pointer' } })}
        locale={{ emptyText: '没有匹配的占位符' }}
        columns={[
          { title: '占位符（点击插入）', dataIndex: 'key', width: '52%', render: (k: string) => <span data-raw>{k}</span> },
          {
            title: '当前值',
            dataIndex: 'text',
            ellipsis: true,
            render: (t: string) => (t ? <span data-raw>{t}</span> : <Typography.Text type="secondary">（空）</Typography.Text>),
          },
        ]}
      />
    </div>
  );
}

function SyntaxHelp() {
  const rows: [string, string][] = [
    ['# 标题', '一级标题（黑体）；## 二级标题（楷体）；### 三级标题'],
    ['{{键}}', '填入数值或文字，如 {{行政复议.收案件数}}、{{上年.行政复议.收案件数}}'],
    ['[[ … ]]', '条件块：其中的数字全为 0 或缺失时整段不出现'],
    ['{{素材.名称}}', '单独成行时填入该素材的全部段落'],
    ['!! 说明', '待填写提示：所在一级标题下没有其他内容时，以高亮段落“待填写：说明”出现，该部分不会被省略'],
    ['// 说明', '以 // 开头的行是注释，不进入报告'],
  ];
  return (
    <table style={{ borderCollapse: 'collapse', fontSize: 13 }}>
      <tbody>
        {rows.map(([a, b]) => (
          <tr key={a}>
            <td style={{ padding: '2px 12px 2px 0', whiteSpace: 'nowrap' }}>
              <code>{a}</code>
            </td>
            <td style={{ padding: '2px 0' }}>{b}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
