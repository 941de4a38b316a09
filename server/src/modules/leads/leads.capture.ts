import type { LeadInput } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { AuditActor } from '../../platform/actor.ts';
import { diffFields, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { orNotFound } from '../../platform/errors.ts';
import type { Scope } from '../../platform/scope.ts';
import { normalizePhone } from '../customers/index.ts';
import { notify } from '../notifications/index.ts';
import * as captureRepo from './leads.capture.repository.ts';
import * as repo from './leads.repository.ts';
import { auditedFields, derivedColumns, plainColumns, toLead } from './leads.service.ts';

export type LeadOwner = { id: number; departmentId: number | null };

/**
 * The live lead a visitor's mobile, phone or email already belongs to — the keys the lead import
 * dedupes by — or undefined.
 */
export async function findLeadForCapture(
  db: Kysely<DB>,
  keys: { mobile?: string | null; phone?: string | null; email?: string | null },
) {
  const phones = [normalizePhone(keys.mobile), normalizePhone(keys.phone)].filter((p): p is string => Boolean(p));
  return captureRepo.findLeadByPhoneOrEmail(db, [...new Set(phones)], keys.email?.trim().toLowerCase() || null);
}

/** Writes a form's answers onto an existing lead in the caller's transaction: what was answered overwrites; audited. */
export async function updateCapturedLead(
  trx: Kysely<DB>,
  actor: AuditActor,
  id: number,
  answers: Partial<z.output<typeof LeadInput>>,
  detail: Record<string, unknown>,
): Promise<void> {
  const row = orNotFound(await repo.findLead(trx, { kind: 'all' }, id));
  const before = toLead(row, []);
  const merged = { ...before, ...answers };
  await repo.updateLead(trx, id, {
    ...plainColumns(answers),
    ...derivedColumns(merged),
    updatedBy: actor.userId || null,
    updatedAt: nowIso(),
  });
  const changes = diffFields(before, merged, [...auditedFields]);
  await writeAudit(trx, actor, { action: 'update', entity: 'leads', entityId: id, changes, detail });
}

/** What assignment rules look at, for the live leads among `ids` the scope shows. */
export function leadsForAssignment(db: Kysely<DB>, scope: Scope, ids: number[]) {
  return captureRepo.leadFactsInScope(db, scope, ids);
}

/** Open leads (new, contacting, qualified) each user owns: the load of "least loaded". */
export function openLeadCounts(db: Kysely<DB>, userIds: number[]): Promise<Map<number, number>> {
  return repo.openLeadCounts(db, userIds);
}

/**
 * Gives leads their owners in the caller's transaction: one audit row per lead, and each new owner (other
 * than the one acting) notified once with how many they got.
 */
export async function setLeadOwners(
  trx: Kysely<DB>,
  actor: AuditActor,
  assignments: Array<{ leadId: number; owner: LeadOwner; previousOwnerId: number | null }>,
  { detail, by }: { detail: Record<string, unknown>; by: string },
): Promise<void> {
  if (!assignments.length) return;
  const now = nowIso();
  const byOwner = new Map<number, { owner: LeadOwner; leadIds: number[] }>();
  for (const a of assignments) {
    const entry = byOwner.get(a.owner.id) ?? { owner: a.owner, leadIds: [] };
    entry.leadIds.push(a.leadId);
    byOwner.set(a.owner.id, entry);
  }
  for (const { owner, leadIds } of byOwner.values())
    for (let i = 0; i < leadIds.length; i += 500)
      await captureRepo.setOwner(trx, leadIds.slice(i, i + 500), owner, actor.userId || null, now);
  await writeAuditMany(
    trx,
    actor,
    assignments.map((a) => ({
      action: 'assign',
      entity: 'leads',
      entityId: a.leadId,
      changes: [{ field: 'ownerId', old: a.previousOwnerId, new: a.owner.id }],
      detail,
    })),
  );
  await notify(
    trx,
    [...byOwner.values()]
      .filter(({ owner }) => owner.id !== actor.userId)
      .map(({ owner, leadIds }) => ({
        userId: owner.id,
        kind: 'leadsAssigned' as const,
        entity: 'leads',
        entityId: leadIds[0],
        params: { count: leadIds.length, by },
      })),
  );
}
