import {
  IdParams,
  locales,
  pageOf,
  Quote,
  QuoteDetail,
  QuoteEmail,
  QuoteInput,
  QuotePatch,
  QuoteQuery,
  QuoteStatusChange,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { emailQuote } from './quote-email.ts';
import * as service from './quotes.service.ts';

export function quotesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'quotes';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/quotes',
      reads: 'replica',
      access: 'quotes.view',
      tag,
      summary: 'Quotes in your data scope (latest versions unless `allVersions`)',
      query: QuoteQuery,
      response: pageOf(Quote),
    },
    async ({ actor, query }) => service.listQuotes(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/quotes/:id',
      access: 'quotes.view',
      tag,
      summary: 'One quote with its lines and versions',
      params: IdParams,
      response: QuoteDetail,
    },
    async ({ actor, params }) => service.getQuote(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/quotes',
      access: 'quotes.create',
      tag,
      summary: 'Create a quote; lines of catalogue products take the customer’s price unless one is given',
      body: QuoteInput,
      response: QuoteDetail,
      status: 201,
    },
    async ({ actor, body }) => service.createQuote(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/quotes/:id',
      access: 'quotes.edit',
      tag,
      summary: 'Change a draft, or make the next version of a sent quote',
      params: IdParams,
      body: QuotePatch,
      response: QuoteDetail,
    },
    async ({ actor, params, body }) => service.updateQuote(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/quotes/:id/status',
      access: 'quotes.edit',
      tag,
      summary: 'Send a quote, or record that the customer accepted or rejected it',
      params: IdParams,
      body: QuoteStatusChange,
      response: QuoteDetail,
    },
    async ({ actor, params, body }) => service.changeQuoteStatus(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/quotes/:id',
      access: 'quotes.delete',
      tag,
      summary: 'Delete a quote and all its versions',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteQuote(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/quotes/:id/email',
      access: 'quotes.edit',
      tag,
      summary: 'Email the quote as a PDF attachment (a draft becomes sent)',
      params: IdParams,
      body: QuoteEmail,
      response: QuoteDetail,
    },
    async ({ actor, params, body }) => emailQuote(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/quotes/:id/pdf',
      access: 'quotes.view',
      tag,
      summary: 'The quote as a PDF, in the customer’s language unless `locale` is given',
      params: IdParams,
      query: z.object({ locale: z.enum(locales).optional() }),
      produces: 'application/pdf',
    },
    async ({ actor, params, query, reply }) => {
      const { number, pdf } = await service.quotePdf(ctx, actor, params.id, query.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${number}.pdf`)}`)
        .send(pdf);
    },
  );
}
