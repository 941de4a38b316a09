import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const work = [
  'opportunities.view',
  'opportunities.create',
  'opportunities.edit',
  'opportunities.delete',
  'opportunities.export',
];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('pipelines')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pipeline_stages')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('pipeline_id', 'integer', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('required_fields', t.json, (c) => c.notNull())
    .addUniqueConstraint('pipeline_stages_code', ['pipeline_id', 'code'])
    .execute();

  await db.schema
    .createTable('opportunities')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('pipeline_id', 'integer', (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_id', 'integer', (c) => c.notNull().references('pipeline_stages.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', money)
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', t.date)
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('lost_reason', 'text')
    .addColumn('next_step', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('stage_entered_at', t.timestamp, (c) => c.notNull())
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
    ['opportunities_updated', ['updated_at', 'id']],
    ['opportunities_owner_updated', ['owner_id', 'updated_at', 'id']],
    ['opportunities_department_updated', ['department_id', 'updated_at', 'id']],
    ['opportunities_customer', ['customer_id', 'created_at', 'id']],
    ['opportunities_stage', ['pipeline_id', 'stage_id', 'updated_at', 'id']],
    ['opportunities_close', ['status', 'expected_close_date']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('opportunities').columns(columns).where(active).execute();
  }
  await db.schema
    .createIndex('opportunities_in_recycle_bin')
    .on('opportunities')
    .columns(['deleted_at', 'id'])
    .where(sql<boolean>`deleted_at is not null`)
    .execute();

  await db.schema
    .createTable('opportunity_contacts')
    .addColumn('opportunity_id', 'integer', (c) => c.notNull().references('opportunities.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('role', 'text')
    .addPrimaryKeyConstraint('opportunity_contacts_pk', ['opportunity_id', 'contact_id'])
    .execute();
  await db.schema
    .createTable('opportunity_competitors')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('opportunity_id', 'integer', (c) => c.notNull().references('opportunities.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('strengths', 'text')
    .addColumn('price', money)
    .execute();
  await db.schema
    .createIndex('opportunity_competitors_of')
    .on('opportunity_competitors')
    .column('opportunity_id')
    .execute();
  await db.schema
    .createTable('opportunity_products')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('opportunity_id', 'integer', (c) => c.notNull().references('opportunities.id').onDelete('cascade'))
    .addColumn('product_id', 'integer')
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', money, (c) => c.notNull())
    .addColumn('unit_price', money, (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opportunity_products_of').on('opportunity_products').column('opportunity_id').execute();
  await db.schema
    .createTable('opportunity_stage_history')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('opportunity_id', 'integer', (c) => c.notNull().references('opportunities.id').onDelete('cascade'))
    .addColumn('from_stage_id', 'integer')
    .addColumn('to_stage_id', 'integer', (c) => c.notNull())
    .addColumn('changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('changed_by', 'integer')
    .addColumn('seconds_in_previous', 'integer')
    .execute();
  await db.schema
    .createIndex('opportunity_stage_history_of')
    .on('opportunity_stage_history')
    .columns(['opportunity_id', 'id'])
    .execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: [...work, 'opportunities.assign', 'pipelines.manage'], dataScopes: { opportunities: 'all' } },
    sales_manager: { permissions: [...work, 'opportunities.assign'], dataScopes: { opportunities: 'department_tree' } },
    sales_rep: { permissions: work, dataScopes: { opportunities: 'own' } },
    service_agent: { permissions: ['opportunities.view'], dataScopes: { opportunities: 'own' } },
    readonly: { permissions: ['opportunities.view'], dataScopes: { opportunities: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'opportunity_stage_history',
    'opportunity_products',
    'opportunity_competitors',
    'opportunity_contacts',
    'opportunities',
    'pipeline_stages',
    'pipelines',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
