import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * SMS and consent: templates as registered with the provider (code, signature, variables with their
 * length limits), every message sent or received with its delivery status (the per-recipient throttle
 * counts them by number and time), the local outbox provider's table, each contact's consent per channel
 * with its source and time, and the global suppression list (an SMS “TD”/“退订” lands there).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('sms_templates')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provider_code', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('variables', t.json, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('template_id', 'integer', (c) => c.references('sms_templates.id').onDelete('set null'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('contact_id', 'integer')
    .addColumn('customer_id', 'integer')
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('status_at', t.timestamp)
    .execute();
  await db.schema.createIndex('sms_messages_phone').on('sms_messages').columns(['phone', 'created_at']).execute();
  await db.schema
    .createIndex('sms_messages_customer')
    .on('sms_messages')
    .columns(['customer_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('sms_messages_provider_id')
    .on('sms_messages')
    .columns(['provider', 'provider_message_id'])
    .execute();
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('template_code', 'text', (c) => c.notNull())
    .addColumn('params', t.json, (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('contact_consents')
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('contact_consents_pk', ['contact_id', 'channel'])
    .execute();
  await db.schema
    .createTable('suppressions')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('suppressions_address', ['channel', 'address'])
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['sms.send'] },
    sales_manager: { permissions: ['sms.send'] },
    sales_rep: { permissions: ['sms.send'] },
    service_agent: { permissions: ['sms.send'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['suppressions', 'contact_consents', 'sms_outbox', 'sms_messages', 'sms_templates'])
    await db.schema.dropTable(table).execute();
}
