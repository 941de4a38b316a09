import type { Kysely } from 'kysely';

/**
 * A message's Message-ID and References as its mailer wrote them (case kept), beside the lower-cased keys
 * that threads are matched by: a reply names its parent exactly, as the customer's mail program expects.
 * Messages stored before have none; a reply to one of them names its key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_messages').addColumn('message_id', 'text').execute();
  await db.schema.alterTable('email_messages').addColumn('reference_ids', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_messages').dropColumn('reference_ids').execute();
  await db.schema.alterTable('email_messages').dropColumn('message_id').execute();
}
