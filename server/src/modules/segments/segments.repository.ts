import { type Insertable, type Kysely, type Updateable, sql } from 'kysely';
import type { DB, SegmentMemberTable, SegmentTable } from '../../db/schema.ts';

export type SegmentFilter = { entity?: string[]; kind?: string[]; q?: string };

function segmentRows(db: Kysely<DB>) {
  return db
    .selectFrom('segments as s')
    .leftJoin('users as u', 'u.id', 's.createdBy')
    .selectAll('s')
    .select('u.displayName as createdByName');
}
export type SegmentRow = Awaited<ReturnType<ReturnType<typeof segmentRows>['executeTakeFirstOrThrow']>>;

/** A page of segments, the latest changed first, and how many match. */
export async function segmentPage(db: Kysely<DB>, filter: SegmentFilter, page: { limit: number; offset: number }) {
  let qb = db.selectFrom('segments as s');
  if (filter.entity?.length) qb = qb.where('s.entity', 'in', filter.entity);
  if (filter.kind?.length) qb = qb.where('s.kind', 'in', filter.kind);
  if (filter.q)
    qb = qb.where(
      sql<boolean>`lower(s.name) like ${`%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
    );
  const ids = qb.select('s.id');
  const [rows, count] = await Promise.all([
    segmentRows(db)
      .where('s.id', 'in', ids)
      .orderBy('s.updatedAt', 'desc')
      .orderBy('s.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findSegment(db: Kysely<DB>, id: number) {
  return segmentRows(db).where('s.id', '=', id).executeTakeFirst();
}

export async function insertSegment(db: Kysely<DB>, values: Insertable<SegmentTable>): Promise<number> {
  const row = await db.insertInto('segments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSegment(db: Kysely<DB>, id: number, values: Updateable<SegmentTable>) {
  await db.updateTable('segments').set(values).where('id', '=', id).execute();
}

export async function deleteSegment(db: Kysely<DB>, id: number) {
  await db.deleteFrom('segmentMembers').where('segmentId', '=', id).execute();
  await db.deleteFrom('segments').where('id', '=', id).execute();
}

/** Adds members to a static segment, leaving those already in it; answers how many were added. */
export async function insertStaticMembers(db: Kysely<DB>, rows: Array<Insertable<SegmentMemberTable>>) {
  let added = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('segmentMembers')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['segmentId', 'entityId']).doNothing())
      .returning('entityId')
      .execute();
    added += inserted.length;
  }
  return added;
}

export async function deleteStaticMember(db: Kysely<DB>, segmentId: number, entityId: number) {
  const result = await db
    .deleteFrom('segmentMembers')
    .where('segmentId', '=', segmentId)
    .where('entityId', '=', entityId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Those of `ids` that are rows of a table (users, departments; campaigns not in the recycle bin). */
export async function existingIds(db: Kysely<DB>, table: 'users' | 'departments' | 'campaigns', ids: number[]) {
  let qb = (db as unknown as Kysely<any>).selectFrom(table).select('id').where('id', 'in', ids);
  if (table === 'campaigns') qb = qb.where('deletedAt', 'is', null);
  const rows = (await qb.execute()) as Array<{ id: number }>;
  return new Set(rows.map((r) => r.id));
}
