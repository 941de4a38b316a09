import type { Insertable, Kysely } from 'kysely';
import type { DB, NotificationTable } from '../../db/schema.ts';

export async function insertNotifications(db: Kysely<DB>, rows: Array<Insertable<NotificationTable>>): Promise<void> {
  await db.insertInto('notifications').values(rows).execute();
}

/** A page of a user's notifications (all, or only the unread, of some kinds), newest first, and how many there are. */
export async function listNotificationsOf(
  db: Kysely<DB>,
  userId: number,
  filter: { unread?: boolean; kind?: string[] },
  page: { page: number; pageSize: number },
) {
  let qb = db.selectFrom('notifications').where('userId', '=', userId);
  if (filter.unread) qb = qb.where('readAt', 'is', null);
  if (filter.kind?.length) qb = qb.where('kind', 'in', filter.kind);
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await qb
    .select(['id', 'kind', 'entity', 'entityId', 'params', 'readAt', 'createdAt'])
    .orderBy('id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

export async function countUnreadOf(db: Kysely<DB>, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks one of a user's notifications read; returns how many rows changed (0 when it is not theirs). */
export async function markNotificationRead(db: Kysely<DB>, id: number, userId: number, readAt: string) {
  const result = await db
    .updateTable('notifications')
    .set({ readAt })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function markAllNotificationsRead(db: Kysely<DB>, userId: number, readAt: string) {
  return db
    .updateTable('notifications')
    .set({ readAt })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .execute();
}

/** Where and in which language a user is written to, and whether they are still active. */
export function findRecipient(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select(['email', 'locale', 'status']).where('id', '=', userId).executeTakeFirst();
}
