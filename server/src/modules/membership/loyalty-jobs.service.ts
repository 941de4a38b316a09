import type { MembershipRun } from '@relate/common';
import { keysetBatches } from '../../db/keyset.ts';
import { localDate, nowIso } from '../../db/time.ts';
import { systemActor } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import * as ledger from './ledger.repository.ts';
import * as levelsRepo from './levels.repository.ts';
import { readLoyaltySettings } from './levels.service.ts';
import { spendWindowStart } from './members.service.ts';
import * as repo from './members.repository.ts';
import { recordPoints } from './points.service.ts';

/** How many members one transaction of a nightly job works on. */
export const membershipBatchSize = 500;

/**
 * Year-end expiry (daily job): points credited in year Y expire once year Y + N is over in the company's time
 * zone. Debits take the oldest points first, so what is left of the credits up to Y is those credits less every
 * debit so far; that rest is written off as one `expired` entry. Working it out again after a run, or after a
 * run that stopped half way, finds nothing left: the job may run any number of times. Each batch of members is
 * its own transaction, its members' rows locked first.
 */
export async function expirePoints(
  ctx: AppContext,
  now = new Date(),
  batchSize = membershipBatchSize,
): Promise<MembershipRun> {
  const loyalty = await readLoyaltySettings(ctx);
  if (!loyalty.pointsExpire) return { members: 0, changed: 0 };
  const { timezone } = await getSettings(ctx.db);
  const lastYear = Number(localDate(now.toISOString(), timezone).slice(0, 4)) - loyalty.expireAfterYears - 1;
  const run = { members: 0, changed: 0 };
  for await (const batch of keysetBatches((afterId) =>
    ledger.membersCreditedUpTo(ctx.db, lastYear, afterId, batchSize),
  )) {
    run.members += batch.length;
    run.changed += await inTransaction(ctx, async (ctx) => {
      const ids = batch.map((m) => m.id);
      await repo.lockMembers(ctx.db, ids);
      let expired = 0;
      for (const { memberId, remaining } of await ledger.expiringRemainders(ctx.db, ids, lastYear)) {
        const balance = await recordPoints(
          ctx.db,
          systemActor,
          memberId,
          { kind: 'expired', points: -remaining, bucketYear: lastYear },
          true,
        );
        if (balance !== null) expired++;
      }
      return expired;
    });
  }
  return run;
}

/**
 * Nightly level review: each active member whose level is not kept by hand takes the highest level its rolling
 * 12-month spend reaches (the lowest when it reaches none), summed by the database per batch of members; each
 * change is recorded in the member's level history and the audit log.
 */
export async function reviewLevels(
  ctx: AppContext,
  now = new Date(),
  batchSize = membershipBatchSize,
): Promise<MembershipRun> {
  const levels = await levelsRepo.listLevels(ctx.db);
  const run = { members: 0, changed: 0 };
  if (!levels.length) return run;
  const since = spendWindowStart(now);
  const levelFor = (spend: number) => levels.filter((l) => Number(l.minSpend) <= spend).at(-1) ?? levels[0];
  const rank = new Map(levels.map((l, i) => [l.id, i]));
  // Each batch is read and locked inside its own transaction, so a level set by hand meanwhile is never undone.
  for (let afterId = 0; ;) {
    const batch = await inTransaction(ctx, async (ctx) => {
      const batch = await repo.lockActiveMembersAfter(ctx.db, afterId, batchSize);
      const spends = await ledger.spendSince(
        ctx.db,
        batch.map((m) => m.id),
        since,
      );
      const changes = batch
        .filter((m) => !m.levelLocked)
        .map((m) => ({ member: m, spend: spends.get(m.id) ?? 0 }))
        .map((c) => ({ ...c, level: levelFor(c.spend) }))
        .filter((c) => c.level.id !== c.member.levelId);
      const at = nowIso();
      for (const { member, level } of changes)
        await repo.updateMember(ctx.db, member.id, { levelId: level.id, updatedAt: at });
      await repo.insertLevelChanges(
        ctx.db,
        changes.map(({ member, level, spend }) => ({
          memberId: member.id,
          fromLevelId: member.levelId,
          toLevelId: level.id,
          reason: (rank.get(level.id) ?? 0) > (rank.get(member.levelId) ?? 0) ? 'upgrade' : 'downgrade',
          spend,
          createdBy: null,
          createdAt: at,
        })),
      );
      await writeAuditMany(
        ctx.db,
        systemActor,
        changes.map(({ member, level, spend }) => ({
          action: 'update',
          entity: 'members',
          entityId: member.id,
          changes: [{ field: 'levelId', old: member.levelId, new: level.id }],
          detail: { spend12Months: spend },
        })),
      );
      run.changed += changes.length;
      return batch;
    });
    if (!batch.length) break;
    run.members += batch.length;
    afterId = batch[batch.length - 1].id;
  }
  return run;
}
