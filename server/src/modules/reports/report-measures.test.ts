import type { ReportDefinitionInput, ReportResult } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.ts';
import { dayStart, todayIn } from '../../db/time.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { comparedDays, relativeDays } from './relative-periods.ts';

type Caller = Client & { userId: number; username: string };

/**
 * Measures of part of the records (a count of confirmed orders), ratios of two measures, and each
 * measure compared with the period before or the same period a year earlier: every figure checked
 * against SQL written here, on both databases.
 */
describe.each(testDialects)('report measures on %s', (dialect) => {
  let t: TestApp;
  let reps: Caller[];
  const zone = 'Asia/Shanghai';
  /** An instant in the middle of a period's first day, in the company's time zone. */
  const within = (from: string) => new Date(Date.parse(dayStart(from, zone)) + 12 * 3_600_000).toISOString();
  let thisMonth: string;
  let lastMonth: string;
  let monthLastYear: string;

  const run = async (client: Client, definition: ReportDefinitionInput) => {
    const response = await client.post('/api/v1/reports/run', definition);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportResult;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const department = await createDepartment(t, '报表指标部');
    reps = [
      (await createUserClient(t, 'sales_rep', department)) as Caller,
      (await createUserClient(t, 'sales_rep', department)) as Caller,
    ];
    const customer = await createCustomer(reps[0], { name: '报表指标客户' });
    const today = todayIn(zone);
    thisMonth = within(relativeDays('thisMonth', today).from);
    lastMonth = within(comparedDays('thisMonth', today, 'previousPeriod').from);
    monthLastYear = within(comparedDays('thisMonth', today, 'previousYear').from);
    let n = 0;
    const order = (rep: Caller, createdAt: string, status: string, total: number) => ({
      number: `SO-M${String(++n).padStart(5, '0')}`,
      title: `报表指标订单${n}`,
      customerId: customer.id,
      currency: 'CNY',
      status,
      discountBp: 0,
      subtotal: total,
      discount: 0,
      tax: 0,
      total,
      ownerId: rep.userId,
      departmentId: department,
      createdAt,
      updatedAt: createdAt,
    });
    const rows: Array<ReturnType<typeof order>> = [];
    // This month: 7 orders of the first rep (3 confirmed), 4 of the second (1 confirmed).
    for (let i = 0; i < 7; i++) rows.push(order(reps[0], thisMonth, i < 3 ? 'confirmed' : 'draft', 1000 + i));
    for (let i = 0; i < 4; i++) rows.push(order(reps[1], thisMonth, i < 1 ? 'confirmed' : 'draft', 2000 + i));
    // Last month: 5 of the first rep only; the same month last year: 2 of the second.
    for (let i = 0; i < 5; i++) rows.push(order(reps[0], lastMonth, 'confirmed', 500));
    for (let i = 0; i < 2; i++) rows.push(order(reps[1], monthLastYear, 'draft', 300));
    await t.database.db.transaction().execute((trx) => insertRows(trx, 'orders', rows));
  });
  afterAll(async () => t?.close());

  /** Orders per owner by SQL written here: created within [from, until) in the company's days. */
  async function perOwner(from: string, until: string, status?: string) {
    const { rows } = await sql<{ owner: number; n: number; total: number }>`
      select owner_id as owner, count(*) as n, sum(total) as total from orders
      where deleted_at is null and created_at >= ${dayStart(from, zone)} and created_at < ${dayStart(until, zone)}
      ${status ? sql`and status = ${status}` : sql``}
      group by owner_id`.execute(t.database.db);
    return new Map(rows.map((row) => [Number(row.owner), { n: Number(row.n), total: Number(row.total) }]));
  }

  it('measures part of the records, and divides one measure by another', async () => {
    const report = await run(t.admin, {
      source: 'orders',
      filters: [{ field: 'createdAt', op: 'within', value: 'thisMonth' }],
      groupBy: [{ field: 'ownerId' }],
      measures: [
        { aggregate: 'count', where: [{ field: 'status', op: 'eq', value: 'confirmed' }] },
        { aggregate: 'count' },
        { aggregate: 'ratio', of: [0, 1] },
        { aggregate: 'sum', field: 'total', where: [{ field: 'status', op: 'eq', value: 'confirmed' }] },
      ],
    });
    const { from, until } = relativeDays('thisMonth', todayIn(zone));
    const [all, confirmed] = [await perOwner(from, until), await perOwner(from, until, 'confirmed')];
    expect(report.columns.map((c) => [c.key, c.type])).toEqual([
      ['ownerId', 'text'],
      ['count:if0', 'number'],
      ['count', 'number'],
      ['ratio:0:1', 'percent'],
      ['sum:total:if3', 'money'],
    ]);
    for (const rep of reps) {
      const row = report.rows.find((r) => r.ownerId === rep.userId)!;
      const [c, a] = [confirmed.get(rep.userId)!, all.get(rep.userId)!];
      expect(row).toMatchObject({
        'count:if0': c.n,
        count: a.n,
        'ratio:0:1': Math.round((c.n * 10_000) / a.n) / 100,
        'sum:total:if3': c.total,
      });
    }
    expect(report.totals).toEqual({ 'count:if0': 4, count: 11, 'ratio:0:1': 36.36, 'sum:total:if3': 5003 });
    const bad = await t.admin.post('/api/v1/reports/run', {
      source: 'orders',
      measures: [{ aggregate: 'count' }, { aggregate: 'ratio', of: [0, 1] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['measures.1.of']);
  });

  it('compares each row and the totals with the period before and with the same period a year earlier', async () => {
    const definition = (compare: 'previousPeriod' | 'previousYear'): ReportDefinitionInput => ({
      source: 'orders',
      filters: [{ field: 'createdAt', op: 'within', value: 'thisMonth' }],
      groupBy: [{ field: 'ownerId' }],
      measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'total' }],
      compare,
    });
    const today = todayIn(zone);
    for (const compare of ['previousPeriod', 'previousYear'] as const) {
      const report = await run(t.admin, definition(compare));
      const now = relativeDays('thisMonth', today);
      const then = comparedDays('thisMonth', today, compare);
      const [current, before] = [await perOwner(now.from, now.until), await perOwner(then.from, then.until)];
      for (const rep of reps) {
        const row = report.rows.find((r) => r.ownerId === rep.userId)!;
        const was = before.get(rep.userId) ?? { n: 0, total: 0 };
        const is = current.get(rep.userId)!;
        expect(row, compare).toMatchObject({
          count: is.n,
          'count:previous': was.n,
          'count:change': was.n ? Math.round(((is.n - was.n) * 10_000) / was.n) / 100 : null,
          'sum:total:previous': was.total,
        });
      }
      const wasAll = [...before.values()].reduce((sum, v) => sum + v.n, 0);
      expect(report.totals['count:previous'], compare).toBe(wasAll);
      expect(report.columns.filter((c) => c.kind === 'change').map((c) => c.key)).toEqual([
        'count:change',
        'sum:total:change',
      ]);
    }
    // First rep: 7 orders this month against 5 last month.
    const byPeriod = await run(t.admin, definition('previousPeriod'));
    expect(byPeriod.rows.find((r) => r.ownerId === reps[0].userId)?.['count:change']).toBe(40);
    // Grouped by period: rows of different periods are not matched, the totals are.
    const monthly = await run(t.admin, {
      ...definition('previousYear'),
      groupBy: [{ field: 'createdAt', unit: 'month' }],
    });
    expect(monthly.rows.every((row) => row['count:previous'] === null)).toBe(true);
    expect(monthly.totals['count:previous']).toBeGreaterThanOrEqual(2);
    // Without a relative period there is nothing to compare with.
    const refused = await t.admin.post('/api/v1/reports/run', {
      source: 'orders',
      measures: [{ aggregate: 'count' }],
      compare: 'previousPeriod',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty(['compare']);
  });
});
