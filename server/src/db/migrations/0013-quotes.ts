import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const work = ['quotes.view', 'quotes.create', 'quotes.edit', 'quotes.delete'];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('quotes')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('root_id', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('is_latest', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('opportunity_id', 'integer', (c) => c.references('opportunities.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('subtotal', money, (c) => c.notNull())
    .addColumn('discount', money, (c) => c.notNull())
    .addColumn('tax', money, (c) => c.notNull())
    .addColumn('total', money, (c) => c.notNull())
    .addColumn('terms', 'text')
    .addColumn('notes', 'text')
    .addColumn('sent_at', t.timestamp)
    .addColumn('decided_at', t.timestamp)
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
  await db.schema.createIndex('quotes_number_version').on('quotes').columns(['number', 'version']).unique().execute();
  for (const [name, columns] of [
    ['quotes_owner_updated', ['owner_id', 'updated_at', 'id']],
    ['quotes_department_updated', ['department_id', 'updated_at', 'id']],
    ['quotes_updated', ['updated_at', 'id']],
    ['quotes_customer', ['customer_id', 'created_at', 'id']],
    ['quotes_opportunity', ['opportunity_id', 'version']],
    ['quotes_root', ['root_id', 'version']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('quotes').columns(columns).where(active).execute();
  }
  await db.schema
    .createTable('quote_lines')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('quote_id', 'integer', (c) => c.notNull().references('quotes.id').onDelete('cascade'))
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
    .execute();
  await db.schema.createIndex('quote_lines_of').on('quote_lines').columns(['quote_id', 'position']).execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: work, dataScopes: { quotes: 'all' } },
    sales_manager: { permissions: work, dataScopes: { quotes: 'department_tree' } },
    sales_rep: { permissions: work, dataScopes: { quotes: 'own' } },
    service_agent: { permissions: [], dataScopes: { quotes: 'own' } },
    readonly: { permissions: ['quotes.view'], dataScopes: { quotes: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quote_lines').execute();
  await db.schema.dropTable('quotes').execute();
}
