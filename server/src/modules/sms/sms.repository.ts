import { type Expression, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { DB, SmsMessageTable, SmsOutboxTable, SmsTemplateTable } from '../../db/schema.ts';

export function listTemplates(db: Kysely<DB>) {
  return db.selectFrom('smsTemplates').selectAll().orderBy('name').orderBy('id').execute();
}

export function findTemplate(db: Kysely<DB>, id: number) {
  return db.selectFrom('smsTemplates').selectAll().where('id', '=', id).executeTakeFirst();
}
export type SmsTemplateRow = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

export async function insertTemplate(db: Kysely<DB>, row: Insertable<SmsTemplateTable>) {
  return (await db.insertInto('smsTemplates').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTemplate(db: Kysely<DB>, id: number, patch: Updateable<SmsTemplateTable>) {
  await db.updateTable('smsTemplates').set(patch).where('id', '=', id).execute();
}

export async function deleteTemplate(db: Kysely<DB>, id: number) {
  await db.deleteFrom('smsTemplates').where('id', '=', id).execute();
}

export async function insertMessage(db: Kysely<DB>, row: Insertable<SmsMessageTable>) {
  return (await db.insertInto('smsMessages').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMessage(db: Kysely<DB>, id: number, patch: Updateable<SmsMessageTable>) {
  await db.updateTable('smsMessages').set(patch).where('id', '=', id).execute();
}

/** Messages to this number since the instant that count against the throttle (failed ones do not). */
export async function countSentSince(db: Kysely<DB>, phone: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('smsMessages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone', '=', phone)
    .where('direction', '=', 'out')
    .where('status', '!=', 'failed')
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A delivery receipt's message: by the provider and its id for the message. */
export async function markDelivery(
  db: Kysely<DB>,
  provider: SmsMessageTable['provider'],
  providerMessageId: string,
  patch: { status: 'delivered' | 'failed'; error: string | null; statusAt: string },
): Promise<number> {
  const result = await db
    .updateTable('smsMessages')
    .set(patch)
    .where('provider', '=', provider)
    .where('providerMessageId', '=', providerMessageId)
    .where('direction', '=', 'out')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The latest message sent to a number: a reply belongs to its contact and customer. */
export function lastSentTo(db: Kysely<DB>, phone: string) {
  return db
    .selectFrom('smsMessages')
    .select(['contactId', 'customerId', 'userId'])
    .where('phone', '=', phone)
    .where('direction', '=', 'out')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

const messageColumns = [
  'smsMessages.id',
  'smsMessages.direction',
  'smsMessages.phone',
  'smsMessages.content',
  'smsMessages.templateId',
  'smsTemplates.name as templateName',
  'smsMessages.provider',
  'smsMessages.providerMessageId',
  'smsMessages.status',
  'smsMessages.error',
  'smsMessages.contactId',
  'contacts.name as contactName',
  'smsMessages.customerId',
  'users.displayName as userName',
  'smsMessages.createdAt',
  'smsMessages.statusAt',
] as const;

function messageQuery(db: Kysely<DB>) {
  return db
    .selectFrom('smsMessages')
    .leftJoin('smsTemplates', 'smsTemplates.id', 'smsMessages.templateId')
    .leftJoin('contacts', 'contacts.id', 'smsMessages.contactId')
    .leftJoin('users', 'users.id', 'smsMessages.userId')
    .select(messageColumns);
}

export function findMessage(db: Kysely<DB>, id: number) {
  return messageQuery(db).where('smsMessages.id', '=', id).executeTakeFirst();
}
export type SmsMessageRow = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

export function messagesOfCustomer(db: Kysely<DB>, customerId: number, limit: number, after?: Expression<SqlBool>) {
  let query = messageQuery(db).where('smsMessages.customerId', '=', customerId);
  if (after) query = query.where(after);
  return query.orderBy('smsMessages.createdAt', 'desc').orderBy('smsMessages.id', 'desc').limit(limit).execute();
}

export async function insertOutbox(db: Kysely<DB>, row: Insertable<SmsOutboxTable>) {
  await db.insertInto('smsOutbox').values(row).execute();
}

export async function listOutbox(db: Kysely<DB>, page: number, pageSize: number) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('smsOutbox')
      .selectAll()
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('smsOutbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
