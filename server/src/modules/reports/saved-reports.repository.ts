import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ReportTable } from '../../db/schema.ts';
import { sharedReports, type ShareViewer, visibleTo } from './sharing.repository.ts';

/** The saved reports a user sees: their own, and those shared with one of their roles or their department. */
export async function listVisibleReports(db: Kysely<DB>, viewer: ShareViewer, id?: number) {
  let qb = db
    .selectFrom('reports as r')
    .leftJoin('users as u', 'u.id', 'r.ownerId')
    .select([
      'r.id',
      'r.name',
      'r.folder',
      'r.definition',
      'r.chart',
      'r.ownerId',
      'u.displayName as ownerName',
      'r.createdAt',
      'r.updatedAt',
    ])
    .where((eb) => visibleTo(eb, sharedReports, 'r', viewer));
  if (id !== undefined) qb = qb.where('r.id', '=', id);
  return qb.orderBy('r.folder').orderBy('r.name').orderBy('r.id').execute();
}

export function insertReport(db: Kysely<DB>, values: Insertable<ReportTable>) {
  return db.insertInto('reports').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateReport(db: Kysely<DB>, id: number, values: Updateable<ReportTable>) {
  await db.updateTable('reports').set(values).where('id', '=', id).execute();
}

export async function deleteReport(db: Kysely<DB>, id: number) {
  await db.deleteFrom('reportShares').where('reportId', '=', id).execute();
  await db.deleteFrom('reports').where('id', '=', id).execute();
}
