import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** A customer's open opportunities in scope: how many and their amounts (minor units), per currency. */
export function openOpportunitiesOfCustomer(db: Kysely<DB>, scope: Scope, customerId: number) {
  return whereInScope(db.selectFrom('opportunities'), 'opportunities', scope)
    .select([
      'opportunities.currency',
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.sum<number>('opportunities.amount').as('amount'),
    ])
    .where('opportunities.customerId', '=', customerId)
    .where('opportunities.deletedAt', 'is', null)
    .where('opportunities.status', '=', 'open')
    .groupBy('opportunities.currency')
    .execute();
}
