import type { Insertable, Kysely } from 'kysely';
import type { DB, PoolTable } from '../../db/schema.ts';

export async function anyPoolExists(db: Kysely<DB>): Promise<boolean> {
  return Boolean(await db.selectFrom('pools').select('id').limit(1).executeTakeFirst());
}

/** Every pool, in the order they were made. */
export function listPools(db: Kysely<DB>) {
  return db.selectFrom('pools').selectAll().orderBy('id').execute();
}

/** The company-wide pools and those of the given departments, in the order they were made. */
export function listPoolsOfDepartments(db: Kysely<DB>, departmentIds: number[]) {
  return db
    .selectFrom('pools')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('departmentId', 'is', null),
        ...(departmentIds.length ? [eb('departmentId', 'in', departmentIds)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

export function findPool(db: Kysely<DB>, id: number) {
  return db.selectFrom('pools').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPool(db: Kysely<DB>, row: Insertable<PoolTable>): Promise<number> {
  return (await db.insertInto('pools').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function deletePool(db: Kysely<DB>, id: number) {
  return db.deleteFrom('pools').where('id', '=', id).execute();
}

/** The parent of a department: undefined when there is no such department, null at the top. */
export async function findParentDepartmentId(db: Kysely<DB>, departmentId: number) {
  const row = await db.selectFrom('departments').select('parentId').where('id', '=', departmentId).executeTakeFirst();
  return row?.parentId;
}
