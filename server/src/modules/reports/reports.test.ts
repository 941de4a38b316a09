import type { ReportDefinitionInput, ReportResult } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.ts';
import { nowIso } from '../../db/time.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';

type Caller = Client & { userId: number; username: string };

/**
 * Reports count what the caller may see and add up every matching record in the database: each figure
 * is checked against SQL written here over the same rows, on both databases, with periods at their
 * boundaries in the company's time zone (Asia/Shanghai, eight hours ahead of UTC).
 */
describe.each(testDialects)('reports on %s', (dialect) => {
  let t: TestApp;
  let east: number;
  let eastRep: Caller;
  let westRep: Caller;
  let eastManager: Client;
  /** When the bulk of the orders was made, and the last id of those made at the boundaries. */
  let made: string;
  let lastBoundaryId: number;

  /** Instants at period boundaries in Asia/Shanghai, and the periods they fall in there. */
  const boundaries = [
    { at: '2026-03-31T15:59:59.000Z', month: '2026-03', quarter: '2026-Q1', week: '2026-W14', day: '2026-03-31' },
    { at: '2026-03-31T16:00:00.000Z', month: '2026-04', quarter: '2026-Q2', week: '2026-W14', day: '2026-04-01' },
    { at: '2026-12-31T16:30:00.000Z', month: '2027-01', quarter: '2027-Q1', week: '2026-W53', day: '2027-01-01' },
    { at: '2027-01-03T15:00:00.000Z', month: '2027-01', quarter: '2027-Q1', week: '2026-W53', day: '2027-01-03' },
    { at: '2027-01-03T16:00:00.000Z', month: '2027-01', quarter: '2027-Q1', week: '2027-W01', day: '2027-01-04' },
  ];
  // More orders than a report shows rows by default, so that totals are seen to cover them all.
  const bulk = 620;

  const run = async (client: Client, definition: ReportDefinitionInput) => {
    const response = await client.post('/api/v1/reports/run', definition);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportResult;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    east = await createDepartment(t, '报表东区');
    const west = await createDepartment(t, '报表西区');
    eastRep = (await createUserClient(t, 'sales_rep', east)) as Caller;
    westRep = (await createUserClient(t, 'sales_rep', west)) as Caller;
    eastManager = await createUserClient(t, 'sales_manager', east);
    const eastCustomer = await createCustomer(eastRep, { name: '报表东区客户' });
    const westCustomer = await createCustomer(westRep, { name: '报表西区客户' });
    const order = (i: number, rep: Caller, departmentId: number, customerId: number, createdAt: string) => ({
      number: `SO-R${String(i).padStart(5, '0')}`,
      title: `报表订单${i}`,
      customerId,
      currency: 'CNY',
      status: i % 3 === 0 ? 'confirmed' : 'draft',
      discountBp: 0,
      subtotal: 0,
      discount: 0,
      tax: 0,
      total: 1000 + i * 7,
      ownerId: rep.userId,
      departmentId,
      createdAt,
      updatedAt: createdAt,
      deletedAt: null as string | null,
    });
    const now = nowIso();
    made = now;
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(trx, 'orders', [
        ...boundaries.map((b, i) => order(i, eastRep, east, eastCustomer.id, b.at)),
        ...Array.from({ length: bulk }, (_, i) =>
          i % 2 === 0
            ? order(100 + i, eastRep, east, eastCustomer.id, now)
            : order(100 + i, westRep, west, westCustomer.id, now),
        ),
        // Neither counts in money: another currency, and an order in the recycle bin.
        { ...order(9001, eastRep, east, eastCustomer.id, now), currency: 'USD' },
        { ...order(9002, eastRep, east, eastCustomer.id, now), deletedAt: now },
      ]);
    });
    const { last } = await t.database.db
      .selectFrom('orders')
      .select((eb) => eb.fn.max('id').as('last'))
      .where(
        'number',
        'in',
        boundaries.map((_, i) => `SO-R${String(i).padStart(5, '0')}`),
      )
      .executeTakeFirstOrThrow();
    lastBoundaryId = Number(last);
  });
  afterAll(async () => t?.close());

  /** The same figure by SQL written here: orders in CNY, not deleted, optionally of one department or owner. */
  async function expected(where: { departmentId?: number; ownerId?: number; createdAt?: string[] } = {}) {
    let qb = t.database.db
      .selectFrom('orders')
      .select([sql<number>`count(*)`.as('n'), sql<number>`sum(total)`.as('sum')])
      .where('deletedAt', 'is', null)
      .where('currency', '=', 'CNY');
    if (where.departmentId) qb = qb.where('departmentId', '=', where.departmentId);
    if (where.ownerId) qb = qb.where('ownerId', '=', where.ownerId);
    if (where.createdAt) qb = qb.where('createdAt', 'in', where.createdAt);
    const row = await qb.executeTakeFirstOrThrow();
    return { count: Number(row.n), sum: Number(row.sum) };
  }

  it('groups by period in the company’s time zone, at every boundary of day, ISO week, month and quarter', async () => {
    const atBoundaries = boundaries.map((b) => b.at);
    for (const unit of ['day', 'week', 'month', 'quarter'] as const) {
      const report = await run(t.admin, {
        source: 'orders',
        filters: [{ field: 'id', op: 'lte', value: lastBoundaryId }],
        groupBy: [{ field: 'createdAt', unit }],
        measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'total' }],
      });
      const counted = new Map<string, number>();
      for (const b of boundaries) counted.set(b[unit], (counted.get(b[unit]) ?? 0) + 1);
      // Periods come in their order.
      expect(report.rows.map((row) => row[`createdAt:${unit}`])).toEqual([...counted.keys()].sort());
      expect(Object.fromEntries(report.rows.map((row) => [row[`createdAt:${unit}`], row.count]))).toEqual(
        Object.fromEntries(counted),
      );
      const all = await expected({ createdAt: atBoundaries });
      expect(report.totals).toEqual({ count: all.count, 'sum:total': all.sum });
    }
  });

  it('reads days typed for a time field as whole days in the company’s time zone', async () => {
    const count = async (filters: ReportDefinitionInput['filters']) =>
      (
        await run(t.admin, {
          source: 'orders',
          filters: [{ field: 'id', op: 'lte', value: lastBoundaryId }, ...(filters ?? [])],
          measures: [{ aggregate: 'count' }],
        })
      ).totals.count;
    // 31 March and 1 April in Shanghai hold the first two boundary orders, one each.
    expect(await count([{ field: 'createdAt', op: 'between', value: ['2026-03-31', '2026-04-01'] }])).toBe(2);
    expect(await count([{ field: 'createdAt', op: 'lte', value: '2026-03-31' }])).toBe(1);
    expect(await count([{ field: 'createdAt', op: 'gt', value: '2026-03-31' }])).toBe(boundaries.length - 1);
    expect(await count([{ field: 'createdAt', op: 'gte', value: '2027-01-04' }])).toBe(1);
  });

  it('adds up every matching record, beyond the rows shown, and leaves other currencies and deleted records out', async () => {
    const report = await run(t.admin, {
      source: 'orders',
      groupBy: [{ field: 'id' }],
      measures: [{ aggregate: 'sum', field: 'total', share: true }],
      limit: 10,
    });
    const all = await expected();
    expect(report.rows).toHaveLength(10);
    expect(report.truncated).toBe(true);
    expect(report.currency).toBe('CNY');
    expect(report.totals).toEqual({ 'sum:total': all.sum, 'sum:total:share': 100 });
    // Largest first; each row's share of the whole.
    const sums = report.rows.map((row) => row['sum:total'] as number);
    expect(sums).toEqual([...sums].sort((a, b) => b - a));
    expect(report.rows[0]['sum:total:share']).toBe(Math.round((sums[0] * 10_000) / all.sum) / 100);
  });

  it('counts only what the caller may see: a rep their own, a manager their department', async () => {
    const definition: ReportDefinitionInput = {
      source: 'orders',
      groupBy: [{ field: 'ownerId' }],
      measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'total' }],
    };
    const mine = await expected({ ownerId: westRep.userId });
    const westReport = await run(westRep, definition);
    expect(westReport.totals).toEqual({ count: mine.count, 'sum:total': mine.sum });
    expect(westReport.rows.map((row) => row.ownerId)).toEqual([westRep.userId]);
    expect(westReport.rows[0]['ownerId:label']).toBe(westRep.username);
    const department = await expected({ departmentId: east });
    const managerReport = await run(eastManager, definition);
    expect(managerReport.totals).toEqual({ count: department.count, 'sum:total': department.sum });
  });

  it('filters by relative periods and by value, and averages money in whole minor units', async () => {
    const report = await run(t.admin, {
      source: 'orders',
      filters: [
        { field: 'createdAt', op: 'within', value: 'last7Days' },
        { field: 'status', op: 'in', value: ['confirmed'] },
      ],
      measures: [{ aggregate: 'count' }, { aggregate: 'avg', field: 'total' }, { aggregate: 'max', field: 'total' }],
    });
    const { rows } = await sql<{ n: number; average: number; largest: number }>`
      select count(*) as n, avg(total) as average, max(total) as largest from orders
      where deleted_at is null and currency = 'CNY' and status = 'confirmed' and created_at = ${made}`.execute(
      t.database.db,
    );
    expect(report.totals).toEqual({
      count: Number(rows[0].n),
      'avg:total': Math.round(Number(rows[0].average)),
      'max:total': Number(rows[0].largest),
    });
  });

  it('refuses a field the caller may not read, an unknown field, and a sum of text, naming the field', async () => {
    const role = (
      await t.admin.post('/api/v1/roles', {
        name: '报表看不到电话',
        permissions: ['customers.view'],
        dataScopes: { customers: 'all' },
        fieldRules: { 'customers.phone': 'hidden' },
      })
    ).json();
    const noPhone = await createUserClient(t, 'readonly', east, { roleIds: [role.id] });
    const refused = async (client: Client, definition: ReportDefinitionInput) => {
      const response = await client.post('/api/v1/reports/run', definition);
      expect(response.statusCode, response.body).toBe(400);
      return response.json().error;
    };
    const hidden = await refused(noPhone, {
      source: 'customers',
      groupBy: [{ field: 'phone' }],
      measures: [{ aggregate: 'count' }],
    });
    expect(hidden.code).toBe('VALIDATION_FAILED');
    expect(hidden.fields).toEqual({ 'groupBy.0.field': expect.stringContaining('phone') });
    expect(
      (await refused(noPhone, { source: 'customers', measures: [{ aggregate: 'distinct', field: 'phone' }] })).fields,
    ).toHaveProperty(['measures.0.field']);
    expect(
      (
        await refused(t.admin, {
          source: 'customers',
          measures: [{ aggregate: 'count' }],
          groupBy: [{ field: 'nope' }],
        })
      ).fields,
    ).toHaveProperty(['groupBy.0.field']);
    expect(
      (await refused(t.admin, { source: 'customers', measures: [{ aggregate: 'sum', field: 'name' }] })).fields,
    ).toHaveProperty(['measures.0.field']);
    // The sources it may report on name no field it may not read.
    const sources = (await noPhone.get('/api/v1/reports/sources')).json() as Array<{
      source: string;
      fields: Array<{ name: string }>;
    }>;
    expect(sources.map((s) => s.source)).toEqual(['customers']);
    expect(sources[0].fields.map((f) => f.name)).not.toContain('phone');
    expect(sources[0].fields.map((f) => f.name)).toContain('email');
    // The administrator may group by it.
    expect(
      (await run(t.admin, { source: 'customers', groupBy: [{ field: 'phone' }], measures: [{ aggregate: 'count' }] }))
        .rows.length,
    ).toBeGreaterThan(0);
    // Without the source's own permission: refused outright.
    expect(
      (await noPhone.post('/api/v1/reports/run', { source: 'orders', measures: [{ aggregate: 'count' }] })).statusCode,
    ).toBe(403);
  });
});
