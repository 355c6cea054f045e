// Shared page furniture: a titled card, and the Chinese loading / error / empty states.
import { Alert, Card, Empty, Spin } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export function PageTitle({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
      <h2 style={{ margin: 0, fontSize: 18, fontWeight: 600 }}>{title}</h2>
      {children}
      <div style={{ flex: 1 }} />
      {extra}
    </div>
  );
}

export function Section({
  title,
  extra,
  children,
  style,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginBottom: 12, ...style }} data-testid={testId}>
      {children}
    </Card>
  );
}

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <div style={{ padding: 32, textAlign: 'center' }} data-testid="loading">
      <Spin />
      <div style={{ marginTop: 8, color: '#888' }}>{text}</div>
    </div>
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={message}
      action={onRetry ? <a onClick={onRetry}>重试</a> : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}

export function Nothing({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}

/** loading → spinner; error → message; else the children */
export function Loaded({
  loading,
  error,
  hasData,
  onRetry,
  children,
}: {
  loading: boolean;
  error: string | null;
  hasData: boolean;
  onRetry?: () => void;
  children: ReactNode;
}) {
  if (error) return <LoadError message={error} onRetry={onRetry} />;
  if (!hasData && loading) return <Loading />;
  return <Spin spinning={loading}>{children}</Spin>;
}
