import {
  type Contract,
  type ContractInput,
  type ContractPatch,
  type ContractStatus,
  fromMinorUnits,
  type Page,
  toMinorUnits,
} from '@relate/common';
import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/document-numbers.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor, whereInScope } from '../../platform/scope.ts';
import { submitOrApprove } from '../approvals/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { notify } from '../notifications/index.ts';
import { assertParties } from '../quotes/index.ts';
import { getSettings } from '../settings/index.ts';
import { contains } from '../../platform/search.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customerId')
    .leftJoin('users as owner', 'owner.id', 'contracts.ownerId')
    .selectAll('contracts')
    .select([
      'customers.name as customerName',
      'owner.displayName as ownerName',
      (eb) =>
        eb
          .selectFrom('contracts as next')
          .select('next.id')
          .whereRef('next.previousId', '=', 'contracts.id')
          .where('next.deletedAt', 'is', null)
          .limit(1)
          .as('renewedById'),
    ]);
type Row = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

function toContract(r: Row): Contract {
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
  return toContract(
    orNotFound(
      await whereInScope(columns(ctx.db), 'contracts', await contractScope(ctx, actor))
        .where('contracts.id', '=', id)
        .where('contracts.deletedAt', 'is', null)
        .executeTakeFirst(),
    ),
  );
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
  let qb = whereInScope(ctx.db.selectFrom('contracts'), 'contracts', await contractScope(ctx, actor)).where(
    'contracts.deletedAt',
    'is',
    null,
  );
  if (query.customerId) qb = qb.where('contracts.customerId', '=', query.customerId);
  if (query.status) qb = qb.where('contracts.status', '=', query.status);
  if (query.endingWithinDays !== undefined) {
    const today = todayIn((await getSettings(ctx.db)).timezone);
    qb = qb
      .where('contracts.status', '=', 'in_force')
      .where('contracts.endsOn', '<=', dayjs(today).add(query.endingWithinDays, 'day').format('YYYY-MM-DD'));
  }
  if (query.q) {
    const q = query.q;
    qb = qb.where((eb) => eb.or([contains('contracts.number', q), contains('contracts.name', q)]));
  }
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = (
    await qb
      .select('contracts.id')
      .orderBy('contracts.updatedAt', 'desc')
      .orderBy('contracts.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute()
  ).map((r) => r.id);
  const rows = ids.length
    ? await columns(ctx.db)
        .where('contracts.id', 'in', ids)
        .orderBy('contracts.updatedAt', 'desc')
        .orderBy('contracts.id', 'desc')
        .execute()
    : [];
  return { items: rows.map(toContract), total: Number(total), page: query.page, pageSize: query.pageSize };
}

async function assertOrder(ctx: AppContext, customerId: number, orderId: number | null | undefined) {
  if (!orderId) return;
  const order = await ctx.db
    .selectFrom('orders')
    .select('customerId')
    .where('id', '=', orderId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
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
    const row = await ctx.db
      .insertInto('contracts')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'contracts',
      entityId: row.id,
      detail: { number, customerId: input.customerId, amount: input.amount, previousId },
    });
    return row.id;
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
    await ctx.db
      .updateTable('contracts')
      .set({
        ...rest,
        ...(amount !== undefined ? { amount: toMinorUnits(amount) } : {}),
        ...updatedStamps(actor),
      })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .execute();
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
    await ctx.db
      .updateTable('contracts')
      .set({ status: 'terminated', closeReason: reason, updatedBy: actor.userId, updatedAt: nowIso() })
      .where('id', '=', id)
      .where('status', '=', 'in_force')
      .execute();
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
    await ctx.db
      .updateTable('contracts')
      .set({ deletedAt: nowIso(), deletedBy: actor.userId })
      .where('id', '=', id)
      .execute();
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
  await ctx.db
    .updateTable('contracts')
    .set({ status: 'expired', updatedAt: nowIso() })
    .where('status', '=', 'in_force')
    .where('endsOn', '<', today)
    .where('deletedAt', 'is', null)
    .execute();
  const soon = await ctx.db
    .selectFrom('contracts')
    .select(['id', 'endsOn', 'renewalRemindDays'])
    .where('status', '=', 'in_force')
    .where('deletedAt', 'is', null)
    .where('endsOn', '<=', dayjs(today).add(365, 'day').format('YYYY-MM-DD'))
    .where('ownerId', 'is not', null)
    .execute();
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
  const c = await ctx.db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customerId')
    .select(['contracts.ownerId', 'contracts.status', 'contracts.number', 'contracts.endsOn', 'customers.name'])
    .where('contracts.id', '=', id)
    .executeTakeFirst();
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
  transfer: async (trx, fromUserId, to) => {
    const rows = await trx
      .updateTable('contracts')
      .set({ ownerId: to.id, departmentId: to.departmentId, updatedAt: nowIso() })
      .where('ownerId', '=', fromUserId)
      .where('status', 'in', ['draft', 'pending_approval', 'in_force'])
      .where('deletedAt', 'is', null)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  },
};
