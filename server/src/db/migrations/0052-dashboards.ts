import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/**
 * Dashboards: a grid of report widgets, owned by one user and shared with roles or departments, or
 * built in (no owner, seen by everyone; one row per built-in, which its unique code keeps single).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('dashboards')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('builtin', 'text')
    .addColumn('widgets', t.json, (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('refresh_minutes', 'integer')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dashboards_builtin').unique().on('dashboards').column('builtin').execute();
  await db.schema.createIndex('dashboards_owner').on('dashboards').columns(['owner_id', 'name']).execute();
  await db.schema
    .createTable('dashboard_shares')
    .addColumn('dashboard_id', 'integer', (c) => c.notNull().references('dashboards.id').onDelete('cascade'))
    .addColumn('role_id', 'integer', (c) => c.references('roles.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('dashboard_shares_dashboard').on('dashboard_shares').column('dashboard_id').execute();
  await db.schema.createIndex('dashboard_shares_role').on('dashboard_shares').column('role_id').execute();
  await db.schema.createIndex('dashboard_shares_department').on('dashboard_shares').column('department_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dashboard_shares').execute();
  await db.schema.dropTable('dashboards').execute();
}
