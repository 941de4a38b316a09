import type { Kysely, Updateable } from 'kysely';
import type { ContactTable, DB } from '../../db/schema.ts';

/** The signed-in contact with their company's name. */
export function findSessionContact(db: Kysely<DB>, contactId: number) {
  return db
    .selectFrom('contacts')
    .select([
      'contacts.id',
      'contacts.customerId',
      'contacts.customerName',
      'contacts.name',
      'contacts.mobile',
      'contacts.phone',
      'contacts.title',
    ])
    .where('contacts.id', '=', contactId)
    .executeTakeFirstOrThrow();
}

/** What the contact may edit of themselves, with what their search text is built from. */
export function findContactProfile(db: Kysely<DB>, contactId: number) {
  return db
    .selectFrom('contacts')
    .select(['name', 'mobile', 'phone', 'email', 'wechat', 'title'])
    .where('id', '=', contactId)
    .executeTakeFirstOrThrow();
}

/** How to reach the contact who raises a ticket. */
export function findRequesterContact(db: Kysely<DB>, contactId: number) {
  return db
    .selectFrom('contacts')
    .select(['name', 'email', 'mobile', 'phone'])
    .where('id', '=', contactId)
    .executeTakeFirstOrThrow();
}

export function updateContact(db: Kysely<DB>, contactId: number, values: Updateable<ContactTable>) {
  return db.updateTable('contacts').set(values).where('id', '=', contactId).execute();
}
