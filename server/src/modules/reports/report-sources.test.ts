import { type ReportDefinitionInput, type ReportRecordsPage, type ReportResult, reportSources } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, rootDepartmentId } from '../../../test/factories.ts';
import { reportSourceSpecs } from './report-sources.ts';

type Caller = Client & { userId: number; username: string };

/**
 * The sources read through joins (order lines with their order, product and category; any record with
 * its customer's region), custom fields, the department tree rolled up to a depth, and the records
 * behind a figure: each figure checked against SQL written here, on both databases.
 */
describe.each(testDialects)('report sources on %s', (dialect) => {
  let t: TestApp;
  let region: number;
  let branch: number;
  let team: number;
  let branchRep: Caller;
  let teamRep: Caller;
  let categoryId: number;
  let inCategory: number;
  let uncategorised: number;
  /** More orders than a page of records, so that paging is seen to work. */
  const ordersPerRep = 14;

  const run = async (client: Client, definition: ReportDefinitionInput) => {
    const response = await client.post('/api/v1/reports/run', definition);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportResult;
  };
  const records = async (client: Client, body: Record<string, unknown>) => {
    const response = await client.post('/api/v1/reports/records', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportRecordsPage;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const root = await rootDepartmentId(t);
    // root (depth 1) › 华南大区 (2) › 广州分公司 (3) › 天河组 (4)
    region = await createDepartment(t, '报表华南大区', root);
    branch = await createDepartment(t, '报表广州分公司', region);
    team = await createDepartment(t, '报表天河组', branch);
    branchRep = (await createUserClient(t, 'sales_rep', branch)) as Caller;
    teamRep = (await createUserClient(t, 'sales_rep', team)) as Caller;
    categoryId = (await t.admin.post('/api/v1/product-categories', { name: '报表打印机' })).json().id;
    inCategory = (
      await t.admin.post('/api/v1/products', { code: 'RPT-P1', name: '报表激光打印机', listPrice: '1000', categoryId })
    ).json().id;
    uncategorised = (
      await t.admin.post('/api/v1/products', { code: 'RPT-P2', name: '报表硒鼓', listPrice: '80' })
    ).json().id;
    for (const [rep, province] of [
      [branchRep, '广东省'],
      [teamRep, '广西壮族自治区'],
    ] as const) {
      const customer = await createCustomer(rep, { name: `报表${province}客户`, province });
      for (let i = 0; i < ordersPerRep; i++) {
        const response = await rep.post('/api/v1/orders', {
          title: `报表订单${i}`,
          customerId: customer.id,
          lines: [
            { productId: inCategory, name: '报表激光打印机', quantity: '1.5', unitPrice: '1000', taxRate: '0' },
            { productId: uncategorised, name: '报表硒鼓', quantity: String(i + 1), unitPrice: '80', taxRate: '0' },
          ],
        });
        expect(response.statusCode, response.body).toBe(201);
      }
    }
  });
  afterAll(async () => t?.close());

  it('counts, groups and measures every field of every source the administrator may read', async () => {
    for (const source of reportSources) {
      const spec = reportSourceSpecs[source];
      // Order lines and campaign members are scoped (and deleted) through their order or campaign; survey
      // answers are the answered invitations.
      const through = spec.joins?.find((join) => join.required && join.alias === spec.scopeFrom);
      const scoped = through ? through.table : spec.table;
      const conditions = [
        ...(spec.softDelete ? [sql`${sql.ref(`${scoped}.deleted_at`)} is null`] : []),
        ...(spec.present ? [sql`${sql.ref(`${spec.table}.${spec.present}`)} is not null`] : []),
      ];
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from ${sql.table(spec.table)}
        ${through ? sql`join ${sql.table(through.table)} on ${sql.ref(`${through.table}.${through.key}`)} = ${sql.ref(`${spec.table}.${through.column}`)}` : sql``}
        ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}`.execute(t.database.db);
      const count = Number(rows[0].n);
      for (const [name, field] of Object.entries(spec.fields)) {
        const dated = field.kind === 'date' || field.kind === 'timestamp';
        const numeric = field.kind === 'number' || field.kind === 'money' || field.kind === 'quantity';
        const report = await run(t.admin, {
          source,
          filters: [{ field: name, op: 'notEmpty' }],
          groupBy: [dated ? { field: name, unit: 'quarter' } : { field: name }],
          measures: [
            { aggregate: 'count' },
            { aggregate: 'distinct', field: name },
            ...(numeric ? [{ aggregate: 'sum' as const, field: name }] : []),
          ],
        });
        const unfiltered = await run(t.admin, {
          source,
          groupBy: [{ field: name }],
          measures: [{ aggregate: 'count' }],
        });
        expect(unfiltered.totals.count, `${source}.${name}`).toBe(count);
        expect(report.totals.count, `${source}.${name}`).toBeLessThanOrEqual(count);
      }
    }
  });

  it('adds up order lines by product, category and the customer’s province, quantities in whole units', async () => {
    const report = await run(t.admin, {
      source: 'orderLines',
      filters: [{ field: 'customerProvince', op: 'in', value: ['广东省', '广西壮族自治区'] }],
      groupBy: [{ field: 'categoryId' }, { field: 'customerProvince' }],
      measures: [{ aggregate: 'sum', field: 'net' }, { aggregate: 'sum', field: 'quantity' }, { aggregate: 'count' }],
    });
    const { rows } = await sql<{ category: number | null; province: string; net: number; quantity: number; n: number }>`
      select products.category_id as category, customers.province as province, sum(order_lines.net) as net,
        sum(order_lines.quantity_milli) as quantity, count(*) as n
      from order_lines join orders on orders.id = order_lines.order_id
      join customers on customers.id = orders.customer_id
      left join products on products.id = order_lines.product_id
      where orders.deleted_at is null and orders.currency = 'CNY' and customers.province in ('广东省', '广西壮族自治区')
      group by products.category_id, customers.province`.execute(t.database.db);
    expect(rows).toHaveLength(4);
    const byKey = (category: unknown, province: unknown) => `${category ?? '-'}|${province}`;
    expect(
      Object.fromEntries(
        report.rows.map((row) => [
          byKey(row.categoryId, row.customerProvince),
          [row['sum:net'], row['sum:quantity'], row.count],
        ]),
      ),
    ).toEqual(
      Object.fromEntries(
        rows.map((row) => [
          byKey(row.category, row.province),
          [Number(row.net), Number(row.quantity) / 1000, Number(row.n)],
        ]),
      ),
    );
    // 1.5 printers on each order.
    const printers = report.rows.filter((row) => row.categoryId === categoryId);
    expect(printers.map((row) => row['sum:quantity'])).toEqual([1.5 * ordersPerRep, 1.5 * ordersPerRep]);
    expect(printers[0]['categoryId:label']).toBe('报表打印机');
    // A rep's lines are those of their own orders.
    const mine = await run(branchRep, { source: 'orderLines', measures: [{ aggregate: 'count' }] });
    expect(mine.totals.count).toBe(ordersPerRep * 2);
    const byProduct = await run(t.admin, {
      source: 'orderLines',
      filters: [{ field: 'productId', op: 'in', value: [inCategory, uncategorised] }],
      groupBy: [{ field: 'productId' }],
      measures: [{ aggregate: 'distinct', field: 'customerId' }],
    });
    expect(
      Object.fromEntries(byProduct.rows.map((row) => [row['productId:label'], row['distinct:customerId']])),
    ).toEqual({
      报表激光打印机: 2,
      报表硒鼓: 2,
    });
  });

  it('rolls departments up the tree to the depth asked for', async () => {
    const definition = (departmentLevel?: number): ReportDefinitionInput => ({
      source: 'orders',
      filters: [{ field: 'departmentId', op: 'in', value: [branch, team] }],
      groupBy: [{ field: 'departmentId', departmentLevel }],
      measures: [{ aggregate: 'count' }],
    });
    const own = await run(t.admin, definition());
    expect(Object.fromEntries(own.rows.map((row) => [row.departmentId, row.count]))).toEqual({
      [branch]: ordersPerRep,
      [team]: ordersPerRep,
    });
    const toRegion = await run(t.admin, definition(2));
    expect(toRegion.rows).toEqual([
      { 'departmentId:level2': region, 'departmentId:level2:label': '报表华南大区', count: ordersPerRep * 2 },
    ]);
    const toBranch = await run(t.admin, definition(3));
    expect(toBranch.rows.map((row) => [row['departmentId:level3'], row.count])).toEqual([[branch, ordersPerRep * 2]]);
    // Deeper than any department: each keeps its own.
    const deep = await run(t.admin, definition(6));
    expect(deep.rows).toHaveLength(2);
    const refused = await t.admin.post('/api/v1/reports/run', {
      source: 'orders',
      groupBy: [{ field: 'ownerId', departmentLevel: 2 }],
      measures: [{ aggregate: 'count' }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty(['groupBy.0.departmentLevel']);
  });

  it('opens the records behind a figure, in the caller’s scope, page by page', async () => {
    const definition: ReportDefinitionInput = {
      source: 'orders',
      filters: [{ field: 'departmentId', op: 'in', value: [branch, team] }],
      groupBy: [
        { field: 'departmentId', departmentLevel: 3 },
        { field: 'createdAt', unit: 'month' },
      ],
      measures: [{ aggregate: 'count' }],
    };
    const report = await run(t.admin, definition);
    const row = report.rows[0];
    const match = { 'departmentId:level3': row['departmentId:level3'], 'createdAt:month': row['createdAt:month'] };
    expect(row.count).toBe(ordersPerRep * 2);
    const first = await records(t.admin, { definition, match, pageSize: 10 });
    expect(first.total).toBe(row.count);
    expect(first.items).toHaveLength(10);
    const ids = first.items.map((item) => item.id);
    for (let page = 2; page <= 3; page++)
      ids.push(...(await records(t.admin, { definition, match, pageSize: 10, page })).items.map((item) => item.id));
    expect(new Set(ids).size).toBe(row.count);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first.items[0]).toMatchObject({
      url: `/orders/${first.items[0].id}`,
      detail: expect.stringContaining('报表订单'),
    });
    // A rep opens only their own, though the figure was the whole branch's.
    const theirs = await records(teamRep, { definition, match });
    expect(theirs.total).toBe(ordersPerRep);
    // An empty group, and a grouping the report does not have.
    const none = await records(t.admin, { definition, match: { 'departmentId:level3': null } });
    expect(none.total).toBe(0);
    const unknown = await t.admin.post('/api/v1/reports/records', { definition, match: { ownerId: 1 } });
    expect(unknown.statusCode).toBe(400);
    // Lines open on their order.
    const lines = await records(t.admin, {
      definition: { source: 'orderLines', groupBy: [{ field: 'productId' }], measures: [{ aggregate: 'count' }] },
      match: { productId: inCategory },
    });
    expect(lines.total).toBe(ordersPerRep * 2);
    expect(lines.items[0].url).toMatch(/^\/orders\/\d+$/);
  });

  it('groups and adds up customers’ custom fields, with their names and options in both languages', async () => {
    await t.admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: 'tier',
      labelZh: '客户分层',
      labelEn: 'Tier',
      type: 'select',
      options: [
        { code: 'gold', labelZh: '金牌', labelEn: 'Gold' },
        { code: 'silver', labelZh: '银牌', labelEn: 'Silver' },
      ],
    });
    await t.admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: 'seats',
      labelZh: '席位数',
      labelEn: 'Seats',
      type: 'number',
    });
    for (const [tier, seats] of [
      ['gold', 10],
      ['gold', 5],
      ['silver', 2],
    ] as const)
      await createCustomer(t.admin, { name: `报表自定义${tier}${seats}`, customFields: { tier, seats } });
    const report = await run(t.admin, {
      source: 'customers',
      filters: [{ field: 'custom.tier', op: 'notEmpty' }],
      groupBy: [{ field: 'custom.tier' }],
      measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'custom.seats' }],
    });
    expect(report.rows).toEqual([
      { 'custom.tier': 'gold', count: 2, 'sum:custom.seats': 15 },
      { 'custom.tier': 'silver', count: 1, 'sum:custom.seats': 2 },
    ]);
    const filtered = await run(t.admin, {
      source: 'customers',
      filters: [{ field: 'custom.seats', op: 'gte', value: 5 }],
      measures: [{ aggregate: 'count' }],
    });
    expect(filtered.totals.count).toBe(2);
    const sources = (await t.admin.get('/api/v1/reports/sources')).json() as Array<{
      source: string;
      fields: Array<{ name: string; custom?: { labelZh: string; options: unknown[] } }>;
    }>;
    const tier = sources.find((s) => s.source === 'customers')!.fields.find((f) => f.name === 'custom.tier');
    expect(tier?.custom).toMatchObject({ labelZh: '客户分层', options: [{ code: 'gold' }, { code: 'silver' }] });
  });

  it('hides a customer’s field read through another source when the customers’ rule hides it', async () => {
    const role = (
      await t.admin.post('/api/v1/roles', {
        name: '报表看不到省份',
        permissions: ['orders.view', 'customers.view'],
        dataScopes: { orders: 'all', customers: 'all' },
        fieldRules: { 'customers.province': 'hidden' },
      })
    ).json();
    const noProvince = await createUserClient(t, 'readonly', branch, { roleIds: [role.id] });
    const refused = await noProvince.post('/api/v1/reports/run', {
      source: 'orders',
      groupBy: [{ field: 'customerProvince' }],
      measures: [{ aggregate: 'count' }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ 'groupBy.0.field': expect.stringContaining('customerProvince') });
    const sources = (await noProvince.get('/api/v1/reports/sources')).json() as Array<{
      source: string;
      fields: Array<{ name: string }>;
    }>;
    const orders = sources.find((s) => s.source === 'orders')!.fields.map((f) => f.name);
    expect(orders).not.toContain('customerProvince');
    expect(orders).toContain('customerCity');
  });
});
