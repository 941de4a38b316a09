import type { Department } from '@relate/common';
import { Select, type SelectProps, TreeSelect, type TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments, useUsers } from './queries';

export { useDepartments, useUsers } from './queries';

export function UserSelect(props: SelectProps) {
  const { data } = useUsers();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={(data?.items ?? [])
        .filter((u) => u.status === 'active')
        .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
      {...props}
    />
  );
}

export type DepartmentNode = { value: number; title: string; key: number; children: DepartmentNode[] };

export function departmentTree(departments: Department[]): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>(
    departments.map((d) => [d.id, { value: d.id, key: d.id, title: d.name, children: [] }]),
  );
  const roots: DepartmentNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id)!;
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function DepartmentSelect(props: TreeSelectProps) {
  const { data = [] } = useDepartments();
  return <TreeSelect allowClear treeDefaultExpandAll treeData={departmentTree(data)} {...props} />;
}

/** A report's filter by one department; empty means every department. */
export function DepartmentFilter({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (departmentId: number | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <DepartmentSelect
      allowClear
      placeholder={t('nav.departments')}
      value={value}
      onChange={(v) => onChange(v as number | undefined)}
      style={{ width: 180 }}
    />
  );
}
