import { SearchQuery, SearchResult } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { search } from './search.service.ts';

export function searchRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/search',
      reads: 'replica',
      access: 'authenticated',
      tag: 'search',
      summary:
        'Global search: customers, contacts, leads, opportunities, quotes, orders, contracts, tickets and articles the caller may open, by name, code or number, phone digits or email',
      query: SearchQuery,
      response: SearchResult,
    },
    async ({ actor, query }) => search(ctx, actor, query),
  );
}
