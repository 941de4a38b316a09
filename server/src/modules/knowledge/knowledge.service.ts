import type {
  Article,
  ArticleInput,
  ArticleQuery,
  ArticleSummary,
  ArticleVersion,
  ArticleVisibility,
  Page,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { normalizeSearchText } from '../../platform/search.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import * as repo from './knowledge.repository.ts';
import { plainText, sanitizeRichText, searchTerms } from './rich-text.ts';

/**
 * Who reads the knowledge base: staff (drafts too for writers and reviewers, every visibility) or a
 * portal customer or website visitor (published portal/public articles only). Votes are kept per voter.
 */
export type Reader = { voter: string; drafts: boolean; visibilities: ArticleVisibility[] | null };

/** Writers and reviewers see drafts; everyone else only published articles. */
const seesDrafts = (actor: Actor) => can(actor, 'knowledge.manage') || can(actor, 'knowledge.review');

export const staffReader = (actor: Actor): Reader => ({
  voter: `user:${actor.userId}`,
  drafts: seesDrafts(actor),
  visibilities: null,
});

function toSummary(row: repo.ArticleRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    tags: readJson<string[]>(row.tags, []),
    visibility: row.visibility as ArticleVisibility,
    status: row.status as ArticleSummary['status'],
    version: row.version,
    excerpt: row.excerpt,
    authorName: row.authorName,
    reviewedAt: row.reviewedAt,
    helpful: Number(row.helpful ?? 0),
    notHelpful: Number(row.notHelpful ?? 0),
    updatedAt: row.updatedAt,
  };
}

export async function listArticles(
  ctx: AppContext,
  reader: Reader,
  query: z.output<typeof ArticleQuery>,
): Promise<Page<ArticleSummary>> {
  const { items, total } = await repo.listArticles(
    ctx.db,
    { ...query, visibilities: reader.visibilities, status: reader.drafts ? query.status : 'published' },
    query,
  );
  return { items: items.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getArticle(ctx: AppContext, reader: Reader, id: number): Promise<Article> {
  const row = orNotFound(await repo.findArticle(ctx.db, id));
  if (row.status !== 'published' && !reader.drafts) throw notFound();
  if (reader.visibilities && !reader.visibilities.includes(row.visibility as ArticleVisibility)) throw notFound();
  const vote = await repo.findVote(ctx.db, id, reader.voter);
  return {
    ...toSummary(row),
    body: row.body,
    authorId: row.authorId,
    reviewedByName: row.reviewedByName,
    myVote: vote ? Boolean(vote.helpful) : null,
    createdAt: row.createdAt,
  };
}

function contentColumns(input: z.output<typeof ArticleInput>) {
  const body = sanitizeRichText(input.body);
  const text = plainText(body);
  const tags = [...new Set(input.tags)];
  return {
    title: input.title,
    body,
    category: input.category ?? null,
    tags: writeJson(tags),
    visibility: input.visibility,
    excerpt: text.slice(0, 200),
    searchText: normalizeSearchText([input.title, ...tags, text].join(' ')),
  };
}

export async function createArticle(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ArticleInput>,
): Promise<Article> {
  await assertDictionaryCodes(ctx.db, input, { category: 'kb_category' });
  const content = contentColumns(input);
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertArticle(ctx.db, {
      ...content,
      status: 'draft',
      version: 1,
      authorId: actor.userId,
      reviewedBy: null,
      reviewedAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await repo.insertArticleVersion(ctx.db, {
      articleId: id,
      version: 1,
      title: content.title,
      body: content.body,
      editedBy: actor.userId,
      createdAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'kbArticles',
      entityId: id,
      detail: { title: content.title },
    });
    return id;
  });
  return getArticle(ctx, staffReader(actor), id);
}

/** Every edit is a new version; a published article goes back to review unless its reviewer makes the edit. */
export async function updateArticle(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof ArticleInput>,
): Promise<Article> {
  const before = await getArticle(ctx, staffReader(actor), id);
  await assertDictionaryCodes(ctx.db, input, { category: 'kb_category' });
  const content = contentColumns(input);
  const reviewer = can(actor, 'knowledge.review');
  await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const version = before.version + 1;
    const updated = await repo.updateArticleAtVersion(ctx.db, id, before.version, {
      ...content,
      version,
      ...(reviewer ? {} : { status: 'draft', reviewedBy: null, reviewedAt: null }),
      updatedAt: now,
    });
    if (!updated) throw new AppError('CONFLICT', 'articleChanged');
    await repo.insertArticleVersion(ctx.db, {
      articleId: id,
      version,
      title: content.title,
      body: content.body,
      editedBy: actor.userId,
      createdAt: now,
    });
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'kbArticles', entityId: id, detail: { version } });
  });
  return getArticle(ctx, staffReader(actor), id);
}

/** Publishing is the review: it records who approved the article as it now reads. */
export async function setPublished(ctx: AppContext, actor: Actor, id: number, published: boolean): Promise<Article> {
  await getArticle(ctx, staffReader(actor), id);
  await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    await repo.updateArticle(
      ctx.db,
      id,
      published ? { status: 'published', reviewedBy: actor.userId, reviewedAt: now } : { status: 'draft' },
    );
    await writeAudit(ctx.db, actor, {
      action: published ? 'publish' : 'unpublish',
      entity: 'kbArticles',
      entityId: id,
    });
  });
  return getArticle(ctx, staffReader(actor), id);
}

export async function deleteArticle(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const before = await getArticle(ctx, staffReader(actor), id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateArticle(ctx.db, id, { deletedAt: nowIso() });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'kbArticles',
      entityId: id,
      detail: { title: before.title },
    });
  });
}

export async function articleVersions(ctx: AppContext, actor: Actor, id: number): Promise<ArticleVersion[]> {
  await getArticle(ctx, staffReader(actor), id);
  if (!seesDrafts(actor)) throw forbidden();
  return repo.listArticleVersions(ctx.db, id);
}

/** One vote per reader; voting again changes it. */
export async function voteArticle(ctx: AppContext, reader: Reader, id: number, helpful: boolean): Promise<Article> {
  const article = await getArticle(ctx, reader, id);
  if (article.status !== 'published') throw new AppError('CONFLICT', 'articleNotPublished');
  await repo.saveVote(ctx.db, id, reader.voter, helpful ? 1 : 0, nowIso());
  return getArticle(ctx, reader, id);
}

/**
 * Published articles that answer a subject as it is being typed: each article scores a point per
 * search term its text holds and two per term in its title; the best few come first.
 */
export async function suggestArticles(
  db: Kysely<DB>,
  text: string,
  limit: number,
  visibilities?: ArticleVisibility[],
): Promise<ArticleSummary[]> {
  const terms = searchTerms(text);
  if (!terms.length) return [];
  const rows = await repo.publishedArticlesWithAnyTerm(db, terms, visibilities);
  const score = (row: repo.ArticleRow) => {
    const title = normalizeSearchText(row.title);
    return terms.reduce(
      (sum, term) => sum + (title.includes(term) ? 2 : 0) + (row.searchText.includes(term) ? 1 : 0),
      0,
    );
  };
  return rows
    .map((row) => ({ row, score: score(row) }))
    .sort((a, b) => b.score - a.score || Number(b.row.helpful ?? 0) - Number(a.row.helpful ?? 0))
    .slice(0, limit)
    .map(({ row }) => toSummary(row));
}

/** The articles linked to a ticket, as its agents see them. */
export async function articlesOfTicket(db: Kysely<DB>, ticketId: number): Promise<ArticleSummary[]> {
  return (await repo.articlesOfTicket(db, ticketId)).map(toSummary);
}

/** Links a published article to a ticket the caller has already been shown (linking twice changes nothing). */
export async function linkArticle(ctx: AppContext, actor: Actor, ticketId: number, articleId: number): Promise<void> {
  const article = await getArticle(ctx, staffReader(actor), articleId).catch(() => null);
  if (!article || article.status !== 'published') throw fieldError('articleId', 'notFoundOrHidden');
  await inTransaction(ctx, async (ctx) => {
    await repo.linkArticle(ctx.db, ticketId, articleId, actor.userId, nowIso());
    await writeAudit(ctx.db, actor, {
      action: 'link',
      entity: 'tickets',
      entityId: ticketId,
      detail: { articleId, title: article.title },
    });
  });
}

/** Unlinks an article from a ticket the caller has already been shown. */
export async function unlinkArticle(ctx: AppContext, ticketId: number, articleId: number): Promise<void> {
  await repo.unlinkArticle(ctx.db, ticketId, articleId);
}
