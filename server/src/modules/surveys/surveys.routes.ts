import {
  IdParams,
  pageOf,
  Survey,
  SurveyAnswers,
  SurveyForm,
  SurveyInput,
  SurveyInvitation,
  SurveyInvitationQuery,
  SurveyReport,
  SurveyReportQuery,
  SurveySend,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { portalAuditActor } from '../../platform/portal-actor.ts';
import { defineRoute } from '../../platform/route.ts';
import * as invitations from './survey-invitations.service.ts';
import { surveyReport } from './survey-report.ts';
import * as surveys from './surveys.service.ts';

const TokenParams = z.object({ token: z.string().min(10).max(100) });

/** Surveys: written and sent by staff, answered through a personal link or on the portal. */
export function surveysRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'surveys';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/surveys',
      access: 'surveys.view',
      tag,
      summary: 'Surveys with how many were sent and answered',
      response: z.array(Survey),
    },
    async () => surveys.listSurveys(ctx),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/surveys/:id',
      access: 'surveys.view',
      tag,
      summary: 'One survey',
      params: IdParams,
      response: Survey,
    },
    async ({ params }) => surveys.getSurvey(ctx.db, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/surveys',
      access: 'surveys.manage',
      tag,
      summary: 'Write a survey (rating, NPS, choices, text)',
      body: SurveyInput,
      response: Survey,
      status: 201,
    },
    async ({ actor, body }) => surveys.createSurvey(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/surveys/:id',
      access: 'surveys.manage',
      tag,
      summary: 'Change a survey; answers stay matched by question key',
      params: IdParams,
      body: SurveyInput,
      response: Survey,
    },
    async ({ actor, params, body }) => surveys.updateSurvey(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/surveys/:id',
      access: 'surveys.manage',
      tag,
      summary: 'Delete a survey (no more answers; results stay)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => surveys.deleteSurvey(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/surveys/:id/send',
      access: 'surveys.manage',
      tag,
      summary: 'Send to contacts or about a ticket: by email, as a link (for SMS or by hand), or on the portal',
      params: IdParams,
      body: SurveySend,
      response: z.array(SurveyInvitation),
      status: 201,
    },
    async ({ actor, params, body, request }) =>
      invitations.sendSurvey(ctx, actor, params.id, body, originOf(request, ctx.config)),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/surveys/:id/invitations',
      reads: 'replica',
      access: 'surveys.view',
      tag,
      summary: 'Who was asked, and who answered',
      params: IdParams,
      query: SurveyInvitationQuery,
      response: pageOf(SurveyInvitation),
    },
    async ({ params, query }) => invitations.listInvitations(ctx, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/surveys/:id/report',
      reads: 'replica',
      access: 'surveys.view',
      tag,
      summary: 'Results: response rate, CSAT, NPS, answer counts and free answers',
      params: IdParams,
      query: SurveyReportQuery,
      response: SurveyReport,
    },
    async ({ params, query }) => surveyReport(ctx, params.id, query),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/v1/surveys/:token',
      access: 'public',
      tag,
      summary: 'The survey behind a personal link',
      params: TokenParams,
      response: SurveyForm,
    },
    async ({ params }) => invitations.surveyFormByToken(ctx, params.token),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/v1/surveys/:token',
      access: 'public',
      csrfExempt: true,
      tag,
      summary: 'Answer the survey behind a personal link (once)',
      params: TokenParams,
      body: SurveyAnswers,
      status: 204,
    },
    async ({ params, body, request }) =>
      invitations.answerByToken(ctx, params.token, body, {
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      }),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/portal/v1/surveys',
      access: 'portal',
      tag,
      summary: 'Surveys waiting for the signed-in contact',
      response: z.array(SurveyForm.extend({ id: z.number() })),
    },
    async ({ actor }) => invitations.pendingForContact(ctx, actor.contactId),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/portal/v1/surveys/:id',
      access: 'portal',
      tag,
      summary: 'Answer a survey on the portal (once)',
      params: IdParams,
      body: SurveyAnswers,
      status: 204,
    },
    async ({ actor, params, body }) =>
      invitations.answerForContact(ctx, portalAuditActor(actor), actor.contactId, params.id, body),
  );
}
