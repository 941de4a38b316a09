import { builtinDashboards } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DashboardTable, DB } from '../../db/schema.ts';
import { sharedDashboards, type ShareViewer, visibleTo } from '../reports/index.ts';

/** The dashboards a user sees: the built-in ones, their own, and those shared with their roles or department. */
export async function listVisibleDashboards(db: Kysely<DB>, viewer: ShareViewer, id?: number) {
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
  if (id !== undefined) qb = qb.where('d.id', '=', id);
  // Built-in ones first, in their own order; then by name.
  const builtinOrder = sql.join(
    builtinDashboards.map((code, i) => sql`when ${code} then ${i}`),
    sql` `,
  );
  return qb
    .orderBy(sql`case d.builtin ${builtinOrder} else ${builtinDashboards.length} end`)
    .orderBy('d.name')
    .orderBy('d.id')
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
