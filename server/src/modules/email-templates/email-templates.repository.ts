import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, EmailTemplateTable, EmailTemplateVersionTable } from '../../db/schema.ts';
import { contains } from '../../platform/search.ts';

export type TemplateFilter = { userId: number; category?: string[]; scope?: string[]; q?: string };

function templateRows(db: Kysely<DB>) {
  return db
    .selectFrom('emailTemplates as t')
    .leftJoin('users as owner', 'owner.id', 't.ownerId')
    .selectAll('t')
    .select('owner.displayName as ownerName')
    .where('t.deletedAt', 'is', null);
}
export type TemplateRow = Awaited<ReturnType<ReturnType<typeof templateRows>['executeTakeFirstOrThrow']>>;

/** Shared templates and the user's own personal ones, not in the recycle bin. */
function visible(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('emailTemplates as t')
    .where('t.deletedAt', 'is', null)
    .where((eb) => eb.or([eb('t.scope', '=', 'shared'), eb('t.ownerId', '=', userId)]));
}

/** A page of the templates a user sees, the latest changed first, and how many match. */
export async function templatePage(db: Kysely<DB>, filter: TemplateFilter, page: { limit: number; offset: number }) {
  let qb = visible(db, filter.userId);
  if (filter.category?.length) qb = qb.where('t.category', 'in', filter.category);
  if (filter.scope?.length) qb = qb.where('t.scope', 'in', filter.scope);
  if (filter.q) qb = qb.where(contains(sql`lower(t.name)`, filter.q.toLowerCase()));
  const ids = qb.select('t.id');
  const [rows, count] = await Promise.all([
    templateRows(db)
      .where('t.id', 'in', ids)
      .orderBy('t.updatedAt', 'desc')
      .orderBy('t.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A template the user sees (shared, or their own), or undefined. */
export function findVisibleTemplate(db: Kysely<DB>, userId: number, id: number) {
  return templateRows(db)
    .where('t.id', '=', id)
    .where((eb) => eb.or([eb('t.scope', '=', 'shared'), eb('t.ownerId', '=', userId)]))
    .executeTakeFirst();
}

/** The languages each template has a version in. */
export async function languagesOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return map;
  const rows = await db
    .selectFrom('emailTemplateVersions')
    .select(['templateId', 'language'])
    .where('templateId', 'in', ids)
    .orderBy('language')
    .execute();
  for (const row of rows) map.get(row.templateId)?.push(row.language);
  return map;
}

export function versionsOf(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('emailTemplateVersions')
    .select(['language', 'subject', 'body'])
    .where('templateId', '=', id)
    .orderBy('language')
    .execute();
}

export async function insertTemplate(db: Kysely<DB>, values: Insertable<EmailTemplateTable>): Promise<number> {
  return (await db.insertInto('emailTemplates').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTemplate(db: Kysely<DB>, id: number, values: Updateable<EmailTemplateTable>) {
  await db.updateTable('emailTemplates').set(values).where('id', '=', id).execute();
}

/** Replaces a template's versions by these. */
export async function replaceVersions(
  db: Kysely<DB>,
  id: number,
  versions: Array<Omit<EmailTemplateVersionTable, 'templateId'>>,
) {
  await db.deleteFrom('emailTemplateVersions').where('templateId', '=', id).execute();
  if (versions.length)
    await db
      .insertInto('emailTemplateVersions')
      .values(versions.map((v) => ({ templateId: id, ...v })))
      .execute();
}
