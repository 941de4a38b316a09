import type { Asset, AssetInput, AssetPatch, AssetQuery, Page } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import { normalizeSearchText } from '../../platform/search.ts';
import { customerScope, findVisibleCustomer } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './assets.repository.ts';

export function toAsset(row: repo.AssetRow, today: string): Asset {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    productId: row.productId,
    productCode: row.productCode,
    name: row.name,
    serialNumber: row.serialNumber,
    purchasedOn: row.purchasedOn,
    orderId: row.orderId,
    warrantyEndsOn: row.warrantyEndsOn,
    underWarranty: row.warrantyEndsOn !== null && row.warrantyEndsOn >= today,
    location: row.location,
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function companyToday(db: Kysely<DB>): Promise<string> {
  return todayIn((await getSettings(db)).timezone);
}

export async function listAssets(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof AssetQuery>,
): Promise<Page<Asset>> {
  const today = await companyToday(ctx.db);
  const { items, total } = await repo.listAssets(ctx.db, await customerScope(ctx, actor), query, today, query);
  return {
    items: items.map((r) => toAsset(r, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getAsset(ctx: AppContext, actor: Actor, id: number): Promise<Asset> {
  const row = orNotFound(await repo.findAsset(ctx.db, await customerScope(ctx, actor), id));
  return toAsset(row, await companyToday(ctx.db));
}

async function assertRefs(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  refs: { productId?: number | null; orderId?: number | null },
) {
  if (!(await findVisibleCustomer(ctx, actor, customerId))) throw fieldError('customerId', 'notFoundOrHidden');
  if (refs.productId && !(await repo.findProductId(ctx.db, refs.productId)))
    throw fieldError('productId', 'notFoundOrHidden');
  if (refs.orderId) {
    const order = await repo.findOrderCustomer(ctx.db, refs.orderId);
    if (!order || order.customerId !== customerId) throw fieldError('orderId', 'notFoundOrHidden');
  }
}

const searchText = (a: { name: string; serialNumber?: string | null; location?: string | null }) =>
  normalizeSearchText([a.name, a.serialNumber, a.location].filter(Boolean).join(' '));

export async function createAsset(ctx: AppContext, actor: Actor, input: z.output<typeof AssetInput>): Promise<Asset> {
  await assertRefs(ctx, actor, input.customerId, input);
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertAsset(ctx.db, {
      customerId: input.customerId,
      productId: input.productId ?? null,
      name: input.name,
      serialNumber: input.serialNumber ?? null,
      purchasedOn: input.purchasedOn ?? null,
      orderId: input.orderId ?? null,
      warrantyEndsOn: input.warrantyEndsOn ?? null,
      location: input.location ?? null,
      notes: input.notes ?? null,
      searchText: searchText(input),
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'assets',
      entityId: id,
      detail: { name: input.name, serialNumber: input.serialNumber ?? null },
    });
    return id;
  });
  return getAsset(ctx, actor, id);
}

const fields = [
  'productId',
  'name',
  'serialNumber',
  'purchasedOn',
  'orderId',
  'warrantyEndsOn',
  'location',
  'notes',
] as const;

export async function updateAsset(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof AssetPatch>,
): Promise<Asset> {
  const before = await getAsset(ctx, actor, id);
  await assertRefs(ctx, actor, before.customerId, patch);
  const merged = { ...before, ...patch };
  await inTransaction(ctx, async (ctx) => {
    const values = Object.fromEntries(fields.filter((f) => patch[f] !== undefined).map((f) => [f, patch[f] ?? null]));
    await repo.updateAsset(ctx.db, id, { ...values, searchText: searchText(merged), updatedAt: nowIso() });
    const changes = diffFields(before, merged, [...fields]);
    if (changes.length) await writeAudit(ctx.db, actor, { action: 'update', entity: 'assets', entityId: id, changes });
  });
  return getAsset(ctx, actor, id);
}

export async function deleteAsset(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const before = await getAsset(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateAsset(ctx.db, id, { deletedAt: nowIso() });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'assets',
      entityId: id,
      detail: { name: before.name },
    });
  });
}
