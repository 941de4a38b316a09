import { writeAudit } from '../../platform/audit.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { findVisibleCampaign, insertCampaignMembers } from '../campaigns/index.ts';
import { segmentMemberIds } from './segments.service.ts';

/** Members are written this many at a time, so that no statement grows with the segment. */
const batchSize = 5000;

/**
 * Freezes a segment into a campaign: its members as the caller sees them at this moment become campaign
 * members (source "segment"), in one transaction, read in one statement and written in batches; records
 * already in the campaign stay as they are. One audit row on the campaign records the whole addition.
 */
export async function addSegmentToCampaign(ctx: AppContext, actor: Actor, campaignId: number, segmentId: number) {
  if (!can(actor, 'segments.view')) throw forbidden();
  await findVisibleCampaign(ctx, actor, campaignId);
  return inTransaction(ctx, async (ctx) => {
    const { entity, ids } = await segmentMemberIds(ctx, actor, segmentId);
    let added = 0;
    for (let i = 0; i < ids.length; i += batchSize) {
      const result = await insertCampaignMembers(ctx.db, actor, campaignId, entity, ids.slice(i, i + batchSize), {
        source: 'segment',
        audit: false,
      });
      added += result.added;
    }
    if (added)
      await writeAudit(ctx.db, actor, {
        action: 'addMembers',
        entity: 'campaigns',
        entityId: campaignId,
        detail: { entity, added, source: 'segment', segmentId },
      });
    return { added, alreadyMembers: ids.length - added };
  });
}
