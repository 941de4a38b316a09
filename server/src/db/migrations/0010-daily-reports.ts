import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const work = ['dailyReports.view', 'dailyReports.submit'];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('daily_reports')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('problems', 'text')
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('submitted_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('daily_reports_owner_date', ['owner_id', 'report_date'])
    .execute();
  await db.schema
    .createIndex('daily_reports_department_date')
    .on('daily_reports')
    .columns(['department_id', 'report_date'])
    .execute();
  await db.schema.createIndex('daily_reports_date').on('daily_reports').columns(['report_date', 'id']).execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: work, dataScopes: { dailyReports: 'all' } },
    sales_manager: { permissions: work, dataScopes: { dailyReports: 'department_tree' } },
    sales_rep: { permissions: work, dataScopes: { dailyReports: 'own' } },
    service_agent: { permissions: work, dataScopes: { dailyReports: 'own' } },
    readonly: { permissions: ['dailyReports.view'], dataScopes: { dailyReports: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('daily_reports').execute();
}
