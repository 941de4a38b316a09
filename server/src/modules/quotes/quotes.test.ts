import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';

describe.each(testDialects)('quotes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const product = async (fields: Record<string, unknown>) =>
    (await t.admin.post('/api/v1/products', { code: unique('Q'), name: unique('产品'), ...fields })).json();

  it('prices lines from the catalogue and the customer’s price book, numbers the quote and totals it exactly', async () => {
    const team = await createDepartment(t, '报价组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep, { level: 'A' });
    const gateway = await product({ name: '工业网关', listPrice: '1000', taxRate: '13', unit: 'unit' });
    const service = await product({ name: '安装服务', listPrice: '500', taxRate: '6' });
    const book = (
      await t.admin.post('/api/v1/price-books', { name: unique('A级'), kind: 'level', customerLevel: 'A' })
    ).json();
    await t.admin.put(`/api/v1/price-books/${book.id}/entries`, { entries: [{ productId: gateway.id, price: '900' }] });

    const created = await rep.post('/api/v1/quotes', {
      title: '网关项目报价',
      customerId: customer.id,
      discountPercent: '5',
      lines: [
        { productId: gateway.id, quantity: '3', discountPercent: '10' },
        { productId: service.id, quantity: '1.5' },
        { name: '运费', quantity: '1', unitPrice: '99.99', taxRate: '9' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const quote = created.json();
    expect(quote.number).toMatch(/^Q\d{6}-0001$/);
    expect(quote).toMatchObject({ status: 'draft', version: 1, currency: 'CNY', ownerId: rep.userId });
    expect(
      quote.lines.map((l: { name: string; unitPrice: string; unit: string | null; net: string }) => [
        l.name,
        l.unitPrice,
        l.unit,
        l.net,
      ]),
    ).toEqual([
      ['工业网关', '900.00', 'unit', '2430.00'],
      ['安装服务', '500.00', null, '750.00'],
      ['运费', '99.99', null, '99.99'],
    ]);
    // 3279.99 subtotal, 5 % off = 164.00; taxes on the discounted nets: 2308.5×13 % = 300.11, 712.5×6 % = 42.75, 94.9905×9 % = 8.55
    expect(quote).toMatchObject({ subtotal: '3279.99', discount: '164.00', tax: '351.41', total: '3467.40' });
    expect(quote.validUntil).toBeTruthy();

    const second = (
      await rep.post('/api/v1/quotes', {
        title: 'x',
        customerId: customer.id,
        lines: [{ name: 'y', quantity: '1', unitPrice: '1' }],
      })
    ).json();
    expect(second.number).toMatch(/-0002$/);
  });

  it('sends, versions a sent quote on change, and records the decision', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep);
    const quote = (
      await rep.post('/api/v1/quotes', {
        title: '版本测试',
        customerId: customer.id,
        lines: [{ name: '服务', quantity: '1', unitPrice: '100' }],
      })
    ).json();
    expect((await rep.patch(`/api/v1/quotes/${quote.id}`, { title: '版本测试（改）' })).json()).toMatchObject({
      id: quote.id,
      version: 1,
      title: '版本测试（改）',
    });
    expect((await rep.post(`/api/v1/quotes/${quote.id}/status`, { status: 'accepted' })).statusCode).toBe(409);
    expect((await rep.post(`/api/v1/quotes/${quote.id}/status`, { status: 'sent' })).json().status).toBe('sent');

    const next = (
      await rep.patch(`/api/v1/quotes/${quote.id}`, { lines: [{ name: '服务', quantity: '2', unitPrice: '90' }] })
    ).json();
    expect(next).toMatchObject({ number: quote.number, version: 2, status: 'draft', total: '180.00', isLatest: true });
    expect(next.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const first = (await rep.get(`/api/v1/quotes/${quote.id}`)).json();
    expect(first).toMatchObject({ status: 'sent', total: '100.00', isLatest: false });
    expect((await rep.patch(`/api/v1/quotes/${quote.id}`, { title: 'old' })).statusCode).toBe(409);
    const listed = (await rep.get('/api/v1/quotes', { customerId: customer.id })).json();
    expect(listed.items.map((q: { id: number }) => q.id)).toEqual([next.id]);
    expect((await rep.get('/api/v1/quotes', { customerId: customer.id, allVersions: 'true' })).json().total).toBe(2);

    await rep.post(`/api/v1/quotes/${next.id}/status`, { status: 'sent' });
    expect((await rep.post(`/api/v1/quotes/${next.id}/status`, { status: 'accepted' })).json()).toMatchObject({
      status: 'accepted',
      decidedAt: expect.any(String),
    });
    expect((await rep.patch(`/api/v1/quotes/${next.id}`, { title: 'late' })).statusCode).toBe(409);
  });

  it('keeps quotes within the data scope and rejects bad lines and foreign records', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '甲'));
    const other = await createUserClient(t, 'sales_rep', await createDepartment(t, '乙'));
    const customer = await createCustomer(rep);
    const foreign = await createCustomer(other);
    const quote = (
      await rep.post('/api/v1/quotes', {
        title: 'mine',
        customerId: customer.id,
        lines: [{ name: 'a', quantity: '1', unitPrice: '1' }],
      })
    ).json();
    expect((await other.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/v1/quotes/${quote.id}`, { title: 'x' })).statusCode).toBe(404);
    expect(
      (
        await rep.post('/api/v1/quotes', {
          title: 'x',
          customerId: foreign.id,
          lines: [{ name: 'a', quantity: '1', unitPrice: '1' }],
        })
      ).json().error.fields,
    ).toHaveProperty('customerId');
    const bad = await rep.post('/api/v1/quotes', {
      title: 'x',
      customerId: customer.id,
      lines: [{ quantity: '0', unitPrice: '1.00001', discountPercent: '120' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual([
      'lines.0.discountPercent',
      'lines.0.quantity',
      'lines.0.unitPrice',
    ]);
    expect(
      (
        await rep.post('/api/v1/quotes', {
          title: 'x',
          customerId: customer.id,
          lines: [{ quantity: '1', unitPrice: '1' }],
        })
      ).json().error.fields,
    ).toHaveProperty(['lines.0.name']);
    expect((await rep.post('/api/v1/quotes', { title: 'x', customerId: customer.id, lines: [] })).statusCode).toBe(400);
    const readonly = await createUserClient(t, 'readonly');
    expect(
      (
        await readonly.post('/api/v1/quotes', {
          title: 'x',
          customerId: customer.id,
          lines: [{ name: 'a', quantity: '1', unitPrice: '1' }],
        })
      ).statusCode,
    ).toBe(403);
    // Open quotes follow their owner's customers at handover.
    const successor = await createUserClient(t, 'sales_rep');
    await t.admin.patch(`/api/v1/users/${rep.userId}`, { status: 'disabled' });
    const moved = (await t.admin.post(`/api/v1/users/${rep.userId}/handover`, { toUserId: successor.userId })).json();
    expect(moved.moved.quotes).toBe(1);
    expect((await successor.get(`/api/v1/quotes/${quote.id}`)).json().ownerId).toBe(successor.userId);
    expect((await successor.delete(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(204);
    expect((await successor.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(404);
  });
});
