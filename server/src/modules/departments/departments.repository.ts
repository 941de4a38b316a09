import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, DepartmentTable } from '../../db/schema.ts';

export function listDepartments(db: Kysely<DB>) {
  return db.selectFrom('departments').selectAll().orderBy('sortOrder').orderBy('id').execute();
}

export function findDepartment(db: Kysely<DB>, id: number) {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertDepartment(db: Kysely<DB>, values: Insertable<DepartmentTable>) {
  return db.insertInto('departments').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateDepartment(db: Kysely<DB>, id: number, values: Updateable<DepartmentTable>) {
  return db.updateTable('departments').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteDepartment(db: Kysely<DB>, id: number) {
  return db.deleteFrom('departments').where('id', '=', id).execute();
}

/** Whether anything still belongs to the department: sub-departments, users or records. */
export async function departmentInUse(db: Kysely<DB>, id: number): Promise<boolean> {
  const child = await db.selectFrom('departments').select('id').where('parentId', '=', id).limit(1).executeTakeFirst();
  if (child) return true;
  const user = await db.selectFrom('users').select('id').where('departmentId', '=', id).limit(1).executeTakeFirst();
  if (user) return true;
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('departmentId', '=', id)
    .limit(1)
    .executeTakeFirst();
  return Boolean(customer);
}

export async function countDepartments(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
