import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Segments (客户分群): a saved rule (dynamic: a filter tree over customers, contacts or leads, stored as
 * JSON and compiled to SQL when asked) or a chosen list of records (static: its member rows). Segments are
 * shared by the company; what a user counts or sees of their members is always their own data scope.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('segments')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    // customers, contacts or leads
    .addColumn('entity', 'text', (c) => c.notNull())
    // dynamic or static
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filter', t.json)
    .addColumn('description', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segments_updated').on('segments').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('segment_members')
    .addColumn('segment_id', 'integer', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_members_pk', ['segment_id', 'entity_id'])
    .execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['segments.view', 'segments.manage'] },
    sales_manager: { permissions: ['segments.view', 'segments.manage'] },
    sales_rep: { permissions: ['segments.view'] },
    readonly: { permissions: ['segments.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('segment_members').execute();
  await db.schema.dropTable('segments').execute();
}
