import { pageOf, RecycleItem, RecycleParams, RecycleQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './recycle-bin.service.ts';

/** Access is checked per entity in the service (`<entity>.delete`). */
export function recycleBinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'recycleBin';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/recycle-bin',
      reads: 'replica',
      access: 'authenticated',
      tag,
      summary: 'Deleted records you may restore',
      query: RecycleQuery,
      response: pageOf(RecycleItem),
    },
    async ({ actor, query }) => service.listRecycleBin(ctx, actor, query.entity, query.page, query.pageSize),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/recycle-bin/:entity/:id/restore',
      access: 'authenticated',
      tag,
      summary: 'Restore a deleted record',
      params: RecycleParams,
      status: 204,
    },
    async ({ actor, params }) => service.restore(ctx, actor, params.entity, params.id),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/recycle-bin/:entity/:id',
      access: 'authenticated',
      tag,
      summary: 'Delete a record for good',
      params: RecycleParams,
      status: 204,
    },
    async ({ actor, params }) => service.purge(ctx, actor, params.entity, params.id),
  );
}
