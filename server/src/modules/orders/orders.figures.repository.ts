import { soldOrderStatuses } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** The totals (minor units) of a customer's sold orders in scope, per currency, summed by the database. */
export function soldTotalsOfCustomer(db: Kysely<DB>, scope: Scope, customerId: number) {
  return whereInScope(db.selectFrom('orders'), 'orders', scope)
    .select(['orders.currency', (eb) => eb.fn.sum<number>('orders.total').as('amount')])
    .where('orders.customerId', '=', customerId)
    .where('orders.deletedAt', 'is', null)
    .where('orders.status', 'in', soldOrderStatuses)
    .groupBy('orders.currency')
    .execute();
}
