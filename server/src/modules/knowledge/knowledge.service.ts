import type {
  Article,
  ArticleInput,
  ArticleQuery,
  ArticleSummary,
  ArticleVersion,
  ArticleVisibility,
  Page,
} from '@relate/common';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { normalizeSearchText, contains } from '../../platform/search.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
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

function columns(db: Kysely<DB>) {
  return db
    .selectFrom('kbArticles')
    .leftJoin('users as author', 'author.id', 'kbArticles.authorId')
    .leftJoin('users as reviewer', 'reviewer.id', 'kbArticles.reviewedBy')
    .selectAll('kbArticles')
    .select(['author.displayName as authorName', 'reviewer.displayName as reviewedByName'])
    .select((eb) => [
      eb
        .selectFrom('kbVotes')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('kbVotes.articleId', '=', 'kbArticles.id')
        .where('kbVotes.helpful', '=', 1)
        .as('helpful'),
      eb
        .selectFrom('kbVotes')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('kbVotes.articleId', '=', 'kbArticles.id')
        .where('kbVotes.helpful', '=', 0)
        .as('notHelpful'),
    ])
    .where('kbArticles.deletedAt', 'is', null);
}
type Row = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

function toSummary(row: Row): ArticleSummary {
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
  let qb = columns(ctx.db);
  if (reader.visibilities) qb = qb.where('kbArticles.visibility', 'in', reader.visibilities);
  if (!reader.drafts) qb = qb.where('kbArticles.status', '=', 'published');
  else if (query.status) qb = qb.where('kbArticles.status', '=', query.status);
  if (query.category) qb = qb.where('kbArticles.category', '=', query.category);
  if (query.visibility) qb = qb.where('kbArticles.visibility', '=', query.visibility);
  if (query.tag) qb = qb.where(contains('kbArticles.tags', JSON.stringify(query.tag)));
  if (query.q) qb = qb.where(contains('kbArticles.searchText', normalizeSearchText(query.q)));
  const { total } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await qb
    .orderBy('kbArticles.updatedAt', 'desc')
    .orderBy('kbArticles.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(toSummary), total: Number(total), page: query.page, pageSize: query.pageSize };
}

export async function getArticle(ctx: AppContext, reader: Reader, id: number): Promise<Article> {
  const row = orNotFound(await columns(ctx.db).where('kbArticles.id', '=', id).executeTakeFirst());
  if (row.status !== 'published' && !reader.drafts) throw notFound();
  if (reader.visibilities && !reader.visibilities.includes(row.visibility as ArticleVisibility)) throw notFound();
  const vote = await ctx.db
    .selectFrom('kbVotes')
    .select('helpful')
    .where('articleId', '=', id)
    .where('voter', '=', reader.voter)
    .executeTakeFirst();
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
    const row = await ctx.db
      .insertInto('kbArticles')
      .values({
        ...content,
        status: 'draft',
        version: 1,
        authorId: actor.userId,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('kbArticleVersions')
      .values({
        articleId: row.id,
        version: 1,
        title: content.title,
        body: content.body,
        editedBy: actor.userId,
        createdAt: now,
      })
      .execute();
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'kbArticles',
      entityId: row.id,
      detail: { title: content.title },
    });
    return row.id;
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
    const result = await ctx.db
      .updateTable('kbArticles')
      .set({
        ...content,
        version,
        ...(reviewer ? {} : { status: 'draft', reviewedBy: null, reviewedAt: null }),
        updatedAt: now,
      })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'articleChanged');
    await ctx.db
      .insertInto('kbArticleVersions')
      .values({
        articleId: id,
        version,
        title: content.title,
        body: content.body,
        editedBy: actor.userId,
        createdAt: now,
      })
      .execute();
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'kbArticles', entityId: id, detail: { version } });
  });
  return getArticle(ctx, staffReader(actor), id);
}

/** Publishing is the review: it records who approved the article as it now reads. */
export async function setPublished(ctx: AppContext, actor: Actor, id: number, published: boolean): Promise<Article> {
  await getArticle(ctx, staffReader(actor), id);
  await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    await ctx.db
      .updateTable('kbArticles')
      .set(published ? { status: 'published', reviewedBy: actor.userId, reviewedAt: now } : { status: 'draft' })
      .where('id', '=', id)
      .execute();
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
    await ctx.db.updateTable('kbArticles').set({ deletedAt: nowIso() }).where('id', '=', id).execute();
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
  return ctx.db
    .selectFrom('kbArticleVersions')
    .leftJoin('users', 'users.id', 'kbArticleVersions.editedBy')
    .select([
      'kbArticleVersions.version',
      'kbArticleVersions.title',
      'kbArticleVersions.body',
      'users.displayName as editedByName',
      'kbArticleVersions.createdAt',
    ])
    .where('kbArticleVersions.articleId', '=', id)
    .orderBy('kbArticleVersions.version', 'desc')
    .execute();
}

/** One vote per reader; voting again changes it. */
export async function voteArticle(ctx: AppContext, reader: Reader, id: number, helpful: boolean): Promise<Article> {
  const article = await getArticle(ctx, reader, id);
  if (article.status !== 'published') throw new AppError('CONFLICT', 'articleNotPublished');
  const value = helpful ? 1 : 0;
  await ctx.db
    .insertInto('kbVotes')
    .values({ articleId: id, voter: reader.voter, helpful: value, createdAt: nowIso() })
    .onConflict((oc) => oc.columns(['articleId', 'voter']).doUpdateSet({ helpful: value }))
    .execute();
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
  let qb = columns(db).where('kbArticles.status', '=', 'published');
  if (visibilities) qb = qb.where('kbArticles.visibility', 'in', visibilities);
  const rows = await qb
    .where((eb) => eb.or(terms.map((term) => contains('kbArticles.searchText', term))))
    .orderBy('kbArticles.updatedAt', 'desc')
    .limit(200)
    .execute();
  const score = (row: Row) => {
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
  const rows = await columns(db)
    .innerJoin('ticketArticles', 'ticketArticles.articleId', 'kbArticles.id')
    .where('ticketArticles.ticketId', '=', ticketId)
    .orderBy(sql`ticket_articles.created_at`)
    .execute();
  return rows.map(toSummary);
}

/** Links a published article to a ticket the caller has already been shown (linking twice changes nothing). */
export async function linkArticle(ctx: AppContext, actor: Actor, ticketId: number, articleId: number): Promise<void> {
  const article = await getArticle(ctx, staffReader(actor), articleId).catch(() => null);
  if (!article || article.status !== 'published') throw fieldError('articleId', 'notFoundOrHidden');
  await inTransaction(ctx, async (ctx) => {
    await ctx.db
      .insertInto('ticketArticles')
      .values({ ticketId, articleId, createdBy: actor.userId, createdAt: nowIso() })
      .onConflict((oc) => oc.columns(['ticketId', 'articleId']).doNothing())
      .execute();
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
  await ctx.db
    .deleteFrom('ticketArticles')
    .where('ticketId', '=', ticketId)
    .where('articleId', '=', articleId)
    .execute();
}
