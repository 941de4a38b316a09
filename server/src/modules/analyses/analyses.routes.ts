import {
  ChurnRiskList,
  ChurnRiskQuery,
  ChurnRun,
  ForecastAccuracy,
  ForecastAccuracyQuery,
  RfmRecompute,
  RfmRun,
  RfmSummary,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { forecastAgainstActual } from './forecast-accuracy.service.ts';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { churnRisks, recomputeChurnRisks } from './churn.service.ts';
import { demandForecastRoutes } from './demand-forecast.routes.ts';
import { profitabilityRoutes } from './profitability.routes.ts';
import { recomputeRfm, rfmSummary } from './rfm.service.ts';

export function analysesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'analyses';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/analyses/rfm',
      reads: 'replica',
      access: 'customers.view',
      tag,
      summary:
        'Customer value (RFM): the eight classes of the customers the caller may see, with counts, value, average recency and frequency; the runs before for those who see every customer',
      response: RfmSummary,
    },
    async ({ actor }) => rfmSummary(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/analyses/rfm/recompute',
      access: 'settings.manage',
      tag,
      summary: 'Scores every customer’s value now, over a window of days (the last run’s, or a year)',
      body: RfmRecompute,
      response: RfmRun,
    },
    async ({ body }) => recomputeRfm(ctx, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/analyses/churn-risk',
      reads: 'replica',
      access: 'customers.view',
      tag,
      summary:
        'Churn risk: the customers the caller may see whose order rhythm broke, or who hold open receivables or tickets and were not followed up in silentDays, a page at a time, with the count of each reason over all of them',
      query: ChurnRiskQuery,
      response: ChurnRiskList,
    },
    async ({ actor, query }) => churnRisks(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/analyses/churn-risk/recompute',
      access: 'settings.manage',
      tag,
      summary: 'Computes every customer’s order rhythm, open receivables and open tickets now',
      response: ChurnRun,
    },
    async () => recomputeChurnRisks(ctx),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/analyses/forecast-accuracy',
      reads: 'replica',
      access: 'opportunities.view',
      tag,
      summary:
        'Forecast against actual: each month of a year, the weighted pipeline expected to close in it as the month began against what was won in it, and each owner’s accuracy, within the caller’s scope',
      query: ForecastAccuracyQuery,
      response: ForecastAccuracy,
    },
    async ({ actor, query }) => forecastAgainstActual(ctx, actor, query),
  );
  profitabilityRoutes(app, ctx);
  demandForecastRoutes(app, ctx);
}
