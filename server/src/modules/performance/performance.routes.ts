import { Performance, PerformanceQuery, Target, TargetQuery, TargetsInput } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './performance.service.ts';

export function performanceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'performance';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/performance',
      reads: 'replica',
      access: 'performance.view',
      tag,
      summary: 'Results against targets per person for a period, ranked (leaderboard)',
      query: PerformanceQuery,
      response: Performance,
    },
    async ({ actor, query }) => service.performance(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/targets',
      access: 'performance.view',
      tag,
      summary: 'Sales targets of people and departments you may see',
      query: TargetQuery,
      response: z.array(Target),
    },
    async ({ actor, query }) => service.listTargets(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/targets',
      access: 'targets.manage',
      tag,
      summary: 'Set targets (each replaces the one for the same person or department, measure and period)',
      body: TargetsInput,
      response: z.array(Target),
    },
    async ({ actor, body }) => service.saveTargets(ctx, actor, body.targets),
  );
}
