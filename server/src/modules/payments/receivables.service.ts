import { type Aging, fromMinorUnits, type Receivables } from '@relate/common';
import dayjs from 'dayjs';
import { todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import { invoicedByCurrency } from './invoices.service.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { receivableScope, toInstalment } from './payment-plans.service.ts';
import * as repo from './receivables.repository.ts';

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
  const scope = await receivableScope(ctx, actor);
  const window = pageWindow(query.page, query.pageSize);
  const [figures, invoiced, rows] = await Promise.all([
    repo.receivableSums(ctx.db, scope, query, today),
    invoicedByCurrency(ctx, actor, query),
    repo.receivablePage(ctx.db, scope, query, window),
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

/**
 * Outstanding amounts by how long they are overdue — not yet due, 1–30, 31–60, 61–90 and over 90
 * days — per customer, owner or department and currency, summed in the database over the
 * instalments in scope: one page of the groups, and the totals per currency over all of them.
 */
export async function aging(
  ctx: AppContext,
  actor: Actor,
  query: { groupBy: repo.AgingGroup; customerId?: number; page: number; pageSize: number },
): Promise<Aging> {
  const { timezone, defaultCurrency } = await getSettings(ctx.db);
  const today = todayIn(timezone);
  const before = (days: number) => dayjs(today).subtract(days, 'day').format('YYYY-MM-DD');
  const days = { today, before30: before(30), before60: before(60), before90: before(90) };
  const scope = await receivableScope(ctx, actor);
  const window = pageWindow(query.page, query.pageSize);
  const [rows, count, totals] = await Promise.all([
    repo.agingGroups(ctx.db, scope, query.customerId, query.groupBy, days, window),
    repo.countAgingGroups(ctx.db, scope, query.customerId, query.groupBy, days),
    repo.agingTotals(ctx.db, scope, query.customerId, days),
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
    total: count,
    page: query.page,
    pageSize: query.pageSize,
  };
}
