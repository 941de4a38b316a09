import {
  EmailTemplate,
  EmailTemplateDuplicateInput,
  EmailTemplateInput,
  EmailTemplatePatch,
  EmailTemplatePreviewInput,
  EmailTemplateQuery,
  EmailTemplateRenderInput,
  EmailTemplateSummary,
  IdParams,
  pageOf,
  RenderedEmail,
  UnsubscribeLink,
  UnsubscribeParams,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './email-templates.service.ts';

export function emailTemplatesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'emailTemplates';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/email-templates',
      reads: 'replica',
      access: 'emailTemplates.view',
      tag,
      summary: 'Email templates: shared ones and your own personal ones, latest changed first',
      query: EmailTemplateQuery,
      response: pageOf(EmailTemplateSummary),
    },
    async ({ actor, query }) => service.listTemplates(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/email-templates/:id',
      access: 'emailTemplates.view',
      tag,
      summary: 'One email template with its version in each language',
      params: IdParams,
      response: EmailTemplate,
    },
    async ({ actor, params }) => service.getTemplate(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/email-templates',
      access: 'emailTemplates.view',
      tag,
      summary:
        'Write an email template (personal; shared needs emailTemplates.manage); a Liquid syntax error is a 400 naming its line',
      body: EmailTemplateInput,
      response: EmailTemplate,
      status: 201,
    },
    async ({ actor, body }) => service.createTemplate(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/email-templates/:id',
      access: 'emailTemplates.view',
      tag,
      summary: 'Change an email template (your own personal one, or a shared one with emailTemplates.manage)',
      params: IdParams,
      body: EmailTemplatePatch,
      response: EmailTemplate,
    },
    async ({ actor, params, body }) => service.updateTemplate(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/email-templates/:id',
      access: 'emailTemplates.view',
      tag,
      summary: 'Delete an email template (kept, out of use)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteTemplate(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/email-templates/:id/duplicate',
      access: 'emailTemplates.view',
      tag,
      summary: 'Copy an email template into a personal one of your own',
      params: IdParams,
      body: EmailTemplateDuplicateInput,
      response: EmailTemplate,
      status: 201,
    },
    async ({ actor, params, body }) => service.duplicateTemplate(ctx, actor, params.id, body.name),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/email-templates/:id/render',
      access: 'emailTemplates.view',
      tag,
      summary:
        "Render a template for a contact (its language's version), a customer or sample data: subject, responsive HTML and plain text",
      params: IdParams,
      body: EmailTemplateRenderInput,
      response: RenderedEmail,
    },
    async ({ actor, params, body, request }) =>
      service.renderTemplate(ctx, actor, params.id, body, originOf(request, ctx.config)),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/email-templates/preview',
      access: 'emailTemplates.view',
      tag,
      summary: "Render unsaved template content (the editor's preview) for a contact, a customer or sample data",
      body: EmailTemplatePreviewInput,
      response: RenderedEmail,
    },
    async ({ actor, body, request }) => service.previewTemplate(ctx, actor, body, originOf(request, ctx.config)),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/v1/unsubscribe/:token',
      access: 'public',
      tag,
      summary: "An email's unsubscribe link: the address it stops mail to, before the recipient confirms",
      params: UnsubscribeParams,
      response: UnsubscribeLink,
    },
    async ({ params }) => service.unsubscribeLink(ctx, params.token),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/v1/unsubscribe/:token',
      access: 'public',
      csrfExempt: true,
      tag,
      summary: "Unsubscribe by an email's link: the address goes on the suppression list",
      params: UnsubscribeParams,
      status: 204,
    },
    async ({ params }) => service.unsubscribe(ctx, params.token),
  );
}
