import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, WebhookDeliveryTable, WebhookTable } from '../../db/schema.ts';

export type WebhookRow = Selectable<WebhookTable> & {
  ownerName: string | null;
  lastStatus: string | null;
  lastDeliveryAt: string | null;
};
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

function hooks(db: Kysely<DB>) {
  return db
    .selectFrom('webhooks')
    .leftJoin('users', 'users.id', 'webhooks.ownerId')
    .selectAll('webhooks')
    .select('users.displayName as ownerName')
    .select((eb) => [
      eb
        .selectFrom('webhookDeliveries as d')
        .select('d.status')
        .whereRef('d.webhookId', '=', 'webhooks.id')
        .orderBy('d.id', 'desc')
        .limit(1)
        .as('lastStatus'),
      eb
        .selectFrom('webhookDeliveries as d')
        .select('d.createdAt')
        .whereRef('d.webhookId', '=', 'webhooks.id')
        .orderBy('d.id', 'desc')
        .limit(1)
        .as('lastDeliveryAt'),
    ])
    .where('webhooks.deletedAt', 'is', null);
}

export function listHooks(db: Kysely<DB>): Promise<WebhookRow[]> {
  return hooks(db).orderBy('webhooks.id').execute() as Promise<WebhookRow[]>;
}

export function findHook(db: Kysely<DB>, id: number): Promise<WebhookRow | undefined> {
  return hooks(db).where('webhooks.id', '=', id).executeTakeFirst() as Promise<WebhookRow | undefined>;
}

/** Also a deleted one: its queued deliveries still need an ending. */
export function findHookForDelivery(db: Kysely<DB>, id: number) {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHook(db: Kysely<DB>, row: Insertable<WebhookTable>): Promise<number> {
  const { id } = await db.insertInto('webhooks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function updateHook(db: Kysely<DB>, id: number, patch: Updateable<WebhookTable>) {
  return db.updateTable('webhooks').set(patch).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function insertDelivery(db: Kysely<DB>, row: Insertable<WebhookDeliveryTable>): Promise<number> {
  const { id } = await db.insertInto('webhookDeliveries').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function findDelivery(db: Kysely<DB>, id: number): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhookDeliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One page of a webhook's log, newest first, and how many there are in all. */
export async function deliveriesOf(
  db: Kysely<DB>,
  webhookId: number,
  filter: { status?: string },
  page: { page: number; pageSize: number },
): Promise<{ items: DeliveryRow[]; total: number }> {
  let query = db.selectFrom('webhookDeliveries').where('webhookId', '=', webhookId);
  if (filter.status) query = query.where('status', '=', filter.status as DeliveryRow['status']);
  const [items, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Deliveries whose sender stopped mid-send (its lock older than `lockedBefore`) go back to the queue. */
export async function requeueStale(db: Kysely<DB>, lockedBefore: string, now: string): Promise<number> {
  const result = await db
    .updateTable('webhookDeliveries')
    .set({
      status: 'pending',
      nextAttemptAt: now,
      lockedAt: null,
      error: 'The server sending this delivery stopped before it finished.',
    })
    .where('status', '=', 'sending')
    .where('lockedAt', '<', lockedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims the next due delivery for this sender: the oldest due one is taken by a conditional update
 * (still pending), so that with several instances each delivery is sent by one; an instance that
 * loses the race looks again. (Not `where id in (select … limit 1 for update skip locked)`: PostgreSQL
 * may run such a subquery more than once and claim several rows in one statement.) One at a time,
 * so that none waits claimed behind a slow receiver long enough to look abandoned.
 */
export async function claimNext(db: Kysely<DB>, now: string): Promise<DeliveryRow | undefined> {
  for (;;) {
    const due = await db
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', now)
      .orderBy('nextAttemptAt')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!due) return undefined;
    const claimed = await db
      .updateTable('webhookDeliveries')
      .set((eb) => ({ status: 'sending', lockedAt: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', due.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (claimed) return claimed;
  }
}

/** Records how a send ended, if the delivery is still this sender's (not taken back meanwhile). */
export function finishDelivery(db: Kysely<DB>, id: number, lockedAt: string, patch: Updateable<WebhookDeliveryTable>) {
  return db
    .updateTable('webhookDeliveries')
    .set({ ...patch, lockedAt: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lockedAt', '=', lockedAt)
    .executeTakeFirst();
}
