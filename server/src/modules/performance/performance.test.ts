import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createFollowup, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('targets and leaderboard on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('ranks the team by amount won this month against their targets', async () => {
    const team = await createDepartment(t, '排行组');
    const manager = await createUserClient(t, 'sales_manager', team);
    const [star, steady] = [await createUserClient(t, 'sales_rep', team), await createUserClient(t, 'sales_rep', team)];
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won').id;
    for (const [rep, amount] of [
      [star, '50000'],
      [star, '25000.50'],
      [steady, '30000'],
    ] as const) {
      const customer = await createCustomer(rep);
      expect(
        (await rep.post('/api/v1/opportunities', { name: 'deal', customerId: customer.id, stageId: won, amount }))
          .statusCode,
      ).toBe(201);
      await createFollowup(rep, { customerId: customer.id });
    }
    // The company's time zone (Asia/Shanghai by default) decides which month "now" is in.
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const saved = await manager.put('/api/v1/targets', {
      targets: [
        { scopeType: 'user', scopeId: star.userId, metric: 'amountWon', period, value: '100000' },
        { scopeType: 'user', scopeId: star.userId, metric: 'followups', period, value: '20' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const board = (await manager.get('/api/v1/performance', { period, departmentId: team })).json();
    expect(board.rows.map((r: { userId: number }) => r.userId).slice(0, 2)).toEqual([star.userId, steady.userId]);
    expect(board.rows[0]).toMatchObject({
      rank: 1,
      amountWon: '75000.50',
      deals: 2,
      newCustomers: 2,
      followups: 2,
      targets: { amountWon: '100000.00', followups: '20', newCustomers: null },
    });
    expect(board.totals).toMatchObject({ amountWon: '105000.50', deals: 3 });
    const byFollowups = (
      await manager.get('/api/v1/performance', { period, departmentId: team, sort: 'followups' })
    ).json();
    expect(byFollowups.rows[0].userId).toBe(star.userId);
    // A rep sees only their own line; targets are set by those who may manage them.
    expect(
      (await steady.get('/api/v1/performance', { period })).json().rows.map((r: { userId: number }) => r.userId),
    ).toEqual([steady.userId]);
    expect(
      (
        await steady.put('/api/v1/targets', {
          targets: [{ scopeType: 'user', scopeId: steady.userId, metric: 'amountWon', period, value: '1' }],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('ranks only sellers, gives equal results one rank, and ranks nobody for nothing', async () => {
    const team = await createDepartment(t, '并列组');
    const manager = await createUserClient(t, 'sales_manager', team);
    const [first, tiedA, tiedB, idle] = [
      await createUserClient(t, 'sales_rep', team),
      await createUserClient(t, 'sales_rep', team),
      await createUserClient(t, 'sales_rep', team),
      await createUserClient(t, 'sales_rep', team),
    ];
    const agent = await createUserClient(t, 'service_agent', team);
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won').id;
    for (const [rep, amount] of [
      [first, '900'],
      [tiedA, '500'],
      [tiedB, '500'],
    ] as const) {
      const customer = await createCustomer(rep);
      await rep.post('/api/v1/opportunities', { name: 'deal', customerId: customer.id, stageId: won, amount });
    }
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const board = (await manager.get('/api/v1/performance', { period, departmentId: team })).json();
    const rankOf = Object.fromEntries(
      board.rows.map((r: { userId: number; rank: number | null }) => [r.userId, r.rank]),
    );
    expect(rankOf).toEqual({
      [first.userId]: 1,
      [tiedA.userId]: 2,
      [tiedB.userId]: 2,
      [idle.userId]: null,
      [manager.userId]: null,
    });
    expect(Object.keys(rankOf)).not.toContain(String(agent.userId));
  });

  it('rejects bad periods and values, and targets outside the scope', async () => {
    expect((await t.admin.get('/api/v1/performance', { period: '2026-13' })).statusCode).toBe(400);
    const bad = await t.admin.put('/api/v1/targets', {
      targets: [{ scopeType: 'user', scopeId: 1, metric: 'followups', period: '2026', value: '1.5' }],
    });
    expect(bad.statusCode).toBe(400);
    const otherTeam = await createDepartment(t, '别的组');
    const stranger = await createUserClient(t, 'sales_rep', otherTeam);
    const manager = await createUserClient(t, 'sales_manager', await createDepartment(t, '我的组'));
    expect(
      (
        await manager.put('/api/v1/targets', {
          targets: [{ scopeType: 'user', scopeId: stranger.userId, metric: 'amountWon', period: '2026', value: '1' }],
        })
      ).statusCode,
    ).toBe(403);
  });
});
