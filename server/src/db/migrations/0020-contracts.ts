import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const work = ['contracts.view', 'contracts.create', 'contracts.edit', 'contracts.delete'];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('contracts')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('opportunity_id', 'integer', (c) => c.references('opportunities.id'))
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('previous_id', 'integer', (c) => c.references('contracts.id'))
    .addColumn('category', 'text')
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('our_signatory', 'text')
    .addColumn('customer_signatory', 'text')
    .addColumn('terms', 'text')
    .addColumn('renewal_remind_days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('close_reason', 'text')
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
    ['contracts_owner_updated', ['owner_id', 'updated_at', 'id']],
    ['contracts_department_updated', ['department_id', 'updated_at', 'id']],
    ['contracts_updated', ['updated_at', 'id']],
    ['contracts_customer', ['customer_id']],
    ['contracts_opportunity', ['opportunity_id']],
    ['contracts_order', ['order_id']],
    ['contracts_previous', ['previous_id']],
    ['contracts_ends', ['status', 'ends_on']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('contracts').columns(columns).execute();
  }
  await grantToBuiltInRoles(db, {
    admin: { permissions: work, dataScopes: { contracts: 'all' } },
    sales_manager: { permissions: work, dataScopes: { contracts: 'department_tree' } },
    sales_rep: { permissions: work, dataScopes: { contracts: 'own' } },
    service_agent: { permissions: ['contracts.view'], dataScopes: { contracts: 'all' } },
    readonly: { permissions: ['contracts.view'], dataScopes: { contracts: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contracts').execute();
}
