import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTicketScope } from './tickets.repository.ts';
import type { Scope } from '../../platform/scope.ts';

/** What names some (of those in the caller's data scope) tickets for people, deleted ones too; one query for all the ids. */
export function ticketLabelRows(db: Kysely<DB>, ids: readonly number[], scope: Scope) {
  return inTicketScope(db.selectFrom('tickets'), scope)
    .select(['id', 'number', 'subject', 'deletedAt'])
    .where('id', 'in', [...ids])
    .execute();
}
