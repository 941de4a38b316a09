import {
  type Contract,
  type ContractInput,
  type ContractPatch,
  type ContractStatus,
  fromMinorUnits,
  type Page,
  toMinorUnits,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { handOverDocuments } from '../../db/document-handover.ts';
import { liveColumn, updateInStatus } from '../../db/record-guards.ts';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/document-numbers.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { submitOrApprove } from '../approvals/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { notify } from '../notifications/index.ts';
import { assertParties } from '../quotes/index.ts';
import { getSettings } from '../settings/index.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';
import * as repo from './contracts.repository.ts';

function toContract(r: repo.ContractRow): Contract {
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    customerId: r.customerId,
    customerName: r.customerName,
    opportunityId: r.opportunityId,
    orderId: r.orderId,
    previousId: r.previousId,
    category: r.category,
    amount: fromMinorUnits(Number(r.amount)),
    currency: r.currency,
    signedOn: r.signedOn,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    ourSignatory: r.ourSignatory,
    customerSignatory: r.customerSignatory,
    terms: r.terms,
    renewalRemindDays: r.renewalRemindDays,
    status: r.status as ContractStatus,
    closeReason: r.closeReason,
    renewedById: r.renewedById === null ? null : Number(r.renewedById),
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function contractScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'contracts');
}

export async function getContract(ctx: AppContext, actor: Actor, id: number): Promise<Contract> {
  return toContract(orNotFound(await repo.findContract(ctx.db, await contractScope(ctx, actor), id)));
}

export async function listContracts(
  ctx: AppContext,
  actor: Actor,
  query: {
    q?: string;
    customerId?: number;
    status?: string;
    endingWithinDays?: number;
    page: number;
    pageSize: number;
  },
): Promise<Page<Contract>> {
  const scope = await contractScope(ctx, actor);
  let inForceEndingBy: string | undefined;
  if (query.endingWithinDays !== undefined) {
    const today = todayIn((await getSettings(ctx.db)).timezone);
    inForceEndingBy = dayjs(today).add(query.endingWithinDays, 'day').format('YYYY-MM-DD');
  }
  const { items, ...total } = await repo.listContracts(
    ctx.db,
    ctx.dialect,
    scope,
    { q: query.q, customerId: query.customerId, status: query.status, inForceEndingBy },
    { ...query, afterKey: cursorKey('contracts', query) },
  );
  return pageResponse('contracts', query, items.map(toContract), total);
}

async function assertOrder(ctx: AppContext, customerId: number, orderId: number | null | undefined) {
  if (!orderId) return;
  const order = await liveColumn(ctx.db, 'orders', orderId, 'customerId');
  if (order?.customerId !== customerId) throw fieldError('orderId', 'notFoundOrHidden');
}

export async function createContract(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ContractInput>,
  previousId: number | null = null,
): Promise<Contract> {
  await assertParties(ctx, actor, input.customerId, { opportunityId: input.opportunityId });
  await assertOrder(ctx, input.customerId, input.orderId);
  await assertDictionaryCodes(ctx.db, input, { category: 'contract_category' });
  const settings = await getSettings(ctx.db);
  const id = await inTransaction(ctx, async (ctx) => {
    const number = await nextDocumentNumber(ctx.db, 'contracts', settings.contractNumberFormat, settings.timezone);
    const now = nowIso();
    const id = await repo.insertContract(ctx.db, {
      number,
      name: input.name,
      customerId: input.customerId,
      opportunityId: input.opportunityId ?? null,
      orderId: input.orderId ?? null,
      previousId,
      category: input.category ?? null,
      amount: toMinorUnits(input.amount),
      currency: input.currency ?? settings.defaultCurrency,
      signedOn: input.signedOn ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ourSignatory: input.ourSignatory ?? null,
      customerSignatory: input.customerSignatory ?? null,
      terms: input.terms ?? null,
      renewalRemindDays: input.renewalRemindDays,
      status: 'draft',
      closeReason: null,
      ownerId: actor.userId,
      departmentId: actor.departmentId,
      ...createdStamps(actor, now),
      deletedAt: null,
      deletedBy: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'contracts',
      entityId: id,
      detail: { number, customerId: input.customerId, amount: input.amount, previousId },
    });
    return id;
  });
  return getContract(ctx, actor, id);
}

export async function updateContract(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof ContractPatch>,
): Promise<Contract> {
  const current = await getContract(ctx, actor, id);
  if (current.status === 'pending_approval') throw new AppError('CONFLICT', 'approvalPending');
  if (current.status !== 'draft') throw new AppError('CONFLICT', 'contractLocked');
  if (patch.opportunityId !== undefined)
    await assertParties(ctx, actor, current.customerId, { opportunityId: patch.opportunityId });
  if (patch.orderId !== undefined) await assertOrder(ctx, current.customerId, patch.orderId);
  await assertDictionaryCodes(ctx.db, patch, { category: 'contract_category' });
  const startsOn = patch.startsOn ?? current.startsOn;
  const endsOn = patch.endsOn ?? current.endsOn;
  if (startsOn > endsOn) throw fieldError('endsOn', 'endBeforeStart');
  await inTransaction(ctx, async (ctx) => {
    const { amount, ...rest } = patch;
    const changed = await updateInStatus(ctx.db, 'contracts', id, 'draft', {
      ...rest,
      ...(amount !== undefined ? { amount: toMinorUnits(amount) } : {}),
      ...updatedStamps(actor),
    });
    // Another request changed it since it was read: say so instead of recording a change that did not happen.
    if (!changed) throw new AppError('CONFLICT', 'contractLocked');
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'contracts', entityId: id, detail: patch });
  });
  return getContract(ctx, actor, id);
}

/** Submits a draft: through its approval flow when one applies, otherwise in force at once. */
export async function submitContract(ctx: AppContext, actor: Actor, id: number): Promise<Contract> {
  await submitOrApprove(ctx, actor, 'contract', id);
  return getContract(ctx, actor, id);
}

/** Renews a contract: a linked successor (a draft) that starts when this one ends unless told otherwise. */
export async function renewContract(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { startsOn?: string; endsOn: string; amount?: string },
): Promise<Contract> {
  const current = await getContract(ctx, actor, id);
  if (current.status !== 'in_force' && current.status !== 'expired')
    throw new AppError('CONFLICT', 'contractNotRenewable');
  if (current.renewedById) throw new AppError('CONFLICT', 'contractRenewed');
  const startsOn = input.startsOn ?? dayjs(current.endsOn).add(1, 'day').format('YYYY-MM-DD');
  if (startsOn > input.endsOn) throw fieldError('endsOn', 'endBeforeStart');
  return createContract(
    ctx,
    actor,
    {
      name: current.name,
      customerId: current.customerId,
      opportunityId: current.opportunityId,
      orderId: null,
      category: current.category,
      amount: input.amount ?? current.amount,
      currency: current.currency,
      signedOn: null,
      startsOn,
      endsOn: input.endsOn,
      ourSignatory: current.ourSignatory,
      customerSignatory: current.customerSignatory,
      terms: current.terms,
      renewalRemindDays: current.renewalRemindDays,
    },
    current.id,
  );
}

export async function terminateContract(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<Contract> {
  const current = await getContract(ctx, actor, id);
  if (current.status !== 'in_force') throw new AppError('CONFLICT', 'contractLocked');
  await inTransaction(ctx, async (ctx) => {
    const changed = await updateInStatus(ctx.db, 'contracts', id, 'in_force', {
      status: 'terminated',
      closeReason: reason,
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    // Another request changed it since it was read: say so instead of recording a change that did not happen.
    if (!changed) throw new AppError('CONFLICT', 'contractLocked');
    await writeAudit(ctx.db, actor, {
      action: 'status_change',
      entity: 'contracts',
      entityId: id,
      detail: { from: 'in_force', to: 'terminated', reason },
    });
  });
  return getContract(ctx, actor, id);
}

export async function deleteContract(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const current = await getContract(ctx, actor, id);
  if (current.status !== 'draft') throw new AppError('CONFLICT', 'contractLocked');
  await inTransaction(ctx, async (ctx) => {
    await repo.updateContract(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'contracts',
      entityId: id,
      detail: { number: current.number },
    });
  });
}

/**
 * Daily sweep: contracts past their end date expire, and those whose renewal reminder day has come
 * (a few days of grace) get one reminder to the owner per end date.
 */
export async function contractSweep(ctx: AppContext): Promise<void> {
  const today = todayIn((await getSettings(ctx.db)).timezone);
  await repo.expireEndedContracts(ctx.db, today, nowIso());
  const soon = await repo.listOwnedContractsEndingBy(ctx.db, dayjs(today).add(365, 'day').format('YYYY-MM-DD'));
  const runAt = new Date().toISOString();
  for (const c of soon) {
    const remindOn = dayjs(c.endsOn).subtract(c.renewalRemindDays, 'day').format('YYYY-MM-DD');
    if (
      c.renewalRemindDays > 0 &&
      remindOn <= today &&
      remindOn >= dayjs(today).subtract(3, 'day').format('YYYY-MM-DD')
    ) {
      await scheduleJob(ctx.db, {
        kind: 'contract.renewal',
        runAt,
        payload: { id: c.id },
        dedupeKey: `contract.renewal:${c.id}:${c.endsOn}`,
      });
    }
  }
}

export async function remindRenewal(ctx: AppContext, payload: unknown): Promise<void> {
  const { id } = payload as { id: number };
  const c = await repo.findRenewalReminder(ctx.db, id);
  if (!c || c.status !== 'in_force' || c.ownerId === null) return;
  await notify(ctx.db, [
    {
      userId: c.ownerId,
      kind: 'contractEnding',
      entity: 'contracts',
      entityId: id,
      params: { number: c.number, name: c.name, date: c.endsOn },
    },
  ]);
}

export const contractsOwnership: OwnedEntity = {
  entity: 'contracts',
  transfer: (trx, fromUserId, to) =>
    handOverDocuments(trx, 'contracts', fromUserId, to, nowIso(), ['in', ['draft', 'pending_approval', 'in_force']]),
};
