import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/**
 * Email in the CRM: mailboxes read over IMAP (personal or shared), how far each folder was read
 * (UIDVALIDITY and last UID, committed with each batch so that a sync resumes where it stopped), the
 * messages — one row per Message-ID in the company, so a message in a shared and a personal mailbox
 * is stored once — the mailboxes each was found in, and the customers, contacts and leads it was
 * matched to by address. Addresses are matched case-insensitively through indexes on lower(email).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('mailboxes')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('imap_host', 'text', (c) => c.notNull())
    .addColumn('imap_port', 'integer', (c) => c.notNull())
    .addColumn('imap_tls', 'integer', (c) => c.notNull())
    .addColumn('imap_user', 'text', (c) => c.notNull())
    .addColumn('imap_password_sealed', 'text', (c) => c.notNull())
    .addColumn('smtp', 'text')
    .addColumn('sync_from', t.date, (c) => c.notNull())
    .addColumn('last_synced_at', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('sync_locked_by', 'text')
    .addColumn('sync_locked_at', t.timestamp)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mailboxes_owner').on('mailboxes').column('owner_id').execute();
  await db.schema
    .createTable('mailbox_folders')
    .addColumn('mailbox_id', 'integer', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('last_uid', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('mailbox_folders_pk', ['mailbox_id', 'path'])
    .execute();
  await db.schema
    .createTable('email_messages')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('message_key', 'text', (c) => c.notNull().unique())
    .addColumn('mailbox_id', 'integer', (c) => c.notNull())
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('references', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text')
    .addColumn('from_name', 'text')
    .addColumn('to_list', 'text', (c) => c.notNull())
    .addColumn('cc_list', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('html', 'text')
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('attachment_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('email_messages_thread')
    .on('email_messages')
    .columns(['thread_key', 'sent_at'])
    .execute();
  await db.schema
    .createTable('email_message_mailboxes')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('email_messages.id').onDelete('cascade'))
    .addColumn('mailbox_id', 'integer', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('uid', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_message_mailboxes_pk', ['message_id', 'mailbox_id'])
    .execute();
  await db.schema
    .createIndex('email_message_mailboxes_mailbox')
    .on('email_message_mailboxes')
    .columns(['mailbox_id', 'message_id'])
    .execute();
  await db.schema
    .createTable('email_message_links')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('email_messages.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer')
    .addColumn('address', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_message_links_pk', ['message_id', 'entity', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('email_message_links_customer')
    .on('email_message_links')
    .columns(['customer_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('email_message_links_entity')
    .on('email_message_links')
    .columns(['entity', 'entity_id'])
    .execute();
  for (const table of ['customers', 'contacts', 'leads'])
    await db.schema
      .createIndex(`${table}_email_lower`)
      .on(table)
      .expression(sql`lower(email)`)
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['customers', 'contacts', 'leads']) await db.schema.dropIndex(`${table}_email_lower`).execute();
  await db.schema.dropTable('email_message_links').execute();
  await db.schema.dropTable('email_message_mailboxes').execute();
  await db.schema.dropTable('email_messages').execute();
  await db.schema.dropTable('mailbox_folders').execute();
  await db.schema.dropTable('mailboxes').execute();
}
