import { PlusOutlined } from '@ant-design/icons';
import { type Order, type OrderQuery, orderStatuses, type QueryOf } from '@relate/common';
import { Button, Card, Input, Select, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { OrderStatusTag } from './OrderStatusTag';
import { useOrders } from './queries';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { usePageTitle } from '../../components/usePageTitle';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { stateListFilters, useListView } from '../../components/useListView';
import { PagedTable } from '../../components/PagedTable';

type Filters = QueryOf<typeof OrderQuery> & { page: number; pageSize: number };

export function OrderListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.orders'));
  const { can } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const [filters, setFilters, addressQ] = useFiltersWithAddressSearch<Filters>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useOrders(filters);
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  const columns: TableColumnsType<Order> = [
    {
      title: t('orders.fields.number'),
      dataIndex: 'number',
      sorter: true,
      render: (v: string, o) => <Link to={`/orders/${o.id}`}>{v}</Link>,
    },
    { title: t('orders.fields.title'), dataIndex: 'title' },
    {
      title: t('orders.fields.customer'),
      dataIndex: 'customerName',
      render: (v: string, o) => <Link to={`/customers/${o.customerId}`}>{v}</Link>,
    },
    {
      title: t('orders.fields.total'),
      dataIndex: 'total',
      align: 'right',
      sorter: true,
      render: (v: string, o) => money(v, o.currency),
    },
    {
      title: t('orders.fields.status'),
      dataIndex: 'status',
      render: (s: Order['status']) => <OrderStatusTag status={s} />,
    },
    {
      title: t('orders.fields.requestedDeliveryDate'),
      dataIndex: 'requestedDeliveryDate',
      sorter: true,
      render: (v: string | null) => v ?? '-',
    },
    { title: t('orders.fields.owner'), dataIndex: 'ownerName' },
  ];
  const listView = useListView('orders', columns, stateListFilters(filters, setFilters, { q: 'text', status: 'list' }));
  return (
    <Card
      title={t('nav.orders')}
      extra={
        can('orders.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orders/new')}>
            {t('orders.new')}
          </Button>
        )
      }
    >
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Input.Search
          key={filters.q ?? addressQ}
          defaultValue={filters.q ?? addressQ}
          allowClear
          placeholder={t('orders.searchPlaceholder')}
          onSearch={(q) => change({ q: q || undefined })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('orders.fields.status')}
          style={{ width: 160 }}
          value={filters.status?.[0]}
          onChange={(status) => change({ status: status ? [status] : undefined })}
          options={orderStatuses.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
        />
      </FilterBar>
      <PagedTable<Order>
        list={data}
        page={filters.page}
        pageSize={filters.pageSize}
        loading={isFetching}
        empty={t('orders.empty')}
        {...listView.table}
        onPageChange={(change) => setFilters((f) => ({ ...f, ...change }))}
      />
    </Card>
  );
}
