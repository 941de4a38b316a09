import {
  IdParams,
  pageOf,
  Plan,
  PlanInput,
  PlanNoteInput,
  PlanQuery,
  PlanVersion,
  Requirement,
  RequirementInput,
  RequirementPatch,
  RequirementQuery,
  RequirementReport,
  Strategy,
  StrategyInput,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './strategies.service.ts';

export function strategiesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'service strategies';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/service-strategies',
      access: 'strategies.view',
      tag,
      summary: 'Service strategies; with `customerLevel`, the active ones standard for that level',
      query: z.object({ customerLevel: z.string().max(50).optional() }),
      response: z.array(Strategy),
    },
    async ({ query }) => service.listStrategies(ctx, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/service-strategies',
      access: 'strategies.manage',
      tag,
      summary: 'Add a service strategy',
      body: StrategyInput,
      response: Strategy,
      status: 201,
    },
    async ({ actor, body }) => service.saveStrategy(ctx, actor, null, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/service-strategies/:id',
      access: 'strategies.manage',
      tag,
      summary: 'Change a service strategy',
      params: IdParams,
      body: StrategyInput,
      response: Strategy,
    },
    async ({ actor, params, body }) => service.saveStrategy(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/service-strategies/:id',
      access: 'strategies.manage',
      tag,
      summary: 'Delete a service strategy',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteStrategy(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/implementation-plans',
      reads: 'replica',
      access: 'strategies.view',
      tag,
      summary: 'Implementation plans of customers you can see',
      query: PlanQuery,
      response: pageOf(Plan),
    },
    async ({ actor, query }) => service.listPlans(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/implementation-plans/:id',
      access: 'strategies.view',
      tag,
      summary: 'One plan with its progress notes',
      params: IdParams,
      response: Plan,
    },
    async ({ actor, params }) => service.getPlan(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/implementation-plans',
      access: 'strategies.manage',
      tag,
      summary: 'Start a plan for a customer (strategies default to those of the customer’s level)',
      body: PlanInput,
      response: Plan,
      status: 201,
    },
    async ({ actor, body }) => service.savePlan(ctx, actor, null, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/implementation-plans/:id',
      access: 'strategies.manage',
      tag,
      summary: 'Change a plan: a new version, the previous one kept',
      params: IdParams,
      body: PlanInput,
      response: Plan,
    },
    async ({ actor, params, body }) => service.savePlan(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/implementation-plans/:id/versions',
      access: 'strategies.view',
      tag,
      summary: 'Every version of a plan, newest first',
      params: IdParams,
      response: z.array(PlanVersion),
    },
    async ({ actor, params }) => service.planVersions(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/implementation-plans/:id/notes',
      access: 'strategies.manage',
      tag,
      summary: 'Add a progress note',
      params: IdParams,
      body: PlanNoteInput,
      response: Plan,
      status: 201,
    },
    async ({ actor, params, body }) => service.addPlanNote(ctx, actor, params.id, body.body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/requirements',
      reads: 'replica',
      access: 'strategies.view',
      tag,
      summary: 'Customer requirements of customers you can see',
      query: RequirementQuery,
      response: pageOf(Requirement),
    },
    async ({ actor, query }) => service.listRequirements(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/requirements/report',
      reads: 'replica',
      access: 'strategies.view',
      tag,
      summary: 'Open requirements by customer level and category',
      response: RequirementReport,
    },
    async ({ actor }) => service.requirementReport(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/requirements',
      access: 'strategies.manage',
      tag,
      summary: 'Register a customer requirement from any channel',
      body: RequirementInput,
      response: Requirement,
      status: 201,
    },
    async ({ actor, body }) => service.createRequirement(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/requirements/:id',
      access: 'strategies.manage',
      tag,
      summary: 'Change a requirement: status, urgency, the plan or strategy that answers it',
      params: IdParams,
      body: RequirementPatch,
      response: Requirement,
    },
    async ({ actor, params, body }) => service.updateRequirement(ctx, actor, params.id, body),
  );
}
