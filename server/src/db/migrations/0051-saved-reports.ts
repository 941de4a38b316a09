import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/** Saved reports, each owned by one user and shared with roles or departments (one row per share). */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('folder', 'text')
    .addColumn('definition', t.json, (c) => c.notNull())
    .addColumn('chart', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_owner').on('reports').columns(['owner_id', 'name']).execute();
  await db.schema
    .createTable('report_shares')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('role_id', 'integer', (c) => c.references('roles.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('report_shares_report').on('report_shares').column('report_id').execute();
  await db.schema.createIndex('report_shares_role').on('report_shares').column('role_id').execute();
  await db.schema.createIndex('report_shares_department').on('report_shares').column('department_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_shares').execute();
  await db.schema.dropTable('reports').execute();
}
