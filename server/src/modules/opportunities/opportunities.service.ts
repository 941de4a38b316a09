import {
  fromMinorUnits,
  type Opportunity,
  type OpportunityDetail,
  type OpportunityInput,
  type OpportunityQuery,
  type Page,
  type Pipeline,
  toMinorUnits,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { transferOwned } from '../../db/ownership.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { diffFields, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { reserveNumbers } from '../../platform/sequences.ts';
import { contactOfCustomer } from '../contacts/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { assertCampaignExists } from '../campaigns/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import { defaultPipeline, getPipeline } from './pipelines.service.ts';
import * as repo from './opportunities.repository.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';
import { searchDocument } from '../../platform/search.ts';

type Input = z.output<typeof OpportunityInput>;
export const opportunityCode = (n: number) => `O${String(n).padStart(6, '0')}`;
const auditedFields = [
  'name',
  'customerId',
  'pipelineId',
  'stageId',
  'amount',
  'currency',
  'expectedCloseDate',
  'probability',
  'source',
  'campaignId',
  'lostReason',
  'nextStep',
  'ownerId',
] as const;

export function toOpportunity(row: repo.OpportunityRow): Opportunity {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    customerId: row.customerId,
    customerName: row.customerName,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    stageCode: row.stageCode,
    status: row.status as Opportunity['status'],
    amount: row.amount === null ? null : fromMinorUnits(Number(row.amount)),
    currency: row.currency,
    weightedAmount:
      row.amount === null ? null : fromMinorUnits(Math.round((Number(row.amount) * row.probability) / 100)),
    expectedCloseDate: row.expectedCloseDate,
    probability: row.probability,
    source: row.source,
    campaignId: row.campaignId,
    lostReason: row.lostReason,
    nextStep: row.nextStep,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    stageEnteredAt: row.stageEnteredAt,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function opportunityScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'opportunities');
}

async function resolveOwner(db: Kysely<DB>, actor: Actor, ownerId: number | undefined) {
  const id = ownerId ?? actor.userId;
  if (id !== actor.userId && !can(actor, 'opportunities.assign')) throw forbidden();
  const owner = await repo.findOwnerCandidate(db, id);
  if (!owner) throw fieldError('ownerId', 'unknownUser', { value: id });
  if (owner.status !== 'active') throw fieldError('ownerId', 'userDisabled');
  return { id: owner.id, departmentId: owner.departmentId };
}

type Related = {
  contacts: Array<{ contactId: number; role?: string | null }>;
  products: unknown[];
  amount: string | null | undefined;
  expectedCloseDate: string | null | undefined;
  nextStep: string | null | undefined;
};

/** A stage may require fields before an opportunity enters it; "lost" always needs a reason. */
function assertStageRules(stage: Pipeline['stages'][number], values: Related & { lostReason?: string | null }) {
  const missing: Record<string, string> = {};
  for (const field of stage.requiredFields) {
    const value =
      field === 'contacts' ? values.contacts.length : field === 'products' ? values.products.length : values[field];
    if (!value) missing[field] = 'requiredForStage';
  }
  if (stage.kind === 'lost' && !values.lostReason) missing.lostReason = 'lostReasonRequired';
  if (Object.keys(missing).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', missing);
}

function stageOf(pipeline: Pipeline, stageId: number | undefined) {
  if (stageId === undefined) return pipeline.stages.find((s) => s.kind === 'open') ?? pipeline.stages[0];
  const stage = pipeline.stages.find((s) => s.id === stageId);
  if (!stage) throw fieldError('stageId', 'stageNotInPipeline');
  return stage;
}

async function writeRelated(db: Kysely<DB>, id: number, input: Partial<Input>) {
  if (input.contacts) {
    const unique = [...new Map(input.contacts.map((c) => [c.contactId, c])).values()];
    await repo.replaceOpportunityContacts(
      db,
      id,
      unique.map((c) => ({ opportunityId: id, contactId: c.contactId, role: c.role ?? null })),
    );
  }
  if (input.competitors)
    await repo.replaceOpportunityCompetitors(
      db,
      id,
      input.competitors.map((c) => ({
        opportunityId: id,
        name: c.name,
        strengths: c.strengths ?? null,
        price: c.price ? toMinorUnits(c.price) : null,
      })),
    );
  if (input.products)
    await repo.replaceOpportunityProducts(
      db,
      id,
      input.products.map((p, i) => ({
        opportunityId: id,
        productId: p.productId ?? null,
        productName: p.productName,
        quantityMilli: Math.round(Number(p.quantity) * 1000),
        unitPrice: toMinorUnits(p.unitPrice),
        sortOrder: i,
      })),
    );
}

async function assertContactsOfCustomer(
  db: Kysely<DB>,
  customerId: number,
  contacts: Array<{ contactId: number }> | undefined,
) {
  if (!contacts?.length) return;
  for (const { contactId } of contacts) {
    const contact = await contactOfCustomer(db, contactId, customerId);
    if (!contact) throw fieldError('contacts', 'contactNotOfCustomer');
  }
}

function amountOf(input: { amount?: string | null; products?: Input['products'] }): number | null {
  if (input.amount) return toMinorUnits(input.amount);
  if (input.products?.length)
    return input.products.reduce(
      (sum, p) => sum + Math.round((toMinorUnits(p.unitPrice) * Math.round(Number(p.quantity) * 1000)) / 1000),
      0,
    );
  return null;
}

function searchText(name: string, code: string, customerName: string) {
  return searchDocument([name, code, customerName]).text;
}

export async function listOpportunities(
  ctx: AppContext,
  actor: Actor,
  query: OpportunityQuery,
): Promise<Page<Opportunity>> {
  const { items, ...total } = await repo.listOpportunities(ctx.db, ctx.dialect, await opportunityScope(ctx, actor), {
    ...query,
    afterKey: cursorKey('opportunities', query),
  });
  return pageResponse('opportunities', query, items.map(toOpportunity), total);
}

export async function getOpportunity(ctx: AppContext, actor: Actor, id: number): Promise<OpportunityDetail> {
  return readDetail(ctx, await opportunityScope(ctx, actor), id);
}

async function readDetail(ctx: AppContext, scope: Scope, id: number): Promise<OpportunityDetail> {
  const row = orNotFound(await repo.findOpportunity(ctx.db, scope, id));
  const [contacts, competitors, products, history] = await Promise.all([
    repo.listOpportunityContacts(ctx.db, id),
    repo.listOpportunityCompetitors(ctx.db, id),
    repo.listOpportunityProducts(ctx.db, id),
    repo.listStageHistory(ctx.db, id),
  ]);
  return {
    ...toOpportunity(row),
    contacts,
    competitors: competitors.map((c) => ({
      id: c.id,
      name: c.name,
      strengths: c.strengths,
      price: c.price === null ? null : fromMinorUnits(Number(c.price)),
    })),
    products: products.map((p) => ({
      id: p.id,
      productId: p.productId,
      productName: p.productName,
      quantity: String(Number(p.quantityMilli) / 1000),
      unitPrice: fromMinorUnits(Number(p.unitPrice)),
      total: fromMinorUnits(Math.round((Number(p.unitPrice) * Number(p.quantityMilli)) / 1000)),
    })),
    stageHistory: history.map((h) => ({
      ...h,
      secondsInPrevious: h.secondsInPrevious === null ? null : Number(h.secondsInPrevious),
    })),
  };
}

/** Creates an opportunity on a customer the caller can see, in the given (or default) pipeline's first open stage. */
export async function createOpportunity(ctx: AppContext, actor: Actor, input: Input): Promise<OpportunityDetail> {
  const customer = await findVisibleCustomer(ctx, actor, input.customerId);
  if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
  await assertDictionaryCodes(ctx.db, input, { source: 'customer_source' });
  await assertCampaignExists(ctx, input.campaignId);
  await assertContactsOfCustomer(ctx.db, customer.id, input.contacts);
  const pipeline = input.pipelineId
    ? await getPipeline(ctx.db, input.pipelineId).catch(() => {
        throw fieldError('pipelineId', 'notFoundOrHidden');
      })
    : await defaultPipeline(ctx.db);
  const stage = stageOf(pipeline, input.stageId);
  assertStageRules(stage, {
    contacts: input.contacts ?? [],
    products: input.products ?? [],
    amount: input.amount,
    expectedCloseDate: input.expectedCloseDate,
    nextStep: input.nextStep,
    lostReason: input.lostReason,
  });
  const owner = await resolveOwner(ctx.db, actor, input.ownerId);
  const settings = await getSettings(ctx.db);
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const code = opportunityCode(await reserveNumbers(ctx.db, 'opportunities', 1));
    const id = await repo.insertOpportunity(ctx.db, {
      code,
      name: input.name,
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: stage.id,
      status: stage.kind,
      amount: amountOf(input),
      currency: input.currency ?? settings.defaultCurrency,
      expectedCloseDate: input.expectedCloseDate ?? null,
      probability: input.probability ?? stage.probability,
      source: input.source ?? null,
      campaignId: input.campaignId ?? null,
      lostReason: input.lostReason ?? null,
      nextStep: input.nextStep ?? null,
      searchText: searchText(input.name, code, customer.name),
      stageEnteredAt: now,
      closedAt: stage.kind === 'open' ? null : now,
      ownerId: owner.id,
      departmentId: owner.departmentId,
      ...createdStamps(actor, now),
      deletedAt: null,
      deletedBy: null,
    });
    await writeRelated(ctx.db, id, input);
    await repo.insertStageHistory(ctx.db, {
      opportunityId: id,
      fromStageId: null,
      toStageId: stage.id,
      changedAt: now,
      changedBy: actor.userId,
      secondsInPrevious: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'opportunities',
      entityId: id,
      detail: { code, name: input.name, customerId: customer.id },
    });
    return id;
  });
  return readDetail(ctx, { kind: 'all' }, id);
}

/**
 * Changes an opportunity; moving it to another stage checks that stage's rules, records the move
 * with the time spent in the previous stage, and resets the probability to the stage's unless given.
 */
export async function updateOpportunity(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: Partial<Input>,
): Promise<OpportunityDetail> {
  const scope = await opportunityScope(ctx, actor);
  const before = await getOpportunity(ctx, actor, id);
  await assertDictionaryCodes(ctx.db, patch, { source: 'customer_source' });
  if (patch.campaignId !== before.campaignId) await assertCampaignExists(ctx, patch.campaignId);
  const customerId = patch.customerId ?? before.customerId;
  if (patch.customerId && patch.customerId !== before.customerId) {
    const customer = await findVisibleCustomer(ctx, actor, patch.customerId);
    if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
  }
  await assertContactsOfCustomer(ctx.db, customerId, patch.contacts);
  const pipeline = await getPipeline(ctx.db, patch.pipelineId ?? before.pipelineId).catch(() => {
    throw fieldError('pipelineId', 'notFoundOrHidden');
  });
  const stageChanged =
    (patch.stageId !== undefined && patch.stageId !== before.stageId) || pipeline.id !== before.pipelineId;
  const stage = stageOf(pipeline, stageChanged ? (patch.stageId ?? undefined) : before.stageId);
  const merged = {
    contacts: patch.contacts ?? before.contacts,
    products: patch.products ?? before.products,
    amount: patch.amount !== undefined ? patch.amount : before.amount,
    expectedCloseDate: patch.expectedCloseDate !== undefined ? patch.expectedCloseDate : before.expectedCloseDate,
    nextStep: patch.nextStep !== undefined ? patch.nextStep : before.nextStep,
    lostReason: patch.lostReason !== undefined ? patch.lostReason : before.lostReason,
  };
  if (stageChanged) assertStageRules(stage, merged);
  const owner =
    patch.ownerId !== undefined && patch.ownerId !== before.ownerId
      ? await resolveOwner(ctx.db, actor, patch.ownerId)
      : null;
  const now = nowIso();
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await repo.findOpportunity(ctx.db, scope, id));
    const amount =
      patch.amount !== undefined || patch.products
        ? (amountOf({ amount: merged.amount, products: patch.products }) ??
          (patch.amount === null ? null : before.amount ? toMinorUnits(before.amount) : null))
        : undefined;
    await repo.updateOpportunity(ctx.db, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.customerId !== undefined ? { customerId: patch.customerId } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      ...(patch.expectedCloseDate !== undefined ? { expectedCloseDate: patch.expectedCloseDate ?? null } : {}),
      ...(patch.source !== undefined ? { source: patch.source ?? null } : {}),
      ...(patch.campaignId !== undefined ? { campaignId: patch.campaignId ?? null } : {}),
      ...(patch.lostReason !== undefined ? { lostReason: patch.lostReason ?? null } : {}),
      ...(patch.nextStep !== undefined ? { nextStep: patch.nextStep ?? null } : {}),
      ...(stageChanged
        ? {
            pipelineId: pipeline.id,
            stageId: stage.id,
            status: stage.kind,
            stageEnteredAt: now,
            closedAt: stage.kind === 'open' ? null : now,
            probability: patch.probability ?? stage.probability,
          }
        : patch.probability !== undefined && patch.probability !== null
          ? { probability: patch.probability }
          : {}),
      ...(owner ? { ownerId: owner.id, departmentId: owner.departmentId } : {}),
      ...(patch.name !== undefined || patch.customerId !== undefined
        ? { searchText: searchText(patch.name ?? before.name, before.code, before.customerName) }
        : {}),
      ...updatedStamps(actor, now),
    });
    await writeRelated(ctx.db, id, patch);
    if (stageChanged) {
      const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(before.stageEnteredAt)) / 1000));
      await repo.insertStageHistory(ctx.db, {
        opportunityId: id,
        fromStageId: before.stageId,
        toStageId: stage.id,
        changedAt: now,
        changedBy: actor.userId,
        secondsInPrevious: seconds,
      });
    }
  });
  const after = await readDetail(ctx, { kind: 'all' }, id);
  const changes = diffFields(before, after, [...auditedFields]);
  if (changes.length)
    await writeAudit(ctx.db, actor, {
      action: stageChanged ? 'stage_change' : 'update',
      entity: 'opportunities',
      entityId: id,
      changes,
      // The status the stage gives (open, won, lost): a won deal is an event of its own (platform/events.ts).
      ...(stageChanged ? { detail: { status: stage.kind } } : {}),
    });
  return after;
}

export async function deleteOpportunity(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const scope = await opportunityScope(ctx, actor);
  await inTransaction(ctx, async (ctx) => {
    if (!(await repo.findOpportunity(ctx.db, scope, id))) throw notFound();
    await repo.updateOpportunity(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await writeAuditMany(ctx.db, actor, [{ action: 'delete', entity: 'opportunities', entityId: id }]);
  });
}

/** Handover moves the open opportunities; won and lost ones stay with who closed them. */
export const opportunitiesOwnership: OwnedEntity = {
  entity: 'opportunities',
  transfer: (trx, fromUserId, to) => transferOwned(trx, 'opportunities', fromUserId, to, nowIso(), { openOnly: true }),
};
