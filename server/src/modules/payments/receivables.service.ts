import { type Aging, fromMinorUnits, type Receivables } from '@relate/common';
import dayjs from 'dayjs';
import { sql } from 'kysely';
import { todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { whereInScope } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import { invoicedByCurrency } from './invoices.service.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { instalmentRows, receivableScope, toInstalment } from './payment-plans.service.ts';

type Minor = Record<'planned' | 'invoiced' | 'received' | 'outstanding' | 'overdue', number>;

/** The currency a report's headline figures are in: the only one present, else the company's default. */
export function headlineCurrency(present: string[], defaultCurrency: string): string {
  return present.length === 1 ? present[0] : defaultCurrency;
}

/**
 * What is planned, invoiced, received, outstanding and overdue on the instalments in scope (one
 * customer or order, or all), per currency and summed by the database over every matching row,
 * with one page of the instalments.
 */
export async function receivables(
  ctx: AppContext,
  actor: Actor,
  query: { customerId?: number; orderId?: number; page: number; pageSize: number },
): Promise<Receivables> {
  const { timezone, defaultCurrency } = await getSettings(ctx.db);
  const today = todayIn(timezone);
  let qb = whereInScope(instalmentRows(ctx.db), 'instalments', await receivableScope(ctx, actor));
  if (query.customerId) qb = qb.where('instalments.customerId', '=', query.customerId);
  if (query.orderId) qb = qb.where('instalments.orderId', '=', query.orderId);
  const open = sql<number>`case when ${sql.ref('instalments.received')} < ${sql.ref('instalments.amount')} then ${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')} else 0 end`;
  const sums = qb
    .clearSelect()
    .select([
      'instalments.currency',
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(${sql.ref('instalments.amount')}), 0)`.as('planned'),
      sql<number>`coalesce(sum(${sql.ref('instalments.received')}), 0)`.as('received'),
      sql<number>`coalesce(sum(${open}), 0)`.as('outstanding'),
      sql<number>`coalesce(sum(case when ${sql.ref('instalments.dueDate')} < ${today} then ${open} else 0 end), 0)`.as(
        'overdue',
      ),
    ])
    .groupBy('instalments.currency')
    .execute();
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const [figures, invoiced, rows] = await Promise.all([
    sums,
    invoicedByCurrency(ctx, actor, query),
    qb.orderBy('instalments.dueDate').orderBy('instalments.id').limit(limit).offset(offset).execute(),
  ]);
  const byCurrency = new Map<string, Minor>();
  const of = (currency: string) =>
    byCurrency.get(currency) ??
    byCurrency.set(currency, { planned: 0, invoiced: 0, received: 0, outstanding: 0, overdue: 0 }).get(currency)!;
  for (const f of figures)
    Object.assign(of(f.currency), {
      planned: Number(f.planned),
      received: Number(f.received),
      outstanding: Number(f.outstanding),
      overdue: Number(f.overdue),
    });
  for (const [currency, amount] of invoiced) of(currency).invoiced = amount;
  const text = (currency: string, m: Minor) => ({
    currency,
    planned: fromMinorUnits(m.planned),
    invoiced: fromMinorUnits(m.invoiced),
    received: fromMinorUnits(m.received),
    outstanding: fromMinorUnits(m.outstanding),
    overdue: fromMinorUnits(m.overdue),
  });
  const currencies = [...byCurrency.keys()].sort();
  const headline = headlineCurrency(currencies, defaultCurrency);
  return {
    ...text(headline, byCurrency.get(headline) ?? { planned: 0, invoiced: 0, received: 0, outstanding: 0, overdue: 0 }),
    byCurrency: currencies.map((c) => text(c, byCurrency.get(c)!)),
    instalments: rows.map((r) => toInstalment(r, today)),
    total: figures.reduce((n, f) => n + Number(f.count), 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

const groups = {
  customer: { key: 'instalments.customerId', join: 'customers', on: 'customers.id', name: 'customers.name' },
  owner: { key: 'instalments.ownerId', join: 'users', on: 'users.id', name: 'users.displayName' },
  department: { key: 'instalments.departmentId', join: 'departments', on: 'departments.id', name: 'departments.name' },
} as const;

/**
 * Outstanding amounts by how long they are overdue — not yet due, 1–30, 31–60, 61–90 and over 90
 * days — per customer, owner or department and currency, summed in the database over the
 * instalments in scope: one page of the groups, and the totals per currency over all of them.
 */
export async function aging(
  ctx: AppContext,
  actor: Actor,
  query: { groupBy: keyof typeof groups; customerId?: number; page: number; pageSize: number },
): Promise<Aging> {
  const { timezone, defaultCurrency } = await getSettings(ctx.db);
  const today = todayIn(timezone);
  const before = (days: number) => dayjs(today).subtract(days, 'day').format('YYYY-MM-DD');
  const group = groups[query.groupBy];
  const open = sql<number>`(${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')})`;
  const due = sql.ref('instalments.dueDate');
  const bucket = (condition: ReturnType<typeof sql>) =>
    sql<number>`sum(case when ${condition} then ${open} else 0 end)`;
  let qb = whereInScope(ctx.db.selectFrom('instalments'), 'instalments', await receivableScope(ctx, actor)).whereRef(
    'instalments.received',
    '<',
    'instalments.amount',
  );
  if (query.customerId) qb = qb.where('instalments.customerId', '=', query.customerId);
  const figures = [
    bucket(sql`${due} >= ${today}`).as('current'),
    // Aliases without underscores: result names are turned into camel case.
    bucket(sql`${due} < ${today} and ${due} >= ${before(30)}`).as('overdue30'),
    bucket(sql`${due} < ${before(30)} and ${due} >= ${before(60)}`).as('overdue60'),
    bucket(sql`${due} < ${before(60)} and ${due} >= ${before(90)}`).as('overdue90'),
    bucket(sql`${due} < ${before(90)}`).as('overdueMore'),
    sql<number>`sum(${open})`.as('total'),
  ];
  // Summed per key and currency (the partial index on open instalments is already in key order), then named.
  const sums = qb
    .select([sql<number | null>`${sql.ref(group.key)}`.as('key'), 'instalments.currency', ...figures])
    .groupBy([sql.ref(group.key), 'instalments.currency']);
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const [rows, count, totals] = await Promise.all([
    ctx.db
      .selectFrom(sums.as('g'))
      .leftJoin(`${group.join} as named` as 'customers as named', 'named.id' as 'named.id', 'g.key')
      .selectAll('g')
      .select(sql<string | null>`${sql.ref(`named.${group.name.split('.')[1]}`)}`.as('name'))
      .orderBy('g.total', 'desc')
      .orderBy('g.key')
      .orderBy('g.currency')
      .limit(limit)
      .offset(offset)
      .execute(),
    ctx.db
      .selectFrom(sums.as('g'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    qb
      .select(['instalments.currency', ...figures])
      .groupBy('instalments.currency')
      .orderBy('instalments.currency')
      .execute(),
  ]);
  const columns = {
    current: 'current',
    d0_30: 'overdue30',
    d31_60: 'overdue60',
    d61_90: 'overdue90',
    d90_plus: 'overdueMore',
    total: 'total',
  } as const;
  type Sums = Record<(typeof columns)[keyof typeof columns], number | string | null> & { currency: string };
  const figuresOf = (r: Sums) =>
    ({
      currency: r.currency,
      ...Object.fromEntries(
        Object.entries(columns).map(([key, column]) => [key, fromMinorUnits(Number(r[column] ?? 0))]),
      ),
    }) as Aging['totals'];
  const totalsByCurrency = totals.map((r) => figuresOf(r as Sums));
  const headline = headlineCurrency(
    totalsByCurrency.map((r) => r.currency),
    defaultCurrency,
  );
  return {
    asOf: today,
    rows: rows.map((r) => ({
      key: r.key === null ? null : Number(r.key),
      name: r.name ?? '-',
      ...figuresOf(r as Sums),
    })),
    totals: totalsByCurrency.find((r) => r.currency === headline) ?? {
      currency: headline,
      current: '0.00',
      d0_30: '0.00',
      d31_60: '0.00',
      d61_90: '0.00',
      d90_plus: '0.00',
      total: '0.00',
    },
    totalsByCurrency,
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}
