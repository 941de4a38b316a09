import { AuditLog, AuditQuery, pageOf } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './audit.service.ts';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/audit-logs',
      reads: 'replica',
      access: 'audit.view',
      tag: 'audit',
      summary: 'Search the audit log',
      query: AuditQuery,
      response: pageOf(AuditLog),
    },
    async ({ query }) => service.listAuditLogs(ctx.db, query),
  );
}
