import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/**
 * Email sent and received as work: a shared mailbox may be a service mailbox (each new thread becomes a
 * ticket, its category picked by rules on the subject), a message remembers who sent it from the CRM and
 * the ticket it belongs to, and a mailbox idled on (IMAP IDLE) is held by one server instance at a time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .alterTable('mailboxes')
    .addColumn('service_mailbox', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('mailboxes')
    .addColumn('category_rules', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('mailboxes').addColumn('idle_held_by', 'text').execute();
  await db.schema.alterTable('mailboxes').addColumn('idle_held_at', t.timestamp).execute();
  await db.schema.alterTable('email_messages').addColumn('sent_by', 'integer').execute();
  await db.schema.alterTable('email_messages').addColumn('ticket_id', 'integer').execute();
  await db.schema.createIndex('email_messages_ticket').on('email_messages').columns(['ticket_id', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('email_messages_ticket').execute();
  for (const column of ['ticket_id', 'sent_by'])
    await db.schema.alterTable('email_messages').dropColumn(column).execute();
  for (const column of ['idle_held_at', 'idle_held_by', 'category_rules', 'service_mailbox'])
    await db.schema.alterTable('mailboxes').dropColumn(column).execute();
}
