import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

/**
 * Saved filters become saved views: besides the filters they hold the visible columns in their order,
 * the sort and the density, and may be shared with everyone who may open the list. Which view opens a
 * list first is each user's own choice, so it is a row per user and list rather than a flag on a view
 * that others may share.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('saved_filters').addColumn('columns', t.json).execute();
  await db.schema.alterTable('saved_filters').addColumn('sort', 'text').execute();
  await db.schema.alterTable('saved_filters').addColumn('density', 'text').execute();
  await db.schema
    .alterTable('saved_filters')
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('saved_filters').addColumn('updated_at', t.timestamp).execute();
  await sql`update saved_filters set updated_at = created_at`.execute(db);
  await db.schema.createIndex('saved_filters_shared').on('saved_filters').columns(['entity', 'shared']).execute();

  await db.schema
    .createTable('saved_filter_defaults')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('saved_filter_id', 'integer', (c) => c.notNull().references('saved_filters.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('saved_filter_defaults_pk', ['user_id', 'entity'])
    .execute();
  await db.schema
    .createIndex('saved_filter_defaults_filter')
    .on('saved_filter_defaults')
    .column('saved_filter_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_filter_defaults').execute();
  await db.schema.dropIndex('saved_filters_shared').execute();
  for (const column of ['updated_at', 'shared', 'density', 'sort', 'columns']) {
    await db.schema.alterTable('saved_filters').dropColumn(column).execute();
  }
}
