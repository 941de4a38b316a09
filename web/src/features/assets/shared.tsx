import type { Asset, Page } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { Progress } from 'antd';
import { api } from '../../app/api';

export function useCustomerAssets(customerId: number | undefined | null) {
  return useQuery({
    queryKey: ['assets', 'of-customer', customerId],
    queryFn: () => api.get<Page<Asset>>('/api/v1/assets', { customerId: customerId!, pageSize: 200 }),
    enabled: Boolean(customerId),
  });
}

/** How much of an allowance is used, red once it is exceeded. */
export function Allowance({ used, included, unit }: { used: number; included: number | null; unit: string }) {
  if (included === null)
    return (
      <span>
        {used} {unit}
      </span>
    );
  return (
    <Progress
      size="small"
      percent={included ? Math.min(100, Math.round((used / included) * 100)) : 100}
      status={used > included ? 'exception' : 'normal'}
      format={() => `${used}/${included} ${unit}`}
      style={{ minWidth: 160 }}
    />
  );
}
