import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const leadPermissions = [
  'leads.view',
  'leads.create',
  'leads.edit',
  'leads.delete',
  'leads.import',
  'leads.export',
  'leads.convert',
];
const followupPermissions = ['followups.view', 'followups.create', 'followups.edit', 'followups.delete'];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const active = sql<boolean>`deleted_at is null`;

  await db.schema
    .createTable('leads')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('company_norm', 'text')
    .addColumn('title', 'text')
    .addColumn('mobile', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_norm', 'text')
    .addColumn('email', 'text')
    .addColumn('wechat', 'text')
    .addColumn('source', 'text')
    .addColumn('campaign_id', 'integer')
    .addColumn('industry', 'text')
    .addColumn('country', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('district', 'text')
    .addColumn('address', 'text')
    .addColumn('remark', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('disqualify_reason', 'text')
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('converted_customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('converted_contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('converted_opportunity_id', 'integer')
    .addColumn('converted_at', t.timestamp)
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('last_followup_at', t.timestamp)
    .addColumn('next_followup_at', t.timestamp)
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  for (const [name, columns] of [
    ['leads_updated', ['updated_at', 'id']],
    ['leads_owner_updated', ['owner_id', 'updated_at', 'id']],
    ['leads_department_updated', ['department_id', 'updated_at', 'id']],
    ['leads_name_norm', ['name_norm']],
    ['leads_company_norm', ['company_norm']],
    ['leads_phone_norm', ['phone_norm']],
    ['leads_email', ['email']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('leads').columns(columns).where(active).execute();
  }

  await db.schema
    .createTable('followups')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('lead_id', 'integer', (c) => c.references('leads.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('opportunity_id', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('next_step', 'text')
    .addColumn('next_followup_at', t.timestamp)
    .addColumn('checkin_latitude', 'double precision')
    .addColumn('checkin_longitude', 'double precision')
    .addColumn('checkin_address', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  for (const [name, columns] of [
    ['followups_customer_time', ['customer_id', 'occurred_at', 'id']],
    ['followups_lead_time', ['lead_id', 'occurred_at', 'id']],
    ['followups_owner_time', ['owner_id', 'occurred_at', 'id']],
    ['followups_department_time', ['department_id', 'occurred_at', 'id']],
    ['followups_time', ['occurred_at', 'id']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('followups').columns(columns).where(active).execute();
  }

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'integer')
    .addColumn('params', t.json, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('assignment_cursors')
    .addColumn('scope_key', 'text', (c) => c.primaryKey())
    .addColumn('last_user_id', 'integer')
    .execute();

  await grantToBuiltInRoles(db, {
    admin: {
      permissions: [...leadPermissions, 'leads.assign', ...followupPermissions],
      dataScopes: { leads: 'all', followups: 'all' },
    },
    sales_manager: {
      permissions: [...leadPermissions, 'leads.assign', ...followupPermissions],
      dataScopes: { leads: 'department_tree', followups: 'department_tree' },
    },
    sales_rep: {
      permissions: [...leadPermissions, ...followupPermissions],
      dataScopes: { leads: 'own', followups: 'own' },
    },
    service_agent: {
      permissions: ['followups.view', 'followups.create'],
      dataScopes: { leads: 'own', followups: 'all' },
    },
    readonly: { permissions: ['leads.view', 'followups.view'], dataScopes: { leads: 'all', followups: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['assignment_cursors', 'notifications', 'followups', 'leads'])
    await db.schema.dropTable(table).execute();
}
