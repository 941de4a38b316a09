import type { Notification, NotificationKind, Page } from '@relate/common';
import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { pushWith, unreadChanged } from '../../platform/user-push.ts';
import { queueNotificationEmails } from './notification-email.ts';
import * as repo from './notifications.repository.ts';

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
  await repo.insertNotifications(
    trx,
    items.map((n) => ({
      userId: n.userId,
      kind: n.kind,
      entity: n.entity ?? null,
      entityId: n.entityId ?? null,
      params: writeJson(n.params ?? {}),
      readAt: null,
      createdAt,
    })),
  );
  await queueNotificationEmails(trx, items);
  // The users' open bells read their count again once this commits, on whichever instance they are.
  await pushWith(
    trx,
    items.map((n) => n.userId),
    unreadChanged,
    null,
  );
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  query: { page: number; pageSize: number; unread?: boolean; kind?: string[] },
): Promise<Page<Notification>> {
  const { rows, total } = await repo.listNotificationsOf(ctx.db, actor.userId, query, query);
  return {
    items: rows.map((r) => ({ ...r, params: readJson(r.params, {}) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function unreadCount(ctx: AppContext, actor: Actor): Promise<{ unread: number }> {
  return { unread: await repo.countUnreadOf(ctx.db, actor.userId) };
}

export async function markRead(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const changed = await repo.markNotificationRead(ctx.db, id, actor.userId, nowIso());
  orNotFound(changed ? true : null);
}

export async function markAllRead(ctx: AppContext, actor: Actor): Promise<void> {
  await repo.markAllNotificationsRead(ctx.db, actor.userId, nowIso());
}
