import { BulkEditResult, OpportunityBulkEdit } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { bulkEditOpportunities } from './bulk-edit.service.ts';

export function opportunitiesBulkEditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/opportunities/bulk/update',
      access: 'opportunities.edit',
      tag: 'opportunities',
      summary: 'Change the same fields of many opportunities (those outside your data scope are skipped)',
      body: OpportunityBulkEdit,
      response: BulkEditResult,
    },
    async ({ actor, body }) => bulkEditOpportunities(ctx, actor, body),
  );
}
