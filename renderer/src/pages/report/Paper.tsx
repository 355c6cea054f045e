// The report's text on a page-like sheet, shared by the 年度报告 page and the template editor's live preview.
import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import { recipientLine, type FilledBlock } from '../../../../electron/domain/report';

const BLOCK_STYLE: Record<FilledBlock['kind'], CSSProperties> = {
  h1: { fontFamily: '"SimHei", "Noto Sans CJK SC", sans-serif', textIndent: '2em', margin: '0.6em 0 0' },
  h2: { fontFamily: '"KaiTi", "AR PL UKai CN", serif', textIndent: '2em', margin: '0.4em 0 0' },
  h3: { textIndent: '2em', fontWeight: 600, margin: '0.3em 0 0' },
  p: { textIndent: '2em', margin: 0 },
};

/** The text of the report on a page-like sheet: close to the Word output in order and emphasis, not in pagination. */
export function Paper({
  title,
  recipient,
  blocks,
  signer,
  date,
  unknownKeys,
  testId,
}: {
  title: string;
  recipient: string;
  blocks: FilledBlock[];
  signer: string;
  date: string;
  unknownKeys: string[];
  testId?: string;
}) {
  return (
    <div
      data-testid={testId ?? 'report-paper'}
      style={{
        background: '#fff',
        border: '1px solid #e5e5e5',
        boxShadow: '0 1px 4px rgba(0,0,0,0.06)',
        padding: '40px 48px',
        maxHeight: 'calc(100vh - 220px)',
        overflowY: 'auto',
        fontFamily: '"FangSong", "FangSong_GB2312", "Noto Serif CJK SC", serif',
        fontSize: 16,
        lineHeight: 1.9,
        color: '#222',
      }}
    >
      {unknownKeys.length ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`模板中有未知的占位符：${unknownKeys.join('、')}`} /> : null}
      <div
        style={{
          textAlign: 'center',
          fontSize: 22,
          fontFamily: '"SimSun", "Noto Serif CJK SC", serif',
          fontWeight: 600,
          lineHeight: 1.6,
          margin: '0 0 24px',
          whiteSpace: 'pre-line',
        }}
      >
        {title}
      </div>
      {recipientLine(recipient) ? <p style={{ margin: 0 }}>{recipientLine(recipient)}</p> : null}
      {blocks.map((b, i) => (
        <p key={i} style={b.todo ? { ...BLOCK_STYLE.p, background: '#fff566' } : BLOCK_STYLE[b.kind]} data-todo={b.todo ? '' : undefined}>
          {b.text}
        </p>
      ))}
      <div style={{ textAlign: 'right', marginTop: 32, paddingRight: '4em' }}>
        <div>{signer}</div>
        <div>{date}</div>
      </div>
    </div>
  );
}
