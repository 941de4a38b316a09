import { PlusOutlined } from '@ant-design/icons';
import { quoteStatuses } from '@relate/common';
import { Button, Card, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import type { QuoteFilters } from './queries';
import { QuotesTable, useQuoteColumns } from './QuotesTable';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { stateListFilters, useListView } from '../../components/useListView';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { usePageTitle } from '../../components/usePageTitle';

export function QuoteListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.quotes'));
  const { can } = useSession();
  const navigate = useNavigate();
  const [filters, setFilters, addressQ] = useFiltersWithAddressSearch<QuoteFilters>({ page: 1, pageSize: 20 });
  const change = (next: Partial<QuoteFilters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  const columns = useQuoteColumns();
  const listView = useListView('quotes', columns, stateListFilters(filters, setFilters, { q: 'text', status: 'list' }));
  return (
    <Card
      title={t('nav.quotes')}
      extra={
        can('quotes.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/quotes/new')}>
            {t('quotes.new')}
          </Button>
        )
      }
    >
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Input.Search
          key={filters.q ?? addressQ}
          defaultValue={filters.q ?? addressQ}
          allowClear
          placeholder={t('quotes.searchPlaceholder')}
          onSearch={(q) => change({ q: q || undefined })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('quotes.fields.status')}
          style={{ width: 140 }}
          value={filters.status?.[0]}
          onChange={(status) => change({ status: status ? [status] : undefined })}
          options={quoteStatuses.map((s) => ({ value: s, label: t(`quotes.statuses.${s}`) }))}
        />
      </FilterBar>
      <QuotesTable
        filters={filters}
        onPage={(change) => setFilters((f) => ({ ...f, ...change }))}
        table={listView.table}
      />
    </Card>
  );
}
