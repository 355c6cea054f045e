// A date typed as text, read as the import reads it (domain/text.ts parseDateText: 2025-03-05, 2025/3/5,
// 2025.3.5, 2025年3月5日, 20250305…): the date it reads shows at once beside the text, text it cannot read stays
// and is marked, never cleared. A calendar opens from the icon (a mouse affordance, not a Tab stop).
import { CalendarOutlined } from '@ant-design/icons';
import { Calendar, Input, Popover } from 'antd';
import dayjs from 'dayjs';
import { useState, type CSSProperties, type KeyboardEvent } from 'react';
import { DATE_FORMS_TEXT, parseDateText } from '../../../electron/domain/text';

export interface DateInputProps {
  id?: string;
  /** `YYYY-MM-DD`, or text that is not a date (kept as typed), or null */
  value: string | null | undefined;
  /** the date read from the text; unreadable text is passed on as typed, so the form can say so */
  onChange: (value: string | null) => void;
  disabled?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  style?: CSSProperties;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
}

/** what a text stands for: null when empty, the date when readable, else the text itself */
export const dateValueOf = (text: string): string | null => (text.trim() === '' ? null : (parseDateText(text) ?? text.trim()));

export function DateInput({ id, value, onChange, disabled, autoFocus, placeholder, style, onKeyDown, ...rest }: DateInputProps) {
  const [text, setText] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  // follow a value set from outside (a restored draft, a new form) unless the text already stands for it
  const [seen, setSeen] = useState(value ?? null);
  if ((value ?? null) !== seen) {
    setSeen(value ?? null);
    if (dateValueOf(text) !== (value ?? null)) setText(value ?? '');
  }
  const iso = text.trim() === '' ? null : parseDateText(text);
  const unreadable = text.trim() !== '' && !iso;
  const change = (t: string) => {
    setText(t);
    onChange(dateValueOf(t));
  };
  return (
    <Input
      id={id}
      aria-label={rest['aria-label']}
      style={style}
      disabled={disabled}
      autoFocus={autoFocus}
      autoComplete="off"
      placeholder={placeholder ?? '如 2025-03-05、2025/3/5'}
      title={`可写作 ${DATE_FORMS_TEXT}`}
      value={text}
      status={unreadable ? 'error' : undefined}
      onChange={(e) => change(e.target.value)}
      onBlur={() => {
        if (iso && iso !== text) setText(iso);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && iso && iso !== text) setText(iso);
        onKeyDown?.(e);
      }}
      suffix={
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          {iso && iso !== text.trim() ? (
            <span className="date-parsed" data-testid="date-parsed" style={{ color: '#1f7a3a', fontSize: 12 }}>
              {iso}
            </span>
          ) : null}
          {unreadable ? (
            <span className="date-unreadable" data-testid="date-unreadable" style={{ color: '#cf1322', fontSize: 12 }}>
              无法识别
            </span>
          ) : null}
          <Popover
            open={open && !disabled}
            onOpenChange={setOpen}
            trigger="click"
            placement="bottomRight"
            destroyOnHidden
            content={
              <div style={{ width: 280 }}>
                <Calendar
                  fullscreen={false}
                  value={iso ? dayjs(iso) : undefined}
                  onSelect={(d, info) => {
                    if (info.source !== 'date') return;
                    change(d.format('YYYY-MM-DD'));
                    setOpen(false);
                  }}
                />
              </div>
            }
          >
            <CalendarOutlined aria-label="选择日期" role="button" style={{ cursor: 'pointer', color: 'rgba(0,0,0,0.45)' }} />
          </Popover>
        </span>
      }
    />
  );
}
