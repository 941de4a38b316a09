import type { Permission } from '@relate/common';
import type { Kysely } from 'kysely';
import { readJson } from '../db/json.ts';
import type { DB } from '../db/schema.ts';

/** Active users whose roles grant a permission, optionally only the members of one department; in id order. */
export async function usersWithPermission(db: Kysely<DB>, permission: Permission, departmentId?: number | null): Promise<number[]> {
  const roles = await db.selectFrom('roles').select(['id', 'permissions']).execute();
  const roleIds = roles.filter((r) => readJson<string[]>(r.permissions, []).includes(permission)).map((r) => r.id);
  if (!roleIds.length) return [];
  let qb = db.selectFrom('userRoles').innerJoin('users', 'users.id', 'userRoles.userId').select('users.id').distinct().where('userRoles.roleId', 'in', roleIds).where('users.status', '=', 'active');
  if (departmentId) qb = qb.where('users.departmentId', '=', departmentId);
  return (await qb.orderBy('users.id').execute()).map((u) => u.id);
}
