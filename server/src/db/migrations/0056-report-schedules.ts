import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/** When a saved report is sent by email, and to whom (one schedule per report, gone with it). */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('report_schedules')
    .addColumn('report_id', 'integer', (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer')
    .addColumn('month_day', 'integer')
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('recipient_ids', t.json, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', t.timestamp)
    .addColumn('last_sent_at', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_schedules_due').on('report_schedules').column('next_run_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_schedules').execute();
}
