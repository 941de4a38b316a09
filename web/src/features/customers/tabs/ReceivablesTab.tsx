import type { Instalment, Invoice, Receipt } from '@relate/common';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session';
import { useMoney } from '../../../components/money';
import { instalmentColumns } from '../../payments/instalment-columns';
import { useInvoices, useReceipts, useReceivables } from '../../payments/queries';
import { useReceiptColumns } from '../../payments/receipt-columns';
import { useTabPaging } from './paging';
import { TabTable } from './TabTable';

/** What the customer owes by currency, and its instalments (payment plans) across all its orders. */
function PaymentPlans({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const paging = useTabPaging();
  const { data, isFetching } = useReceivables({ customerId, page: paging.page, pageSize: paging.pageSize });
  return (
    <>
      {data && data.byCurrency.length > 0 && (
        <Table
          rowKey="currency"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={data.byCurrency}
          data-testid="customer-receivables"
          columns={[
            { title: t('payments.fields.currency'), dataIndex: 'currency' },
            ...(
              [
                ['planned', t('customers.tabs.planned')],
                ['invoiced', t('customers.tabs.invoiced')],
                ['received', t('payments.fields.received')],
                ['outstanding', t('payments.fields.outstanding')],
                ['overdue', t('customers.tabs.overdue')],
              ] as const
            ).map(([field, title]) => ({
              title,
              dataIndex: field,
              align: 'right' as const,
              render: (v: string, row: { currency: string }) => money(v, row.currency),
            })),
          ]}
        />
      )}
      <Typography.Title level={5}>{t('customers.tabs.paymentPlans')}</Typography.Title>
      <TabTable<Instalment>
        paging={paging}
        list={data && { items: data.instalments, total: data.total }}
        loading={isFetching}
        empty={t('payments.noPlan')}
        columns={[
          {
            title: t('orders.fields.number'),
            dataIndex: 'orderNumber',
            render: (v: string, i) => <Link to={`/orders/${i.orderId}`}>{v}</Link>,
          },
          ...instalmentColumns(t, money),
        ]}
      />
    </>
  );
}

/** The payments received from the customer. */
function Receipts({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const receiptColumns = useReceiptColumns({ withCustomer: false });
  const paging = useTabPaging();
  const { data, isFetching } = useReceipts({ customerId, page: paging.page, pageSize: paging.pageSize });
  return (
    <>
      <Typography.Title level={5}>{t('customers.tabs.receipts')}</Typography.Title>
      <TabTable<Receipt>
        paging={paging}
        list={data}
        loading={isFetching}
        empty={t('customers.tabs.noReceipts')}
        columns={receiptColumns}
      />
    </>
  );
}

/** The invoices issued to the customer. */
function Invoices({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const paging = useTabPaging();
  const { data, isFetching } = useInvoices({ customerId, page: paging.page, pageSize: paging.pageSize });
  return (
    <>
      <Typography.Title level={5}>{t('invoices.title')}</Typography.Title>
      <TabTable<Invoice>
        paging={paging}
        list={data}
        loading={isFetching}
        empty={t('invoices.empty')}
        columns={[
          { title: t('invoices.fields.number'), dataIndex: 'number' },
          { title: t('invoices.fields.type'), dataIndex: 'type', render: (v: string) => t(`invoices.types.${v}`) },
          { title: t('invoices.fields.issuedOn'), dataIndex: 'issuedOn' },
          {
            title: t('invoices.fields.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string, i) => money(v, i.currency),
          },
          {
            title: t('orders.fields.number'),
            dataIndex: 'orderNumber',
            render: (v: string | null, i) => (i.orderId ? <Link to={`/orders/${i.orderId}`}>{v}</Link> : '-'),
          },
          {
            title: t('invoices.fields.status'),
            dataIndex: 'status',
            render: (s: Invoice['status']) => (
              <Tag color={s === 'issued' ? 'green' : 'default'}>{t(`invoices.statuses.${s}`)}</Tag>
            ),
          },
        ]}
      />
    </>
  );
}

/**
 * What the customer owes and has paid: payment plans and figures (read with orders), payments received
 * and invoices, each shown to those who may see it. Payments and invoices are recorded on an order.
 */
export function ReceivablesTab({ customerId }: { customerId: number }) {
  const { can } = useSession();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('orders.view') && <PaymentPlans customerId={customerId} />}
      {can('receipts.view') && <Receipts customerId={customerId} />}
      {can('invoices.view') && <Invoices customerId={customerId} />}
    </Space>
  );
}
