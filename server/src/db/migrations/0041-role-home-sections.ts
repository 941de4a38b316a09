import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/** The home page's sections an administrator chose for a role (a JSON array of codes); null: the default ones. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('roles').addColumn('home_sections', t.json).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roles').dropColumn('home_sections').execute();
}
