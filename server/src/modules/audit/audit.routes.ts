import { AuditLog, AuditQuery, IdParams, pageOf, TimelineQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './audit.service.ts';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    { method: 'GET', url: '/api/v1/audit-logs', access: 'audit.view', tag: 'audit', summary: 'Search the audit log', query: AuditQuery, response: pageOf(AuditLog) },
    async ({ query }) => service.listAuditLogs(ctx.db, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/timeline',
      access: 'customers.view',
      tag: 'customers',
      summary: "A customer's history, newest first",
      params: IdParams,
      query: TimelineQuery,
      response: z.array(AuditLog),
    },
    async ({ actor, params, query }) => service.customerTimeline(ctx, actor, params.id, query.before, query.limit),
  );
}
