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
      summary: "The day's work: tasks and follow-ups due, anniversaries, team activity, target progress, funnel",
      query: HomeQuery,
      response: Home,
    },
    async ({ actor, query }) => home(ctx, actor, query.view),
  );
}
