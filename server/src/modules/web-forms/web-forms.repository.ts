import { type Insertable, type Kysely, type Updateable } from 'kysely';
import { contains } from '../../platform/search.ts';
import type { DB, WebFormSubmissionTable, WebFormTable } from '../../db/schema.ts';

const withColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('webForms')
    .leftJoin('campaigns', 'campaigns.id', 'webForms.campaignId')
    .selectAll('webForms')
    .select('campaigns.name as campaignName')
    .where('webForms.deletedAt', 'is', null);

export type WebFormRow = Awaited<ReturnType<typeof findForm>> & object;

export function findForm(db: Kysely<DB>, id: number) {
  return withColumns(db).where('webForms.id', '=', id).executeTakeFirst();
}

export function findFormBySlug(db: Kysely<DB>, slug: string) {
  return withColumns(db).where('webForms.slug', '=', slug).executeTakeFirst();
}

/** Whether a form (in the recycle bin too) holds the address. */
export async function slugTaken(db: Kysely<DB>, slug: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('webForms').select('id').where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return Boolean(await query.executeTakeFirst());
}

export async function listForms(db: Kysely<DB>, query: { q?: string; page: number; pageSize: number }) {
  let base = db.selectFrom('webForms').where('webForms.deletedAt', 'is', null);
  if (query.q) {
    const text = query.q;
    base = base.where((eb) => eb.or([contains('webForms.name', text), contains('webForms.slug', text)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('campaigns', 'campaigns.id', 'webForms.campaignId')
    .selectAll('webForms')
    .select('campaigns.name as campaignName')
    .orderBy('webForms.updatedAt', 'desc')
    .orderBy('webForms.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Each form's number of submissions: one aggregate over all of them. */
export async function submissionCounts(db: Kysely<DB>, formIds: number[]): Promise<Map<number, number>> {
  if (!formIds.length) return new Map();
  const rows = await db
    .selectFrom('webFormSubmissions')
    .select(['formId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('formId', 'in', formIds)
    .groupBy('formId')
    .execute();
  return new Map(rows.map((r) => [r.formId, Number(r.n)]));
}

export async function insertForm(db: Kysely<DB>, row: Insertable<WebFormTable>): Promise<number> {
  return (await db.insertInto('webForms').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateForm(db: Kysely<DB>, id: number, values: Updateable<WebFormTable>) {
  return db.updateTable('webForms').set(values).where('id', '=', id).execute();
}

export async function insertSubmission(db: Kysely<DB>, row: Insertable<WebFormSubmissionTable>): Promise<number> {
  return (await db.insertInto('webFormSubmissions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function listSubmissions(db: Kysely<DB>, formId: number, page: { page: number; pageSize: number }) {
  const total = await db
    .selectFrom('webFormSubmissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('formId', '=', formId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('webFormSubmissions as s')
    .leftJoin('leads', (join) => join.onRef('leads.id', '=', 's.leadId').on('leads.deletedAt', 'is', null))
    .leftJoin('users', 'users.id', 's.ownerId')
    .selectAll('s')
    .select(['leads.name as leadName', 'users.displayName as ownerName'])
    .where('s.formId', '=', formId)
    .orderBy('s.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}
