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
import { type Kysely, type Selectable, sql } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB, ServiceStrategyTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { customerScope, findVisibleCustomer } from '../customers/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';

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
  const rows = (
    await ctx.db.selectFrom('serviceStrategies').selectAll().where('deletedAt', 'is', null).orderBy('name').execute()
  ).map(toStrategy);
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
      rowId = (
        await ctx.db
          .insertInto('serviceStrategies')
          .values({ ...values, createdAt: values.updatedAt, deletedAt: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    else
      orNotFound(
        await ctx.db
          .updateTable('serviceStrategies')
          .set(values)
          .where('id', '=', rowId)
          .where('deletedAt', 'is', null)
          .returning('id')
          .executeTakeFirst(),
      );
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'serviceStrategies',
      entityId: rowId,
      detail: { name: input.name },
    });
    return rowId;
  });
  return toStrategy(
    await ctx.db.selectFrom('serviceStrategies').selectAll().where('id', '=', savedId).executeTakeFirstOrThrow(),
  );
}

export async function deleteStrategy(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    orNotFound(
      await ctx.db
        .updateTable('serviceStrategies')
        .set({ deletedAt: nowIso() })
        .where('id', '=', id)
        .where('deletedAt', 'is', null)
        .returning('id')
        .executeTakeFirst(),
    );
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'serviceStrategies', entityId: id });
  });
}

// ---- Implementation plans ---------------------------------------------------------------

function planColumns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db
      .selectFrom('implementationPlans')
      .innerJoin('customers', 'customers.id', 'implementationPlans.customerId')
      .leftJoin('users as owner', 'owner.id', 'implementationPlans.ownerId'),
    'customers',
    scope,
  )
    .selectAll('implementationPlans')
    .select(['customers.name as customerName', 'customers.level as customerLevel', 'owner.displayName as ownerName'])
    .where('implementationPlans.deletedAt', 'is', null);
}
type PlanRow = Awaited<ReturnType<ReturnType<typeof planColumns>['executeTakeFirstOrThrow']>>;

async function toPlans(db: Kysely<DB>, rows: PlanRow[], withNotes: boolean): Promise<Plan[]> {
  const ids = [...new Set(rows.flatMap((r) => readJson<number[]>(r.strategyIds, [])))];
  const strategies = ids.length
    ? await db.selectFrom('serviceStrategies').select(['id', 'name']).where('id', 'in', ids).execute()
    : [];
  const notes =
    withNotes && rows.length
      ? await db
          .selectFrom('planNotes')
          .leftJoin('users', 'users.id', 'planNotes.authorId')
          .select([
            'planNotes.id',
            'planNotes.planId',
            'planNotes.body',
            'users.displayName as authorName',
            'planNotes.createdAt',
          ])
          .where(
            'planNotes.planId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('planNotes.id')
          .execute()
      : [];
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerName: r.customerName,
    customerLevel: r.customerLevel,
    title: r.title,
    strategies: readJson<number[]>(r.strategyIds, []).map((id) => ({
      id,
      name: strategies.find((s) => s.id === id)?.name ?? String(id),
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
  let qb = planColumns(ctx.db, await customerScope(ctx, actor));
  if (query.customerId) qb = qb.where('implementationPlans.customerId', '=', query.customerId);
  if (query.status) qb = qb.where('implementationPlans.status', '=', query.status);
  const { total } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await qb
    .orderBy('implementationPlans.updatedAt', 'desc')
    .orderBy('implementationPlans.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await toPlans(ctx.db, rows, false),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getPlan(ctx: AppContext, actor: Actor, id: number): Promise<Plan> {
  const row = orNotFound(
    await planColumns(ctx.db, await customerScope(ctx, actor))
      .where('implementationPlans.id', '=', id)
      .executeTakeFirst(),
  );
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
    const found = await ctx.db
      .selectFrom('serviceStrategies')
      .select('id')
      .where('id', 'in', strategyIds)
      .where('deletedAt', 'is', null)
      .execute();
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
      rowId = (
        await ctx.db
          .insertInto('implementationPlans')
          .values({ ...values, version, createdBy: actor.userId, createdAt: values.updatedAt, deletedAt: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    else {
      const result = await ctx.db
        .updateTable('implementationPlans')
        .set({ ...values, version })
        .where('id', '=', rowId)
        .where('version', '=', version - 1)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'planChanged');
    }
    const { updatedAt: _, ...snapshot } = values;
    await ctx.db
      .insertInto('planVersions')
      .values({
        planId: rowId,
        version,
        snapshot: writeJson({ ...snapshot, strategyIds: [...new Set(strategyIds)] }),
        editedBy: actor.userId,
        createdAt: values.updatedAt,
      })
      .execute();
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
  const rows = await ctx.db
    .selectFrom('planVersions')
    .leftJoin('users', 'users.id', 'planVersions.editedBy')
    .select([
      'planVersions.version',
      'planVersions.snapshot',
      'users.displayName as editedByName',
      'planVersions.createdAt',
    ])
    .where('planVersions.planId', '=', id)
    .orderBy('planVersions.version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, snapshot: readJson<Record<string, unknown>>(r.snapshot, {}) }));
}

export async function addPlanNote(ctx: AppContext, actor: Actor, id: number, body: string): Promise<Plan> {
  await getPlan(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await ctx.db
      .insertInto('planNotes')
      .values({ planId: id, body, authorId: actor.userId, createdAt: nowIso() })
      .execute();
    await ctx.db.updateTable('implementationPlans').set({ updatedAt: nowIso() }).where('id', '=', id).execute();
  });
  return getPlan(ctx, actor, id);
}

// ---- Customer requirements --------------------------------------------------------------

function requirementColumns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db
      .selectFrom('customerRequirements')
      .innerJoin('customers', 'customers.id', 'customerRequirements.customerId')
      .leftJoin('implementationPlans as plan', 'plan.id', 'customerRequirements.planId')
      .leftJoin('serviceStrategies as strategy', 'strategy.id', 'customerRequirements.strategyId')
      .leftJoin('users as creator', 'creator.id', 'customerRequirements.createdBy'),
    'customers',
    scope,
  )
    .selectAll('customerRequirements')
    .select([
      'customers.name as customerName',
      'customers.level as customerLevel',
      'plan.title as planTitle',
      'strategy.name as strategyName',
      'creator.displayName as createdByName',
    ])
    .where('customerRequirements.deletedAt', 'is', null);
}
type RequirementRow = Awaited<ReturnType<ReturnType<typeof requirementColumns>['executeTakeFirstOrThrow']>>;
const toRequirement = (r: RequirementRow): Requirement => ({
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
  let qb = requirementColumns(ctx.db, await customerScope(ctx, actor));
  if (query.customerId) qb = qb.where('customerRequirements.customerId', '=', query.customerId);
  if (query.status) qb = qb.where('customerRequirements.status', '=', query.status);
  if (query.category) qb = qb.where('customerRequirements.category', '=', query.category);
  const { total } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await qb
    .orderBy('customerRequirements.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(toRequirement), total: Number(total), page: query.page, pageSize: query.pageSize };
}

export async function getRequirement(ctx: AppContext, actor: Actor, id: number): Promise<Requirement> {
  return toRequirement(
    orNotFound(
      await requirementColumns(ctx.db, await customerScope(ctx, actor))
        .where('customerRequirements.id', '=', id)
        .executeTakeFirst(),
    ),
  );
}

async function assertAnswers(
  ctx: AppContext,
  customerId: number,
  refs: { planId?: number | null; strategyId?: number | null },
) {
  if (refs.planId) {
    const plan = await ctx.db
      .selectFrom('implementationPlans')
      .select('customerId')
      .where('id', '=', refs.planId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!plan || plan.customerId !== customerId) throw fieldError('planId', 'notFoundOrHidden');
  }
  if (
    refs.strategyId &&
    !(await ctx.db
      .selectFrom('serviceStrategies')
      .select('id')
      .where('id', '=', refs.strategyId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst())
  )
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
    const row = await ctx.db
      .insertInto('customerRequirements')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'customerRequirements',
      entityId: row.id,
      detail: { customerId: input.customerId },
    });
    return row.id;
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
    await ctx.db
      .updateTable('customerRequirements')
      .set({ ...values, updatedAt: nowIso() })
      .where('id', '=', id)
      .execute();
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'customerRequirements', entityId: id, detail: values });
  });
  return getRequirement(ctx, actor, id);
}

/** Requirements still open (not answered or closed) by customer level and category, within the caller's customers. */
export async function requirementReport(ctx: AppContext, actor: Actor): Promise<RequirementReport> {
  const rows = await whereInScope(
    ctx.db.selectFrom('customerRequirements').innerJoin('customers', 'customers.id', 'customerRequirements.customerId'),
    'customers',
    await customerScope(ctx, actor),
  )
    .where('customerRequirements.deletedAt', 'is', null)
    .where('customerRequirements.status', 'in', ['open', 'in_progress'])
    .select([
      'customers.level as customerLevel',
      'customerRequirements.category',
      sql<number>`count(*)`.as('open'),
      sql<number>`sum(case when customer_requirements.urgency = 'urgent' then 1 else 0 end)`.as('urgent'),
    ])
    .groupBy(['customers.level', 'customerRequirements.category'])
    .execute();
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
