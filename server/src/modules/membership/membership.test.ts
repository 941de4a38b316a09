import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import type { AppContext } from '../../platform/context.ts';
import { expirePoints, reviewLevels } from './index.ts';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe.each(testDialects)('membership and loyalty on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());
  const ctx = () => ({ db: t.database.db, dialect: t.database.dialect, config: t.config }) as AppContext;

  const level = async (body: Record<string, unknown>) => {
    const response = await t.admin.post('/api/v1/membership/levels', {
      nameZh: unique('等级'),
      nameEn: unique('Level'),
      discountPercent: '0',
      multiplier: '1',
      sortOrder: 1,
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const enrol = async (customerId: number, body: Record<string, unknown> = {}, client: Client = t.admin) => {
    const response = await client.post(`/api/v1/customers/${customerId}/membership`, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().member;
  };
  const memberOf = async (customerId: number, client: Client = t.admin) =>
    (await client.get(`/api/v1/customers/${customerId}/membership`)).json().member;
  const ledgerOf = async (customerId: number, query: Record<string, string | number> = {}) =>
    (await t.admin.get(`/api/v1/customers/${customerId}/membership/ledger`, { pageSize: 200, ...query })).json();
  /** A draft order of one line without tax. */
  const draftOrder = async (customerId: number, unitPrice: string, extra: Record<string, unknown> = {}) => {
    const response = await t.admin.post('/api/v1/orders', {
      title: '会员订单',
      customerId,
      lines: [{ name: '会员商品', quantity: '1', unitPrice, taxRate: '0' }],
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  /** Approves an order and plans its total in instalments of these amounts. */
  const plannedOrder = async (order: { id: number }, amounts: string[]) => {
    await t.admin.post(`/api/v1/orders/${order.id}/submit`);
    const plan = await t.admin.put(`/api/v1/orders/${order.id}/payment-plan`, {
      instalments: amounts.map((amount) => ({ dueDate: today(), amount })),
    });
    expect(plan.statusCode, plan.body).toBe(200);
    return plan.json() as Array<{ id: number }>;
  };
  /** A confirmed receipt (a refund when the amount is negative, approved at once without a flow). */
  const pay = async (customerId: number, instalmentId: number, amount: string, overpayment = false) => {
    const receipt = await t.admin.post('/api/v1/receipts', {
      customerId,
      receivedOn: today(),
      amount,
      method: 'bank_transfer',
      overpayment,
      allocations: [{ instalmentId, amount: amount.replace('-', '') }],
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    if (amount.startsWith('-')) await t.admin.post(`/api/v1/receipts/${receipt.json().id}/submit`);
    const confirmed = await t.admin.post(`/api/v1/receipts/${receipt.json().id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return receipt.json();
  };

  it('refuses levels, rules and adjustments that mean nothing, field by field, in the caller’s language', async () => {
    const bad = await t.admin.post('/api/v1/membership/levels', {
      nameZh: '',
      nameEn: 'Gold',
      discountPercent: '120',
      multiplier: '12',
      minSpend: '-5',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual([
      'discountPercent',
      'minSpend',
      'multiplier',
      'nameZh',
    ]);
    // The administrator works in Chinese.
    expect(bad.json().error.fields.multiplier).toBe('系数格式不正确（0–10，最多四位小数）');
    const taken = await t.admin.post('/api/v1/membership/levels', {
      nameZh: '重复',
      nameEn: 'Twice',
      discountPercent: '1',
      multiplier: '1',
      minSpend: '0',
    });
    expect(taken.json().error.fields.minSpend).toBe('已有其他等级以此消费额起算');

    const rules = await t.admin.put('/api/v1/membership/settings', {
      earnPointsPerUnit: '1.234',
      redeemPointsPerUnit: 0,
      pointsExpire: true,
      expireAfterYears: 11,
    });
    expect(rules.statusCode).toBe(400);
    expect(Object.keys(rules.json().error.fields).sort()).toEqual([
      'earnPointsPerUnit',
      'expireAfterYears',
      'redeemPointsPerUnit',
    ]);

    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep);
    await enrol(customer.id);
    const zero = await rep.request('POST', `/api/v1/customers/${customer.id}/membership/adjustments`, {
      payload: { points: 0, reason: '' },
    });
    expect(zero.statusCode).toBe(403);
    const none = await t.admin.post(`/api/v1/customers/${customer.id}/membership/adjustments`, {
      points: 0,
      reason: ' ',
    });
    expect(Object.keys(none.json().error.fields).sort()).toEqual(['points', 'reason']);
    expect(none.json().error.fields.points).toBe('积分不能为 0');
    expect((await rep.get('/api/v1/membership/settings')).json()).toMatchObject({
      earnPointsPerUnit: '1',
      redeemPointsPerUnit: 100,
      currency: 'CNY',
    });
    expect((await rep.put('/api/v1/membership/settings', {})).statusCode).toBe(403);
    expect((await rep.post('/api/v1/membership/levels', {})).statusCode).toBe(403);
  });

  it('shows a member to whoever sees the customer and answers 404 to anyone else', async () => {
    const team = await createDepartment(t, unique('会员组'));
    const rep = await createUserClient(t, 'sales_rep', team);
    const other = await createUserClient(t, 'sales_rep', team);
    const manager = await createUserClient(t, 'sales_manager', team);
    const customer = await createCustomer(rep);
    expect(await memberOf(customer.id, rep)).toBeNull();
    // A rep sees memberships; enrolling and adjusting is a manager's.
    expect((await rep.post(`/api/v1/customers/${customer.id}/membership`, {})).statusCode).toBe(403);
    const member = await enrol(customer.id, {}, manager);
    expect(member).toMatchObject({
      status: 'active',
      balance: 0,
      levelNameZh: '普通会员',
      number: expect.stringMatching(/^M\d{6}$/),
    });
    expect((await memberOf(customer.id, rep)).id).toBe(member.id);
    expect((await manager.post(`/api/v1/customers/${customer.id}/membership`, {})).statusCode).toBe(409);

    for (const url of ['', '/ledger', '/level-history'])
      expect((await other.get(`/api/v1/customers/${customer.id}/membership${url}`)).statusCode).toBe(404);
    const otherManager = await createUserClient(t, 'sales_manager', await createDepartment(t, unique('别组')));
    const hidden = await otherManager.post(`/api/v1/customers/${customer.id}/membership/adjustments`, {
      points: 10,
      reason: '不该成功',
    });
    expect(hidden.statusCode).toBe(404);
    expect((await otherManager.delete(`/api/v1/customers/${customer.id}/membership`)).statusCode).toBe(404);
    expect((await memberOf(customer.id)).balance).toBe(0);
  });

  it('earns once when an order is paid in full, at the level’s multiplier, rounded down, and reverses a refund', async () => {
    const gold = await level({ minSpend: '880000', multiplier: '1.5', discountPercent: '5' });
    const customer = await createCustomer(t.admin);
    await enrol(customer.id, { levelId: gold.id, levelLocked: true });
    // 1234.56 yuan at 1 point per yuan and 1.5×: 1851.84 → 1851.
    const order = await draftOrder(customer.id, '1234.56');
    const [first, second] = await plannedOrder(order, ['1000', '234.56']);
    await pay(customer.id, first.id, '1000');
    expect((await memberOf(customer.id)).balance).toBe(0);
    const settled = await pay(customer.id, second.id, '234.56');
    expect(await memberOf(customer.id)).toMatchObject({ balance: 1851, spend12Months: '1234.56' });
    // More money on a paid order earns nothing more.
    await pay(customer.id, second.id, '10', true);
    const ledger = await ledgerOf(customer.id);
    expect(ledger.items).toEqual([
      expect.objectContaining({
        kind: 'earned',
        points: 1851,
        balanceAfter: 1851,
        orderId: order.id,
        orderNumber: order.number,
        receiptNumber: settled.number,
        spend: '1234.56',
        bucketYear: Number(today().slice(0, 4)),
      }),
    ]);

    // A refund of 500 yuan (of 1244.56 received) leaves 744.56 paid: 744.56 × 1.5 = 1116.84 → 1116 points.
    await pay(customer.id, first.id, '-500');
    expect((await memberOf(customer.id)).balance).toBe(1116);
    const afterRefund = await ledgerOf(customer.id);
    expect(afterRefund.items[0]).toMatchObject({ kind: 'reversed', points: -735, spend: '-490.00' });
    // Paid in full again, it earns the points back, never more.
    await pay(customer.id, first.id, '500');
    expect((await memberOf(customer.id)).balance).toBe(1851);
    expect((await ledgerOf(customer.id, { kind: 'earned' })).total).toBe(2);

    // A customer who is not a member earns nothing.
    const stranger = await createCustomer(t.admin);
    const strangerOrder = await draftOrder(stranger.id, '100');
    const [only] = await plannedOrder(strangerOrder, ['100']);
    await pay(stranger.id, only.id, '100');
    expect(await memberOf(stranger.id)).toBeNull();
  });

  it('redeems points on an order within the balance and its total, and gives them back when it is cancelled or deleted', async () => {
    const customer = await createCustomer(t.admin);
    await enrol(customer.id);
    const adjusted = await t.admin.post(`/api/v1/customers/${customer.id}/membership/adjustments`, {
      points: 5000,
      reason: '开业赠送',
    });
    expect(adjusted.json().member.balance).toBe(5000);

    const tooMany = await t.admin.post('/api/v1/orders', {
      title: '超额',
      customerId: customer.id,
      lines: [{ name: '商品', quantity: '1', unitPrice: '100', taxRate: '0' }],
      pointsRedeemed: 5001,
    });
    expect(tooMany.json().error.fields.pointsRedeemed).toBe('该会员可用积分为 5000');
    // 100 points make one yuan: 5000 points are worth 50, within a total of 30 at most 3000.
    const overTotal = await t.admin.post('/api/v1/orders', {
      title: '超过合计',
      customerId: customer.id,
      lines: [{ name: '商品', quantity: '1', unitPrice: '30', taxRate: '0' }],
      pointsRedeemed: 3001,
    });
    expect(overTotal.json().error.fields.pointsRedeemed).toBe('积分抵扣超过了合计金额（30.00）：最多可用 3000 积分');
    const foreign = await t.admin.post('/api/v1/orders', {
      title: '外币',
      customerId: customer.id,
      currency: 'USD',
      lines: [{ name: '商品', quantity: '1', unitPrice: '30', taxRate: '0' }],
      pointsRedeemed: 100,
    });
    expect(foreign.json().error.fields).toHaveProperty('pointsRedeemed');

    const order = await draftOrder(customer.id, '100', { pointsRedeemed: 1250 });
    expect(order).toMatchObject({ total: '87.50', pointsRedeemed: 1250, pointsAmount: '12.50' });
    expect((await memberOf(customer.id)).balance).toBe(3750);
    // Changing the draft holds the difference only; the ledger says so.
    const changed = await t.admin.patch(`/api/v1/orders/${order.id}`, { pointsRedeemed: 2000 });
    expect(changed.json()).toMatchObject({ total: '80.00', pointsAmount: '20.00' });
    expect((await memberOf(customer.id)).balance).toBe(3000);
    const lines = await t.admin.patch(`/api/v1/orders/${order.id}`, {
      lines: [{ name: '商品', quantity: '2', unitPrice: '100', taxRate: '0' }],
    });
    expect(lines.json()).toMatchObject({ total: '180.00', pointsRedeemed: 2000 });
    expect((await memberOf(customer.id)).balance).toBe(3000);

    await t.admin.post(`/api/v1/orders/${order.id}/cancel`, { reason: '客户取消' });
    expect((await memberOf(customer.id)).balance).toBe(5000);
    expect((await t.admin.delete(`/api/v1/orders/${order.id}`)).statusCode).toBe(204);
    expect((await memberOf(customer.id)).balance).toBe(5000);
    const kinds = (await ledgerOf(customer.id)).items.map((e: { kind: string; points: number }) => [e.kind, e.points]);
    expect(kinds).toEqual([
      ['returned', 2000],
      ['redeemed', -750],
      ['redeemed', -1250],
      ['adjusted', 5000],
    ]);

    // A deleted draft gives its points back too; a quote offers points, its order redeems them.
    const draft = await draftOrder(customer.id, '10', { pointsRedeemed: 500 });
    expect((await memberOf(customer.id)).balance).toBe(4500);
    await t.admin.delete(`/api/v1/orders/${draft.id}`);
    expect((await memberOf(customer.id)).balance).toBe(5000);
    const quote = (
      await t.admin.post('/api/v1/quotes', {
        title: '积分报价',
        customerId: customer.id,
        lines: [{ name: '商品', quantity: '1', unitPrice: '50', taxRate: '0' }],
        pointsRedeemed: 1000,
      })
    ).json();
    expect(quote).toMatchObject({ total: '40.00', pointsAmount: '10.00' });
    expect((await memberOf(customer.id)).balance).toBe(5000);
    await t.admin.post(`/api/v1/quotes/${quote.id}/status`, { status: 'sent' });
    await t.admin.post(`/api/v1/quotes/${quote.id}/status`, { status: 'accepted' });
    const fromQuote = await t.admin.post('/api/v1/orders/from-quote', { quoteId: quote.id });
    expect(fromQuote.json()).toMatchObject({ total: '40.00', pointsRedeemed: 1000 });
    expect((await memberOf(customer.id)).balance).toBe(4000);
  });

  it('never takes a balance below zero by hand, and keeps who adjusted it and why', async () => {
    const customer = await createCustomer(t.admin);
    await enrol(customer.id);
    await t.admin.post(`/api/v1/customers/${customer.id}/membership/adjustments`, { points: 30, reason: '补录' });
    const below = await t.admin.post(`/api/v1/customers/${customer.id}/membership/adjustments`, {
      points: -31,
      reason: '扣减',
    });
    expect(below.statusCode).toBe(400);
    expect(below.json().error.fields.points).toBe('当前余额 30 积分：调整后不能小于 0');
    await t.admin.post(`/api/v1/customers/${customer.id}/membership/adjustments`, { points: -30, reason: '清零' });
    const [latest] = (await ledgerOf(customer.id)).items;
    expect(latest).toMatchObject({
      kind: 'adjusted',
      points: -30,
      balanceAfter: 0,
      reason: '清零',
      createdByName: expect.any(String),
    });

    // A removed member keeps its ledger, earns and redeems nothing, and comes back with its number.
    const { number } = await memberOf(customer.id);
    expect((await t.admin.delete(`/api/v1/customers/${customer.id}/membership`)).statusCode).toBe(204);
    expect(
      (await t.admin.post(`/api/v1/customers/${customer.id}/membership/adjustments`, { points: 1, reason: 'x' }))
        .statusCode,
    ).toBe(409);
    expect((await enrol(customer.id)).number).toBe(number);
  });

  it('expires what is left of a year’s points at the end of the year after, once, however often it runs', async () => {
    await t.admin.put('/api/v1/membership/settings', {
      earnPointsPerUnit: '1',
      redeemPointsPerUnit: 100,
      pointsExpire: true,
      expireAfterYears: 1,
    });
    const customer = await createCustomer(t.admin);
    await enrol(customer.id);
    await t.admin.post(`/api/v1/customers/${customer.id}/membership/adjustments`, { points: 1000, reason: '活动' });
    await draftOrder(customer.id, '3', { pointsRedeemed: 300 });
    const year = Number(today().slice(0, 4));
    // Points of this year live through next year.
    await expirePoints(ctx(), new Date(`${year + 1}-12-31T12:00:00Z`));
    expect((await memberOf(customer.id)).balance).toBe(700);
    // On 1 January two years on (company time), what is left of them ends.
    const at = new Date(`${year + 1}-12-31T16:30:00Z`);
    const first = await expirePoints(ctx(), at, 2);
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect((await memberOf(customer.id)).balance).toBe(0);
    expect((await ledgerOf(customer.id)).items[0]).toMatchObject({ kind: 'expired', points: -700, bucketYear: year });
    const again = await expirePoints(ctx(), at, 2);
    expect(again.changed).toBe(0);
    expect((await ledgerOf(customer.id, { kind: 'expired' })).total).toBe(1);
  });

  it('sets levels from the rolling 12-month spend in batches smaller than the members, with history and audit', async () => {
    const [base] = (await t.admin.get('/api/v1/membership/levels')).json();
    const top = await level({ minSpend: '990000', multiplier: '2' });
    const customers = await Promise.all(Array.from({ length: 5 }, () => createCustomer(t.admin)));
    const members = [];
    for (const c of customers) members.push(await enrol(c.id));
    const now = new Date();
    const insertSpend = (memberId: number, spend: number, occurredAt: string) =>
      t.database.db
        .insertInto('pointsLedger')
        .values({ memberId, kind: 'earned', points: 0, balanceAfter: 0, spend, occurredAt })
        .execute();
    // Two members spent enough in the last 12 months; one spent it 13 months ago.
    await insertSpend(members[0].id, 99_000_000, now.toISOString());
    await insertSpend(members[3].id, 60_000_000, now.toISOString());
    await insertSpend(members[3].id, 40_000_000, new Date(now.getTime() - 30 * 86_400_000).toISOString());
    await insertSpend(members[4].id, 99_000_000, new Date(now.getTime() - 400 * 86_400_000).toISOString());
    // A level kept by hand stays.
    await t.admin.patch(`/api/v1/customers/${customers[1].id}/membership`, { levelId: top.id, levelLocked: true });

    const run = await reviewLevels(ctx(), now, 2);
    expect(run.members).toBeGreaterThan(2);
    const levels = await Promise.all(customers.map(async (c) => (await memberOf(c.id)).levelId));
    expect(levels).toEqual([top.id, top.id, base.id, top.id, base.id]);
    const history = (await t.admin.get(`/api/v1/customers/${customers[3].id}/membership/level-history`)).json();
    expect(history[0]).toMatchObject({ reason: 'upgrade', spend: '1000000.00', toLevelName: { zh: top.nameZh } });
    expect(history[1]).toMatchObject({ reason: 'enrolled' });
    const audit = await t.database.db
      .selectFrom('auditLogs')
      .select('entityId')
      .where('entity', '=', 'members')
      .where('username', '=', 'system')
      .execute();
    expect(audit.map((a) => a.entityId)).toEqual(expect.arrayContaining([members[0].id, members[3].id]));
    // Nothing changes the second time; a spend that falls out of the window moves the member down.
    expect((await reviewLevels(ctx(), now, 2)).changed).toBe(0);
    const later = await reviewLevels(ctx(), new Date(now.getTime() + 366 * 86_400_000), 2);
    expect(later.changed).toBeGreaterThanOrEqual(2);
    expect((await memberOf(customers[0].id)).levelId).toBe(base.id);
    expect((await t.admin.delete(`/api/v1/membership/levels/${top.id}`)).statusCode).toBe(409);
  });
});
