import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { notify } from '../notifications/index.ts';
import * as repo from './followups.repository.ts';

/** A planned next follow-up becomes a reminder job at that time. */
export async function scheduleFollowupReminder(
  db: Kysely<DB>,
  followup: { id: number; nextFollowupAt: string | null },
) {
  if (!followup.nextFollowupAt || Date.parse(followup.nextFollowupAt) < Date.now() - 60_000) return;
  await scheduleJob(db, {
    kind: 'followup.remind',
    runAt: followup.nextFollowupAt,
    payload: { followupId: followup.id, at: followup.nextFollowupAt },
    dedupeKey: `followup.remind:${followup.id}:${followup.nextFollowupAt}`,
  });
}

/** Job: reminds the owner of a planned follow-up, unless it was moved, removed or the record is gone. */
export async function remindFollowup(ctx: AppContext, payload: unknown): Promise<void> {
  const { followupId, at } = payload as { followupId: number; at: string };
  const row = await repo.findFollowupToRemind(ctx.db, followupId);
  if (!row || row.nextFollowupAt !== at || row.ownerId === null) return;
  await notify(ctx.db, [
    {
      userId: row.ownerId,
      kind: 'followupDue',
      entity: row.customerId ? 'customers' : 'leads',
      entityId: row.customerId ?? row.leadId,
      params: { name: row.customerName ?? row.leadName ?? '', nextStep: row.nextStep ?? '' },
    },
  ]);
}

/** Handover gives the planned next follow-ups (not the history) to the successor. */
export const followupsOwnership: OwnedEntity = {
  entity: 'followups',
  transfer: (trx, fromUserId, to) => repo.transferPlannedFollowups(trx, fromUserId, to, new Date().toISOString()),
};
