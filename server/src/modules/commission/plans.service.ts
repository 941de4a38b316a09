import {
  type CommissionPlan,
  type CommissionPlanInput,
  fromMinorUnits,
  type Page,
  scaled,
  toMinorUnits,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, type FieldMessage, orNotFound } from '../../platform/errors.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';
import { listDictionaryOptions } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './plans.repository.ts';
import { decimalOf } from './rules.ts';

type Input = z.output<typeof CommissionPlanInput>;

async function toPlans(db: Kysely<DB>, rows: repo.PlanRow[]): Promise<CommissionPlan[]> {
  const { defaultCurrency } = await getSettings(db);
  const parts = await repo.partsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const assigned = parts.assignments.filter((a) => a.planId === row.id);
    return {
      id: row.id,
      name: row.name,
      basis: row.basis as CommissionPlan['basis'],
      startDate: row.startDate,
      endDate: row.endDate,
      active: Boolean(row.active),
      cap: row.cap === null ? null : fromMinorUnits(Number(row.cap)),
      currency: defaultCurrency,
      rates: parts.rates
        .filter((r) => r.planId === row.id)
        .map((r) => ({
          categoryId: r.categoryId,
          categoryName: r.categoryName,
          customerLevel: r.customerLevel,
          rate: decimalOf(r.rateBp, 2),
        })),
      tiers: parts.tiers
        .filter((t) => t.planId === row.id)
        .map((t) => ({ fromPercent: decimalOf(t.fromBp, 2), multiplier: decimalOf(t.multiplierBp, 4) })),
      users: assigned.filter((a) => a.userId !== null).map((a) => ({ id: a.userId!, name: a.userName ?? '' })),
      roles: assigned.filter((a) => a.roleId !== null).map((a) => ({ id: a.roleId!, name: a.roleName ?? '' })),
      statements: Number(parts.statements.find((s) => s.planId === row.id)?.n ?? 0),
      updatedAt: row.updatedAt,
    };
  });
}

/**
 * Checks a plan for what it means — its dates in order, each rate's category and customer level real and
 * given once, tiers from 0 % upwards, its people and roles real — and gives its rows, or every field
 * that is wrong at once.
 */
async function validate(db: Kysely<DB>, input: Input) {
  const fields: Record<string, FieldMessage> = {};
  if (input.endDate && input.endDate < input.startDate) fields.endDate = 'endBeforeStart';
  const found = await repo.existing(db, {
    users: input.userIds,
    roles: input.roleIds,
    categories: input.rates.flatMap((r) => (r.categoryId ? [r.categoryId] : [])),
  });
  const levels = new Set(
    (await listDictionaryOptions(db, 'customer_level')).filter((o) => o.enabled).map((o) => o.code),
  );
  const seen = new Set<string>();
  input.rates.forEach((rate, i) => {
    const key = `${rate.categoryId ?? ''}|${rate.customerLevel ?? ''}`;
    if (seen.has(key)) fields[`rates.${i}`] = 'duplicateRate';
    seen.add(key);
    if (rate.categoryId && !found.categories.has(rate.categoryId)) fields[`rates.${i}.categoryId`] = 'notFoundOrHidden';
    if (rate.customerLevel && !levels.has(rate.customerLevel))
      fields[`rates.${i}.customerLevel`] = { key: 'unknownOption', params: { value: rate.customerLevel } };
  });
  const tiers = input.tiers.map((t) => ({
    fromBp: Number(scaled(t.fromPercent, 2)),
    multiplierBp: Number(scaled(t.multiplier, 4)),
  }));
  tiers.forEach((tier, i) => {
    if (i === 0 && tier.fromBp !== 0) fields['tiers.0.fromPercent'] = 'firstTierFromZero';
    if (i > 0 && tier.fromBp <= tiers[i - 1].fromBp) fields[`tiers.${i}.fromPercent`] = 'tiersAscending';
  });
  input.userIds.forEach((id, i) => {
    if (!found.users.has(id)) fields[`userIds.${i}`] = 'notFoundOrHidden';
  });
  input.roleIds.forEach((id, i) => {
    if (!found.roles.has(id)) fields[`roleIds.${i}`] = 'notFoundOrHidden';
  });
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', fields);
  return {
    plan: {
      name: input.name,
      basis: input.basis,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      active: input.active ? 1 : 0,
      cap: input.cap ? toMinorUnits(input.cap) : null,
    },
    parts: {
      rates: input.rates.map((r) => ({
        categoryId: r.categoryId ?? null,
        customerLevel: r.customerLevel ?? null,
        rateBp: Number(scaled(r.rate, 2)),
      })),
      tiers,
      assignments: [
        ...[...new Set(input.userIds)].map((userId) => ({ userId, roleId: null })),
        ...[...new Set(input.roleIds)].map((roleId) => ({ userId: null, roleId })),
      ],
    },
  };
}

export async function listPlans(
  ctx: AppContext,
  query: { page: number; pageSize: number },
): Promise<Page<CommissionPlan>> {
  const { rows, total } = await repo.listPlans(ctx.db, pageWindow(query.page, query.pageSize));
  return { items: await toPlans(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getPlan(ctx: AppContext, id: number): Promise<CommissionPlan> {
  return (await toPlans(ctx.db, [orNotFound(await repo.findPlan(ctx.db, id))]))[0];
}

/** Creates a commission plan with its rates, tiers and the people and roles it applies to. */
export async function createPlan(ctx: AppContext, actor: Actor, input: Input): Promise<CommissionPlan> {
  const { plan, parts } = await validate(ctx.db, input);
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertPlan(ctx.db, { ...plan, ...createdStamps(actor) });
    await repo.replaceParts(ctx.db, id, parts);
    await writeAudit(ctx.db, actor, { action: 'create', entity: 'commissionPlans', entityId: id, detail: input });
    return id;
  });
  return getPlan(ctx, id);
}

/** Changes a plan; statements already computed keep the rates and tiers they were computed with. */
export async function updatePlan(ctx: AppContext, actor: Actor, id: number, input: Input): Promise<CommissionPlan> {
  await getPlan(ctx, id);
  const { plan, parts } = await validate(ctx.db, input);
  await inTransaction(ctx, async (ctx) => {
    await repo.updatePlan(ctx.db, id, { ...plan, ...updatedStamps(actor) });
    await repo.replaceParts(ctx.db, id, parts);
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'commissionPlans', entityId: id, detail: input });
  });
  return getPlan(ctx, id);
}

/** A plan that statements were computed under is switched off rather than deleted. */
export async function deletePlan(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const used = (await getPlan(ctx, id)).statements > 0;
  await inTransaction(ctx, async (ctx) => {
    if (used) await repo.updatePlan(ctx.db, id, { active: 0, ...updatedStamps(actor) });
    else await repo.deletePlan(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: used ? 'update' : 'delete',
      entity: 'commissionPlans',
      entityId: id,
      detail: used ? { active: false } : undefined,
    });
  });
}
