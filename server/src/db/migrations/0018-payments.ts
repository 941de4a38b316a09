import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('instalments')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('received', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instalments_order').on('instalments').columns(['order_id', 'seq']).execute();
  await db.schema
    .createIndex('instalments_customer_due')
    .on('instalments')
    .columns(['customer_id', 'due_date'])
    .execute();
  await db.schema
    .createIndex('instalments_department_due')
    .on('instalments')
    .columns(['department_id', 'due_date', 'amount', 'received'])
    .execute();
  await db.schema
    .createIndex('instalments_owner_due')
    .on('instalments')
    .columns(['owner_id', 'due_date', 'amount', 'received'])
    .execute();
  await db.schema
    .createIndex('instalments_due')
    .on('instalments')
    .columns(['due_date', 'amount', 'received'])
    .execute();
  await db.schema
    .createTable('receipts')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('payer', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('reference', 'text')
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('overpayment', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed_by', 'integer')
    .addColumn('confirmed_at', t.timestamp)
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('receipts_customer').on('receipts').columns(['customer_id', 'received_on']).execute();
  await db.schema
    .createIndex('receipts_department')
    .on('receipts')
    .columns(['department_id', 'received_on', 'id'])
    .execute();
  await db.schema.createIndex('receipts_owner').on('receipts').columns(['owner_id', 'received_on', 'id']).execute();
  await db.schema.createIndex('receipts_received').on('receipts').columns(['received_on', 'id']).execute();
  await db.schema
    .createTable('receipt_allocations')
    .addColumn('receipt_id', 'integer', (c) => c.notNull().references('receipts.id').onDelete('cascade'))
    .addColumn('instalment_id', 'integer', (c) => c.notNull().references('instalments.id'))
    .addColumn('amount', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('receipt_allocations_pk', ['receipt_id', 'instalment_id'])
    .execute();
  await db.schema
    .createIndex('receipt_allocations_instalment')
    .on('receipt_allocations')
    .column('instalment_id')
    .execute();
  await grantToBuiltInRoles(db, {
    admin: {
      permissions: ['receipts.view', 'receipts.create', 'receipts.confirm', 'receipts.delete'],
      dataScopes: { receipts: 'all' },
    },
    sales_manager: { permissions: ['receipts.view', 'receipts.create'], dataScopes: { receipts: 'department_tree' } },
    sales_rep: { permissions: ['receipts.view', 'receipts.create'], dataScopes: { receipts: 'own' } },
    service_agent: { permissions: [], dataScopes: { receipts: 'own' } },
    readonly: { permissions: ['receipts.view'], dataScopes: { receipts: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['receipt_allocations', 'receipts', 'instalments']) await db.schema.dropTable(table).execute();
}
