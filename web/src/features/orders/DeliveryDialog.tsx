import type { OrderDetail } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Table } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { emptyToNull, useErrorReporter } from '../../components/forms';

/** Records what leaves the warehouse now: each line starts at what remains, set to zero to leave a line out. */
export function DeliveryDialog({ order, open, onClose }: { order: OrderDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const openLines = order.lines.filter((l) => Number(l.remaining) > 0);
  useEffect(() => {
    if (!open) return;
    const remaining = order.lines.filter((l) => Number(l.remaining) > 0).map((l) => [l.id, l.remaining]);
    form.setFieldsValue({ deliveredOn: dayjs(), quantities: Object.fromEntries(remaining) });
  }, [open, form, order.lines]);
  const save = async (values: {
    deliveredOn: dayjs.Dayjs;
    quantities: Record<string, string | null>;
    carrier?: string;
    trackingNumber?: string;
    recipient?: string;
  }) => {
    const lines = Object.entries(values.quantities ?? {})
      .filter(([, q]) => q && Number(q) > 0)
      .map(([id, q]) => ({ orderLineId: Number(id), quantity: String(q) }));
    try {
      const updated = await api.post<OrderDetail>(
        `/api/v1/orders/${order.id}/deliveries`,
        emptyToNull({
          deliveredOn: values.deliveredOn.format('YYYY-MM-DD'),
          carrier: values.carrier,
          trackingNumber: values.trackingNumber,
          recipient: values.recipient,
          lines,
        }),
      );
      queryClient.setQueryData(['orders', 'detail', order.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      message.success(t('orders.delivered'));
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={open}
      title={t('orders.recordDelivery')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'delivery-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="deliveredOn"
          label={t('orders.fields.deliveredOn')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <DatePicker />
        </Form.Item>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={openLines}
          columns={[
            { title: t('quotes.lines.name'), dataIndex: 'name' },
            { title: t('orders.fields.remaining'), dataIndex: 'remaining', align: 'right' },
            {
              title: t('orders.fields.deliverNow'),
              key: 'q',
              width: 140,
              render: (_, l) => (
                <Form.Item name={['quantities', String(l.id)]} noStyle>
                  <InputNumber
                    stringMode
                    min="0"
                    max={l.remaining}
                    style={{ width: '100%' }}
                    aria-label={`${t('orders.fields.deliverNow')} ${l.name}`}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item name="carrier" label={t('orders.fields.carrier')} style={{ marginTop: 16 }}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="trackingNumber" label={t('orders.fields.trackingNumber')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="recipient" label={t('orders.fields.recipient')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
