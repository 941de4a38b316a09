import { ReportDefinition, ReportResult, ReportSourceInfo } from '@relate/common';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { reportSourcesFor, runReport } from './reports.service.ts';

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/reports/sources',
      access: 'authenticated',
      tag: 'reports',
      summary: 'The sources the caller may report on, each with the fields they may read (kind and dictionary)',
      response: z.array(ReportSourceInfo),
    },
    async ({ actor }) => reportSourcesFor(actor),
  );
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
