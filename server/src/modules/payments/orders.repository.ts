import type { Kysely } from 'kysely';
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
