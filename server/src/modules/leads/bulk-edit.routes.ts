import { BulkEditResult, LeadBulkEdit } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { bulkEditLeads } from './bulk-edit.service.ts';

export function leadsBulkEditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/leads/bulk/update',
      access: 'leads.edit',
      tag: 'leads',
      summary: 'Change the same fields of many leads (those outside your data scope are skipped)',
      body: LeadBulkEdit,
      response: BulkEditResult,
    },
    async ({ actor, body }) => bulkEditLeads(ctx, actor, body),
  );
}
