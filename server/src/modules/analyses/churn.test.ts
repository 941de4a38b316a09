import { type ChurnReason, type ChurnRiskCustomer, type ChurnRiskList, openTicketStatuses } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createFollowup, createUserClient } from '../../../test/factories.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';

type Caller = Client & { userId: number };
const dayMs = 86_400_000;
const bought = ['approved', 'partially_delivered', 'delivered', 'completed'];

/** What a customer is given: orders (days ago, status), instalments, tickets, follow-ups, its owner. */
type Case = {
  orders?: Array<number | [days: number, status: string, extra?: Record<string, unknown>]>;
  /** [amount, received, currency, order status] */
  instalments?: Array<[number, number, string?, string?]>;
  tickets?: string[];
  /** Days ago of a follow-up. */
  followupDaysAgo?: number;
  /** Made now, not 100 days ago. */
  createdNow?: boolean;
  deleted?: boolean;
  owner?: 'rep' | 'other';
};

/** The median gap, the method's way: whole days between bought orders in a row, gaps under a day left out. */
function rhythmOf(orderTimes: number[]): { limit: number | null } {
  const sorted = [...orderTimes].sort((a, b) => a - b);
  const gaps = sorted
    .slice(1)
    .map((at, i) => Math.floor((at - sorted[i]) / dayMs))
    .filter((gap) => gap >= 1)
    .sort((a, b) => a - b);
  if (gaps.length < 2) return { limit: null };
  const n = gaps.length;
  const limit = n % 2 === 1 ? 2 * gaps[(n - 1) / 2] : gaps[n / 2 - 1] + gaps[n / 2];
  return { limit };
}

/**
 * Churn risk: the order rhythm (median gap, twice over, exactly at the limit, too few orders, orders that do
 * not count), silence while something is open (paid receivables and closed tickets not open, a recent
 * follow-up and a new customer not silent), the stored figures against the same method worked out here from
 * the raw rows, the list scoped as the customer list, its filters, order, pages and totals, and bad input.
 */
describe.each(testDialects)('churn risk on %s', (dialect) => {
  let t: TestApp;
  let rep: Caller;
  let other: Caller;
  let manager: Caller;
  let agent: Caller;
  const ids = new Map<string, number>();
  const now = Date.now();
  const ago = (days: number, hours = 0) => new Date(now - days * dayMs - hours * 3_600_000).toISOString();

  const cases: Record<string, Case> = {
    broken: { orders: [70, 60, 50] },
    exactlyTwice: { orders: [40, 30, 20] },
    justOver: { orders: [41, 31, 21] },
    twoOrders: { orders: [300, 200] },
    evenMedian: { orders: [151, 111, 81, 61, 51] },
    evenMedianAtLimit: { orders: [150, 110, 80, 60, 50] },
    sameDay: { orders: [60, [60, 'delivered', { hoursEarlier: 2 }], 50, 40] },
    unboughtIgnored: {
      orders: [
        100,
        90,
        80,
        [1, 'draft'],
        [2, 'cancelled'],
        [3, 'pending_approval'],
        [1, 'delivered', { deleted: true }],
      ],
    },
    tooFewBought: { orders: [100, 90, [80, 'cancelled'], [70, 'terminated']] },
    owesSilent: { instalments: [[100_000, 20_000]] },
    paid: { instalments: [[100_000, 100_000]] },
    owedOnCancelled: { instalments: [[50_000, 0, 'CNY', 'cancelled']] },
    owesInDollars: { instalments: [[7_000, 0, 'USD']] },
    openTicket: { tickets: ['in_progress'] },
    closedTickets: { tickets: ['closed', 'resolved', 'callback'] },
    followedUpLately: { tickets: ['new'], followupDaysAgo: 5 },
    followedUpLongAgo: { instalments: [[30_000, 0]], followupDaysAgo: 60 },
    newCustomer: { tickets: ['waiting'], createdNow: true },
    bothReasons: { orders: [90, 80, 70], tickets: ['assigned'], owner: 'other' },
    othersBroken: { orders: [200, 160, 120], owner: 'other' },
    deletedBroken: { orders: [70, 60, 50], deleted: true },
    quiet: { orders: [30, 20, 10], followupDaysAgo: 1 },
  };
  /** The reasons each case has with 30 days of silence. */
  const expected: Record<string, ChurnReason[]> = {
    broken: ['orderRhythm'],
    justOver: ['orderRhythm'],
    evenMedian: ['orderRhythm'],
    sameDay: ['orderRhythm'],
    unboughtIgnored: ['orderRhythm'],
    owesSilent: ['silentWithOpen'],
    owesInDollars: ['silentWithOpen'],
    openTicket: ['silentWithOpen'],
    followedUpLongAgo: ['silentWithOpen'],
    bothReasons: ['orderRhythm', 'silentWithOpen'],
    othersBroken: ['orderRhythm'],
  };
  const mine = Object.keys(expected).filter((name) => cases[name].owner !== 'other');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const region = await createDepartment(t, '流失分析大区');
    const team = await createDepartment(t, '流失分析一组', region);
    const elsewhere = await createDepartment(t, '流失分析别组');
    rep = (await createUserClient(t, 'sales_rep', team)) as Caller;
    manager = (await createUserClient(t, 'sales_manager', region)) as Caller;
    other = (await createUserClient(t, 'sales_rep', elsewhere)) as Caller;
    agent = (await createUserClient(t, 'service_agent', elsewhere)) as Caller;
    const db = t.database.db;
    let n = 0;
    for (const [name, spec] of Object.entries(cases)) {
      const owner = spec.owner === 'other' ? other : rep;
      const customer = await createCustomer(owner, { name: `流失客户${name}` });
      ids.set(name, customer.id);
      const { departmentId } = await db
        .selectFrom('customers')
        .select('departmentId')
        .where('id', '=', customer.id)
        .executeTakeFirstOrThrow();
      if (!spec.createdNow)
        await db
          .updateTable('customers')
          .set({ createdAt: ago(100) })
          .where('id', '=', customer.id)
          .execute();
      const order = (daysAgo: number, status: string, extra: Record<string, unknown> = {}) => {
        // An hour more than the whole days, so that the days since come out whole however long the run takes.
        const at = ago(daysAgo, 1 + Number(extra.hoursEarlier ?? 0));
        const total = 10_000;
        return {
          number: `SO-C${String(++n).padStart(5, '0')}`,
          title: `流失订单${n}`,
          customerId: customer.id,
          currency: 'CNY',
          status,
          discountBp: 0,
          subtotal: total,
          discount: 0,
          tax: 0,
          total,
          ownerId: owner.userId,
          departmentId,
          createdAt: at,
          updatedAt: at,
          deletedAt: extra.deleted ? ago(0) : null,
        };
      };
      const orders = (spec.orders ?? []).map((o) => (typeof o === 'number' ? order(o, 'delivered') : order(...o)));
      if (orders.length) await insertRows(db, 'orders', orders);
      for (const [seq, [amount, received, currency = 'CNY', status = 'approved']] of (
        spec.instalments ?? []
      ).entries()) {
        const [orderId] = await insertRows(db, 'orders', [{ ...order(400, status), currency, total: amount }], {
          returnIds: true,
        });
        await insertRows(db, 'instalments', [
          {
            orderId,
            customerId: customer.id,
            seq: seq + 1,
            dueDate: '2026-01-31',
            amount,
            received,
            currency,
            ownerId: owner.userId,
            departmentId,
            createdAt: ago(400),
            updatedAt: ago(400),
          },
        ]);
      }
      for (const status of spec.tickets ?? []) {
        const ticket = await t.admin.post('/api/v1/tickets', {
          type: 'repair',
          customerId: customer.id,
          subject: `流失工单${name}`,
        });
        expect(ticket.statusCode, ticket.body).toBe(201);
        await db.updateTable('tickets').set({ status }).where('id', '=', ticket.json().id).execute();
      }
      if (spec.followupDaysAgo !== undefined)
        await createFollowup(owner, { customerId: customer.id, occurredAt: ago(spec.followupDaysAgo) });
      if (spec.deleted) expect((await owner.delete(`/api/v1/customers/${customer.id}`)).statusCode).toBeLessThan(300);
    }
    const run = await t.admin.post('/api/v1/analyses/churn-risk/recompute');
    expect(run.statusCode, run.body).toBe(200);
  });
  afterAll(async () => t?.close());

  const list = async (caller: Client, query: Record<string, unknown> = {}) => {
    const response = await caller.get('/api/v1/analyses/churn-risk', { pageSize: 200, ...query });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ChurnRiskList;
  };
  const byName = (items: ChurnRiskCustomer[]) =>
    Object.fromEntries(items.map((item) => [item.name.replace('流失客户', ''), item]));

  it('lists each customer for the reasons of the method: rhythm, silence while something is open', async () => {
    const all = await list(t.admin);
    const shown = byName(all.items);
    expect(Object.fromEntries(Object.entries(shown).map(([name, item]) => [name, item.reasons]))).toEqual(expected);
    expect(shown.broken).toMatchObject({
      boughtOrders: 3,
      usualIntervalDays: 10,
      daysSinceLastOrder: 50,
      ownerId: rep.userId,
      ownerName: expect.any(String),
      openReceivable: 0,
      openTickets: 0,
    });
    expect(shown.broken.lastOrderAt).toBe(ago(50, 1));
    expect(shown.evenMedian).toMatchObject({ usualIntervalDays: 25, daysSinceLastOrder: 51, boughtOrders: 5 });
    expect(shown.justOver).toMatchObject({ usualIntervalDays: 10, daysSinceLastOrder: 21 });
    expect(shown.sameDay).toMatchObject({ usualIntervalDays: 10, boughtOrders: 4 });
    expect(shown.unboughtIgnored).toMatchObject({ boughtOrders: 3, daysSinceLastOrder: 80 });
    expect(shown.owesSilent).toMatchObject({ openReceivable: 80_000, openTickets: 0, usualIntervalDays: null });
    // Owed in another currency: open, but not added to the amount in the company's currency.
    expect(shown.owesInDollars).toMatchObject({ openReceivable: 0 });
    expect(shown.openTicket).toMatchObject({ openTickets: 1, lastFollowupAt: null });
    expect(shown.followedUpLongAgo.lastFollowupAt).toBe(ago(60));
    expect(all.totals).toEqual({
      customers: Object.keys(expected).length,
      orderRhythm: Object.values(expected).filter((r) => r.includes('orderRhythm')).length,
      silentWithOpen: Object.values(expected).filter((r) => r.includes('silentWithOpen')).length,
      openReceivable: 80_000 + 30_000,
    });
    expect(all.total).toBe(Object.keys(expected).length);
    expect(all.silentDays).toBe(30);
    expect(all.run).toMatchObject({ currency: 'CNY', orderRhythm: 7 });
  });

  it('reads the days of silence asked, and follow-ups as they are made', async () => {
    const shorter = byName((await list(t.admin, { silentDays: 3, reason: 'silentWithOpen' })).items);
    expect(shorter.followedUpLately?.reasons).toEqual(['silentWithOpen']);
    expect(shorter.newCustomer).toBeUndefined();
    const longer = byName((await list(t.admin, { silentDays: 90, reason: 'silentWithOpen' })).items);
    expect(longer.followedUpLongAgo).toBeUndefined();
    expect(longer.owesSilent?.reasons).toEqual(['silentWithOpen']);
    // A follow-up made now takes the customer off at once, without computing again.
    await createFollowup(rep, { customerId: ids.get('openTicket'), occurredAt: new Date().toISOString() });
    const after = byName((await list(t.admin)).items);
    expect(after.openTicket).toBeUndefined();
  });

  it('shows a sales rep their own customers, a manager their department tree, and the figures they may see', async () => {
    const own = await list(rep);
    expect(own.items.map((i) => i.name.replace('流失客户', '')).sort()).toEqual(
      mine.filter((name) => name !== 'openTicket').sort(),
    );
    expect(own.totals.customers).toBe(own.items.length);
    const team = await list(manager);
    expect(team.items.map((i) => i.id).sort()).toEqual(own.items.map((i) => i.id).sort());
    const theirs = await list(other);
    expect(theirs.items.map((i) => i.name.replace('流失客户', '')).sort()).toEqual(['bothReasons', 'othersBroken']);
    expect(theirs.totals).toMatchObject({ customers: 2, orderRhythm: 2, silentWithOpen: 1 });
    // A service agent sees every customer, but no order figures nor what is owed.
    const agents = await list(agent);
    expect(agents.total).toBe((await list(t.admin)).total);
    expect(agents.totals.openReceivable).toBeNull();
    const broken = byName(agents.items).broken;
    expect(broken).toMatchObject({
      reasons: ['orderRhythm'],
      boughtOrders: null,
      openReceivable: null,
      openTickets: 0,
    });
    // Sorting by what they may not see is sorting by name.
    const sorted = await list(agent, { sort: 'openReceivable:desc' });
    expect(sorted.items.map((i) => i.name)).toEqual([...sorted.items.map((i) => i.name)].sort());
    expect((await rep.post('/api/v1/analyses/churn-risk/recompute')).statusCode).toBe(403);
    expect((await manager.post('/api/v1/analyses/churn-risk/recompute')).statusCode).toBe(403);
  });

  it('filters by reason and owner, sorts, and counts every reason over all pages', async () => {
    const rhythm = await list(t.admin, { reason: 'orderRhythm' });
    expect(rhythm.items.every((i) => i.reasons.includes('orderRhythm'))).toBe(true);
    expect(rhythm.total).toBe(rhythm.totals.orderRhythm);
    expect(rhythm.items).toHaveLength(rhythm.totals.orderRhythm);
    const both = await list(t.admin, { reason: 'orderRhythm,silentWithOpen' });
    expect(both.total).toBe(both.totals.customers);
    const owner = await list(t.admin, { ownerId: String(other.userId) });
    expect(owner.items.every((i) => i.ownerId === other.userId)).toBe(true);
    expect(owner.totals.customers).toBe(2);

    const days = (await list(t.admin, { sort: 'daysSinceLastOrder:desc' })).items.map((i) => i.daysSinceLastOrder);
    const known = days.filter((d) => d !== null) as number[];
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(days.slice(known.length).every((d) => d === null)).toBe(true);
    const names = (await list(t.admin, { sort: 'name:asc' })).items.map((i) => i.name);
    expect(names).toEqual([...names].sort());

    // Pages of two: each page's totals are those of every row; the pages together are the whole list.
    const seen: number[] = [];
    const first = await list(t.admin, { pageSize: 2, sort: 'openReceivable:desc' });
    for (let page = 1; page <= Math.ceil(first.total / 2); page++) {
      const part = await list(t.admin, { pageSize: 2, page, sort: 'openReceivable:desc' });
      expect(part.totals).toEqual(first.totals);
      expect(part.total).toBe(first.totals.customers);
      seen.push(...part.items.map((i) => i.id));
    }
    expect(seen.sort()).toEqual((await list(t.admin)).items.map((i) => i.id).sort());
    expect(first.items[0].openReceivable).toBe(80_000);
  });

  it('refuses bad input with the field that is wrong', async () => {
    for (const [query, field] of [
      [{ silentDays: 0 }, 'silentDays'],
      [{ silentDays: 366 }, 'silentDays'],
      [{ silentDays: 'abc' }, 'silentDays'],
      [{ reason: 'sleepy' }, 'reason'],
      [{ sort: 'phone:asc' }, 'sort'],
      [{ ownerId: '0' }, 'ownerId'],
      [{ pageSize: 201 }, 'pageSize'],
    ] as const) {
      const response = await t.admin.get('/api/v1/analyses/churn-risk', query);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(error.fields ?? {})[0]).toContain(field);
    }
  });

  it('stores what the method gives from the raw rows, replaced by the daily run', async () => {
    const db = t.database.db;
    // More customers with orders at random: the statement against the method worked out here.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const extra: Array<Record<string, unknown>> = [];
    const { departmentId } = await db
      .selectFrom('users')
      .select('departmentId')
      .where('id', '=', rep.userId)
      .executeTakeFirstOrThrow();
    for (let c = 0; c < 25; c++) {
      const customer = await createCustomer(rep, { name: `随机流失客户${c}` });
      const count = Math.floor(random() * 7);
      for (let o = 0; o < count; o++) {
        const at = new Date(now - Math.floor(random() * 400 * dayMs)).toISOString();
        extra.push({
          number: `SO-R${c}-${o}`,
          title: '随机订单',
          customerId: customer.id,
          currency: 'CNY',
          status: random() < 0.8 ? 'completed' : 'cancelled',
          discountBp: 0,
          subtotal: 100,
          discount: 0,
          tax: 0,
          total: 100,
          ownerId: rep.userId,
          departmentId,
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        });
      }
    }
    await insertRows(db, 'orders', extra as never);
    await jobHandlers['churn.daily']({ db, dialect: t.database.dialect, config: t.config } as AppContext, {});
    const run = await db.selectFrom('churnRuns').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const at = Date.parse(run.computedAt);

    const orders = await db
      .selectFrom('orders')
      .innerJoin('customers', 'customers.id', 'orders.customerId')
      .where('customers.deletedAt', 'is', null)
      .where('orders.deletedAt', 'is', null)
      .where('orders.status', 'in', bought)
      .select(['orders.customerId', 'orders.createdAt'])
      .execute();
    const instalments = await db
      .selectFrom('instalments')
      .innerJoin('orders', 'orders.id', 'instalments.orderId')
      .innerJoin('customers', 'customers.id', 'instalments.customerId')
      .where('customers.deletedAt', 'is', null)
      .where('orders.deletedAt', 'is', null)
      .where('orders.status', '<>', 'cancelled')
      .select(['instalments.customerId', 'instalments.amount', 'instalments.received', 'instalments.currency'])
      .execute();
    const tickets = await db
      .selectFrom('tickets')
      .innerJoin('customers', 'customers.id', 'tickets.customerId')
      .where('customers.deletedAt', 'is', null)
      .where('tickets.deletedAt', 'is', null)
      .where('tickets.status', 'in', [...openTicketStatuses])
      .select('tickets.customerId')
      .execute();

    type Expected = {
      lastOrderAt: string | null;
      limit: number | null;
      since: number | null;
      rhythm: number;
      owed: number;
      instalments: number;
      tickets: number;
    };
    const want = new Map<number, Expected>();
    const entry = (id: number) => {
      if (!want.has(id))
        want.set(id, { lastOrderAt: null, limit: null, since: null, rhythm: 0, owed: 0, instalments: 0, tickets: 0 });
      return want.get(id)!;
    };
    const ordersBy = new Map<number, string[]>();
    for (const o of orders)
      ordersBy.set(Number(o.customerId), [...(ordersBy.get(Number(o.customerId)) ?? []), o.createdAt]);
    const rhythms = new Map<number, Expected>();
    for (const [id, times] of ordersBy) {
      const last = times.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b));
      const { limit } = rhythmOf(times.map(Date.parse));
      const since = Math.floor((at - Date.parse(last)) / dayMs);
      rhythms.set(id, {
        lastOrderAt: last,
        limit,
        since,
        rhythm: limit !== null && since > limit ? 1 : 0,
        owed: 0,
        instalments: 0,
        tickets: 0,
      });
    }
    for (const [id, r] of rhythms) if (r.rhythm) Object.assign(entry(id), r);
    for (const i of instalments)
      if (Number(i.received) < Number(i.amount)) {
        const e = entry(Number(i.customerId));
        e.instalments++;
        if (i.currency === 'CNY') e.owed += Number(i.amount) - Number(i.received);
      }
    for (const k of tickets) entry(Number(k.customerId)).tickets++;
    for (const [id, e] of want)
      if (e.lastOrderAt === null && rhythms.has(id))
        Object.assign(e, { ...rhythms.get(id), owed: e.owed, instalments: e.instalments, tickets: e.tickets });

    const stored = await db.selectFrom('churnRisks').selectAll().execute();
    const got = new Map(
      stored.map((row) => [
        Number(row.customerId),
        {
          lastOrderAt: row.lastOrderAt,
          limit: row.rhythmLimitDays === null ? null : Number(row.rhythmLimitDays),
          since: row.daysSinceOrder === null ? null : Number(row.daysSinceOrder),
          rhythm: Number(row.orderRhythm),
          owed: Number(row.openReceivable),
          instalments: Number(row.openInstalments),
          tickets: Number(row.openTickets),
        } satisfies Expected,
      ]),
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    expect(run.orderRhythm).toBe([...want.values()].filter((e) => e.rhythm).length);
    expect(stored.every((row) => row.computedAt === run.computedAt)).toBe(true);
  });
});
