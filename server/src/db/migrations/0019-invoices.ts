import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('invoices')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('tax', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('buyer_title', 'text', (c) => c.notNull())
    .addColumn('buyer_tax_id', 'text')
    .addColumn('buyer_address_phone', 'text')
    .addColumn('buyer_bank_account', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('notes', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('invoices_type_number', ['type', 'number'])
    .execute();
  await db.schema.createIndex('invoices_customer').on('invoices').columns(['customer_id', 'issued_on']).execute();
  await db.schema.createIndex('invoices_order').on('invoices').column('order_id').execute();
  await db.schema.createIndex('invoices_department').on('invoices').columns(['department_id', 'issued_on']).execute();
  await db.schema.createIndex('invoices_owner').on('invoices').columns(['owner_id', 'issued_on']).execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['invoices.view', 'invoices.create', 'invoices.cancel'] },
    sales_manager: { permissions: ['invoices.view'] },
    sales_rep: { permissions: ['invoices.view'] },
    readonly: { permissions: ['invoices.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invoices').execute();
}
