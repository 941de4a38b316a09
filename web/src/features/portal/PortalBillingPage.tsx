import type { PortalInvoice } from '@relate/common';
import { Card, Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';
import { usePortalInvoices, usePortalStatement } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

/** What the company owes (by currency, with the open instalments) and the invoices it has received. */
export function PortalBillingPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.nav.billing'));
  const money = useMoney();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [instalmentPage, setInstalmentPage] = useState({ page: 1, pageSize: 20 });
  const statement = usePortalStatement(instalmentPage);
  const invoices = usePortalInvoices(page);
  const totals = statement.data?.totals ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('portal.nav.billing')}
      </Typography.Title>
      <Card
        title={t('portal.outstanding')}
        extra={
          statement.data && (
            <Typography.Text type="secondary">{t('payments.asOf', { date: statement.data.asOf })}</Typography.Text>
          )
        }
        loading={statement.isLoading}
      >
        {totals.length ? (
          <Space size="large" wrap>
            {totals.map((s) => (
              <Space key={s.currency} size="large">
                <Statistic
                  title={t('portal.outstandingTotal')}
                  value={money(s.outstanding, s.currency)}
                  data-testid="portal-outstanding"
                />
                <Statistic
                  title={t('portal.overdue')}
                  value={money(s.overdue, s.currency)}
                  valueStyle={{ color: Number(s.overdue) > 0 ? '#cf1322' : undefined }}
                />
              </Space>
            ))}
          </Space>
        ) : (
          <Empty description={t('payments.nothingOwed')} />
        )}
        {Boolean(statement.data?.instalments.length) && (
          <Table
            size="small"
            style={{ marginTop: 16 }}
            rowKey={(r) => `${r.orderNumber}-${r.seq}`}
            loading={statement.isFetching}
            pagination={{
              current: instalmentPage.page,
              pageSize: instalmentPage.pageSize,
              total: statement.data?.total ?? 0,
              hideOnSinglePage: true,
              onChange: (p, pageSize) => setInstalmentPage({ page: p, pageSize }),
            }}
            dataSource={statement.data?.instalments}
            data-testid="portal-instalments"
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('portal.orderNumber'), dataIndex: 'orderNumber' },
              {
                title: t('portal.dueDate'),
                dataIndex: 'dueDate',
                render: (d: string, r) => (r.overdue ? <Tag color="red">{d}</Tag> : d),
              },
              {
                title: t('portal.amount'),
                dataIndex: 'amount',
                align: 'right',
                render: (v: string, r) => money(v, r.currency),
              },
              {
                title: t('portal.paid'),
                dataIndex: 'received',
                align: 'right',
                render: (v: string, r) => money(v, r.currency),
              },
              {
                title: t('portal.outstandingTotal'),
                dataIndex: 'outstanding',
                align: 'right',
                render: (v: string, r) => money(v, r.currency),
              },
            ]}
          />
        )}
      </Card>
      <Card title={t('invoices.title')}>
        <Table<PortalInvoice>
          rowKey="id"
          loading={invoices.isFetching}
          dataSource={invoices.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('invoices.empty')} /> }}
          columns={[
            { title: t('invoices.fields.number'), dataIndex: 'number' },
            { title: t('invoices.fields.type'), dataIndex: 'type', render: (v: string) => t(`invoices.types.${v}`) },
            { title: t('invoices.fields.issuedOn'), dataIndex: 'issuedOn' },
            { title: t('portal.orderNumber'), dataIndex: 'orderNumber', responsive: ['md'] },
            {
              title: t('portal.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (v: string, r) => money(v, r.currency),
            },
            {
              title: t('invoices.fields.tax'),
              dataIndex: 'tax',
              align: 'right',
              responsive: ['md'],
              render: (v: string, r) => money(v, r.currency),
            },
            {
              title: t('tickets.fields.status'),
              dataIndex: 'status',
              render: (v: string) => (
                <Tag color={v === 'cancelled' ? 'default' : 'green'}>{t(`invoices.statuses.${v}`)}</Tag>
              ),
            },
          ]}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: invoices.data?.total ?? 0,
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
        />
      </Card>
    </Space>
  );
}
