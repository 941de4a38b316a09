import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const work = ['orders.view', 'orders.create', 'orders.edit', 'orders.delete', 'orders.deliver'];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('orders')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('opportunity_id', 'integer', (c) => c.references('opportunities.id'))
    .addColumn('quote_id', 'integer', (c) => c.references('quotes.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('subtotal', money, (c) => c.notNull())
    .addColumn('discount', money, (c) => c.notNull())
    .addColumn('tax', money, (c) => c.notNull())
    .addColumn('total', money, (c) => c.notNull())
    .addColumn('requested_delivery_date', 'text')
    .addColumn('shipping_address', 'text')
    .addColumn('terms', 'text')
    .addColumn('notes', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('approved_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
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
  for (const [name, columns] of [
    ['orders_owner_updated', ['owner_id', 'updated_at', 'id']],
    ['orders_department_updated', ['department_id', 'updated_at', 'id']],
    ['orders_updated', ['updated_at', 'id']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('orders').columns(columns).where(active).execute();
  }
  for (const column of ['customer_id', 'contact_id', 'opportunity_id', 'quote_id']) {
    await db.schema.createIndex(`orders_${column}`).on('orders').column(column).execute();
  }
  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'integer', (c) => c.references('products.id'))
    .addColumn('product_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('unit', 'text')
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'text', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('net', money, (c) => c.notNull())
    .addColumn('tax', money, (c) => c.notNull())
    .addColumn('total', money, (c) => c.notNull())
    // Thousandths of the unit, so partial deliveries add up exactly.
    .addColumn('quantity_milli', money, (c) => c.notNull())
    .addColumn('delivered_milli', money, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_lines_of').on('order_lines').columns(['order_id', 'position']).execute();
  await db.schema.createIndex('order_lines_product').on('order_lines').column('product_id').execute();
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('delivered_on', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('recipient', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliveries_order').on('deliveries').columns(['order_id', 'id']).execute();
  await db.schema
    .createTable('delivery_lines')
    .addColumn('delivery_id', 'integer', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('order_line_id', 'integer', (c) => c.notNull().references('order_lines.id'))
    .addColumn('quantity_milli', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_lines_pk', ['delivery_id', 'order_line_id'])
    .execute();
  await db.schema.createIndex('delivery_lines_order_line').on('delivery_lines').column('order_line_id').execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: work, dataScopes: { orders: 'all' } },
    sales_manager: { permissions: work, dataScopes: { orders: 'department_tree' } },
    sales_rep: {
      permissions: ['orders.view', 'orders.create', 'orders.edit', 'orders.delete'],
      dataScopes: { orders: 'own' },
    },
    service_agent: { permissions: [], dataScopes: { orders: 'own' } },
    readonly: { permissions: ['orders.view'], dataScopes: { orders: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['delivery_lines', 'deliveries', 'order_lines', 'orders'])
    await db.schema.dropTable(table).execute();
}
