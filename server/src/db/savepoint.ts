import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

let counter = 0;

/**
 * Runs `work` inside the open transaction `trx` behind a savepoint: when it fails, what it wrote is
 * rolled back and the transaction carries on (on PostgreSQL a failed statement would otherwise abort the
 * whole transaction). Gives the work's value, or the error it failed with.
 */
export async function attemptWithin<T>(
  trx: Kysely<DB>,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  if (!trx.isTransaction) throw new Error('attemptWithin needs an open transaction');
  const name = sql.id(`attempt_${++counter}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const value = await work();
    await sql`release savepoint ${name}`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    await sql`release savepoint ${name}`.execute(trx);
    return { ok: false, error };
  }
}
