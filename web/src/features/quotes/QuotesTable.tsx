import type { Quote } from '@relate/common';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../components/money';
import { type QuoteFilters, useQuotes } from './queries';
import { QuoteStatusTag } from './QuoteStatusTag';
import { type PageChange, PagedTable } from '../../components/PagedTable';

/**
 * Quotes matching filters, newest first; used on the quotes page and on customers and opportunities.
 * Without `onPage` (a record's tab) the table turns its own pages.
 */
export function QuotesTable({
  filters,
  onPage,
  compact,
  table,
}: {
  filters: QuoteFilters;
  onPage?: (change: PageChange) => void;
  compact?: boolean;
  /** The columns and size a list view chose, in place of the table's own. */
  table?: { columns: TableColumnsType<Quote>; size?: 'small'; className?: string };
}) {
  const { t } = useTranslation();
  const columns = useQuoteColumns(compact);
  const [ownPage, setOwnPage] = useState<PageChange | null>(null);
  const shown = onPage || !ownPage ? filters : { ...filters, ...ownPage };
  const { data, isFetching } = useQuotes(shown);
  return (
    <PagedTable<Quote>
      list={data}
      page={shown.page}
      pageSize={shown.pageSize}
      size={compact ? 'small' : 'middle'}
      loading={isFetching}
      empty={t('quotes.empty')}
      columns={columns}
      hideOnSinglePage={compact}
      {...table}
      onPageChange={(change) => (onPage ? onPage(change) : setOwnPage((held) => ({ ...held, ...change })))}
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
