import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/** Service tickets with their conversation and SLA clocks, canned answers and SLA policies. */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('vip', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('requester_name', 'text')
    .addColumn('requester_email', 'text')
    .addColumn('requester_phone', 'text')
    .addColumn('product_id', 'integer', (c) => c.references('products.id'))
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('contract_id', 'integer', (c) => c.references('contracts.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('team_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('severity', 'text')
    .addColumn('promised', 'text')
    .addColumn('compensation', 'text')
    .addColumn('escalated_to', 'integer', (c) => c.references('users.id'))
    .addColumn('resolution', 'text')
    .addColumn('root_cause', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('sla_policy_id', 'integer')
    .addColumn('first_response_due', t.timestamp)
    .addColumn('resolution_due', t.timestamp)
    .addColumn('first_responded_at', t.timestamp)
    .addColumn('resolved_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('paused_at', t.timestamp)
    .addColumn('first_response_breached', 'integer')
    .addColumn('resolution_breached', 'integer')
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    // The assignee owns the ticket (data scope "own"); the team's department is its department.
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  const active = sql<boolean>`deleted_at is null`;
  const open = sql<boolean>`deleted_at is null and status in ('new', 'assigned', 'in_progress', 'waiting', 'reopened')`;
  for (const [name, columns, where] of [
    ['tickets_owner_updated', ['owner_id', 'updated_at', 'id'], active],
    ['tickets_department_updated', ['department_id', 'updated_at', 'id'], active],
    ['tickets_updated', ['updated_at', 'id'], active],
    ['tickets_customer', ['customer_id', 'id'], active],
    // The agent's queue and the least-busy count read only open tickets.
    ['tickets_open_owner', ['owner_id', 'vip', 'priority', 'id'], open],
    ['tickets_open_team', ['team_id', 'owner_id'], open],
    // The SLA sweep walks open tickets by their next deadline.
    [
      'tickets_open_response_due',
      ['first_response_due'],
      sql<boolean>`deleted_at is null and first_responded_at is null and paused_at is null and first_response_breached is null`,
    ],
    [
      'tickets_open_resolution_due',
      ['resolution_due'],
      sql<boolean>`deleted_at is null and resolved_at is null and paused_at is null and resolution_breached is null`,
    ],
  ] as Array<[string, string[], ReturnType<typeof sql<boolean>>]>) {
    await db.schema.createIndex(name).on('tickets').columns(columns).where(where).execute();
  }
  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_messages_ticket').on('ticket_messages').columns(['ticket_id', 'id']).execute();
  await db.schema
    .createTable('canned_answers')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ticket_type', 'text')
    .addColumn('priority', 'text')
    .addColumn('customer_level', 'text')
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  const work = ['tickets.view', 'tickets.create', 'tickets.edit', 'tickets.assign'];
  await grantToBuiltInRoles(db, {
    admin: { permissions: [...work, 'tickets.delete', 'service.manage'], dataScopes: { tickets: 'all' } },
    sales_manager: { permissions: ['tickets.view', 'tickets.create'], dataScopes: { tickets: 'department_tree' } },
    sales_rep: { permissions: ['tickets.view', 'tickets.create'], dataScopes: { tickets: 'own' } },
    service_agent: { permissions: work, dataScopes: { tickets: 'all' } },
    readonly: { permissions: ['tickets.view'], dataScopes: { tickets: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sla_policies', 'canned_answers', 'ticket_messages', 'tickets'])
    await db.schema.dropTable(table).execute();
}
