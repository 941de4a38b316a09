import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** What names some (of those in the caller's data scope) tasks for people, deleted ones too; one query for all the ids. */
export function taskLabelRows(db: Kysely<DB>, ids: readonly number[], scope: Scope) {
  return whereInScope(db.selectFrom('tasks'), 'tasks', scope)
    .select(['id', 'subject', 'deletedAt'])
    .where('id', 'in', [...ids])
    .execute();
}
