import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { jobHandlers, recurringJobs } from '../../jobs.ts';
import { runDueJobs, scheduleJob } from '../../platform/jobs.ts';
import type { AppContext } from '../../platform/context.ts';

describe.each(testDialects)('public pool on %s', (dialect) => {
  let t: TestApp;
  let companyPool: number;
  const ctxOf = (database: Database) =>
    ({ db: database.db, dialect: database.dialect, config: t.config }) as AppContext;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    companyPool = (await t.admin.get('/api/v1/pools')).json()[0].id;
  });
  afterAll(async () => t?.close());
  const setPoolRules = (values: Record<string, number>) => t.admin.patch('/api/v1/settings', values);

  it('lets a rep release a customer with a reason and a colleague claim it', async () => {
    const team = await createDepartment(t, '公海组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const colleague = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep);
    expect((await rep.post(`/api/v1/customers/${customer.id}/release`, {})).json().error.fields).toHaveProperty(
      'reason',
    );
    expect((await rep.post(`/api/v1/customers/${customer.id}/release`, { reason: '多次联系无回应' })).statusCode).toBe(
      204,
    );
    expect((await rep.get(`/api/v1/customers/${customer.id}`)).statusCode).toBe(404);
    const waiting = (await colleague.get(`/api/v1/pools/${companyPool}/customers`, { q: customer.name })).json();
    expect(waiting.items.map((c: { id: number }) => c.id)).toEqual([customer.id]);

    const claimed = await colleague.post(`/api/v1/pools/customers/${customer.id}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect((await colleague.get(`/api/v1/customers/${customer.id}`)).json()).toMatchObject({
      ownerId: colleague.userId,
    });
    expect((await rep.post(`/api/v1/pools/customers/${customer.id}/claim`)).statusCode).toBe(409);
    const history = (await t.admin.get('/api/v1/audit-logs', { entity: 'customers', entityId: customer.id }))
      .json()
      .items.map((a: { action: string }) => a.action);
    expect(history).toEqual(expect.arrayContaining(['release', 'claim']));
    const readonly = await createUserClient(t, 'readonly');
    expect((await readonly.post(`/api/v1/pools/customers/${customer.id}/claim`)).statusCode).toBe(403);
  });

  it('lets exactly one of two reps claiming the same customer at once win', async () => {
    const team = await createDepartment(t, '抢客组');
    const [a, b] = [await createUserClient(t, 'sales_rep', team), await createUserClient(t, 'sales_rep', team)];
    const customer = await createCustomer(a);
    await a.post(`/api/v1/customers/${customer.id}/release`, { reason: 'x' });
    const results = await Promise.all([
      a.post(`/api/v1/pools/customers/${customer.id}/claim`),
      b.post(`/api/v1/pools/customers/${customer.id}/claim`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const claims = await t.database.db
      .selectFrom('poolClaims')
      .select('userId')
      .where('customerId', '=', customer.id)
      .execute();
    expect(claims).toHaveLength(1);
  });

  it('holds the per-day claim limit, also under concurrent claims by one rep', async () => {
    const team = await createDepartment(t, '限额组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await createCustomer(t.admin);
      await t.admin.post(`/api/v1/customers/${c.id}/release`, { reason: 'x' });
      ids.push(c.id);
    }
    await setPoolRules({ poolMaxClaimsPerDay: 2 });
    try {
      const results = await Promise.all(ids.map((id) => rep.post(`/api/v1/pools/customers/${id}/claim`)));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
      const refused = results.filter((r) => r.statusCode === 409);
      expect(refused).toHaveLength(2);
      expect(refused[0].json().error.code).toBe('POOL_LIMIT');
    } finally {
      await setPoolRules({ poolMaxClaimsPerDay: 0 });
    }
  });

  it('returns neglected customers to the pool once, warning the owner first, even with two server instances', async () => {
    const team = await createDepartment(t, '回收组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const neglected = await createCustomer(rep, { name: '久未跟进客户' });
    const soon = await createCustomer(rep, { name: '即将回收客户' });
    const fresh = await createCustomer(rep, { name: '刚跟进客户' });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await t.database.db
      .updateTable('customers')
      .set({ lastFollowupAt: daysAgo(40) })
      .where('id', '=', neglected.id)
      .execute();
    await t.database.db
      .updateTable('customers')
      .set({ lastFollowupAt: daysAgo(28) })
      .where('id', '=', soon.id)
      .execute();
    await t.database.db
      .updateTable('customers')
      .set({ lastFollowupAt: daysAgo(1) })
      .where('id', '=', fresh.id)
      .execute();
    await setPoolRules({ poolReturnNoFollowupDays: 30, poolWarnDaysBefore: 3 });
    const secondInstance = openDatabase(t.databaseUrl);
    try {
      await scheduleJob(t.database.db, {
        kind: 'pool.autoReturn',
        runAt: new Date(Date.now() - 1000).toISOString(),
        dedupeKey: `test-${dialect}-${Date.now()}`,
      });
      // Two instances polling the same table at the same moment: the job runs on one of them only.
      const ran = await Promise.all([
        runDueJobs(ctxOf(t.database), jobHandlers, recurringJobs, 'one'),
        runDueJobs(ctxOf(secondInstance), jobHandlers, recurringJobs, 'two'),
      ]);
      expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
      const after = async (id: number) => (await t.admin.get(`/api/v1/customers/${id}`)).json();
      expect(await after(neglected.id)).toMatchObject({ ownerId: null });
      expect(await after(soon.id)).toMatchObject({ ownerId: rep.userId });
      expect(await after(fresh.id)).toMatchObject({ ownerId: rep.userId });
      const inbox = (await rep.get('/api/v1/notifications'))
        .json()
        .items.map((n: { kind: string; entityId: number }) => [n.kind, n.entityId]);
      expect(inbox).toEqual(
        expect.arrayContaining([
          ['customerReturned', neglected.id],
          ['customerReturning', soon.id],
        ]),
      );
      expect(inbox.filter(([kind]: [string]) => kind === 'customerReturned')).toHaveLength(1);
      const returns = (
        await t.admin.get('/api/v1/audit-logs', { entity: 'customers', entityId: neglected.id, action: 'return' })
      ).json();
      expect(returns.total).toBe(1);
    } finally {
      await secondInstance.close();
      await setPoolRules({ poolReturnNoFollowupDays: 0 });
    }
  });
});
