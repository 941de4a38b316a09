import {
  Article,
  ArticleInput,
  ArticleQuery,
  ArticleSuggestQuery,
  ArticleSummary,
  ArticleVersion,
  ArticleVote,
  IdParams,
  pageOf,
  TicketArticleLink,
  Id,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { getTicket } from '../tickets/index.ts';
import * as service from './knowledge.service.ts';

export function knowledgeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'knowledge';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/kb/articles',
      reads: 'replica',
      access: 'knowledge.view',
      tag,
      summary: 'Knowledge-base articles (drafts too for writers and reviewers), newest first',
      query: ArticleQuery,
      response: pageOf(ArticleSummary),
    },
    async ({ actor, query }) => service.listArticles(ctx, service.staffReader(actor), query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/kb/suggest',
      access: 'knowledge.view',
      tag,
      summary: 'Published articles that match a subject as it is typed, best first',
      query: ArticleSuggestQuery,
      response: z.array(ArticleSummary),
    },
    async ({ query }) => service.suggestArticles(ctx.db, query.q, query.limit),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/kb/articles/:id',
      access: 'knowledge.view',
      tag,
      summary: 'One article with its sanitised HTML and votes',
      params: IdParams,
      response: Article,
    },
    async ({ actor, params }) => service.getArticle(ctx, service.staffReader(actor), params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/kb/articles',
      access: 'knowledge.manage',
      tag,
      summary: 'Write an article (a draft until a reviewer publishes it)',
      body: ArticleInput,
      response: Article,
      status: 201,
    },
    async ({ actor, body }) => service.createArticle(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/kb/articles/:id',
      access: 'knowledge.manage',
      tag,
      summary: 'Edit an article: a new version, back to review unless a reviewer edits',
      params: IdParams,
      body: ArticleInput,
      response: Article,
    },
    async ({ actor, params, body }) => service.updateArticle(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/kb/articles/:id/publish',
      access: 'knowledge.review',
      tag,
      summary: 'Review and publish an article',
      params: IdParams,
      response: Article,
    },
    async ({ actor, params }) => service.setPublished(ctx, actor, params.id, true),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/kb/articles/:id/unpublish',
      access: 'knowledge.review',
      tag,
      summary: 'Take an article back to draft',
      params: IdParams,
      response: Article,
    },
    async ({ actor, params }) => service.setPublished(ctx, actor, params.id, false),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/kb/articles/:id',
      access: 'knowledge.manage',
      tag,
      summary: 'Delete an article',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteArticle(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/kb/articles/:id/versions',
      access: 'knowledge.manage',
      tag,
      summary: 'Every version of an article, newest first',
      params: IdParams,
      response: z.array(ArticleVersion),
    },
    async ({ actor, params }) => service.articleVersions(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/kb/articles/:id/vote',
      access: 'knowledge.view',
      tag,
      summary: 'Was this helpful? One vote per reader',
      params: IdParams,
      body: ArticleVote,
      response: Article,
    },
    async ({ actor, params, body }) => service.voteArticle(ctx, service.staffReader(actor), params.id, body.helpful),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tickets/:id/articles',
      access: 'tickets.view',
      tag,
      summary: 'Articles linked to a ticket',
      params: IdParams,
      response: z.array(ArticleSummary),
    },
    async ({ actor, params }) => {
      await getTicket(ctx, actor, params.id);
      return service.articlesOfTicket(ctx.db, params.id);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/articles',
      access: 'tickets.edit',
      tag,
      summary: 'Link a published article to a ticket',
      params: IdParams,
      body: TicketArticleLink,
      response: z.array(ArticleSummary),
      status: 201,
    },
    async ({ actor, params, body }) => {
      await getTicket(ctx, actor, params.id);
      await service.linkArticle(ctx, actor, params.id, body.articleId);
      return service.articlesOfTicket(ctx.db, params.id);
    },
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/tickets/:id/articles/:articleId',
      access: 'tickets.edit',
      tag,
      summary: 'Unlink an article from a ticket',
      params: IdParams.extend({ articleId: Id }),
      status: 204,
    },
    async ({ actor, params }) => {
      await getTicket(ctx, actor, params.id);
      await service.unlinkArticle(ctx, params.id, params.articleId);
    },
  );
}
