import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, KbArticleTable, KbArticleVersionTable } from '../../db/schema.ts';
import { pageWithTotal } from '../../platform/list-query.ts';
import { contains, normalizeSearchText } from '../../platform/search.ts';

/** Articles not deleted, with their author's and reviewer's names and their helpful and unhelpful votes. */
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
export type ArticleRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export type ArticleFilter = {
  /** Only these visibilities; null for all. */
  visibilities: string[] | null;
  status?: string;
  category?: string;
  visibility?: string;
  tag?: string;
  q?: string;
};

/** A page of articles, latest changed first, with the total of all that match. */
export function listArticles(db: Kysely<DB>, filter: ArticleFilter, page: { page: number; pageSize: number }) {
  let qb = columns(db);
  if (filter.visibilities) qb = qb.where('kbArticles.visibility', 'in', filter.visibilities);
  if (filter.status) qb = qb.where('kbArticles.status', '=', filter.status);
  if (filter.category) qb = qb.where('kbArticles.category', '=', filter.category);
  if (filter.visibility) qb = qb.where('kbArticles.visibility', '=', filter.visibility);
  if (filter.tag) qb = qb.where(contains('kbArticles.tags', JSON.stringify(filter.tag)));
  if (filter.q) qb = qb.where(contains('kbArticles.searchText', normalizeSearchText(filter.q)));
  return pageWithTotal(qb.orderBy('kbArticles.updatedAt', 'desc').orderBy('kbArticles.id', 'desc'), page);
}

export function findArticle(db: Kysely<DB>, id: number) {
  return columns(db).where('kbArticles.id', '=', id).executeTakeFirst();
}

/**
 * Up to 200 published articles, latest changed first, whose search text holds any of the terms;
 * of these visibilities only, when given.
 */
export function publishedArticlesWithAnyTerm(db: Kysely<DB>, terms: string[], visibilities?: string[]) {
  let qb = columns(db).where('kbArticles.status', '=', 'published');
  if (visibilities) qb = qb.where('kbArticles.visibility', 'in', visibilities);
  return qb
    .where((eb) => eb.or(terms.map((term) => contains('kbArticles.searchText', term))))
    .orderBy('kbArticles.updatedAt', 'desc')
    .limit(200)
    .execute();
}

/** The articles linked to a ticket, in the order they were linked. */
export function articlesOfTicket(db: Kysely<DB>, ticketId: number) {
  return columns(db)
    .innerJoin('ticketArticles', 'ticketArticles.articleId', 'kbArticles.id')
    .where('ticketArticles.ticketId', '=', ticketId)
    .orderBy(sql`ticket_articles.created_at`)
    .execute();
}

export async function insertArticle(db: Kysely<DB>, row: Insertable<KbArticleTable>): Promise<number> {
  return (await db.insertInto('kbArticles').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateArticle(db: Kysely<DB>, id: number, values: Updateable<KbArticleTable>) {
  return db.updateTable('kbArticles').set(values).where('id', '=', id).execute();
}

/** Changes an article only if it is still at `version`; answers whether it was. */
export async function updateArticleAtVersion(
  db: Kysely<DB>,
  id: number,
  version: number,
  values: Updateable<KbArticleTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('kbArticles')
    .set(values)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function insertArticleVersion(db: Kysely<DB>, row: Insertable<KbArticleVersionTable>) {
  return db.insertInto('kbArticleVersions').values(row).execute();
}

/** An article's versions, newest first, with who wrote each. */
export function listArticleVersions(db: Kysely<DB>, articleId: number) {
  return db
    .selectFrom('kbArticleVersions')
    .leftJoin('users', 'users.id', 'kbArticleVersions.editedBy')
    .select([
      'kbArticleVersions.version',
      'kbArticleVersions.title',
      'kbArticleVersions.body',
      'users.displayName as editedByName',
      'kbArticleVersions.createdAt',
    ])
    .where('kbArticleVersions.articleId', '=', articleId)
    .orderBy('kbArticleVersions.version', 'desc')
    .execute();
}

export function findVote(db: Kysely<DB>, articleId: number, voter: string) {
  return db
    .selectFrom('kbVotes')
    .select('helpful')
    .where('articleId', '=', articleId)
    .where('voter', '=', voter)
    .executeTakeFirst();
}

/** Keeps a voter's vote on an article, in place of the one given before. */
export function saveVote(db: Kysely<DB>, articleId: number, voter: string, helpful: number, at: string) {
  return db
    .insertInto('kbVotes')
    .values({ articleId, voter, helpful, createdAt: at })
    .onConflict((oc) => oc.columns(['articleId', 'voter']).doUpdateSet({ helpful }))
    .execute();
}

/** Links an article to a ticket; linking twice changes nothing. */
export function linkArticle(db: Kysely<DB>, ticketId: number, articleId: number, by: number, at: string) {
  return db
    .insertInto('ticketArticles')
    .values({ ticketId, articleId, createdBy: by, createdAt: at })
    .onConflict((oc) => oc.columns(['ticketId', 'articleId']).doNothing())
    .execute();
}

export function unlinkArticle(db: Kysely<DB>, ticketId: number, articleId: number) {
  return db.deleteFrom('ticketArticles').where('ticketId', '=', ticketId).where('articleId', '=', articleId).execute();
}
