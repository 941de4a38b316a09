import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/**
 * The sales forecast of each month as it stood when the month began: each owner's open opportunities
 * expected to close in it (their amount, and weighted by probability), in the default currency, so that
 * what was won can later be measured against what was forecast.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('forecast_months')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('taken_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('forecast_snapshots')
    .addColumn('month', 'text', (c) => c.notNull().references('forecast_months.month').onDelete('cascade'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    // History: the department as it was, kept when the department is later removed.
    .addColumn('department_id', 'integer')
    .addColumn('weighted', 'bigint', (c) => c.notNull())
    .addColumn('pipeline', 'bigint', (c) => c.notNull())
    .addColumn('open_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('forecast_snapshots_month')
    .on('forecast_snapshots')
    .columns(['month', 'owner_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('forecast_snapshots').execute();
  await db.schema.dropTable('forecast_months').execute();
}
