import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/** What every module needs from the running application. */
export type AppContext = { db: Kysely<DB>; dialect: Dialect; config: Config };

/**
 * Runs `work` in one transaction. The callback receives the transaction's own context, which shadows
 * the caller's `ctx`: everything called with `ctx` inside — scope checks, lookups, audit — runs on the
 * one connection the transaction holds. Called inside a transaction, it joins that transaction.
 */
export function inTransaction<T>(ctx: AppContext, work: (ctx: AppContext, trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx, ctx.db);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }, trx));
}
