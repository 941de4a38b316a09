import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../db/time.ts';
import type { Actor } from './actor.ts';
import { writeAuditMany } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import type { Scope } from './scope.ts';

/** What a module's repository offers for moving its records to the recycle bin. */
export type SoftDeletable = {
  /** Ids among `ids` that exist, are active and lie in the scope. */
  idsInScope(db: Kysely<DB>, scope: Scope, ids: number[]): Promise<number[]>;
  softDelete(db: Kysely<DB>, ids: number[], by: number, at: string): Promise<unknown>;
};

/**
 * Moves those of `ids` the scope shows to the recycle bin in one transaction, with an audit row each;
 * answers how many went (records out of scope are skipped, not refused).
 */
export function softDeleteInScope(
  ctx: AppContext,
  actor: Actor,
  entity: string,
  records: SoftDeletable,
  scope: Scope,
  ids: number[],
): Promise<number> {
  return inTransaction(ctx, async (ctx) => {
    const visible = await records.idsInScope(ctx.db, scope, ids);
    if (!visible.length) return 0;
    await records.softDelete(ctx.db, visible, actor.userId, nowIso());
    await writeAuditMany(
      ctx.db,
      actor,
      visible.map((entityId) => ({ action: 'delete', entity, entityId })),
    );
    return visible.length;
  });
}
