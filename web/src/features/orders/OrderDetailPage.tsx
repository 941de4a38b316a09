import { CarOutlined, CheckOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import type { Delivery, OrderDetail, OrderLine } from '@relate/common';
import { App, Button, Card, Descriptions, Form, Input, Space, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { DocumentApproval } from '../approvals/DocumentApproval';
import { InvoicesCard } from '../payments/InvoicesCard';
import { PaymentsCard } from '../payments/PaymentsCard';
import { DeliveryDialog } from './DeliveryDialog';
import { OrderStatusTag } from './OrderStatusTag';
import { useCancelOrder, useCompleteOrder, useDeleteOrder, useOrder, useSubmitOrder } from './queries';
import { useRequired } from '../../components/forms';
import { RecordNotFound } from '../../components/RecordNotFound';
import { RecordHeader } from '../../components/RecordHeader';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { priceColumns, quantityColumn } from '../quotes/line-columns';
import { usePageTitle } from '../../components/usePageTitle';
import { PdfButton } from '../../components/PdfButton';
import { ordersApi } from './api';

export function OrderDetailPage() {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const id = Number(useParams().id);
  const { data: o, isLoading, error } = useOrder(id);
  usePageTitle(o?.number, t('nav.orders'));
  const submitOrder = useSubmitOrder();
  const completeOrder = useCompleteOrder();
  const cancelOrder = useCancelOrder();
  const deleteOrder = useDeleteOrder();
  const delivery = useSaveDialog<OrderDetail>();
  const cancelDialog = useSaveDialog<never>();

  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !o) return <RecordNotFound error={error} backTo="/orders" />;
  const announce = (updated: OrderDetail) => message.success(t(`orders.statuses.${updated.status}`));
  const act = async (change: Promise<OrderDetail>) => {
    try {
      announce(await change);
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  const deliverable = can('orders.deliver') && (o.status === 'approved' || o.status === 'partially_delivered');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={o.title}
          tags={
            <>
              <Typography.Text type="secondary">{o.number}</Typography.Text>
              <OrderStatusTag status={o.status} />
              <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
              {o.quoteId && <Link to={`/quotes/${o.quoteId}`}>{o.quoteNumber}</Link>}
            </>
          }
          actions={
            <>
              <PdfButton download={(locale) => ordersApi.downloadPdf(id, locale)} testId="order-pdf" />
              {can('orders.edit') && o.status === 'draft' && (
                <Button icon={<EditOutlined />} onClick={() => navigate(`/orders/${id}/edit`)}>
                  {t('common.edit')}
                </Button>
              )}
              {can('orders.edit') && o.status === 'draft' && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  onClick={() => void act(submitOrder.mutateAsync(id))}
                  data-testid="order-submit"
                >
                  {t('orders.submit')}
                </Button>
              )}
              {deliverable && (
                <Button
                  type="primary"
                  icon={<CarOutlined />}
                  onClick={() => delivery.openEdit(o)}
                  data-testid="order-deliver"
                >
                  {t('orders.recordDelivery')}
                </Button>
              )}
              {can('orders.edit') && o.status === 'delivered' && (
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => void act(completeOrder.mutateAsync(id))}
                  data-testid="order-complete"
                >
                  {t('orders.complete')}
                </Button>
              )}
              {can('orders.edit') && ['draft', 'approved', 'partially_delivered'].includes(o.status) && (
                <Button danger icon={<StopOutlined />} onClick={cancelDialog.openNew}>
                  {o.status === 'partially_delivered' ? t('orders.terminate') : t('orders.cancel')}
                </Button>
              )}
              {can('orders.delete') && (o.status === 'draft' || o.status === 'cancelled') && (
                <DeleteRecordButton
                  confirm={t('common.deleteConfirm')}
                  onDelete={() => deleteOrder.mutateAsync(id)}
                  deletedMessage={t('common.deleted')}
                  backTo="/orders"
                />
              )}
            </>
          }
        />
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('orders.fields.contact')}>{o.contactName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.fields.requestedDeliveryDate')}>
            {o.requestedDeliveryDate ?? '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.fields.owner')}>{o.ownerName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.fields.shippingAddress')}>{o.shippingAddress ?? '-'}</Descriptions.Item>
          {o.warehouseName && (
            <Descriptions.Item label={t('orders.fields.warehouse')}>{o.warehouseName}</Descriptions.Item>
          )}
          {o.approvedAt && (
            <Descriptions.Item label={t('orders.fields.approvedAt')}>
              {dayjs(o.approvedAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
          )}
          {o.closeReason && (
            <Descriptions.Item label={t('orders.fields.closeReason')}>{o.closeReason}</Descriptions.Item>
          )}
        </Descriptions>
        {(o.status === 'draft' || o.status === 'pending_approval') && (
          <DocumentApproval documentType="order" documentId={o.id} canSubmit={false} />
        )}
      </Card>
      <Card title={t('quotes.lines.title')}>
        <Table<OrderLine>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.lines}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '#', dataIndex: 'position', width: 40 },
            {
              title: t('quotes.lines.name'),
              dataIndex: 'name',
              render: (v: string, l) => (l.productCode ? `${l.productCode} · ${v}` : v),
            },
            quantityColumn<OrderLine>(t),
            { title: t('orders.fields.delivered'), dataIndex: 'delivered', align: 'right' },
            ...priceColumns<OrderLine>(t, money, o.currency),
            ...(can('inventory.costs')
              ? [
                  {
                    title: t('orders.fields.cost'),
                    dataIndex: 'cost',
                    align: 'right' as const,
                    render: (v: string | null) => money(v),
                  },
                  {
                    title: t('orders.fields.margin'),
                    dataIndex: 'margin',
                    align: 'right' as const,
                    render: (v: string | null) => money(v),
                  },
                ]
              : []),
          ]}
          summary={() =>
            (['subtotal', 'discount', 'tax', 'pointsAmount', 'total'] as const)
              .filter((key) => key !== 'pointsAmount' || o.pointsRedeemed > 0)
              .map((key) => (
                <Table.Summary.Row key={key}>
                  <Table.Summary.Cell index={0} colSpan={7} align="right">
                    <Typography.Text strong={key === 'total'}>
                      {t(`quotes.fields.${key}`)}
                      {key === 'pointsAmount' ? ` (${o.pointsRedeemed})` : ''}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Typography.Text strong={key === 'total'} data-testid={`order-${key}`}>
                      {money(key === 'discount' || key === 'pointsAmount' ? `-${o[key]}` : o[key], o.currency)}
                    </Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ))
          }
        />
      </Card>
      {!['draft', 'pending_approval', 'cancelled'].includes(o.status) && <PaymentsCard order={o} />}
      {!['draft', 'pending_approval', 'cancelled'].includes(o.status) && can('invoices.view') && (
        <InvoicesCard order={o} />
      )}
      <Card title={t('orders.deliveries')}>
        <Table<Delivery>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.deliveries}
          locale={{ emptyText: t('orders.noDeliveries') }}
          columns={[
            { title: t('orders.fields.deliveryNumber'), dataIndex: 'number' },
            { title: t('orders.fields.deliveredOn'), dataIndex: 'deliveredOn' },
            {
              title: t('orders.fields.carrier'),
              dataIndex: 'carrier',
              render: (v: string | null, d) => [v, d.trackingNumber].filter(Boolean).join(' · ') || '-',
            },
            { title: t('orders.fields.recipient'), dataIndex: 'recipient', render: (v: string | null) => v ?? '-' },
            {
              title: t('quotes.lines.title'),
              dataIndex: 'lines',
              render: (lines: Delivery['lines']) => lines.map((l) => `${l.name} × ${l.quantity}`).join('，'),
            },
          ]}
        />
      </Card>
      <DeliveryDialog order={o} dialog={delivery} />
      <SaveDialog
        dialog={cancelDialog}
        title={o.status === 'partially_delivered' ? t('orders.terminate') : t('orders.cancel')}
        onSave={async ({ reason }: { reason: string }) => announce(await cancelOrder.mutateAsync({ id, reason }))}
        savedMessage={false}
        okText={t('common.ok')}
      >
        <Form.Item name="reason" label={t('orders.fields.closeReason')} rules={required.text}>
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}
