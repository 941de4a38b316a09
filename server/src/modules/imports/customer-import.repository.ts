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
