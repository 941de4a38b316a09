import { Select } from 'antd';
import { useState } from 'react';
import { useCustomerSearch } from './queries';

/** Finds a customer by name or code as you type; `initial` shows the current one before any search. */
export function CustomerPicker(props: {
  id?: string;
  value?: number;
  onChange?: (id: number) => void;
  initial?: { id: number; name: string };
}) {
  const [q, setQ] = useState('');
  const { data } = useCustomerSearch(q);
  const options = (data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  if (props.initial && !options.some((o) => o.value === props.initial!.id))
    options.unshift({ value: props.initial.id, label: props.initial.name });
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      value={props.value}
      onChange={props.onChange}
    />
  );
}
