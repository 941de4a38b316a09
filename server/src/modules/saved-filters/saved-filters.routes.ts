import { IdParams, SavedFilter, SavedFilterInput, SavedFilterPatch, SavedFilterQuery } from '@relate/common';
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
      summary: 'My saved views of a list and the shared ones',
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
      summary: 'Save a view of a list (filters, sort, columns, density)',
      body: SavedFilterInput,
      response: SavedFilter,
      status: 201,
    },
    async ({ actor, body }) => service.createSavedFilter(db, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/saved-filters/:id',
      access: 'authenticated',
      tag,
      summary: 'Change a saved view, or make it (or not) my default for its list',
      params: IdParams,
      body: SavedFilterPatch,
      response: SavedFilter,
    },
    async ({ actor, params, body }) => service.updateSavedFilter(db, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/saved-filters/:id',
      access: 'authenticated',
      tag,
      summary: 'Delete a saved view',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteSavedFilter(db, actor, params.id),
  );
}
