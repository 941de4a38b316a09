import type { DemandForecastGrouping } from '@relate/common';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains, searchTextHolds } from '../../platform/search.ts';
import { boughtStatuses } from './rfm.repository.ts';

export type DemandFilter = {
  scope: Scope;
  by: DemandForecastGrouping;
  /** Instants: orders created from `from` and before `to`. */
  from: string;
  to: string;
  zone: string;
  productId?: number;
  categoryIds?: number[];
  q?: string;
};

/** The month an order was made in, in the company's time zone, labelled as reports label it ("2026-03"). */
function orderMonth(dialect: Dialect, zone: string) {
  const createdAt = sql.ref('orders.created_at');
  if (dialect === 'sqlite') return sql<string>`relate_period(${createdAt}, 'month', ${zone})`;
  return sql<string>`to_char(${createdAt} at time zone ${zone}, 'YYYY-MM')`;
}

/**
 * The lines of sold orders (approved onwards: not draft, waiting, cancelled or terminated; not in the
 * recycle bin) in scope and in the window, of live products, with the filters. A line is seen with its
 * order, as in reports.
 */
function soldLines(db: Kysely<DB>, filter: DemandFilter) {
  let qb = whereInScope(
    db
      .selectFrom('orderLines')
      .innerJoin('orders', 'orders.id', 'orderLines.orderId')
      .innerJoin('products', 'products.id', 'orderLines.productId')
      .leftJoin('productCategories', 'productCategories.id', 'products.categoryId'),
    'orders',
    filter.scope,
  )
    .where('orders.deletedAt', 'is', null)
    .where('orders.status', 'in', boughtStatuses)
    .where('orders.createdAt', '>=', filter.from)
    .where('orders.createdAt', '<', filter.to)
    .where('products.deletedAt', 'is', null);
  if (filter.productId) qb = qb.where('orderLines.productId', '=', filter.productId);
  if (filter.categoryIds) qb = qb.where('products.categoryId', 'in', filter.categoryIds);
  if (filter.q)
    qb =
      filter.by === 'product'
        ? qb.where(searchTextHolds('products.searchText', filter.q))
        : qb.where(contains(sql`lower(${sql.ref('productCategories.name')})`, filter.q.toLowerCase()));
  return qb;
}

/**
 * The matching lines, each with its item (the product, or its category) and the month its order was made
 * in; grouped by the query around it (an expression with parameters in both select and group by is two
 * expressions to PostgreSQL).
 */
function linesByMonth(db: Kysely<DB>, dialect: Dialect, filter: DemandFilter) {
  return soldLines(db, filter).select([
    sql<number | null>`${sql.ref(filter.by === 'product' ? 'products.id' : 'products.category_id')}`.as('itemId'),
    orderMonth(dialect, filter.zone).as('month'),
    'orderLines.quantityMilli as quantity',
  ]);
}

/**
 * Each matching item's quantity (thousandths) per month of the company's time zone, summed by the
 * database; months without a sale have no row.
 */
export function monthlyQuantities(db: Kysely<DB>, dialect: Dialect, filter: DemandFilter) {
  return db
    .selectFrom(linesByMonth(db, dialect, filter).as('l'))
    .select(['l.itemId', 'l.month', sql<string | number>`sum(${sql.ref('l.quantity')})`.as('quantity')])
    .groupBy(['l.itemId', 'l.month'])
    .execute();
}

/** Every matching item's quantity per month added up: the totals, over every matching line. */
export function monthlyTotals(db: Kysely<DB>, dialect: Dialect, filter: DemandFilter) {
  return db
    .selectFrom(linesByMonth(db, dialect, filter).as('l'))
    .select(['l.month', sql<string | number>`sum(${sql.ref('l.quantity')})`.as('quantity')])
    .groupBy('l.month')
    .execute();
}

/** What a page of products shows of them: name, code, unit and category. */
export function productsOf(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('products')
    .leftJoin('productCategories', 'productCategories.id', 'products.categoryId')
    .select([
      'products.id',
      'products.name',
      'products.code',
      'products.unit',
      'products.categoryId',
      'productCategories.name as categoryName',
    ])
    .where('products.id', 'in', ids)
    .execute();
}

/** Every matching item's name, to sort the whole list by name before a page is fitted. */
export function namesOf(db: Kysely<DB>, by: DemandForecastGrouping, ids: number[]) {
  if (!ids.length) return Promise.resolve([] as Array<{ id: number; name: string; code: string | null }>);
  if (by === 'product')
    return db.selectFrom('products').select(['id', 'name', 'code']).where('id', 'in', ids).execute();
  return db
    .selectFrom('productCategories')
    .select(['id', 'name', sql<string | null>`null`.as('code')])
    .where('id', 'in', ids)
    .execute();
}
