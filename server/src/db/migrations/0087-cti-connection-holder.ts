import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/**
 * A PBX connection (AMI, ESL) is held by one server instance at a time: the instance that holds it and
 * when it last said so. A hold not renewed within the lock timeout is taken over by another instance.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('cti_connections').addColumn('held_by', 'text').execute();
  await db.schema.alterTable('cti_connections').addColumn('held_at', t.timestamp).execute();
}
