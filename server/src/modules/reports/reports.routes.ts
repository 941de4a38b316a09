import { ReportDefinition, ReportResult } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { runReport } from './reports.service.ts';

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/reports/run',
      // Who may report on a source is who may open its list: checked per source.
      access: 'authenticated',
      tag: 'reports',
      summary:
        'Runs a report: a source, filters, up to three groupings and measures, within the caller’s data scope and field rules; the totals cover every matching record',
      body: ReportDefinition,
      response: ReportResult,
    },
    async ({ actor, body }) => runReport(ctx, actor, body),
  );
}
