import {
  Article,
  ArticleSummary,
  Captcha,
  IdParams,
  PageQuery,
  pageOf,
  PortalAcceptInput,
  PortalAttachment,
  PortalBranding,
  PortalInvoice,
  PortalLoginInput,
  PortalOrder,
  PortalOrderDetail,
  PortalPasswordInput,
  PortalProfileInput,
  PortalRatingInput,
  PortalReplyInput,
  PortalResetInput,
  PortalSession,
  PortalSessionState,
  PortalStatement,
  PortalTicket,
  PortalTicketDetail,
  PortalTicketInput,
  PortalTicketQuery,
  ArticleSuggestQuery,
  ArticleVote,
  Id,
} from '@relate/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sessionCookieOptions } from '../../platform/authenticate.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { portalSessionCookie } from '../../platform/portal-actor.ts';
import { defineRoute } from '../../platform/route.ts';
import { getArticle, listArticles, type Reader, suggestArticles, voteArticle } from '../knowledge/index.ts';
import { readLogo } from '../settings/index.ts';
import { filesOf, findAttachment, openAttachmentFile, sendAttachment } from '../attachments/index.ts';
import { createCaptcha } from '../auth/index.ts';
import * as auth from './portal-auth.service.ts';
import { requestPasswordReset } from './portal-password-reset.ts';
import * as records from './portal-records.service.ts';
import * as tickets from './portal-tickets.service.ts';
import { uploadedFile } from '../../platform/upload.ts';

const client = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
});

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAge: number) {
  reply.setCookie(portalSessionCookie, token, sessionCookieOptions(request, maxAge));
}

/** Signed-in customers read portal and public articles; visitors only public ones. */
const readerOf = (request: FastifyRequest): Reader => {
  const actor = request.portalActor;
  return actor
    ? { voter: `portal:${actor.accountId}`, drafts: false, visibilities: ['portal', 'public'] }
    : { voter: `visitor:${request.ip}`, drafts: false, visibilities: ['public'] };
};

/** The customer portal under /api/portal/v1: its own sign-in and session, the contact's company's records only. */
export function portalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'portal';
  const url = (path: string) => `/api/portal/v1${path}`;

  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/branding'),
      access: 'public',
      tag,
      summary: "The company's name and whether it has a logo",
      response: PortalBranding,
    },
    async () => auth.portalBranding(ctx),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/logo'),
      access: 'public',
      tag,
      summary: 'The company logo (404 when there is none)',
      produces: 'image/png',
    },
    async ({ reply }) => {
      const logo = await readLogo(ctx.db);
      if (!logo) throw notFound();
      return reply.type(logo.contentType).header('cache-control', 'no-cache').send(logo.data);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/captcha'),
      access: 'public',
      tag,
      summary: 'A new captcha picture (asked for after failed sign-ins)',
      response: Captcha,
    },
    async ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return createCaptcha(ctx.db);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/login'),
      access: 'public',
      csrfExempt: true,
      tag,
      summary: 'Sign in with the email and password of a portal account; sets the portal session cookie',
      body: PortalLoginInput,
      response: PortalSession,
    },
    async ({ body, request, reply }) => {
      const result = await auth.portalLogin(ctx, body, client(request));
      setSessionCookie(request, reply, result.token, result.maxAgeSeconds);
      return result.session;
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/accept'),
      access: 'public',
      csrfExempt: true,
      tag,
      summary: 'Set the password from an invitation link and sign in',
      body: PortalAcceptInput,
      response: PortalSession,
    },
    async ({ body, request, reply }) => {
      const result = await auth.acceptInvite(ctx, body.token, body.password, client(request));
      setSessionCookie(request, reply, result.token, result.maxAgeSeconds);
      return result.session;
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/password-reset'),
      access: 'public',
      csrfExempt: true,
      tag,
      summary:
        'Email a link for setting a new password to the account with this login, if there is one (same answer either way; a captcha is always needed)',
      body: PortalResetInput,
      status: 202,
    },
    async ({ body, request }) => {
      await requestPasswordReset(ctx, body, client(request));
    },
  );
  defineRoute(
    app,
    { method: 'POST', url: url('/logout'), access: 'portal', tag, summary: 'Sign out of the portal', status: 204 },
    async ({ actor, reply }) => {
      await auth.portalLogout(ctx, actor);
      reply.clearCookie(portalSessionCookie, { path: '/' });
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/session'),
      access: 'public',
      tag,
      summary: 'Whether the visitor is signed in, and as whom (a page asks this without a 401 for visitors)',
      response: PortalSessionState,
    },
    async ({ request }) => ({
      session: request.portalActor ? await auth.portalSession(ctx.db, request.portalActor) : null,
    }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/me'),
      access: 'portal',
      tag,
      summary: 'The signed-in contact and their company',
      response: PortalSession,
    },
    async ({ actor }) => auth.portalSession(ctx.db, actor),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: url('/me'),
      access: 'portal',
      tag,
      summary: 'Update own name, phone numbers, title and language',
      body: PortalProfileInput,
      response: PortalSession,
    },
    async ({ actor, body }) => auth.updatePortalProfile(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/password'),
      access: 'portal',
      tag,
      summary: 'Change own portal password',
      body: PortalPasswordInput,
      status: 204,
    },
    async ({ actor, body }) => auth.changePortalPassword(ctx, actor, body.currentPassword, body.newPassword),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/tickets'),
      reads: 'replica',
      access: 'portal',
      tag,
      summary: "The company's tickets, newest activity first",
      query: PortalTicketQuery,
      response: pageOf(PortalTicket),
    },
    async ({ actor, query }) => tickets.listPortalTickets(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/tickets'),
      access: 'portal',
      tag,
      summary: 'Open a ticket',
      body: PortalTicketInput,
      response: PortalTicketDetail,
      status: 201,
    },
    async ({ actor, body }) => tickets.createPortalTicket(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/tickets/:id'),
      access: 'portal',
      tag,
      summary: 'One ticket with its conversation (no internal notes) and files',
      params: IdParams,
      response: PortalTicketDetail,
    },
    async ({ actor, params }) => tickets.getPortalTicket(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/tickets/:id/messages'),
      access: 'portal',
      tag,
      summary: 'Reply: a waiting ticket goes back to work, a resolved one is reopened',
      params: IdParams,
      body: PortalReplyInput,
      response: PortalTicketDetail,
      status: 201,
    },
    async ({ actor, params, body }) => tickets.replyToPortalTicket(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/tickets/:id/rating'),
      access: 'portal',
      tag,
      summary: 'Rate the service on a resolved ticket: solved closes it, not solved reopens it',
      params: IdParams,
      body: PortalRatingInput,
      response: PortalTicketDetail,
    },
    async ({ actor, params, body }) => tickets.ratePortalTicket(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/tickets/:id/attachments'),
      access: 'portal',
      tag,
      summary: 'Add a file to a ticket (multipart field `file`)',
      params: IdParams,
      consumes: 'multipart/form-data',
      response: PortalAttachment,
      status: 201,
    },
    async ({ actor, params, request }) => {
      return tickets.uploadPortalAttachment(ctx, actor, params.id, await uploadedFile(request));
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/attachments/:id/download'),
      access: 'portal',
      tag,
      summary: "Download a file of one of the company's tickets",
      params: IdParams,
      produces: 'application/octet-stream',
    },
    async ({ actor, params, reply }) => {
      const { attachment, stream } = await tickets.openPortalAttachment(ctx, actor, params.id);
      return sendAttachment(reply, attachment, stream);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/orders'),
      reads: 'replica',
      access: 'portal',
      tag,
      summary: "The company's orders (not drafts or those awaiting approval)",
      query: PageQuery,
      response: pageOf(PortalOrder),
    },
    async ({ actor, query }) => records.listPortalOrders(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/orders/:id'),
      access: 'portal',
      tag,
      summary: 'One order with its lines and deliveries',
      params: IdParams,
      response: PortalOrderDetail,
    },
    async ({ actor, params }) => records.getPortalOrder(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/invoices'),
      reads: 'replica',
      access: 'portal',
      tag,
      summary: "The company's invoices",
      query: PageQuery,
      response: pageOf(PortalInvoice),
    },
    async ({ actor, query }) => records.listPortalInvoices(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/invoices/:id'),
      access: 'portal',
      tag,
      summary: "One of the company's invoices",
      params: IdParams,
      response: PortalInvoice,
    },
    async ({ actor, params }) => records.getPortalInvoice(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/statement'),
      access: 'portal',
      tag,
      summary: 'Amounts outstanding and overdue, with a page of the open instalments',
      query: PageQuery.pick({ page: true, pageSize: true }),
      response: PortalStatement,
    },
    async ({ actor, query }) => records.portalStatement(ctx, actor, query),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/kb'),
      reads: 'replica',
      access: 'public',
      tag,
      summary: 'Published FAQ articles: public ones, and portal ones for signed-in customers',
      query: PageQuery.extend({ category: z.string().max(50).optional() }),
      response: pageOf(ArticleSummary),
    },
    async ({ query, request }) => listArticles(ctx, readerOf(request), query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/kb/suggest'),
      access: 'public',
      tag,
      summary: 'Articles that answer a subject as it is typed',
      query: ArticleSuggestQuery,
      response: z.array(ArticleSummary),
    },
    async ({ query, request }) =>
      suggestArticles(ctx.db, query.q, query.limit, readerOf(request).visibilities ?? undefined),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/kb/:id'),
      access: 'public',
      tag,
      summary: 'One published article',
      params: IdParams,
      response: Article,
    },
    async ({ params, request }) => getArticle(ctx, readerOf(request), params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/kb/:id/attachments'),
      access: 'public',
      tag,
      summary: 'The files of a published FAQ article',
      params: IdParams,
      response: z.array(PortalAttachment),
    },
    async ({ params, request }) => {
      await getArticle(ctx, readerOf(request), params.id);
      return filesOf(ctx.db, 'kbArticles', params.id);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: url('/kb/:id/attachments/:attachmentId'),
      access: 'public',
      tag,
      summary: 'Download a file of a published FAQ article',
      params: IdParams.extend({ attachmentId: Id }),
      produces: 'application/octet-stream',
    },
    async ({ params, request, reply }) => {
      await getArticle(ctx, readerOf(request), params.id);
      const attachment = await findAttachment(ctx, params.attachmentId);
      if (attachment.entity !== 'kbArticles' || attachment.entityId !== params.id) throw notFound();
      return sendAttachment(reply, attachment, openAttachmentFile(ctx, attachment));
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: url('/kb/:id/vote'),
      access: 'portal',
      tag,
      summary: 'Was this helpful? One vote per customer',
      params: IdParams,
      body: ArticleVote,
      response: Article,
    },
    async ({ params, body, request }) => voteArticle(ctx, readerOf(request), params.id, body.helpful),
  );
}
