import { z } from 'zod';
import { PageQuery, RecordId } from './common.ts';

export const articleVisibilities = ['internal', 'portal', 'public'] as const;
export const articleStatuses = ['draft', 'published'] as const;
export type ArticleVisibility = (typeof articleVisibilities)[number];

export const ArticleInput = z.object({
  title: z.string().trim().min(1).max(200),
  /** Rich text (HTML); stored sanitised — scripts, event handlers and unsafe links are removed. */
  body: z.string().max(200_000),
  category: z.string().trim().max(50).nullish(),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  visibility: z.enum(articleVisibilities).default('internal'),
});

export const ArticleSummary = z.object({
  id: z.number(),
  title: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(articleVisibilities),
  status: z.enum(articleStatuses),
  version: z.number(),
  /** The first lines of the text, for lists and suggestions. */
  excerpt: z.string(),
  authorName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  helpful: z.number(),
  notHelpful: z.number(),
  updatedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;
export const Article = ArticleSummary.extend({
  body: z.string(),
  authorId: z.number().nullable(),
  reviewedByName: z.string().nullable(),
  myVote: z.boolean().nullable(),
  createdAt: z.string(),
});
export type Article = z.infer<typeof Article>;
export const ArticleVersion = z.object({
  version: z.number(),
  title: z.string(),
  body: z.string(),
  editedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const ArticleQuery = PageQuery.extend({
  category: z.string().max(50).optional(),
  status: z.enum(articleStatuses).optional(),
  visibility: z.enum(articleVisibilities).optional(),
  tag: z.string().max(30).optional(),
});
export const ArticleVote = z.object({ helpful: z.boolean() });
export const ArticleSuggestQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const TicketArticleLink = z.object({ articleId: RecordId });
