// 关于与帮助: the version, the data file, and the program's log (data folder/logs/法治台账.log), where errors
// that reached 内部错误 are recorded with their technical details but without what the user typed. In the
// desktop window the log opens in the system's viewer (main process, IPC `log.open`); in browser mode, and in
// both as a quick look, its newest lines are shown here.
import { App, Button, Descriptions, Empty, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiOutput } from '../../../electron/domain/api';
import { call, transport } from '../api';

type Info = ApiOutput<'app.info'>;
type Log = ApiOutput<'app.log'>;

interface Entry {
  time: string;
  title: string;
  /** the API method (Latin letters, shown as data) */
  method?: string;
  detail: string;
}

/** One log line as a reader sees it: when, what kind of entry and where, the message. */
function entryOf(line: string): Entry {
  try {
    const e = JSON.parse(line) as {
      time?: string;
      kind?: string;
      method?: string;
      error?: { name?: string; message?: string };
      removed?: string[];
      dir?: string;
      stack?: string;
    };
    const time = e.time ? new Date(e.time).toLocaleString('zh-CN', { hour12: false }) : '';
    if (e.kind === '内部错误')
      return { time, title: '内部错误', method: e.method ?? '', detail: e.stack ?? `${e.error?.name ?? ''}: ${e.error?.message ?? ''}` };
    if (e.kind === '清理临时文件') return { time, title: '清理临时文件', detail: `${e.dir ?? ''}：${(e.removed ?? []).join('、')}` };
    return { time, title: e.kind ?? '记录', detail: line };
  } catch {
    return { time: '', title: '无法识别的行', detail: line };
  }
}

export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [info, setInfo] = useState<Info | null>(null);
  const [log, setLog] = useState<Log | null>(null);
  const [showLines, setShowLines] = useState(false);

  useEffect(() => {
    if (!open) return;
    call('app.info', {}).then(setInfo, (e: Error) => message.error(e.message));
    call('app.log', { lines: 100 }).then(setLog, (e: Error) => message.error(e.message));
  }, [open, message]);

  const openFile = async () => {
    const r = await window.api?.openLog();
    if (r && 'error' in r) message.error(r.error);
  };

  const close = () => {
    setShowLines(false);
    onClose();
  };

  const entries = (log?.lines ?? []).map(entryOf).reverse();
  return (
    <Modal
      open={open}
      onCancel={close}
      title="关于法治台账"
      width={showLines ? 900 : 620}
      footer={<Button onClick={close}>关闭</Button>}
      data-testid="about-dialog"
    >
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="版本">{info ? `${info.version}（数据结构第 ${info.schemaVersion} 版）` : '…'}</Descriptions.Item>
        <Descriptions.Item label="数据文件">
          <Typography.Text copyable data-raw>
            {info?.dataFile ?? '…'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="日志文件">
          {log ? (
            <Typography.Text copyable data-raw data-testid="log-path">
              {log.file}
            </Typography.Text>
          ) : (
            '…'
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        出现“内部错误”时，程序把出错的功能和技术细节记入日志文件（不记录您填写的内容），日志满 1MB 后换新文件，保留最近 5 个。
        需要技术支持时，请把日志文件发给维护人员。
      </Typography.Paragraph>
      <Space>
        {transport === 'electron' ? (
          <Button type="primary" onClick={() => void openFile()} disabled={!log?.exists} data-testid="open-log">
            打开日志文件
          </Button>
        ) : null}
        <Button onClick={() => setShowLines((v) => !v)} data-testid="show-log">
          {showLines ? '收起日志' : '查看最近的日志'}
        </Button>
      </Space>
      {showLines ? (
        <div style={{ marginTop: 12, maxHeight: 360, overflow: 'auto', border: '1px solid #e5e7eb', borderRadius: 4, padding: 8 }} data-testid="log-lines">
          {entries.length ? (
            entries.map((e, i) => (
              <div key={i} style={{ paddingBlock: 6, borderBottom: i < entries.length - 1 ? '1px solid #f0f0f0' : undefined }}>
                <Typography.Text strong>{e.title}</Typography.Text>
                {e.method ? (
                  <Typography.Text code data-raw style={{ marginInlineStart: 8 }}>
                    {e.method}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {e.time}
                </Typography.Text>
                <pre data-raw style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                  {e.detail}
                </pre>
              </div>
            ))
          ) : (
            <Empty description="日志是空的：程序还没有记录过错误" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </div>
      ) : null}
    </Modal>
  );
}
