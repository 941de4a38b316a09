import { DollarOutlined, ScheduleOutlined } from '@ant-design/icons';
import {
  fromMinorUnits,
  type Instalment,
  type OrderDetail,
  type Page,
  type Receipt,
  receiptMethods,
  toMinorUnits,
} from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { useMoney } from '../../components/money';

const statusColors: Record<Instalment['status'], string> = { open: 'default', partial: 'gold', paid: 'green' };

/** Where a payment stands: a refund is approved first, then finance confirms it like money received. */
function ReceiptState({
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
  return can('receipts.confirm') ? (
    <Button size="small" onClick={onConfirm} data-testid={`confirm-${receipt.id}`}>
      {t('payments.confirm')}
    </Button>
  ) : (
    <Tag>{t('payments.unconfirmed')}</Tag>
  );
}

/** An order's payment plan, the payments received on it, and the forms to set the plan and record a payment. */
export function PaymentsCard({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const queryClient = useQueryClient();
  const [planning, setPlanning] = useState(false);
  const [paying, setPaying] = useState(false);
  const [planForm] = Form.useForm();
  const [payForm] = Form.useForm();
  const planError = useErrorReporter(planForm);
  const payError = useErrorReporter(payForm);
  const plan = useQuery({
    queryKey: ['receivables', 'plan', order.id],
    queryFn: () => api.get<Instalment[]>(`/api/v1/orders/${order.id}/payment-plan`),
  });
  const receipts = useQuery({
    queryKey: ['receivables', 'receipts', order.id],
    queryFn: () => api.get<Page<Receipt>>('/api/v1/receipts', { orderId: order.id, pageSize: 100 }),
    enabled: can('receipts.view'),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['receivables'] });
  const instalments = plan.data ?? [];
  const open = instalments.filter((i) => i.status !== 'paid');

  const savePlan = async ({ rows }: { rows: Array<{ dueDate: dayjs.Dayjs; percent?: string }> }) => {
    try {
      await api.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: rows.map((r) => ({ dueDate: r.dueDate.format('YYYY-MM-DD'), percent: String(r.percent) })),
      });
      setPlanning(false);
      refresh();
    } catch (error) {
      planError(error);
    }
  };
  const savePayment = async (values: {
    receivedOn: dayjs.Dayjs;
    amount: string;
    method: string;
    reference?: string;
    payer?: string;
    overpayment?: boolean;
    allocations?: Record<string, string | null>;
  }) => {
    const allocations = Object.entries(values.allocations ?? {})
      .filter(([, a]) => a && Number(a) > 0)
      .map(([id, a]) => ({ instalmentId: Number(id), amount: String(a) }));
    try {
      await api.post(
        '/api/v1/receipts',
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
      message.success(t('payments.recorded'));
      setPaying(false);
      refresh();
    } catch (error) {
      payError(error);
    }
  };
  const submitRefund = async (id: number) => {
    try {
      await api.post(`/api/v1/receipts/${id}/submit`);
      refresh();
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const confirm = async (id: number) => {
    try {
      await api.post(`/api/v1/receipts/${id}/confirm`);
      refresh();
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
            <Button
              size="small"
              icon={<ScheduleOutlined />}
              onClick={() => {
                planForm.setFieldsValue({ rows: [{ dueDate: dayjs().add(30, 'day'), percent: '100' }] });
                setPlanning(true);
              }}
              data-testid="set-plan"
            >
              {t('payments.setPlan')}
            </Button>
          )}
          {can('receipts.create') && instalments.length > 0 && (
            <Button
              size="small"
              type="primary"
              icon={<DollarOutlined />}
              onClick={() => {
                payForm.setFieldsValue({
                  receivedOn: dayjs(),
                  method: 'bank_transfer',
                  amount: fromMinorUnits(open.reduce((s, i) => s + toMinorUnits(i.outstanding), 0)),
                  allocations: Object.fromEntries(open.map((i) => [i.id, i.outstanding])),
                });
                setPaying(true);
              }}
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
        columns={[
          { title: '#', dataIndex: 'seq', width: 40 },
          { title: t('payments.fields.dueDate'), dataIndex: 'dueDate' },
          {
            title: t('payments.fields.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string) => money(v, order.currency),
          },
          {
            title: t('payments.fields.received'),
            dataIndex: 'received',
            align: 'right',
            render: (v: string) => money(v, order.currency),
          },
          {
            title: t('payments.fields.outstanding'),
            dataIndex: 'outstanding',
            align: 'right',
            render: (v: string) => money(v, order.currency),
          },
          {
            title: t('payments.fields.status'),
            dataIndex: 'status',
            render: (s: Instalment['status'], i) => (
              <Space>
                <Tag color={statusColors[s]}>{t(`payments.statuses.${s}`)}</Tag>
                {i.daysOverdue > 0 && (
                  <Typography.Text type="danger">{t('payments.overdueDays', { count: i.daysOverdue })}</Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
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
                  onConfirm={() => void confirm(r.id)}
                  onSubmit={() => void submitRefund(r.id)}
                />
              ),
            },
          ]}
        />
      )}
      <Modal
        open={planning}
        title={t('payments.setPlan')}
        onCancel={() => setPlanning(false)}
        onOk={() => planForm.submit()}
        destroyOnHidden
        width={560}
      >
        <Form form={planForm} onFinish={savePlan}>
          <Form.List name="rows">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item
                      name={[field.name, 'dueDate']}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <DatePicker />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'percent']}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
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
        </Form>
      </Modal>
      <Modal
        open={paying}
        title={t('payments.record')}
        onCancel={() => setPaying(false)}
        onOk={() => payForm.submit()}
        destroyOnHidden
        width={640}
        okButtonProps={{ 'data-testid': 'payment-save' } as Record<string, string>}
      >
        <Form form={payForm} layout="vertical" onFinish={savePayment}>
          <Space wrap>
            <Form.Item
              name="receivedOn"
              label={t('payments.fields.receivedOn')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('payments.fields.amount')}
              rules={[{ required: true, message: t('validation.required') }]}
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
        </Form>
      </Modal>
    </Card>
  );
}
