import {
  IdParams,
  PageQuery,
  PublicWebForm,
  pageOf,
  SlugParams,
  WebForm,
  WebFormInput,
  WebFormPatch,
  WebFormQuery,
  WebFormReceived,
  WebFormSubmission,
  WebFormSubmitInput,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { defineRoute } from '../../platform/route.ts';
import { frameAncestorsOf, publicWebForm, submitWebForm } from './web-forms.public.ts';
import * as service from './web-forms.service.ts';

const SubmissionsQuery = PageQuery.pick({ page: true, pageSize: true });

export function webFormsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'web-forms';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/web-forms',
      reads: 'replica',
      access: 'webForms.view',
      tag,
      summary: 'Web-to-lead forms, newest change first, each with its number of submissions',
      query: WebFormQuery,
      response: pageOf(WebForm),
    },
    async ({ query }) => service.listWebForms(ctx, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/web-forms',
      access: 'webForms.manage',
      tag,
      summary: 'Build a form: the lead fields it asks, consent, thank-you text or redirect, allowed origins, campaign',
      body: WebFormInput,
      response: WebForm,
      status: 201,
    },
    async ({ actor, body }) => service.createWebForm(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/web-forms/:id',
      access: 'webForms.view',
      tag,
      summary: 'One form',
      params: IdParams,
      response: WebForm,
    },
    async ({ params }) => service.getWebForm(ctx, params.id),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/web-forms/:id',
      access: 'webForms.manage',
      tag,
      summary: 'Change a form',
      params: IdParams,
      body: WebFormPatch,
      response: WebForm,
    },
    async ({ actor, params, body }) => service.updateWebForm(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/web-forms/:id',
      access: 'webForms.manage',
      tag,
      summary: 'Delete a form (its submissions and leads stay)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteWebForm(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/web-forms/:id/submissions',
      reads: 'replica',
      access: 'webForms.view',
      tag,
      summary: "A form's submissions, newest first, each with its lead, owner, UTM parameters and referrer",
      params: IdParams,
      query: SubmissionsQuery,
      response: pageOf(WebFormSubmission),
    },
    async ({ actor, params, query }) => service.listWebFormSubmissions(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/v1/forms/:slug',
      access: 'public',
      tag,
      summary: 'What the hosted page /f/:slug draws: a live form by its address',
      params: SlugParams,
      response: PublicWebForm,
    },
    async ({ params }) => publicWebForm(ctx, params.slug),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/v1/forms/:slug/submit',
      access: 'public',
      csrfExempt: true,
      tag,
      summary:
        "A visitor's answers: makes or updates a lead once the captcha (GET /api/v1/auth/captcha) is solved, from the server's own or an allowed origin",
      params: SlugParams,
      body: WebFormSubmitInput,
      response: WebFormReceived,
      status: 201,
    },
    async ({ params, body, request }) =>
      submitWebForm(ctx, params.slug, body, {
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
        origin: typeof request.headers.origin === 'string' ? request.headers.origin : null,
        ownOrigin: originOf(request, ctx.config),
      }),
  );
  // A form's hosted page may be framed only by its allowed origins (any site when it names none).
  app.addHook('onRequest', async (request, reply) => {
    const match = /^\/f\/([a-z0-9-]{1,60})(?:[/?#]|$)/.exec(request.url);
    if (!match) return;
    const ancestors = await frameAncestorsOf(ctx, match[1]);
    const csp = reply.raw.getHeader('content-security-policy');
    if (!ancestors || typeof csp !== 'string') return;
    reply.raw.setHeader(
      'content-security-policy',
      csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors.join(' ')}`),
    );
    reply.raw.removeHeader('x-frame-options');
  });
}
