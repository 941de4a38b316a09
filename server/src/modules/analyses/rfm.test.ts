import { type RfmClass, type RfmSummary, rfmClasses } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';

type Caller = Client & { userId: number };
const dayMs = 86_400_000;

/** Scores written here, as the method describes them: the share at or below the value, times five, rounded up. */
function quintiles(values: number[]): number[] {
  return values.map((v) => Math.ceil((5 * values.filter((w) => w <= v).length) / values.length));
}

function classOf(r: number, f: number, m: number, averages: [number, number, number]): RfmClass {
  const [hr, hf, hm] = [r > averages[0], f > averages[1], m > averages[2]];
  const kind = hm ? 'important' : 'general';
  const rest = hr && hf ? 'Value' : hr ? 'Develop' : hf ? 'Keep' : 'Retain';
  return `${kind}${rest}` as RfmClass;
}

/**
 * Customer value (RFM): every customer with a bought order in the window scored in quintiles and
 * classed against the averages, checked against the method computed here, on both databases; the
 * classes of the customers each user may see; a run replacing the one before.
 */
describe.each(testDialects)('customer value (RFM) on %s', (dialect) => {
  let t: TestApp;
  let rep: Caller;
  /** Per customer: days since each of its bought orders, and each order's total. */
  const orders: Array<Array<[number, number]>> = [
    [
      [2, 90_000],
      [40, 50_000],
      [100, 30_000],
    ],
    [[5, 1_000]],
    [
      [200, 300_000],
      [250, 300_000],
    ],
    [
      [30, 20_000],
      [31, 20_000],
      [32, 20_000],
      [33, 20_000],
    ],
    [[300, 500]],
    [
      [10, 70_000],
      [11, 10_000],
    ],
    [[60, 5_000]],
    [[1, 400_000]],
  ];
  let customerIds: number[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const department = await createDepartment(t, '价值分析部');
    rep = (await createUserClient(t, 'sales_rep', department)) as Caller;
    customerIds = [];
    for (const [i] of orders.entries()) {
      // Half of them the rep's.
      const owner = i % 2 === 0 ? rep : t.admin;
      customerIds.push((await createCustomer(owner, { name: `价值客户${i}` })).id);
    }
    // One customer without any order, and orders that do not count: a draft, another currency, one
    // before the window, one in the recycle bin.
    await createCustomer(rep, { name: '没有订单的客户' });
    const now = Date.now();
    let n = 0;
    const row = (customerId: number, daysAgo: number, total: number, extra: Record<string, unknown> = {}) => {
      const at = new Date(now - daysAgo * dayMs - 3_600_000).toISOString();
      return {
        number: `SO-V${String(++n).padStart(5, '0')}`,
        title: `价值订单${n}`,
        customerId,
        currency: 'CNY',
        status: 'delivered',
        discountBp: 0,
        subtotal: total,
        discount: 0,
        tax: 0,
        total,
        ownerId: rep.userId,
        departmentId: department,
        createdAt: at,
        updatedAt: at,
        deletedAt: null as string | null,
        ...extra,
      };
    };
    const rows = orders.flatMap((list, i) => list.map(([days, total]) => row(customerIds[i], days, total)));
    rows.push(
      row(customerIds[1], 1, 9_999_999, { status: 'draft' }),
      row(customerIds[1], 1, 9_999_999, { currency: 'USD' }),
      row(customerIds[1], 400, 9_999_999),
      row(customerIds[1], 1, 9_999_999, { deletedAt: new Date().toISOString() }),
    );
    await t.database.db.transaction().execute((trx) => insertRows(trx, 'orders', rows));
  });
  afterAll(async () => t?.close());

  it('scores each customer in quintiles and classes them against the average scores', async () => {
    const run = await t.admin.post('/api/v1/analyses/rfm/recompute', { windowDays: 365 });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ windowDays: 365, currency: 'CNY', customers: orders.length });
    const recency = quintiles(orders.map((list) => -Math.min(...list.map(([d]) => d))));
    const frequency = quintiles(orders.map((list) => list.length));
    const monetary = quintiles(orders.map((list) => list.reduce((sum, [, total]) => sum + total, 0)));
    const average = (scores: number[]) => scores.reduce((a, b) => a + b, 0) / scores.length;
    const averages: [number, number, number] = [average(recency), average(frequency), average(monetary)];
    const stored = await t.database.db.selectFrom('customerValues').selectAll().execute();
    const byCustomer = new Map(stored.map((row) => [Number(row.customerId), row]));
    orders.forEach((list, i) => {
      const row = byCustomer.get(customerIds[i])!;
      expect(
        {
          r: row.recencyScore,
          f: row.frequencyScore,
          m: row.monetaryScore,
          frequency: Number(row.frequency),
          monetary: Number(row.monetary),
          recencyDays: Number(row.recencyDays),
          class: row.class,
        },
        `customer ${i}`,
      ).toEqual({
        r: recency[i],
        f: frequency[i],
        m: monetary[i],
        frequency: list.length,
        monetary: list.reduce((sum, [, total]) => sum + total, 0),
        recencyDays: Math.min(...list.map(([d]) => d)),
        class: classOf(recency[i], frequency[i], monetary[i], averages),
      });
    });
    expect(stored).toHaveLength(orders.length);
    // The customer list, and reports, read each customer's class.
    const someClass = stored[0].class;
    const listed = (await t.admin.get('/api/v1/customers', { rfmClass: someClass, pageSize: 100 })).json();
    expect(listed.items.map((c: { id: number }) => c.id).sort()).toEqual(
      stored
        .filter((row) => row.class === someClass)
        .map((row) => Number(row.customerId))
        .sort(),
    );
    const report = await t.admin.post('/api/v1/reports/run', {
      source: 'customers',
      filters: [{ field: 'rfmClass', op: 'notEmpty' }],
      groupBy: [{ field: 'rfmClass' }],
      measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'rfmMonetary' }],
    });
    expect(report.json().totals).toEqual({
      count: orders.length,
      'sum:rfmMonetary': orders.flat().reduce((sum, [, total]) => sum + total, 0),
    });
  });

  it('shows each user the classes of the customers they may see, and the changes to those who see all', async () => {
    await t.admin.post('/api/v1/analyses/rfm/recompute', {});
    const all = (await t.admin.get('/api/v1/analyses/rfm')).json() as RfmSummary;
    expect(all.classes.map((c) => c.class)).toEqual([...rfmClasses]);
    expect(all.classes.reduce((sum, c) => sum + c.customers, 0)).toBe(orders.length);
    expect(all.classes.reduce((sum, c) => sum + c.monetary, 0)).toBe(
      orders.flat().reduce((sum, [, total]) => sum + total, 0),
    );
    expect(all.unscored).toBe((await t.admin.get('/api/v1/customers', { pageSize: 1 })).json().total - orders.length);
    expect(all.history.length).toBeGreaterThanOrEqual(2);
    const mine = (await rep.get('/api/v1/analyses/rfm')).json() as RfmSummary;
    expect(mine.classes.reduce((sum, c) => sum + c.customers, 0)).toBe(Math.ceil(orders.length / 2));
    expect(mine.unscored).toBe(1);
    expect(mine.history).toEqual([]);
    expect((await rep.post('/api/v1/analyses/rfm/recompute', {})).statusCode).toBe(403);
  });

  it('replaces the scores of the run before, as the daily job does', async () => {
    await t.database.db.deleteFrom('orders').where('customerId', '=', customerIds[7]).execute();
    await jobHandlers['rfm.daily'](
      { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext,
      {},
    );
    const stored = await t.database.db.selectFrom('customerValues').select('customerId').execute();
    expect(stored.map((row) => Number(row.customerId))).not.toContain(customerIds[7]);
    expect(stored).toHaveLength(orders.length - 1);
  });
});
