import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The ticket types a contact may choose from, in their set order. */
export function listEnabledTicketTypes(db: Kysely<DB>) {
  return db
    .selectFrom('dictionaryOptions')
    .select(['code', 'labelZh', 'labelEn'])
    .where('type', '=', 'ticket_type')
    .where('enabled', '=', 1)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
}
