import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { readiness } from './health.service.ts';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Liveness: the process answers. It does not ask the database, so a database outage never has a
  // supervisor restart every instance; readiness below says whether to send it requests.
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/health',
      access: 'public',
      tag: 'health',
      summary: 'Liveness: the server process answers',
      response: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
    },
    async () => ({ status: 'ok' as const, database: ctx.dialect }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/ready',
      access: 'public',
      tag: 'health',
      summary: 'Readiness for a load balancer: 200 when the database answers and its migrations are current, else 503',
      response: z.object({
        status: z.enum(['ready', 'unavailable']),
        reason: z.enum(['stopping', 'database', 'migrations']).optional(),
        pending: z.array(z.string()).optional(),
      }),
    },
    async ({ reply }) => {
      const state = await readiness(ctx);
      if (state.status === 'ready') return state;
      return reply.code(503).header('cache-control', 'no-store').send(state);
    },
  );
}
