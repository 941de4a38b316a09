import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Outbound call lists: a list (owned by whoever built it, data scope `callLists`) built from a source,
 * its entries (a record, a number, the agent it is given to, where it stands, when it is called next),
 * every attempt with its outcome, talk and wrap-up time, and notes on instalments (a promise to pay made on
 * a call lands there).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('call_lists')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_params', 'text', (c) => c.notNull())
    .addColumn('script', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'integer', (c) => c.references('surveys.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('retry_minutes', 'integer', (c) => c.notNull())
    .addColumn('calling_start', 'text', (c) => c.notNull())
    .addColumn('calling_end', 'text', (c) => c.notNull())
    .addColumn('assignment', 'text', (c) => c.notNull())
    .addColumn('agent_ids', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_lists_owner').on('call_lists').columns(['owner_id', 'id']).execute();
  await db.schema.createIndex('call_lists_department').on('call_lists').columns(['department_id', 'id']).execute();
  await db.schema
    .createTable('call_list_entries')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('call_lists.id').onDelete('cascade'))
    // Unique within its list: what the source called the record (a refresh adds only new ones).
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('instalment_id', 'integer')
    .addColumn('record_owner_id', 'integer')
    .addColumn('details', 'text', (c) => c.notNull())
    // The agent the entry is given to, and their department.
    .addColumn('agent_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('skip_reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('unanswered_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_outcome', 'text')
    .addColumn('last_attempt_at', t.timestamp)
    .addColumn('next_call_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('call_list_entries_source_key', ['list_id', 'source_key'])
    .execute();
  // The dialer's question: an agent's open entries whose time has come, soonest first.
  await db.schema
    .createIndex('call_list_entries_agent_due')
    .on('call_list_entries')
    .columns(['agent_id', 'status', 'next_call_at'])
    .execute();
  await db.schema
    .createIndex('call_list_entries_list_status')
    .on('call_list_entries')
    .columns(['list_id', 'status'])
    .execute();
  await db.schema.createIndex('call_list_entries_customer').on('call_list_entries').column('customer_id').execute();
  await db.schema
    .createTable('call_attempts')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('call_list_entries.id').onDelete('cascade'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('call_lists.id').onDelete('cascade'))
    .addColumn('agent_id', 'integer', (c) => c.references('users.id'))
    .addColumn('call_id', 'integer', (c) => c.references('calls.id').onDelete('set null'))
    .addColumn('number', 'text')
    .addColumn('dialed_at', t.timestamp)
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', t.timestamp)
    .addColumn('reached', 'integer')
    .addColumn('note', 'text')
    .addColumn('callback_at', t.timestamp)
    .addColumn('promise_date', 'text')
    .addColumn('promise_amount', money)
    .addColumn('talk_seconds', 'integer')
    .addColumn('wrap_up_seconds', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_attempts_entry').on('call_attempts').columns(['entry_id', 'id']).execute();
  await db.schema.createIndex('call_attempts_outcome').on('call_attempts').columns(['outcome_at', 'list_id']).execute();
  await db.schema.createIndex('call_attempts_agent').on('call_attempts').columns(['agent_id', 'dialed_at']).execute();
  await db.schema
    .createTable('instalment_notes')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('instalment_id', 'integer', (c) => c.notNull().references('instalments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('promised_on', 'text')
    .addColumn('promised_amount', money)
    .addColumn('currency', 'text')
    .addColumn('call_attempt_id', 'integer', (c) => c.references('call_attempts.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('instalment_notes_instalment')
    .on('instalment_notes')
    .columns(['instalment_id', 'id'])
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['callLists.view', 'callLists.manage'], dataScopes: { callLists: 'all' } },
    sales_manager: {
      permissions: ['callLists.view', 'callLists.manage'],
      dataScopes: { callLists: 'department_tree' },
    },
    sales_rep: { permissions: [], dataScopes: { callLists: 'own' } },
    service_agent: { permissions: ['callLists.view', 'callLists.manage'], dataScopes: { callLists: 'own' } },
    readonly: { permissions: ['callLists.view'], dataScopes: { callLists: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['instalment_notes', 'call_attempts', 'call_list_entries', 'call_lists'])
    await db.schema.dropTable(table).execute();
}
