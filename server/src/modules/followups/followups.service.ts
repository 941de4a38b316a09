import type { Followup, FollowupInput, FollowupPatch, FollowupQuery, Page } from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { contactOfCustomer } from '../contacts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import { scheduleFollowupReminder } from './followups.reminders.ts';
import { isLeadVisible } from './lead-visibility.ts';
import { recordBehaviour } from '../scoring/index.ts';
import * as repo from './followups.repository.ts';
import { createdStamps } from '../../platform/stamps.ts';

const auditedFields = [
  'type',
  'occurredAt',
  'contactId',
  'opportunityId',
  'contactName',
  'content',
  'result',
  'nextStep',
  'nextFollowupAt',
] as const;
const dictionaryFields = { type: 'followup_type' } as const;

/** Times arrive with any offset; they are stored in UTC so that text comparison orders them on SQLite. */
const utc = (value: string | null | undefined) => (value ? new Date(value).toISOString() : value);

export function toFollowup(row: repo.FollowupRow): Followup {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    leadId: row.leadId,
    leadName: row.leadName,
    contactId: row.contactId,
    opportunityId: row.opportunityId,
    type: row.type,
    occurredAt: row.occurredAt,
    contactName: row.contactName,
    content: row.content,
    result: row.result,
    nextStep: row.nextStep,
    nextFollowupAt: row.nextFollowupAt,
    checkIn:
      row.checkinLatitude !== null && row.checkinLongitude !== null
        ? {
            latitude: Number(row.checkinLatitude),
            longitude: Number(row.checkinLongitude),
            address: row.checkinAddress,
          }
        : null,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    attachmentCount: Number(row.attachmentCount ?? 0),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function followupScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'followups');
}

function inScope(scope: Scope, row: { ownerId: number | null; departmentId: number | null }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'own') return row.ownerId === scope.userId;
  return row.departmentId !== null && scope.departmentIds.includes(row.departmentId);
}

/** The customer or lead a follow-up is about must be visible to the caller; NOT_FOUND otherwise. */
async function assertParentVisible(
  ctx: AppContext,
  actor: Actor,
  parent: { customerId?: number | null; leadId?: number | null },
) {
  if (parent.customerId) {
    const found = await findVisibleCustomer(ctx, actor, parent.customerId);
    if (!found) throw fieldError('customerId', 'notFoundOrHidden');
  } else if (parent.leadId) {
    if (!(await isLeadVisible(ctx, actor, parent.leadId))) throw fieldError('leadId', 'notFoundOrHidden');
  }
}

async function parentVisible(ctx: AppContext, actor: Actor, row: { customerId: number | null; leadId: number | null }) {
  try {
    await assertParentVisible(ctx, actor, row);
    return true;
  } catch {
    return false;
  }
}

async function assertContactOfCustomer(
  ctx: AppContext,
  contactId: number | null | undefined,
  customerId: number | null,
) {
  if (!contactId) return;
  const contact = await contactOfCustomer(ctx.db, contactId, customerId);
  if (!contact) throw fieldError('contactId', 'contactNotOfCustomer');
}

function checkInColumns(checkIn: FollowupInput['checkIn'] | undefined) {
  if (checkIn === undefined) return {};
  return {
    checkinLatitude: checkIn?.latitude ?? null,
    checkinLongitude: checkIn?.longitude ?? null,
    checkinAddress: checkIn?.address ?? null,
  };
}

async function refreshParent(
  ctx: AppContext,
  trx: AppContext['db'],
  row: { customerId: number | null; leadId: number | null },
) {
  if (row.customerId) await repo.refreshFollowupDates(trx, 'customers', row.customerId);
  if (row.leadId) await repo.refreshFollowupDates(trx, 'leads', row.leadId);
}

export async function listFollowups(ctx: AppContext, actor: Actor, query: FollowupQuery): Promise<Page<Followup>> {
  const settings = await getSettings(ctx.db);
  // On a customer or lead the caller can see, every follow-up shows, whoever wrote it.
  const parent = query.customerId ?? query.leadId;
  const scope: Scope = parent
    ? (await assertParentVisible(ctx, actor, query), { kind: 'all' })
    : await followupScope(ctx, actor);
  const { items, ...total } = await repo.listFollowups(
    ctx.db,
    ctx.dialect,
    scope,
    { ...query, afterKey: cursorKey('followups', query) },
    settings.timezone,
  );
  return pageResponse('followups', query, items.map(toFollowup), total);
}

/** A follow-up the caller wrote, may see by scope, or that belongs to a customer or lead they can see. */
export async function getFollowup(ctx: AppContext, actor: Actor, id: number): Promise<Followup> {
  const row = orNotFound(await repo.findFollowup(ctx.db, id));
  if (!inScope(await followupScope(ctx, actor), row) && !(await parentVisible(ctx, actor, row))) orNotFound(null);
  return toFollowup(row);
}

/** Records a follow-up and moves the customer's (or lead's) last and next follow-up times. */
export async function createFollowup(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof FollowupInput>,
): Promise<Followup> {
  await assertParentVisible(ctx, actor, input);
  await assertDictionaryCodes(ctx.db, input, dictionaryFields);
  await assertContactOfCustomer(ctx, input.contactId, input.customerId ?? null);
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertFollowup(ctx.db, {
      customerId: input.customerId ?? null,
      leadId: input.leadId ?? null,
      contactId: input.contactId ?? null,
      opportunityId: input.opportunityId ?? null,
      type: input.type,
      occurredAt: utc(input.occurredAt)!,
      contactName: input.contactName ?? null,
      content: input.content,
      result: input.result ?? null,
      nextStep: input.nextStep ?? null,
      nextFollowupAt: utc(input.nextFollowupAt) ?? null,
      ...checkInColumns(input.checkIn),
      ownerId: actor.userId,
      departmentId: actor.departmentId,
      ...createdStamps(actor, now),
      deletedAt: null,
      deletedBy: null,
    });
    await refreshParent(ctx, ctx.db, { customerId: input.customerId ?? null, leadId: input.leadId ?? null });
    await scheduleFollowupReminder(ctx.db, { id, nextFollowupAt: utc(input.nextFollowupAt) ?? null });
    await recordBehaviour(ctx.db, {
      kind: 'followup_logged',
      leadId: input.leadId ?? null,
      contactId: input.contactId ?? null,
      at: new Date(utc(input.occurredAt)!),
      sourceRef: `followup:${id}`,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'followups',
      entityId: id,
      detail: { customerId: input.customerId ?? null, leadId: input.leadId ?? null, type: input.type },
    });
    return id;
  });
  return toFollowup(orNotFound(await repo.findFollowup(ctx.db, id)));
}

async function editable(ctx: AppContext, actor: Actor, id: number, permission: 'followups.edit' | 'followups.delete') {
  const row = orNotFound(await repo.findFollowup(ctx.db, id));
  if (!inScope(await followupScope(ctx, actor), row)) {
    // Someone who can see the customer but not the author's follow-ups may read them, not change them.
    if (await parentVisible(ctx, actor, row)) throw forbidden();
    orNotFound(null);
  }
  if (!can(actor, permission)) throw forbidden();
  return row;
}

/** Files may be added to a follow-up by its author right after writing it, or by anyone who may edit it. */
export async function assertFollowupAttachable(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = orNotFound(await repo.findFollowup(ctx.db, id));
  if (row.ownerId === actor.userId && can(actor, 'followups.create')) return;
  await editable(ctx, actor, id, 'followups.edit');
}

export async function updateFollowup(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof FollowupPatch>,
): Promise<Followup> {
  const row = await editable(ctx, actor, id, 'followups.edit');
  await assertDictionaryCodes(ctx.db, patch, dictionaryFields);
  if (patch.contactId !== undefined) await assertContactOfCustomer(ctx, patch.contactId, row.customerId);
  const before = toFollowup(row);
  const values = {
    ...(patch.type !== undefined ? { type: patch.type } : {}),
    ...(patch.occurredAt !== undefined ? { occurredAt: utc(patch.occurredAt)! } : {}),
    ...(patch.contactId !== undefined ? { contactId: patch.contactId ?? null } : {}),
    ...(patch.opportunityId !== undefined ? { opportunityId: patch.opportunityId ?? null } : {}),
    ...(patch.contactName !== undefined ? { contactName: patch.contactName ?? null } : {}),
    ...(patch.content !== undefined ? { content: patch.content } : {}),
    ...(patch.result !== undefined ? { result: patch.result ?? null } : {}),
    ...(patch.nextStep !== undefined ? { nextStep: patch.nextStep ?? null } : {}),
    ...(patch.nextFollowupAt !== undefined ? { nextFollowupAt: utc(patch.nextFollowupAt) ?? null } : {}),
    ...checkInColumns(patch.checkIn),
  };
  await inTransaction(ctx, async (ctx) => {
    await repo.updateFollowup(ctx.db, id, { ...values, updatedBy: actor.userId, updatedAt: nowIso() });
    await refreshParent(ctx, ctx.db, row);
    if (values.nextFollowupAt) await scheduleFollowupReminder(ctx.db, { id, nextFollowupAt: values.nextFollowupAt });
    const changes = diffFields(before, { ...before, ...values }, [...auditedFields]);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'followups', entityId: id, changes });
  });
  return toFollowup(orNotFound(await repo.findFollowup(ctx.db, id)));
}

export async function deleteFollowup(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await editable(ctx, actor, id, 'followups.delete');
  await inTransaction(ctx, async (ctx) => {
    await repo.updateFollowup(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await refreshParent(ctx, ctx.db, row);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'followups',
      entityId: id,
      detail: { customerId: row.customerId, leadId: row.leadId },
    });
  });
}

// What other modules use of follow-ups (the queries stay in the repository).

/** A customer's follow-ups for its timeline, newest first. */
export const followupsOfCustomer = repo.followupsOfCustomer;

/** Works a customer's or lead's last and next follow-up dates out again from its follow-ups. */
export const refreshFollowupDates = repo.refreshFollowupDates;

/** Moves a converted lead's follow-ups to the customer (and contact) it became. */
export const moveLeadFollowups = repo.moveLeadFollowups;

/** The next follow-ups one person planned between two instants, soonest first (for a calendar). */
export const plannedFollowupsBetween = repo.plannedFollowupsBetween;
