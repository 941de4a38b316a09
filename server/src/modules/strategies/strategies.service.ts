import type {
  Page,
  Plan,
  PlanInput,
  PlanQuery,
  Requirement,
  RequirementInput,
  RequirementPatch,
  RequirementQuery,
  RequirementReport,
  Strategy,
  StrategyInput,
} from '@relate/common';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB, ServiceStrategyTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { customerScope, findVisibleCustomer } from '../customers/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import * as plans from './plans.repository.ts';
import * as requirements from './requirements.repository.ts';
import * as strategies from './strategies.repository.ts';

// ---- Strategies -------------------------------------------------------------------------

const toStrategy = (r: Selectable<ServiceStrategyTable>): Strategy => ({
  id: r.id,
  name: r.name,
  description: r.description,
  customerLevels: readJson<string[]>(r.customerLevels, []),
  active: Boolean(r.active),
  updatedAt: r.updatedAt,
});

export async function listStrategies(ctx: AppContext, query: { customerLevel?: string }): Promise<Strategy[]> {
  const rows = (await strategies.listLiveStrategies(ctx.db)).map(toStrategy);
  return query.customerLevel
    ? rows.filter((s) => s.active && s.customerLevels.includes(query.customerLevel as string))
    : rows;
}

export async function saveStrategy(
  ctx: AppContext,
  actor: Actor,
  id: number | null,
  input: z.output<typeof StrategyInput>,
): Promise<Strategy> {
  for (const [i, level] of input.customerLevels.entries())
    await assertDictionaryCodes(
      ctx.db,
      { [`customerLevels.${i}`]: level },
      { [`customerLevels.${i}`]: 'customer_level' },
    );
  const values = {
    name: input.name,
    description: input.description ?? null,
    customerLevels: writeJson([...new Set(input.customerLevels)]),
    active: input.active ? 1 : 0,
    updatedAt: nowIso(),
  };
  const savedId = await inTransaction(ctx, async (ctx) => {
    let rowId = id;
    if (rowId === null)
      rowId = await strategies.insertStrategy(ctx.db, { ...values, createdAt: values.updatedAt, deletedAt: null });
    else orNotFound(await strategies.updateLiveStrategy(ctx.db, rowId, values));
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'serviceStrategies',
      entityId: rowId,
      detail: { name: input.name },
    });
    return rowId;
  });
  return toStrategy(await strategies.getStrategy(ctx.db, savedId));
}

export async function deleteStrategy(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await strategies.updateLiveStrategy(ctx.db, id, { deletedAt: nowIso() }));
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'serviceStrategies', entityId: id });
  });
}

// ---- Implementation plans ---------------------------------------------------------------

async function toPlans(db: Kysely<DB>, rows: plans.PlanRow[], withNotes: boolean): Promise<Plan[]> {
  const ids = [...new Set(rows.flatMap((r) => readJson<number[]>(r.strategyIds, [])))];
  const names = ids.length ? await strategies.strategyNames(db, ids) : [];
  const notes =
    withNotes && rows.length
      ? await plans.notesOfPlans(
          db,
          rows.map((r) => r.id),
        )
      : [];
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerName: r.customerName,
    customerLevel: r.customerLevel,
    title: r.title,
    strategies: readJson<number[]>(r.strategyIds, []).map((id) => ({
      id,
      name: names.find((s) => s.id === id)?.name ?? String(id),
    })),
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: r.status as Plan['status'],
    description: r.description,
    version: r.version,
    notes: notes.filter((n) => n.planId === r.id).map(({ planId: _, ...n }) => n),
    updatedAt: r.updatedAt,
  }));
}

export async function listPlans(ctx: AppContext, actor: Actor, query: z.output<typeof PlanQuery>): Promise<Page<Plan>> {
  const { items, total } = await plans.listPlans(ctx.db, await customerScope(ctx, actor), query, query);
  return {
    items: await toPlans(ctx.db, items, false),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getPlan(ctx: AppContext, actor: Actor, id: number): Promise<Plan> {
  const row = orNotFound(await plans.findPlan(ctx.db, await customerScope(ctx, actor), id));
  return (await toPlans(ctx.db, [row], true))[0];
}

async function visibleCustomer(ctx: AppContext, actor: Actor, customerId: number) {
  const customer = await findVisibleCustomer(ctx, actor, customerId);
  if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
  return customer;
}

/** Creates a plan, or changes one as a new version whose previous content is kept. */
export async function savePlan(
  ctx: AppContext,
  actor: Actor,
  id: number | null,
  input: z.output<typeof PlanInput>,
): Promise<Plan> {
  const before = id === null ? null : await getPlan(ctx, actor, id);
  const customer = await visibleCustomer(ctx, actor, input.customerId);
  if (before && before.customerId !== input.customerId) throw fieldError('customerId', 'cannotChange');
  let strategyIds = input.strategyIds;
  if (strategyIds === undefined)
    strategyIds = before
      ? before.strategies.map((s) => s.id)
      : customer.level
        ? (await listStrategies(ctx, { customerLevel: customer.level })).map((s) => s.id)
        : [];
  if (strategyIds.length) {
    const found = await strategies.liveStrategyIds(ctx.db, strategyIds);
    const missing = strategyIds.findIndex((sid) => !found.some((f) => f.id === sid));
    if (missing >= 0) throw fieldError(`strategyIds.${missing}`, 'notFoundOrHidden');
  }
  const values = {
    customerId: input.customerId,
    title: input.title,
    strategyIds: writeJson([...new Set(strategyIds)]),
    ownerId: input.ownerId ?? actor.userId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    status: input.status,
    description: input.description ?? null,
    updatedAt: nowIso(),
  };
  const savedId = await inTransaction(ctx, async (ctx) => {
    let rowId = id;
    const version = before ? before.version + 1 : 1;
    if (rowId === null)
      rowId = await plans.insertPlan(ctx.db, {
        ...values,
        version,
        createdBy: actor.userId,
        createdAt: values.updatedAt,
        deletedAt: null,
      });
    else if (!(await plans.updatePlanAtVersion(ctx.db, rowId, version - 1, { ...values, version })))
      throw new AppError('CONFLICT', 'planChanged');
    const { updatedAt: _, ...snapshot } = values;
    await plans.insertPlanVersion(ctx.db, {
      planId: rowId,
      version,
      snapshot: writeJson({ ...snapshot, strategyIds: [...new Set(strategyIds)] }),
      editedBy: actor.userId,
      createdAt: values.updatedAt,
    });
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'implementationPlans',
      entityId: rowId,
      detail: { title: input.title, version },
    });
    return rowId;
  });
  return getPlan(ctx, actor, savedId);
}

export async function planVersions(ctx: AppContext, actor: Actor, id: number) {
  await getPlan(ctx, actor, id);
  const rows = await plans.listPlanVersions(ctx.db, id);
  return rows.map((r) => ({ ...r, snapshot: readJson<Record<string, unknown>>(r.snapshot, {}) }));
}

export async function addPlanNote(ctx: AppContext, actor: Actor, id: number, body: string): Promise<Plan> {
  await getPlan(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await plans.insertPlanNote(ctx.db, { planId: id, body, authorId: actor.userId, createdAt: nowIso() });
    await plans.touchPlan(ctx.db, id, nowIso());
  });
  return getPlan(ctx, actor, id);
}

// ---- Customer requirements --------------------------------------------------------------

const toRequirement = (r: requirements.RequirementRow): Requirement => ({
  id: r.id,
  customerId: r.customerId,
  customerName: r.customerName,
  customerLevel: r.customerLevel,
  channel: r.channel,
  category: r.category,
  urgency: r.urgency as Requirement['urgency'],
  status: r.status as Requirement['status'],
  description: r.description,
  planId: r.planId,
  planTitle: r.planTitle,
  strategyId: r.strategyId,
  strategyName: r.strategyName,
  createdByName: r.createdByName,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export async function listRequirements(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof RequirementQuery>,
): Promise<Page<Requirement>> {
  const { items, total } = await requirements.listRequirements(ctx.db, await customerScope(ctx, actor), query, query);
  return { items: items.map(toRequirement), total, page: query.page, pageSize: query.pageSize };
}

export async function getRequirement(ctx: AppContext, actor: Actor, id: number): Promise<Requirement> {
  return toRequirement(orNotFound(await requirements.findRequirement(ctx.db, await customerScope(ctx, actor), id)));
}

async function assertAnswers(
  ctx: AppContext,
  customerId: number,
  refs: { planId?: number | null; strategyId?: number | null },
) {
  if (refs.planId) {
    const plan = await plans.findPlanCustomer(ctx.db, refs.planId);
    if (!plan || plan.customerId !== customerId) throw fieldError('planId', 'notFoundOrHidden');
  }
  if (refs.strategyId && !(await strategies.liveStrategyIds(ctx.db, [refs.strategyId])).length)
    throw fieldError('strategyId', 'notFoundOrHidden');
}

export async function createRequirement(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof RequirementInput>,
): Promise<Requirement> {
  await visibleCustomer(ctx, actor, input.customerId);
  await assertDictionaryCodes(ctx.db, input, { category: 'feedback_category' });
  await assertAnswers(ctx, input.customerId, input);
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await requirements.insertRequirement(ctx.db, {
      customerId: input.customerId,
      channel: input.channel ?? null,
      category: input.category ?? null,
      urgency: input.urgency,
      status: input.status,
      description: input.description,
      planId: input.planId ?? null,
      strategyId: input.strategyId ?? null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'customerRequirements',
      entityId: id,
      detail: { customerId: input.customerId },
    });
    return id;
  });
  return getRequirement(ctx, actor, id);
}

export async function updateRequirement(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof RequirementPatch>,
): Promise<Requirement> {
  const before = await getRequirement(ctx, actor, id);
  await assertDictionaryCodes(ctx.db, patch, { category: 'feedback_category' });
  await assertAnswers(ctx, before.customerId, patch);
  const fields = ['channel', 'category', 'urgency', 'status', 'description', 'planId', 'strategyId'] as const;
  const values = Object.fromEntries(fields.filter((f) => patch[f] !== undefined).map((f) => [f, patch[f] ?? null]));
  await inTransaction(ctx, async (ctx) => {
    await requirements.updateRequirement(ctx.db, id, { ...values, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'customerRequirements', entityId: id, detail: values });
  });
  return getRequirement(ctx, actor, id);
}

/** Requirements still open (not answered or closed) by customer level and category, within the caller's customers. */
export async function requirementReport(ctx: AppContext, actor: Actor): Promise<RequirementReport> {
  const rows = await requirements.openRequirementCounts(ctx.db, await customerScope(ctx, actor));
  return {
    rows: rows
      .map((r) => ({
        customerLevel: r.customerLevel,
        category: r.category,
        open: Number(r.open),
        urgent: Number(r.urgent),
      }))
      .sort((a, b) => (a.customerLevel ?? '~').localeCompare(b.customerLevel ?? '~') || b.open - a.open),
  };
}
