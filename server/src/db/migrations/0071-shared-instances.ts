import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/**
 * What several server instances on one database share besides the business tables: events pushed to
 * users' open browsers (read by every instance after a NOTIFY, or by polling), the counters of the
 * rate limits, and the contents of uploaded files kept in the database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('push_messages')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  // The polling fallback reads the last seconds' rows; the sweep removes the older ones.
  await db.schema.createIndex('push_messages_created').on('push_messages').column('created_at').execute();
  await db.schema
    .createTable('rate_limit_counts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    // Milliseconds since the epoch: compared with the clock of the instance that counts.
    .addColumn('resets_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_counts_resets').on('rate_limit_counts').column('resets_at').execute();
  await db.schema
    .createTable('stored_files')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stored_files').execute();
  await db.schema.dropTable('rate_limit_counts').execute();
  await db.schema.dropTable('push_messages').execute();
}
