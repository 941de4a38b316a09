import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** A portal account with what signing in, accepting a link or resetting a password needs of it and its contact. */
export function findAccountForLogin(db: Kysely<DB>) {
  return db
    .selectFrom('portalAccounts')
    .innerJoin('contacts', 'contacts.id', 'portalAccounts.contactId')
    .select([
      'portalAccounts.id',
      'portalAccounts.contactId',
      'portalAccounts.login',
      'portalAccounts.locale',
      'portalAccounts.passwordHash',
      'portalAccounts.status',
      'portalAccounts.inviteExpiresAt',
      'contacts.deletedAt',
      'contacts.name',
    ]);
}
