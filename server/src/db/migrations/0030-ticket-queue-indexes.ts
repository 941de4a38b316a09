import { type Kysely, sql } from 'kysely';

/**
 * An agent's queue reads their open tickets by status; the SLA sweep's last step reads resolutions
 * already missed. Both get an index that touches only those rows (the sweep writes the literal
 * condition `resolution_breached = 1`, so SQLite can match the partial index). And every table
 * that points at customers or contacts gets a whole (not partial) index on that column: removing a
 * customer checks its references through them instead of reading the tables end to end.
 */
const references: Array<[string, string]> = [
  ['tickets', 'customer_id'],
  ['tickets', 'contact_id'],
  ['assets', 'customer_id'],
  ['service_contracts', 'customer_id'],
  ['work_orders', 'customer_id'],
  ['implementation_plans', 'customer_id'],
  ['customer_requirements', 'customer_id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tickets_owner_status')
    .on('tickets')
    .columns(['owner_id', 'status'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema
    .createIndex('tickets_resolution_missed')
    .on('tickets')
    .columns(['resolution_due'])
    .where(sql<boolean>`deleted_at is null and resolved_at is null and resolution_breached = 1`)
    .execute();
  for (const [table, column] of references)
    await db.schema.createIndex(`${table}_${column}_ref`).on(table).column(column).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, column] of references) await db.schema.dropIndex(`${table}_${column}_ref`).execute();
  await db.schema.dropIndex('tickets_resolution_missed').execute();
  await db.schema.dropIndex('tickets_owner_status').execute();
}
