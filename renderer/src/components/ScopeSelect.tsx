// The scope of a page's rows (issue 20): 本级 (the own unit's), 全部 (the whole unit tree), or one unit with the
// units below it. Shown only once the tree has units below the own one; `undefined` is 本级.
import { Select } from 'antd';
import { useApi } from '../hooks';

export function ScopeSelect({
  value,
  onChange,
  testId = 'scope-select',
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  testId?: string;
}) {
  const units = useApi('units.list', {});
  const list = units.data?.units ?? [];
  if (list.length < 2) return null;
  return (
    <Select
      aria-label="范围"
      data-testid={testId}
      style={{ minWidth: 150 }}
      value={value ?? '本级'}
      onChange={(v: string) => onChange(v === '本级' ? undefined : v)}
      showSearch
      optionFilterProp="label"
      options={[
        { value: '本级', label: '本级' },
        { value: '全部', label: '全部（含下级单位）' },
        ...list.filter((u) => !u.own).map((u) => ({ value: String(u.id), label: `${'　'.repeat(Math.max(0, u.depth - 1))}${u.name}` })),
      ]}
    />
  );
}
