import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createFollowup, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('home page on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("gathers the caller's day and, for a manager, the team's", async () => {
    const team = await createDepartment(t, '工作台组');
    const manager = await createUserClient(t, 'sales_manager', team);
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep, { name: '今日待跟进客户' });
    await createFollowup(rep, {
      customerId: customer.id,
      nextFollowupAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    await rep.post('/api/v1/tasks', { subject: '逾期任务', dueAt: new Date(Date.now() - 86_400_000).toISOString() });
    await rep.post('/api/v1/tasks', {
      subject: '下周任务',
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await rep.post('/api/v1/opportunities', { name: '漏斗商机', customerId: customer.id, amount: '1234.50' });

    const mine = (await rep.get('/api/v1/home')).json();
    expect(mine.tasks.map((x: { subject: string; overdue: boolean }) => [x.subject, x.overdue])).toEqual([
      ['逾期任务', true],
    ]);
    expect(mine.followupsDue).toMatchObject([{ customerId: customer.id, overdue: true }]);
    expect(mine.funnel).toEqual([{ stageCode: 'initial', probability: 10, count: 1, amount: '1234.50' }]);
    expect(mine.progress).toMatchObject({ newCustomers: 1, followups: 1, amountWon: '0.00' });
    expect(mine.activity.length).toBeGreaterThan(0);

    const teamView = (await manager.get('/api/v1/home', { view: 'team' })).json();
    expect(teamView.followupsDue.map((f: { customerId: number }) => f.customerId)).toContain(customer.id);
    expect(teamView.tasks.map((x: { subject: string }) => x.subject)).toContain('逾期任务');
    const otherRep = await createUserClient(t, 'sales_rep', team);
    const theirs = (await otherRep.get('/api/v1/home', { view: 'team' })).json();
    expect(theirs.followupsDue).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/home' })).statusCode).toBe(401);
    expect((await rep.get('/api/v1/home', { view: 'everyone' })).statusCode).toBe(400);
  });
});
