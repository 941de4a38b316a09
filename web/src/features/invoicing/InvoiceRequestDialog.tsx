import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  amountInChineseCapitals,
  type Body,
  fromMinorUnits,
  type InvoiceRequestInput,
  issuableInvoiceTypes,
  type OrderDetail,
  toMinorUnits,
} from '@relate/common';
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useBillingProfiles, useRequestInvoice } from './queries';

type LineValues = { productId?: number | null; name: string; amount: string; taxRate: string };
type RequestValues = {
  type: Body<typeof InvoiceRequestInput>['type'];
  billingProfileId: number;
  lines: LineValues[];
  notes?: string;
};

/** The lines an order's request starts with: its own lines, or what is left of it as one line. */
function linesOf(order: OrderDetail, left: string): LineValues[] {
  if (toMinorUnits(order.discount) === 0 && toMinorUnits(left) === toMinorUnits(order.total))
    return order.lines.map((l) => ({ productId: l.productId, name: l.name, amount: l.total, taxRate: l.taxRate }));
  return [{ name: order.title, amount: left, taxRate: order.lines[0]?.taxRate ?? '13' }];
}

/** Sales ask finance for an invoice of an order: the type, the customer's billing profile, the lines. */
export function InvoiceRequestDialog({
  dialog,
  order,
  left,
}: {
  dialog: SaveDialogState<never>;
  order: OrderDetail;
  left: string;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const profiles = useBillingProfiles(order.customerId);
  const requestInvoice = useRequestInvoice();
  const [form] = Form.useForm<RequestValues>();
  const lines = Form.useWatch('lines', form) as LineValues[] | undefined;
  const total = (lines ?? []).reduce((sum, l) => {
    const fen = /^\d+(\.\d{1,2})?$/.test(String(l?.amount ?? '')) ? toMinorUnits(String(l.amount)) : 0;
    return sum + fen;
  }, 0);
  return (
    <SaveDialog<never, RequestValues>
      dialog={dialog}
      form={form}
      title={t('invoicing.requests.new')}
      initialValues={{
        type: 'digital_special',
        billingProfileId: profiles.data?.find((p) => p.isDefault)?.id,
        lines: linesOf(order, left),
      }}
      onSave={(values) =>
        requestInvoice.mutateAsync({
          customerId: order.customerId,
          orderId: order.id,
          type: values.type,
          billingProfileId: values.billingProfileId,
          notes: values.notes || null,
          lines: values.lines.map((l) => ({
            productId: l.productId ?? null,
            name: l.name,
            amount: String(l.amount),
            taxRate: String(l.taxRate),
          })),
        })
      }
      saveTestId="invoice-request-save"
      width={760}
    >
      <Space wrap>
        <Form.Item name="type" label={t('invoices.fields.type')}>
          <Select
            style={{ width: 260 }}
            data-testid="invoice-request-type"
            options={issuableInvoiceTypes.map((v) => ({ value: v, label: t(`invoices.types.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="billingProfileId" label={t('invoicing.requests.profile')} rules={required.value}>
          <Select
            style={{ width: 320 }}
            data-testid="invoice-request-profile"
            notFoundContent={t('invoicing.profiles.empty')}
            options={(profiles.data ?? []).map((p) => ({
              value: p.id,
              label: p.taxId ? `${p.title}（${p.taxId}）` : p.title,
            }))}
          />
        </Form.Item>
      </Space>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'name']} label={t('invoicing.lines.name')} rules={required.text}>
                  <Input maxLength={200} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'amount']} label={t('invoicing.lines.amount')} rules={required.value}>
                  <InputNumber stringMode min="0.01" precision={2} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'taxRate']} label={t('invoicing.lines.taxRate')} rules={required.value}>
                  <InputNumber stringMode min="0" max="100" precision={2} style={{ width: 100 }} addonAfter="%" />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', amount: '', taxRate: '13' })}>
              {t('invoicing.lines.add')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="invoice-request-total">
        {t('invoicing.requests.total', { amount: fromMinorUnits(total), words: amountInChineseCapitals(total) })}
      </Typography.Paragraph>
      <Form.Item name="notes" label={t('invoicing.requests.notes')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </SaveDialog>
  );
}
