import { type Receipt, receiptStatuses } from '@relate/common';
import { Card, Input, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { useListView } from '../../components/useListView';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { useReceipts } from './queries';
import { useReceiptColumns } from './receipt-columns';

/** 回款: the payments received in the caller's scope, confirmed or not, with filters in the URL. */
export function ReceiptListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.receipts'));
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const status = (params.get('status') || undefined) as Receipt['status'] | undefined;
  // One receipt by its number, as a commission statement's line links to it.
  const number = params.get('number') || undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useReceipts({ number, status, page, pageSize });
  const columns: TableColumnsType<Receipt> = [
    ...useReceiptColumns({ withCustomer: true }),
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
        <Input.Search
          key={number ?? ''}
          allowClear
          placeholder={t('payments.fields.number')}
          style={{ width: 200 }}
          defaultValue={number}
          onSearch={(v) => update({ number: v.trim() })}
          data-testid="receipt-number-filter"
        />
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
