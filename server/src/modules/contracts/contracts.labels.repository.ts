import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** What names some (of those in the caller's data scope) contracts for people, deleted ones too; one query for all the ids. */
export function contractLabelRows(db: Kysely<DB>, ids: readonly number[], scope: Scope) {
  return whereInScope(db.selectFrom('contracts'), 'contracts', scope)
    .select(['id', 'number', 'name', 'deletedAt'])
    .where('id', 'in', [...ids])
    .execute();
}
