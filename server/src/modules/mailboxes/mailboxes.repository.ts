import { type Expression, type Insertable, type Kysely, type SqlBool, type Updateable, sql } from 'kysely';
import type { DB, EmailMessageLinkTable, EmailMessageTable, MailboxTable } from '../../db/schema.ts';

export function insertMailbox(db: Kysely<DB>, row: Insertable<MailboxTable>) {
  return db.insertInto('mailboxes').values(row).returning('id').executeTakeFirstOrThrow();
}

const mailboxColumns = [
  'mailboxes.id',
  'mailboxes.kind',
  'mailboxes.ownerId',
  'mailboxes.address',
  'mailboxes.imapHost',
  'mailboxes.imapPort',
  'mailboxes.imapTls',
  'mailboxes.imapUser',
  'mailboxes.imapPasswordSealed',
  'mailboxes.smtp',
  'mailboxes.syncFrom',
  'mailboxes.lastSyncedAt',
  'mailboxes.lastError',
  'mailboxes.createdAt',
  'mailboxes.serviceMailbox',
  'mailboxes.categoryRules',
  'mailboxes.idleHeldBy',
  'mailboxes.idleHeldAt',
] as const;

function mailboxQuery(db: Kysely<DB>) {
  return db
    .selectFrom('mailboxes')
    .leftJoin('users', 'users.id', 'mailboxes.ownerId')
    .select(mailboxColumns)
    .select('users.displayName as ownerName')
    .select((eb) =>
      eb
        .selectFrom('emailMessageMailboxes')
        .whereRef('emailMessageMailboxes.mailboxId', '=', 'mailboxes.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('messageCount'),
    );
}
export type MailboxRow = Awaited<ReturnType<typeof findMailbox>> & object;

export function findMailbox(db: Kysely<DB>, id: number) {
  return mailboxQuery(db).where('mailboxes.id', '=', id).executeTakeFirst();
}

/** A user's own mailboxes, and the shared ones when asked for. */
export function listMailboxes(db: Kysely<DB>, ownerId: number, withShared: boolean) {
  return mailboxQuery(db)
    .where((eb) =>
      withShared
        ? eb.or([eb('mailboxes.ownerId', '=', ownerId), eb('mailboxes.kind', '=', 'shared')])
        : eb('mailboxes.ownerId', '=', ownerId),
    )
    .orderBy('mailboxes.id')
    .execute();
}

export function allMailboxIds(db: Kysely<DB>) {
  return db.selectFrom('mailboxes').select('id').orderBy('id').execute();
}

export function updateMailbox(db: Kysely<DB>, id: number, values: Updateable<MailboxTable>) {
  return db.updateTable('mailboxes').set(values).where('id', '=', id).execute();
}

/** Forgets how far each folder was read: the next sync reads them again from the start date (what is stored is recognised). */
export function resetFolders(db: Kysely<DB>, mailboxId: number) {
  return db.deleteFrom('mailboxFolders').where('mailboxId', '=', mailboxId).execute();
}

/** The mailboxes a user may send from: their own, and the shared ones. */
export function sendingMailboxes(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('mailboxes')
    .select(['id', 'kind', 'address', 'serviceMailbox'])
    .where((eb) => eb.or([eb('ownerId', '=', userId), eb('kind', '=', 'shared')]))
    .orderBy('kind')
    .orderBy('id')
    .execute();
}

/** Takes (or keeps) the IDLE connection of a mailbox for one instance: free, its own, or its holder silent since `staleBefore`. */
export async function claimIdle(db: Kysely<DB>, id: number, holder: string, now: string, staleBefore: string) {
  const result = await db
    .updateTable('mailboxes')
    .set({ idleHeldBy: holder, idleHeldAt: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('idleHeldBy', 'is', null), eb('idleHeldBy', '=', holder), eb('idleHeldAt', '<', staleBefore)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function releaseIdle(db: Kysely<DB>, id: number, holder: string) {
  return db
    .updateTable('mailboxes')
    .set({ idleHeldBy: null, idleHeldAt: null })
    .where('id', '=', id)
    .where('idleHeldBy', '=', holder)
    .execute();
}

/** The ticket a thread belongs to, when one of its messages opened or joined one. */
export async function ticketOfThread(db: Kysely<DB>, threadKey: string): Promise<number | null> {
  const row = await db
    .selectFrom('emailMessages')
    .select('ticketId')
    .where('threadKey', '=', threadKey)
    .where('ticketId', 'is not', null)
    .orderBy('sentAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.ticketId ?? null;
}

export function setMessageTicket(db: Kysely<DB>, messageId: number, ticketId: number) {
  return db.updateTable('emailMessages').set({ ticketId }).where('id', '=', messageId).execute();
}

/** The newest message of a ticket's email thread that came from a service mailbox, with that mailbox. */
export function lastTicketEmail(db: Kysely<DB>, ticketId: number) {
  return db
    .selectFrom('emailMessages')
    .innerJoin('emailMessageMailboxes', 'emailMessageMailboxes.messageId', 'emailMessages.id')
    .innerJoin('mailboxes', 'mailboxes.id', 'emailMessageMailboxes.mailboxId')
    .select([
      'emailMessages.id',
      'emailMessages.messageKey',
      'emailMessages.threadKey',
      'emailMessages.references',
      'emailMessages.messageId',
      'emailMessages.referenceIds',
      'emailMessageMailboxes.mailboxId',
    ])
    .where('emailMessages.ticketId', '=', ticketId)
    .where('mailboxes.serviceMailbox', '=', 1)
    .orderBy('emailMessages.sentAt', 'desc')
    .orderBy('emailMessages.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function deleteMailbox(db: Kysely<DB>, id: number) {
  return db.deleteFrom('mailboxes').where('id', '=', id).execute();
}

/** Takes a mailbox for one sync: free, or its last holder silent since `staleBefore`. True when taken. */
export async function claimMailbox(db: Kysely<DB>, id: number, holder: string, now: string, staleBefore: string) {
  const result = await db
    .updateTable('mailboxes')
    .set({ syncLockedBy: holder, syncLockedAt: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('syncLockedBy', 'is', null), eb('syncLockedAt', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function refreshClaim(db: Kysely<DB>, id: number, holder: string, now: string) {
  return db
    .updateTable('mailboxes')
    .set({ syncLockedAt: now })
    .where('id', '=', id)
    .where('syncLockedBy', '=', holder)
    .execute();
}

export function releaseMailbox(
  db: Kysely<DB>,
  id: number,
  holder: string,
  outcome: { lastSyncedAt?: string; lastError: string | null },
) {
  return db
    .updateTable('mailboxes')
    .set({ ...outcome, syncLockedBy: null, syncLockedAt: null })
    .where('id', '=', id)
    .where('syncLockedBy', '=', holder)
    .execute();
}

export function folderStates(db: Kysely<DB>, mailboxId: number) {
  return db.selectFrom('mailboxFolders').selectAll().where('mailboxId', '=', mailboxId).execute();
}

export async function saveFolderState(
  db: Kysely<DB>,
  row: { mailboxId: number; path: string; uidValidity: string; lastUid: number; updatedAt: string },
) {
  await db
    .insertInto('mailboxFolders')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['mailboxId', 'path'])
        .doUpdateSet({ uidValidity: row.uidValidity, lastUid: row.lastUid, updatedAt: row.updatedAt }),
    )
    .execute();
}

/** The customers, contacts and leads (not in the recycle bin) with any of these addresses, compared lower-cased. */
export async function recordsWithAddresses(db: Kysely<DB>, addresses: string[]) {
  if (!addresses.length) return { customers: [], contacts: [], leads: [] };
  const lowered = sql<string>`lower(email)`;
  const [customers, contacts, leads] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['id', lowered.as('email')])
      .where(lowered, 'in', addresses)
      .where('deletedAt', 'is', null)
      .execute(),
    db
      .selectFrom('contacts')
      .select(['id', 'customerId', lowered.as('email')])
      .where(lowered, 'in', addresses)
      .where('deletedAt', 'is', null)
      .execute(),
    db
      .selectFrom('leads')
      .select(['id', lowered.as('email')])
      .where(lowered, 'in', addresses)
      .where('deletedAt', 'is', null)
      .execute(),
  ]);
  return { customers, contacts, leads };
}

export function messagesByKeys(db: Kysely<DB>, keys: string[]) {
  if (!keys.length) return Promise.resolve([]);
  return db
    .selectFrom('emailMessages')
    .select(['id', 'messageKey', 'threadKey', 'ticketId'])
    .where('messageKey', 'in', keys)
    .execute();
}

export function insertMessage(db: Kysely<DB>, row: Insertable<EmailMessageTable>) {
  return db.insertInto('emailMessages').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Rows per statement of the batch inserts below: within SQLite's limit of bound values at five columns a row. */
const insertChunk = 400;

export async function addMessagesToMailbox(
  db: Kysely<DB>,
  rows: Array<{ messageId: number; mailboxId: number; folder: string; uid: number }>,
) {
  for (let i = 0; i < rows.length; i += insertChunk)
    await db
      .insertInto('emailMessageMailboxes')
      .values(rows.slice(i, i + insertChunk))
      .onConflict((oc) => oc.columns(['messageId', 'mailboxId']).doNothing())
      .execute();
}

export async function insertLinks(db: Kysely<DB>, rows: Insertable<EmailMessageLinkTable>[]) {
  for (let i = 0; i < rows.length; i += insertChunk)
    await db
      .insertInto('emailMessageLinks')
      .values(rows.slice(i, i + insertChunk))
      .onConflict((oc) => oc.columns(['messageId', 'entity', 'entityId']).doNothing())
      .execute();
}

const summaryColumns = [
  'emailMessages.id',
  'emailMessages.subject',
  'emailMessages.fromAddress',
  'emailMessages.fromName',
  'emailMessages.toList',
  'emailMessages.direction',
  'emailMessages.sentAt',
  'emailMessages.excerpt',
  'emailMessages.attachmentCount',
  'emailMessages.ticketId',
] as const;

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('emailMessages')
    .leftJoin('users as sender', 'sender.id', 'emailMessages.sentBy')
    .select(summaryColumns)
    .select('sender.displayName as sentByName');
}

/** The emails of a lead or a contact (matched by its address, or written from it), newest first. */
export function emailsOfRecord(db: Kysely<DB>, entity: 'contacts' | 'leads', entityId: number, limit: number) {
  return summaryQuery(db)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('emailMessageLinks')
          .select('emailMessageLinks.messageId')
          .whereRef('emailMessageLinks.messageId', '=', 'emailMessages.id')
          .where('emailMessageLinks.entity', '=', entity)
          .where('emailMessageLinks.entityId', '=', entityId),
      ),
    )
    .orderBy('emailMessages.sentAt', 'desc')
    .orderBy('emailMessages.id', 'desc')
    .limit(limit)
    .execute();
}

/** The emails on a customer's timeline (its own address or its contacts'), newest first. */
export function emailsOfCustomer(db: Kysely<DB>, customerId: number, limit: number, after?: Expression<SqlBool>) {
  let query = summaryQuery(db).where((eb) =>
    eb.exists(
      eb
        .selectFrom('emailMessageLinks')
        .select('emailMessageLinks.messageId')
        .whereRef('emailMessageLinks.messageId', '=', 'emailMessages.id')
        .where('emailMessageLinks.customerId', '=', customerId),
    ),
  );
  if (after) query = query.where(after);
  return query.orderBy('emailMessages.sentAt', 'desc').orderBy('emailMessages.id', 'desc').limit(limit).execute();
}
export type EmailSummaryRow = Awaited<ReturnType<typeof emailsOfCustomer>>[number];

export function findMessage(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('emailMessages')
    .leftJoin('users as sender', 'sender.id', 'emailMessages.sentBy')
    .selectAll('emailMessages')
    .select('sender.displayName as sentByName')
    .where('emailMessages.id', '=', id)
    .executeTakeFirst();
}

export function threadOf(db: Kysely<DB>, threadKey: string) {
  return summaryQuery(db)
    .where('emailMessages.threadKey', '=', threadKey)
    .orderBy('emailMessages.sentAt')
    .orderBy('emailMessages.id')
    .limit(200)
    .execute();
}

export function linksOf(db: Kysely<DB>, messageIds: number[]) {
  if (!messageIds.length) return Promise.resolve([]);
  return db.selectFrom('emailMessageLinks').selectAll().where('messageId', 'in', messageIds).execute();
}

/** The owners of the personal mailboxes the messages were found in. */
export function personalOwnersOf(db: Kysely<DB>, messageIds: number[]) {
  if (!messageIds.length) return Promise.resolve([]);
  return db
    .selectFrom('emailMessageMailboxes')
    .innerJoin('mailboxes', 'mailboxes.id', 'emailMessageMailboxes.mailboxId')
    .select(['emailMessageMailboxes.messageId', 'mailboxes.ownerId'])
    .where('emailMessageMailboxes.messageId', 'in', messageIds)
    .where('mailboxes.kind', '=', 'personal')
    .execute();
}

export function namesOf(db: Kysely<DB>, entity: 'customers' | 'contacts' | 'leads', ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom(entity).select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Whether mail read from a mailbox came from the record in reply to one of these messages (their keys). */
export async function repliedToAny(
  db: Kysely<DB>,
  entity: EmailMessageLinkTable['entity'],
  entityId: number,
  keys: string[],
): Promise<boolean> {
  if (!keys.length) return false;
  const row = await db
    .selectFrom('emailMessages as m')
    .innerJoin('emailMessageLinks as l', 'l.messageId', 'm.id')
    .select('m.id')
    .where('l.entity', '=', entity)
    .where('l.entityId', '=', entityId)
    .where('m.direction', '=', 'in')
    .where((eb) =>
      eb.or([
        eb('m.inReplyTo', 'in', keys),
        // `references` is a JSON array of keys: a reply that quotes the thread names ours there.
        ...keys.map((key) => eb('m.references', 'like', `%${JSON.stringify(key)}%`)),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
