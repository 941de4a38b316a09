import type { Page, ServiceContract, ServiceContractInput, ServiceContractQuery } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { customerScope, findVisibleCustomer } from '../customers/index.ts';
import { companyToday } from './assets.service.ts';
import { contains } from '../../platform/search.ts';

function columns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db.selectFrom('serviceContracts').innerJoin('customers', 'customers.id', 'serviceContracts.customerId'),
    'customers',
    scope,
  )
    .selectAll('serviceContracts')
    .select('customers.name as customerName')
    .select((eb) => [
      eb
        .selectFrom('serviceUsage')
        .select((u) => u.fn.coalesce(u.fn.sum<number>('serviceUsage.visits'), u.lit(0)).as('v'))
        .whereRef('serviceUsage.serviceContractId', '=', 'serviceContracts.id')
        .as('visitsUsed'),
      eb
        .selectFrom('serviceUsage')
        .select((u) => u.fn.coalesce(u.fn.sum<number>('serviceUsage.minutes'), u.lit(0)).as('m'))
        .whereRef('serviceUsage.serviceContractId', '=', 'serviceContracts.id')
        .as('minutesUsed'),
    ])
    .where('serviceContracts.deletedAt', 'is', null);
}
type Row = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

async function toServiceContracts(db: Kysely<DB>, rows: Row[]): Promise<ServiceContract[]> {
  const today = await companyToday(db);
  const links = rows.length
    ? await db
        .selectFrom('serviceContractAssets')
        .selectAll()
        .where(
          'serviceContractId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    customerId: r.customerId,
    customerName: r.customerName,
    contractId: r.contractId,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: today < r.startsOn ? 'upcoming' : today > r.endsOn ? 'expired' : 'active',
    visitsIncluded: r.visitsIncluded,
    visitsUsed: Number(r.visitsUsed ?? 0),
    minutesIncluded: r.minutesIncluded,
    minutesUsed: Number(r.minutesUsed ?? 0),
    responseMinutes: r.responseMinutes,
    assetIds: links.filter((l) => l.serviceContractId === r.id).map((l) => l.assetId),
    notes: r.notes,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function listServiceContracts(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof ServiceContractQuery>,
): Promise<Page<ServiceContract>> {
  let qb = columns(ctx.db, await customerScope(ctx, actor));
  if (query.customerId) qb = qb.where('serviceContracts.customerId', '=', query.customerId);
  if (query.activeOn)
    qb = qb
      .where('serviceContracts.startsOn', '<=', query.activeOn)
      .where('serviceContracts.endsOn', '>=', query.activeOn);
  if (query.q) qb = qb.where(contains('serviceContracts.name', query.q));
  const { total } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await qb
    .orderBy('serviceContracts.endsOn', 'desc')
    .orderBy('serviceContracts.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await toServiceContracts(ctx.db, rows),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getServiceContract(ctx: AppContext, actor: Actor, id: number): Promise<ServiceContract> {
  const row = orNotFound(
    await columns(ctx.db, await customerScope(ctx, actor))
      .where('serviceContracts.id', '=', id)
      .executeTakeFirst(),
  );
  return (await toServiceContracts(ctx.db, [row]))[0];
}

async function assertRefs(ctx: AppContext, actor: Actor, input: z.output<typeof ServiceContractInput>) {
  if (!(await findVisibleCustomer(ctx, actor, input.customerId))) throw fieldError('customerId', 'notFoundOrHidden');
  if (input.contractId) {
    const contract = await ctx.db
      .selectFrom('contracts')
      .select('customerId')
      .where('id', '=', input.contractId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!contract || contract.customerId !== input.customerId) throw fieldError('contractId', 'notFoundOrHidden');
  }
  if (input.assetIds.length) {
    const owned = await ctx.db
      .selectFrom('assets')
      .select('id')
      .where('id', 'in', input.assetIds)
      .where('customerId', '=', input.customerId)
      .where('deletedAt', 'is', null)
      .execute();
    const missing = input.assetIds.findIndex((id) => !owned.some((a) => a.id === id));
    if (missing >= 0) throw fieldError(`assetIds.${missing}`, 'notFoundOrHidden');
  }
}

export async function saveServiceContract(
  ctx: AppContext,
  actor: Actor,
  id: number | null,
  input: z.output<typeof ServiceContractInput>,
): Promise<ServiceContract> {
  if (id !== null) await getServiceContract(ctx, actor, id);
  await assertRefs(ctx, actor, input);
  const values = {
    name: input.name,
    customerId: input.customerId,
    contractId: input.contractId ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    visitsIncluded: input.visitsIncluded ?? null,
    minutesIncluded: input.minutesIncluded ?? null,
    responseMinutes: input.responseMinutes ?? null,
    notes: input.notes ?? null,
    updatedAt: nowIso(),
  };
  const savedId = await inTransaction(ctx, async (ctx) => {
    let rowId = id;
    if (rowId === null)
      rowId = (
        await ctx.db
          .insertInto('serviceContracts')
          .values({ ...values, createdBy: actor.userId, createdAt: values.updatedAt, deletedAt: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    else await ctx.db.updateTable('serviceContracts').set(values).where('id', '=', rowId).execute();
    await ctx.db.deleteFrom('serviceContractAssets').where('serviceContractId', '=', rowId).execute();
    const assetIds = [...new Set(input.assetIds)];
    if (assetIds.length)
      await ctx.db
        .insertInto('serviceContractAssets')
        .values(assetIds.map((assetId) => ({ serviceContractId: rowId as number, assetId })))
        .execute();
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'serviceContracts',
      entityId: rowId,
      detail: { name: input.name, assetIds },
    });
    return rowId;
  });
  return getServiceContract(ctx, actor, savedId);
}

export async function deleteServiceContract(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const before = await getServiceContract(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await ctx.db.updateTable('serviceContracts').set({ deletedAt: nowIso() }).where('id', '=', id).execute();
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'serviceContracts',
      entityId: id,
      detail: { name: before.name },
    });
  });
}

/**
 * The service contract that covers a customer's request today: one naming the asset first, else one
 * covering all the customer's assets; among those the one with the fastest response promise.
 */
export async function coveringContract(db: Kysely<DB>, customerId: number, assetId: number | null, today: string) {
  const candidates = await db
    .selectFrom('serviceContracts')
    .select(['id', 'responseMinutes'])
    .select((eb) => [
      eb
        .selectFrom('serviceContractAssets')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('serviceContractAssets.serviceContractId', '=', 'serviceContracts.id')
        .as('assetCount'),
      eb
        .selectFrom('serviceContractAssets')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('serviceContractAssets.serviceContractId', '=', 'serviceContracts.id')
        .where('serviceContractAssets.assetId', '=', assetId ?? -1)
        .as('namesAsset'),
    ])
    .where('customerId', '=', customerId)
    .where('deletedAt', 'is', null)
    .where('startsOn', '<=', today)
    .where('endsOn', '>=', today)
    .execute();
  const covering = candidates.filter((c) => Number(c.assetCount) === 0 || Number(c.namesAsset) > 0);
  covering.sort(
    (a, b) =>
      Number(b.namesAsset) - Number(a.namesAsset) ||
      (a.responseMinutes ?? Infinity) - (b.responseMinutes ?? Infinity) ||
      a.id - b.id,
  );
  return covering[0] ?? null;
}
