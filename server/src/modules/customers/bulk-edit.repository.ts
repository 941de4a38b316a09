import type { Kysely, Updateable } from 'kysely';
import type { CustomerTable, DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** The fields a bulk edit of customers sets: plain columns that no derived column (search, keys) is made of. */
export type CustomerBulkField = 'type' | 'level' | 'creditLevel' | 'stage' | 'industry' | 'source';

/** Of `ids`, the active customers in the scope, with the current values of `fields`. */
export function customersToEdit(db: Kysely<DB>, scope: Scope, ids: number[], fields: CustomerBulkField[]) {
  return whereInScope(db.selectFrom('customers'), 'customers', scope)
    .select(['customers.id', ...fields.map((field) => `customers.${field}` as const)])
    .where('customers.id', 'in', ids)
    .where('customers.deletedAt', 'is', null)
    .orderBy('customers.id')
    .execute() as Promise<Array<{ id: number } & Partial<Record<CustomerBulkField, string | null>>>>;
}

/** Sets the same values on these customers. */
export async function setCustomerValues(db: Kysely<DB>, ids: number[], values: Updateable<CustomerTable>) {
  if (ids.length) await db.updateTable('customers').set(values).where('id', 'in', ids).execute();
}
