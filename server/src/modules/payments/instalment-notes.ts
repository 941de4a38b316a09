import { fromMinorUnits, type InstalmentNote } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor, AuditActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import * as repo from './instalment-notes.repository.ts';
import { findOrderInScope } from './orders.repository.ts';
import { receivableScope } from './payment-plans.service.ts';

/**
 * Notes on instalments: what a customer promised on a dunning call (the date and the amount), or any remark,
 * kept beside the instalment and shown with the order's payment plan.
 */
export async function addInstalmentNote(
  db: Kysely<DB>,
  actor: AuditActor,
  note: {
    instalmentId: number;
    body: string;
    promisedOn: string | null;
    promisedAmount: number | null;
    callAttemptId: number | null;
  },
): Promise<number> {
  const instalment = orNotFound(await repo.findInstalmentHeading(db, note.instalmentId));
  const id = await repo.insertNote(db, {
    ...note,
    currency: note.promisedAmount === null ? null : instalment.currency,
    createdBy: actor.userId || null,
    createdAt: nowIso(),
  });
  await writeAudit(db, actor, {
    action: 'note',
    entity: 'orders',
    entityId: instalment.orderId,
    detail: {
      instalmentId: instalment.id,
      promisedOn: note.promisedOn,
      promisedAmount: note.promisedAmount === null ? null : fromMinorUnits(note.promisedAmount),
    },
  });
  return id;
}

/**
 * Whether an instalment is still there: a new payment plan replaces an order's instalments, so one a call
 * list was built from may be gone by the time its call is made.
 */
export async function instalmentExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return Boolean(await repo.findInstalmentHeading(db, id));
}

/** The notes on an order's instalments, newest first, for whoever may see the order. */
export async function instalmentNotesOfOrder(
  ctx: AppContext,
  actor: Actor,
  orderId: number,
): Promise<InstalmentNote[]> {
  orNotFound(await findOrderInScope(ctx.db, await receivableScope(ctx, actor), orderId));
  const rows = await repo.notesOfOrder(ctx.db, orderId);
  return rows.map((row) => ({
    ...row,
    promisedAmount: row.promisedAmount === null ? null : fromMinorUnits(Number(row.promisedAmount)),
  }));
}
