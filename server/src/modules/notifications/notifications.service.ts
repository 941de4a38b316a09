import type { Notification, NotificationKind, Page } from '@relate/common';
import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { queueNotificationEmails } from './notification-email.ts';

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  entity?: string | null;
  entityId?: number | null;
  params?: Record<string, unknown>;
};

/** Queues in-app notifications inside the caller's transaction, so they exist only if the change does. */
export async function notify(trx: Kysely<DB>, items: NewNotification[]): Promise<void> {
  if (!items.length) return;
  const createdAt = nowIso();
  await trx
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        userId: n.userId,
        kind: n.kind,
        entity: n.entity ?? null,
        entityId: n.entityId ?? null,
        params: writeJson(n.params ?? {}),
        readAt: null,
        createdAt,
      })),
    )
    .execute();
  await queueNotificationEmails(trx, items);
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  query: { page: number; pageSize: number; unread?: boolean },
): Promise<Page<Notification>> {
  let qb = ctx.db.selectFrom('notifications').where('userId', '=', actor.userId);
  if (query.unread) qb = qb.where('readAt', 'is', null);
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await qb
    .select(['id', 'kind', 'entity', 'entityId', 'params', 'readAt', 'createdAt'])
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ ...r, params: readJson(r.params, {}) })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function unreadCount(ctx: AppContext, actor: Actor): Promise<{ unread: number }> {
  const { n } = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: Number(n) };
}

export async function markRead(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const result = await ctx.db
    .updateTable('notifications')
    .set({ readAt: nowIso() })
    .where('id', '=', id)
    .where('userId', '=', actor.userId)
    .executeTakeFirst();
  orNotFound(Number(result.numUpdatedRows) ? true : null);
}

export async function markAllRead(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db
    .updateTable('notifications')
    .set({ readAt: nowIso() })
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .execute();
}
