import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Those of `ids` that are opportunities in the scope, not deleted. */
export async function idsInScope(db: Kysely<DB>, scope: Scope, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await whereInScope(db.selectFrom('opportunities'), 'opportunities', scope)
    .select('opportunities.id')
    .where('opportunities.id', 'in', ids)
    .where('opportunities.deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
