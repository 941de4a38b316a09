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

  it('names the record of each activity entry and links to it', async () => {
    const rep = await createUserClient(t, 'sales_rep', undefined, { displayName: '王小明' });
    const customer = await createCustomer(rep, { name: '动态命名客户' });
    await rep.patch(`/api/v1/customers/${customer.id}`, { remark: 'changed once' });
    const lead = (await rep.post('/api/v1/leads', { name: '动态命名线索', company: '动态公司' })).json();

    const { activity } = (await rep.get('/api/v1/home')).json();
    // Who did it reads by display name; the login name stays beside it.
    expect(new Set(activity.map((a: { userDisplayName: string }) => a.userDisplayName))).toEqual(new Set(['王小明']));
    expect(activity[0].username).toBe(rep.username);
    expect(
      activity.map((a: { action: string; entity: string; record: unknown }) => [a.action, a.entity, a.record]),
    ).toEqual([
      [
        'create',
        'leads',
        {
          entity: 'leads',
          id: lead.id,
          number: lead.code,
          title: '动态命名线索',
          url: `/leads/${lead.id}`,
          deleted: false,
        },
      ],
      ...['update', 'create'].map((action) => [
        action,
        'customers',
        {
          entity: 'customers',
          id: customer.id,
          number: customer.code,
          title: '动态命名客户',
          url: `/customers/${customer.id}`,
          deleted: false,
        },
      ]),
    ]);
    expect(lead.code).toEqual(expect.any(String));
  });

  it('still names a record deleted for good, without a link', async () => {
    const customer = await createCustomer(t.admin, { name: '彻底删除的客户' });
    // The change's audit row names nothing itself: the name comes from what the purge kept.
    await t.admin.patch(`/api/v1/customers/${customer.id}`, { remark: 'before the purge' });
    expect((await t.admin.delete(`/api/v1/customers/${customer.id}`)).statusCode).toBe(204);
    expect((await t.admin.delete(`/api/v1/recycle-bin/customers/${customer.id}`)).statusCode).toBe(204);

    // The administrator's home shows the team's activity, which includes their own.
    const { teamActivity } = (await t.admin.get('/api/v1/home')).json();
    const changed = teamActivity.find(
      (a: { action: string; entity: string; entityId: number }) =>
        a.action === 'update' && a.entity === 'customers' && a.entityId === customer.id,
    );
    expect(changed.detail).toBeNull();
    expect(changed.record).toEqual({
      entity: 'customers',
      id: customer.id,
      number: customer.code,
      title: '彻底删除的客户',
      url: null,
      deleted: true,
    });
  });
});
