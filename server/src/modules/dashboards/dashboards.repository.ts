import { builtinDashboards } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DashboardTable, DB } from '../../db/schema.ts';
import { sharedDashboards, type ShareViewer, visibleTo } from '../reports/index.ts';

/** The built-in dashboards (of `d`) first, in their own order; then the others. */
function builtinFirst() {
  const order = sql.join(
    builtinDashboards.map((code, i) => sql`when ${code} then ${i}`),
    sql` `,
  );
  return sql`case d.builtin ${order} else ${builtinDashboards.length} end`;
}

/**
 * The dashboards a user sees: the built-in ones, their own, and those shared with their roles or
 * department (only those of `ids`, when given: never an empty list).
 */
export async function listVisibleDashboards(db: Kysely<DB>, viewer: ShareViewer, ids?: number[]) {
  let qb = db
    .selectFrom('dashboards as d')
    .leftJoin('users as u', 'u.id', 'd.ownerId')
    .select([
      'd.id',
      'd.name',
      'd.builtin',
      'd.widgets',
      'd.period',
      'd.refreshMinutes',
      'd.ownerId',
      'u.displayName as ownerName',
      'd.createdAt',
      'd.updatedAt',
    ])
    .where((eb) => eb.or([eb('d.builtin', 'is not', null), visibleTo(eb, sharedDashboards, 'd', viewer)]));
  if (ids !== undefined) qb = qb.where('d.id', 'in', ids);
  return qb.orderBy(builtinFirst()).orderBy('d.name').orderBy('d.id').execute();
}

/**
 * The dashboards every user of a role sees, whatever their department: the built-in ones and those
 * shared with the role (`roleId` null, a role not yet saved: the built-in ones). Only `id`, when given.
 */
export function listRoleWideDashboards(db: Kysely<DB>, roleId: number | null, id?: number) {
  let qb = db
    .selectFrom('dashboards as d')
    .leftJoin('users as u', 'u.id', 'd.ownerId')
    .select(['d.id', 'd.name', 'd.builtin', 'u.displayName as ownerName'])
    .where((eb) =>
      eb.or([
        eb('d.builtin', 'is not', null),
        ...(roleId === null
          ? []
          : [
              eb.exists(
                eb
                  .selectFrom('dashboardShares as s')
                  .select('s.dashboardId')
                  .whereRef('s.dashboardId', '=', 'd.id')
                  .where('s.roleId', '=', roleId),
              ),
            ]),
      ]),
    );
  if (id !== undefined) qb = qb.where('d.id', '=', id);
  return qb.orderBy(builtinFirst()).orderBy('d.name').orderBy('d.id').execute();
}

export async function dashboardExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('dashboards').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The roles whose home page shows one of these dashboards. */
export function rolesShowingAtHome(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('roles')
    .select(['id', 'homeDashboardId'])
    .where('homeDashboardId', 'in', ids)
    .orderBy('id')
    .execute();
}

export function insertDashboard(db: Kysely<DB>, values: Insertable<DashboardTable>) {
  return db.insertInto('dashboards').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateDashboard(db: Kysely<DB>, id: number, values: Updateable<DashboardTable>) {
  await db.updateTable('dashboards').set(values).where('id', '=', id).execute();
}

export async function deleteDashboard(db: Kysely<DB>, id: number) {
  await db.deleteFrom('dashboardShares').where('dashboardId', '=', id).execute();
  await db.deleteFrom('dashboards').where('id', '=', id).execute();
}

/** The built-in dashboards already there: code and id. */
export async function builtinRows(db: Kysely<DB>) {
  return db.selectFrom('dashboards').select(['id', 'builtin']).where('builtin', 'is not', null).execute();
}

/** Whether the migration that makes the dashboards' tables has run. */
export async function dashboardsMigrated(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql`select 1 from kysely_migration where name = '0052-dashboards'`.execute(db);
  return rows.length > 0;
}
