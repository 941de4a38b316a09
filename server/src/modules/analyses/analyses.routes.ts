import { RfmRecompute, RfmRun, RfmSummary } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { recomputeRfm, rfmSummary } from './rfm.service.ts';

export function analysesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'analyses';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/analyses/rfm',
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
}
