import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('invoices on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('records VAT invoices against an order up to its total, counts them as invoiced, and voids them', async () => {
    const customer = await createCustomer(t.admin, { name: '开票客户' });
    const order = (
      await t.admin.post('/api/v1/orders', {
        title: '开票',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '1000', taxRate: '13' }],
      })
    ).json();
    await t.admin.post(`/api/v1/orders/${order.id}/submit`);
    const invoice = {
      type: 'vat_special',
      number: '04400000001',
      issuedOn: '2026-11-20',
      customerId: customer.id,
      orderId: order.id,
      amount: '1130.00',
      tax: '130.00',
      buyerTitle: '开票客户',
      buyerTaxId: '91110108551385082q',
    };
    const created = await t.admin.post('/api/v1/invoices', invoice);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'issued',
      buyerTaxId: '91110108551385082Q',
      orderNumber: order.number,
    });
    expect((await t.admin.get('/api/v1/receivables', { orderId: order.id })).json().invoiced).toBe('1130.00');
    // Nothing is left to invoice; the same number cannot be used twice.
    const more = await t.admin.post('/api/v1/invoices', {
      ...invoice,
      number: '04400000002',
      amount: '1.00',
      tax: '0',
    });
    expect(more.json().error.fields).toHaveProperty('amount');
    expect((await t.admin.post('/api/v1/invoices', { ...invoice, orderId: null })).json().error.fields).toHaveProperty(
      'number',
    );
    const voided = await t.admin.post(`/api/v1/invoices/${created.json().id}/cancel`, { reason: '抬头错误' });
    expect(voided.json()).toMatchObject({ status: 'cancelled', cancelReason: '抬头错误' });
    expect((await t.admin.get('/api/v1/receivables', { orderId: order.id })).json().invoiced).toBe('0.00');
    expect((await t.admin.post(`/api/v1/invoices/${created.json().id}/cancel`, { reason: 'again' })).statusCode).toBe(
      409,
    );
  });

  it('asks a VAT special invoice for the buyer’s taxpayer number and keeps invoices to those allowed', async () => {
    const customer = await createCustomer(t.admin);
    const missing = await t.admin.post('/api/v1/invoices', {
      type: 'vat_special',
      number: 'X1',
      issuedOn: '2026-11-20',
      customerId: customer.id,
      amount: '100',
      tax: '200',
      buyerTitle: 'x',
    });
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['buyerTaxId', 'tax']);
    const ordinary = await t.admin.post('/api/v1/invoices', {
      type: 'vat_ordinary',
      number: 'P1',
      issuedOn: '2026-11-20',
      customerId: customer.id,
      amount: '100',
      tax: '6',
      buyerTitle: '个人',
    });
    expect(ordinary.statusCode).toBe(201);
    const rep = await createUserClient(t, 'sales_rep');
    expect(
      (
        await rep.post('/api/v1/invoices', {
          type: 'vat_ordinary',
          number: 'R1',
          issuedOn: '2026-11-20',
          customerId: customer.id,
          amount: '1',
          tax: '0',
          buyerTitle: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect((await rep.get(`/api/v1/invoices/${ordinary.json().id}`)).statusCode).toBe(404);
  });
});
