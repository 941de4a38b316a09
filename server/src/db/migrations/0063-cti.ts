import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Telephony (CTI): connections to a PBX (Asterisk AMI, FreeSWITCH ESL) or a cloud call center (signed HTTP
 * callbacks), their secret sealed (platform/secret-box.ts); each user's seat (extension, state, skills,
 * when they last finished a call, for the longest-idle agent); and calls, one row per call: an activity
 * owned by its agent (data scope `calls`), linked to the records its number matched, with its wrap-up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('cti_connections')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // Host, port, user, dial context, recording address, click-to-dial request, area code (JSON).
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text')
    .addColumn('status', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('call_seats')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('connection_id', 'integer', (c) => c.references('cti_connections.id').onDelete('set null'))
    .addColumn('extension', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_since', t.timestamp, (c) => c.notNull())
    .addColumn('wrap_up_until', t.timestamp)
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('last_call_ended_at', t.timestamp)
    .execute();
  await db.schema.createIndex('call_seats_extension').on('call_seats').column('extension').execute();
  await db.schema
    .createTable('calls')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('connection_id', 'integer', (c) => c.references('cti_connections.id').onDelete('set null'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('peer_number', 'text', (c) => c.notNull())
    // The agent: the call's owner for the data scope, and their department.
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer')
    .addColumn('extension', 'text')
    .addColumn('queue', 'text')
    .addColumn('level_rank', 'integer', (c) => c.notNull())
    .addColumn('ring_at', t.timestamp, (c) => c.notNull())
    .addColumn('answer_at', t.timestamp)
    .addColumn('end_at', t.timestamp)
    .addColumn('talk_seconds', 'integer')
    .addColumn('result', 'text')
    .addColumn('notes', 'text')
    .addColumn('recording_url', 'text')
    .addColumn('recording_path', 'text')
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('lead_id', 'integer', (c) => c.references('leads.id'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('wrapped_up_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('calls_external')
    .on('calls')
    .columns(['connection_id', 'external_id'])
    .unique()
    .execute();
  await db.schema.createIndex('calls_customer').on('calls').columns(['customer_id', 'ring_at']).execute();
  await db.schema.createIndex('calls_owner').on('calls').columns(['owner_id', 'ring_at']).execute();
  await db.schema.createIndex('calls_department').on('calls').columns(['department_id', 'ring_at']).execute();
  await db.schema.createIndex('calls_state').on('calls').columns(['state', 'level_rank', 'ring_at']).execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['calls.view', 'calls.manage'], dataScopes: { calls: 'all' } },
    sales_manager: { permissions: ['calls.view'], dataScopes: { calls: 'department_tree' } },
    sales_rep: { permissions: ['calls.view'], dataScopes: { calls: 'own' } },
    service_agent: { permissions: ['calls.view'], dataScopes: { calls: 'all' } },
    readonly: { permissions: ['calls.view'], dataScopes: { calls: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calls').execute();
  await db.schema.dropTable('call_seats').execute();
  await db.schema.dropTable('cti_connections').execute();
}
