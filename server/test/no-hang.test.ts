import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createDepartment, createLead, createUserClient } from './factories.ts';

/**
 * The requests that froze the whole server: each ran a query on the application's database handle while
 * its own transaction held SQLite's only connection. Each must answer (the test client fails a request
 * after 5 s), and the server must go on answering afterwards.
 */
describe.each(testDialects)('requests that once froze the server, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const stillAnswers = async () => expect((await t.admin.get('/api/v1/auth/me')).statusCode).toBe(200);

  it('hands a customer to another user as administrator', async () => {
    const team = await createDepartment(t, '华南区');
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(t.admin);
    const response = await t.admin.patch(`/api/v1/customers/${customer.id}`, { ownerId: rep.userId });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ ownerId: rep.userId, departmentId: team });
    await stillAnswers();
  });

  it('lets a sales manager create a contact', async () => {
    const team = await createDepartment(t, '华北区');
    const manager = await createUserClient(t, 'sales_manager', team);
    const customer = await createCustomer(manager);
    const response = await manager.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '钱经理',
      mobile: '13800138000',
    });
    expect(response.statusCode, response.body).toBe(201);
    await stillAnswers();
  });

  it('converts a lead onto an existing customer as a sales manager', async () => {
    const team = await createDepartment(t, '西北区');
    const manager = await createUserClient(t, 'sales_manager', team);
    const customer = await createCustomer(manager);
    const lead = await createLead(manager, { name: '孙经理' });
    const response = await manager.post(`/api/v1/leads/${lead.id}/convert`, { customerId: customer.id });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ customerId: customer.id, customerCreated: false });
    await stillAnswers();
  });

  it('records an invoice against an order', async () => {
    const customer = await createCustomer(t.admin, { name: '开票客户' });
    const order = (
      await t.admin.post('/api/v1/orders', {
        title: '开票',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '1000', taxRate: '13' }],
      })
    ).json();
    await t.admin.post(`/api/v1/orders/${order.id}/submit`);
    const response = await t.admin.post('/api/v1/invoices', {
      type: 'vat_special',
      number: '04400000009',
      issuedOn: '2026-11-20',
      customerId: customer.id,
      orderId: order.id,
      amount: '1130.00',
      tax: '130.00',
      buyerTitle: '开票客户',
      buyerTaxId: '91330100MA2XXXXX1B',
    });
    expect(response.statusCode, response.body).toBe(201);
    await stillAnswers();
  });
});
