import type { LeadBulkEdit } from '@relate/common';
import type { z } from 'zod';
import { type Actor, can } from '../../platform/actor.ts';
import { editEach } from '../../platform/bulk-edit.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, forbidden } from '../../platform/errors.ts';
import { assertWritableFields } from '../../platform/field-rules.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './leads.repository.ts';
import { leadDictionaryFields, leadScope, updateLead } from './leads.service.ts';

/**
 * Changes the same fields of many leads: each one in scope goes through the single lead's update
 * (status rules, field permissions, audit), in one transaction; a converted lead keeps its status and is skipped.
 */
export async function bulkEditLeads(ctx: AppContext, actor: Actor, { ids, changes }: z.output<typeof LeadBulkEdit>) {
  // What holds for every record is refused once, for the whole request, as the single edit would.
  assertWritableFields(actor, 'leads', changes, null);
  await assertDictionaryCodes(ctx.db, changes, leadDictionaryFields);
  if (changes.ownerId !== undefined) {
    if (changes.ownerId !== actor.userId && !can(actor, 'leads.assign')) throw forbidden();
    const owner = await findUserDepartmentAndStatus(ctx.db, changes.ownerId);
    if (!owner) throw fieldError('ownerId', 'unknownUser', { value: changes.ownerId });
    if (owner.status !== 'active') throw fieldError('ownerId', 'userDisabled');
  }
  const scope = await leadScope(ctx, actor);
  return editEach(
    ctx,
    actor,
    ids,
    (ctx, ids) => repo.idsInScope(ctx.db, scope, ids),
    async (ctx, id) => {
      await updateLead(ctx, actor, id, changes);
    },
  );
}
