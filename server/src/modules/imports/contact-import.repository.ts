import type { Insertable, Kysely } from 'kysely';
import type { ContactTable, DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** The live customers in `scope` whose code or name is one of `refs`. */
export function listCustomersByCodeOrName(db: Kysely<DB>, scope: Scope, refs: string[]) {
  return whereInScope(db.selectFrom('customers'), 'customers', scope)
    .select(['customers.id', 'customers.code', 'customers.name', 'customers.ownerId', 'customers.departmentId'])
    .where('customers.deletedAt', 'is', null)
    .where((eb) => eb.or([eb('customers.code', 'in', refs), eb('customers.name', 'in', refs)]))
    .execute();
}

export function listContactNamesOfCustomers(db: Kysely<DB>, customerIds: number[]) {
  return db
    .selectFrom('contacts')
    .select(['customerId', 'name'])
    .where('deletedAt', 'is', null)
    .where('customerId', 'in', customerIds)
    .execute();
}

/** Inserts contacts 500 at a time; returns their ids in order. */
export async function insertContacts(db: Kysely<DB>, rows: Array<Insertable<ContactTable>>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('contacts')
      .values(rows.slice(i, i + 500))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}
