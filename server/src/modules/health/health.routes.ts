import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';

export function healthRoutes(app: FastifyInstance, { db, dialect }: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/health',
      access: 'public',
      tag: 'health',
      summary: 'Liveness and database check',
      response: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
    },
    async () => {
      await sql`select 1`.execute(db);
      return { status: 'ok' as const, database: dialect };
    },
  );
}
