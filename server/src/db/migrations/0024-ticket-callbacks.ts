import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/** The callback after a ticket is resolved: whether the problem is solved, and the customer's rating. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('tickets').addColumn('callback_solved', 'integer').execute();
  await db.schema.alterTable('tickets').addColumn('satisfaction_score', 'integer').execute();
  await db.schema.alterTable('tickets').addColumn('satisfaction_comment', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('callback_by', 'integer').execute();
  await db.schema.alterTable('tickets').addColumn('callback_at', t.timestamp).execute();
  await db.schema
    .createIndex('tickets_rated')
    .on('tickets')
    .columns(['callback_at'])
    .where(sql<boolean>`satisfaction_score is not null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_rated').execute();
  for (const column of ['callback_at', 'callback_by', 'satisfaction_comment', 'satisfaction_score', 'callback_solved'])
    await db.schema.alterTable('tickets').dropColumn(column).execute();
}
