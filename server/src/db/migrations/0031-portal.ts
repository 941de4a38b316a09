import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Customer-portal accounts of contacts (invited by email, own password) and their sessions, kept
 * apart from staff users and sessions; a customer's own messages in a ticket's thread name the
 * portal account that wrote them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('portal_accounts')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('contact_id', 'integer', (c) => c.notNull().unique().references('contacts.id'))
    // The contact's email, lower case: what the customer signs in with.
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invite_token_hash', 'text', (c) => c.unique())
    .addColumn('invite_expires_at', t.timestamp)
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('last_login_at', t.timestamp)
    .addColumn('invited_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('portal_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('portal_accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_sessions_account').on('portal_sessions').column('account_id').execute();
  await db.schema
    .alterTable('ticket_messages')
    .addColumn('portal_account_id', 'integer', (c) => c.references('portal_accounts.id'))
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['portal.manage'] },
    service_agent: { permissions: ['portal.manage'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_messages').dropColumn('portal_account_id').execute();
  await db.schema.dropTable('portal_sessions').execute();
  await db.schema.dropTable('portal_accounts').execute();
}
