import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

export function listCustomersByNameNorm(db: Kysely<DB>, names: string[]) {
  return db
    .selectFrom('customers')
    .select(['id', 'nameNorm'])
    .where('deletedAt', 'is', null)
    .where('nameNorm', 'in', names)
    .execute();
}

/** Which of `ids` lie in `scope`. */
export async function customerIdsInScope(db: Kysely<DB>, scope: Scope, ids: number[]): Promise<number[]> {
  const rows = await whereInScope(db.selectFrom('customers'), 'customers', scope)
    .select('customers.id')
    .where('customers.id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

/** A customer's owner and department (a contact added to it gets them). */
export function findCustomerOwner(db: Kysely<DB>, id: number) {
  return db.selectFrom('customers').select(['name', 'ownerId', 'departmentId']).where('id', '=', id).executeTakeFirst();
}

/** The live contacts of a customer, as far as an import needs them to avoid adding one twice. */
export function listContactsOfCustomer(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('contacts')
    .select(['name', 'mobile', 'isPrimary'])
    .where('deletedAt', 'is', null)
    .where('customerId', '=', customerId)
    .execute();
}
