import type { Body, QuoteInput } from '@relate/common';
import { fromMinorUnits, pointsValue } from '@relate/common';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { dateValue, emptyToNull, useErrorReporter, useRequired } from '../../components/forms';
import { useSettings } from '../admin/queries';
import { WarehouseSelect } from '../inventory/WarehouseSelect';
import { useContactsOfCustomer } from '../opportunities/queries';
import { useOrder, useSaveOrder } from '../orders/queries';
import { LineItemsEditor, type LineValues } from './LineItemsEditor';
import { useCustomerOpportunities, useQuote, useSaveQuote } from './queries';
import { usePageTitle } from '../../components/usePageTitle';
import { useMoney } from '../../components/money';
import { useCustomerMembership } from '../membership/queries';
import { WorkingDayPicker } from '../calendar/WorkingDayPicker';

const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

/** The editor's fields: a quote's or an order's header (each with its own dates) and its lines. */
type DocumentValues = Omit<Body<typeof QuoteInput>, 'validUntil' | 'discountPercent' | 'lines'> & {
  validUntil?: dayjs.Dayjs | null;
  requestedDeliveryDate?: dayjs.Dayjs | null;
  shippingAddress?: string | null;
  warehouseId?: number | null;
  discountPercent?: string | null;
  lines?: LineValues[];
};

/**
 * Create or change a quote (for a customer, optionally from an opportunity; a sent quote saves as its
 * next version) or a sales order: the same header, lines and exact totals, with each one's own dates.
 */
export function QuoteEditorPage({ kind = 'quote' }: { kind?: 'quote' | 'order' }) {
  const words = kind === 'quote' ? 'quotes' : 'orders';
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const routeId = useParams().id;
  const id = routeId ? Number(routeId) : undefined;
  const [params] = useSearchParams();
  const [form] = Form.useForm<DocumentValues>();
  const reportError = useErrorReporter(form);
  const [saving, setSaving] = useState(false);
  const quote = useQuote(kind === 'quote' ? id : undefined);
  const order = useOrder(kind === 'order' ? id : undefined);
  const existing = kind === 'quote' ? quote : order;
  usePageTitle(
    !id ? t(`${words}.new`) : existing.data && t(`${words}.editTitle`, { number: existing.data.number }),
    t(`nav.${words}`),
  );
  const saveQuote = useSaveQuote();
  const saveOrder = useSaveOrder();
  const { can } = useSession();
  const settings = useSettings();
  const customerId: number | undefined = Form.useWatch('customerId', form);
  const currency: string = Form.useWatch('currency', form) ?? settings.data?.defaultCurrency ?? 'CNY';
  const contacts = useContactsOfCustomer(customerId, true);
  const opportunities = useCustomerOpportunities(customerId);
  const money = useMoney();
  const { locale } = useSession();
  const member = useCustomerMembership(customerId, can('membership.view')).data?.member;
  const pointsRedeemed: number | null | undefined = Form.useWatch('pointsRedeemed', form);
  // An order already holds its points: they count as available again while it is changed.
  const held = kind === 'order' ? (existing.data?.pointsRedeemed ?? 0) : 0;
  const redeemable = member?.status === 'active' && currency === member.currency;
  const pointsAmount =
    redeemable && pointsRedeemed ? fromMinorUnits(pointsValue(pointsRedeemed, member.redeemPointsPerUnit)) : undefined;

  // A new document for a member starts with the level's discount (still the rep's to change).
  useEffect(() => {
    if (id || !member || member.status !== 'active' || member.discountPercent === '0') return;
    if (!form.getFieldValue('discountPercent')) form.setFieldValue('discountPercent', member.discountPercent);
  }, [id, member, form]);

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

  const save = async ({ validUntil, requestedDeliveryDate, ...values }: DocumentValues) => {
    setSaving(true);
    const lines = (values.lines ?? []).map((l) => ({
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
        ? { validUntil: dateValue(validUntil) }
        : { requestedDeliveryDate: dateValue(requestedDeliveryDate) };
    const body = emptyToNull({
      ...values,
      ...dates,
      discountPercent: text(values.discountPercent) ?? null,
      lines,
    });
    try {
      const saved =
        kind === 'quote' ? await saveQuote.mutateAsync({ id, body }) : await saveOrder.mutateAsync({ id, body });
      message.success(
        saved.id !== id && id && 'version' in saved
          ? t('quotes.newVersionSaved', { version: saved.version })
          : t('common.saved'),
      );
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
            <Form.Item name="title" label={t('quotes.fields.title')} rules={required.text}>
              <Input maxLength={200} data-testid="quote-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('quotes.fields.customer')} rules={required.value}>
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
                <WorkingDayPicker style={{ width: '100%' }} />
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
          pointsAmount={pointsAmount}
        />
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} md={6}>
            <Form.Item
              name="discountPercent"
              label={t('quotes.fields.discountPercent')}
              extra={
                member?.status === 'active' && member.discountPercent !== '0'
                  ? t('quotes.memberDiscountHint', {
                      level: locale === 'en' ? member.levelNameEn : member.levelNameZh,
                      percent: member.discountPercent,
                    })
                  : undefined
              }
            >
              <InputNumber stringMode min="0" max="100" addonAfter="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(redeemable || held > 0) && (
            <Col xs={24} md={6}>
              <Form.Item
                name="pointsRedeemed"
                label={t('quotes.fields.pointsRedeemed')}
                extra={
                  member &&
                  t('quotes.pointsHelp', {
                    balance: member.balance + held,
                    value: money(
                      fromMinorUnits(pointsValue(member.balance + held, member.redeemPointsPerUnit)),
                      member.currency,
                    ),
                    perUnit: member.redeemPointsPerUnit,
                    currency: member.currency,
                  })
                }
              >
                <InputNumber
                  min={0}
                  max={member ? Math.max(member.balance + held, 0) : undefined}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="points-redeemed"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={redeemable || held > 0 ? 12 : 18}>
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
