import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('service strategies, plans and requirements on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('maps strategies to customer levels and starts a key customer’s plan with them, keeping every version', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const dedicated = (
      await t.admin.post('/api/v1/service-strategies', {
        name: '专属客户经理',
        description: '一对一服务',
        customerLevels: ['A'],
      })
    ).json();
    const fast = (
      await t.admin.post('/api/v1/service-strategies', { name: '2 小时响应', customerLevels: ['A', 'B'] })
    ).json();
    const visit = (
      await t.admin.post('/api/v1/service-strategies', { name: '季度回访', customerLevels: ['B'] })
    ).json();
    expect(
      (await t.admin.post('/api/v1/service-strategies', { name: 'x', customerLevels: ['Z'] })).json().error.fields,
    ).toHaveProperty(['customerLevels.0']);
    expect(
      (await t.admin.get('/api/v1/service-strategies', { customerLevel: 'A' }))
        .json()
        .map((s: { id: number }) => s.id)
        .sort(),
    ).toEqual([dedicated.id, fast.id].sort());

    const customer = await createCustomer(manager, { name: '舟山港集团', level: 'A' });
    const plan = (
      await manager.post('/api/v1/implementation-plans', {
        customerId: customer.id,
        title: '2027 年度服务方案',
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
      })
    ).json();
    expect(plan).toMatchObject({ version: 1, status: 'planned', customerLevel: 'A', ownerId: manager.userId });
    expect(plan.strategies.map((s: { id: number }) => s.id).sort()).toEqual([dedicated.id, fast.id].sort());
    const changed = (
      await manager.put(`/api/v1/implementation-plans/${plan.id}`, {
        customerId: customer.id,
        title: '2027 年度服务方案',
        strategyIds: [dedicated.id, fast.id, visit.id],
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        status: 'in_progress',
      })
    ).json();
    expect(changed).toMatchObject({ version: 2, status: 'in_progress' });
    const versions = (await manager.get(`/api/v1/implementation-plans/${plan.id}/versions`)).json();
    expect(
      versions.map((v: { version: number; snapshot: { status: string } }) => [v.version, v.snapshot.status]),
    ).toEqual([
      [2, 'in_progress'],
      [1, 'planned'],
    ]);
    const noted = (
      await manager.post(`/api/v1/implementation-plans/${plan.id}/notes`, { body: '已安排专属经理首次拜访' })
    ).json();
    expect(noted.notes.map((n: { body: string }) => n.body)).toEqual(['已安排专属经理首次拜访']);
    expect(
      (
        await manager.post('/api/v1/implementation-plans', {
          customerId: customer.id,
          title: 'x',
          startsOn: '2027-02-01',
          endsOn: '2027-01-01',
        })
      ).json().error.fields,
    ).toHaveProperty('endsOn');

    const outsider = await createUserClient(t, 'sales_rep', await createDepartment(t, '外部组'));
    expect((await outsider.get(`/api/v1/implementation-plans/${plan.id}`)).statusCode).toBe(404);
    expect((await outsider.post('/api/v1/service-strategies', { name: 'x' })).statusCode).toBe(403);
  });

  it('registers requirements, links the plan that answers them and reports the open ones by level and category', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const key = await createCustomer(t.admin, { level: 'A' });
    const small = await createCustomer(t.admin, { level: 'C' });
    const plan = (
      await t.admin.post('/api/v1/implementation-plans', {
        customerId: key.id,
        title: '方案',
        strategyIds: [],
        startsOn: '2027-01-01',
        endsOn: '2027-06-30',
      })
    ).json();
    const first = (
      await agent.post('/api/v1/requirements', {
        customerId: key.id,
        channel: 'phone',
        category: 'service',
        urgency: 'urgent',
        description: '希望夜间也有人响应',
      })
    ).json();
    await agent.post('/api/v1/requirements', {
      customerId: key.id,
      category: 'service',
      description: '每季度上门巡检',
    });
    await agent.post('/api/v1/requirements', {
      customerId: small.id,
      category: 'price',
      description: '希望价格更透明',
    });
    expect(
      (await agent.post('/api/v1/requirements', { customerId: key.id, category: 'nonsense', description: 'x' })).json()
        .error.fields,
    ).toHaveProperty('category');
    expect(
      (await agent.post('/api/v1/requirements', { customerId: small.id, description: 'x', planId: plan.id })).json()
        .error.fields,
    ).toHaveProperty('planId');

    let report = (await agent.get('/api/v1/requirements/report')).json().rows;
    expect(
      report.find(
        (r: { customerLevel: string; category: string }) => r.customerLevel === 'A' && r.category === 'service',
      ),
    ).toMatchObject({ open: 2, urgent: 1 });
    const answered = (
      await agent.patch(`/api/v1/requirements/${first.id}`, { status: 'answered', planId: plan.id })
    ).json();
    expect(answered).toMatchObject({ status: 'answered', planTitle: '方案' });
    report = (await agent.get('/api/v1/requirements/report')).json().rows;
    expect(
      report.find(
        (r: { customerLevel: string; category: string }) => r.customerLevel === 'A' && r.category === 'service',
      ),
    ).toMatchObject({ open: 1, urgent: 0 });
    expect(report.find((r: { customerLevel: string }) => r.customerLevel === 'C')).toMatchObject({
      category: 'price',
      open: 1,
    });
    expect(
      (
        await (
          await createUserClient(t, 'readonly')
        ).post('/api/v1/requirements', { customerId: key.id, description: 'x' })
      ).statusCode,
    ).toBe(403);
  });
});
