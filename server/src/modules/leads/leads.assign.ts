import type { LeadAssignInput } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden } from '../../platform/errors.ts';
import { findDepartment } from '../departments/index.ts';
import { notify } from '../notifications/index.ts';
import { activeMembersOf, findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './leads.repository.ts';
import { leadScope } from './leads.service.ts';

type Owner = { id: number; departmentId: number | null };

/** Takes turns through the department's members, continuing where the previous assignment stopped. */
async function roundRobin(trx: Kysely<DB>, departmentId: number, members: Owner[], count: number): Promise<Owner[]> {
  const key = `leads:department:${departmentId}`;
  const cursor = await repo.findAssignmentCursor(trx, key);
  let index = cursor ? members.findIndex((m) => m.id > (cursor.lastUserId ?? 0)) : 0;
  if (index < 0) index = 0;
  const picks = Array.from({ length: count }, (_, i) => members[(index + i) % members.length]);
  const lastUserId = picks[picks.length - 1].id;
  await repo.saveAssignmentCursor(trx, key, lastUserId);
  return picks;
}

/** Gives each lead to the member with the fewest open leads at that moment. */
async function leastLoaded(trx: Kysely<DB>, members: Owner[], count: number): Promise<Owner[]> {
  const load = await repo.openLeadCounts(
    trx,
    members.map((m) => m.id),
  );
  const picks: Owner[] = [];
  for (let i = 0; i < count; i++) {
    const next = members.reduce((best, m) => ((load.get(m.id) ?? 0) < (load.get(best.id) ?? 0) ? m : best), members[0]);
    load.set(next.id, (load.get(next.id) ?? 0) + 1);
    picks.push(next);
  }
  return picks;
}

/**
 * Assigns leads in the caller's scope to one person, or spreads them over a department by turns
 * or by load; every assignee is notified once.
 */
export async function assignLeads(ctx: AppContext, actor: Actor, input: z.output<typeof LeadAssignInput>) {
  const scope = await leadScope(ctx, actor);
  return inTransaction(ctx, async (ctx) => {
    const ids = await repo.idsInScope(ctx.db, scope, input.ids);
    if (!ids.length) return { assigned: [] };
    let owners: Owner[];
    if (input.method === 'manual') {
      const user = await findUserDepartmentAndStatus(ctx.db, input.ownerId!);
      if (!user) throw fieldError('ownerId', 'unknownUser', { value: input.ownerId! });
      if (user.status !== 'active') throw fieldError('ownerId', 'userDisabled');
      owners = ids.map(() => user);
    } else {
      const department = await findDepartment(ctx.db, input.departmentId!);
      if (!department) throw fieldError('departmentId', 'unknownDepartment');
      if (scope.kind === 'own' || (scope.kind === 'departments' && !scope.departmentIds.includes(department.id)))
        throw forbidden();
      const members: Owner[] = await activeMembersOf(ctx.db, department.id);
      if (!members.length) throw fieldError('departmentId', 'noAssignee');
      owners =
        input.method === 'round_robin'
          ? await roundRobin(ctx.db, department.id, members, ids.length)
          : await leastLoaded(ctx.db, members, ids.length);
    }
    const before = new Map((await repo.ownersOf(ctx.db, ids)).map((r) => [r.id, r.ownerId]));
    const now = nowIso();
    const byOwner = new Map<number, number[]>();
    ids.forEach((id, i) => byOwner.set(owners[i].id, [...(byOwner.get(owners[i].id) ?? []), id]));
    for (const [ownerId, leadIds] of byOwner) {
      const owner = owners.find((o) => o.id === ownerId)!;
      await repo.assignOwner(ctx.db, leadIds, owner, actor.userId, now);
    }
    await writeAuditMany(
      ctx.db,
      actor,
      ids.map((id, i) => ({
        action: 'assign',
        entity: 'leads',
        entityId: id,
        changes: [{ field: 'ownerId', old: before.get(id) ?? null, new: owners[i].id }],
        detail: { method: input.method },
      })),
    );
    await notify(
      ctx.db,
      [...byOwner]
        .filter(([ownerId]) => ownerId !== actor.userId)
        .map(([ownerId, leadIds]) => ({
          userId: ownerId,
          kind: 'leadsAssigned' as const,
          entity: 'leads',
          entityId: leadIds[0],
          params: { count: leadIds.length, by: actor.displayName },
        })),
    );
    return { assigned: ids.map((leadId, i) => ({ leadId, ownerId: owners[i].id })) };
  });
}
