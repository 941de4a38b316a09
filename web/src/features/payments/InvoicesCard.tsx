import { FileTextOutlined } from '@ant-design/icons';
import {
  type Body,
  fromMinorUnits,
  type Invoice,
  type InvoiceInput,
  isSpecialInvoice,
  issuableInvoiceTypes,
  type OrderDetail,
  toMinorUnits,
} from '@relate/common';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { emptyToNull, useRequired } from '../../components/forms';
import { AttachmentList } from '../../components/AttachmentList';
import { useMoney } from '../../components/money';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { InvoiceRequestDialog } from '../invoicing/InvoiceRequestDialog';
import { InvoiceRequestTable } from '../invoicing/InvoiceRequestTable';
import { useInvoiceRequests } from '../invoicing/queries';
import { useCancelInvoice, useInvoices, useIssueInvoice, useReceivables } from './queries';
import { RedLetterDialog } from './RedLetterDialog';

type InvoiceValues = Omit<Body<typeof InvoiceInput>, 'issuedOn' | 'customerId' | 'orderId'> & {
  issuedOn: dayjs.Dayjs;
};

/** An invoice's number and day of issue (after `children`), as recording one and offsetting one both ask them. */
export function NumberAndDay({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <Space wrap>
      {children}
      <Form.Item name="number" label={t('invoices.fields.number')} rules={required.text}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('invoices.fields.issuedOn')}>
        <DatePicker />
      </Form.Item>
    </Space>
  );
}

/** An invoice's amount with tax, and its tax. */
function AmountAndTax() {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Form.Item name="amount" label={t('invoices.fields.amount')}>
        <InputNumber stringMode min="0" precision={2} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="tax" label={t('invoices.fields.tax')}>
        <InputNumber stringMode min="0" precision={2} style={{ width: 160 }} />
      </Form.Item>
    </Space>
  );
}

/** The invoices issued for an order, with the form finance uses to record one. */
export function InvoicesCard({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const { data } = useInvoices({ orderId: order.id, pageSize: 100 });
  // What is already invoiced comes from the server's sum over all the order's invoices, not from the page shown.
  const figures = useReceivables({ orderId: order.id, pageSize: 1 });
  const invoiced = figures.data?.byCurrency.find((f) => f.currency === order.currency)?.invoiced ?? '0';
  const issueInvoice = useIssueInvoice();
  const cancelInvoice = useCancelInvoice();
  const dialog = useSaveDialog<never>();
  const redDialog = useSaveDialog<Invoice>();
  const requestDialog = useSaveDialog<never>();
  const requests = useInvoiceRequests({ orderId: order.id, pageSize: 100 });
  const left = fromMinorUnits(Math.max(0, toMinorUnits(order.total) - toMinorUnits(invoiced)));
  // An invoice a red-letter one offsets, and a red-letter invoice itself, stay: the red-letter invoice is the correction.
  const offset = (i: Invoice) => i.redOfId !== null || (data?.items ?? []).some((other) => other.redOfId === i.id);
  const save = (values: InvoiceValues) =>
    issueInvoice.mutateAsync(
      emptyToNull({
        ...values,
        issuedOn: values.issuedOn.format('YYYY-MM-DD'),
        amount: String(values.amount),
        tax: String(values.tax),
        customerId: order.customerId,
        orderId: order.id,
      }),
    );
  const cancel = async (id: number) => {
    try {
      await cancelInvoice.mutateAsync({ id, reason: t('invoices.voided') });
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  return (
    <Card
      title={t('invoices.title')}
      extra={
        <Space>
          {can('invoices.request') && (
            <Button size="small" onClick={requestDialog.openNew} data-testid="invoice-request-new">
              {t('invoicing.requests.new')}
            </Button>
          )}
          {can('invoices.create') && (
            <Button size="small" icon={<FileTextOutlined />} onClick={dialog.openNew}>
              {t('invoices.issue')}
            </Button>
          )}
        </Space>
      }
    >
      {(requests.data?.items.length ?? 0) > 0 && (
        <InvoiceRequestTable items={requests.data?.items ?? []} loading={requests.isLoading} />
      )}
      <Table<Invoice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('invoices.empty') }}
        expandable={{
          // The issued invoice's PDF or OFD file.
          expandedRowRender: (i) => <AttachmentList entity="invoices" id={i.id} editable={can('invoices.create')} />,
        }}
        columns={[
          { title: t('invoices.fields.type'), dataIndex: 'type', render: (v: string) => t(`invoices.types.${v}`) },
          {
            title: t('invoices.fields.number'),
            dataIndex: 'number',
            render: (v: string, i) =>
              i.redOfNumber ? (
                <Space size={4}>
                  {v}
                  <Tag color="red">{t('invoices.redLetterOf', { number: i.redOfNumber })}</Tag>
                </Space>
              ) : (
                v
              ),
          },
          { title: t('invoices.fields.issuedOn'), dataIndex: 'issuedOn' },
          {
            title: t('invoices.fields.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string, i) => money(v, i.currency),
          },
          {
            title: t('invoices.fields.tax'),
            dataIndex: 'tax',
            align: 'right',
            render: (v: string, i) => money(v, i.currency),
          },
          {
            title: t('invoices.fields.status'),
            dataIndex: 'status',
            render: (s: Invoice['status'], i) => (
              <Space>
                <Tag color={s === 'issued' ? 'green' : 'default'}>{t(`invoices.statuses.${s}`)}</Tag>
                {s === 'issued' && i.redOfId === null && can('invoices.create') && (
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => redDialog.openEdit(i)}
                    data-testid="invoice-red-letter"
                  >
                    {t('invoices.redLetter')}
                  </Button>
                )}
                {s === 'issued' && !offset(i) && can('invoices.cancel') && (
                  <Popconfirm title={t('invoices.voidConfirm')} onConfirm={() => void cancel(i.id)}>
                    <Button size="small" type="link" danger>
                      {t('invoices.void')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <SaveDialog
        dialog={dialog}
        title={t('invoices.issue')}
        initialValues={{
          type: 'vat_special',
          issuedOn: dayjs(),
          amount: left,
          tax: order.tax,
          buyerTitle: order.customerName,
        }}
        onSave={save}
        width={600}
      >
        <NumberAndDay>
          <Form.Item name="type" label={t('invoices.fields.type')}>
            <Select
              style={{ width: 180 }}
              options={issuableInvoiceTypes.map((v) => ({ value: v, label: t(`invoices.types.${v}`) }))}
            />
          </Form.Item>
        </NumberAndDay>
        <AmountAndTax />
        <Form.Item name="buyerTitle" label={t('invoices.fields.buyerTitle')} rules={required.text}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item noStyle dependencies={['type']}>
          {({ getFieldValue }) => (
            // A special VAT invoice names the buyer's taxpayer number; the server refuses one without it.
            <Form.Item
              name="buyerTaxId"
              label={t('invoices.fields.buyerTaxId')}
              rules={isSpecialInvoice(getFieldValue('type') as string) ? required.text : []}
            >
              <Input maxLength={20} />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="buyerAddressPhone" label={t('invoices.fields.buyerAddressPhone')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="buyerBankAccount" label={t('invoices.fields.buyerBankAccount')}>
          <Input maxLength={500} />
        </Form.Item>
      </SaveDialog>
      <RedLetterDialog dialog={redDialog} />
      <InvoiceRequestDialog dialog={requestDialog} order={order} left={left} />
    </Card>
  );
}
