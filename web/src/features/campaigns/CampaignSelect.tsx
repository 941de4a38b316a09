import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useCampaign, useCampaigns } from './queries';

/**
 * Picks a campaign the user sees, searched by name on the server. The campaign already chosen is named
 * even when it is not among the first matches (`current`, else read by its id); `excludeId` leaves a
 * campaign out (itself, as its parent).
 */
export function CampaignSelect({
  current,
  excludeId,
  ...props
}: SelectProps & { current?: { id: number; name: string } | null; excludeId?: number }) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useCampaigns({ q: q || undefined, pageSize: 50, sort: 'updatedAt:desc' });
  const options = (data?.items ?? []).filter((c) => c.id !== excludeId).map((c) => ({ value: c.id, label: c.name }));
  const chosen = typeof props.value === 'number' ? props.value : undefined;
  const missing = chosen !== undefined && !current && !options.some((o) => o.value === chosen);
  const named = useCampaign(chosen ?? 0, missing).data;
  const shown = current ?? (named && { id: named.id, name: named.name });
  if (shown && !options.some((o) => o.value === shown.id)) options.unshift({ value: shown.id, label: shown.name });
  return (
    <Select
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
