import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Who asks for shared things: what they own, and the roles and departments shares reach them by —
 * their own department and every department above it, as a share with a department reaches its
 * whole subtree.
 */
export type ShareViewer = { userId: number; roleIds: number[]; departmentIds: number[] };

/** A kind of thing that is owned and shared with roles or departments: its table, its shares' table and key. */
export type Shared =
  | { items: 'reports'; shares: 'reportShares'; key: 'reportId' }
  | { items: 'dashboards'; shares: 'dashboardShares'; key: 'dashboardId' };

export const sharedReports: Shared = { items: 'reports', shares: 'reportShares', key: 'reportId' };
export const sharedDashboards: Shared = { items: 'dashboards', shares: 'dashboardShares', key: 'dashboardId' };

type Any = Kysely<any>;

/**
 * Whether the viewer sees a row of `alias`: they own it, or it is shared with one of their roles, their
 * department or a department above it.
 */
export function visibleTo(eb: ExpressionBuilder<any, any>, kind: Shared, alias: string, viewer: ShareViewer) {
  return eb.or([
    eb(`${alias}.ownerId`, '=', viewer.userId),
    eb.exists(
      eb
        .selectFrom(`${kind.shares} as s`)
        .select(`s.${kind.key}`)
        .whereRef(`s.${kind.key}`, '=', `${alias}.id`)
        .where((share) =>
          share.or([
            ...(viewer.roleIds.length ? [share('s.roleId', 'in', viewer.roleIds)] : []),
            ...(viewer.departmentIds.length ? [share('s.departmentId', 'in', viewer.departmentIds)] : []),
          ]),
        ),
    ),
  ]);
}

/** A department and the departments above it, up to the root. */
export async function departmentAndAncestors(db: Kysely<DB>, departmentId: number | null): Promise<number[]> {
  if (departmentId === null) return [];
  const departments = await db.selectFrom('departments').select(['id', 'parentId']).execute();
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  const path = [departmentId];
  // A cycle cannot be saved, but sharing must not loop if one were.
  for (
    let parent = parentOf.get(departmentId);
    parent != null && !path.includes(parent);
    parent = parentOf.get(parent)
  ) {
    path.push(parent);
  }
  return path;
}

/** The shares of these rows. */
export async function sharesOf(
  db: Kysely<DB>,
  kind: Shared,
  ids: number[],
): Promise<Array<{ id: number; roleId: number | null; departmentId: number | null }>> {
  if (!ids.length) return [];
  const rows = await (db as Any)
    .selectFrom(kind.shares)
    .select([`${kind.key} as id`, 'roleId', 'departmentId'])
    .where(kind.key, 'in', ids)
    .execute();
  return rows as Array<{ id: number; roleId: number | null; departmentId: number | null }>;
}

/** Replaces a row's shares. */
export async function replaceShares(
  db: Kysely<DB>,
  kind: Shared,
  id: number,
  roleIds: number[],
  departmentIds: number[],
): Promise<void> {
  await (db as Any).deleteFrom(kind.shares).where(kind.key, '=', id).execute();
  const rows = [
    ...roleIds.map((roleId) => ({ [kind.key]: id, roleId, departmentId: null })),
    ...departmentIds.map((departmentId) => ({ [kind.key]: id, roleId: null, departmentId })),
  ];
  if (rows.length) await (db as Any).insertInto(kind.shares).values(rows).execute();
}

/** Which of these roles and departments exist. */
export async function existingTargets(db: Kysely<DB>, roleIds: number[], departmentIds: number[]) {
  const roles = roleIds.length ? await db.selectFrom('roles').select('id').where('id', 'in', roleIds).execute() : [];
  const departments = departmentIds.length
    ? await db.selectFrom('departments').select('id').where('id', 'in', departmentIds).execute()
    : [];
  return { roleIds: roles.map((r) => r.id), departmentIds: departments.map((d) => d.id) };
}

/** The split of a row's shares into the roles and the departments it is shared with. */
export function sharedWith(
  shares: Array<{ id: number; roleId: number | null; departmentId: number | null }>,
  id: number,
) {
  const own = shares.filter((s) => s.id === id);
  return {
    sharedWithRoleIds: own.flatMap((s) => (s.roleId === null ? [] : [s.roleId])),
    sharedWithDepartmentIds: own.flatMap((s) => (s.departmentId === null ? [] : [s.departmentId])),
  };
}
