import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { overdueReminderSweep } from './overdue-reminders.ts';

const daysFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe.each(testDialects)('payment plans, receipts and receivables on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const approvedOrder = async (
    client: Awaited<ReturnType<typeof createUserClient>>,
    unitPrice: string,
    extra: Record<string, unknown> = {},
  ) => {
    const customer = extra.customerId ? { id: extra.customerId } : await createCustomer(client);
    const order = (
      await client.post('/api/v1/orders', {
        title: '回款测试',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice, taxRate: '0' }],
        ...extra,
      })
    ).json();
    await client.post(`/api/v1/orders/${order.id}/submit`);
    return { order, customer };
  };

  it('splits an order 30/60/10, takes payments once finance confirms them, and shows the receivable go to zero', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '回款组'));
    const { order, customer } = await approvedOrder(rep, '1000.01');
    const plan = await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
      instalments: [
        { dueDate: daysFromToday(-45), percent: '30' },
        { dueDate: daysFromToday(10), percent: '60' },
        { dueDate: daysFromToday(40), percent: '10' },
      ],
    });
    expect(plan.statusCode).toBe(200);
    // 30 % of 1000.01 = 300.003 → 300.00; 60 % = 600.006 → 600.01; the last takes the rest: 100.00.
    expect(plan.json().map((i: { amount: string }) => i.amount)).toEqual(['300.00', '600.01', '100.00']);
    expect(plan.json()[0]).toMatchObject({ status: 'open', daysOverdue: 45 });
    const before = (await rep.get('/api/v1/receivables', { customerId: customer.id })).json();
    expect(before).toMatchObject({ planned: '1000.01', received: '0.00', outstanding: '1000.01', overdue: '300.00' });
    const agingBefore = (await t.admin.get('/api/v1/receivables/aging', { customerId: customer.id })).json();
    expect(agingBefore.rows[0]).toMatchObject({
      key: customer.id,
      name: customer.name,
      current: '700.01',
      d31_60: '300.00',
      total: '1000.01',
    });

    const [first, second, third] = plan.json();
    const receipt = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '1000.01',
      method: 'bank_transfer',
      reference: 'TX-001',
      allocations: [
        { instalmentId: first.id, amount: '300.00' },
        { instalmentId: second.id, amount: '600.01' },
        { instalmentId: third.id, amount: '100.00' },
      ],
    });
    expect(receipt.statusCode).toBe(201);
    expect(receipt.json()).toMatchObject({ status: 'unconfirmed', number: expect.stringMatching(/^R\d{6}-\d{4}$/) });
    // Unconfirmed money counts for nothing; reps cannot confirm.
    expect((await rep.get('/api/v1/receivables', { customerId: customer.id })).json().received).toBe('0.00');
    expect((await rep.post(`/api/v1/receipts/${receipt.json().id}/confirm`)).statusCode).toBe(403);
    expect((await t.admin.post(`/api/v1/receipts/${receipt.json().id}/confirm`)).json().status).toBe('confirmed');
    const after = (await rep.get('/api/v1/receivables', { customerId: customer.id })).json();
    expect(after).toMatchObject({ received: '1000.01', outstanding: '0.00', overdue: '0.00' });
    expect(after.instalments.every((i: { status: string }) => i.status === 'paid')).toBe(true);
    expect((await t.admin.get('/api/v1/receivables/aging', { customerId: customer.id })).json().rows).toEqual([]);
    // Every money event is on the customer's timeline.
    const timeline = (
      await rep.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'change', limit: 50 })
    ).json();
    const events = timeline.items.map(
      (e: { change: { entity: string; action: string } }) => `${e.change.entity}.${e.change.action}`,
    );
    expect(events).toEqual(
      expect.arrayContaining(['orders.create', 'orders.update', 'receipts.create', 'receipts.confirm']),
    );
    expect((await t.admin.delete(`/api/v1/receipts/${receipt.json().id}`)).statusCode).toBe(409);
    expect(
      (
        await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
          instalments: [{ dueDate: daysFromToday(1), percent: '100' }],
        })
      ).statusCode,
    ).toBe(409);
  });

  it('refuses more than is outstanding unless over-payment is allowed, and plans that do not add up', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const { order, customer } = await approvedOrder(rep, '500');
    expect(
      (
        await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
          instalments: [{ dueDate: daysFromToday(5), amount: '400' }],
        })
      ).json().error.fields,
    ).toHaveProperty('instalments');
    expect(
      (
        await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
          instalments: [{ dueDate: daysFromToday(5), amount: '400', percent: '20' }],
        })
      ).statusCode,
    ).toBe(400);
    const [only] = (
      await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: daysFromToday(5), amount: '500' }],
      })
    ).json();
    const tooMuch = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '600',
      method: 'cash',
      allocations: [{ instalmentId: only.id, amount: '600' }],
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields).toHaveProperty(['allocations.0.amount']);
    const allowed = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '600',
      method: 'cash',
      overpayment: true,
      allocations: [{ instalmentId: only.id, amount: '600' }],
    });
    expect(allowed.statusCode).toBe(201);
    expect((await t.admin.post(`/api/v1/receipts/${allowed.json().id}/confirm`)).statusCode).toBe(200);
    expect((await rep.get('/api/v1/receivables', { orderId: order.id })).json()).toMatchObject({
      received: '600.00',
      outstanding: '0.00',
    });
    const overAllocated = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '10',
      method: 'cash',
      overpayment: true,
      allocations: [{ instalmentId: only.id, amount: '20' }],
    });
    expect(overAllocated.json().error.fields).toHaveProperty('allocations');
  });

  it('keeps receivables and receipts within the data scope', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '戊'));
    const other = await createUserClient(t, 'sales_rep', await createDepartment(t, '己'));
    const { order, customer } = await approvedOrder(rep, '100');
    await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
      instalments: [{ dueDate: daysFromToday(-100), amount: '100' }],
    });
    expect((await other.get(`/api/v1/orders/${order.id}/payment-plan`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/receivables', { customerId: customer.id })).json().planned).toBe('0.00');
    expect(
      (
        await other.post('/api/v1/receipts', {
          customerId: customer.id,
          receivedOn: daysFromToday(0),
          amount: '1',
          method: 'cash',
        })
      ).json().error.fields,
    ).toHaveProperty('customerId');
    const byOwner = (await t.admin.get('/api/v1/receivables/aging', { groupBy: 'owner' })).json();
    expect(byOwner.rows.find((r: { key: number }) => r.key === rep.userId)).toMatchObject({
      name: rep.username,
      d90_plus: '100.00',
    });
    const byDepartment = (await t.admin.get('/api/v1/receivables/aging', { groupBy: 'department' })).json();
    expect(byDepartment.rows.every((r: { name: string }) => r.name && r.name !== '-')).toBe(true);
  });

  it('reminds the owner once when an instalment becomes overdue', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const { order } = await approvedOrder(rep, '800');
    await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
      instalments: [
        { dueDate: daysFromToday(-1), amount: '500' },
        { dueDate: daysFromToday(-20), amount: '300' },
      ],
    });
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    for (let i = 0; i < 3; i++) {
      await overdueReminderSweep(ctx);
      await runDueJobs(ctx, jobHandlers, [], 'test');
    }
    const reminders = (await rep.get('/api/v1/notifications'))
      .json()
      .items.filter((n: { kind: string }) => n.kind === 'paymentOverdue');
    // The one overdue for a day is told; the one overdue for weeks was told long ago (outside the grace days).
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ entity: 'orders', entityId: order.id, params: { amount: '500.00' } });
  });

  it('pays a refund back out of an instalment only after approval, and never below what was received', async () => {
    const team = await createDepartment(t, '退款组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(t, 'sales_rep', team);
    const { order, customer } = await approvedOrder(rep, '1000');
    const [instalment] = (
      await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: daysFromToday(10), amount: '1000' }],
      })
    ).json();
    const paid = (
      await rep.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: daysFromToday(0),
        amount: '1000',
        method: 'bank_transfer',
        allocations: [{ instalmentId: instalment.id, amount: '1000' }],
      })
    ).json();
    await t.admin.post(`/api/v1/receipts/${paid.id}/confirm`);
    await t.admin.post('/api/v1/approval-flows', {
      name: '退款审批',
      documentType: 'refund',
      conditions: [],
      steps: [{ name: '经理', approverType: 'department_manager' }],
    });

    const tooMuch = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '-1200',
      method: 'bank_transfer',
      allocations: [{ instalmentId: instalment.id, amount: '1200' }],
    });
    expect(tooMuch.json().error.fields).toHaveProperty(['allocations.0.amount']);
    const refund = (
      await rep.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: daysFromToday(0),
        amount: '-300',
        method: 'bank_transfer',
        reference: '质量问题退款',
        allocations: [{ instalmentId: instalment.id, amount: '300' }],
      })
    ).json();
    expect((await t.admin.post(`/api/v1/receipts/${refund.id}/confirm`)).statusCode).toBe(409);
    expect((await rep.post(`/api/v1/receipts/${refund.id}/submit`)).json().approvalStatus).toBe('pending');
    const [request] = (await manager.get('/api/v1/approvals', { view: 'pending', documentType: 'refund' })).json()
      .items;
    await manager.post(`/api/v1/approvals/${request.id}/approve`, {});
    expect((await t.admin.post(`/api/v1/receipts/${refund.id}/confirm`)).json()).toMatchObject({
      status: 'confirmed',
      approvalStatus: 'approved',
      amount: '-300.00',
    });
    expect((await rep.get('/api/v1/receivables', { orderId: order.id })).json()).toMatchObject({
      received: '700.00',
      outstanding: '300.00',
    });
    expect((await rep.post(`/api/v1/receipts/${paid.id}/submit`)).statusCode).toBe(409);
  });

  it('refuses a payment in one currency against an instalment in another (400 CURRENCY_MISMATCH, in both languages)', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const { order, customer } = await approvedOrder(rep, '1000', { currency: 'CNY' });
    const [cny] = (
      await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: daysFromToday(5), amount: '1000' }],
      })
    ).json();
    const mixed = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '1000',
      currency: 'USD',
      method: 'bank_transfer',
      allocations: [{ instalmentId: cny.id, amount: '1000' }],
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error).toMatchObject({
      code: 'CURRENCY_MISMATCH',
      message: expect.stringContaining('USD'),
      fields: { 'allocations.0.instalmentId': expect.stringMatching(/CNY.*USD/) },
    });
    const zhRep = await createUserClient(t, 'sales_manager', undefined, { locale: 'zh-CN' });
    const zh = await zhRep.request('POST', '/api/v1/receipts', {
      payload: {
        customerId: customer.id,
        receivedOn: daysFromToday(0),
        amount: '1000',
        currency: 'USD',
        method: 'bank_transfer',
        allocations: [{ instalmentId: cny.id, amount: '1000' }],
      },
    });
    expect(zh.json().error.fields['allocations.0.instalmentId']).toBe('该期回款计划币种为 CNY，回款币种为 USD');
    expect((await rep.get('/api/v1/receivables', { orderId: order.id })).json()).toMatchObject({
      currency: 'CNY',
      received: '0.00',
      outstanding: '1000.00',
    });

    // A payment without a currency is in the currency of what it pays.
    const { order: usdOrder } = await approvedOrder(rep, '250', { currency: 'USD', customerId: customer.id });
    const [usd] = (
      await rep.put(`/api/v1/orders/${usdOrder.id}/payment-plan`, {
        instalments: [{ dueDate: daysFromToday(5), amount: '250' }],
      })
    ).json();
    const paid = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '250',
      method: 'bank_transfer',
      allocations: [{ instalmentId: usd.id, amount: '250' }],
    });
    expect(paid.json()).toMatchObject({ currency: 'USD', amount: '250.00' });
    // One receipt cannot pay both.
    const both = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '1250',
      method: 'bank_transfer',
      allocations: [
        { instalmentId: usd.id, amount: '250' },
        { instalmentId: cny.id, amount: '1000' },
      ],
    });
    expect(both.json().error).toMatchObject({
      code: 'CURRENCY_MISMATCH',
      fields: { 'allocations.1.instalmentId': expect.any(String) },
    });
    // A refund is held to the same rule.
    const refund = await rep.post('/api/v1/receipts', {
      customerId: customer.id,
      receivedOn: daysFromToday(0),
      amount: '-10',
      currency: 'CNY',
      method: 'bank_transfer',
      allocations: [{ instalmentId: usd.id, amount: '10' }],
    });
    expect(refund.json().error.code).toBe('CURRENCY_MISMATCH');
    // A mismatch recorded before the rule existed is refused at confirmation and changes nothing.
    const legacy = (
      await rep.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: daysFromToday(0),
        amount: '100',
        currency: 'CNY',
        method: 'cash',
        allocations: [{ instalmentId: cny.id, amount: '100' }],
      })
    ).json();
    await t.database.db.updateTable('receipts').set({ currency: 'USD' }).where('id', '=', legacy.id).execute();
    expect((await t.admin.post(`/api/v1/receipts/${legacy.id}/confirm`)).json().error.code).toBe('CURRENCY_MISMATCH');
    await t.admin.post(`/api/v1/receipts/${paid.json().id}/confirm`);
    const customerTotals = (await rep.get('/api/v1/receivables', { customerId: customer.id })).json();
    expect(customerTotals.byCurrency).toEqual([
      {
        currency: 'CNY',
        planned: '1000.00',
        invoiced: '0.00',
        received: '0.00',
        outstanding: '1000.00',
        overdue: '0.00',
      },
      {
        currency: 'USD',
        planned: '250.00',
        invoiced: '0.00',
        received: '250.00',
        outstanding: '0.00',
        overdue: '0.00',
      },
    ]);
    const aging = (await t.admin.get('/api/v1/receivables/aging', { customerId: customer.id })).json();
    expect(aging.rows).toEqual([expect.objectContaining({ key: customer.id, currency: 'CNY', total: '1000.00' })]);
  });

  it('answers 404, never 403, for a payment outside the caller’s scope, whatever the action', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '庚'));
    const other = await createUserClient(t, 'sales_rep', await createDepartment(t, '辛'));
    const { order, customer } = await approvedOrder(rep, '100');
    const [instalment] = (
      await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: daysFromToday(5), amount: '100' }],
      })
    ).json();
    const receipt = (
      await rep.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: daysFromToday(0),
        amount: '100',
        method: 'cash',
        allocations: [{ instalmentId: instalment.id, amount: '100' }],
      })
    ).json();
    const invoice = (
      await t.admin.post('/api/v1/invoices', {
        type: 'vat_ordinary',
        number: `S-${receipt.id}`,
        issuedOn: daysFromToday(0),
        customerId: customer.id,
        orderId: order.id,
        amount: '100',
        tax: '0',
        buyerTitle: 'x',
      })
    ).json();
    for (const [method, url, body] of [
      ['DELETE', `/api/v1/receipts/${receipt.id}`, undefined],
      ['POST', `/api/v1/receipts/${receipt.id}/confirm`, undefined],
      ['POST', `/api/v1/receipts/${receipt.id}/submit`, undefined],
      ['GET', `/api/v1/receipts/${receipt.id}`, undefined],
      ['POST', `/api/v1/invoices/${invoice.id}/cancel`, { reason: 'x' }],
      [
        'PUT',
        `/api/v1/orders/${order.id}/payment-plan`,
        { instalments: [{ dueDate: daysFromToday(5), amount: '100' }] },
      ],
    ] as const) {
      expect((await other.request(method, url, { payload: body })).statusCode, `${method} ${url}`).toBe(404);
    }
    // Within scope, a missing permission is still a 403.
    expect((await rep.delete(`/api/v1/receipts/${receipt.id}`)).statusCode).toBe(403);
    expect((await rep.post(`/api/v1/invoices/${invoice.id}/cancel`, { reason: 'x' })).statusCode).toBe(403);
    expect((await t.admin.delete(`/api/v1/receipts/${receipt.id}`)).statusCode).toBe(204);
    expect((await t.admin.delete(`/api/v1/receipts/${receipt.id}`)).statusCode).toBe(404);
  });
});
