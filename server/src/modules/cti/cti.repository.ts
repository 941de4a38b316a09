import type { Expression, Insertable, Kysely, Selectable, SqlBool, Updateable } from 'kysely';
import type { CallSeatTable, CallTable, CtiConnectionTable, DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

export type ConnectionRow = Selectable<CtiConnectionTable>;
export type SeatRow = Selectable<CallSeatTable> & { userName: string };
export type CallRow = Selectable<CallTable> & {
  agentName: string | null;
  customerName: string | null;
  contactName: string | null;
  leadName: string | null;
};

// Connections

export function listConnections(db: Kysely<DB>): Promise<ConnectionRow[]> {
  return db.selectFrom('ctiConnections').selectAll().orderBy('id').execute();
}

export function findConnection(db: Kysely<DB>, id: number): Promise<ConnectionRow | undefined> {
  return db.selectFrom('ctiConnections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertConnection(db: Kysely<DB>, row: Insertable<CtiConnectionTable>): Promise<number> {
  const { id } = await db.insertInto('ctiConnections').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateConnection(db: Kysely<DB>, id: number, patch: Updateable<CtiConnectionTable>) {
  await db.updateTable('ctiConnections').set(patch).where('id', '=', id).execute();
}

/** Takes the hold of a connection when nobody holds it or its holder stopped renewing; answers whether it did. */
export async function claimConnection(db: Kysely<DB>, id: number, holder: string, now: string, staleBefore: string) {
  const result = await db
    .updateTable('ctiConnections')
    .set({ heldBy: holder, heldAt: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('heldBy', 'is', null), eb('heldBy', '=', holder), eb('heldAt', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Renews a hold; false when the holder lost it (taken over, or let go by a change of the connection). */
export async function renewHold(db: Kysely<DB>, id: number, holder: string, now: string) {
  const result = await db
    .updateTable('ctiConnections')
    .set({ heldAt: now })
    .where('id', '=', id)
    .where('heldBy', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Lets go of a connection: only its holder's hold, or (`holder` null) whoever holds it. */
export async function releaseHold(db: Kysely<DB>, id: number, holder: string | null) {
  let query = db.updateTable('ctiConnections').set({ heldBy: null, heldAt: null }).where('id', '=', id);
  if (holder !== null) query = query.where('heldBy', '=', holder);
  await query.execute();
}

export async function deleteConnection(db: Kysely<DB>, id: number): Promise<number> {
  const result = await db.deleteFrom('ctiConnections').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Seats

function seats(db: Kysely<DB>) {
  return db
    .selectFrom('callSeats')
    .innerJoin('users', 'users.id', 'callSeats.userId')
    .selectAll('callSeats')
    .select('users.displayName as userName');
}

export function listSeats(db: Kysely<DB>): Promise<SeatRow[]> {
  return seats(db).where('users.status', '=', 'active').orderBy('callSeats.extension').execute();
}

export function findSeat(db: Kysely<DB>, userId: number): Promise<SeatRow | undefined> {
  return seats(db).where('callSeats.userId', '=', userId).executeTakeFirst();
}

export function findSeatByExtension(db: Kysely<DB>, extension: string): Promise<SeatRow | undefined> {
  return seats(db).where('callSeats.extension', '=', extension).where('users.status', '=', 'active').executeTakeFirst();
}

export function userOf(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'departmentId', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function upsertSeat(db: Kysely<DB>, row: Selectable<CallSeatTable>): Promise<void> {
  const { userId, ...rest } = row;
  const updated = await db.updateTable('callSeats').set(rest).where('userId', '=', userId).executeTakeFirst();
  if (!Number(updated.numUpdatedRows)) await db.insertInto('callSeats').values(row).execute();
}

export async function updateSeat(db: Kysely<DB>, userId: number, patch: Updateable<CallSeatTable>): Promise<void> {
  await db.updateTable('callSeats').set(patch).where('userId', '=', userId).execute();
}

/** Another user's seat holding the extension. */
export function extensionTakenBy(db: Kysely<DB>, extension: string, userId: number) {
  return db
    .selectFrom('callSeats')
    .select('userId')
    .where('extension', '=', extension)
    .where('userId', '<>', userId)
    .executeTakeFirst();
}

// Calls

function calls(db: Kysely<DB>) {
  return db
    .selectFrom('calls')
    .leftJoin('users', 'users.id', 'calls.ownerId')
    .leftJoin('customers', 'customers.id', 'calls.customerId')
    .leftJoin('contacts', 'contacts.id', 'calls.contactId')
    .leftJoin('leads', 'leads.id', 'calls.leadId')
    .selectAll('calls')
    .select([
      'users.displayName as agentName',
      'customers.name as customerName',
      'contacts.name as contactName',
      'leads.name as leadName',
    ]);
}

export function findCall(db: Kysely<DB>, id: number): Promise<CallRow | undefined> {
  return calls(db).where('calls.id', '=', id).executeTakeFirst();
}

export function findCallInScope(db: Kysely<DB>, scope: Scope, id: number): Promise<CallRow | undefined> {
  return whereInScope(calls(db).where('calls.id', '=', id), 'calls', scope).executeTakeFirst();
}

export function findCallByExternal(db: Kysely<DB>, connectionId: number | null, externalId: string) {
  let qb = calls(db).where('calls.externalId', '=', externalId);
  qb =
    connectionId === null
      ? qb.where('calls.connectionId', 'is', null)
      : qb.where('calls.connectionId', '=', connectionId);
  return qb.executeTakeFirst();
}

export async function insertCall(db: Kysely<DB>, row: Insertable<CallTable>): Promise<number> {
  const { id } = await db.insertInto('calls').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateCall(db: Kysely<DB>, id: number, patch: Updateable<CallTable>): Promise<void> {
  await db.updateTable('calls').set(patch).where('id', '=', id).execute();
}

export async function listCalls(
  db: Kysely<DB>,
  scope: Scope,
  filter: { customerId?: number; agentId?: number; direction?: string },
  page: { page: number; pageSize: number },
) {
  let qb = whereInScope(db.selectFrom('calls'), 'calls', scope);
  if (filter.customerId) qb = qb.where('calls.customerId', '=', filter.customerId);
  if (filter.agentId) qb = qb.where('calls.ownerId', '=', filter.agentId);
  if (filter.direction) qb = qb.where('calls.direction', '=', filter.direction as 'inbound');
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await qb
    .select('calls.id')
    .orderBy('calls.ringAt', 'desc')
    .orderBy('calls.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const rows = ids.length
    ? await calls(db)
        .where(
          'calls.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('calls.ringAt', 'desc')
        .orderBy('calls.id', 'desc')
        .execute()
    : [];
  return { rows, total: Number(total) };
}

/** A customer's calls for its timeline, newest first, after the cursor's entry. */
export function callsOfCustomer(
  db: Kysely<DB>,
  customerId: number,
  limit: number,
  after?: Expression<SqlBool>,
): Promise<CallRow[]> {
  let qb = calls(db).where('calls.customerId', '=', customerId);
  if (after) qb = qb.where(after);
  return qb.orderBy('calls.ringAt', 'desc').orderBy('calls.id', 'desc').limit(limit).execute();
}

/** An agent's newest call with a number (normalised) that rang at or after `since`. */
export function latestCallOfAgent(db: Kysely<DB>, agentId: number, peerNumber: string, since: string) {
  return calls(db)
    .where('calls.ownerId', '=', agentId)
    .where('calls.peerNumber', '=', peerNumber)
    .where('calls.ringAt', '>=', since)
    .orderBy('calls.ringAt', 'desc')
    .orderBy('calls.id', 'desc')
    .executeTakeFirst();
}

/** Calls waiting for an agent: VIPs first (level rank), then the longest waiting. */
export function queuedCalls(db: Kysely<DB>): Promise<CallRow[]> {
  return calls(db)
    .where('calls.state', '=', 'queued')
    .orderBy('calls.levelRank')
    .orderBy('calls.ringAt')
    .orderBy('calls.id')
    .limit(200)
    .execute();
}

/** Agents who may take a call now, the longest idle first. */
export function idleSeats(db: Kysely<DB>, now: string): Promise<SeatRow[]> {
  return seats(db)
    .where('users.status', '=', 'active')
    .where('callSeats.extension', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('callSeats.state', '=', 'available'),
        eb.and([eb('callSeats.state', '=', 'after_call'), eb('callSeats.wrapUpUntil', '<=', now)]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('calls')
            .select('calls.id')
            .whereRef('calls.ownerId', '=', 'callSeats.userId')
            .where('calls.state', 'in', ['ringing', 'talking', 'held']),
        ),
      ),
    )
    .orderBy((eb) => eb.case().when('callSeats.lastCallEndedAt', 'is', null).then(0).else(1).end())
    .orderBy('callSeats.lastCallEndedAt')
    .orderBy('callSeats.userId')
    .execute();
}

/** Gives a waiting call to an agent, unless another instance did first. */
export async function claimQueuedCall(
  db: Kysely<DB>,
  id: number,
  agent: { ownerId: number; departmentId: number | null; extension: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('calls')
    .set({ ...agent, state: 'ringing', updatedAt: new Date().toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
