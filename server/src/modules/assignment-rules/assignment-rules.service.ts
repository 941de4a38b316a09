import type { AssignmentRule, AssignmentRuleInput, AssignmentRules } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import { scopeFor } from '../../platform/scope.ts';
import { updatedStamps } from '../../platform/stamps.ts';
import { findDepartment } from '../departments/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { type LeadOwner, leadsForAssignment, openLeadCounts, setLeadOwners } from '../leads/index.ts';
import { activeMembersOf, findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './assignment-rules.repository.ts';

type RuleRow = Awaited<ReturnType<typeof repo.listRules>>[number];

function toRule(row: RuleRow): AssignmentRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: Boolean(row.active),
    provinces: readJson<string[]>(row.provinces, []),
    cities: readJson<string[]>(row.cities, []),
    industries: readJson<string[]>(row.industries, []),
    sources: readJson<string[]>(row.sources, []),
    scoreMin: row.scoreMin,
    scoreMax: row.scoreMax,
    userIds: readJson<number[]>(row.userIds, []),
    departmentId: row.departmentId,
    method: row.method as AssignmentRule['method'],
  };
}

const auditedFields = [
  'name',
  'active',
  'provinces',
  'cities',
  'industries',
  'sources',
  'scoreMin',
  'scoreMax',
  'userIds',
  'departmentId',
  'method',
] as const;

export async function listAssignmentRules(ctx: AppContext): Promise<AssignmentRules> {
  const [rows, defaultOwnerId] = await Promise.all([repo.listRules(ctx.db), repo.findDefaultOwnerId(ctx.db)]);
  return { items: rows.map(toRule), defaultOwnerId };
}

/** A rule's conditions and team are checked by meaning: known codes, users, department. */
async function assertRuleInput(db: Kysely<DB>, input: z.output<typeof AssignmentRuleInput>) {
  const codes: Record<string, string> = {};
  const types: Record<string, 'industry' | 'customer_source'> = {};
  for (const [field, type] of [
    ['industries', 'industry'],
    ['sources', 'customer_source'],
  ] as const)
    for (const [i, code] of input[field].entries()) {
      codes[`${field}.${i}`] = code;
      types[`${field}.${i}`] = type;
    }
  await assertDictionaryCodes(db, codes, types);
  for (const [i, userId] of input.userIds.entries())
    if (!(await findUserDepartmentAndStatus(db, userId)))
      throw fieldError(`userIds.${i}`, 'unknownUser', { value: userId });
  if (input.departmentId && !(await findDepartment(db, input.departmentId)))
    throw fieldError('departmentId', 'unknownDepartment');
}

function columnsOf(input: z.output<typeof AssignmentRuleInput>) {
  return {
    name: input.name,
    active: input.active ? 1 : 0,
    provinces: writeJson(input.provinces),
    cities: writeJson(input.cities),
    industries: writeJson(input.industries),
    sources: writeJson(input.sources),
    scoreMin: input.scoreMin ?? null,
    scoreMax: input.scoreMax ?? null,
    userIds: writeJson([...new Set(input.userIds)]),
    departmentId: input.departmentId ?? null,
    method: input.method,
  };
}

export async function createAssignmentRule(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof AssignmentRuleInput>,
): Promise<AssignmentRule> {
  await assertRuleInput(ctx.db, input);
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertRule(ctx.db, {
      ...columnsOf(input),
      position: await repo.nextPosition(ctx.db),
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'assignmentRules',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return toRule(orNotFound(await repo.findRule(ctx.db, id)));
}

export async function updateAssignmentRule(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof AssignmentRuleInput>,
): Promise<AssignmentRule> {
  await assertRuleInput(ctx.db, input);
  await inTransaction(ctx, async (ctx) => {
    const before = toRule(orNotFound(await repo.findRule(ctx.db, id)));
    await repo.updateRule(ctx.db, id, { ...columnsOf(input), ...updatedStamps(actor) });
    const changes = diffFields(before, { ...before, ...input }, auditedFields);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'assignmentRules', entityId: id, changes });
  });
  return toRule(orNotFound(await repo.findRule(ctx.db, id)));
}

export async function deleteAssignmentRule(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findRule(ctx.db, id));
    await repo.deleteRule(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'assignmentRules',
      entityId: id,
      detail: { name: row.name },
    });
  });
}

/** Puts the rules in the order given (every rule, once); the first that matches a lead wins. */
export async function orderAssignmentRules(ctx: AppContext, actor: Actor, ids: number[]): Promise<AssignmentRules> {
  await inTransaction(ctx, async (ctx) => {
    const existing = (await repo.listRules(ctx.db)).map((r) => r.id);
    const given = new Set(ids);
    if (given.size !== ids.length || existing.length !== ids.length || existing.some((id) => !given.has(id)))
      throw fieldError('ids', 'notARecordYouSee');
    for (const [i, id] of ids.entries()) await repo.setPosition(ctx.db, id, i + 1);
    await writeAudit(ctx.db, actor, { action: 'reorder', entity: 'assignmentRules', detail: { ids } });
  });
  return listAssignmentRules(ctx);
}

/** Who gets a lead no rule matches (none: the lead keeps the owner its path gives it). */
export async function setDefaultOwner(ctx: AppContext, actor: Actor, ownerId: number | null): Promise<AssignmentRules> {
  if (ownerId !== null) {
    const user = await findUserDepartmentAndStatus(ctx.db, ownerId);
    if (!user) throw fieldError('ownerId', 'unknownUser', { value: ownerId });
    if (user.status !== 'active') throw fieldError('ownerId', 'userDisabled');
  }
  await inTransaction(ctx, async (ctx) => {
    const before = await repo.findDefaultOwnerId(ctx.db);
    await repo.saveDefaultOwnerId(ctx.db, ownerId);
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'assignmentRules',
      changes: [{ field: 'defaultOwnerId', old: before, new: ownerId }],
    });
  });
  return listAssignmentRules(ctx);
}

/** What a rule looks at in a lead. */
export type LeadFacts = {
  province: string | null;
  city: string | null;
  industry: string | null;
  source: string | null;
  score: number | null;
};

function matches(rule: AssignmentRule, lead: LeadFacts): boolean {
  const within = (values: string[], value: string | null) =>
    !values.length || (value !== null && values.includes(value.trim()));
  if (!within(rule.provinces, lead.province) || !within(rule.cities, lead.city)) return false;
  if (!within(rule.industries, lead.industry) || !within(rule.sources, lead.source)) return false;
  const score = lead.score ?? 0;
  if (rule.scoreMin != null && score < rule.scoreMin) return false;
  if (rule.scoreMax != null && score > rule.scoreMax) return false;
  return true;
}

/** The rule's team: its chosen users and its department's members, active ones only, in id order. */
async function teamOf(db: Kysely<DB>, rule: AssignmentRule): Promise<LeadOwner[]> {
  const team = new Map<number, LeadOwner>();
  for (const id of rule.userIds) {
    const user = await findUserDepartmentAndStatus(db, id);
    if (user?.status === 'active') team.set(user.id, { id: user.id, departmentId: user.departmentId });
  }
  if (rule.departmentId)
    for (const member of await activeMembersOf(db, rule.departmentId))
      team.set(member.id, { id: member.id, departmentId: member.departmentId });
  return [...team.values()].sort((a, b) => a.id - b.id);
}

export type RulePick = { owner: LeadOwner; ruleId: number | null } | null;

/**
 * Picks an owner for each lead in the caller's transaction: the first active rule (in order) whose
 * conditions it meets and whose team has someone, else the default owner, else none (null). A rule
 * hands out its leads by turns (round robin) or to whoever has the fewest open leads; either way it first
 * moves its turn on in one update, which on PostgreSQL holds its row until the transaction ends, so
 * concurrent assignments by one rule never read the same turn or the same loads.
 */
export async function pickOwnersByRules(db: Kysely<DB>, leads: LeadFacts[]): Promise<RulePick[]> {
  const rules = (await repo.listActiveRules(db)).map(toRule);
  const teams = new Map<number, LeadOwner[]>();
  const byRule = new Map<number, number[]>();
  const unmatched: number[] = [];
  for (const [index, lead] of leads.entries()) {
    let chosen: AssignmentRule | undefined;
    for (const rule of rules) {
      if (!matches(rule, lead)) continue;
      if (!teams.has(rule.id)) teams.set(rule.id, await teamOf(db, rule));
      if (teams.get(rule.id)!.length) {
        chosen = rule;
        break;
      }
    }
    if (chosen) byRule.set(chosen.id, [...(byRule.get(chosen.id) ?? []), index]);
    else unmatched.push(index);
  }
  const picks: RulePick[] = leads.map(() => null);
  // Rules in their order, so that concurrent assignments take the rows' locks in one order.
  for (const rule of rules) {
    const indexes = byRule.get(rule.id);
    if (!indexes) continue;
    const team = teams.get(rule.id)!;
    const end = await repo.takeTurns(db, rule.id, indexes.length);
    const start = end - indexes.length;
    if (rule.method === 'round_robin') {
      indexes.forEach((leadIndex, i) => {
        picks[leadIndex] = { owner: team[(start + i) % team.length], ruleId: rule.id };
      });
    } else {
      const load = await openLeadCounts(
        db,
        team.map((m) => m.id),
      );
      indexes.forEach((leadIndex, i) => {
        // Among the least loaded, the one whose turn it is.
        const inTurn = team.map((_, k) => team[(start + i + k) % team.length]);
        const next = inTurn.reduce(
          (best, m) => ((load.get(m.id) ?? 0) < (load.get(best.id) ?? 0) ? m : best),
          inTurn[0],
        );
        load.set(next.id, (load.get(next.id) ?? 0) + 1);
        picks[leadIndex] = { owner: next, ruleId: rule.id };
      });
    }
  }
  if (unmatched.length) {
    const defaultOwnerId = await repo.findDefaultOwnerId(db);
    const user = defaultOwnerId ? await findUserDepartmentAndStatus(db, defaultOwnerId) : undefined;
    if (user?.status === 'active')
      for (const index of unmatched)
        picks[index] = { owner: { id: user.id, departmentId: user.departmentId }, ruleId: null };
  }
  return picks;
}

/**
 * Gives the leads among `ids` that the caller sees owners by the rules ("assign by rules" on the lead
 * list); a lead no rule matches, with no default owner, keeps its owner.
 */
export async function assignLeadsByRules(ctx: AppContext, actor: Actor, ids: number[]) {
  const scope = await scopeFor(ctx.db, actor, 'leads');
  return inTransaction(ctx, async (ctx) => {
    const leads = await leadsForAssignment(ctx.db, scope, [...new Set(ids)]);
    const picks = await pickOwnersByRules(ctx.db, leads);
    const assigned = leads.flatMap((lead, i) => {
      const pick = picks[i];
      return pick ? [{ leadId: lead.id, owner: pick.owner, previousOwnerId: lead.ownerId, ruleId: pick.ruleId }] : [];
    });
    await setLeadOwners(ctx.db, actor, assigned, { detail: { method: 'rules' }, by: actor.displayName });
    return {
      assigned: assigned.map((a) => ({ leadId: a.leadId, ownerId: a.owner.id, ruleId: a.ruleId })),
      unmatched: leads.length - assigned.length,
    };
  });
}
