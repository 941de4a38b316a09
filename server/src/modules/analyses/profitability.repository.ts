import type { ProfitabilityDimension } from '@relate/common';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orderBySpec, pageWindow, type SortSpec } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Which delivered lines are measured: the caller's order scope, the days and the drill-down. */
export type LineFilter = {
  scope: Scope;
  /** Delivery days, inclusive (`YYYY-MM-DD`). */
  from?: string;
  to?: string;
  /** Delivery days from `since` up to, not including, `until`: a month or quarter drilled into. */
  since?: string;
  until?: string;
  customerId?: number;
  productId?: number;
  categoryIds?: number[];
  departmentIds?: number[];
  ownerId?: number;
  province?: string;
};

/**
 * Every delivered line of live orders in scope that the filter keeps, with its order, customer and product:
 * the rows every figure of the analysis is added up from. Revenue and cost are the delivery's own, in the
 * default currency (see recordDelivery and takeForDelivery in orders and inventory).
 */
function deliveredLines(db: Kysely<DB>, filter: LineFilter) {
  let qb = db
    .selectFrom('deliveryLines')
    .innerJoin('deliveries', 'deliveries.id', 'deliveryLines.deliveryId')
    .innerJoin('orderLines', 'orderLines.id', 'deliveryLines.orderLineId')
    .innerJoin('orders', 'orders.id', 'deliveries.orderId')
    .innerJoin('customers', 'customers.id', 'orders.customerId')
    .leftJoin('products', 'products.id', 'orderLines.productId')
    .where('orders.deletedAt', 'is', null);
  if (filter.from) qb = qb.where('deliveries.deliveredOn', '>=', filter.from);
  if (filter.to) qb = qb.where('deliveries.deliveredOn', '<=', filter.to);
  if (filter.since) qb = qb.where('deliveries.deliveredOn', '>=', filter.since);
  if (filter.until) qb = qb.where('deliveries.deliveredOn', '<', filter.until);
  if (filter.customerId) qb = qb.where('orders.customerId', '=', filter.customerId);
  if (filter.productId) qb = qb.where('orderLines.productId', '=', filter.productId);
  if (filter.categoryIds) qb = qb.where('products.categoryId', 'in', filter.categoryIds);
  if (filter.departmentIds) qb = qb.where('orders.departmentId', 'in', filter.departmentIds);
  if (filter.ownerId) qb = qb.where('orders.ownerId', '=', filter.ownerId);
  if (filter.province) qb = qb.where('customers.province', '=', filter.province);
  return whereInScope(qb, 'orders', filter.scope);
}

/**
 * 1 for a line whose cost was recorded: it came out of tracked stock (a stock movement of its delivery and
 * product), its product had a cost price, or a cost other than nothing was kept. A line without a product,
 * or of an untracked product without a cost price, was recorded at 0 with no cost behind it: its cost is
 * unknown, not zero.
 */
const costed = sql<number>`case when ${sql.ref('deliveryLines.costMinor')} <> 0
  or ${sql.ref('products.costPrice')} is not null
  or exists (select 1 from stock_movements as sm
    where sm.order_id = ${sql.ref('orders.id')} and sm.delivery_id = ${sql.ref('deliveries.id')}
      and sm.product_id = ${sql.ref('orderLines.productId')})
  then 1 else 0 end`;

/** A month's (`2026-03`) or a quarter's (`2026-Q1`) label of a delivery day, the day being the company's calendar day. */
const monthOf = sql<string>`substr(${sql.ref('deliveries.deliveredOn')}, 1, 7)`;
const quarterOf = sql<string>`substr(${sql.ref('deliveries.deliveredOn')}, 1, 4) || '-Q' ||
  cast((cast(substr(${sql.ref('deliveries.deliveredOn')}, 6, 2) as integer) + 2) / 3 as text)`;

/** What a line is grouped by in each dimension; departments below the depth shown count for their ancestor. */
function keyOf(dimension: ProfitabilityDimension, rollUp: Map<number, number>): RawBuilder<unknown> {
  switch (dimension) {
    case 'customer':
      return sql`${sql.ref('orders.customerId')}`;
    case 'product':
      return sql`${sql.ref('orderLines.productId')}`;
    case 'category':
      return sql`${sql.ref('products.categoryId')}`;
    case 'owner':
      return sql`${sql.ref('orders.ownerId')}`;
    case 'province':
      return sql`${sql.ref('customers.province')}`;
    case 'month':
      return monthOf;
    case 'quarter':
      return quarterOf;
    case 'department': {
      const department = sql.ref('orders.departmentId');
      if (!rollUp.size) return sql`${department}`;
      const branches = [...rollUp].map(([id, ancestor]) => sql`when ${id} then ${ancestor}`);
      return sql`(case ${department} ${sql.join(branches, sql` `)} else ${department} end)`;
    }
  }
}

/** The figures of a set of lines (`l`, see `linesOf`), each summed by the database. */
const figures = [
  sql<number>`coalesce(sum(l.revenue), 0)`.as('revenue'),
  sql<number>`coalesce(sum(case when l.costed = 1 then l.revenue else 0 end), 0)`.as('costedRevenue'),
  sql<number | null>`sum(case when l.costed = 1 then l.cost end)`.as('cost'),
  sql<number>`coalesce(sum(1 - l.costed), 0)`.as('uncostedLines'),
  sql<number>`coalesce(sum(case when l.costed = 1 then 0 else l.revenue end), 0)`.as('uncostedRevenue'),
  sql<number>`coalesce(sum(l.quantity), 0)`.as('quantity'),
  sql<number>`count(distinct l.order_id)`.as('orders'),
];

function linesOf(db: Kysely<DB>, filter: LineFilter, key: RawBuilder<unknown>) {
  return deliveredLines(db, filter).select([
    key.as('key'),
    'deliveryLines.revenueMinor as revenue',
    'deliveryLines.costMinor as cost',
    'deliveryLines.quantityMilli as quantity',
    sql<number>`${sql.ref('orders.id')}`.as('order_id'),
    costed.as('costed'),
  ]);
}

/** The table a dimension's key names, and its name column. */
const namesOf: Partial<Record<ProfitabilityDimension, { table: string; column: string }>> = {
  customer: { table: 'customers', column: 'name' },
  product: { table: 'products', column: 'name' },
  category: { table: 'product_categories', column: 'name' },
  department: { table: 'departments', column: 'name' },
  owner: { table: 'users', column: 'display_name' },
};

export type ProfitabilityRowData = {
  key: string | number | null;
  name: string | null;
  revenue: number;
  costedRevenue: number;
  cost: number | null;
  margin: number | null;
  uncostedLines: number;
  uncostedRevenue: number;
  quantity: number;
  orders: number;
};

/**
 * The lines grouped by the dimension's key, with each group's name, margin and margin ratio (the latter
 * only to sort by): one page in `sort`'s order, and how many groups there are.
 */
export async function profitabilityPage(
  db: Kysely<DB>,
  filter: LineFilter,
  dimension: ProfitabilityDimension,
  rollUp: Map<number, number>,
  sort: SortSpec,
  page: { page: number; pageSize: number },
): Promise<{ rows: ProfitabilityRowData[]; total: number }> {
  const grouped = db
    .selectFrom(linesOf(db, filter, keyOf(dimension, rollUp)).as('l'))
    .select([sql<string | number | null>`l.key`.as('key'), ...figures])
    .groupBy(sql`l.key`);
  const names = namesOf[dimension];
  const name = names ? sql<string | null>`n.${sql.ref(names.column)}` : sql<string | null>`g.key`;
  let figured = db.selectFrom(grouped.as('g')) as unknown as SelectQueryBuilder<any, any, object>;
  if (names) figured = figured.leftJoin(`${names.table} as n` as never, 'n.id' as never, 'g.key' as never);
  const rows = figured.select([
    'g.key',
    name.as('name'),
    'g.revenue',
    'g.costedRevenue',
    'g.cost',
    'g.uncostedLines',
    'g.uncostedRevenue',
    'g.quantity',
    'g.orders',
    sql<number | null>`g.costed_revenue - g.cost`.as('margin'),
    // Only to sort by: the figures themselves stay whole minor units, the percentage exact (see the service).
    sql<number | null>`case when g.cost is null or g.costed_revenue = 0 then null
      else (g.costed_revenue - g.cost) * 1.0 / g.costed_revenue end`.as('marginRatio'),
  ]);
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  const sorted = orderBySpec(db.selectFrom(rows.as('r')).selectAll(), sort);
  const [items, counted] = await Promise.all([
    sorted.limit(limit).offset(offset).execute(),
    db
      .selectFrom(grouped.as('g'))
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: items as ProfitabilityRowData[], total: Number(counted.total) };
}

/** The figures over every line the filter keeps: the totals row. */
export async function profitabilityTotals(db: Kysely<DB>, filter: LineFilter) {
  return db
    .selectFrom(linesOf(db, filter, sql`null`).as('l'))
    .select(figures)
    .executeTakeFirstOrThrow();
}

export function productCategories(db: Kysely<DB>) {
  return db.selectFrom('productCategories').select(['id', 'parentId']).execute();
}

export async function customerName(db: Kysely<DB>, scope: Scope, id: number) {
  const row = await whereInScope(
    db.selectFrom('customers').select('name').where('id', '=', id).where('deletedAt', 'is', null),
    'customers',
    scope,
  ).executeTakeFirst();
  return row?.name ?? null;
}

export async function productName(db: Kysely<DB>, id: number) {
  return (await db.selectFrom('products').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

export async function categoryName(db: Kysely<DB>, id: number) {
  return (
    (await db.selectFrom('productCategories').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null
  );
}

export async function departmentName(db: Kysely<DB>, id: number) {
  return (await db.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

export async function userName(db: Kysely<DB>, id: number) {
  return (
    (await db.selectFrom('users').select('displayName').where('id', '=', id).executeTakeFirst())?.displayName ?? null
  );
}
