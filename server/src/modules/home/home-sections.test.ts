import { builtInHomeSections } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';

const financeSections = ['receiptsToConfirm', 'overdueReceivables', 'invoicesToIssue'];
const daysFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

describe.each(testDialects)('home page sections per role on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const createRole = async (permissions: string[], extra: Record<string, unknown> = {}) => {
    const response = await t.admin.post('/api/v1/roles', { name: unique('角色'), permissions, ...extra });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: number; homeSections: string[] | null };
  };
  const userWithRoles = (roleIds: number[], departmentId?: number) =>
    createUserClient(t, 'readonly', departmentId, { roleIds });
  const home = async (client: Client, view: 'me' | 'team' = 'me') => {
    const response = await client.get('/api/v1/home', { view });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const approvedOrder = async (rep: Client, unitPrice: string) => {
    const customer = await createCustomer(rep);
    const order = (
      await rep.post('/api/v1/orders', {
        title: '首页订单',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice, taxRate: '0' }],
      })
    ).json();
    expect((await rep.post(`/api/v1/orders/${order.id}/submit`)).statusCode).toBe(200);
    return { order, customer };
  };
  const finance = (scope: 'all' | 'department_tree') =>
    createRole(
      ['customers.view', 'orders.view', 'receipts.view', 'receipts.confirm', 'invoices.view', 'invoices.create'],
      { dataScopes: { customers: scope, orders: scope, receipts: scope } },
    );

  it('gives each built-in role its sections, in the catalogue order, and no data of the others', async () => {
    for (const code of ['sales_rep', 'sales_manager', 'service_agent', 'readonly'] as const) {
      const data = await home(await createUserClient(t, code));
      expect(data.sections, code).toEqual(builtInHomeSections[code]);
    }
    expect((await home(t.admin)).sections).toEqual(builtInHomeSections.admin);

    const rep = await home(await createUserClient(t, 'sales_rep'));
    // A rep may see payments (receipts.view), but the finance sections are not a rep's.
    for (const code of financeSections) expect(rep).not.toHaveProperty(code);
    for (const code of ['teamPipeline', 'forecast', 'teamActivity', 'myQueue', 'slaRisk', 'todayVisits'])
      expect(rep).not.toHaveProperty(code);
    expect(rep.approvals).toEqual([]);
    expect(rep.progress).toMatchObject({ amountWon: '0.00' });

    const agent = await home(await createUserClient(t, 'service_agent'));
    expect(agent).toMatchObject({ tasks: [], funnel: [], progress: null, activity: [] });
    expect(agent.myQueue).toEqual({ total: 0, items: [] });
  });

  it('derives the sections of a custom role from its permissions and shows the union of several roles', async () => {
    const technician = await createRole(['workOrders.view', 'workOrders.work', 'tickets.view']);
    const fin = await finance('all');
    expect(technician.homeSections).toBeNull();
    expect((await home(await userWithRoles([technician.id]))).sections).toEqual(['todayVisits']);
    expect((await home(await userWithRoles([fin.id]))).sections).toEqual([
      'approvals',
      'receiptsToConfirm',
      'overdueReceivables',
      'invoicesToIssue',
    ]);
    expect((await home(await userWithRoles([technician.id, fin.id]))).sections).toEqual([
      'approvals',
      'todayVisits',
      'receiptsToConfirm',
      'overdueReceivables',
      'invoicesToIssue',
    ]);
  });

  it("shows a rep their own pipeline and a manager their team's, and nobody else's", async () => {
    const team = await createDepartment(t, unique('首页销售组'));
    const otherTeam = await createDepartment(t, unique('首页别组'));
    const manager = await createUserClient(t, 'sales_manager', team);
    const rep = await createUserClient(t, 'sales_rep', team);
    const colleague = await createUserClient(t, 'sales_rep', team);
    const stranger = await createUserClient(t, 'sales_rep', otherTeam);
    for (const [client, amount] of [
      [rep, '100.00'],
      [colleague, '20.00'],
      [stranger, '3.00'],
    ] as const) {
      const customer = await createCustomer(client);
      const created = await client.post('/api/v1/opportunities', {
        name: unique('首页商机'),
        customerId: customer.id,
        amount,
        expectedCloseDate: daysFromToday(0),
      });
      expect(created.statusCode).toBe(201);
    }
    const mine = await home(rep);
    expect(mine.funnel).toEqual([expect.objectContaining({ count: 1, amount: '100.00' })]);
    const managers = await home(manager);
    expect(managers.teamPipeline).toEqual([expect.objectContaining({ count: 2, amount: '120.00' })]);
    // Open amounts weighted by the first stage's 10 %.
    expect(managers.forecast.periods.map((p: { kind: string; weighted: string }) => [p.kind, p.weighted])).toEqual([
      ['month', '12.00'],
      ['quarter', '12.00'],
    ]);
    expect(managers.teamActivity.map((a: { userId: number }) => a.userId)).not.toContain(stranger.userId);
    expect(managers.teamActivity.map((a: { userId: number }) => a.userId)).toEqual(
      expect.arrayContaining([rep.userId, colleague.userId]),
    );
  });

  it("lists an agent's queue, the tickets near or past their SLA, callbacks due and their work orders", async () => {
    const agent = await createUserClient(t, 'service_agent');
    const technicianRole = await createRole(['workOrders.view', 'workOrders.work', 'tickets.view']);
    const technician = await userWithRoles([technicianRole.id]);
    const customer = await createCustomer(t.admin, { address: '上门地址 1 号' });
    const ticket = async (subject: string) => {
      const response = await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: `${subject} ${unique('')}`,
        assigneeId: agent.userId,
      });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: number; subject: string };
    };
    const tickets = [];
    for (let i = 0; i < 12; i++) tickets.push(await ticket('排队工单'));
    const late = await ticket('已超时');
    const near = await ticket('快到期');
    const callback = await ticket('待回访');
    const db = t.database.db;
    await db
      .updateTable('tickets')
      .set({ resolutionDue: hoursFromNow(48) })
      .where('ownerId', '=', agent.userId)
      .execute();
    await db
      .updateTable('tickets')
      .set({ resolutionDue: hoursFromNow(-1) })
      .where('id', '=', late.id)
      .execute();
    await db
      .updateTable('tickets')
      .set({ resolutionDue: hoursFromNow(1) })
      .where('id', '=', near.id)
      .execute();
    await db.updateTable('tickets').set({ status: 'callback' }).where('id', '=', callback.id).execute();

    const visit = await agent.post('/api/v1/work-orders', {
      ticketId: tickets[0]!.id,
      appointmentStart: hoursFromNow(0),
      appointmentEnd: hoursFromNow(0.5),
      technicianId: technician.userId,
    });
    expect(visit.statusCode, visit.body).toBe(201);

    const data = await home(agent);
    expect(data.myQueue.total).toBe(14);
    expect(data.myQueue.items).toHaveLength(10);
    const subjects = (list: { items: Array<{ subject: string; sla: string | null }> }) =>
      list.items.map((i) => [i.subject, i.sla]);
    expect(subjects(data.slaRisk).filter(([s]) => s === late.subject || s === near.subject)).toEqual([
      [late.subject, 'breached'],
      [near.subject, 'near'],
    ]);
    expect(data.slaRisk.near).toBeGreaterThanOrEqual(1);
    // The totals are the database's count of every such ticket, more than any list the page reads.
    const more = [];
    for (let i = 0; i < 55; i++) more.push((await ticket('又超时')).id);
    await db
      .updateTable('tickets')
      .set({ resolutionDue: hoursFromNow(-2) })
      .where('id', 'in', more)
      .execute();
    const later = await home(agent);
    expect(later.slaRisk.total).toBe(data.slaRisk.total + 55);
    expect(later.slaRisk.near).toBe(data.slaRisk.near);
    expect(later.slaRisk.items).toHaveLength(10);
    expect(subjects(data.callbacksDue)).toContainEqual([callback.subject, null]);
    expect(data.myWorkOrders).toMatchObject({ total: 1, items: [{ ticketId: tickets[0]!.id }] });

    const visits = await home(technician);
    expect(visits.sections).toEqual(['todayVisits']);
    expect(visits.todayVisits).toMatchObject({ total: 1, items: [{ ticketId: tickets[0]!.id, status: 'dispatched' }] });
    // Another technician has no visits today.
    expect((await home(await userWithRoles([technicianRole.id]))).todayVisits).toEqual({ total: 0, items: [] });
  });

  it('gives finance the receipts to confirm, overdue receivables and invoices to issue of their scope only', async () => {
    const ours = await createDepartment(t, unique('首页财务'));
    const theirs = await createDepartment(t, unique('首页外部'));
    const rep = await createUserClient(t, 'sales_rep', ours);
    const outsider = await createUserClient(t, 'sales_rep', theirs);
    const role = await finance('department_tree');
    const accountant = await userWithRoles([role.id], ours);

    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await approvedOrder(rep, '100.00'));
    const { order: foreign } = await approvedOrder(outsider, '999.00');
    for (const { order } of [...orders.slice(0, 11), { order: foreign }]) {
      const plan = await (order === foreign ? outsider : rep).put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: daysFromToday(-3), percent: '100' }],
      });
      expect(plan.statusCode).toBe(200);
    }
    // The first order is invoiced in full, the second in part.
    for (const [order, amount] of [
      [orders[0]!, '100.00'],
      [orders[1]!, '40.00'],
    ] as const) {
      const invoice = await t.admin.post('/api/v1/invoices', {
        type: 'vat_ordinary',
        number: unique('INV'),
        issuedOn: daysFromToday(0),
        customerId: order.customer.id,
        orderId: order.order.id,
        amount,
        tax: '0',
        buyerTitle: order.customer.name,
      });
      expect(invoice.statusCode).toBe(201);
    }
    for (let i = 0; i < 12; i++) {
      const receipt = await rep.post('/api/v1/receipts', {
        customerId: orders[i]!.customer.id,
        receivedOn: daysFromToday(0),
        amount: '1.00',
        method: 'bank_transfer',
      });
      expect(receipt.statusCode).toBe(201);
    }
    const foreignReceipt = await outsider.post('/api/v1/receipts', {
      customerId: (await createCustomer(outsider)).id,
      receivedOn: daysFromToday(0),
      amount: '5.00',
      method: 'cash',
    });
    expect(foreignReceipt.statusCode).toBe(201);

    const data = await home(accountant);
    expect(data.receiptsToConfirm.total).toBe(12);
    expect(data.receiptsToConfirm.items).toHaveLength(10);
    expect(data.receiptsToConfirm.items.map((r: { amount: string }) => r.amount)).not.toContain('5.00');
    expect(data.overdueReceivables).toMatchObject({ total: 11, amounts: [{ currency: 'CNY', amount: '1100.00' }] });
    expect(data.overdueReceivables.items).toHaveLength(10);
    expect(data.overdueReceivables.items[0]).toMatchObject({ daysOverdue: 3, outstanding: '100.00' });
    expect(data.invoicesToIssue.total).toBe(11);
    expect(data.invoicesToIssue.items).toHaveLength(10);
    expect(data.invoicesToIssue.items[0]).toMatchObject({
      orderId: orders[1]!.order.id,
      invoiced: '40.00',
      left: '60.00',
    });
    expect(data.invoicesToIssue.items.map((i: { orderId: number }) => i.orderId)).not.toContain(foreign.id);

    const repHome = await home(rep);
    for (const code of financeSections) {
      expect(repHome.sections).not.toContain(code);
      expect(repHome).not.toHaveProperty(code);
    }
  });

  it('lets an administrator choose the sections of a role, never showing one its holders may not see', async () => {
    const role = await createRole(['tasks.view', 'customers.view', 'opportunities.view', 'opportunities.create']);
    const user = await userWithRoles([role.id]);
    expect((await home(user)).sections).toEqual(['tasks', 'followupsDue', 'myPipeline', 'activity']);

    const chosen = await t.admin.patch(`/api/v1/roles/${role.id}`, {
      homeSections: ['teamPipeline', 'tasks', 'receiptsToConfirm', 'tasks'],
    });
    expect(chosen.statusCode).toBe(200);
    // Stored once each, in the catalogue's order.
    expect(chosen.json().homeSections).toEqual(['tasks', 'receiptsToConfirm', 'teamPipeline']);
    expect((await t.admin.get(`/api/v1/roles/${role.id}`)).json().homeSections).toEqual([
      'tasks',
      'receiptsToConfirm',
      'teamPipeline',
    ]);
    // receipts.confirm is not the role's: that section stays hidden.
    const data = await home(user);
    expect(data.sections).toEqual(['tasks', 'teamPipeline']);
    expect(data).not.toHaveProperty('receiptsToConfirm');
    expect(data.progress).toBeNull();

    expect((await t.admin.patch(`/api/v1/roles/${role.id}`, { homeSections: null })).json().homeSections).toBeNull();
    expect((await home(user)).sections).toEqual(['tasks', 'followupsDue', 'myPipeline', 'activity']);

    const created = await createRole(['tasks.view'], { homeSections: [] });
    expect(created.homeSections).toEqual([]);
    expect((await home(await userWithRoles([created.id]))).sections).toEqual([]);
    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'roles', entityId: role.id })).json();
    expect(audit.items[0].changes).toEqual([
      { field: 'homeSections', old: ['tasks', 'receiptsToConfirm', 'teamPipeline'], new: null },
    ]);
  });

  it('refuses an unknown section code with a message on the field', async () => {
    const role = await createRole(['tasks.view']);
    const bad = await t.admin.patch(`/api/v1/roles/${role.id}`, { homeSections: ['tasks', 'horoscope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('homeSections.1');
    const badNew = await t.admin.post('/api/v1/roles', {
      name: unique('角色'),
      permissions: [],
      homeSections: 'tasks',
    });
    expect(badNew.statusCode).toBe(400);
    expect(badNew.json().error.fields).toHaveProperty('homeSections');
    expect((await t.admin.get(`/api/v1/roles/${role.id}`)).json().homeSections).toBeNull();
  });
});
