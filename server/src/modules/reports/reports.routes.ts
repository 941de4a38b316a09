import {
  IdParams,
  ReportDefinition,
  ReportPdfRequest,
  ReportRecordsPage,
  ReportRecordsQuery,
  ReportResult,
  ReportSchedule,
  ReportScheduleInput,
  ReportSourceInfo,
  SavedReport,
  SavedReportInput,
  SavedReportPatch,
} from '@relate/common';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { reportRecordsOf, reportSourcesFor, runReport } from './reports.service.ts';
import { reportPdfFor } from './report-export.ts';
import { deleteReportSchedule, getReportSchedule, setReportSchedule } from './report-schedules.service.ts';
import {
  createSavedReport,
  deleteSavedReport,
  getSavedReport,
  listSavedReports,
  updateSavedReport,
} from './saved-reports.service.ts';

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
    async ({ actor }) => reportSourcesFor(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/reports/run',
      reads: 'replica',
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
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/reports/pdf',
      reads: 'replica',
      access: 'authenticated',
      tag: 'reports',
      summary:
        'A report as a PDF: its name, its chart (unless shown as a table) and its table with the totals, within the caller’s data scope and field rules, in their language',
      body: ReportPdfRequest,
      produces: 'application/pdf',
    },
    async ({ actor, body, reply }) => {
      const { fileName, pdf } = await reportPdfFor(ctx, actor, body);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(pdf);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/reports/records',
      reads: 'replica',
      access: 'authenticated',
      tag: 'reports',
      summary:
        'The records behind one figure of a report (the values of its groupings in that row), newest first, each with where it opens; within the caller’s scope',
      body: ReportRecordsQuery,
      response: ReportRecordsPage,
    },
    async ({ actor, body }) => reportRecordsOf(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/reports',
      access: 'authenticated',
      tag: 'reports',
      summary: 'Saved reports the caller sees: their own and those shared with one of their roles or their department',
      response: z.array(SavedReport),
    },
    async ({ actor }) => listSavedReports(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/reports/:id',
      access: 'authenticated',
      tag: 'reports',
      summary: 'One saved report',
      params: IdParams,
      response: SavedReport,
    },
    async ({ actor, params }) => getSavedReport(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/reports',
      access: 'authenticated',
      tag: 'reports',
      summary: 'Saves a report, optionally shared with roles or departments (each runs it within their own scope)',
      body: SavedReportInput,
      response: SavedReport,
      status: 201,
    },
    async ({ actor, body }) => createSavedReport(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/reports/:id',
      access: 'authenticated',
      tag: 'reports',
      summary: 'Changes a saved report (its owner only)',
      params: IdParams,
      body: SavedReportPatch,
      response: SavedReport,
    },
    async ({ actor, params, body }) => updateSavedReport(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/reports/:id',
      access: 'authenticated',
      tag: 'reports',
      summary: 'Deletes a saved report (its owner only)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => deleteSavedReport(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/reports/:id/schedule',
      access: 'authenticated',
      tag: 'reports',
      summary: 'When a saved report is sent by email and to whom (its owner only); null when it is not sent',
      params: IdParams,
      response: ReportSchedule.nullable(),
    },
    async ({ actor, params }) => getReportSchedule(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/reports/:id/schedule',
      access: 'authenticated',
      tag: 'reports',
      summary:
        'Sends a saved report by email daily, weekly or monthly to active users, each the figures of their own scope in their language as an .xlsx file (its owner only)',
      params: IdParams,
      body: ReportScheduleInput,
      response: ReportSchedule,
    },
    async ({ actor, params, body }) => setReportSchedule(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/reports/:id/schedule',
      access: 'authenticated',
      tag: 'reports',
      summary: 'Stops sending a saved report by email (its owner only)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => deleteReportSchedule(ctx, actor, params.id),
  );
}
