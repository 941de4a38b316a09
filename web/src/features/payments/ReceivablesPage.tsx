import type { Aging } from '@relate/common';
import { Card, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../components/money';
import { useAging } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type Row = Aging['rows'][number];
const buckets = ['current', 'd0_30', 'd31_60', 'd61_90', 'd90_plus', 'total'] as const;

/**
 * 应收款: what customers still owe, by how long it is overdue, per customer, owner or department and
 * currency, a page at a time; the totals (one row per currency) cover every group, not just the page.
 */
export function ReceivablesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.receivables'));
  const money = useMoney();
  const [groupBy, setGroupBy] = useState<'customer' | 'owner' | 'department'>('customer');
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const { data, isFetching } = useAging({ groupBy, ...page });
  return (
    <Card
      title={t('nav.receivables')}
      extra={data && <Typography.Text type="secondary">{t('payments.asOf', { date: data.asOf })}</Typography.Text>}
    >
      <Segmented
        style={{ marginBottom: 16 }}
        value={groupBy}
        onChange={(v) => {
          setGroupBy(v as typeof groupBy);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={(['customer', 'owner', 'department'] as const).map((g) => ({
          value: g,
          label: t(`payments.groupBy.${g}`),
        }))}
      />
      <Table<Row>
        rowKey={(r) => `${r.key}-${r.currency}`}
        size="middle"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('payments.nothingOwed') }}
        data-testid="aging"
        columns={[
          {
            title: t(`payments.groupBy.${groupBy}`),
            dataIndex: 'name',
            render: (v: string, r) =>
              groupBy === 'customer' && r.key ? <Link to={`/customers/${r.key}`}>{v}</Link> : v,
          },
          { title: t('payments.fields.currency'), dataIndex: 'currency' },
          ...buckets.map((b) => ({
            title: t(`payments.buckets.${b}`),
            dataIndex: b,
            align: 'right' as const,
            render: (v: string, r: Row) => (v === '0.00' ? '-' : money(v, r.currency)),
          })),
        ]}
        summary={() =>
          data?.totalsByCurrency.map((totals) => (
            <Table.Summary.Row key={totals.currency} data-testid={`aging-total-${totals.currency}`}>
              <Table.Summary.Cell index={0}>{t('payments.totalIn', { currency: totals.currency })}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{totals.currency}</Table.Summary.Cell>
              {buckets.map((b, i) => (
                <Table.Summary.Cell key={b} index={i + 2} align="right">
                  <Typography.Text strong={b === 'total'}>{money(totals[b], totals.currency)}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ))
        }
      />
    </Card>
  );
}
