import {
  CommissionGenerated,
  CommissionGenerateQuery,
  CommissionLinesQuery,
  CommissionPlan,
  CommissionPlanInput,
  CommissionPlanQuery,
  CommissionStatement,
  CommissionStatementDetail,
  CommissionStatementQuery,
  IdParams,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { generate } from './generation.service.ts';
import * as plans from './plans.service.ts';
import * as statements from './statements.service.ts';

export function commissionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'commission';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/commission/plans',
      reads: 'replica',
      access: 'commission.manage',
      tag,
      summary: 'Commission plans (提成方案), active ones first',
      query: CommissionPlanQuery,
      response: pageOf(CommissionPlan),
    },
    async ({ query }) => plans.listPlans(ctx, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/commission/plans/:id',
      access: 'commission.manage',
      tag,
      summary: 'One commission plan with its rates, tiers and assignments',
      params: IdParams,
      response: CommissionPlan,
    },
    async ({ params }) => plans.getPlan(ctx, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/commission/plans',
      access: 'commission.manage',
      tag,
      summary:
        'Create a commission plan: basis (received or won), dates, cap, rates per category and/or customer level, tiers by attainment, users and roles',
      body: CommissionPlanInput,
      response: CommissionPlan,
      status: 201,
    },
    async ({ actor, body }) => plans.createPlan(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/commission/plans/:id',
      access: 'commission.manage',
      tag,
      summary: 'Change a commission plan (statements already computed keep their figures)',
      params: IdParams,
      body: CommissionPlanInput,
      response: CommissionPlan,
    },
    async ({ actor, params, body }) => plans.updatePlan(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/commission/plans/:id',
      access: 'commission.manage',
      tag,
      summary: 'Delete a commission plan (one with statements is switched off instead)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => plans.deletePlan(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/commission/statements/generate',
      access: 'commission.manage',
      tag,
      summary:
        "Compute a month's commission statements as drafts: one person's (userId), or everyone's with a plan or an adjustment due; submitted and locked statements are left as they are",
      query: CommissionGenerateQuery,
      response: CommissionGenerated,
    },
    async ({ actor, query }) => generate(ctx, actor, query.month, query.userId),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/commission/statements',
      reads: 'replica',
      access: 'commission.view',
      tag,
      summary: 'Commission statements (提成单) in your scope, by month, person and status',
      query: CommissionStatementQuery,
      response: pageOf(CommissionStatement),
    },
    async ({ actor, query }) => statements.listStatements(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/commission/statements/:id',
      access: 'commission.view',
      tag,
      summary: 'One commission statement with a page of its lines, each naming its order and receipt',
      params: IdParams,
      query: CommissionLinesQuery,
      response: CommissionStatementDetail,
    },
    async ({ actor, params, query }) => statements.statementWithLines(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/commission/statements/:id/recompute',
      access: 'commission.manage',
      tag,
      summary: 'Compute a draft or rejected statement again (a submitted or locked one answers 409 STATEMENT_LOCKED)',
      params: IdParams,
      response: CommissionStatement,
    },
    async ({ actor, params }) => statements.recomputeStatement(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/commission/statements/:id/submit',
      access: 'commission.view',
      tag,
      summary: 'Submit a statement for approval; it is locked once approved (at once when no approval flow applies)',
      params: IdParams,
      response: CommissionStatement,
    },
    async ({ actor, params }) => statements.submitStatement(ctx, actor, params.id),
  );
}
