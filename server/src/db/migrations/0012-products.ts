import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const catalogue = [
  'products.view',
  'products.create',
  'products.edit',
  'products.delete',
  'products.import',
  'products.export',
  'pricebooks.manage',
];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('product_categories')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('product_categories.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('products')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('product_categories.id'))
    .addColumn('unit', 'text')
    .addColumn('specification', 'text')
    .addColumn('list_price', money, (c) => c.notNull())
    .addColumn('cost_price', money)
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('track_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  const active = sql<boolean>`deleted_at is null`;
  await db.schema.createIndex('products_code').on('products').column('code').unique().where(active).execute();
  await db.schema
    .createIndex('products_category')
    .on('products')
    .columns(['category_id', 'code'])
    .where(active)
    .execute();
  await db.schema.createIndex('products_updated').on('products').columns(['updated_at', 'id']).where(active).execute();
  await db.schema
    .createIndex('products_in_recycle_bin')
    .on('products')
    .columns(['deleted_at', 'id'])
    .where(sql<boolean>`deleted_at is not null`)
    .execute();

  await db.schema
    .createTable('price_books')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('customer_level', 'text')
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('price_books_customer').on('price_books').column('customer_id').execute();
  await db.schema
    .createTable('price_book_entries')
    .addColumn('price_book_id', 'integer', (c) => c.notNull().references('price_books.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addColumn('price', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('price_book_entries_pk', ['price_book_id', 'product_id'])
    .execute();
  await db.schema.createIndex('price_book_entries_product').on('price_book_entries').column('product_id').execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: catalogue },
    sales_manager: { permissions: ['products.view', 'products.export'] },
    sales_rep: { permissions: ['products.view'] },
    service_agent: { permissions: ['products.view'] },
    readonly: { permissions: ['products.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['price_book_entries', 'price_books', 'products', 'product_categories'])
    await db.schema.dropTable(table).execute();
}
