import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { contractSweep } from './contracts.service.ts';

const daysFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe.each(testDialects)('contracts on %s', (dialect) => {
  let t: TestApp;
  const ctx = () => ({ db: t.database.db, dialect: t.database.dialect, config: t.config }) as AppContext;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('brings a contract into force, reminds the owner before it ends, expires it and renews it as a linked successor', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '合同组'));
    const customer = await createCustomer(rep);
    const created = await rep.post('/api/v1/contracts', {
      name: '年度维保合同',
      customerId: customer.id,
      category: 'service',
      amount: '120000',
      startsOn: daysFromToday(-360),
      endsOn: daysFromToday(10),
      signedOn: daysFromToday(-365),
      renewalRemindDays: 10,
      customerSignatory: '张总',
    });
    expect(created.statusCode).toBe(201);
    const contract = created.json();
    expect(contract).toMatchObject({
      status: 'draft',
      amount: '120000.00',
      number: expect.stringMatching(/^HT\d{4}-\d{4}$/),
    });
    expect((await rep.post(`/api/v1/contracts/${contract.id}/submit`)).json().status).toBe('in_force');
    expect((await rep.patch(`/api/v1/contracts/${contract.id}`, { name: 'x' })).statusCode).toBe(409);

    for (let i = 0; i < 2; i++) {
      await contractSweep(ctx());
      await runDueJobs(ctx(), jobHandlers, [], 'test');
    }
    const reminders = (await rep.get('/api/v1/notifications'))
      .json()
      .items.filter((n: { kind: string }) => n.kind === 'contractEnding');
    expect(reminders).toHaveLength(1);
    expect(
      (await rep.get('/api/v1/contracts', { endingWithinDays: 30 })).json().items.map((c: { id: number }) => c.id),
    ).toContain(contract.id);

    const renewed = await rep.post(`/api/v1/contracts/${contract.id}/renew`, {
      endsOn: daysFromToday(375),
      amount: '130000',
    });
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json()).toMatchObject({
      previousId: contract.id,
      status: 'draft',
      startsOn: daysFromToday(11),
      amount: '130000.00',
      customerSignatory: '张总',
    });
    expect((await rep.get(`/api/v1/contracts/${contract.id}`)).json().renewedById).toBe(renewed.json().id);
    expect((await rep.post(`/api/v1/contracts/${contract.id}/renew`, { endsOn: daysFromToday(400) })).statusCode).toBe(
      409,
    );
  });

  it('expires contracts past their end, goes through approval when a flow applies, and keeps contracts in scope', async () => {
    const team = await createDepartment(t, '合同审批组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep);
    const old = (
      await rep.post('/api/v1/contracts', {
        name: '旧合同',
        customerId: customer.id,
        amount: '1000',
        startsOn: daysFromToday(-400),
        endsOn: daysFromToday(-5),
      })
    ).json();
    await rep.post(`/api/v1/contracts/${old.id}/submit`);
    await contractSweep(ctx());
    expect((await rep.get(`/api/v1/contracts/${old.id}`)).json().status).toBe('expired');

    await t.admin.post('/api/v1/approval-flows', {
      name: '大额合同',
      documentType: 'contract',
      conditions: [{ fact: 'amount', op: '>=', value: '500000' }],
      steps: [{ name: '经理', approverType: 'department_manager' }],
    });
    const big = (
      await rep.post('/api/v1/contracts', {
        name: '大合同',
        customerId: customer.id,
        amount: '800000',
        startsOn: daysFromToday(0),
        endsOn: daysFromToday(365),
      })
    ).json();
    expect((await rep.post(`/api/v1/contracts/${big.id}/submit`)).json().status).toBe('pending_approval');
    const [request] = (await manager.get('/api/v1/approvals', { view: 'pending', documentType: 'contract' })).json()
      .items;
    await manager.post(`/api/v1/approvals/${request.id}/approve`, {});
    expect((await rep.get(`/api/v1/contracts/${big.id}`)).json().status).toBe('in_force');
    expect((await rep.post(`/api/v1/contracts/${big.id}/terminate`, { reason: '客户违约' })).json()).toMatchObject({
      status: 'terminated',
      closeReason: '客户违约',
    });

    const outsider = await createUserClient(t, 'sales_rep');
    expect((await outsider.get(`/api/v1/contracts/${big.id}`)).statusCode).toBe(404);
    const bad = await rep.post('/api/v1/contracts', {
      name: 'x',
      customerId: customer.id,
      amount: '-1',
      startsOn: daysFromToday(10),
      endsOn: daysFromToday(0),
      category: 'nonsense',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['amount', 'endsOn']);
    expect(
      (
        await rep.post('/api/v1/contracts', {
          name: 'x',
          customerId: customer.id,
          amount: '1',
          startsOn: daysFromToday(0),
          endsOn: daysFromToday(1),
          category: 'nonsense',
        })
      ).json().error.fields,
    ).toHaveProperty('category');
  });
});
