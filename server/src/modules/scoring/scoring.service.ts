import type {
  ScoreReasons,
  ScoringEntity,
  ScoringGroup,
  ScoringGroupInput,
  ScoringRule,
  ScoringRuleInput,
  ScoringSetup,
} from '@relate/common';
import { scoringFields } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { scopeFor } from '../../platform/scope.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import * as repo from './scoring.repository.ts';

export const recomputeJobKind = 'scoring.recompute';

function toRule(row: repo.RuleRow): ScoringRule {
  return {
    id: row.id,
    groupId: row.groupId,
    name: row.name,
    active: Boolean(row.active),
    kind: row.kind as ScoringRule['kind'],
    entity: row.entity as ScoringRule['entity'],
    field: row.field,
    operator: row.operator as ScoringRule['operator'],
    value: readJson<ScoringRule['value']>(row.value, null),
    event: row.event as ScoringRule['event'],
    days: row.days,
    points: row.points,
    capPoints: row.capPoints,
    capDays: row.capDays,
  };
}

function toGroup(row: repo.GroupRow, rules: repo.RuleRow[]): ScoringGroup {
  return {
    id: row.id,
    name: row.name,
    isDefault: Boolean(row.isDefault),
    decayPercent: row.decayPercent,
    decayDays: row.decayDays,
    expireDays: row.expireDays,
    rules: rules.filter((r) => r.groupId === row.id).map(toRule),
  };
}

/** The score groups with their rules, and whether a recompute is under way. */
export async function getScoringSetup(ctx: AppContext): Promise<ScoringSetup> {
  const [groups, rules, recomputing] = await Promise.all([
    repo.listGroups(ctx.db),
    repo.listRules(ctx.db),
    repo.recomputeQueued(ctx.db, recomputeJobKind, ['pending', 'running']),
  ]);
  return { groups: groups.map((g) => toGroup(g, rules)), recomputing };
}

/** Queues a recompute of every record's score (rules changed); one queued run serves every change before it. */
async function queueRecompute(db: Kysely<DB>): Promise<void> {
  if (await repo.recomputeQueued(db, recomputeJobKind, ['pending'])) return;
  await scheduleJob(db, { kind: recomputeJobKind, runAt: nowIso() });
}

function groupColumns(input: z.output<typeof ScoringGroupInput>) {
  return {
    name: input.name,
    isDefault: input.isDefault ? 1 : 0,
    decayPercent: input.decayPercent,
    decayDays: input.decayDays,
    expireDays: input.expireDays ?? null,
  };
}

export async function createScoringGroup(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ScoringGroupInput>,
): Promise<ScoringGroup> {
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertGroup(ctx.db, {
      ...groupColumns(input),
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (input.isDefault) {
      await repo.clearDefaultGroup(ctx.db, id);
      await queueRecompute(ctx.db);
    }
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'scoringGroups',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return toGroup(orNotFound(await repo.findGroup(ctx.db, id)), []);
}

export async function updateScoringGroup(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof ScoringGroupInput>,
): Promise<ScoringGroup> {
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findGroup(ctx.db, id));
    if (row.isDefault && !input.isDefault) throw fieldError('isDefault', 'scoringDefaultGroupNeeded');
    await repo.updateGroup(ctx.db, id, { ...groupColumns(input), updatedBy: actor.userId, updatedAt: nowIso() });
    if (input.isDefault) await repo.clearDefaultGroup(ctx.db, id);
    await queueRecompute(ctx.db);
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'scoringGroups', entityId: id, detail: { ...input } });
  });
  const rules = (await repo.listRules(ctx.db)).filter((r) => r.groupId === id);
  return toGroup(orNotFound(await repo.findGroup(ctx.db, id)), rules);
}

/** Deletes a group (not the default one) with its rules; its reasons stop counting. */
export async function deleteScoringGroup(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findGroup(ctx.db, id));
    if (row.isDefault) throw new AppError('CONFLICT', 'scoringDefaultGroupNeeded');
    await repo.deleteGroup(ctx.db, id, nowIso());
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'scoringGroups',
      entityId: id,
      detail: { name: row.name },
    });
  });
}

/** A rule's group, dictionary codes and (for behaviour) event are checked by meaning. */
async function assertRuleInput(db: Kysely<DB>, input: z.output<typeof ScoringRuleInput>) {
  if (!(await repo.findGroup(db, input.groupId))) throw fieldError('groupId', 'scoringUnknownGroup');
  if (input.kind !== 'field' || !input.entity || !input.field) return;
  const spec = (scoringFields[input.entity] as Record<string, { dictionary?: string }>)[input.field];
  const dictionary = spec?.dictionary as 'industry' | 'customer_source' | undefined;
  if (!dictionary || input.value == null || typeof input.value === 'number') return;
  const values = Array.isArray(input.value) ? input.value : [input.value];
  const codes: Record<string, string> = {};
  const types: Record<string, 'industry' | 'customer_source'> = {};
  for (const [i, code] of values.entries()) {
    const key = Array.isArray(input.value) ? `value.${i}` : 'value';
    codes[key] = code;
    types[key] = dictionary;
  }
  await assertDictionaryCodes(db, codes, types);
}

function ruleColumns(input: z.output<typeof ScoringRuleInput>) {
  const field = input.kind === 'field';
  return {
    groupId: input.groupId,
    name: input.name,
    active: input.active ? 1 : 0,
    kind: input.kind,
    entity: field ? (input.entity ?? null) : null,
    field: field ? (input.field ?? null) : null,
    operator: field ? (input.operator ?? null) : null,
    value: field && input.operator !== 'is_set' && input.value != null ? writeJson(input.value) : null,
    event: field ? null : (input.event ?? null),
    days: !field && input.event === 'no_activity' ? (input.days ?? null) : null,
    points: input.points,
    capPoints: field ? null : (input.capPoints ?? null),
    capDays: field ? null : (input.capDays ?? null),
  };
}

export async function createScoringRule(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ScoringRuleInput>,
): Promise<ScoringRule> {
  await assertRuleInput(ctx.db, input);
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertRule(ctx.db, {
      ...ruleColumns(input),
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (input.kind === 'field') await queueRecompute(ctx.db);
    await writeAudit(ctx.db, actor, { action: 'create', entity: 'scoringRules', entityId: id, detail: { ...input } });
    return id;
  });
  return toRule(orNotFound(await repo.findRule(ctx.db, id)));
}

export async function updateScoringRule(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof ScoringRuleInput>,
): Promise<ScoringRule> {
  orNotFound(await repo.findRule(ctx.db, id));
  await assertRuleInput(ctx.db, input);
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await repo.findRule(ctx.db, id));
    await repo.updateRule(ctx.db, id, { ...ruleColumns(input), updatedBy: actor.userId, updatedAt: nowIso() });
    await queueRecompute(ctx.db);
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'scoringRules', entityId: id, detail: { ...input } });
  });
  return toRule(orNotFound(await repo.findRule(ctx.db, id)));
}

/** Deletes a rule; the recompute it queues ends the reasons it gave. */
export async function deleteScoringRule(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findRule(ctx.db, id));
    await repo.deleteRule(ctx.db, id);
    await queueRecompute(ctx.db);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'scoringRules',
      entityId: id,
      detail: { name: row.name },
    });
  });
}

/** Queues a recompute of every lead's and contact's score. */
export async function requestRecompute(ctx: AppContext, actor: Actor): Promise<{ queued: boolean }> {
  await inTransaction(ctx, async (ctx) => {
    await queueRecompute(ctx.db);
    await writeAudit(ctx.db, actor, { action: 'recompute', entity: 'scoringGroups' });
  });
  return { queued: true };
}

/** A record's score and its open reasons per group; 404 when the caller's scope does not show the record. */
export async function scoreReasons(
  ctx: AppContext,
  actor: Actor,
  entity: ScoringEntity,
  id: number,
): Promise<ScoreReasons> {
  const scope = await scopeFor(ctx.db, actor, entity);
  if (!(await repo.recordInScope(ctx.db, entity, scope, id))) throw notFound();
  const [groups, events, totals, score] = await Promise.all([
    repo.listGroups(ctx.db),
    repo.openEventsOf(ctx.db, entity, [id]),
    repo.groupTotals(ctx.db, entity, id),
    repo.recordScore(ctx.db, entity, id),
  ]);
  return {
    score,
    groups: groups.map((g) => ({
      groupId: g.id,
      name: g.name,
      isDefault: Boolean(g.isDefault),
      total: totals.get(g.id) ?? 0,
      reasons: events
        .filter((e) => e.groupId === g.id && e.currentPoints !== 0)
        .reverse()
        .map((e) => ({
          id: e.id,
          ruleId: e.ruleId,
          kind: e.kind as ScoreReasons['groups'][number]['reasons'][number]['kind'],
          event: e.event,
          reason: e.reason,
          points: e.points,
          currentPoints: e.currentPoints,
          occurredAt: new Date(e.occurredAt).toISOString(),
        })),
    })),
  };
}
