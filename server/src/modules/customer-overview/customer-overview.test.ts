import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)("a customer's key figures on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('adds up what it bought, owes and has overdue, its open opportunities and tickets, as the caller may see them', async () => {
    const team = await createDepartment(t, '概览组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep, { name: '概览客户' });
    const order = async (unitPrice: string) =>
      (
        await rep.post('/api/v1/orders', {
          title: '订单',
          customerId: customer.id,
          lines: [{ name: '设备', quantity: '1', unitPrice, taxRate: '13' }],
        })
      ).json();
    const sold = await order('1000');
    expect((await rep.post(`/api/v1/orders/${sold.id}/submit`)).json().status).toBe('approved');
    const alsoSold = await order('2000');
    await rep.post(`/api/v1/orders/${alsoSold.id}/submit`);
    await rep.post(`/api/v1/orders/${alsoSold.id}/cancel`, { reason: '客户取消' });
    await order('5000'); // a draft is not sold
    const plan = await rep.put(`/api/v1/orders/${sold.id}/payment-plan`, {
      instalments: [
        { dueDate: '2026-01-10', percent: '40' },
        { dueDate: '2099-01-10', percent: '60' },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    for (const amount of ['500', '700.50'])
      await rep.post('/api/v1/opportunities', { name: '商机', customerId: customer.id, amount });
    for (const subject of ['无法开机', '需要培训'])
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject });

    const overview = (await t.admin.get(`/api/v1/customers/${customer.id}/overview`)).json();
    expect(overview).toMatchObject({
      currency: 'CNY',
      revenue: '1130.00',
      outstanding: '1130.00',
      overdue: '452.00',
      openOpportunities: { count: 2, amount: '1200.50' },
      openTickets: 2,
    });
    // The rep sees the same sales figures, and only the tickets the rep may see.
    expect((await rep.get(`/api/v1/customers/${customer.id}/overview`)).json()).toMatchObject({
      revenue: '1130.00',
      openOpportunities: { count: 2 },
    });
    // Another department's rep may not open the customer at all.
    const stranger = await createUserClient(t, 'sales_rep', await createDepartment(t, '别组'));
    expect((await stranger.get(`/api/v1/customers/${customer.id}/overview`)).statusCode).toBe(404);
    // A figure of a kind the caller may not see is null, not zero.
    const role = (
      await t.admin.post('/api/v1/roles', {
        name: '只看客户',
        permissions: ['customers.view'],
        dataScopes: { customers: 'all' },
      })
    ).json();
    const viewer = await createUserClient(t, 'readonly', team, { roleIds: [role.id] });
    expect((await viewer.get(`/api/v1/customers/${customer.id}/overview`)).json()).toMatchObject({
      revenue: null,
      outstanding: null,
      overdue: null,
      openOpportunities: null,
      openTickets: null,
    });
  });
});
