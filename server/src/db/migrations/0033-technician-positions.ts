import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/**
 * Where each technician was last seen (their phone reports it; checking in on site updates it), and
 * where a job's site is, so dispatch can send the nearest free technician.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('technician_positions')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('latitude', 'real', (c) => c.notNull())
    .addColumn('longitude', 'real', (c) => c.notNull())
    .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('work_orders').addColumn('site_latitude', 'real').execute();
  await db.schema.alterTable('work_orders').addColumn('site_longitude', 'real').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_orders').dropColumn('site_longitude').execute();
  await db.schema.alterTable('work_orders').dropColumn('site_latitude').execute();
  await db.schema.dropTable('technician_positions').execute();
}
