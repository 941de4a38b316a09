import { type Kysely, sql } from 'kysely';

/**
 * The recycle bin looks up deleted rows; an index over every row's deleted_at (almost all null)
 * only tempted the SQLite planner into reading whole tables for "deleted_at is null" lists.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_deleted').execute();
  for (const table of ['customers', 'contacts', 'leads']) {
    await db.schema
      .createIndex(`${table}_in_recycle_bin`)
      .on(table)
      .columns(['deleted_at', 'id'])
      .where(sql<boolean>`deleted_at is not null`)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['customers', 'contacts', 'leads'])
    await db.schema.dropIndex(`${table}_in_recycle_bin`).execute();
  await db.schema.createIndex('customers_deleted').on('customers').column('deleted_at').execute();
}
