import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// The people and teams tickets go to: users (agents) and departments (teams and their managers).

export function findUser(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(['id', 'departmentId', 'displayName']).where('id', '=', id).executeTakeFirst();
}

export function findActiveUser(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'departmentId'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export function userNames(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
}

export function findDepartment(db: Kysely<DB>, id: number) {
  return db.selectFrom('departments').select(['id', 'parentId', 'managerId']).where('id', '=', id).executeTakeFirst();
}

export function departmentNames(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
}
