import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ReportTable } from '../../db/schema.ts';

/** Who asks for saved reports: what they own, and the roles and department shares reach them by. */
export type ReportViewer = { userId: number; roleIds: number[]; departmentId: number | null };

/** The saved reports a user sees: their own, and those shared with one of their roles or their department. */
export async function listVisibleReports(db: Kysely<DB>, viewer: ReportViewer, id?: number) {
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
    .where((eb) =>
      eb.or([
        eb('r.ownerId', '=', viewer.userId),
        eb.exists(
          eb
            .selectFrom('reportShares as s')
            .select('s.reportId')
            .whereRef('s.reportId', '=', 'r.id')
            .where((share) =>
              share.or([
                ...(viewer.roleIds.length ? [share('s.roleId', 'in', viewer.roleIds)] : []),
                ...(viewer.departmentId !== null ? [share('s.departmentId', '=', viewer.departmentId)] : []),
              ]),
            ),
        ),
      ]),
    );
  if (id !== undefined) qb = qb.where('r.id', '=', id);
  return qb.orderBy('r.folder').orderBy('r.name').orderBy('r.id').execute();
}

/** The shares of these reports, by report. */
export async function sharesOf(db: Kysely<DB>, reportIds: number[]) {
  if (!reportIds.length) return [];
  return db
    .selectFrom('reportShares')
    .select(['reportId', 'roleId', 'departmentId'])
    .where('reportId', 'in', reportIds)
    .execute();
}

export function insertReport(db: Kysely<DB>, values: Insertable<ReportTable>) {
  return db.insertInto('reports').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateReport(db: Kysely<DB>, id: number, values: Updateable<ReportTable>) {
  await db.updateTable('reports').set(values).where('id', '=', id).execute();
}

/** Replaces a report's shares. */
export async function replaceShares(db: Kysely<DB>, reportId: number, roleIds: number[], departmentIds: number[]) {
  await db.deleteFrom('reportShares').where('reportId', '=', reportId).execute();
  const rows = [
    ...roleIds.map((roleId) => ({ reportId, roleId, departmentId: null })),
    ...departmentIds.map((departmentId) => ({ reportId, roleId: null, departmentId })),
  ];
  if (rows.length) await db.insertInto('reportShares').values(rows).execute();
}

export async function deleteReport(db: Kysely<DB>, id: number) {
  await db.deleteFrom('reportShares').where('reportId', '=', id).execute();
  await db.deleteFrom('reports').where('id', '=', id).execute();
}

/** Which of these roles and departments exist. */
export async function existingTargets(db: Kysely<DB>, roleIds: number[], departmentIds: number[]) {
  const roles = roleIds.length ? await db.selectFrom('roles').select('id').where('id', 'in', roleIds).execute() : [];
  const departments = departmentIds.length
    ? await db.selectFrom('departments').select('id').where('id', 'in', departmentIds).execute()
    : [];
  return { roleIds: roles.map((r) => r.id), departmentIds: departments.map((d) => d.id) };
}
