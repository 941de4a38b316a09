import {
  type Campaign,
  type CampaignDetail,
  type CampaignFigures,
  type CampaignInput,
  type CampaignQuery,
  type CampaignStatus,
  campaignStatusMoves,
  fromMinorUnits,
  type Page,
  toMinorUnits,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { pageWithTotal } from '../../platform/list-query.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './campaigns.repository.ts';
import * as figures from './figures.repository.ts';

type Input = z.output<typeof CampaignInput>;
const money = (minor: number | string | null) => (minor === null ? null : fromMinorUnits(Number(minor)));
const minor = (amount: string | null | undefined) => (amount ? toMinorUnits(amount) : null);
const auditedFields = [
  'name',
  'type',
  'status',
  'parentId',
  'startDate',
  'endDate',
  'ownerId',
  'budget',
  'expectedRevenue',
  'expectedResponse',
  'description',
] as const;

/** Whose campaigns the caller sees: the campaigns data scope of their roles, by owner and department. */
export function campaignScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'campaigns');
}

function toCampaign(row: repo.CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    status: row.status as CampaignStatus,
    parentId: row.parentId,
    parentName: row.parentName,
    startDate: row.startDate,
    endDate: row.endDate,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    budget: money(row.budget),
    expectedRevenue: money(row.expectedRevenue),
    expectedResponse: row.expectedResponse,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toFigures(row: figures.FiguresRow, currency: string): CampaignFigures {
  return {
    currency,
    wonInOtherCurrencies: Number(row.wonInOtherCurrencies),
    members: Number(row.members),
    responses: Number(row.responses),
    leads: Number(row.leads),
    convertedLeads: Number(row.convertedLeads),
    opportunities: Number(row.opportunities),
    wonOpportunities: Number(row.wonOpportunities),
    wonAmount: money(row.wonAmount)!,
    received: money(row.received)!,
    cost: money(row.cost)!,
    costPerLead: money(row.costPerLead),
    // Basis points are hundredths of a percent: the same two decimals as money's minor units.
    roi: money(row.roiBp),
    childCount: Number(row.childCount),
  };
}

/** Campaigns in the caller's scope: searched by name, filtered by status, type, owner and parent, sorted, paged. */
export async function listCampaigns(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof CampaignQuery>,
): Promise<Page<Campaign>> {
  const rows = repo.campaignsMatching(
    ctx.db,
    await campaignScope(ctx, actor),
    { ...query, topLevel: query.topLevel === 'true' },
    query.sort,
  );
  const { items, total } = await pageWithTotal(rows, query);
  return { items: items.map(toCampaign), total, page: query.page, pageSize: query.pageSize };
}

/** The live campaign with this id if the caller may see it; 404 otherwise. */
export async function findVisibleCampaign(ctx: AppContext, actor: Actor, id: number): Promise<repo.CampaignRow> {
  return orNotFound(await repo.findCampaign(ctx.db, await campaignScope(ctx, actor), id));
}

/** One campaign with its promoted products and its figures, rolled up through the campaigns below it. */
export async function getCampaign(ctx: AppContext, actor: Actor, id: number): Promise<CampaignDetail> {
  const row = await findVisibleCampaign(ctx, actor, id);
  const { defaultCurrency } = await getSettings(ctx.db);
  const [products, figuresRow] = await Promise.all([
    repo.productsOf(ctx.db, id),
    figures.figuresOf(ctx.db, id, defaultCurrency),
  ]);
  return { ...toCampaign(row), products, figures: toFigures(figuresRow, defaultCurrency) };
}

/** The campaign's figures only (with everything below it). */
export async function campaignFigures(ctx: AppContext, actor: Actor, id: number): Promise<CampaignFigures> {
  await findVisibleCampaign(ctx, actor, id);
  const { defaultCurrency } = await getSettings(ctx.db);
  return toFigures(await figures.figuresOf(ctx.db, id, defaultCurrency), defaultCurrency);
}

async function resolveOwner(db: Kysely<DB>, ownerId: number) {
  const owner = await findUserDepartmentAndStatus(db, ownerId);
  if (!owner) throw fieldError('ownerId', 'unknownUser', { value: ownerId });
  if (owner.status !== 'active') throw fieldError('ownerId', 'userDisabled');
  return { id: owner.id, departmentId: owner.departmentId };
}

/** A parent the caller sees, and never the campaign itself or one below it. */
async function assertParent(ctx: AppContext, scope: Scope, parentId: number | null | undefined, id: number | null) {
  if (!parentId) return;
  if (!(await repo.findCampaign(ctx.db, scope, parentId))) throw fieldError('parentId', 'notFoundOrHidden');
  if (id !== null && (await repo.subtreeIds(ctx.db, id)).includes(parentId))
    throw fieldError('parentId', 'campaignParentCycle');
}

async function assertProducts(db: Kysely<DB>, ids: number[] | undefined) {
  if (!ids?.length) return;
  const unique = [...new Set(ids)];
  if ((await repo.existingProductIds(db, unique)).length !== unique.length)
    throw fieldError('productIds', 'notFoundOrHidden');
}

function assertDates(startDate: string | null | undefined, endDate: string | null | undefined) {
  if (startDate && endDate && endDate < startDate) throw fieldError('endDate', 'campaignEndBeforeStart');
}

function plainColumns(input: Partial<Input>) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.parentId !== undefined ? { parentId: input.parentId ?? null } : {}),
    ...(input.startDate !== undefined ? { startDate: input.startDate ?? null } : {}),
    ...(input.endDate !== undefined ? { endDate: input.endDate ?? null } : {}),
    ...(input.budget !== undefined ? { budget: minor(input.budget) } : {}),
    ...(input.expectedRevenue !== undefined ? { expectedRevenue: minor(input.expectedRevenue) } : {}),
    ...(input.expectedResponse !== undefined ? { expectedResponse: input.expectedResponse ?? null } : {}),
    ...(input.description !== undefined ? { description: input.description ?? null } : {}),
  };
}

/** Creates a campaign, owned by the caller unless another owner is named; a new campaign is planned unless said. */
export async function createCampaign(ctx: AppContext, actor: Actor, input: Input): Promise<CampaignDetail> {
  await assertDictionaryCodes(ctx.db, input, { type: 'campaign_type' });
  const scope = await campaignScope(ctx, actor);
  await assertParent(ctx, scope, input.parentId, null);
  await assertProducts(ctx.db, input.productIds);
  assertDates(input.startDate, input.endDate);
  const owner = await resolveOwner(ctx.db, input.ownerId ?? actor.userId);
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertCampaign(ctx.db, {
      name: input.name,
      type: input.type,
      status: input.status ?? 'planned',
      parentId: null,
      startDate: null,
      endDate: null,
      budget: null,
      expectedRevenue: null,
      expectedResponse: null,
      description: null,
      ...plainColumns(input),
      ownerId: owner.id,
      departmentId: owner.departmentId,
      ...createdStamps(actor),
      deletedAt: null,
      deletedBy: null,
    });
    await repo.replaceProducts(ctx.db, id, [...new Set(input.productIds ?? [])]);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'campaigns',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return getCampaign(ctx, actor, id);
}

/** Changes a campaign; its status moves only forward (planned → active → completed) or to cancelled. */
export async function updateCampaign(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: Partial<Input>,
): Promise<CampaignDetail> {
  const scope = await campaignScope(ctx, actor);
  const row = orNotFound(await repo.findCampaign(ctx.db, scope, id));
  const before = toCampaign(row);
  await assertDictionaryCodes(ctx.db, patch, { type: 'campaign_type' });
  if (patch.parentId !== undefined && patch.parentId !== row.parentId)
    await assertParent(ctx, scope, patch.parentId, id);
  await assertProducts(ctx.db, patch.productIds);
  assertDates(
    patch.startDate !== undefined ? patch.startDate : row.startDate,
    patch.endDate !== undefined ? patch.endDate : row.endDate,
  );
  const status = patch.status ?? before.status;
  if (status !== before.status && !campaignStatusMoves[before.status].includes(status))
    throw fieldError('status', 'campaignStatusMove');
  const owner =
    patch.ownerId !== undefined && patch.ownerId !== row.ownerId ? await resolveOwner(ctx.db, patch.ownerId) : null;
  await inTransaction(ctx, async (ctx) => {
    await repo.updateCampaign(ctx.db, id, {
      ...plainColumns(patch),
      status,
      ...(owner ? { ownerId: owner.id, departmentId: owner.departmentId } : {}),
      ...updatedStamps(actor),
    });
    if (patch.productIds) await repo.replaceProducts(ctx.db, id, [...new Set(patch.productIds)]);
    const after = toCampaign(orNotFound(await repo.findCampaign(ctx.db, { kind: 'all' }, id)));
    const changes = diffFields(before, after, [...auditedFields]);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'campaigns', entityId: id, changes });
  });
  return getCampaign(ctx, actor, id);
}

/** Deletes a campaign with no campaigns below it; leads and opportunities keep naming it as their source. */
export async function deleteCampaign(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const scope = await campaignScope(ctx, actor);
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findCampaign(ctx.db, scope, id));
    if (await repo.liveChildCount(ctx.db, id)) throw new AppError('CONFLICT', 'campaignHasChildren');
    const now = nowIso();
    await repo.updateCampaign(ctx.db, id, { deletedAt: now, deletedBy: actor.userId, updatedAt: now });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'campaigns',
      entityId: id,
      detail: { name: row.name },
    });
  });
}

/** Whether a live campaign has this id (a lead's or an opportunity's source campaign). */
export async function assertCampaignExists(ctx: AppContext, campaignId: number | null | undefined): Promise<void> {
  if (!campaignId) return;
  if (!(await repo.findCampaign(ctx.db, { kind: 'all' }, campaignId)))
    throw fieldError('campaignId', 'notFoundOrHidden');
}

/** The ownership hook for handover: a leaving user's campaigns go to their successor. */
export const campaignsOwnership: OwnedEntity = {
  entity: 'campaigns',
  transfer: (trx, fromUserId, to) => repo.transferCampaigns(trx, fromUserId, to, nowIso()),
};
