import type { Receipt } from '@relate/common';
import { App, type TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../app/api';
import { useMoney } from '../../components/money';
import { ReceiptState } from './PaymentsCard';
import { useConfirmReceipt, useSubmitRefund } from './queries';

/**
 * A payment's number, customer (unless the list is one customer's), date, amount, method, orders and state,
 * as columns of any list of payments; finance confirms a payment (and sends a refund for approval) from the
 * state column, wherever the list is.
 */
export function useReceiptColumns({ withCustomer }: { withCustomer: boolean }): Array<TableColumnType<Receipt>> {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = App.useApp();
  const confirmReceipt = useConfirmReceipt();
  const submitRefund = useSubmitRefund();
  const act = (change: Promise<unknown>) =>
    change.catch((error: unknown) => void message.error((error as ApiError).message));
  return [
    { title: t('payments.fields.number'), dataIndex: 'number' },
    ...(withCustomer
      ? [
          {
            title: t('tickets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, r: Receipt) => <Link to={`/customers/${r.customerId}`}>{v}</Link>,
          },
        ]
      : []),
    { title: t('payments.fields.receivedOn'), dataIndex: 'receivedOn' },
    {
      title: t('payments.fields.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: string, r) => money(v, r.currency),
    },
    {
      title: t('payments.fields.method'),
      dataIndex: 'method',
      render: (v: Receipt['method']) => t(`payments.methods.${v}`),
    },
    {
      title: t('orders.fields.number'),
      key: 'orders',
      render: (_, r) => [...new Set(r.allocations.map((a) => a.orderNumber))].join(', ') || '-',
    },
    {
      title: t('payments.fields.status'),
      dataIndex: 'status',
      render: (_: Receipt['status'], r) => (
        <ReceiptState
          receipt={r}
          onConfirm={() => void act(confirmReceipt.mutateAsync(r.id))}
          onSubmit={() => void act(submitRefund.mutateAsync(r.id))}
        />
      ),
    },
  ];
}
