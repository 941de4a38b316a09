import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** What names some (of those in the caller's data scope) quotes for people, deleted ones too; one query for all the ids. */
export function quoteLabelRows(db: Kysely<DB>, ids: readonly number[], scope: Scope) {
  return whereInScope(db.selectFrom('quotes'), 'quotes', scope)
    .select(['id', 'number', 'title', 'deletedAt'])
    .where('id', 'in', [...ids])
    .execute();
}
