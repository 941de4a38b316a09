import { type Kysely, sql } from 'kysely';

/** Tasks of a record come newest due first on its timeline: the related-record index gains the order. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_related').execute();
  await db.schema
    .createIndex('tasks_related_due')
    .on('tasks')
    .columns(['related_entity', 'related_id', 'due_at', 'id'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_related_due').execute();
  await db.schema
    .createIndex('tasks_related')
    .on('tasks')
    .columns(['related_entity', 'related_id'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
}
