import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The server instances (by their root database handle) that have begun to stop. */
const stopping = new WeakSet<object>();

/** From now on the instance on this handle says it is not ready, so a load balancer sends it nothing new. */
export function markStopping(db: Kysely<DB>): void {
  stopping.add(db);
}

export function isStopping(db: Kysely<DB>): boolean {
  return stopping.has(db);
}
