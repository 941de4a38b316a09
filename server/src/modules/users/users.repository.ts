import type { UserQuery } from '@relate/common';
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import type { DB, UserTable } from '../../db/schema.ts';
import { searchTextHolds } from '../../platform/search.ts';

const publicColumns = [
  'id',
  'username',
  'displayName',
  'email',
  'mobile',
  'departmentId',
  'managerId',
  'status',
  'locale',
  'lastLoginAt',
  'createdAt',
  'updatedAt',
] as const;

export async function listUsers(db: Kysely<DB>, query: z.output<typeof UserQuery>) {
  let base = db.selectFrom('users');
  if (query.departmentId) base = base.where('departmentId', '=', query.departmentId);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.q) base = base.where(searchTextHolds('users.searchText', query.q));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const items = await base
    .select(publicColumns)
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total) };
}

export function findUser(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(publicColumns).where('id', '=', id).executeTakeFirst();
}

/** A user's department and status: what deciding whether they may own or be given a record needs. */
export function findUserDepartmentAndStatus(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(['id', 'departmentId', 'status']).where('id', '=', id).executeTakeFirst();
}

/** The active users of one department, in id order. */
export function listActiveMembers(db: Kysely<DB>, departmentId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'departmentId'])
    .where('departmentId', '=', departmentId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function roleIdsByUser(db: Kysely<DB>, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return map;
  const rows = await db.selectFrom('userRoles').select(['userId', 'roleId']).where('userId', 'in', userIds).execute();
  for (const row of rows) map.get(row.userId)?.push(row.roleId);
  return map;
}

export function insertUser(db: Kysely<DB>, values: Insertable<UserTable>) {
  return db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateUser(db: Kysely<DB>, id: number, values: Updateable<UserTable>) {
  return db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function setUserRoles(db: Kysely<DB>, userId: number, roleIds: number[]) {
  await db.deleteFrom('userRoles').where('userId', '=', userId).execute();
  if (roleIds.length)
    await db
      .insertInto('userRoles')
      .values(roleIds.map((roleId) => ({ userId, roleId })))
      .execute();
}

export async function countExisting(db: Kysely<DB>, table: 'roles' | 'departments' | 'users', ids: number[]) {
  if (!ids.length) return 0;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records belong to their owner's department: moves every record a user owns to their new one. */
export async function moveOwnedRecordsToDepartment(db: Kysely<DB>, ownerId: number, departmentId: number) {
  for (const table of ['customers', 'contacts', 'leads', 'followups', 'opportunities', 'tasks'] as const) {
    await db.updateTable(table).set({ departmentId }).where('ownerId', '=', ownerId).execute();
  }
}

export async function countActiveUsers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .where('status', '=', 'active')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function listDisplayNames(db: Kysely<DB>, ids: readonly number[]) {
  return db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
}
