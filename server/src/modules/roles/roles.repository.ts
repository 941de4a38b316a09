import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, RoleTable } from '../../db/schema.ts';

/** How many users hold each role that has any. */
export function countUsersPerRole(db: Kysely<DB>) {
  return db
    .selectFrom('userRoles')
    .select(['roleId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('roleId')
    .execute();
}

export function listRoles(db: Kysely<DB>) {
  return db.selectFrom('roles').selectAll().orderBy('id').execute();
}

export function listRolesByIds(db: Kysely<DB>, ids: number[]) {
  return db
    .selectFrom('roles')
    .select(['code', 'permissions', 'homeSections', 'homeDashboardId'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}

export function findRoleById(db: Kysely<DB>, id: number) {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another role whose Chinese or English name is `name` (names compare without case). */
export function findRoleByName(db: Kysely<DB>, name: string, exceptId: number | null) {
  const lower = name.trim().toLowerCase();
  let query = db
    .selectFrom('roles')
    .select('id')
    .where((eb) => eb.or([eb(eb.fn('lower', ['name']), '=', lower), eb(eb.fn('lower', ['nameEn']), '=', lower)]));
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export function findRoleIdByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirst();
}

export async function insertRole(db: Kysely<DB>, row: Insertable<RoleTable>): Promise<number> {
  return (await db.insertInto('roles').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateRole(db: Kysely<DB>, id: number, values: Updateable<RoleTable>) {
  return db.updateTable('roles').set(values).where('id', '=', id).execute();
}

export function deleteRole(db: Kysely<DB>, id: number) {
  return db.deleteFrom('roles').where('id', '=', id).execute();
}
