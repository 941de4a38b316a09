import type { Contact, Opportunity, OrderDetail, Page, QuoteDetail, Settings } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { dateValue, emptyToNull, useErrorReporter } from '../../components/forms';
import { WarehouseSelect } from '../inventory/WarehouseSelect';
import { LineItemsEditor, type LineValues } from './LineItemsEditor';

const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

/**
 * Create or change a quote (for a customer, optionally from an opportunity; a sent quote saves as its
 * next version) or a sales order: the same header, lines and exact totals, with each one's own dates.
 */
export function QuoteEditorPage({ kind = 'quote' }: { kind?: 'quote' | 'order' }) {
  const base = kind === 'quote' ? '/api/v1/quotes' : '/api/v1/orders';
  const words = kind === 'quote' ? 'quotes' : 'orders';
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const routeId = useParams().id;
  const id = routeId ? Number(routeId) : undefined;
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [saving, setSaving] = useState(false);
  const existing = useQuery({
    queryKey: [words, 'detail', id],
    queryFn: () => api.get<QuoteDetail | OrderDetail>(`${base}/${id}`),
    enabled: Boolean(id),
  });
  const { can } = useSession();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<Settings>('/api/v1/settings') });
  const customerId: number | undefined = Form.useWatch('customerId', form);
  const currency: string = Form.useWatch('currency', form) ?? settings.data?.defaultCurrency ?? 'CNY';
  const contacts = useQuery({
    queryKey: ['contacts', 'of-customer', customerId],
    queryFn: () => api.get<Page<Contact>>('/api/v1/contacts', { customerId: customerId!, pageSize: 200 }),
    enabled: Boolean(customerId),
  });
  const opportunities = useQuery({
    queryKey: ['opportunities', 'of-customer', customerId],
    queryFn: () => api.get<Page<Opportunity>>('/api/v1/opportunities', { customerId: customerId!, pageSize: 100 }),
    enabled: Boolean(customerId),
  });

  useEffect(() => {
    const q = existing.data;
    if (q)
      form.setFieldsValue({
        ...q,
        validUntil: 'validUntil' in q && q.validUntil ? dayjs(q.validUntil) : null,
        requestedDeliveryDate:
          'requestedDeliveryDate' in q && q.requestedDeliveryDate ? dayjs(q.requestedDeliveryDate) : null,
        lines: q.lines,
      });
    else if (!id)
      form.setFieldsValue({
        customerId: params.get('customerId') ? Number(params.get('customerId')) : undefined,
        opportunityId: params.get('opportunityId') ? Number(params.get('opportunityId')) : undefined,
        title: params.get('title') ?? undefined,
        lines: [],
      });
  }, [existing.data, id, params, form]);

  const save = async (values: Record<string, unknown>) => {
    setSaving(true);
    const lines = ((values.lines as LineValues[]) ?? []).map((l) => ({
      productId: l.productId ?? null,
      name: l.name,
      description: text(l.description) ?? null,
      unit: l.unit ?? null,
      quantity: String(l.quantity),
      unitPrice: String(l.unitPrice),
      discountPercent: text(l.discountPercent) ?? null,
      taxRate: text(l.taxRate) ?? '0',
    }));
    const dates =
      kind === 'quote'
        ? { validUntil: dateValue(values.validUntil) }
        : { requestedDeliveryDate: dateValue(values.requestedDeliveryDate) };
    const body = emptyToNull({
      ...values,
      validUntil: undefined,
      requestedDeliveryDate: undefined,
      ...dates,
      discountPercent: text(values.discountPercent) ?? null,
      lines,
    });
    try {
      const saved = id
        ? await api.patch<QuoteDetail | OrderDetail>(`${base}/${id}`, { ...body, customerId: undefined })
        : await api.post<QuoteDetail | OrderDetail>(base, body);
      message.success(
        saved.id !== id && id && 'version' in saved
          ? t('quotes.newVersionSaved', { version: saved.version })
          : t('common.saved'),
      );
      void queryClient.invalidateQueries({ queryKey: [words] });
      void navigate(`/${words}/${saved.id}`);
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  };

  if (id && existing.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Form form={form} layout="vertical" onFinish={save}>
      <Card
        title={id ? t(`${words}.editTitle`, { number: existing.data?.number }) : t(`${words}.new`)}
        extra={
          <Space>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving} data-testid={`${kind}-save`}>
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="title"
              label={t('quotes.fields.title')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} data-testid="quote-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="customerId"
              label={t('quotes.fields.customer')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              {id ? <Input disabled value={existing.data?.customerName} /> : <CustomerPicker />}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactId" label={t('quotes.fields.contact')}>
              <Select allowClear options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="opportunityId" label={t('quotes.fields.opportunity')}>
              <Select
                allowClear
                options={(opportunities.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="currency" label={t('quotes.fields.currency')}>
              <Select
                options={(settings.data?.currencies ?? []).map((c) => ({ value: c.code, label: c.code }))}
                placeholder={settings.data?.defaultCurrency}
              />
            </Form.Item>
          </Col>
          {kind === 'quote' ? (
            <Col xs={12} md={4}>
              <Form.Item name="validUntil" label={t('quotes.fields.validUntil')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={12} md={4}>
                <Form.Item name="requestedDeliveryDate" label={t('orders.fields.requestedDeliveryDate')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              {settings.data?.stockTracking && can('inventory.view') && (
                <Col xs={12} md={4}>
                  <Form.Item name="warehouseId" label={t('orders.fields.warehouse')}>
                    <WarehouseSelect />
                  </Form.Item>
                </Col>
              )}
              <Col span={24}>
                <Form.Item name="shippingAddress" label={t('orders.fields.shippingAddress')}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <LineItemsEditor
          form={form}
          customerId={customerId}
          currency={currency}
          rule={settings.data?.roundingRule ?? 'half_up'}
        />
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} md={6}>
            <Form.Item name="discountPercent" label={t('quotes.fields.discountPercent')}>
              <InputNumber stringMode min="0" max="100" addonAfter="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item name="terms" label={t('quotes.fields.terms')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('quotes.fields.notes')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </Form>
  );
}
