import type { Permission } from '@relate/common';
import type { Kysely } from 'kysely';
import { readJson } from '../db/json.ts';
import type { DB } from '../db/schema.ts';

/** Active users whose roles grant a permission, optionally only the members of one department; in id order. */
export function usersWithPermission(
  db: Kysely<DB>,
  permission: Permission,
  departmentId?: number | null,
): Promise<number[]> {
  return holders(db, permission, departmentId, () => true);
}

/**
 * The users work of a kind (tickets, work orders) is given to when nobody names one: those granted it
 * by a role other than the administrator's, which holds every permission to run the system, not to be
 * sent jobs. An administrator who also takes jobs has the working role as well.
 */
export function workersWithPermission(
  db: Kysely<DB>,
  permission: Permission,
  departmentId?: number | null,
): Promise<number[]> {
  return holders(db, permission, departmentId, (role) => role.code !== 'admin');
}

async function holders(
  db: Kysely<DB>,
  permission: Permission,
  departmentId: number | null | undefined,
  counts: (role: { code: string | null }) => boolean,
): Promise<number[]> {
  const roles = await db.selectFrom('roles').select(['id', 'code', 'permissions']).execute();
  const roleIds = roles
    .filter((r) => counts(r) && readJson<string[]>(r.permissions, []).includes(permission))
    .map((r) => r.id);
  if (!roleIds.length) return [];
  let qb = db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('users.id')
    .distinct()
    .where('userRoles.roleId', 'in', roleIds)
    .where('users.status', '=', 'active');
  if (departmentId) qb = qb.where('users.departmentId', '=', departmentId);
  return (await qb.orderBy('users.id').execute()).map((u) => u.id);
}
