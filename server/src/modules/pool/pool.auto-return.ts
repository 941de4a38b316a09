import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { systemActor } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { notify } from '../notifications/index.ts';
import { getSettings } from '../settings/index.ts';
import { homePool, moveToPool } from './pool.service.ts';

const day = 86_400_000;
const batch = 500;

type Rule = {
  reason: 'noFollowup' | 'noDeal';
  due: (qb: ReturnType<typeof owned>, cutoff: string) => ReturnType<typeof owned>;
};

function owned(db: Kysely<DB>) {
  return db.selectFrom('customers').where('ownerId', 'is not', null).where('deletedAt', 'is', null);
}

/** Customers untouched since the cutoff: no follow-up (or, without any, not since claimed or created). */
const noFollowup: Rule = {
  reason: 'noFollowup',
  due: (qb, cutoff) => qb.where(sql<boolean>`coalesce(last_followup_at, claimed_at, created_at) < ${cutoff}`),
};
/** Customers claimed from the pool before the cutoff that have not become deals. */
const noDeal: Rule = {
  reason: 'noDeal',
  due: (qb, cutoff) =>
    qb.where('claimedAt', '<', cutoff).where((eb) => eb.or([eb('stage', 'is', null), eb('stage', '!=', 'deal')])),
};

/**
 * The periodic sweep of the public pool rules: customers past a rule return to their pool (the
 * previous owner is told), and owners are warned once a few days before it happens.
 */
export async function autoReturnSweep(ctx: AppContext): Promise<void> {
  const settings = await getSettings(ctx.db);
  const now = Date.now();
  const rules: Array<[Rule, number]> = [
    [noFollowup, settings.poolReturnNoFollowupDays],
    [noDeal, settings.poolReturnNoDealDays],
  ];
  for (const [rule, days] of rules) {
    if (days <= 0) continue;
    const cutoff = new Date(now - days * day).toISOString();
    for (;;) {
      const due = await rule
        .due(owned(ctx.db), cutoff)
        .select(['id', 'name', 'ownerId', 'departmentId'])
        .orderBy('id')
        .limit(batch)
        .execute();
      if (!due.length) break;
      await inTransaction(ctx, async (ctx) => {
        for (const departmentId of new Set(due.map((c) => c.departmentId))) {
          const ids = due.filter((c) => c.departmentId === departmentId).map((c) => c.id);
          await moveToPool(ctx.db, systemActor, ids, await homePool(ctx.db, departmentId), 'return', rule.reason);
        }
        await notify(
          ctx.db,
          due.map((c) => ({
            userId: c.ownerId!,
            kind: 'customerReturned' as const,
            entity: 'customers',
            entityId: c.id,
            params: { name: c.name, reason: rule.reason },
          })),
        );
      });
      if (due.length < batch) break;
    }
    if (settings.poolWarnDaysBefore > 0) {
      const warnCutoff = new Date(now - (days - settings.poolWarnDaysBefore) * day).toISOString();
      const soon = await rule
        .due(owned(ctx.db), warnCutoff)
        .where('returnWarnedAt', 'is', null)
        .select(['id', 'name', 'ownerId'])
        .limit(5000)
        .execute();
      if (!soon.length) continue;
      const returnDate = new Date(now + settings.poolWarnDaysBefore * day).toISOString().slice(0, 10);
      await inTransaction(ctx, async (ctx) => {
        await ctx.db
          .updateTable('customers')
          .set({ returnWarnedAt: nowIso() })
          .where(
            'id',
            'in',
            soon.map((c) => c.id),
          )
          .execute();
        await notify(
          ctx.db,
          soon.map((c) => ({
            userId: c.ownerId!,
            kind: 'customerReturning' as const,
            entity: 'customers',
            entityId: c.id,
            params: { name: c.name, date: returnDate, reason: rule.reason },
          })),
        );
      });
    }
  }
}
