import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** A live order within a data scope: what is owed and invoiced hangs on it. */
export function findOrderInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return whereInScope(db.selectFrom('orders'), 'orders', scope)
    .selectAll('orders')
    .where('orders.id', '=', id)
    .where('orders.deletedAt', 'is', null)
    .executeTakeFirst();
}

/**
 * The orders of these instalments with their total and what all their instalments have received, each order's row
 * locked first (PostgreSQL) so that two receipts confirmed at once on one order are settled one after the other.
 */
export async function orderPaymentsOf(db: Kysely<DB>, instalmentIds: number[]) {
  if (!instalmentIds.length) return [];
  const orders = await db
    .selectFrom('instalments')
    .select('orderId')
    .distinct()
    .where('id', 'in', instalmentIds)
    .execute();
  const orderIds = orders.map((o) => o.orderId).sort((a, b) => a - b);
  if (dialectOf(db) === 'postgres')
    await db.selectFrom('orders').select('id').where('id', 'in', orderIds).orderBy('id').forUpdate().execute();
  const rows = await db
    .selectFrom('orders')
    .innerJoin('instalments', 'instalments.orderId', 'orders.id')
    .select([
      'orders.id as orderId',
      'orders.customerId',
      'orders.currency',
      'orders.total',
      sql<number>`coalesce(sum(instalments.received), 0)`.as('received'),
    ])
    .where('orders.id', 'in', orderIds)
    .groupBy(['orders.id', 'orders.customerId', 'orders.currency', 'orders.total'])
    .execute();
  return rows.map((r) => ({ ...r, total: Number(r.total), received: Number(r.received) }));
}
