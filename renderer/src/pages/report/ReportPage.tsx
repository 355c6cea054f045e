// 年度报告: choose the year (header), the variant and the template; see what is not ready yet; read a preview of
// the built-in template's text; generate the .docx and save it (native dialog in Electron, download in a browser).
// A Word template uploaded here is checked first: the placeholders it uses, and any key the program does not know.
import { FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Descriptions, Radio, Row, Space, Tabs, Tag, Typography } from 'antd';
import { isIsoDate } from '../../../../electron/domain/calendar';
import { DateInput } from '../../components/DateInput';
import { ScopeSelect } from '../../components/ScopeSelect';
import { useState } from 'react';
import { call } from '../../api';
import { Loaded, PageTitle, Section } from '../../components/Page';
import { useApp } from '../../context';
import { pickFile, saveFile, type PickedFile } from '../../files';
import { useAction, useApi } from '../../hooks';
import { href, navigate, useRoute } from '../../router';
import { Paper } from './Paper';
import { PrintButton, PrintSheet } from '../../print/PrintSheet';
import TemplateEditor from './TemplateEditor';

type Variant = 'formal' | 'web';

interface WordTemplate {
  file: PickedFile;
  keys: string[];
  unknownKeys: string[];
}

export default function ReportPage() {
  const { year } = useApp();
  const route = useRoute();
  const tab = route.parts[1] === 'template' ? 'template' : 'generate';
  return (
    <div data-testid="report-page">
      <PageTitle title={`${year}年度法治政府建设情况报告`} />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'template' ? '/report/template' : '/report')}
        items={[
          { key: 'generate', label: '生成报告' },
          { key: 'template', label: '编辑模板' },
        ]}
        style={{ marginTop: -8 }}
      />
      {tab === 'template' ? <TemplateEditor /> : <Generate />}
    </div>
  );
}

function Generate() {
  const { year } = useApp();
  const { message } = App.useApp();
  const [variant, setVariant] = useState<Variant>('formal');
  // typed as the import and the entry form read dates (2026-02-05, 2026/2/5, 2026年2月5日…); unreadable text stays, marked
  const [date, setDate] = useState<string | null>(null);
  const [attachment, setAttachment] = useState(true);
  const [source, setSource] = useState<'builtin' | 'word'>('builtin');
  const [word, setWord] = useState<WordTemplate | null>(null);
  const { busy, run } = useAction<'check' | 'generate'>();
  const iso = date && isIsoDate(date) ? date : undefined;
  const readiness = useApi('report.readiness', { year });
  const tpl = useApi('report.template', {}).data;
  const inUse = tpl?.version && !tpl.history[0]?.builtIn ? `本单位修改的模板（第 ${tpl.version} 版）` : '内置模板';
  // issue 20: whose figures (全部 by default: the whole unit tree; shown once the tree has units below the own one)
  const [scope, setScope] = useState<string>('全部');
  const hasUnits = (useApi('units.list', {}).data?.units.length ?? 0) > 1;
  const preview = useApi('report.preview', { year, variant, scope, ...(iso ? { date: iso } : {}) });

  const chooseWord = () =>
    run(async () => {
      const f = await pickFile({ title: '选择 Word 报告模板', extensions: ['docx'], filterName: 'Word 文档' });
      if (!f) return;
      const r = await call('report.checkDocx', { year, content: f.content });
      setWord({ file: f, ...r });
      setSource('word');
    }, 'check');

  const badDate = !!date && !iso;
  const blocked =
    badDate || !!readiness.data?.unitMissing || (source === 'word' ? !word || word.unknownKeys.length > 0 : (preview.data?.unknownKeys.length ?? 0) > 0);
  const generate = () =>
    run(async () => {
      const r = await call('report.generate', {
        year,
        variant,
        attachment,
        scope,
        ...(iso ? { date: iso } : {}),
        ...(source === 'word' && word ? { templateDocx: word.file.content } : {}),
      });
      const where = await saveFile(r.fileName, r.content, '保存年度报告');
      if (where) message.success(`已生成：${where}`);
    }, 'generate');

  return (
    <div>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Section title="生成设置" testId="report-options">
            <Descriptions size="small" column={1} bordered styles={{ label: { width: 96 } }}>
              <Descriptions.Item label="报告年度">{year}年（在页面顶部切换）</Descriptions.Item>
              <Descriptions.Item label="版本">
                <Radio.Group value={variant} onChange={(e) => setVariant(e.target.value as Variant)} data-testid="report-variant">
                  <Radio value="formal">正式报送（含主送机关）</Radio>
                  <Radio value="web">网站公开</Radio>
                </Radio.Group>
              </Descriptions.Item>
              {hasUnits ? (
                <Descriptions.Item label="范围">
                  <ScopeSelect value={scope === '本级' ? undefined : scope} onChange={(v) => setScope(v ?? '本级')} testId="report-scope" />
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      报告中的数字按此范围计算；“全部”含已接收数据包的下级单位
                    </Typography.Text>
                  </div>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="模板">
                <Radio.Group
                  value={source}
                  onChange={(e) => (e.target.value === 'word' && !word ? void chooseWord() : setSource(e.target.value as 'builtin' | 'word'))}
                >
                  <Radio value="builtin">
                    {inUse}
                    <a href={href('/report/template')} style={{ marginLeft: 6 }} onClick={(e) => e.stopPropagation()}>
                      编辑
                    </a>
                  </Radio>
                  <Radio value="word">本单位模板</Radio>
                </Radio.Group>
                <Button size="small" icon={<UploadOutlined />} loading={busy === 'check'} onClick={() => void chooseWord()} data-testid="report-upload">
                  {word ? '重新选择' : '选择模板文件'}
                </Button>
                {word ? (
                  <div style={{ marginTop: 6 }}>
                    <Typography.Text type="secondary">
                      <span data-raw>{word.file.name}</span>：用到 {word.keys.length} 个占位符
                    </Typography.Text>
                  </div>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label="成文日期">
                <DateInput value={date} onChange={setDate} placeholder="默认为今天" aria-label="成文日期" style={{ width: 260 }} />
                {badDate ? (
                  <div>
                    <Typography.Text type="danger" data-testid="report-date-error">
                      无法识别这个日期，请改正（或清空以用今天）
                    </Typography.Text>
                  </div>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label="附件">
                <Checkbox checked={attachment} onChange={(e) => setAttachment(e.target.checked)}>
                  附各台账统计表
                </Checkbox>
              </Descriptions.Item>
            </Descriptions>
            {source === 'word' && word?.unknownKeys.length ? (
              <Alert
                style={{ marginTop: 12 }}
                type="error"
                showIcon
                data-testid="report-unknown-keys"
                title="模板中有程序不认识的占位符，请在文档中改正后重新选择"
                description={word.unknownKeys.map((k) => (
                  <Tag key={k} color="red" style={{ marginTop: 4 }}>
                    {`{{${k}}}`}
                  </Tag>
                ))}
              />
            ) : null}
            <Space style={{ marginTop: 12 }}>
              <Button
                type="primary"
                icon={<FileWordOutlined />}
                loading={busy === 'generate'}
                disabled={blocked}
                onClick={() => void generate()}
                data-testid="report-generate"
              >
                生成并保存报告
              </Button>
              <Typography.Text type="secondary">按 GB/T 9704 公文格式生成文档</Typography.Text>
              <PrintButton title="年度报告" label="打印预览" testId="print-report" />
            </Space>
          </Section>
          <Section title="准备情况" testId="report-readiness" style={{ marginTop: 16 }}>
            <Loaded loading={readiness.loading} error={readiness.error} hasData={!!readiness.data} onRetry={readiness.reload}>
              {readiness.data ? <Readiness data={readiness.data} /> : null}
            </Loaded>
          </Section>
        </Col>
        <Col xs={24} xl={14}>
          <Section title={source === 'word' ? `预览（${inUse}）` : '预览'} testId="report-preview">
            {source === 'word' ? (
              <Alert
                style={{ marginBottom: 12 }}
                type="info"
                showIcon
                title="本单位模板按其原有版式填充。下面是程序内模板的文字，供核对数字；生成后请打开文档查看。"
              />
            ) : null}
            <Loaded loading={preview.loading} error={preview.error} hasData={!!preview.data} onRetry={preview.reload}>
              {preview.data ? <Paper {...preview.data} /> : null}
              {preview.data ? (
                <PrintSheet sheet="doc">
                  <Paper {...preview.data} testId="print-report-paper" />
                </PrintSheet>
              ) : null}
            </Loaded>
          </Section>
        </Col>
      </Row>
    </div>
  );
}

type ReadinessData = NonNullable<ReturnType<typeof useApi<'report.readiness'>>['data']>;

interface ReadinessItem {
  text: string;
  /** shown on hover: what belongs there */
  title?: string;
  /** where to fix it or see its rows */
  to?: string;
}

/**
 * What is not ready, most important first: the unit name (generation is refused without it), then the sections the
 * 督察工作规定 requires that still carry a 待填写 paragraph. Counts are cases (never ledgers), taken from the same
 * figures the report prints, and each links to its rows.
 */
function Readiness({ data }: { data: ReadinessData }) {
  const rows: { label: string; ok: string; unit: string; items: ReadinessItem[]; to?: string; testId: string }[] = [
    ...(data.unitMissing
      ? [{ label: '尚未设置单位名称，不能生成报告', ok: '', unit: '', items: [{ text: '去设置单位名称', to: '/settings' }], testId: 'readiness-unit' }]
      : []),
    {
      label: '必写部分待填写',
      ok: '必写的四个部分均有内容',
      unit: '部分',
      items: data.sectionsToFill.map((s) => ({ text: s.heading.replace(/^[一二三四五六七八九十]+、/, ''), title: s.note, to: '/yeardata' })),
      to: '/yeardata',
      testId: 'readiness-sections',
    },
    {
      label: '报告素材未填写',
      ok: '报告素材均已填写',
      unit: '项',
      items: data.materialsMissing.map((m) => ({ text: m })),
      to: '/yeardata',
      testId: 'readiness-materials',
    },
    {
      label: '年度指标未填写',
      ok: '年度指标均已填写',
      unit: '项',
      items: data.indicatorsMissing.map((m) => ({ text: m })),
      to: '/yeardata',
      testId: 'readiness-indicators',
    },
    {
      label: '年末在办案件（报告中的在办数）',
      ok: '年末没有在办案件',
      unit: '件',
      items: data.openCases.map((c) => ({ text: `${c.name} ${c.count} 件`, to: href(`/ledger/${c.kind}`, c.query) })),
      testId: 'readiness-open',
    },
    {
      label: '统计表所需字段未填写',
      ok: '统计表所需字段均已填写',
      unit: '条',
      items: data.unrecorded.map((u) => ({ text: `${u.name}有 ${u.count} 条未填写“${u.label}”`, to: href(`/ledger/${u.kind}`, u.query) })),
      testId: 'readiness-unrecorded',
    },
    { label: '没有数据、将整段省略的内容', ok: '各部分均有数据', unit: '处', items: data.emptySections.map((t) => ({ text: t })), testId: 'readiness-empty' },
  ];
  const count = (r: (typeof rows)[number]) =>
    r.testId === 'readiness-open'
      ? data.openCases.reduce((s, c) => s + c.count, 0)
      : r.testId === 'readiness-unrecorded'
        ? data.unrecorded.reduce((s, u) => s + u.count, 0)
        : r.items.length;
  return (
    <div style={{ display: 'grid', gap: 10 }}>
      {data.sectionsToFill.length ? (
        <Alert
          type="warning"
          showIcon
          title={`${data.sectionsToFill.length} 个必写部分尚无内容，报告中以高亮的“待填写”段落占位`}
          description={data.sectionsToFill.map((s) => s.heading).join('\n')}
          style={{ whiteSpace: 'pre-line' }}
        />
      ) : null}
      {rows.map((r) => (
        <div key={r.label} data-testid={r.testId}>
          {r.items.length ? (
            <>
              <Typography.Text strong type={r.testId === 'readiness-unit' ? 'danger' : undefined}>
                {r.label}
                {r.unit ? `（${count(r)} ${r.unit}）` : ''}
              </Typography.Text>
              {r.to ? (
                <a href={href(r.to)} style={{ marginLeft: 8 }}>
                  去填写
                </a>
              ) : null}
              <div style={{ marginTop: 4 }}>
                {r.items.map((i) => (
                  <Tag key={i.text} color="orange" style={{ marginBottom: 4 }} title={i.title}>
                    {i.to ? <a href={i.to.startsWith('#') ? i.to : href(i.to)}>{i.text}</a> : i.text}
                  </Tag>
                ))}
              </div>
            </>
          ) : (
            <Tag color="green">{r.ok}</Tag>
          )}
        </div>
      ))}
    </div>
  );
}
