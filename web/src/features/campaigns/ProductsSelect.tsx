import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useProducts } from '../products/queries';

/** Picks the products a campaign promotes, searched on the server; those already chosen keep their names. */
export function ProductsSelect({ chosen, ...props }: SelectProps & { chosen: Array<{ id: number; name: string }> }) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useProducts({ q: q || undefined, page: 1, pageSize: 50 });
  const options = (data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  for (const p of chosen) if (!options.some((o) => o.value === p.id)) options.push({ value: p.id, label: p.name });
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={isFetching}
      options={options}
      {...props}
    />
  );
}
