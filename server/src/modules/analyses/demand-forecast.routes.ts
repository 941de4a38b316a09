import { DemandForecast, DemandForecastQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { demandForecast } from './demand-forecast.service.ts';

/**
 * The demand forecast reads quantities of sold orders, scoped as the order list: it needs what the
 * order list needs (orders.view), not products.view, which shows the catalogue but no sales.
 */
export function demandForecastRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/analyses/demand-forecast',
      reads: 'replica',
      access: 'orders.view',
      tag: 'analyses',
      summary:
        'Demand forecast: the quantity sold per product (or category) per month of the orders the caller may see, the next three months forecast by a seasonal model, and its error on the last six months; a page of items sorted by forecast or name, with the totals of every matching item',
      query: DemandForecastQuery,
      response: DemandForecast,
    },
    async ({ actor, query }) => demandForecast(ctx, actor, query),
  );
}
