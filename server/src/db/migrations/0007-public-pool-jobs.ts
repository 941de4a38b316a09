import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  await db.schema
    .createTable('pools')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('customers')
    .addColumn('pool_id', 'integer', (c) => c.references('pools.id'))
    .execute();
  await db.schema.alterTable('customers').addColumn('claimed_at', t.timestamp).execute();
  await db.schema.alterTable('customers').addColumn('return_warned_at', t.timestamp).execute();
  await db.schema
    .createIndex('customers_pool')
    .on('customers')
    .columns(['pool_id', 'updated_at', 'id'])
    .where(sql<boolean>`deleted_at is null and pool_id is not null`)
    .execute();

  await db.schema
    .createTable('pool_claims')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('claimed_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pool_claims_user').on('pool_claims').columns(['user_id', 'claimed_at']).execute();

  // One row per job run; several server instances claim due rows atomically, so each runs once.
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('locked_by', 'text')
    .addColumn('locked_at', t.timestamp)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('finished_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scheduled_jobs_due').on('scheduled_jobs').columns(['status', 'run_at']).execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['pool.view', 'pool.claim', 'pool.release', 'pool.manage'] },
    sales_manager: { permissions: ['pool.view', 'pool.claim', 'pool.release'] },
    sales_rep: { permissions: ['pool.view', 'pool.claim', 'pool.release'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduled_jobs').execute();
  await db.schema.dropTable('pool_claims').execute();
  await db.schema.dropIndex('customers_pool').execute();
  for (const column of ['return_warned_at', 'claimed_at', 'pool_id'])
    await db.schema.alterTable('customers').dropColumn(column).execute();
  await db.schema.dropTable('pools').execute();
}
