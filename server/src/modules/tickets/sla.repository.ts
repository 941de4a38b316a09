import { openTicketStatuses } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, SlaPolicyTable } from '../../db/schema.ts';

export function listSlaPolicies(db: Kysely<DB>) {
  return db.selectFrom('slaPolicies').selectAll().orderBy('id').execute();
}

export function listActiveSlaPolicies(db: Kysely<DB>) {
  return db.selectFrom('slaPolicies').selectAll().where('active', '=', 1).orderBy('id').execute();
}

export function getSlaPolicy(db: Kysely<DB>, id: number) {
  return db.selectFrom('slaPolicies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertSlaPolicy(db: Kysely<DB>, row: Insertable<SlaPolicyTable>): Promise<number> {
  return (await db.insertInto('slaPolicies').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Answers the id, or undefined when there is no such policy. */
export async function updateSlaPolicy(db: Kysely<DB>, id: number, values: Updateable<SlaPolicyTable>) {
  return (await db.updateTable('slaPolicies').set(values).where('id', '=', id).returning('id').executeTakeFirst())?.id;
}

/** Answers the id, or undefined when there is no such policy. */
export async function deleteSlaPolicy(db: Kysely<DB>, id: number) {
  return (await db.deleteFrom('slaPolicies').where('id', '=', id).returning('id').executeTakeFirst())?.id;
}

// The SLA sweep: open tickets whose clock runs (not waiting for the customer).

const open = openTicketStatuses as readonly string[];

const liveTickets = (db: Kysely<DB>) =>
  db.selectFrom('tickets').where('deletedAt', 'is', null).where('status', 'in', open).where('pausedAt', 'is', null);

/** Up to 1000 tickets not answered by their first-response deadline and not flagged yet. */
export function ticketsPastFirstResponseDue(db: Kysely<DB>, at: string) {
  return liveTickets(db)
    .select('id')
    .where('firstRespondedAt', 'is', null)
    .where('firstResponseBreached', 'is', null)
    .where('firstResponseDue', '<', at)
    .limit(1000)
    .execute();
}

/** Up to 1000 tickets not resolved by their resolution deadline and not flagged yet. */
export function ticketsPastResolutionDue(db: Kysely<DB>, at: string) {
  return liveTickets(db)
    .select('id')
    .where('resolvedAt', 'is', null)
    .where('resolutionBreached', 'is', null)
    .where('resolutionDue', '<', at)
    .limit(1000)
    .execute();
}

/** Flags the tickets not flagged yet; answers the ids this call flagged. */
export function flagBreached(db: Kysely<DB>, ids: number[], column: 'firstResponseBreached' | 'resolutionBreached') {
  return db
    .updateTable('tickets')
    .set({ [column]: 1 })
    .where('id', 'in', ids)
    .where(column, 'is', null)
    .returning('id')
    .execute();
}

/** Unresolved tickets whose missed resolution was due before `dueBefore`, below escalation level 3. */
export function ticketsLongOverdue(db: Kysely<DB>, dueBefore: string) {
  // Written as literal SQL so that SQLite matches the partial index on missed resolutions.
  return liveTickets(db)
    .select('id')
    .where('resolvedAt', 'is', null)
    .where(sql<boolean>`resolution_breached = 1`)
    .where('escalationLevel', '<', 3)
    .where('resolutionDue', '<', dueBefore)
    .execute();
}

/** Raises a ticket to `level` unless it is there already; answers whether it changed. */
export async function raiseEscalationLevel(db: Kysely<DB>, id: number, level: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('tickets')
    .set({ escalationLevel: level, updatedAt: at })
    .where('id', '=', id)
    .where('escalationLevel', '<', level)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function getEscalatedTicket(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('tickets')
    .select(['number', 'subject', 'ownerId', 'teamId'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
