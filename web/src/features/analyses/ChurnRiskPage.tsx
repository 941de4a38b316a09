import {
  type ChurnReason,
  type ChurnRiskCustomer,
  churnReasons,
  defaultSilentDays,
  fromMinorUnits,
} from '@relate/common';
import { Alert, Card, Empty, Flex, InputNumber, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { UserSelect } from '../../components/users';
import { ChurnMethod } from './ChurnMethod';
import { useChurnRisks } from './queries';
import { RecomputeChurnRisk } from './RecomputeChurnRisk';

type Filters = {
  page: number;
  pageSize: number;
  sort?: string;
  reason?: ChurnReason;
  ownerId?: number[];
  silentDays: number;
};

const reasonColors: Record<ChurnReason, string> = { orderRhythm: 'orange', silentWithOpen: 'red' };

/**
 * 流失风险: the customers the reader may see whose order rhythm broke, or who hold open receivables or
 * tickets and were not followed up for the days chosen, each opening its customer; the count of each
 * reason (also the reason filter), the owner filter, the method explained; and, for an administrator,
 * computing it now.
 */
export function ChurnRiskPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.churnRisk'));
  const { can } = useSession();
  const money = useMoney();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20, silentDays: defaultSilentDays });
  const [recomputeError, setRecomputeError] = useState<string | null>(null);
  const list = useChurnRisks({
    page: filters.page,
    pageSize: filters.pageSize,
    sort: filters.sort,
    reason: filters.reason ? [filters.reason] : undefined,
    ownerId: filters.ownerId?.length ? filters.ownerId : undefined,
    silentDays: filters.silentDays,
  });
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  const data = list.data;
  const run = data?.run ?? null;
  const filtered = Boolean(filters.reason || filters.ownerId?.length);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.churnRisk')}
        </Typography.Title>
        {can('settings.manage') && data && <RecomputeChurnRisk onError={setRecomputeError} />}
      </Flex>
      <Typography.Text type="secondary">{t('churnRisk.intro')}</Typography.Text>
      {recomputeError && (
        <Alert type="error" showIcon closable message={recomputeError} onClose={() => setRecomputeError(null)} />
      )}
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      {data && <ChurnMethod open={!run} />}
      {data && !run && (
        <Card>
          <Empty
            description={
              <Space direction="vertical" size={4}>
                <Typography.Text strong>{t('churnRisk.noRun')}</Typography.Text>
                <Typography.Text type="secondary">
                  {can('settings.manage') ? t('churnRisk.noRunHintManager') : t('churnRisk.noRunHint')}
                </Typography.Text>
              </Space>
            }
          />
        </Card>
      )}
      {data && run && (
        <>
          <Typography.Text type="secondary" data-testid="churn-run">
            {t('churnRisk.asOf', { at: dayjs(run.computedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
          <Flex wrap gap={12} align="center">
            <Segmented<ChurnReason | 'all'>
              data-testid="churn-reasons"
              value={filters.reason ?? 'all'}
              onChange={(value) => change({ reason: value === 'all' ? undefined : value })}
              options={[
                { value: 'all', label: t('churnRisk.allReasons', { count: data.totals.customers }) },
                ...churnReasons.map((reason) => ({
                  value: reason,
                  label: `${t(`churnRisk.reasons.${reason}`)} ${data.totals[reason]}`,
                })),
              ]}
            />
            <InputNumber
              min={1}
              max={365}
              precision={0}
              value={filters.silentDays}
              onChange={(value) => value && value >= 1 && value <= 365 && change({ silentDays: value })}
              addonBefore={t('churnRisk.silentDays')}
              addonAfter={t('churnRisk.days')}
              aria-label={t('churnRisk.silentDays')}
              style={{ width: 230 }}
            />
            {can('org.view') && (
              <UserSelect
                mode="multiple"
                placeholder={t('churnRisk.columns.owner')}
                value={filters.ownerId}
                onChange={(ownerId: number[]) => change({ ownerId })}
                style={{ minWidth: 200 }}
                data-testid="churn-owner"
              />
            )}
            {data.totals.openReceivable !== null && (
              <Statistic
                data-testid="churn-open-receivable"
                title={t('churnRisk.totalOpenReceivable')}
                value={money(fromMinorUnits(data.totals.openReceivable), run.currency)}
                valueStyle={{ fontSize: 16 }}
              />
            )}
          </Flex>
          <PagedTable<ChurnRiskCustomer>
            list={data}
            loading={list.isFetching}
            page={filters.page}
            pageSize={filters.pageSize}
            empty={filtered ? t('common.noMatches') : t('churnRisk.none')}
            onPageChange={(next) =>
              setFilters((f) => ({
                ...f,
                page: next.page,
                pageSize: next.pageSize,
                sort: 'sort' in next ? next.sort : f.sort,
              }))
            }
            data-testid="churn-table"
            columns={churnColumns({ t, can, money, currency: run.currency, sort: filters.sort })}
          />
        </>
      )}
    </Space>
  );
}

/** The table's columns: the figures of orders and tickets for those who may see them. */
function churnColumns({
  t,
  can,
  money,
  currency,
  sort,
}: {
  t: TFunction;
  can: (permission: string) => boolean;
  money: ReturnType<typeof useMoney>;
  currency: string;
  sort: string | undefined;
}): ColumnType<ChurnRiskCustomer>[] {
  const [sortField, direction] = sort?.split(':') ?? [];
  const sortable = (field: string) => ({
    sorter: true,
    sortOrder: sortField === field ? (direction === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
  });
  const date = (at: string | null, none = '-') => (at ? dayjs(at).format('YYYY-MM-DD') : none);
  const orDash = (value: number | null, format: (v: number) => string = String) =>
    value === null ? '-' : format(value);
  const columns: Array<ColumnType<ChurnRiskCustomer> & { shown?: boolean }> = [
    {
      title: t('churnRisk.columns.customer'),
      dataIndex: 'name',
      ...sortable('name'),
      render: (name: string, row) => <Link to={`/customers/${row.id}`}>{name}</Link>,
    },
    {
      title: t('churnRisk.columns.owner'),
      dataIndex: 'owner',
      ...sortable('owner'),
      render: (_, row) => row.ownerName ?? '-',
    },
    {
      title: t('churnRisk.columns.reasons'),
      dataIndex: 'reasons',
      render: (reasons: ChurnReason[]) =>
        reasons.map((reason) => (
          <Tag key={reason} color={reasonColors[reason]}>
            {t(`churnRisk.reasons.${reason}`)}
          </Tag>
        )),
    },
    {
      title: t('churnRisk.columns.lastOrderAt'),
      dataIndex: 'lastOrderAt',
      ...sortable('lastOrderAt'),
      render: (at: string | null) => date(at),
      shown: can('orders.view'),
    },
    {
      title: t('churnRisk.columns.usualIntervalDays'),
      dataIndex: 'usualIntervalDays',
      align: 'right',
      ...sortable('usualIntervalDays'),
      render: (days: number | null) => orDash(days, (v) => t('churnRisk.daysValue', { count: v })),
      shown: can('orders.view'),
    },
    {
      title: t('churnRisk.columns.daysSinceLastOrder'),
      dataIndex: 'daysSinceLastOrder',
      align: 'right',
      ...sortable('daysSinceLastOrder'),
      render: (days: number | null) => orDash(days, (v) => t('churnRisk.daysValue', { count: v })),
      shown: can('orders.view'),
    },
    {
      title: t('churnRisk.columns.lastFollowupAt'),
      dataIndex: 'lastFollowupAt',
      ...sortable('lastFollowupAt'),
      render: (at: string | null) => date(at, t('churnRisk.never')),
    },
    {
      title: t('churnRisk.columns.openReceivable'),
      dataIndex: 'openReceivable',
      align: 'right',
      ...sortable('openReceivable'),
      render: (minor: number | null) => (minor === null ? '-' : money(fromMinorUnits(minor), currency)),
      shown: can('orders.view'),
    },
    {
      title: t('churnRisk.columns.openTickets'),
      dataIndex: 'openTickets',
      align: 'right',
      ...sortable('openTickets'),
      render: (count: number | null) => orDash(count),
      shown: can('tickets.view'),
    },
  ];
  return columns.filter((column) => column.shown !== false).map(({ shown: _, ...column }) => column);
}
