import type { Quote } from '@relate/common';
import { Empty, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../components/money';
import { type QuoteFilters, useQuotes } from './queries';
import { QuoteStatusTag } from './QuoteStatusTag';
import { ListTotal } from '../../components/ListTotal';

/** Quotes matching filters, newest first; used on the quotes page and on customers and opportunities. */
export function QuotesTable({
  filters,
  onPage,
  compact,
  table,
}: {
  filters: QuoteFilters;
  onPage?: (page: number, pageSize: number, sort?: string) => void;
  compact?: boolean;
  /** The columns and size a list view chose, in place of the table's own. */
  table?: { columns: TableColumnsType<Quote>; size?: 'small'; className?: string };
}) {
  const { t } = useTranslation();
  const columns = useQuoteColumns(compact);
  const { data, isFetching } = useQuotes(filters);
  return (
    <Table<Quote>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      loading={isFetching}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('quotes.empty')} /> }}
      columns={columns}
      {...table}
      pagination={{
        current: filters.page,
        pageSize: filters.pageSize,
        total: data?.total ?? 0,
        hideOnSinglePage: compact,
        showTotal: (total) => <ListTotal total={total} capped={data?.totalCapped} />,
      }}
      onChange={(p, _f, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        onPage?.(
          p.current ?? 1,
          p.pageSize ?? 20,
          s?.order ? `${String(s.field)}:${s.order === 'ascend' ? 'asc' : 'desc'}` : undefined,
        );
      }}
    />
  );
}

/** The columns of a list of quotes; the short set (no customer, owner or sorting) for a record's tab. */
export function useQuoteColumns(compact?: boolean): TableColumnsType<Quote> {
  const { t } = useTranslation();
  const money = useMoney();
  return [
    {
      title: t('quotes.fields.number'),
      dataIndex: 'number',
      sorter: !compact,
      render: (v: string, q) => <Link to={`/quotes/${q.id}`}>{q.version > 1 ? `${v} v${q.version}` : v}</Link>,
    },
    { title: t('quotes.fields.title'), dataIndex: 'title' },
    ...(compact
      ? []
      : [
          {
            title: t('quotes.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, q: Quote) => <Link to={`/customers/${q.customerId}`}>{v}</Link>,
          },
        ]),
    {
      title: t('quotes.fields.total'),
      dataIndex: 'total',
      align: 'right',
      sorter: !compact,
      render: (v: string, q) => money(v, q.currency),
    },
    {
      title: t('quotes.fields.status'),
      dataIndex: 'status',
      render: (s: Quote['status']) => <QuoteStatusTag status={s} />,
    },
    {
      title: t('quotes.fields.validUntil'),
      dataIndex: 'validUntil',
      sorter: !compact,
      render: (v: string | null) => v ?? '-',
    },
    ...(compact ? [] : [{ title: t('quotes.fields.owner'), dataIndex: 'ownerName' }]),
  ];
}
