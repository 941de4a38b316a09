import { IdParams, Notification, NotificationQuery, pageOf, UnreadCount } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { notificationStreamRoute } from './notifications.stream.ts';
import * as service from './notifications.service.ts';

export function notificationsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'notifications';
  notificationStreamRoute(app, ctx);
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/notifications',
      reads: 'replica',
      access: 'authenticated',
      tag,
      summary: 'Your notifications, newest first',
      query: NotificationQuery,
      response: pageOf(Notification),
    },
    async ({ actor, query }) => service.listNotifications(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/notifications/unread-count',
      access: 'authenticated',
      tag,
      summary: 'How many of your notifications are unread',
      response: UnreadCount,
    },
    async ({ actor }) => service.unreadCount(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/notifications/:id/read',
      access: 'authenticated',
      tag,
      summary: 'Mark one notification read',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.markRead(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      access: 'authenticated',
      tag,
      summary: 'Mark all your notifications read',
      status: 204,
    },
    async ({ actor }) => service.markAllRead(ctx, actor),
  );
}
