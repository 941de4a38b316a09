import { type Receipt, receiptStatuses } from '@relate/common';
import { App, Card, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { useMoney } from '../../components/money';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { useListView } from '../../components/useListView';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import type { ApiError } from '../../app/api';
import { ReceiptState } from './PaymentsCard';
import { useConfirmReceipt, useReceipts, useSubmitRefund } from './queries';

/** 回款: the payments received in the caller's scope, confirmed or not, with filters in the URL. */
export function ReceiptListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.receipts'));
  const money = useMoney();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const status = (params.get('status') || undefined) as Receipt['status'] | undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useReceipts({ status, page, pageSize });
  const { message } = App.useApp();
  const confirmReceipt = useConfirmReceipt();
  const submitRefund = useSubmitRefund();
  const act = (change: Promise<unknown>) =>
    change.catch((error: unknown) => void message.error((error as ApiError).message));
  const columns: TableColumnsType<Receipt> = [
    { title: t('payments.fields.number'), dataIndex: 'number' },
    {
      title: t('tickets.fields.customer'),
      dataIndex: 'customerName',
      render: (v: string, r) => <Link to={`/customers/${r.customerId}`}>{v}</Link>,
    },
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
      // Finance confirms money received (and sends refunds for approval) from the list as from the order.
      render: (_: Receipt['status'], r) => (
        <ReceiptState
          receipt={r}
          onConfirm={() => void act(confirmReceipt.mutateAsync(r.id))}
          onSubmit={() => void act(submitRefund.mutateAsync(r.id))}
        />
      ),
    },
    { title: t('payments.fields.payer'), dataIndex: 'payer', hidden: true },
    { title: t('payments.fields.reference'), dataIndex: 'reference', hidden: true },
    { title: t('customers.fields.owner'), dataIndex: 'ownerName', hidden: true },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      hidden: true,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];
  const listView = useListView('receipts', columns);
  return (
    <Card title={t('nav.receipts')}>
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Select
          allowClear
          placeholder={t('payments.fields.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v?: string) => update({ status: v })}
          options={receiptStatuses.map((s) => ({ value: s, label: t(`payments.${s}`) }))}
        />
      </FilterBar>
      <PagedTable<Receipt>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        empty={t('customers.tabs.noReceipts')}
        onPageChange={update}
        {...listView.table}
      />
    </Card>
  );
}
