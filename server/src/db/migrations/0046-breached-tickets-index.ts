import { type Kysely, sql } from 'kysely';

/**
 * The tickets past their SLA, newest first, in an index of their own. They are few among millions (or
 * none), and no other index names them: without it, the queue's "breached" filter read every ticket
 * to count them and again to find a page (seconds at two million). The list writes the same condition
 * with the same literals (tickets.repository.ts), which is how the database knows the index answers it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tickets_breached')
    .on('tickets')
    .columns(['created_at', 'id'])
    .where(sql<boolean>`deleted_at is null and (first_response_breached = 1 or resolution_breached = 1)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_breached').execute();
}
