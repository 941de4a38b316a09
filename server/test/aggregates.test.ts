import { fromMinorUnits } from '@relate/common';
import dayjs from 'dayjs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/db/schema.ts';
import { clientFor, type Client, createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createDepartment, createUserClient } from './factories.ts';

/**
 * Every total, count and report figure of the product, checked on data larger than any page size or
 * limit in the code (over 1 000 instalments, over 500 customers owing money, over 200 products …)
 * against a sum written here in plain SQL. Rows are inserted in bulk by cloning one record made
 * through the API, so the test stays fast.
 */

const money = (minor: number | string | null) => fromMinorUnits(Number(minor ?? 0));
const rate = { CNY: 1, USD: 0.14 } as Record<string, number>;
/** What the reports do: a currency's sum, converted to the default currency (CNY) at the settings rate. */
const toCny = (minor: number, currency: string) => (currency === 'CNY' ? minor : Math.round(minor / rate[currency]));

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

async function rows<T>(db: Kysely<DB>, text: string): Promise<T[]> {
  return (await sql.raw<T>(text).execute(db)).rows;
}

async function insert(db: Kysely<DB>, table: keyof DB, values: Array<Record<string, unknown>>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < values.length; i += 200) {
    const result = await db
      .insertInto(table)
      .values(values.slice(i, i + 200) as never)
      .returning('id' as never)
      .execute();
    ids.push(...result.map((r) => (r as { id: number }).id));
  }
  return ids;
}

async function insertPlain(db: Kysely<DB>, table: keyof DB, values: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < values.length; i += 200)
    await db
      .insertInto(table)
      .values(values.slice(i, i + 200) as never)
      .execute();
}

/** A row made through the API, to clone: its own id and generated columns left out. */
async function template(db: Kysely<DB>, table: keyof DB, id: number | undefined): Promise<Record<string, unknown>> {
  if (!id) throw new Error(`no ${table} to clone`);
  const row = (await db
    .selectFrom(table)
    .selectAll()
    .where('id' as never, '=', id as never)
    .executeTakeFirstOrThrow()) as Record<string, unknown>;
  const { id: _, searchGrams: __, ...rest } = row;
  return rest;
}

/** Fetches every page of a paginated list. */
async function allPages<T>(
  client: Client,
  url: string,
  query: Record<string, string | number>,
  items: (body: any) => T[],
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const body = (await client.get(url, { ...query, page, pageSize: 200 })).json();
    out.push(...items(body));
    if (page * 200 >= body.total) return out;
  }
}

describe.each(testDialects)('totals, counts and report figures over large data on %s', (dialect) => {
  let t: TestApp;
  let db: Kysely<DB>;
  let reps: Array<{ id: number; departmentId: number }>;
  let agents: number[];
  let portalCustomerId: number;
  let portal: Client;
  let pipelineId: number;
  let asOf: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    db = t.database.db;
    const next = random(7);
    const departments = [await createDepartment(t, '聚合一部'), await createDepartment(t, '聚合二部')];
    reps = [];
    for (let i = 0; i < 4; i++)
      reps.push({
        id: (await createUserClient(t, 'sales_rep', departments[i % 2])).userId,
        departmentId: departments[i % 2],
      });
    agents = [];
    for (let i = 0; i < 3; i++) agents.push((await createUserClient(t, 'service_agent')).userId);
    asOf = (await t.admin.get('/api/v1/receivables/aging')).json().asOf;
    const day = (offset: number) => dayjs(asOf).add(offset, 'day').format('YYYY-MM-DD');
    const now = new Date().toISOString();

    // The portal customer, with a contact signed in to the portal.
    const portalCustomer = await createCustomer(t.admin, { name: '聚合门户客户' });
    portalCustomerId = portalCustomer.id;
    const contact = (
      await t.admin.post('/api/v1/contacts', {
        name: '门户联系人',
        customerId: portalCustomerId,
        email: 'agg@portal.example',
      })
    ).json();
    const invitation = (await t.admin.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, {})).json();
    const token = new URL(invitation.inviteUrl).searchParams.get('token');
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/portal/v1/accept',
      payload: { token, password: 'Portal2026' },
    });
    portal = clientFor(
      t.app,
      accepted.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      accepted.json().csrfToken,
      0,
    );

    // 520 customers, each with an order of three instalments; every seventh in USD.
    const customerRow = await template(db, 'customers', portalCustomerId);
    const customerIds = await insert(
      db,
      'customers',
      Array.from({ length: 520 }, (_, i) => {
        const owner = reps[i % reps.length];
        return {
          ...customerRow,
          code: `AGG${i}`,
          name: `聚合客户${i}`,
          nameNorm: `聚合客户${i}`,
          searchText: `聚合客户${i}`,
          ownerId: owner.id,
          departmentId: owner.departmentId,
        };
      }),
    );
    const order = (
      await t.admin.post('/api/v1/orders', {
        title: '聚合订单',
        customerId: portalCustomerId,
        lines: [{ name: '设备', quantity: '1', unitPrice: '100', taxRate: '0' }],
      })
    ).json();
    await t.admin.post(`/api/v1/orders/${order.id}/submit`);
    const orderRow = await template(db, 'orders', order.id);
    const usdOrder = (
      await t.admin.post('/api/v1/orders', {
        title: '聚合美元订单',
        customerId: portalCustomerId,
        currency: 'USD',
        lines: [{ name: '设备', quantity: '1', unitPrice: '100', taxRate: '0' }],
      })
    ).json();
    await t.admin.post(`/api/v1/orders/${usdOrder.id}/submit`);
    const currencyOf = (i: number) => (i % 7 === 0 ? 'USD' : 'CNY');
    const orderIds = await insert(
      db,
      'orders',
      customerIds.map((customerId, i) => {
        const owner = reps[i % reps.length];
        return {
          ...orderRow,
          number: `AGG-SO-${i}`,
          customerId,
          currency: currencyOf(i),
          total: 3_000_000,
          ownerId: owner.id,
          departmentId: owner.departmentId,
        };
      }),
    );
    const instalment = (
      orderId: number,
      customerId: number,
      seq: number,
      currency: string,
      owner: { id: number; departmentId: number },
      dueOffset: number,
      open = false,
    ) => {
      const amount = Math.floor(1 + next() * 100_000) * 10 + seq;
      const r = next();
      const received = open
        ? r < 0.5
          ? 0
          : Math.floor(amount / 3)
        : r < 0.3
          ? 0
          : r < 0.55
            ? Math.floor(amount * r)
            : r < 0.85
              ? amount
              : 0;
      return {
        orderId,
        customerId,
        seq,
        dueDate: day(dueOffset),
        amount,
        received,
        currency,
        ownerId: owner.id,
        departmentId: owner.departmentId,
        createdAt: now,
        updatedAt: now,
      };
    };
    const instalments = orderIds.flatMap((orderId, i) =>
      [1, 2, 3].map((seq) =>
        instalment(orderId, customerIds[i], seq, currencyOf(i), reps[i % reps.length], Math.floor(next() * 220) - 160),
      ),
    );
    // The portal customer owes 530 open instalments (and has paid a few more).
    const admin = { id: t.admin.userId, departmentId: orderRow.departmentId as number };
    for (let seq = 1; seq <= 560; seq++)
      instalments.push(
        instalment(
          seq % 5 === 0 ? usdOrder.id : order.id,
          portalCustomerId,
          seq,
          seq % 5 === 0 ? 'USD' : 'CNY',
          admin,
          Math.floor(next() * 220) - 160,
          seq <= 530,
        ),
      );
    await insertPlain(db, 'instalments', instalments);

    // Invoices on 300 orders (every fifth cancelled), issued in August 2026.
    await insertPlain(
      db,
      'invoices',
      orderIds.slice(0, 300).map((orderId, i) => ({
        type: 'vat_ordinary',
        number: `AGG-INV-${i}`,
        issuedOn: `2026-08-${String(1 + (i % 28)).padStart(2, '0')}`,
        customerId: customerIds[i],
        orderId,
        amount: Math.floor(1 + next() * 1_000_000),
        tax: 0,
        currency: currencyOf(i),
        buyerTitle: 'x',
        buyerTaxId: null,
        buyerAddressPhone: null,
        buyerBankAccount: null,
        status: i % 5 === 0 ? 'cancelled' : 'issued',
        cancelReason: null,
        notes: null,
        ownerId: reps[i % reps.length].id,
        departmentId: reps[i % reps.length].departmentId,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })),
    );
    // 600 payments received in August 2026 (every sixth not yet confirmed).
    await insertPlain(
      db,
      'receipts',
      Array.from({ length: 600 }, (_, i) => ({
        number: `AGG-R-${i}`,
        customerId: customerIds[i % customerIds.length],
        receivedOn: `2026-08-${String(1 + (i % 28)).padStart(2, '0')}`,
        amount: Math.floor(1 + next() * 1_000_000),
        currency: currencyOf(i),
        method: 'bank_transfer',
        payer: null,
        bankAccount: null,
        reference: null,
        notes: null,
        status: i % 6 === 0 ? 'unconfirmed' : 'confirmed',
        overpayment: 0,
        approvalStatus: null,
        confirmedBy: null,
        confirmedAt: null,
        ownerId: reps[i % reps.length].id,
        departmentId: reps[i % reps.length].departmentId,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })),
    );

    // 1 200 opportunities over the default pipeline's stages in 2026; every sixth in USD.
    const pipeline = (await t.admin.get('/api/v1/pipelines')).json().find((p: { isDefault: boolean }) => p.isDefault);
    pipelineId = pipeline.id;
    const opportunity = (
      await t.admin.post('/api/v1/opportunities', {
        name: '聚合商机',
        customerId: portalCustomerId,
        amount: '1000',
        expectedCloseDate: '2026-05-15',
      })
    ).json();
    const opportunityRow = await template(db, 'opportunities', opportunity.id);
    await insertPlain(
      db,
      'opportunities',
      Array.from({ length: 1200 }, (_, i) => {
        const stage = pipeline.stages[Math.floor(next() * pipeline.stages.length)];
        const owner = reps[i % reps.length];
        const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
        const closed =
          stage.kind === 'open' ? null : `2026-${month}-${String(10 + Math.floor(next() * 10))}T04:00:00.000Z`;
        return {
          ...opportunityRow,
          code: `AGGO${i}`,
          name: `聚合商机${i}`,
          searchText: `聚合商机${i}`,
          customerId: customerIds[i % customerIds.length],
          pipelineId,
          stageId: stage.id,
          status: stage.kind,
          probability: stage.probability,
          amount: Math.floor(1 + next() * 5_000_000),
          currency: i % 6 === 0 ? 'USD' : 'CNY',
          expectedCloseDate: `2026-${month}-15`,
          closedAt: closed,
          ownerId: owner.id,
          departmentId: owner.departmentId,
        };
      }),
    );

    // 1 500 tickets, most called back in October 2026 with a rating and an answer on whether it was solved.
    const ticket = (
      await t.admin.post('/api/v1/tickets', { type: 'consultation', subject: '聚合工单', customerId: portalCustomerId })
    ).json();
    const ticketRow = await template(db, 'tickets', ticket.id);
    await insertPlain(
      db,
      'tickets',
      Array.from({ length: 1500 }, (_, i) => {
        const r = next();
        return {
          ...ticketRow,
          number: `AGG-T${i}`,
          searchText: `agg-t${i}`,
          ownerId: agents[i % agents.length],
          callbackAt:
            i % 10 === 0
              ? '2026-06-15T04:00:00.000Z'
              : `2026-10-${String(3 + (i % 25)).padStart(2, '0')}T04:00:00.000Z`,
          satisfactionScore: r < 0.1 ? null : 1 + Math.floor(next() * 5),
          callbackSolved: r > 0.9 ? null : next() < 0.7 ? 1 : 0,
        };
      }),
    );

    // 250 tracked products with stock in two warehouses.
    const warehouses = [
      (await t.admin.post('/api/v1/warehouses', { code: 'AGG-W1', name: '聚合一库' })).json().id,
      (await t.admin.post('/api/v1/warehouses', { code: 'AGG-W2', name: '聚合二库' })).json().id,
    ];
    const product = (
      await t.admin.post('/api/v1/products', { code: 'AGGP', name: '聚合产品', listPrice: '10', trackStock: true })
    ).json();
    const productRow = await template(db, 'products', product.id);
    const productIds = await insert(
      db,
      'products',
      Array.from({ length: 250 }, (_, i) => ({
        ...productRow,
        code: `AGGP${i}`,
        name: `聚合产品${i}`,
        ...('searchText' in productRow ? { searchText: `aggp${i}` } : {}),
      })),
    );
    await insertPlain(
      db,
      'stockLevels',
      productIds.flatMap((productId) =>
        warehouses.map((warehouseId) => ({
          productId,
          warehouseId,
          onHandMilli: Math.floor(next() * 1_000) * 1000,
          reservedMilli: 0,
          valueMinor: Math.floor(next() * 10_000_000),
          updatedAt: now,
        })),
      ),
    );
  }, 120_000);
  afterAll(async () => t?.close());

  /** The calendar month of a stored instant (all test instants are mid-month, so the time zone does not matter). */
  const monthOf = (column: string) =>
    dialect === 'postgres' ? `to_char(${column} at time zone 'UTC', 'YYYY-MM')` : `substr(${column}, 1, 7)`;
  const dayMonthOf = (column: string) =>
    dialect === 'postgres' ? `to_char(${column}, 'YYYY-MM')` : `substr(${column}, 1, 7)`;
  const bucketsSql = () => {
    const before = (days: number) => `'${dayjs(asOf).subtract(days, 'day').format('YYYY-MM-DD')}'`;
    const open = '(amount - received)';
    const sumIf = (condition: string) => `coalesce(sum(case when ${condition} then ${open} else 0 end), 0)`;
    return `${sumIf(`due_date >= '${asOf}'`)} as b0, ${sumIf(`due_date < '${asOf}' and due_date >= ${before(30)}`)} as b1, ${sumIf(`due_date < ${before(30)} and due_date >= ${before(60)}`)} as b2, ${sumIf(`due_date < ${before(60)} and due_date >= ${before(90)}`)} as b3, ${sumIf(`due_date < ${before(90)}`)} as b4, coalesce(sum(${open}), 0) as b5`;
  };
  type Buckets = { cur: string; b0: number; b1: number; b2: number; b3: number; b4: number; b5: number };
  const asAging = (r: Buckets) => ({
    currency: r.cur,
    current: money(r.b0),
    d0_30: money(r.b1),
    d31_60: money(r.b2),
    d61_90: money(r.b3),
    d90_plus: money(r.b4),
    total: money(r.b5),
  });

  it('receivables: planned, invoiced, received, outstanding and overdue per currency over all instalments, with pages', async () => {
    for (const filter of ['', ` and customer_id = ${portalCustomerId}`]) {
      const expected = await rows<{
        cur: string;
        n: number;
        planned: number;
        received: number;
        outstanding: number;
        overdue: number;
      }>(
        db,
        `select currency as cur, count(*) as n, sum(amount) as planned, sum(received) as received,
           sum(case when received < amount then amount - received else 0 end) as outstanding,
           sum(case when received < amount and due_date < '${asOf}' then amount - received else 0 end) as overdue
         from instalments where 1 = 1${filter} group by currency order by currency`,
      );
      const invoiced = await rows<{ cur: string; amount: number }>(
        db,
        `select currency as cur, sum(amount) as amount from invoices where status = 'issued'${filter} group by currency`,
      );
      expect(expected.reduce((n, r) => n + Number(r.n), 0)).toBeGreaterThan(filter ? 500 : 1000);
      const query: Record<string, number> = filter ? { customerId: portalCustomerId } : {};
      const page = (await t.admin.get('/api/v1/receivables', { ...query, pageSize: 50, page: 3 })).json();
      expect(page.byCurrency).toEqual(
        expected.map((r) => ({
          currency: r.cur,
          planned: money(r.planned),
          invoiced: money(invoiced.find((i) => i.cur === r.cur)?.amount ?? 0),
          received: money(r.received),
          outstanding: money(r.outstanding),
          overdue: money(r.overdue),
        })),
      );
      expect(page).toMatchObject({
        ...page.byCurrency.find((f: { currency: string }) => f.currency === 'CNY'),
        total: expected.reduce((n, r) => n + Number(r.n), 0),
        page: 3,
        pageSize: 50,
      });
      expect(page.instalments).toHaveLength(50);
    }
  });

  it('aging: company-wide and per customer, owner and department, every group counted and the totals over all of them', async () => {
    const expected = await rows<Buckets>(
      db,
      `select currency as cur, ${bucketsSql()} from instalments where received < amount group by currency order by currency`,
    );
    const [{ n: groups }] = await rows<{ n: number }>(
      db,
      'select count(*) as n from (select customer_id, currency from instalments where received < amount group by customer_id, currency) g',
    );
    expect(Number(groups)).toBeGreaterThan(500);
    for (const groupBy of ['customer', 'owner', 'department']) {
      const first = (await t.admin.get('/api/v1/receivables/aging', { groupBy })).json();
      expect(first.totalsByCurrency).toEqual(expected.map(asAging));
      expect(first.totals).toEqual(asAging(expected.find((r) => r.cur === 'CNY')!));
      if (groupBy === 'customer') expect(first.total).toBe(Number(groups));
      const all = await allPages(
        t.admin,
        '/api/v1/receivables/aging',
        { groupBy },
        (b) => b.rows as Array<{ currency: string; total: string }>,
      );
      expect(all).toHaveLength(first.total);
      for (const r of expected)
        expect(
          money(all.filter((a) => a.currency === r.cur).reduce((s, a) => s + Math.round(Number(a.total) * 100), 0)),
        ).toBe(money(r.b5));
    }
    const one = await rows<Buckets>(
      db,
      `select currency as cur, ${bucketsSql()} from instalments where received < amount and customer_id = ${portalCustomerId} group by currency order by currency`,
    );
    const mine = (await t.admin.get('/api/v1/receivables/aging', { customerId: portalCustomerId })).json();
    expect(mine.rows.map(({ key: _, name: __, ...r }: { key: number; name: string }) => r)).toEqual(one.map(asAging));
    expect(mine.totalsByCurrency).toEqual(one.map(asAging));
  });

  it('portal statement: what the customer owes per currency over all its open instalments, a page at a time', async () => {
    const expected = await rows<{ cur: string; n: number; outstanding: number; overdue: number }>(
      db,
      `select i.currency as cur, count(*) as n, sum(i.amount - i.received) as outstanding, sum(case when i.due_date < '${asOf}' then i.amount - i.received else 0 end) as overdue
       from instalments i join orders o on o.id = i.order_id where i.customer_id = ${portalCustomerId} and o.deleted_at is null and i.received < i.amount group by i.currency order by i.currency`,
    );
    const count = expected.reduce((n, r) => n + Number(r.n), 0);
    expect(count).toBeGreaterThan(500);
    const statement = (await portal.get('/api/portal/v1/statement', { page: 2, pageSize: 200 })).json();
    expect(statement.totals).toEqual(
      expected.map((r) => ({ currency: r.cur, outstanding: money(r.outstanding), overdue: money(r.overdue) })),
    );
    expect(statement).toMatchObject({ total: count, page: 2, pageSize: 200 });
    expect(statement.instalments).toHaveLength(200);
    const all = await allPages(
      portal,
      '/api/portal/v1/statement',
      {},
      (b) => b.instalments as Array<{ currency: string; outstanding: string }>,
    );
    expect(all).toHaveLength(count);
  });

  it('opportunity board columns and forecast: counts and amounts over every opportunity, each currency converted once', async () => {
    const byStage = await rows<{ stage: number; cur: string; n: number; amount: number; weighted: number }>(
      db,
      `select stage_id as stage, currency as cur, count(*) as n, sum(amount) as amount, sum(amount * probability) as weighted from opportunities where pipeline_id = ${pipelineId} and deleted_at is null group by stage_id, currency`,
    );
    expect(byStage.reduce((n, r) => n + Number(r.n), 0)).toBeGreaterThan(1000);
    const board = (await t.admin.get(`/api/v1/pipelines/${pipelineId}/board`, { cardsPerStage: 5 })).json();
    for (const column of board.columns) {
      const mine = byStage.filter((r) => r.stage === column.stage.id);
      expect(column.count).toBe(mine.reduce((n, r) => n + Number(r.n), 0));
      expect(column.amount).toBe(money(mine.reduce((s, r) => s + toCny(Number(r.amount), r.cur), 0)));
      expect(column.weightedAmount).toBe(
        money(mine.reduce((s, r) => s + Math.round(toCny(Number(r.weighted), r.cur) / 100), 0)),
      );
    }

    const won = await rows<{ month: string; cur: string; n: number; amount: number }>(
      db,
      `select ${monthOf('closed_at')} as month, currency as cur, count(*) as n, sum(amount) as amount from opportunities where status = 'won' and deleted_at is null and closed_at >= '2026-01-01T00:00:00.000Z' and closed_at < '2027-01-01T00:00:00.000Z' group by ${monthOf('closed_at')}, currency`,
    );
    const open = await rows<{ month: string; cur: string; n: number; amount: number; weighted: number }>(
      db,
      `select ${dayMonthOf('expected_close_date')} as month, currency as cur, count(*) as n, sum(amount) as amount, sum(amount * probability) as weighted from opportunities where status = 'open' and deleted_at is null and expected_close_date >= '2026-01-01' and expected_close_date < '2027-01-01' group by ${dayMonthOf('expected_close_date')}, currency`,
    );
    const forecast = (await t.admin.get('/api/v1/opportunities/forecast', { year: 2026 })).json();
    expect(forecast.rows).toHaveLength(12);
    for (const row of forecast.rows) {
      const w = won.filter((r) => r.month === row.period);
      const o = open.filter((r) => r.month === row.period);
      const committed = w.reduce((s, r) => s + toCny(Number(r.amount), r.cur), 0);
      const pipelineAmount = o.reduce((s, r) => s + toCny(Number(r.amount), r.cur), 0);
      expect(row).toEqual({
        period: row.period,
        committed: money(committed),
        weighted: money(o.reduce((s, r) => s + Math.round(toCny(Number(r.weighted), r.cur) / 100), 0)),
        bestCase: money(committed + pipelineAmount),
        pipeline: money(pipelineAmount),
        wonCount: w.reduce((n, r) => n + Number(r.n), 0),
        openCount: o.reduce((n, r) => n + Number(r.n), 0),
      });
    }
  });

  it('leaderboard: amount won and deals per rep, and the totals, over every won opportunity of the year', async () => {
    const won = await rows<{ owner: number; cur: string; n: number; amount: number }>(
      db,
      `select owner_id as owner, currency as cur, count(*) as n, sum(amount) as amount from opportunities where status = 'won' and deleted_at is null and closed_at >= '2026-01-01T00:00:00.000Z' and closed_at < '2027-01-01T00:00:00.000Z' group by owner_id, currency`,
    );
    const board = (await t.admin.get('/api/v1/performance', { period: '2026' })).json();
    for (const rep of reps) {
      const mine = won.filter((r) => r.owner === rep.id);
      expect(board.rows.find((r: { userId: number }) => r.userId === rep.id)).toMatchObject({
        amountWon: money(mine.reduce((s, r) => s + toCny(Number(r.amount), r.cur), 0)),
        deals: mine.reduce((n, r) => n + Number(r.n), 0),
      });
    }
    const visible = new Set(board.rows.map((r: { userId: number }) => r.userId));
    const counted = won.filter((r) => visible.has(r.owner));
    expect(board.totals).toMatchObject({ deals: counted.reduce((n, r) => n + Number(r.n), 0) });
    expect(board.totals.amountWon).toBe(money(counted.reduce((s, r) => s + toCny(Number(r.amount), r.cur), 0)));
  });

  it('CSAT: ratings, average, share of 4s and 5s and solved rate per agent and in total', async () => {
    type Sums = { owner: number | null; n: number; total: number; happy: number; called: number; solved: number };
    const sums = await rows<Sums>(
      db,
      `select owner_id as owner, count(satisfaction_score) as n, coalesce(sum(satisfaction_score), 0) as total, sum(case when satisfaction_score >= 4 then 1 else 0 end) as happy,
         count(callback_solved) as called, sum(case when callback_solved = 1 then 1 else 0 end) as solved
       from tickets where deleted_at is null and callback_at >= '2026-10-01' and callback_at < '2026-11-01' group by owner_id`,
    );
    const percent = (part: number, whole: number) =>
      whole ? (Math.round((part * 10_000) / whole) / 100).toFixed(2) : '0.00';
    const average = (sum: number, count: number) =>
      count ? (Math.round((sum * 100) / count) / 100).toFixed(2) : '0.00';
    const figures = (s: Omit<Sums, 'owner'>) => ({
      responses: Number(s.n),
      average: average(Number(s.total), Number(s.n)),
      csat: percent(Number(s.happy), Number(s.n)),
      solvedRate: percent(Number(s.solved), Number(s.called)),
    });
    const report = (
      await t.admin.get('/api/v1/tickets/satisfaction', { from: '2026-10-01', to: '2026-10-31', groupBy: 'agent' })
    ).json();
    const all = sums.reduce(
      (a, s) => ({
        n: a.n + Number(s.n),
        total: a.total + Number(s.total),
        happy: a.happy + Number(s.happy),
        called: a.called + Number(s.called),
        solved: a.solved + Number(s.solved),
      }),
      { n: 0, total: 0, happy: 0, called: 0, solved: 0 },
    );
    expect(all.n).toBeGreaterThan(1000);
    expect(report.total).toMatchObject(figures(all));
    for (const s of sums)
      expect(report.rows.find((r: { key: string }) => r.key === String(s.owner ?? ''))).toMatchObject(figures(s));
  });

  it('stock value: every tracked product counted and valued, page after page', async () => {
    const [expected] = await rows<{ n: number; value: number }>(
      db,
      `select count(distinct p.id) as n, coalesce(sum(s.value_minor), 0) as value from products p left join stock_levels s on s.product_id = p.id where p.track_stock = 1 and p.deleted_at is null`,
    );
    expect(Number(expected.n)).toBeGreaterThan(200);
    const first = (await t.admin.get('/api/v1/stock', { pageSize: 200 })).json();
    expect(first.total).toBe(Number(expected.n));
    const all = await allPages(t.admin, '/api/v1/stock', {}, (b) => b.items as Array<{ value: string }>);
    expect(all).toHaveLength(Number(expected.n));
    expect(money(all.reduce((s, r) => s + Math.round(Number(r.value) * 100), 0))).toBe(money(expected.value));
  });

  it('monthly reconciliation: payments confirmed and invoices issued per rep and currency, and the totals per currency', async () => {
    const receipts = await rows<{ owner: number; cur: string; amount: number }>(
      db,
      `select owner_id as owner, currency as cur, sum(amount) as amount from receipts where status = 'confirmed' and received_on >= '2026-08-01' and received_on < '2026-09-01' group by owner_id, currency`,
    );
    const invoices = await rows<{ owner: number; cur: string; amount: number }>(
      db,
      `select owner_id as owner, currency as cur, sum(amount) as amount from invoices where status = 'issued' and issued_on >= '2026-08-01' and issued_on < '2026-09-01' group by owner_id, currency`,
    );
    const month = (await t.admin.get('/api/v1/finance/reconciliation', { month: '2026-08' })).json();
    for (const rep of reps) {
      for (const currency of ['CNY', 'USD']) {
        const row = month.rows.find(
          (r: { key: number; currency: string }) => r.key === rep.id && r.currency === currency,
        );
        expect(row).toMatchObject({
          receiptsConfirmed: money(receipts.find((r) => r.owner === rep.id && r.cur === currency)?.amount ?? 0),
          invoicesIssued: money(invoices.find((r) => r.owner === rep.id && r.cur === currency)?.amount ?? 0),
        });
      }
    }
    for (const currency of ['CNY', 'USD']) {
      expect(month.totalsByCurrency.find((r: { currency: string }) => r.currency === currency)).toMatchObject({
        receiptsConfirmed: money(receipts.filter((r) => r.cur === currency).reduce((s, r) => s + Number(r.amount), 0)),
        invoicesIssued: money(invoices.filter((r) => r.cur === currency).reduce((s, r) => s + Number(r.amount), 0)),
      });
    }
  });

  it('survey report: every answer counted — response rate, CSAT, NPS and choices over more than 50 000 answers', async () => {
    const questions = [
      { key: 'csat', kind: 'rating', label: '满意度' },
      { key: 'nps', kind: 'nps', label: '推荐' },
      { key: 'channel', kind: 'single', label: '渠道', options: ['电话', '门户'] },
      { key: 'liked', kind: 'multiple', label: '喜欢', options: ['速度', '态度', '专业'] },
    ];
    const survey = (await t.admin.post('/api/v1/surveys', { name: '聚合调查', questions })).json();
    const next = random(11);
    const rows = Array.from({ length: 50_100 }, (_, i) => {
      const liked = ['速度', '态度', '专业'].filter(() => next() < 0.5);
      const answers =
        i % 9 === 0
          ? {}
          : {
              csat: 1 + Math.floor(next() * 5),
              nps: Math.floor(next() * 11),
              channel: next() < 0.4 ? '电话' : '门户',
              liked,
            };
      return {
        surveyId: survey.id,
        contactId: null,
        customerId: null,
        ticketId: null,
        channel: 'link',
        tokenHash: `agg-${survey.id}-${i}`,
        sentBy: null,
        sentAt: '2026-03-01T04:00:00.000Z',
        answeredAt: i < 50_050 ? '2026-03-02T04:00:00.000Z' : null,
        answers: i < 50_050 ? JSON.stringify(answers) : null,
        rating: null,
        nps: null,
      };
    });
    for (let i = 0; i < rows.length; i += 1000)
      await db
        .insertInto('surveyInvitations')
        .values(rows.slice(i, i + 1000))
        .execute();
    const answered = rows
      .filter((r) => r.answers !== null)
      .map((r) => JSON.parse(r.answers!) as { csat?: number; nps?: number; channel?: string; liked?: string[] });
    const report = (await t.admin.get(`/api/v1/surveys/${survey.id}/report`)).json();
    expect(report).toMatchObject({
      sent: 50_100,
      answered: 50_050,
      responseRate: ((50_050 * 100) / 50_100).toFixed(2),
    });
    const [csat, nps, channel, liked] = report.questions;
    const rated = answered.filter((a) => a.csat !== undefined);
    const [{ n, total, high }] = await ratingSums<{ n: number; total: number; high: number }>(
      db,
      dialect,
      survey.id,
      'csat',
    );
    expect(Number(n)).toBe(rated.length);
    expect(csat).toMatchObject({
      responses: Number(n),
      average: (Number(total) / Number(n)).toFixed(2),
      score: ((Number(high) * 100) / Number(n)).toFixed(2),
    });
    const promoters = rated.filter((a) => a.nps! >= 9).length;
    const detractors = rated.filter((a) => a.nps! <= 6).length;
    expect(nps).toMatchObject({
      responses: rated.length,
      score: (((promoters - detractors) * 100) / rated.length).toFixed(2),
    });
    expect(channel.counts).toEqual({
      电话: rated.filter((a) => a.channel === '电话').length,
      门户: rated.filter((a) => a.channel === '门户').length,
    });
    expect(liked.counts).toEqual(
      Object.fromEntries(
        ['速度', '态度', '专业']
          .map((c) => [c, rated.filter((a) => a.liked!.includes(c)).length])
          .filter(([, count]) => count),
      ),
    );
  }, 60_000);
});

/** Ratings of one question summed in plain SQL over the stored answers. */
async function ratingSums<T>(db: Kysely<DB>, dialect: string, surveyId: number, key: string): Promise<T[]> {
  const value =
    dialect === 'postgres' ? `cast(answers::jsonb ->> '${key}' as integer)` : `json_extract(answers, '$.${key}')`;
  return rows<T>(
    db,
    `select count(${value}) as n, sum(${value}) as total, sum(case when ${value} >= 4 then 1 else 0 end) as high from survey_invitations where survey_id = ${surveyId} and answered_at is not null`,
  );
}
