import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('orders and deliveries on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const acceptedQuote = async (client: Awaited<ReturnType<typeof createUserClient>>) => {
    const customer = await createCustomer(client);
    const quote = (
      await client.post('/api/v1/quotes', {
        title: '整线设备',
        customerId: customer.id,
        discountPercent: '2',
        lines: [
          { name: '主机', quantity: '2', unitPrice: '10000', taxRate: '13' },
          { name: '耗材', quantity: '10.5', unitPrice: '33.33', taxRate: '13' },
        ],
      })
    ).json();
    await client.post(`/api/v1/quotes/${quote.id}/status`, { status: 'sent' });
    await client.post(`/api/v1/quotes/${quote.id}/status`, { status: 'accepted' });
    return quote;
  };

  it('turns an accepted quote into an order, approves it without a flow, delivers it in parts and completes it', async () => {
    const team = await createDepartment(t, '订单组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const manager = await createUserClient(t, 'sales_manager', team);
    const quote = await acceptedQuote(rep);
    const created = await rep.post('/api/v1/orders/from-quote', { quoteId: quote.id });
    expect(created.statusCode).toBe(201);
    const order = created.json();
    expect(order).toMatchObject({
      status: 'draft',
      quoteId: quote.id,
      quoteNumber: quote.number,
      total: quote.total,
      subtotal: quote.subtotal,
    });
    expect(order.number).toMatch(/^SO\d{6}-\d{4}$/);
    expect((await rep.post('/api/v1/orders/from-quote', { quoteId: quote.id })).statusCode).toBe(409);

    // Submitted twice at the same moment, it is approved once.
    const [first, second] = await Promise.all([
      rep.post(`/api/v1/orders/${order.id}/submit`),
      rep.post(`/api/v1/orders/${order.id}/submit`),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const submitted = (await rep.get(`/api/v1/orders/${order.id}`)).json();
    expect(submitted).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    const approvals = await t.database.db
      .selectFrom('auditLogs')
      .select('id')
      .where('entity', '=', 'orders')
      .where('entityId', '=', order.id)
      .where('action', '=', 'status_change')
      .execute();
    expect(approvals).toHaveLength(1);
    expect((await rep.patch(`/api/v1/orders/${order.id}`, { title: 'late' })).statusCode).toBe(409);

    // Reps do not ship; managers (orders.deliver) do.
    const [main, consumables] = order.lines;
    const delivery = {
      deliveredOn: '2026-11-20',
      carrier: '顺丰',
      trackingNumber: 'SF1234567890',
      lines: [
        { orderLineId: main.id, quantity: '1' },
        { orderLineId: consumables.id, quantity: '10.25' },
      ],
    };
    expect((await rep.post(`/api/v1/orders/${order.id}/deliveries`, delivery)).statusCode).toBe(403);
    const partly = (await manager.post(`/api/v1/orders/${order.id}/deliveries`, delivery)).json();
    expect(partly.status).toBe('partially_delivered');
    expect(partly.lines.map((l: { delivered: string; remaining: string }) => [l.delivered, l.remaining])).toEqual([
      ['1', '1'],
      ['10.25', '0.25'],
    ]);
    const tooMuch = await manager.post(`/api/v1/orders/${order.id}/deliveries`, {
      deliveredOn: '2026-11-21',
      lines: [{ orderLineId: consumables.id, quantity: '0.5' }],
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields).toHaveProperty(['lines.0.quantity']);
    const rest = (
      await manager.post(`/api/v1/orders/${order.id}/deliveries`, {
        deliveredOn: '2026-11-22',
        lines: [
          { orderLineId: main.id, quantity: '1' },
          { orderLineId: consumables.id, quantity: '0.25' },
        ],
      })
    ).json();
    expect(rest.status).toBe('delivered');
    expect(rest.deliveries.map((d: { number: string }) => d.number)).toEqual([
      `${order.number}-D1`,
      `${order.number}-D2`,
    ]);
    expect((await rep.post(`/api/v1/orders/${order.id}/complete`)).json().status).toBe('completed');
  });

  it('lets two deliveries race for the last units without over-delivering', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const customer = await createCustomer(manager);
    const order = (
      await manager.post('/api/v1/orders', {
        title: '抢货',
        customerId: customer.id,
        lines: [{ name: '最后一台', quantity: '1', unitPrice: '5000' }],
      })
    ).json();
    await manager.post(`/api/v1/orders/${order.id}/submit`);
    const attempt = () =>
      manager.post(`/api/v1/orders/${order.id}/deliveries`, {
        deliveredOn: '2026-11-20',
        lines: [{ orderLineId: order.lines[0].id, quantity: '1' }],
      });
    const results = await Promise.all([attempt(), attempt(), attempt()]);
    // Exactly one wins; the others are refused (the units are gone, or the order is already delivered).
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(201);
    expect(codes.slice(1).every((code) => code === 400 || code === 409)).toBe(true);
    const final = (await manager.get(`/api/v1/orders/${order.id}`)).json();
    expect(final).toMatchObject({ status: 'delivered' });
    expect(final.deliveries).toHaveLength(1);
    expect(final.lines[0].delivered).toBe('1');
  });

  it('completes a delivered order once when two requests race, recording one status change', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const customer = await createCustomer(manager);
    const order = (
      await manager.post('/api/v1/orders', {
        title: '一起完成',
        customerId: customer.id,
        lines: [{ name: '整机', quantity: '1', unitPrice: '800' }],
      })
    ).json();
    await manager.post(`/api/v1/orders/${order.id}/submit`);
    await manager.post(`/api/v1/orders/${order.id}/deliveries`, {
      deliveredOn: '2026-11-20',
      lines: [{ orderLineId: order.lines[0].id, quantity: '1' }],
    });
    const results = await Promise.all([1, 2, 3].map(() => manager.post(`/api/v1/orders/${order.id}/complete`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const changes = await t.database.db
      .selectFrom('auditLogs')
      .select('detail')
      .where('entity', '=', 'orders')
      .where('entityId', '=', order.id)
      .where('action', '=', 'status_change')
      .execute();
    expect(changes.filter((c) => String(c.detail).includes('completed'))).toHaveLength(1);
  });

  it('sends orders through approval when a flow applies, keeping them locked while pending and back to draft when rejected', async () => {
    const team = await createDepartment(t, '订单审批组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(t, 'sales_rep', team);
    await t.admin.post('/api/v1/approval-flows', {
      name: '大额订单',
      documentType: 'order',
      conditions: [{ fact: 'total', op: '>=', value: '100000' }],
      steps: [{ name: '经理', approverType: 'department_manager' }],
    });
    const customer = await createCustomer(rep);
    const order = (
      await rep.post('/api/v1/orders', {
        title: '大单',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '200000' }],
      })
    ).json();
    expect((await rep.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('pending_approval');
    // The submission is recorded against the order, so it shows on the customer's timeline.
    const timeline = (await rep.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'change' })).json();
    expect(
      timeline.items.map(
        (e: { change: { entity: string; action: string } }) => `${e.change.entity}.${e.change.action}`,
      ),
    ).toContain('orders.submit');
    expect((await rep.patch(`/api/v1/orders/${order.id}`, { title: 'x' })).statusCode).toBe(409);
    expect(
      (
        await manager.post(`/api/v1/orders/${order.id}/deliveries`, {
          deliveredOn: '2026-11-20',
          lines: [{ orderLineId: order.lines[0].id, quantity: '1' }],
        })
      ).statusCode,
    ).toBe(409);
    const [request] = (await manager.get('/api/v1/approvals', { view: 'pending', documentType: 'order' })).json().items;
    await manager.post(`/api/v1/approvals/${request.id}/reject`, { comment: '先确认付款条件' });
    const back = (await rep.get(`/api/v1/orders/${order.id}`)).json();
    expect(back.status).toBe('draft');
    expect((await rep.patch(`/api/v1/orders/${order.id}`, { terms: '预付 30%' })).json().terms).toBe('预付 30%');
    await rep.post(`/api/v1/orders/${order.id}/submit`);
    const [again] = (await manager.get('/api/v1/approvals', { view: 'pending', documentType: 'order' })).json().items;
    await manager.post(`/api/v1/approvals/${again.id}/approve`, {});
    expect((await rep.get(`/api/v1/orders/${order.id}`)).json().status).toBe('approved');
    expect((await rep.post(`/api/v1/orders/${order.id}/cancel`, { reason: '客户取消' })).json()).toMatchObject({
      status: 'cancelled',
      closeReason: '客户取消',
    });
  });

  it('keeps orders in scope and refuses orders from quotes not accepted', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '丙'));
    const other = await createUserClient(t, 'sales_rep', await createDepartment(t, '丁'));
    const customer = await createCustomer(rep);
    const order = (
      await rep.post('/api/v1/orders', {
        title: 'mine',
        customerId: customer.id,
        lines: [{ name: 'a', quantity: '1', unitPrice: '1' }],
      })
    ).json();
    expect((await other.get(`/api/v1/orders/${order.id}`)).statusCode).toBe(404);
    const draftQuote = (
      await rep.post('/api/v1/quotes', {
        title: 'q',
        customerId: customer.id,
        lines: [{ name: 'a', quantity: '1', unitPrice: '1' }],
      })
    ).json();
    expect((await rep.post('/api/v1/orders/from-quote', { quoteId: draftQuote.id })).statusCode).toBe(409);
    expect(
      (
        await rep.post('/api/v1/orders', {
          title: 'x',
          customerId: customer.id,
          lines: [{ name: 'a', quantity: '-1', unitPrice: '1' }],
        })
      ).statusCode,
    ).toBe(400);
    expect((await rep.delete(`/api/v1/orders/${order.id}`)).statusCode).toBe(204);
  });
});
