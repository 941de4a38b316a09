import { type Aging, fromMinorUnits, type Receivables } from '@relate/common';
import dayjs from 'dayjs';
import { sql } from 'kysely';
import { todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { whereInScope } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import { invoicedAmount } from './invoices.service.ts';
import { instalmentRows, receivableScope, toInstalment } from './payment-plans.service.ts';

/** What is planned, received, outstanding and overdue on the instalments in scope (one customer or order, or all). */
export async function receivables(ctx: AppContext, actor: Actor, query: { customerId?: number; orderId?: number }): Promise<Receivables> {
  const { timezone } = await getSettings(ctx.db);
  const today = todayIn(timezone);
  let qb = whereInScope(instalmentRows(ctx.db), 'instalments', await receivableScope(ctx, actor));
  if (query.customerId) qb = qb.where('instalments.customerId', '=', query.customerId);
  if (query.orderId) qb = qb.where('instalments.orderId', '=', query.orderId);
  const rows = await qb.orderBy('instalments.dueDate').orderBy('instalments.id').limit(1000).execute();
  const instalments = rows.map((r) => toInstalment(r, today));
  const sum = (pick: (r: (typeof rows)[number]) => number) => fromMinorUnits(rows.reduce((s, r) => s + pick(r), 0));
  const outstanding = (r: (typeof rows)[number]) => Math.max(0, Number(r.amount) - Number(r.received));
  return {
    planned: sum((r) => Number(r.amount)),
    invoiced: fromMinorUnits(await invoicedAmount(ctx, actor, query)),
    received: sum((r) => Number(r.received)),
    outstanding: sum(outstanding),
    overdue: sum((r) => (r.dueDate < today ? outstanding(r) : 0)),
    instalments,
  };
}

const groups = {
  customer: { key: 'instalments.customerId', join: 'customers', on: 'customers.id', name: 'customers.name' },
  owner: { key: 'instalments.ownerId', join: 'users', on: 'users.id', name: 'users.displayName' },
  department: { key: 'instalments.departmentId', join: 'departments', on: 'departments.id', name: 'departments.name' },
} as const;

/**
 * Outstanding amounts by how long they are overdue — not yet due, 1–30, 31–60, 61–90 and over 90
 * days — per customer, owner or department, summed in the database over the instalments in scope.
 */
export async function aging(ctx: AppContext, actor: Actor, query: { groupBy: keyof typeof groups; customerId?: number }): Promise<Aging> {
  const { timezone } = await getSettings(ctx.db);
  const today = todayIn(timezone);
  const before = (days: number) => dayjs(today).subtract(days, 'day').format('YYYY-MM-DD');
  const group = groups[query.groupBy];
  const open = sql<number>`(${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')})`;
  const due = sql.ref('instalments.dueDate');
  const bucket = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${condition} then ${open} else 0 end)`;
  let qb = whereInScope(ctx.db.selectFrom('instalments'), 'instalments', await receivableScope(ctx, actor)).whereRef('instalments.received', '<', 'instalments.amount');
  if (query.customerId) qb = qb.where('instalments.customerId', '=', query.customerId);
  // Summed per key alone (the partial index on open instalments is already in that order), then named.
  const sums = qb
    .select([
      sql<number | null>`${sql.ref(group.key)}`.as('key'),
      bucket(sql`${due} >= ${today}`).as('current'),
      // Aliases without underscores: result names are turned into camel case.
      bucket(sql`${due} < ${today} and ${due} >= ${before(30)}`).as('overdue30'),
      bucket(sql`${due} < ${before(30)} and ${due} >= ${before(60)}`).as('overdue60'),
      bucket(sql`${due} < ${before(60)} and ${due} >= ${before(90)}`).as('overdue90'),
      bucket(sql`${due} < ${before(90)}`).as('overdueMore'),
      sql<number>`sum(${open})`.as('total'),
    ])
    .groupBy(sql.ref(group.key));
  const rows = await ctx.db
    .selectFrom(sums.as('g'))
    .leftJoin(`${group.join} as named` as 'customers as named', 'named.id' as 'named.id', 'g.key')
    .selectAll('g')
    .select(sql<string | null>`${sql.ref(`named.${group.name.split('.')[1]}`)}`.as('name'))
    .orderBy('g.total', 'desc')
    .limit(500)
    .execute();
  const columns = { current: 'current', d0_30: 'overdue30', d31_60: 'overdue60', d61_90: 'overdue90', d90_plus: 'overdueMore', total: 'total' } as const;
  const figures = (pick: (column: (typeof columns)[keyof typeof columns]) => number) =>
    Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, fromMinorUnits(pick(column))])) as Aging['totals'];
  return {
    asOf: today,
    rows: rows.map((r) => ({ key: r.key === null ? null : Number(r.key), name: r.name ?? '-', ...figures((c) => Number(r[c] ?? 0)) })),
    totals: figures((c) => rows.reduce((s, r) => s + Number(r[c] ?? 0), 0)),
  };
}
