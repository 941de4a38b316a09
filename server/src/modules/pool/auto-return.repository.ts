import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type ReturnReason = 'noFollowup' | 'noDeal';

function owned(db: Kysely<DB>) {
  return db.selectFrom('customers').where('ownerId', 'is not', null).where('deletedAt', 'is', null);
}

const dueBy: Record<ReturnReason, (qb: ReturnType<typeof owned>, cutoff: string) => ReturnType<typeof owned>> = {
  /** Customers untouched since the cutoff: no follow-up (or, without any, not since claimed or created). */
  noFollowup: (qb, cutoff) => qb.where(sql<boolean>`coalesce(last_followup_at, claimed_at, created_at) < ${cutoff}`),
  /** Customers claimed from the pool before the cutoff that have not become deals. */
  noDeal: (qb, cutoff) =>
    qb.where('claimedAt', '<', cutoff).where((eb) => eb.or([eb('stage', 'is', null), eb('stage', '!=', 'deal')])),
};

/** The first `limit` owned customers past the rule at the cutoff, in id order. */
export function listCustomersDue(db: Kysely<DB>, reason: ReturnReason, cutoff: string, limit: number) {
  return dueBy[reason](owned(db), cutoff)
    .select(['id', 'name', 'ownerId', 'departmentId'])
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Owned customers past the rule at the cutoff whose owner has not been warned yet. */
export function listUnwarnedCustomersDue(db: Kysely<DB>, reason: ReturnReason, cutoff: string, limit: number) {
  return dueBy[reason](owned(db), cutoff)
    .where('returnWarnedAt', 'is', null)
    .select(['id', 'name', 'ownerId'])
    .limit(limit)
    .execute();
}

export function markReturnWarned(db: Kysely<DB>, customerIds: number[], at: string) {
  return db.updateTable('customers').set({ returnWarnedAt: at }).where('id', 'in', customerIds).execute();
}
