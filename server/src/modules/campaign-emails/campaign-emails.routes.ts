import {
  CampaignEmailAudience,
  CampaignEmailAudienceInput,
  CampaignEmailSend,
  CampaignEmailSendInput,
  CampaignEmailSendPatch,
  CampaignEmailTestInput,
  Id,
  IdParams,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { defineRoute } from '../../platform/route.ts';
import { unsubscribeUrl } from '../email-templates/index.ts';
import { getUser } from '../users/index.ts';
import * as service from './campaign-emails.service.ts';
import * as tracking from './public.service.ts';

const SendParams = z.object({ id: Id, sendId: Id });
const TokenParams = z.object({ token: z.string().min(1).max(100) });
const OneClick = z.object({ 'List-Unsubscribe': z.literal('One-Click') });
/** A transparent 1×1 GIF. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function campaignEmailsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'campaigns';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaigns/:id/email-sends',
      access: 'campaigns.view',
      tag,
      summary: "A campaign's email sends with their reports (sent, failed, skipped by reason) and opens and clicks",
      params: IdParams,
      response: z.array(CampaignEmailSend),
    },
    async ({ actor, params }) => service.listEmailSends(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaigns/:id/email-sends/:sendId',
      access: 'campaigns.view',
      tag,
      summary: 'One email send with its report and tracking figures',
      params: SendParams,
      response: CampaignEmailSend,
    },
    async ({ actor, params }) => service.getEmailSend(ctx, actor, params.id, params.sendId),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/campaigns/:id/email-audience',
      access: 'campaigns.manage',
      tag,
      summary: 'How many members an email send would reach now, and how many it would skip and why',
      params: IdParams,
      body: CampaignEmailAudienceInput,
      response: CampaignEmailAudience,
    },
    async ({ actor, params, body }) => service.emailAudience(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/campaigns/:id/email-sends',
      access: 'campaigns.manage',
      tag,
      summary:
        "Mail a marketing template to the campaign's members (a segment frozen into them first): queued, sent in the background at the throttle",
      params: IdParams,
      body: CampaignEmailSendInput,
      response: CampaignEmailSend,
      status: 201,
    },
    async ({ actor, params, body, request }) =>
      service.startEmailSend(ctx, actor, params.id, body, originOf(request, ctx.config)),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/campaigns/:id/email-sends/:sendId',
      access: 'campaigns.manage',
      tag,
      summary: 'Pause, resume or cancel an email send',
      params: SendParams,
      body: CampaignEmailSendPatch,
      response: CampaignEmailSend,
    },
    async ({ actor, params, body }) => service.changeEmailSend(ctx, actor, params.id, params.sendId, body.action),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/campaigns/:id/email-test',
      access: 'campaigns.manage',
      tag,
      summary: 'Send the template, with sample data, to your own address',
      params: IdParams,
      body: CampaignEmailTestInput,
      status: 204,
    },
    async ({ actor, params, body, request }) => {
      const user = await getUser(ctx.db, actor.userId);
      await service.sendTestEmail(
        ctx,
        actor,
        params.id,
        body.templateId,
        originOf(request, ctx.config),
        user.email ?? null,
      );
    },
  );

  // One-click unsubscribe (RFC 8058): mail providers POST `List-Unsubscribe=One-Click` form-encoded. The form
  // parser is this route's alone (an encapsulated plugin), so no other route accepts form bodies.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    defineRoute(
      scope,
      {
        method: 'POST',
        url: '/api/public/v1/campaign-emails/unsubscribe/:token',
        access: 'public',
        csrfExempt: true,
        tag,
        summary: "One-click unsubscribe from a campaign message's List-Unsubscribe header (RFC 8058)",
        params: TokenParams,
        body: OneClick,
        status: 204,
      },
      async ({ params }) => tracking.unsubscribeRecipient(ctx, params.token),
    );
  });
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/v1/campaign-emails/unsubscribe/:token',
      access: 'public',
      tag,
      summary: 'A List-Unsubscribe link opened in a browser: its confirmation page (a GET never unsubscribes)',
      params: TokenParams,
      status: 303,
    },
    async ({ params, reply }) => {
      const holder = await tracking.recordOfUnsubscribeLink(ctx, params.token);
      return reply.redirect(unsubscribeUrl(ctx.config.sessionSecret, '', holder), 303);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/v1/t/o/:token',
      access: 'public',
      tag,
      summary: "A campaign message's open pixel (a GIF); an open is counted unless a machine fetched it",
      params: TokenParams,
      produces: 'image/gif',
    },
    async ({ params, request, reply }) => {
      await tracking.recordOpen(ctx, params.token.replace(/\.gif$/, ''), request.headers['user-agent']);
      return reply.header('content-type', 'image/gif').header('cache-control', 'no-store, private').send(pixel);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/v1/t/c/:token',
      access: 'public',
      tag,
      summary: 'A tracked link of a campaign message: redirects to the link the message held, counting the click',
      params: TokenParams,
      status: 302,
    },
    async ({ params, request, reply }) =>
      reply
        .header('cache-control', 'no-store, private')
        .redirect(await tracking.followLink(ctx, params.token, request.headers['user-agent']), 302),
  );
}
