import type { ProfitabilityDimension, ProfitabilityReport, ProfitabilityRow } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import { localDate } from '../../db/time.ts';
import { daysOf, periodDays } from './profitability.service.ts';

describe('the days of a profitability query', () => {
  it('resolves a relative period on the company’s calendar, a month or a quarter drilled into, and refuses both at once', () => {
    // 16:30 UTC on 31 March is already 1 April in Shanghai: this quarter is the second.
    const today = localDate('2026-03-31T16:30:00.000Z', 'Asia/Shanghai');
    expect(today).toBe('2026-04-01');
    expect(daysOf({ within: 'thisQuarter' }, today)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(daysOf({ within: 'lastMonth' }, today)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(daysOf({ from: '2026-01-01' }, today)).toEqual({ from: '2026-01-01', to: null });
    expect(periodDays('2026-03')).toEqual({ since: '2026-03-01', until: '2026-04-01' });
    expect(periodDays('2026-Q4')).toEqual({ since: '2026-10-01', until: '2027-01-01' });
    expect(() => daysOf({ within: 'thisMonth', from: '2026-01-01' }, today)).toThrow();
    expect(() => daysOf({ from: '2026-02-01', to: '2026-01-01' }, today)).toThrow();
  });
});

type Expected = {
  revenue: number;
  cost: number | null;
  uncosted: number;
  uncostedRevenue: number;
  quantity: number;
  orders: number;
};

describe.each(testDialects)('profitability on %s', (dialect) => {
  let t: TestApp;
  let east: number;
  let shanghai: number;
  let south: number;
  let manager: Client;
  let repEast: Client;
  let repShanghai: Client;
  let repSouth: Client;
  let office: number;
  let printers: number;
  let tracked: { id: number };
  let priced: { id: number };
  let unpriced: { id: number };
  let dollarCustomer: number;
  const owners: number[] = [];

  const sell = async (
    owner: Client,
    customerId: number,
    lines: Array<{ productId?: number; quantity: string; unitPrice: string }>,
    deliveries: Array<{ on: string; part?: boolean }>,
    extra: Record<string, unknown> = {},
  ) => {
    const created = await owner.post('/api/v1/orders', {
      title: unique('订单'),
      customerId,
      lines: lines.map((l) => ({ name: unique('品'), taxRate: '13', ...l })),
      ...extra,
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    const submitted = await owner.post(`/api/v1/orders/${order.id}/submit`);
    expect(submitted.json().status, submitted.body).toBe('approved');
    for (const delivery of deliveries) {
      const shipped = await t.admin.post(`/api/v1/orders/${order.id}/deliveries`, {
        deliveredOn: delivery.on,
        lines: order.lines.map((l: { id: number; quantity: string }, i: number) => ({
          orderLineId: l.id,
          // A part delivery takes one unit of each line; the next takes the rest.
          quantity: delivery.part ? '1' : String(Number(lines[i].quantity) - (deliveries[0].part ? 1 : 0)),
        })),
      });
      expect(shipped.statusCode, shipped.body).toBe(201);
    }
    return order;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const settings = await t.admin.patch('/api/v1/settings', {
      stockTracking: true,
      currencies: [
        { code: 'CNY', name: '人民币', rate: '1' },
        { code: 'USD', name: '美元', rate: '0.14' },
      ],
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const warehouse = (await t.admin.post('/api/v1/warehouses', { code: unique('WH'), name: '总仓' })).json();
    east = await createDepartment(t, '华东部');
    shanghai = await createDepartment(t, '上海组', east);
    south = await createDepartment(t, '华南部');
    manager = await createUserClient(t, 'sales_manager', east);
    repEast = await createUserClient(t, 'sales_rep', east);
    repShanghai = await createUserClient(t, 'sales_rep', shanghai);
    repSouth = await createUserClient(t, 'sales_rep', south);
    owners.push(repEast.userId, repShanghai.userId, repSouth.userId);
    office = (await t.admin.post('/api/v1/product-categories', { name: '办公设备' })).json().id;
    printers = (await t.admin.post('/api/v1/product-categories', { name: '打印机', parentId: office })).json().id;
    const product = async (fields: Record<string, unknown>) => {
      const response = await t.admin.post('/api/v1/products', {
        code: unique('SKU'),
        name: unique('产品'),
        listPrice: '100',
        ...fields,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    tracked = await product({ name: '激光打印机', categoryId: printers, trackStock: true, costPrice: '90' });
    priced = await product({ name: '纸张', categoryId: office, costPrice: '30' });
    unpriced = await product({ name: '安装服务' });
    await t.admin.post('/api/v1/stock/in', {
      warehouseId: warehouse.id,
      productId: tracked.id,
      quantity: '100',
      unitCost: '100',
    });

    const customer = async (owner: Client, province: string | null) =>
      (await createCustomer(owner, province ? { province } : {})).id as number;
    // Seven customers (more than a page of three), orders either side of the month and quarter boundaries.
    const e1 = await customer(repEast, '广东省');
    const e2 = await customer(repEast, '上海市');
    const e3 = await customer(repEast, null);
    const s1 = await customer(repShanghai, '上海市');
    const s2 = await customer(repShanghai, '上海市');
    const w1 = await customer(repSouth, '广东省');
    dollarCustomer = await customer(repSouth, '广东省');
    await sell(
      repEast,
      e1,
      [
        { productId: tracked.id, quantity: '3', unitPrice: '200' },
        { productId: priced.id, quantity: '10', unitPrice: '50' },
      ],
      [{ on: '2026-03-31', part: true }, { on: '2026-04-01' }],
    );
    await sell(repEast, e2, [{ productId: unpriced.id, quantity: '1', unitPrice: '500' }], [{ on: '2026-01-15' }]);
    await sell(
      repEast,
      e3,
      [
        { quantity: '2', unitPrice: '80' },
        { productId: priced.id, quantity: '1', unitPrice: '40' },
      ],
      [{ on: '2026-06-30' }],
      { discountPercent: '10' },
    );
    await sell(repShanghai, s1, [{ productId: tracked.id, quantity: '2', unitPrice: '150' }], [{ on: '2026-07-01' }]);
    await sell(repShanghai, s2, [{ productId: priced.id, quantity: '4', unitPrice: '35' }], [{ on: '2026-03-01' }]);
    await sell(repShanghai, s1, [{ productId: priced.id, quantity: '1', unitPrice: '20' }], [{ on: '2026-09-30' }]);
    await sell(repSouth, w1, [{ productId: tracked.id, quantity: '1', unitPrice: '120' }], [{ on: '2026-12-31' }]);
    // 2 × 70 USD, less 10 %: 126 USD at 0.14 USD per yuan is ¥900; its paper cost ¥60.
    await sell(
      repSouth,
      dollarCustomer,
      [{ productId: priced.id, quantity: '2', unitPrice: '70' }],
      [{ on: '2026-05-05' }],
      {
        currency: 'USD',
        discountPercent: '10',
      },
    );
    // Outside the year asked for, and an order deleted: neither counts.
    await sell(repSouth, w1, [{ productId: priced.id, quantity: '1', unitPrice: '999' }], [{ on: '2025-12-31' }]);
    const deleted = await sell(
      repSouth,
      w1,
      [{ productId: priced.id, quantity: '1', unitPrice: '777' }],
      [{ on: '2026-02-02' }],
    );
    await t.database.db
      .updateTable('orders')
      .set({ deletedAt: new Date().toISOString() })
      .where('id', '=', deleted.id)
      .execute();
  }, 120_000);
  afterAll(async () => t?.close());

  const range = { from: '2026-01-01', to: '2026-12-31' };

  const read = async (client: Client, query: Record<string, string | number>) => {
    const response = await client.get('/api/v1/analyses/profitability', { ...range, ...query });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ProfitabilityReport;
  };

  /** Every row of a dimension, page by page (three a page). */
  const allRows = async (client: Client, query: Record<string, string | number>) => {
    const rows: ProfitabilityRow[] = [];
    for (let page = 1; ; page++) {
      const report = await read(client, { pageSize: 3, page, sort: 'name:asc', ...query });
      rows.push(...report.items);
      if (rows.length >= report.total) return { rows, report };
      expect(report.items).toHaveLength(3);
    }
  };

  /**
   * The figures by a key, worked out by SQL of its own over the same lines: the lines of a product without
   * a cost price that is not tracked, and those without a product, have no cost.
   */
  const expected = async (key: string, where = sql`1 = 1`) => {
    const uncosted = sql`(ol.product_id is null or ol.product_id = ${unpriced.id})`;
    const { rows } = await sql<{ k: string | number | null } & Record<keyof Expected, string | number | null>>`
      select ${sql.raw(key)} as k,
        sum(dl.revenue_minor) as revenue,
        sum(case when ${uncosted} then null else dl.cost_minor end) as cost,
        sum(case when ${uncosted} then 1 else 0 end) as uncosted,
        sum(case when ${uncosted} then dl.revenue_minor else 0 end) as uncosted_revenue,
        sum(dl.quantity_milli) as quantity,
        count(distinct o.id) as orders
      from delivery_lines dl
      join deliveries d on d.id = dl.delivery_id
      join order_lines ol on ol.id = dl.order_line_id
      join orders o on o.id = d.order_id
      join customers c on c.id = o.customer_id
      left join products p on p.id = ol.product_id
      where o.deleted_at is null and d.delivered_on >= '2026-01-01' and d.delivered_on <= '2026-12-31'
        and o.owner_id in (${sql.join(owners)}) and ${where}
      group by ${sql.raw(key)}`.execute(t.database.db);
    return new Map(
      rows.map((r) => [
        r.k === null ? null : String(r.k),
        {
          revenue: Number(r.revenue),
          cost: r.cost === null ? null : Number(r.cost),
          uncosted: Number(r.uncosted),
          uncostedRevenue: Number(r.uncostedRevenue),
          quantity: Number(r.quantity),
          orders: Number(r.orders),
        },
      ]),
    );
  };

  const asExpected = (row: ProfitabilityRow) => ({
    revenue: row.revenue,
    cost: row.cost,
    uncosted: row.uncostedLines,
    uncostedRevenue: row.uncostedRevenue,
    quantity: Number(row.quantity) * 1000,
    orders: row.orders,
  });

  const keys: Record<ProfitabilityDimension, string> = {
    customer: 'o.customer_id',
    product: 'ol.product_id',
    category: 'p.category_id',
    department: '', // set in the test: the sub-department rolls up
    owner: 'o.owner_id',
    province: 'c.province',
    month: 'substr(d.delivered_on, 1, 7)',
    quarter: `case when substr(d.delivered_on, 6, 2) <= '03' then 'Q1' when substr(d.delivered_on, 6, 2) <= '06' then 'Q2'
      when substr(d.delivered_on, 6, 2) <= '09' then 'Q3' else 'Q4' end`,
  };

  it('adds up each dimension as SQL of its own does over the same lines, page after page, with the totals over all of them', async () => {
    keys.department = `case when o.department_id = ${shanghai} then ${east} else o.department_id end`;
    for (const dimension of Object.keys(keys) as ProfitabilityDimension[]) {
      const { rows, report } = await allRows(t.admin, { dimension });
      const want = await expected(keys[dimension]);
      const got = new Map(
        rows.map((row) => [dimension === 'quarter' ? (row.key?.slice(5) ?? null) : row.key, asExpected(row)]),
      );
      expect(got, dimension).toEqual(want);
      expect(report.total, dimension).toBe(want.size);
      const all = [...want.values()];
      const sum = (pick: (e: Expected) => number) => all.reduce((s, e) => s + pick(e), 0);
      expect(asExpected({ ...report.totals, key: null, name: null }), dimension).toEqual({
        revenue: sum((e) => e.revenue),
        cost: sum((e) => e.cost ?? 0),
        uncosted: sum((e) => e.uncosted),
        uncostedRevenue: sum((e) => e.uncostedRevenue),
        quantity: sum((e) => e.quantity),
        // An order delivered in two months counts once in the totals.
        orders: report.totals.orders,
      });
      for (const row of rows) {
        if (row.cost === null) expect(row.margin).toBeNull();
        else expect(row.margin).toBe(row.revenue - row.uncostedRevenue! - row.cost!);
      }
    }
    const orders = await sql<{
      n: number;
    }>`select count(distinct d.order_id) as n from deliveries d join orders o on o.id = d.order_id
      where o.deleted_at is null and d.delivered_on between '2026-01-01' and '2026-12-31'`.execute(t.database.db);
    expect((await read(t.admin, {})).totals.orders).toBe(Number(orders.rows[0].n));
  });

  it('names each row, rolls sub-departments up into the department shown, and drills into one row', async () => {
    const departments = await read(t.admin, { dimension: 'department', sort: 'name:asc' });
    expect(departments.items.map((r) => [r.name, r.key])).toEqual([
      ['华东部', String(east)],
      ['华南部', String(south)],
    ]);
    // Inside 华东部: its own orders, and 上海组's as a row of their own.
    const inside = await read(t.admin, { dimension: 'department', departmentId: east, sort: 'name:asc' });
    expect(inside.items.map((r) => r.name).sort()).toEqual(['上海组', '华东部'].sort());
    expect(inside.totals.revenue).toBe(departments.items[0].revenue);
    expect(inside.filters).toEqual([{ filter: 'departmentId', key: String(east), name: '华东部' }]);
    // 华东部 › a customer › its products: the path's names come back with the figures.
    const customers = await read(t.admin, { dimension: 'customer', departmentId: east });
    const first = customers.items[0];
    const products = await read(t.admin, { dimension: 'product', departmentId: east, customerId: Number(first.key) });
    expect(products.totals.revenue).toBe(first.revenue);
    expect(products.filters.map((f) => f.name)).toEqual([first.name, '华东部']);
    // A category holds the categories below it.
    const office = await read(t.admin, { dimension: 'product', categoryId: printers });
    expect(office.items.map((r) => r.name)).toEqual(['激光打印机']);
    const all = await read(t.admin, { dimension: 'category', sort: 'name:asc' });
    const byCategory = await read(t.admin, {
      dimension: 'product',
      categoryId: all.items.find((r) => r.name === '办公设备')!.key!,
    });
    expect(byCategory.items.map((r) => r.name).sort()).toEqual(['激光打印机', '纸张'].sort());
  });

  it('splits the months and quarters on the calendar day of the delivery', async () => {
    const months = await read(t.admin, {
      dimension: 'month',
      customerId: (await allRows(t.admin, { dimension: 'customer' })).rows.find((r) => r.quantity === '13')!.key!,
    });
    expect(months.items.map((r) => [r.key, r.quantity])).toEqual([
      ['2026-03', '2'],
      ['2026-04', '11'],
    ]);
    const quarters = await read(t.admin, { dimension: 'quarter' });
    expect(quarters.items.map((r) => r.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    const march = await read(t.admin, { dimension: 'customer', period: '2026-03' });
    const q1 = await read(t.admin, { dimension: 'customer', period: '2026-Q1' });
    const q2 = await read(t.admin, { dimension: 'customer', period: '2026-Q2' });
    expect(q1.totals.revenue + q2.totals.revenue).toBe(
      (await read(t.admin, { dimension: 'customer', from: '2026-01-01', to: '2026-06-30' })).totals.revenue,
    );
    expect(march.totals.revenue).toBeLessThan(q1.totals.revenue);
    expect(quarters.items.find((r) => r.key === '2026-Q1')!.revenue).toBe(q1.totals.revenue);
  });

  it('converts another currency at the settings’ rate, and leaves a line without a cost out of the margin', async () => {
    const dollars = (await read(t.admin, { dimension: 'customer', customerId: dollarCustomer })).items[0];
    expect(dollars).toMatchObject({ revenue: 90_000, cost: 6_000, margin: 84_000, marginPercent: '93.33' });
    const service = (await read(t.admin, { dimension: 'product', productId: unpriced.id })).items[0];
    expect(service).toMatchObject({
      name: '安装服务',
      revenue: 50_000,
      cost: null,
      margin: null,
      marginPercent: null,
      uncostedLines: 1,
      uncostedRevenue: 50_000,
    });
    // Tracked stock goes out at its average cost of ¥100: 3 printers sold at ¥200 less that.
    const printer = (await read(t.admin, { dimension: 'product', productId: tracked.id, ownerId: repEast.userId }))
      .items[0];
    expect(printer).toMatchObject({ revenue: 60_000, cost: 30_000, margin: 30_000, marginPercent: '50.00' });
  });

  it('shows a sales rep their own orders only, and no cost to whoever may not see costs', async () => {
    const mine = await allRows(repEast, { dimension: 'customer' });
    const theirs = await expected('o.customer_id', sql`o.owner_id = ${repEast.userId}`);
    expect(mine.rows.map((r) => r.key).sort()).toEqual([...theirs.keys()].sort());
    expect(mine.report.costs).toBe(false);
    for (const figures of [...mine.rows, mine.report.totals]) {
      expect(figures).not.toHaveProperty('cost');
      expect(figures).not.toHaveProperty('margin');
      expect(figures).not.toHaveProperty('marginPercent');
      expect(figures).not.toHaveProperty('uncostedLines');
    }
    expect(mine.report.totals.revenue).toBe([...theirs.values()].reduce((s, e) => s + e.revenue, 0));
    const refused = await repEast.get('/api/v1/analyses/profitability', { sort: 'margin:desc' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { sort: expect.any(String) } });
    // The manager sees 华东部 and 上海组 below it, with costs.
    const team = await read(manager, { dimension: 'owner' });
    expect(team.items.map((r) => r.key).sort()).toEqual([String(repEast.userId), String(repShanghai.userId)].sort());
    expect(team.costs).toBe(true);
    expect(team.totals.cost).toEqual(expect.any(Number));
    // A customer out of the caller's scope is not named.
    const hidden = await read(repEast, { dimension: 'product', customerId: dollarCustomer });
    expect(hidden.items).toEqual([]);
    expect(hidden.filters).toEqual([{ filter: 'customerId', key: String(dollarCustomer), name: null }]);
  });

  it('answers bad input with 400 and the field', async () => {
    const bad: Array<[Record<string, string | number>, string]> = [
      [{ dimension: 'region' }, 'dimension'],
      [{ from: '2026-13-01' }, 'from'],
      [{ from: '2026-02-01', to: '2026-01-01' }, 'to'],
      [{ within: 'thisMonth', from: '2026-01-01' }, 'within'],
      [{ within: 'nextCentury' }, 'within'],
      [{ period: '2026-Q5' }, 'period'],
      [{ sort: 'profit:desc' }, 'sort'],
      [{ customerId: 'abc' }, 'customerId'],
      [{ pageSize: 1000 }, 'pageSize'],
    ];
    for (const [query, field] of bad) {
      const response = await t.admin.get('/api/v1/analyses/profitability', query);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(response.json().error.fields ?? {}), JSON.stringify(query)).toContain(field);
    }
    const viewer = await createUserClient(t, 'service_agent');
    expect((await viewer.get('/api/v1/analyses/profitability')).statusCode).toBe(403);
  });
});
