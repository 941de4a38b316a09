import { type Kysely, sql } from 'kysely';
import type { Dialect } from './database.ts';
import type { DB } from './schema.ts';

/**
 * Makes transactions that take the same key wait for one another until the one holding it commits or
 * rolls back: for a check followed by a write (at most so many of something) that two instances, or two
 * requests on PostgreSQL's pool, could otherwise both pass. PostgreSQL: a transaction-scoped advisory
 * lock on the key's hash. SQLite: nothing to do — its one connection runs one transaction at a time.
 */
export async function lockKeyInTransaction(trx: Kysely<DB>, dialect: Dialect, key: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockKeyInTransaction needs an open transaction');
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
