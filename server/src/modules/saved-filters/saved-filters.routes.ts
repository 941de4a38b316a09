import { IdParams, SavedFilter, SavedFilterInput, SavedFilterQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './saved-filters.service.ts';

export function savedFiltersRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'savedFilters';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/saved-filters',
      access: 'authenticated',
      tag,
      summary: 'My saved list filters',
      query: SavedFilterQuery,
      response: z.array(SavedFilter),
    },
    async ({ actor, query }) => service.listSavedFilters(db, actor, query.entity),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/saved-filters',
      access: 'authenticated',
      tag,
      summary: 'Save a list filter',
      body: SavedFilterInput,
      response: SavedFilter,
      status: 201,
    },
    async ({ actor, body }) => service.createSavedFilter(db, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/saved-filters/:id',
      access: 'authenticated',
      tag,
      summary: 'Delete a saved filter',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteSavedFilter(db, actor, params.id),
  );
}
