// One input for one declared field, by its type. Values are the stored ones: dates as YYYY-MM-DD strings,
// yes/no as booleans, multi-choice as string lists; null means empty.
import { AutoComplete, DatePicker, Input, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import type { FieldDef, Value } from '../../../../electron/domain/fields';

export interface FieldInputProps {
  field: FieldDef;
  value: Value | undefined;
  onChange: (v: Value) => void;
  disabled?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
}

const options = (f: FieldDef) => (f.options ?? []).map((o) => ({ value: o, label: o }));

export function FieldInput({ field: f, value, onChange, disabled, placeholder, autoFocus }: FieldInputProps) {
  const id = `field-input-${f.key}`;
  const common = { id, disabled, autoFocus, 'aria-label': f.label, style: { width: '100%' } };
  switch (f.type) {
    case 'enum':
      return (
        <Select
          {...common}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={placeholder ?? '请选择'}
          value={typeof value === 'string' ? value : undefined}
          onChange={(v: string | undefined) => onChange(v ?? null)}
          options={options(f)}
        />
      );
    case 'multiEnum':
      return (
        <Select
          {...common}
          mode="multiple"
          allowClear
          placeholder={placeholder ?? '可多选'}
          value={Array.isArray(value) ? value : []}
          onChange={(v: string[]) => onChange(v.length ? v : null)}
          options={options(f)}
        />
      );
    case 'date':
      return (
        <DatePicker
          {...common}
          placeholder={placeholder ?? '年-月-日'}
          format="YYYY-MM-DD"
          value={typeof value === 'string' && dayjs(value).isValid() ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        />
      );
    case 'bool':
      return (
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
    case 'int':
    case 'decimal':
      return (
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
    case 'longtext':
      return (
        <Input.TextArea
          {...common}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={placeholder}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        />
      );
    default:
      if (f.suggestions?.length) {
        return (
          <AutoComplete
            {...common}
            placeholder={placeholder ?? '可输入或选择'}
            value={typeof value === 'string' ? value : undefined}
            onChange={(v: string) => onChange(v === '' ? null : v)}
            options={f.suggestions.map((s) => ({ value: s }))}
            showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
          />
        );
      }
      return <Input {...common} placeholder={placeholder} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} />;
  }
}
