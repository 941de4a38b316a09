import { IdParams, TimelinePage, TimelineQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { customerTimeline } from './timeline.service.ts';

export function timelineRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/timeline',
      access: 'customers.view',
      tag: 'customers',
      summary: 'Everything that happened with a customer, newest first (follow-ups, changes …), page by page',
      params: IdParams,
      query: TimelineQuery,
      response: TimelinePage,
    },
    async ({ actor, params, query }) => customerTimeline(ctx, actor, params.id, query),
  );
}
