import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/**
 * A running import names the server instance working on it and when that instance last said it was
 * still at it, so that an import whose instance stopped can be told from one still being written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('imports').addColumn('locked_by', 'text').execute();
  await db.schema.alterTable('imports').addColumn('locked_at', t.timestamp).execute();
  await db.schema.createIndex('imports_running').on('imports').columns(['status', 'locked_at']).execute();
  await db.schema.createIndex('scheduled_jobs_running').on('scheduled_jobs').columns(['status', 'locked_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scheduled_jobs_running').execute();
  await db.schema.dropIndex('imports_running').execute();
  await db.schema.alterTable('imports').dropColumn('locked_at').execute();
  await db.schema.alterTable('imports').dropColumn('locked_by').execute();
}
