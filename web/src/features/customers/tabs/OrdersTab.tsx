import type { Order } from '@relate/common';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../../app/session';
import { useMoney } from '../../../components/money';
import { NewButton } from '../../../components/NewButton';
import { OrderStatusTag } from '../../orders/OrderStatusTag';
import { useOrders } from '../../orders/queries';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';
import { TabTable } from './TabTable';

export function OrdersTabLabel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { data } = useOrders({ customerId, ...firstTabPage });
  return <TabLabel title={t('nav.orders')} list={data} />;
}

/** The customer's sales orders, with a new order for the customer. */
export function OrdersTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const paging = useTabPaging();
  const { data, isFetching } = useOrders({ customerId, page: paging.page, pageSize: paging.pageSize });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('orders.create') && (
        <NewButton onClick={() => void navigate(`/orders/new?customerId=${customerId}`)}>{t('orders.new')}</NewButton>
      )}
      <TabTable<Order>
        paging={paging}
        list={data}
        loading={isFetching}
        empty={t('orders.empty')}
        data-testid="customer-orders"
        columns={[
          {
            title: t('orders.fields.number'),
            dataIndex: 'number',
            render: (v: string, o) => <Link to={`/orders/${o.id}`}>{v}</Link>,
          },
          { title: t('orders.fields.title'), dataIndex: 'title' },
          {
            title: t('orders.fields.total'),
            dataIndex: 'total',
            align: 'right',
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
            render: (v: string | null) => v ?? '-',
          },
          { title: t('orders.fields.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '-' },
        ]}
      />
    </Space>
  );
}
