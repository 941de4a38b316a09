import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/**
 * Customer value (RFM): each scored customer's recency, frequency and monetary value over the window,
 * their quintile scores and class, replaced as a whole by each scoring run (so that the customers'
 * own rows, their update times and indexes are left alone); and the runs, with the count and value
 * of each class, to show how the classes change over time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('customer_values')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('recency_score', 'integer', (c) => c.notNull())
    .addColumn('frequency_score', 'integer', (c) => c.notNull())
    .addColumn('monetary_score', 'integer', (c) => c.notNull())
    .addColumn('last_order_at', t.timestamp, (c) => c.notNull())
    .addColumn('recency_days', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'integer', (c) => c.notNull())
    .addColumn('monetary', 'bigint', (c) => c.notNull())
    .addColumn('scored_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_values_class')
    .on('customer_values')
    .columns(['class', 'customer_id'])
    .execute();
  await db.schema
    .createTable('rfm_runs')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .addColumn('window_days', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addColumn('classes', t.json, (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rfm_runs').execute();
  await db.schema.dropTable('customer_values').execute();
}
