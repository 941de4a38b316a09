import {
  Board,
  BoardQuery,
  Forecast,
  ForecastQuery,
  IdParams,
  Opportunity,
  OpportunityDetail,
  OpportunityInput,
  OpportunityPatch,
  OpportunityQuery,
  pageOf,
  Pipeline,
  PipelineInput,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { forecast, pipelineBoard } from './board.service.ts';
import { opportunitiesBulkEditRoutes } from './bulk-edit.routes.ts';
import * as service from './opportunities.service.ts';
import * as pipelines from './pipelines.service.ts';

export function opportunitiesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'opportunities';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/pipelines',
      access: 'opportunities.view',
      tag,
      summary: 'Pipelines with their ordered stages',
      response: z.array(Pipeline),
    },
    async () => pipelines.listPipelines(ctx.db),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/pipelines',
      access: 'pipelines.manage',
      tag,
      summary: 'Create a pipeline',
      body: PipelineInput,
      response: Pipeline,
      status: 201,
    },
    async ({ actor, body }) => pipelines.savePipeline(ctx.db, actor, null, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/pipelines/:id',
      access: 'pipelines.manage',
      tag,
      summary: 'Rename a pipeline and set its stages',
      params: IdParams,
      body: PipelineInput,
      response: Pipeline,
    },
    async ({ actor, params, body }) => pipelines.savePipeline(ctx.db, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/pipelines/:id',
      access: 'pipelines.manage',
      tag,
      summary: 'Delete an unused pipeline',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => pipelines.deletePipeline(ctx.db, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/pipelines/:id/board',
      reads: 'replica',
      access: 'opportunities.view',
      tag,
      summary: 'A pipeline as a board: totals and newest cards per stage',
      params: IdParams,
      query: BoardQuery,
      response: Board,
    },
    async ({ actor, params, query }) => pipelineBoard(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/opportunities/forecast',
      reads: 'replica',
      access: 'opportunities.view',
      tag,
      summary: 'Won, weighted and best-case amounts per month or quarter',
      query: ForecastQuery,
      response: Forecast,
    },
    async ({ actor, query }) => forecast(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/opportunities',
      reads: 'replica',
      access: 'opportunities.view',
      tag,
      summary: 'List opportunities in your data scope',
      query: OpportunityQuery,
      response: pageOf(Opportunity),
    },
    async ({ actor, query }) => service.listOpportunities(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/opportunities/:id',
      access: 'opportunities.view',
      tag,
      summary: 'One opportunity with contacts, competitors, products and stage history',
      params: IdParams,
      response: OpportunityDetail,
    },
    async ({ actor, params }) => service.getOpportunity(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/opportunities',
      access: 'opportunities.create',
      tag,
      summary: 'Create an opportunity',
      body: OpportunityInput,
      response: OpportunityDetail,
      status: 201,
    },
    async ({ actor, body }) => service.createOpportunity(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/opportunities/:id',
      access: 'opportunities.edit',
      tag,
      summary: 'Change an opportunity or move it to another stage',
      params: IdParams,
      body: OpportunityPatch,
      response: OpportunityDetail,
    },
    async ({ actor, params, body }) => service.updateOpportunity(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/opportunities/:id',
      access: 'opportunities.delete',
      tag,
      summary: 'Delete an opportunity',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteOpportunity(ctx, actor, params.id),
  );
  opportunitiesBulkEditRoutes(app, ctx);
}
