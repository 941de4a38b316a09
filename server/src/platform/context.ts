import { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/** What every module needs from the running application. */
export type AppContext = { db: Kysely<DB>; dialect: Dialect; config: Config };

/**
 * Runs `work` in one transaction. The callback receives the transaction's own context (or handle),
 * and only that: named like the caller's `ctx` (or `db`) — the lint asks for it — it shadows it, so
 * that everything called inside (scope checks, lookups, audit) runs on the one connection the
 * transaction holds. Called inside a transaction, it joins that transaction.
 */
export function inTransaction<T>(ctx: AppContext, work: (ctx: AppContext) => Promise<T>): Promise<T>;
export function inTransaction<T>(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<T>): Promise<T>;
export function inTransaction<T>(
  handle: AppContext | Kysely<DB>,
  work: ((ctx: AppContext) => Promise<T>) | ((db: Kysely<DB>) => Promise<T>),
): Promise<T> {
  if (handle instanceof Kysely) {
    const run = work as (db: Kysely<DB>) => Promise<T>;
    if (handle.isTransaction) return run(handle);
    return handle.transaction().execute(run);
  }
  const run = work as (ctx: AppContext) => Promise<T>;
  if (handle.db.isTransaction) return run(handle);
  return handle.db.transaction().execute((trx) => run({ ...handle, db: trx }));
}
