import { Home, HomeQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { home } from './home.service.ts';

export function homeRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/home',
      access: 'authenticated',
      tag: 'home',
      summary:
        "The caller's home page: the sections of their roles (tasks, pipeline, forecast, ticket queue, SLA risk, visits, receipts to confirm, …) with their data",
      query: HomeQuery,
      response: Home,
    },
    async ({ actor, query }) => home(ctx, actor, query.view),
  );
}
