import { type Kysely, sql } from 'kysely';

/**
 * An agent's queue reads their open tickets by status; the SLA sweep's last step reads resolutions
 * already missed. Both get an index that touches only those rows (the sweep writes the literal
 * condition `resolution_breached = 1`, so SQLite can match the partial index).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tickets_owner_status').on('tickets').columns(['owner_id', 'status']).where(sql<boolean>`deleted_at is null`).execute();
  await db.schema
    .createIndex('tickets_resolution_missed')
    .on('tickets')
    .columns(['resolution_due'])
    .where(sql<boolean>`deleted_at is null and resolved_at is null and resolution_breached = 1`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_resolution_missed').execute();
  await db.schema.dropIndex('tickets_owner_status').execute();
}
