import type { Page, ServiceContract, ServiceContractInput, ServiceContractQuery } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import { customerScope, findVisibleCustomer } from '../customers/index.ts';
import { customerAssetIds } from './assets.repository.ts';
import { companyToday } from './assets.service.ts';
import * as repo from './service-contracts.repository.ts';

async function toServiceContracts(db: Kysely<DB>, rows: repo.ServiceContractRow[]): Promise<ServiceContract[]> {
  const today = await companyToday(db);
  const links = rows.length
    ? await repo.assetLinksOf(
        db,
        rows.map((r) => r.id),
      )
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
  const { items, total } = await repo.listServiceContracts(ctx.db, await customerScope(ctx, actor), query, query);
  return {
    items: await toServiceContracts(ctx.db, items),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getServiceContract(ctx: AppContext, actor: Actor, id: number): Promise<ServiceContract> {
  const row = orNotFound(await repo.findServiceContract(ctx.db, await customerScope(ctx, actor), id));
  return (await toServiceContracts(ctx.db, [row]))[0];
}

async function assertRefs(ctx: AppContext, actor: Actor, input: z.output<typeof ServiceContractInput>) {
  if (!(await findVisibleCustomer(ctx, actor, input.customerId))) throw fieldError('customerId', 'notFoundOrHidden');
  if (input.contractId) {
    const contract = await repo.findContractCustomer(ctx.db, input.contractId);
    if (!contract || contract.customerId !== input.customerId) throw fieldError('contractId', 'notFoundOrHidden');
  }
  if (input.assetIds.length) {
    const owned = await customerAssetIds(ctx.db, input.customerId, input.assetIds);
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
      rowId = await repo.insertServiceContract(ctx.db, {
        ...values,
        createdBy: actor.userId,
        createdAt: values.updatedAt,
        deletedAt: null,
      });
    else await repo.updateServiceContract(ctx.db, rowId, values);
    const assetIds = [...new Set(input.assetIds)];
    await repo.replaceContractAssets(ctx.db, rowId, assetIds);
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
    await repo.updateServiceContract(ctx.db, id, { deletedAt: nowIso() });
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
  const candidates = await repo.runningContracts(db, customerId, assetId, today);
  const covering = candidates.filter((c) => Number(c.assetCount) === 0 || Number(c.namesAsset) > 0);
  covering.sort(
    (a, b) =>
      Number(b.namesAsset) - Number(a.namesAsset) ||
      (a.responseMinutes ?? Infinity) - (b.responseMinutes ?? Infinity) ||
      a.id - b.id,
  );
  return covering[0] ?? null;
}
