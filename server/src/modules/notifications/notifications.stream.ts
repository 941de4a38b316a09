import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { pushHubOf, unreadChanged } from '../../platform/user-push.ts';
import { unreadCount } from './notifications.service.ts';

/**
 * Server-sent events for the bell: the unread count at once and whenever it changes. A notification
 * written by any server instance pushes `unread-changed` to its user (platform/user-push.ts: across
 * instances by PostgreSQL's NOTIFY), and the stream reads the count again at once; each stream also
 * looks at the database every few seconds. Other events pushed to the user (a ringing call's screen
 * pop) are written at once as they come.
 */
export function notificationStreamRoute(app: FastifyInstance, ctx: AppContext, pollMs = 5000): void {
  const open = new Set<() => void>();
  // Before the server waits for its connections to end: an open stream never ends by itself.
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/notifications/stream',
      access: 'authenticated',
      tag: 'notifications',
      summary: 'Server-sent events with your unread count',
      produces: 'text/event-stream',
    },
    async ({ actor, request, reply }) => {
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let last = -1;
      let stopped = false;
      const push = async () => {
        if (stopped) return;
        const { unread } = await unreadCount(ctx, actor);
        if (unread !== last) {
          last = unread;
          reply.raw.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
        } else reply.raw.write(': keep-alive\n\n');
      };
      const timer = setInterval(() => void push().catch(() => close()), pollMs);
      const unsubscribe = pushHubOf(ctx.db).subscribe(actor.userId, ({ event, data }) => {
        if (stopped) return;
        if (event === unreadChanged) void push().catch(() => close());
        else reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      });
      const close = () => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        unsubscribe();
        open.delete(close);
        reply.raw.end();
      };
      open.add(close);
      request.raw.on('close', close);
      await push().catch(() => close());
    },
  );
}
