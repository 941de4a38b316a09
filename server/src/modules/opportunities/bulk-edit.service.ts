import type { OpportunityBulkEdit } from '@relate/common';
import type { z } from 'zod';
import { type Actor, can } from '../../platform/actor.ts';
import { editEach } from '../../platform/bulk-edit.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, forbidden } from '../../platform/errors.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { idsInScope } from './bulk-edit.repository.ts';
import { findOwnerCandidate } from './opportunities.repository.ts';
import { opportunityScope, updateOpportunity } from './opportunities.service.ts';

/**
 * Changes the same fields of many opportunities: each one in scope goes through the single
 * opportunity's update (stage rules and history, audit), in one transaction. One whose pipeline has
 * no such stage, or whose new stage needs what it lacks, is skipped with the reason.
 */
export async function bulkEditOpportunities(
  ctx: AppContext,
  actor: Actor,
  { ids, changes }: z.output<typeof OpportunityBulkEdit>,
) {
  // What holds for every record is refused once, for the whole request, as the single edit would.
  await assertDictionaryCodes(ctx.db, changes, { source: 'customer_source' });
  if (changes.ownerId !== undefined) {
    if (changes.ownerId !== actor.userId && !can(actor, 'opportunities.assign')) throw forbidden();
    const owner = await findOwnerCandidate(ctx.db, changes.ownerId);
    if (!owner) throw fieldError('ownerId', 'unknownUser', { value: changes.ownerId });
    if (owner.status !== 'active') throw fieldError('ownerId', 'userDisabled');
  }
  const scope = await opportunityScope(ctx, actor);
  return editEach(
    ctx,
    actor,
    ids,
    (ctx, ids) => idsInScope(ctx.db, scope, ids),
    async (ctx, id) => {
      await updateOpportunity(ctx, actor, id, changes);
    },
  );
}
