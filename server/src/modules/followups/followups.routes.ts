import { Followup, FollowupInput, FollowupPatch, FollowupQuery, IdParams, pageOf } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './followups.service.ts';

export function followupsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'followups';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/followups',
      reads: 'replica',
      access: 'followups.view',
      tag,
      summary: 'Follow-ups in your data scope, or all of one customer or lead you can see',
      query: FollowupQuery,
      response: pageOf(Followup),
    },
    async ({ actor, query }) => service.listFollowups(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/followups/:id',
      access: 'followups.view',
      tag,
      summary: 'One follow-up',
      params: IdParams,
      response: Followup,
    },
    async ({ actor, params }) => service.getFollowup(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/followups',
      access: 'followups.create',
      tag,
      summary: 'Record a follow-up',
      body: FollowupInput,
      response: Followup,
      status: 201,
    },
    async ({ actor, body }) => service.createFollowup(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/followups/:id',
      access: 'followups.edit',
      tag,
      summary: 'Change a follow-up',
      params: IdParams,
      body: FollowupPatch,
      response: Followup,
    },
    async ({ actor, params, body }) => service.updateFollowup(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/followups/:id',
      access: 'followups.delete',
      tag,
      summary: 'Delete a follow-up',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteFollowup(ctx, actor, params.id),
  );
}
