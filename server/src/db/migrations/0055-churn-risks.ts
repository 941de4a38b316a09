import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/**
 * Churn risk: per customer whose order rhythm broke or who holds open receivables or tickets, the figures
 * of the last computation (bought orders, the last one, twice their usual interval, the days since, what
 * is owed and the open tickets), replaced as a whole by each run so that the customers' own rows are left
 * alone; and the runs, with how long each took.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('churn_risks')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('bought_orders', 'integer', (c) => c.notNull())
    .addColumn('last_order_at', t.timestamp)
    .addColumn('rhythm_limit_days', 'integer')
    .addColumn('days_since_order', 'integer')
    .addColumn('order_rhythm', 'integer', (c) => c.notNull())
    .addColumn('open_receivable', 'bigint', (c) => c.notNull())
    .addColumn('open_instalments', 'integer', (c) => c.notNull())
    .addColumn('open_tickets', 'integer', (c) => c.notNull())
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('churn_runs')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('order_rhythm', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('churn_runs').execute();
  await db.schema.dropTable('churn_risks').execute();
}
