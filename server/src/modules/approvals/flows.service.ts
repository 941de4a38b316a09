import { type ApprovalFlow, type ApprovalFlowInput, approvalFacts, scaled } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import * as repo from './flows.repository.ts';

type Input = z.output<typeof ApprovalFlowInput>;
function toFlow(row: repo.FlowRow): ApprovalFlow {
  return {
    id: row.id,
    name: row.name,
    documentType: row.documentType as ApprovalFlow['documentType'],
    active: Boolean(row.active),
    priority: row.priority,
    conditions: readJson(row.conditions, []),
    steps: readJson(row.steps, []),
    updatedAt: row.updatedAt,
  };
}

export async function listFlows(ctx: AppContext): Promise<ApprovalFlow[]> {
  return (await repo.listFlowRows(ctx.db)).map(toFlow);
}

export async function getFlow(ctx: AppContext, id: number): Promise<ApprovalFlow> {
  return toFlow(orNotFound(await repo.findFlow(ctx.db, id)));
}

async function validate(db: Kysely<DB>, input: Input) {
  const facts: readonly string[] = approvalFacts[input.documentType];
  input.conditions.forEach((c, i) => {
    if (!facts.includes(c.fact)) throw fieldError(`conditions.${i}.fact`, 'unknownOption', { value: c.fact });
  });
  for (const [i, step] of input.steps.entries()) {
    if (step.approverType === 'role' && !(await repo.roleExists(db, step.roleId!)))
      throw fieldError(`steps.${i}.roleId`, 'notFoundOrHidden');
    if (step.approverType === 'user' && !(await repo.activeUserExists(db, step.userId!)))
      throw fieldError(`steps.${i}.userId`, 'notFoundOrHidden');
  }
  const steps = input.steps.map((s) => ({
    name: s.name,
    approverType: s.approverType,
    roleId: s.approverType === 'role' ? s.roleId : null,
    userId: s.approverType === 'user' ? s.userId : null,
    mode: s.mode,
  }));
  return {
    name: input.name,
    documentType: input.documentType,
    active: input.active ? 1 : 0,
    priority: input.priority,
    conditions: writeJson(input.conditions),
    steps: writeJson(steps),
  };
}

export async function createFlow(ctx: AppContext, actor: Actor, input: Input): Promise<ApprovalFlow> {
  const values = await validate(ctx.db, input);
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertFlow(ctx.db, { ...values, createdAt: now, updatedAt: now });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'approvalFlows',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return getFlow(ctx, id);
}

export async function updateFlow(ctx: AppContext, actor: Actor, id: number, input: Input): Promise<ApprovalFlow> {
  await getFlow(ctx, id);
  const values = await validate(ctx.db, input);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateFlow(ctx.db, id, { ...values, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'approvalFlows', entityId: id, detail: input });
  });
  return getFlow(ctx, id);
}

/** A flow that requests were made under is switched off rather than deleted. */
export async function deleteFlow(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await getFlow(ctx, id);
  const used = await repo.flowHasRequests(ctx.db, id);
  await inTransaction(ctx, async (ctx) => {
    if (used) await repo.updateFlow(ctx.db, id, { active: 0, updatedAt: nowIso() });
    else await repo.deleteFlow(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: used ? 'update' : 'delete',
      entity: 'approvalFlows',
      entityId: id,
      detail: used ? { active: false } : undefined,
    });
  });
}

const compare = {
  '>': (a: bigint, b: bigint) => a > b,
  '>=': (a: bigint, b: bigint) => a >= b,
  '<': (a: bigint, b: bigint) => a < b,
  '<=': (a: bigint, b: bigint) => a <= b,
};

/** The first active flow of the document type, by priority, whose conditions all hold for the facts; null when none applies. */
export async function matchingFlow(
  db: Kysely<DB>,
  documentType: string,
  facts: Record<string, string>,
): Promise<ApprovalFlow | null> {
  const rows = await repo.listActiveFlowsOf(db, documentType);
  for (const flow of rows.map(toFlow)) {
    const holds = flow.conditions.every(
      (c) => facts[c.fact] !== undefined && compare[c.op](scaled(facts[c.fact], 2), scaled(c.value, 2)),
    );
    if (holds) return flow;
  }
  return null;
}
