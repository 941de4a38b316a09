import { DollarOutlined, ScheduleOutlined } from '@ant-design/icons';
import {
  fromMinorUnits,
  type Instalment,
  type OrderDetail,
  type Receipt,
  receiptMethods,
  toMinorUnits,
} from '@relate/common';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { emptyToNull, useRequired } from '../../components/forms';
import { useMoney } from '../../components/money';
import { instalmentColumns } from './instalment-columns';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import {
  useConfirmReceipt,
  usePaymentPlan,
  useReceipts,
  useRecordReceipt,
  useSetPaymentPlan,
  useSubmitRefund,
} from './queries';
import { WorkingDayPicker } from '../calendar/WorkingDayPicker';

type PlanValues = { rows: Array<{ dueDate: dayjs.Dayjs; percent?: string }> };
type PaymentValues = {
  receivedOn: dayjs.Dayjs;
  amount: string;
  method: Receipt['method'];
  reference?: string;
  payer?: string;
  overpayment?: boolean;
  allocations?: Record<string, string | null>;
};

/** Where a payment stands: a refund is approved first, then finance confirms it like money received. */
export function ReceiptState({
  receipt,
  onConfirm,
  onSubmit,
}: {
  receipt: Receipt;
  onConfirm: () => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (receipt.status === 'confirmed') return <Tag color="green">{t('payments.confirmed')}</Tag>;
  const refund = Number(receipt.amount) < 0;
  if (refund && receipt.approvalStatus === 'pending') return <Tag color="gold">{t('approvals.statuses.pending')}</Tag>;
  if (refund && receipt.approvalStatus !== 'approved')
    return can('receipts.create') ? (
      <Button size="small" onClick={onSubmit}>
        {t('approvals.submit')}
      </Button>
    ) : (
      <Tag>{t('payments.unconfirmed')}</Tag>
    );
  // Confirming counts the money as received for good: asked once more, with the amount.
  return can('receipts.confirm') ? (
    <Popconfirm
      title={t('payments.confirmTitle', { number: receipt.number })}
      description={t('payments.confirmText')}
      onConfirm={onConfirm}
    >
      <Button size="small" data-testid={`confirm-${receipt.id}`}>
        {t('payments.confirm')}
      </Button>
    </Popconfirm>
  ) : (
    <Tag>{t('payments.unconfirmed')}</Tag>
  );
}

/** An order's payment plan, the payments received on it, and the forms to set the plan and record a payment. */
export function PaymentsCard({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const plan = usePaymentPlan(order.id);
  const receipts = useReceipts({ orderId: order.id, pageSize: 100 }, can('receipts.view'));
  const setPlan = useSetPaymentPlan();
  const recordReceipt = useRecordReceipt();
  const submitRefund = useSubmitRefund();
  const confirmReceipt = useConfirmReceipt();
  const planDialog = useSaveDialog<never>();
  const paymentDialog = useSaveDialog<never>();
  const instalments = plan.data ?? [];
  const open = instalments.filter((i) => i.status !== 'paid');

  const savePlan = ({ rows }: PlanValues) =>
    setPlan.mutateAsync({
      orderId: order.id,
      body: {
        instalments: rows.map((r) => ({ dueDate: r.dueDate.format('YYYY-MM-DD'), percent: String(r.percent) })),
      },
    });
  const savePayment = (values: PaymentValues) => {
    const allocations = Object.entries(values.allocations ?? {})
      .filter(([, a]) => a && Number(a) > 0)
      .map(([id, a]) => ({ instalmentId: Number(id), amount: String(a) }));
    return recordReceipt.mutateAsync(
      emptyToNull({
        customerId: order.customerId,
        receivedOn: values.receivedOn.format('YYYY-MM-DD'),
        amount: String(values.amount),
        currency: order.currency,
        method: values.method,
        reference: values.reference,
        payer: values.payer,
        overpayment: Boolean(values.overpayment),
        allocations,
      }),
    );
  };
  const act = async (change: Promise<unknown>) => {
    try {
      await change;
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };

  return (
    <Card
      title={t('payments.title')}
      extra={
        <Space>
          {can('orders.edit') && !instalments.some((i) => i.status !== 'open') && (
            <Button size="small" icon={<ScheduleOutlined />} onClick={planDialog.openNew} data-testid="set-plan">
              {t('payments.setPlan')}
            </Button>
          )}
          {can('receipts.create') && instalments.length > 0 && (
            <Button
              size="small"
              type="primary"
              icon={<DollarOutlined />}
              onClick={paymentDialog.openNew}
              data-testid="record-payment"
            >
              {t('payments.record')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<Instalment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={instalments}
        locale={{ emptyText: t('payments.noPlan') }}
        data-testid="instalments"
        columns={instalmentColumns(t, money)}
      />
      {(receipts.data?.items.length ?? 0) > 0 && (
        <Table<Receipt>
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={receipts.data?.items ?? []}
          columns={[
            { title: t('payments.fields.number'), dataIndex: 'number' },
            { title: t('payments.fields.receivedOn'), dataIndex: 'receivedOn' },
            {
              title: t('payments.fields.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (v: string, r) => money(v, r.currency),
            },
            { title: t('payments.fields.currency'), dataIndex: 'currency' },
            {
              title: t('payments.fields.method'),
              dataIndex: 'method',
              render: (m: string) => t(`payments.methods.${m}`),
            },
            { title: t('payments.fields.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '-' },
            {
              title: t('payments.fields.status'),
              dataIndex: 'status',
              render: (s: Receipt['status'], r) => (
                <ReceiptState
                  receipt={r}
                  onConfirm={() => void act(confirmReceipt.mutateAsync(r.id))}
                  onSubmit={() => void act(submitRefund.mutateAsync(r.id))}
                />
              ),
            },
          ]}
        />
      )}
      <SaveDialog
        dialog={planDialog}
        title={t('payments.setPlan')}
        initialValues={{ rows: [{ dueDate: dayjs().add(30, 'day'), percent: '100' }] }}
        onSave={savePlan}
        okText={t('common.ok')}
        width={560}
      >
        <Form.List name="rows">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'dueDate']} rules={required.value}>
                    <WorkingDayPicker />
                  </Form.Item>
                  <Form.Item name={[field.name, 'percent']} rules={required.value}>
                    <InputNumber stringMode min="0" max="100" addonAfter="%" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="link" onClick={() => remove(field.name)}>
                      {t('common.remove')}
                    </Button>
                  )}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ dueDate: dayjs().add(30 * (fields.length + 1), 'day') })}>
                {t('payments.addInstalment')}
              </Button>
            </>
          )}
        </Form.List>
      </SaveDialog>
      <SaveDialog
        dialog={paymentDialog}
        title={t('payments.record')}
        initialValues={{
          receivedOn: dayjs(),
          method: 'bank_transfer',
          amount: fromMinorUnits(open.reduce((s, i) => s + toMinorUnits(i.outstanding), 0)),
          allocations: Object.fromEntries(open.map((i) => [i.id, i.outstanding])),
        }}
        onSave={savePayment}
        savedMessage={t('payments.recorded')}
        width={640}
        saveTestId="payment-save"
      >
        <Space wrap>
          <Form.Item name="receivedOn" label={t('payments.fields.receivedOn')} rules={required.value}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('payments.fields.amount')}
            rules={required.value}
            extra={t('payments.currencyRule', { currency: order.currency })}
          >
            <InputNumber
              stringMode
              precision={2}
              style={{ width: 200 }}
              addonAfter={order.currency}
              data-testid="payment-amount"
            />
          </Form.Item>
          <Form.Item name="method" label={t('payments.fields.method')}>
            <Select
              style={{ width: 140 }}
              options={receiptMethods.map((m) => ({ value: m, label: t(`payments.methods.${m}`) }))}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="payer" label={t('payments.fields.payer')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="reference" label={t('payments.fields.reference')}>
            <Input maxLength={200} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t('payments.allocate')}</Typography.Text>
        {open.map((i) => (
          <Form.Item
            key={i.id}
            name={['allocations', String(i.id)]}
            label={`#${i.seq} ${i.dueDate} · ${t('payments.fields.outstanding')} ${money(i.outstanding, order.currency)}`}
            style={{ marginBottom: 8 }}
          >
            <InputNumber stringMode min="0" precision={2} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Form.Item name="overpayment" valuePropName="checked">
          <Checkbox>{t('payments.allowOverpayment')}</Checkbox>
        </Form.Item>
      </SaveDialog>
    </Card>
  );
}
