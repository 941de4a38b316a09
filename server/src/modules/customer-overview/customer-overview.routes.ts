import { CustomerOverview, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { customerOverview } from './customer-overview.service.ts';

export function customerOverviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/overview',
      access: 'customers.view',
      tag: 'customers',
      summary:
        "A customer's key figures: revenue, outstanding and overdue amounts, open opportunities and tickets, last and next contact",
      params: IdParams,
      response: CustomerOverview,
    },
    async ({ actor, params }) => customerOverview(ctx, actor, params.id),
  );
}
