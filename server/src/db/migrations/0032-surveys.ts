import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Surveys (questions kept as JSON) and the invitations sent to contacts: each with a personal link
 * (its token stored hashed), the ticket it asks about, and the answers once given. The star rating
 * and the 0–10 recommendation are kept in columns of their own for CSAT and NPS.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('intro', 'text')
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sent_by', 'integer')
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('answered_at', t.timestamp)
    .addColumn('answers', 'text')
    .addColumn('rating', 'integer')
    .addColumn('nps', 'integer')
    .execute();
  await db.schema
    .createIndex('survey_invitations_survey')
    .on('survey_invitations')
    .columns(['survey_id', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('survey_invitations_contact')
    .on('survey_invitations')
    .columns(['contact_id', 'answered_at'])
    .execute();
  await db.schema.createIndex('survey_invitations_ticket').on('survey_invitations').column('ticket_id').execute();
  await db.schema.createIndex('survey_invitations_customer').on('survey_invitations').column('customer_id').execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['surveys.view', 'surveys.manage'] },
    sales_manager: { permissions: ['surveys.view'] },
    service_agent: { permissions: ['surveys.view', 'surveys.manage'] },
    readonly: { permissions: ['surveys.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_invitations').execute();
  await db.schema.dropTable('surveys').execute();
}
