import { PlusOutlined } from '@ant-design/icons';
import { quoteStatuses } from '@relate/common';
import { Button, Card, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import type { QuoteFilters } from './queries';
import { QuotesTable } from './QuotesTable';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { usePageTitle } from '../../components/usePageTitle';

export function QuoteListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.quotes'));
  const { can } = useSession();
  const navigate = useNavigate();
  const [filters, setFilters, addressQ] = useFiltersWithAddressSearch<QuoteFilters>({ page: 1, pageSize: 20 });
  const change = (next: Partial<QuoteFilters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
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
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={addressQ}
          defaultValue={addressQ}
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
      </Space>
      <QuotesTable
        filters={filters}
        onPage={(page, pageSize, sort) => setFilters((f) => ({ ...f, page, pageSize, sort }))}
      />
    </Card>
  );
}
