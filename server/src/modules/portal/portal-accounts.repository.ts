import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, PortalAccountTable, PortalSessionTable } from '../../db/schema.ts';

const accessColumns = ['id', 'contactId', 'login', 'status', 'inviteExpiresAt', 'lastLoginAt', 'createdAt'] as const;

/** A contact's portal account as the staff see it. */
export function findAccountOfContact(db: Kysely<DB>, contactId: number) {
  return db.selectFrom('portalAccounts').select(accessColumns).where('contactId', '=', contactId).executeTakeFirst();
}

export type PortalAccessRow = NonNullable<Awaited<ReturnType<typeof findAccountOfContact>>>;

/** A portal account with what signing in, accepting a link or resetting a password needs of it and its contact. */
function accountsWithContact(db: Kysely<DB>) {
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

export function findAccountByLogin(db: Kysely<DB>, login: string) {
  return accountsWithContact(db).where('portalAccounts.login', '=', login).executeTakeFirst();
}

export function findAccountByInviteToken(db: Kysely<DB>, inviteTokenHash: string) {
  return accountsWithContact(db).where('portalAccounts.inviteTokenHash', '=', inviteTokenHash).executeTakeFirst();
}

/** Another contact's account already holding this login, if any. */
export function findLoginHolder(db: Kysely<DB>, login: string, exceptContactId: number) {
  return db
    .selectFrom('portalAccounts')
    .select('contactId')
    .where('login', '=', login)
    .where('contactId', '!=', exceptContactId)
    .executeTakeFirst();
}

export async function findPasswordHash(db: Kysely<DB>, accountId: number) {
  const { passwordHash } = await db
    .selectFrom('portalAccounts')
    .select('passwordHash')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return passwordHash;
}

export function insertAccount(db: Kysely<DB>, row: Insertable<PortalAccountTable>) {
  return db.insertInto('portalAccounts').values(row).execute();
}

export function updateAccount(db: Kysely<DB>, accountId: number, values: Updateable<PortalAccountTable>) {
  return db.updateTable('portalAccounts').set(values).where('id', '=', accountId).execute();
}

export function insertSession(db: Kysely<DB>, row: Insertable<PortalSessionTable>) {
  return db.insertInto('portalSessions').values(row).execute();
}

export function deleteSession(db: Kysely<DB>, sessionId: string) {
  return db.deleteFrom('portalSessions').where('id', '=', sessionId).execute();
}

/** Ends every session of an account, but the one kept (the caller's own) if named. */
export function deleteSessionsOfAccount(db: Kysely<DB>, accountId: number, keptSessionId?: string) {
  let qb = db.deleteFrom('portalSessions').where('accountId', '=', accountId);
  if (keptSessionId !== undefined) qb = qb.where('id', '!=', keptSessionId);
  return qb.execute();
}
