import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Orders the customer has been sold (approved onwards, not cancelled or terminated). */
export const soldStatuses = ['approved', 'partially_delivered', 'delivered', 'completed'] as const;

/** The totals (minor units) of a customer's sold orders in scope, per currency, summed by the database. */
export function soldTotalsOfCustomer(db: Kysely<DB>, scope: Scope, customerId: number) {
  return whereInScope(db.selectFrom('orders'), 'orders', scope)
    .select(['orders.currency', (eb) => eb.fn.sum<number>('orders.total').as('amount')])
    .where('orders.customerId', '=', customerId)
    .where('orders.deletedAt', 'is', null)
    .where('orders.status', 'in', soldStatuses)
    .groupBy('orders.currency')
    .execute();
}
