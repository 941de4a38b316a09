import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { documentFigures, fromMinorUnits, type Product, type RoundingRule, toMinorUnits } from '@relate/common';
import { Button, Form, type FormInstance, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';
import { useFetchCustomerPrice, useProducts } from '../products/queries';
import { useRequired } from '../../components/forms';

export type LineValues = {
  productId?: number | null;
  name?: string;
  description?: string | null;
  unit?: string | null;
  quantity?: string;
  unitPrice?: string;
  discountPercent?: string;
  taxRate?: string;
};

function ProductSearch({ onPick }: { onPick: (product: Product) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data } = useProducts({ page: 1, pageSize: 20, q: q || undefined, status: 'on_sale' });
  return (
    <Select<number>
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={null as unknown as number}
      placeholder={t('quotes.addProduct')}
      style={{ width: 320 }}
      options={(data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
      onChange={(id) => {
        const product = data?.items.find((p) => p.id === id);
        if (product) onPick(product);
      }}
      data-testid="quote-add-product"
    />
  );
}

/** The lines of a quote: products from the catalogue at the customer's price, or free lines; totals update as you type. */
export function LineItemsEditor({
  form,
  customerId,
  currency,
  rule,
  pointsAmount,
}: {
  form: FormInstance;
  customerId?: number;
  currency: string;
  rule: RoundingRule;
  /** Member points taken off the total, as an amount. */
  pointsAmount?: string;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const money = useMoney();
  const lines: LineValues[] = Form.useWatch('lines', form) ?? [];
  const discount: string | undefined = Form.useWatch('discountPercent', form);
  const fetchCustomerPrice = useFetchCustomerPrice();
  let figures: ReturnType<typeof documentFigures> | null = null;
  try {
    const complete = lines.filter((l) => l?.quantity && l?.unitPrice);
    if (complete.length === lines.length && lines.length)
      figures = documentFigures(
        lines.map((l) => ({
          quantity: String(l.quantity),
          unitPrice: String(l.unitPrice),
          discountPercent: l.discountPercent ? String(l.discountPercent) : null,
          taxRate: l.taxRate ? String(l.taxRate) : null,
        })),
        discount ? String(discount) : null,
        rule,
      );
  } catch {
    figures = null;
  }
  const addProduct = async (product: Product) => {
    const price = customerId ? await fetchCustomerPrice(customerId, product.id) : undefined;
    form.setFieldValue('lines', [
      ...lines,
      {
        productId: product.id,
        name: product.name,
        unit: product.unit,
        quantity: '1',
        unitPrice: price?.price ?? product.listPrice,
        taxRate: product.taxRate,
        discountPercent: '0',
      },
    ]);
  };
  const decimal = { stringMode: true, min: '0', style: { width: '100%' } } as const;

  return (
    <Form.List
      name="lines"
      rules={[
        {
          validator: async (_, value) =>
            value?.length ? undefined : Promise.reject(new Error(t('quotes.needsLines'))),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('insight.noLines') }}
            columns={[
              { title: '#', width: 40, render: (_, __, i) => i + 1 },
              {
                title: t('quotes.lines.name'),
                render: (_, field) => (
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Form.Item name={[field.name, 'name']} noStyle rules={required.text}>
                      <Input
                        placeholder={t('quotes.lines.name')}
                        aria-label={`${t('quotes.lines.name')} ${field.name + 1}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'description']} noStyle>
                      <Input size="small" placeholder={t('quotes.lines.description')} />
                    </Form.Item>
                  </Space>
                ),
              },
              {
                title: t('quotes.lines.quantity'),
                width: 110,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'quantity']} noStyle rules={[{ required: true }]}>
                    <InputNumber
                      {...decimal}
                      precision={undefined}
                      aria-label={`${t('quotes.lines.quantity')} ${field.name + 1}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('quotes.lines.unitPrice'),
                width: 140,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'unitPrice']} noStyle rules={[{ required: true }]}>
                    <InputNumber {...decimal} aria-label={`${t('quotes.lines.unitPrice')} ${field.name + 1}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('quotes.lines.discountPercent'),
                width: 100,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'discountPercent']} noStyle>
                    <InputNumber
                      {...decimal}
                      max="100"
                      aria-label={`${t('quotes.lines.discountPercent')} ${field.name + 1}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('quotes.lines.taxRate'),
                width: 90,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'taxRate']} noStyle>
                    <InputNumber {...decimal} max="100" />
                  </Form.Item>
                ),
              },
              {
                title: t('quotes.lines.net'),
                width: 120,
                align: 'right',
                render: (_, field) => (figures ? money(figures.lines[field.name]?.net, currency) : '-'),
              },
              {
                width: 40,
                render: (_, field) => (
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('common.remove')}
                    onClick={() => remove(field.name)}
                  />
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 8 }}>
            <ProductSearch onPick={(p) => void addProduct(p)} />
            <Button icon={<PlusOutlined />} onClick={() => add({ quantity: '1', discountPercent: '0', taxRate: '13' })}>
              {t('quotes.addLine')}
            </Button>
          </Space>
          <Form.ErrorList errors={errors} />
          <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }} data-testid="quote-totals">
            <Space direction="vertical" size={2} style={{ minWidth: 260 }}>
              {(['subtotal', 'discount', 'tax', 'pointsAmount', 'total'] as const)
                .filter((key) => key !== 'pointsAmount' || pointsAmount)
                .map((key) => (
                  <div key={key} style={{ display: 'flex', justifyContent: 'space-between' }}>
                    <Typography.Text type={key === 'total' ? undefined : 'secondary'} strong={key === 'total'}>
                      {t(`quotes.fields.${key}`)}
                    </Typography.Text>
                    <Typography.Text strong={key === 'total'}>
                      {!figures
                        ? '-'
                        : key === 'pointsAmount'
                          ? `-${money(pointsAmount, currency)}`
                          : key === 'total' && pointsAmount
                            ? money(fromMinorUnits(toMinorUnits(figures.total) - toMinorUnits(pointsAmount)), currency)
                            : money(figures[key], currency)}
                    </Typography.Text>
                  </div>
                ))}
            </Space>
          </div>
        </>
      )}
    </Form.List>
  );
}
