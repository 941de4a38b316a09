import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** The oldest live, open lead with this normalised phone or this email (a form's visitor seen before). */
export async function findLeadByPhoneOrEmail(db: Kysely<DB>, phoneNorms: string[], email: string | null) {
  if (!phoneNorms.length && !email) return undefined;
  return db
    .selectFrom('leads')
    .select(['id', 'ownerId', 'status'])
    .where('deletedAt', 'is', null)
    .where('status', 'not in', ['converted', 'disqualified'])
    .where((eb) => {
      const ors = [];
      if (phoneNorms.length) ors.push(eb('phoneNorm', 'in', phoneNorms));
      if (email) ors.push(eb('email', '=', email));
      return eb.or(ors);
    })
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** What assignment rules look at, for the live leads among `ids` in the scope, in id order. */
export function leadFactsInScope(db: Kysely<DB>, scope: Scope, ids: number[]) {
  return whereInScope(db.selectFrom('leads'), 'leads', scope)
    .select([
      'leads.id',
      'leads.ownerId',
      'leads.province',
      'leads.city',
      'leads.industry',
      'leads.source',
      'leads.score',
    ])
    .where('leads.id', 'in', ids)
    .where('leads.deletedAt', 'is', null)
    .orderBy('leads.id')
    .execute();
}

export function setOwner(
  db: Kysely<DB>,
  ids: number[],
  owner: { id: number; departmentId: number | null },
  by: number | null,
  at: string,
) {
  return db
    .updateTable('leads')
    .set({ ownerId: owner.id, departmentId: owner.departmentId, updatedBy: by, updatedAt: at })
    .where('id', 'in', ids)
    .execute();
}
