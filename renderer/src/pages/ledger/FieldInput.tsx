// One input for one declared field, by its type. Values are the stored ones: dates as YYYY-MM-DD strings,
// yes/no as booleans, multi-choice as string lists; null means empty. (A date the clerk typed that cannot be
// read is passed on as typed, so the form can flag it instead of dropping it.)
//
// Keyboard entry (issue 14): every input sits in a `data-field-input` wrapper, so Tab stops only on fields
// (the clear buttons are taken out of the Tab order by the form, components/keyboard.ts) and Enter moves on:
// in a select Enter picks the highlighted option, then the next field takes focus; typing filters the
// options. Tab does not pick an option unless the clerk typed to filter (then it takes the highlighted one).
// Yes/no fields take 是/否 by click, arrows or the keys Y/1 and N/0.
import { CloseCircleFilled } from '@ant-design/icons';
import { AutoComplete, Input, InputNumber, Radio, Select } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldDef, LedgerKind, Value } from '../../../../electron/domain/fields';
import { accountNames, isOfficeMode } from '../../office';
import { suggestable } from '../../../../electron/domain/suggest';
import { invoke } from '../../api';
import { DateInput } from '../../components/DateInput';
import { focusNextField } from '../../components/keyboard';

export interface FieldInputProps {
  field: FieldDef;
  value: Value | undefined;
  onChange: (v: Value) => void;
  disabled?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  /** the ledger, for earlier values of the field (`ledger.suggest`) */
  kind?: LedgerKind;
  /** one value to offer before anything is typed (the next 案号): Enter on the empty field takes it */
  suggestion?: string | null;
}

const options = (f: FieldDef) => (f.options ?? []).map((o) => ({ value: o, label: o }));
const CLEAR = { clearIcon: <CloseCircleFilled />, label: '清除' };

/** options that start with what was typed come before those that merely contain it */
const startsFirst = (a: { label?: unknown }, b: { label?: unknown }, { searchValue }: { searchValue: string }) =>
  Number(!String(a.label ?? '').startsWith(searchValue)) - Number(!String(b.label ?? '').startsWith(searchValue));

/** earlier values of the field from the ledger, for what has been typed so far (debounced) */
function useEarlierValues(kind: LedgerKind | undefined, f: FieldDef, typed: string, active: boolean): string[] {
  const [values, setValues] = useState<string[]>([]);
  const on = !!kind && suggestable(f) && active;
  useEffect(() => {
    if (!on) return;
    let live = true;
    const t = setTimeout(() => {
      void invoke('ledger.suggest', { kind: kind!, field: f.key, prefix: typed.slice(0, 100), limit: 8 }).then(async (r) => {
        if (!live || !r.ok) return;
        // office mode: 承办人 and 协办人 are the colleagues' accounts first, then earlier values
        if (isOfficeMode() && (f.key === 'handler' || f.key === 'coHandler')) {
          const people = (await accountNames()).filter((n) => n.includes(typed));
          if (live) setValues([...new Set([...people, ...r.data.values])].slice(0, 12));
        } else setValues(r.data.values);
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [on, kind, f.key, typed]);
  return on ? values : [];
}

export function FieldInput({ field: f, value, onChange, disabled, placeholder, autoFocus, kind, suggestion }: FieldInputProps) {
  const id = `field-input-${f.key}`;
  const common = { id, disabled, autoFocus, 'aria-label': f.label, style: { width: '100%' } };
  const wrapper = useRef<HTMLDivElement>(null);
  // what the clerk typed into a select's search box, and whether the key that picked an option was Enter
  const searching = useRef('');
  const byEnter = useRef(false);
  const [focused, setFocused] = useState(false);
  const text = typeof value === 'string' ? value : '';
  const earlier = useEarlierValues(kind, f, f.type === 'text' ? text : '', focused);
  // after the component has handled the key; not if the focus has gone elsewhere meanwhile (a quick Tab)
  const moveOn = () =>
    setTimeout(() => {
      if (wrapper.current?.contains(document.activeElement)) focusNextField(wrapper.current);
    }, 0);

  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    byEnter.current = e.key === 'Enter' && !e.nativeEvent.isComposing;
    if (e.ctrlKey || e.metaKey || e.altKey) return; // Ctrl+S and the like are the form's
    if (f.type === 'enum' || f.type === 'multiEnum') {
      // rc-select picks the highlighted option on Tab: only when the clerk typed to filter
      if (e.key === 'Tab' && searching.current === '') e.stopPropagation();
      return;
    }
    // Tab keeps what was typed in a text field (an AutoComplete would otherwise take a highlighted suggestion)
    if (e.key === 'Tab' && f.type === 'text') return void e.stopPropagation();
    if (f.type === 'bool') {
      // a yes/no pair is one stop: with neither checked, Chromium would stop on each of its two radios
      if (e.key === 'Tab') {
        e.preventDefault();
        return focusNextField(wrapper.current, e.shiftKey ? -1 : 1);
      }
      const k = e.key.toLowerCase();
      if (k === 'y' || k === '1') onChange(true);
      else if (k === 'n' || k === '0') onChange(false);
      else if (k === 'delete' || k === 'backspace') onChange(null);
      else if (k === 'enter') return void (e.preventDefault(), moveOn());
      else return;
      e.preventDefault();
      // the radio now checked takes the focus, so the arrows go on from it
      setTimeout(() => {
        if (wrapper.current?.contains(document.activeElement)) wrapper.current.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
      }, 0);
      return;
    }
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || f.type === 'longtext') return;
    // the empty 案号 takes the suggested number
    if (f.type === 'text' && suggestion && text === '') onChange(suggestion);
    // after rc-select has handled the key (an AutoComplete picks its highlighted option first)
    e.preventDefault();
    moveOn();
  };

  const textOptions = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string }[] = [];
    const add = (s: string) => {
      if (s && !seen.has(s) && s !== text) {
        seen.add(s);
        out.push({ value: s });
      }
    };
    if (suggestion && text === '') add(suggestion);
    for (const s of earlier) add(s);
    for (const s of f.suggestions ?? []) if (s.includes(text.trim())) add(s);
    return out;
  }, [suggestion, earlier, f.suggestions, text]);

  let input;
  switch (f.type) {
    case 'enum':
      input = (
        <Select
          {...common}
          allowClear={CLEAR}
          showSearch={{ optionFilterProp: 'label', filterSort: startsFirst, onSearch: (s) => (searching.current = s) }}
          defaultActiveFirstOption
          placeholder={placeholder ?? '请选择（可输入筛选）'}
          value={typeof value === 'string' ? value : undefined}
          onChange={(v: string | undefined) => onChange(v ?? null)}
          onSelect={() => {
            searching.current = '';
            if (byEnter.current) moveOn();
          }}
          onBlur={() => (searching.current = '')}
          options={options(f)}
        />
      );
      break;
    case 'multiEnum':
      input = (
        <Select
          {...common}
          mode="multiple"
          allowClear={CLEAR}
          showSearch={{ optionFilterProp: 'label', filterSort: startsFirst, onSearch: (s) => (searching.current = s) }}
          placeholder={placeholder ?? '可多选（可输入筛选）'}
          value={Array.isArray(value) ? value : []}
          onChange={(v: string[]) => onChange(v.length ? v : null)}
          onSelect={() => (searching.current = '')}
          onBlur={() => (searching.current = '')}
          options={options(f)}
        />
      );
      break;
    case 'date':
      input = <DateInput {...common} placeholder={placeholder} value={typeof value === 'string' ? value : null} onChange={onChange} />;
      break;
    case 'bool':
      input = (
        <Radio.Group
          id={id}
          disabled={disabled}
          aria-label={f.label}
          value={value === true ? 'y' : value === false ? 'n' : undefined}
          onChange={(e) => onChange(e.target.value === 'y' ? true : e.target.value === 'n' ? false : null)}
          options={[
            { value: 'y', label: '是' },
            { value: 'n', label: '否' },
          ]}
          optionType="button"
          buttonStyle="solid"
          size="small"
        />
      );
      break;
    case 'int':
    case 'decimal':
      input = (
        <InputNumber
          {...common}
          controls={false}
          min={f.min}
          max={f.max}
          precision={f.type === 'int' ? 0 : undefined}
          placeholder={placeholder ?? (f.type === 'int' ? '整数' : '数字')}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        />
      );
      break;
    case 'longtext':
      input = (
        <Input.TextArea
          {...common}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={placeholder}
          value={text}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        />
      );
      break;
    default:
      if (f.suggestions?.length || suggestable(f) || suggestion) {
        input = (
          <AutoComplete
            {...common}
            placeholder={placeholder ?? (suggestion ? `建议：${suggestion}（按 Enter 填入）` : '可输入或选择')}
            value={text || undefined}
            onChange={(v: string) => onChange(v === '' ? null : v)}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            defaultActiveFirstOption={false}
            options={textOptions}
            showSearch={{ filterOption: false }}
          />
        );
      } else {
        input = (
          <Input
            {...common}
            autoComplete="off"
            placeholder={placeholder}
            value={text}
            onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
          />
        );
      }
  }
  return (
    <div ref={wrapper} data-field-input={f.key} onKeyDownCapture={onKeyDownCapture}>
      {input}
    </div>
  );
}
