import { ProfitabilityQuery, ProfitabilityReport } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { profitability } from './profitability.service.ts';

export function profitabilityRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/analyses/profitability',
      reads: 'replica',
      access: 'orders.view',
      tag: 'analyses',
      summary:
        'Profitability: revenue, cost of goods and gross margin of what was delivered on the orders the caller may see, by customer, product, category, department, owner, province, month or quarter, within a period and a drill-down, a page at a time with the totals over every matching line; the cost fields only for those with inventory.costs',
      query: ProfitabilityQuery,
      response: ProfitabilityReport,
    },
    async ({ actor, query }) => profitability(ctx, actor, query),
  );
}
