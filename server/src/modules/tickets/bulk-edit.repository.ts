import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/scope.ts';
import { inTicketScope } from './tickets.repository.ts';

/** Those of `ids` that are tickets in the scope, not deleted. */
export async function idsInScope(db: Kysely<DB>, scope: Scope, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await inTicketScope(db.selectFrom('tickets'), scope)
    .select('tickets.id')
    .where('tickets.id', 'in', ids)
    .where('tickets.deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
