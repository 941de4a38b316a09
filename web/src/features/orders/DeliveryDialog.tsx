import type { OrderDetail } from '@relate/common';
import { DatePicker, Form, Input, InputNumber, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useDeliverOrder } from './queries';

type DeliveryValues = {
  deliveredOn: dayjs.Dayjs;
  quantities: Record<string, string | null>;
  carrier?: string;
  trackingNumber?: string;
  recipient?: string;
};

const openLinesOf = (order: OrderDetail) => order.lines.filter((l) => Number(l.remaining) > 0);

/** Records what leaves the warehouse now: each line starts at what remains, set to zero to leave a line out. */
export function DeliveryDialog({ order, dialog }: { order: OrderDetail; dialog: SaveDialogState<OrderDetail> }) {
  const { t } = useTranslation();
  const required = useRequired();
  const deliver = useDeliverOrder();
  const save = (values: DeliveryValues) => {
    const lines = Object.entries(values.quantities ?? {})
      .filter(([, q]) => q && Number(q) > 0)
      .map(([id, q]) => ({ orderLineId: Number(id), quantity: String(q) }));
    return deliver.mutateAsync({
      id: order.id,
      body: emptyToNull({
        deliveredOn: values.deliveredOn.format('YYYY-MM-DD'),
        carrier: values.carrier,
        trackingNumber: values.trackingNumber,
        recipient: values.recipient,
        lines,
      }),
    });
  };
  return (
    <SaveDialog
      dialog={dialog}
      title={t('orders.recordDelivery')}
      toValues={(opened) => ({
        deliveredOn: dayjs(),
        quantities: Object.fromEntries(openLinesOf(opened).map((l) => [l.id, l.remaining])),
      })}
      onSave={save}
      savedMessage={t('orders.delivered')}
      width={720}
      saveTestId="delivery-save"
    >
      <Form.Item name="deliveredOn" label={t('orders.fields.deliveredOn')} rules={required.value}>
        <DatePicker />
      </Form.Item>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={openLinesOf(order)}
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
    </SaveDialog>
  );
}
