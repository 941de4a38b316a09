import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** What names some (of those in the caller's data scope) invoices for people, deleted ones too; one query for all the ids. */
export function invoiceLabelRows(db: Kysely<DB>, ids: readonly number[], scope: Scope) {
  return whereInScope(db.selectFrom('invoices'), 'invoices', scope)
    .select(['id', 'number', 'customerId', 'orderId'])
    .where('id', 'in', [...ids])
    .execute();
}
