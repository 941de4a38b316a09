import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/** Service strategies with their standard customer levels, implementation plans (versioned, with progress notes) and customer requirements. */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('service_strategies')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('customer_levels', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema
    .createTable('implementation_plans')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('strategy_ids', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('implementation_plans_customer')
    .on('implementation_plans')
    .columns(['customer_id', 'id'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema
    .createTable('plan_versions')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('implementation_plans.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'version'])
    .execute();
  await db.schema
    .createTable('plan_notes')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('implementation_plans.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_notes_plan').on('plan_notes').columns(['plan_id', 'id']).execute();
  await db.schema
    .createTable('customer_requirements')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('channel', 'text')
    .addColumn('category', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.references('implementation_plans.id'))
    .addColumn('strategy_id', 'integer', (c) => c.references('service_strategies.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('customer_requirements_customer')
    .on('customer_requirements')
    .columns(['customer_id', 'id'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema
    .createIndex('customer_requirements_open')
    .on('customer_requirements')
    .columns(['status', 'category'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['strategies.view', 'strategies.manage'] },
    sales_manager: { permissions: ['strategies.view', 'strategies.manage'] },
    sales_rep: { permissions: ['strategies.view'] },
    service_agent: { permissions: ['strategies.view', 'strategies.manage'] },
    readonly: { permissions: ['strategies.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'customer_requirements',
    'plan_notes',
    'plan_versions',
    'implementation_plans',
    'service_strategies',
  ])
    await db.schema.dropTable(table).execute();
}
