import {
  DailyReport,
  DailyReportDateParams,
  DailyReportInput,
  DailyReportQuery,
  DailyReportSummary,
  IdParams,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './daily-reports.service.ts';

export function dailyReportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'daily-reports';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/daily-reports',
      reads: 'replica',
      access: 'dailyReports.view',
      tag,
      summary: 'Daily reports in your data scope (others’ once submitted)',
      query: DailyReportQuery,
      response: pageOf(DailyReportSummary),
    },
    async ({ actor, query }) => service.listReports(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/daily-reports/mine/:date',
      access: 'dailyReports.submit',
      tag,
      summary: 'Your report for a day, drafted from the day’s follow-ups, tasks and opportunity moves',
      params: DailyReportDateParams,
      response: DailyReport,
    },
    async ({ actor, params }) => service.myReport(ctx, actor, params.date),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/daily-reports/mine/:date',
      access: 'dailyReports.submit',
      tag,
      summary: 'Save or submit your report for a day',
      params: DailyReportDateParams,
      body: DailyReportInput,
      response: DailyReport,
    },
    async ({ actor, params, body }) => service.saveMyReport(ctx, actor, params.date, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/daily-reports/:id',
      access: 'dailyReports.view',
      tag,
      summary: 'One daily report',
      params: IdParams,
      response: DailyReport,
    },
    async ({ actor, params }) => service.getReport(ctx, actor, params.id),
  );
}
