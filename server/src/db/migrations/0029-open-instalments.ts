import { type Kysely, sql } from 'kysely';

/**
 * The aging report reads only instalments not yet fully paid — a fraction of all of them once
 * customers pay. Partial indexes over just those rows, in the order of each grouping, let it sum
 * them without touching the paid ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const key of ['department_id', 'owner_id', 'customer_id']) {
    await db.schema
      .createIndex(`instalments_open_${key.replace('_id', '')}`)
      .on('instalments')
      .columns([key, 'due_date', 'amount', 'received'])
      .where(sql<boolean>`received < amount`)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['department', 'owner', 'customer'])
    await db.schema.dropIndex(`instalments_open_${name}`).execute();
}
