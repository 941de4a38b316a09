import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/** The installed base (assets) and service contracts with their covered assets and the work counted against them. */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('assets')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('product_id', 'integer', (c) => c.references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text')
    .addColumn('purchased_on', 'text')
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('warranty_ends_on', 'text')
    .addColumn('location', 'text')
    .addColumn('notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('assets_customer')
    .on('assets')
    .columns(['customer_id', 'id'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema.createIndex('assets_serial').on('assets').column('serial_number').execute();
  await db.schema
    .createTable('service_contracts')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('contract_id', 'integer', (c) => c.references('contracts.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('visits_included', 'integer')
    .addColumn('minutes_included', 'integer')
    .addColumn('response_minutes', 'integer')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('service_contracts_customer')
    .on('service_contracts')
    .columns(['customer_id', 'ends_on'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema
    .createTable('service_contract_assets')
    .addColumn('service_contract_id', 'integer', (c) =>
      c.notNull().references('service_contracts.id').onDelete('cascade'),
    )
    .addColumn('asset_id', 'integer', (c) => c.notNull().references('assets.id'))
    .addPrimaryKeyConstraint('service_contract_assets_pk', ['service_contract_id', 'asset_id'])
    .execute();
  await db.schema
    .createIndex('service_contract_assets_asset')
    .on('service_contract_assets')
    .column('asset_id')
    .execute();
  await db.schema
    .createTable('service_usage')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('service_contract_id', 'integer', (c) => c.notNull().references('service_contracts.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_usage_contract')
    .on('service_usage')
    .columns(['service_contract_id', 'id'])
    .execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('asset_id', 'integer', (c) => c.references('assets.id'))
    .execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('service_contract_id', 'integer', (c) => c.references('service_contracts.id'))
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['assets.view', 'assets.manage'] },
    sales_manager: { permissions: ['assets.view'] },
    sales_rep: { permissions: ['assets.view'] },
    service_agent: { permissions: ['assets.view', 'assets.manage'] },
    readonly: { permissions: ['assets.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('service_contract_id').execute();
  await db.schema.alterTable('tickets').dropColumn('asset_id').execute();
  for (const table of ['service_usage', 'service_contract_assets', 'service_contracts', 'assets'])
    await db.schema.dropTable(table).execute();
}
