import type { ServiceContract } from '@relate/common';
import { Progress, type TableColumnType, Tag } from 'antd';
import type { TFunction } from 'i18next';

// The ticket form picks a customer's asset with this hook; it lives with the other reads in queries.ts.
export { useCustomerAssets } from './queries';

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

const statusColors = { upcoming: 'blue', active: 'green', expired: 'default' } as const;

/** A service contract's status and what it still covers, as columns of any list of them. */
export function entitlementColumns(t: TFunction): Array<TableColumnType<ServiceContract>> {
  return [
    {
      title: t('assets.fields.status'),
      dataIndex: 'status',
      render: (s: ServiceContract['status']) => <Tag color={statusColors[s]}>{t(`assets.statuses.${s}`)}</Tag>,
    },
    {
      title: t('assets.fields.visitsIncluded'),
      key: 'visits',
      render: (_, c) => <Allowance used={c.visitsUsed} included={c.visitsIncluded} unit={t('assets.visitsUnit')} />,
    },
    {
      title: t('assets.fields.hoursIncluded'),
      key: 'hours',
      render: (_, c) => (
        <Allowance
          used={Math.round((c.minutesUsed / 60) * 10) / 10}
          included={c.minutesIncluded === null ? null : c.minutesIncluded / 60}
          unit="h"
        />
      ),
    },
  ];
}
