import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Light inventory: warehouses, stock per product and warehouse (quantities in thousandths of a unit,
 * value in cents, so the weighted-average cost is value ÷ quantity), every movement with who and why,
 * reservations of approved orders, and the revenue and cost of each delivered line for margins.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('warehouses')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stock_levels')
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('on_hand_milli', big, (c) => c.notNull())
    .addColumn('reserved_milli', big, (c) => c.notNull())
    .addColumn('value_minor', big, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_levels_pk', ['product_id', 'warehouse_id'])
    // The database itself refuses stock below zero, whatever a bug or a race might try.
    .addCheckConstraint('stock_levels_not_negative', sql`on_hand_milli >= 0 and reserved_milli >= 0`)
    .execute();
  await db.schema
    .createIndex('stock_levels_warehouse')
    .on('stock_levels')
    .columns(['warehouse_id', 'product_id'])
    .execute();
  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', big, (c) => c.notNull())
    .addColumn('value_minor', big, (c) => c.notNull())
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('delivery_id', 'integer', (c) => c.references('deliveries.id'))
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_movements_product').on('stock_movements').columns(['product_id', 'id']).execute();
  await db.schema
    .createIndex('stock_movements_warehouse')
    .on('stock_movements')
    .columns(['warehouse_id', 'id'])
    .execute();
  await db.schema.createIndex('stock_movements_order').on('stock_movements').column('order_id').execute();
  await db.schema
    .createTable('stock_reservations')
    .addColumn('order_line_id', 'integer', (c) => c.primaryKey().references('order_lines.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('quantity_milli', big, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('products').addColumn('reorder_level_milli', big).execute();
  await db.schema
    .alterTable('orders')
    .addColumn('warehouse_id', 'integer', (c) => c.references('warehouses.id'))
    .execute();
  // What each delivered line earned (after the order discount) and cost, in the company currency.
  await db.schema
    .alterTable('delivery_lines')
    .addColumn('revenue_minor', big, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('delivery_lines')
    .addColumn('cost_minor', big, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('deliveries_delivered_on').on('deliveries').columns(['delivered_on', 'id']).execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['inventory.view', 'inventory.manage', 'inventory.costs'] },
    sales_manager: { permissions: ['inventory.view', 'inventory.costs'] },
    sales_rep: { permissions: ['inventory.view'] },
    readonly: { permissions: ['inventory.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deliveries_delivered_on').execute();
  await db.schema.alterTable('delivery_lines').dropColumn('cost_minor').execute();
  await db.schema.alterTable('delivery_lines').dropColumn('revenue_minor').execute();
  await db.schema.alterTable('orders').dropColumn('warehouse_id').execute();
  await db.schema.alterTable('products').dropColumn('reorder_level_milli').execute();
  for (const table of ['stock_reservations', 'stock_movements', 'stock_levels', 'warehouses'])
    await db.schema.dropTable(table).execute();
}
