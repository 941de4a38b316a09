import type { PortalOrder } from '@relate/common';
import { Button, Descriptions, Drawer, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';
import { usePortalOrder, usePortalOrders } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

/** The company's orders, read-only; a click shows the lines, what has been delivered and the shipments. */
export function PortalOrdersPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.nav.orders'));
  const money = useMoney();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<number | null>(null);
  const list = usePortalOrders(page);
  const detail = usePortalOrder(openId);
  const order = detail.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('portal.nav.orders')}
      </Typography.Title>
      <Table<PortalOrder>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('portal.noOrders')} /> }}
        columns={[
          {
            title: t('portal.orderNumber'),
            dataIndex: 'number',
            render: (n, row) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(row.id)}>
                {n}
              </Button>
            ),
          },
          { title: t('portal.orderTitle'), dataIndex: 'title' },
          {
            title: t('tickets.fields.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`orders.statuses.${s}`)}</Tag>,
          },
          {
            title: t('portal.amount'),
            dataIndex: 'total',
            align: 'right',
            render: (v: string, row) => money(v, row.currency),
          },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            responsive: ['md'],
            render: (v: string) => dayjs(v).format('YYYY-MM-DD'),
          },
        ]}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
      />
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        width={Math.min(720, window.innerWidth)}
        title={order ? `${order.number} ${order.title}` : ''}
        loading={detail.isLoading}
      >
        {order && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('tickets.fields.status')}>
                {t(`orders.statuses.${order.status}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('portal.amount')}>{money(order.total, order.currency)}</Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={false}
              dataSource={order.lines}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('portal.item'), dataIndex: 'name' },
                {
                  title: t('portal.quantity'),
                  dataIndex: 'quantity',
                  align: 'right',
                  render: (q: string, l) => `${q}${l.unit ? ` ${l.unit}` : ''}`,
                },
                { title: t('portal.delivered'), dataIndex: 'delivered', align: 'right' },
                {
                  title: t('portal.unitPrice'),
                  dataIndex: 'unitPrice',
                  align: 'right',
                  render: (v: string) => money(v, order.currency),
                },
                {
                  title: t('portal.amount'),
                  dataIndex: 'total',
                  align: 'right',
                  render: (v: string) => money(v, order.currency),
                },
              ]}
            />
            <div>
              <Typography.Title level={5}>{t('portal.deliveries')}</Typography.Title>
              <Table
                size="small"
                rowKey="number"
                pagination={false}
                dataSource={order.deliveries}
                locale={{ emptyText: <Empty description={t('portal.noDeliveries')} /> }}
                columns={[
                  { title: t('portal.deliveryNumber'), dataIndex: 'number' },
                  { title: t('portal.deliveredOn'), dataIndex: 'deliveredOn' },
                  { title: t('portal.carrier'), dataIndex: 'carrier' },
                  { title: t('portal.trackingNumber'), dataIndex: 'trackingNumber' },
                ]}
              />
            </div>
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
