import type { LeadInput } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { dialectOf } from '../../db/dialect.ts';
import { lockKeyInTransaction } from '../../db/key-lock.ts';
import { nowIso } from '../../db/time.ts';
import type { AuditActor } from '../../platform/actor.ts';
import { diffFields, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { orNotFound } from '../../platform/errors.ts';
import type { Scope } from '../../platform/scope.ts';
import { normalizePhone } from '../customers/index.ts';
import { notify } from '../notifications/index.ts';
import { scoreRecords } from '../scoring/index.ts';
import * as captureRepo from './leads.capture.repository.ts';
import * as repo from './leads.repository.ts';
import { auditedFields, derivedColumns, plainColumns, toLead } from './leads.service.ts';

export type LeadOwner = { id: number; departmentId: number | null };

/**
 * The open lead a visitor's mobile, phone or email already belongs to — the keys the lead import
 * dedupes by — or undefined. Called in the transaction that then writes the lead: its keys are locked
 * first (in one order), so two submissions at once with the same number wait for each other instead of
 * both finding none and making two leads. A converted or disqualified lead is not taken up again.
 */
export async function findLeadForCapture(
  trx: Kysely<DB>,
  keys: { mobile?: string | null; phone?: string | null; email?: string | null },
) {
  const phones = [
    ...new Set([normalizePhone(keys.mobile), normalizePhone(keys.phone)].filter((p): p is string => Boolean(p))),
  ];
  const email = keys.email?.trim().toLowerCase() || null;
  const locks = [...phones.map((p) => `lead-capture:phone:${p}`), ...(email ? [`lead-capture:email:${email}`] : [])];
  for (const key of locks.sort()) await lockKeyInTransaction(trx, dialectOf(trx), key);
  return captureRepo.findLeadByPhoneOrEmail(trx, phones, email);
}

/**
 * Writes a form's answers onto an existing lead in the caller's transaction, audited: only what the lead
 * lacks is filled, so that whoever knows a prospect's address cannot rewrite their lead (every answer
 * stays on the submission).
 */
export async function updateCapturedLead(
  trx: Kysely<DB>,
  actor: AuditActor,
  id: number,
  answers: Partial<z.output<typeof LeadInput>>,
  detail: Record<string, unknown>,
): Promise<void> {
  const row = orNotFound(await repo.findLead(trx, { kind: 'all' }, id));
  const before = toLead(row, []);
  const missing = Object.fromEntries(
    Object.entries(answers).filter(([key]) => {
      const current = (before as Record<string, unknown>)[key];
      return current === null || current === undefined || current === '';
    }),
  ) as Partial<z.output<typeof LeadInput>>;
  const merged = { ...before, ...missing };
  await repo.updateLead(trx, id, {
    ...plainColumns(missing),
    ...derivedColumns(merged),
    updatedBy: actor.userId || null,
    updatedAt: nowIso(),
  });
  await scoreRecords(trx, 'leads', [id]);
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
