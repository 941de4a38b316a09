import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, MemberLevelTable } from '../../db/schema.ts';

/** Every level, lowest spend first, with how many active members it has. */
export function listLevels(db: Kysely<DB>) {
  return db
    .selectFrom('memberLevels')
    .selectAll('memberLevels')
    .select((eb) =>
      eb
        .selectFrom('members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('members.levelId', '=', 'memberLevels.id')
        .where('members.status', '=', 'active')
        .as('members'),
    )
    .orderBy('minSpend')
    .orderBy('id')
    .execute();
}

export function findLevel(db: Kysely<DB>, id: number) {
  return db.selectFrom('memberLevels').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The level another than `exceptId` that starts at this spend, if any. */
export function findLevelAtSpend(db: Kysely<DB>, minSpend: number, exceptId?: number) {
  let qb = db.selectFrom('memberLevels').select('id').where('minSpend', '=', minSpend);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  return qb.executeTakeFirst();
}

export async function insertLevel(db: Kysely<DB>, row: Insertable<MemberLevelTable>) {
  return db.insertInto('memberLevels').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateLevel(db: Kysely<DB>, id: number, values: Updateable<MemberLevelTable>) {
  return db.updateTable('memberLevels').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteLevel(db: Kysely<DB>, id: number) {
  return db.deleteFrom('memberLevels').where('id', '=', id).execute();
}

/** Whether any member, active or removed, is or was last at the level (its history names it too). */
export async function levelInUse(db: Kysely<DB>, id: number): Promise<boolean> {
  const member = await db.selectFrom('members').select('id').where('levelId', '=', id).limit(1).executeTakeFirst();
  if (member) return true;
  const change = await db
    .selectFrom('memberLevelChanges')
    .select('id')
    .where((eb) => eb.or([eb('toLevelId', '=', id), eb('fromLevelId', '=', id)]))
    .limit(1)
    .executeTakeFirst();
  return Boolean(change);
}
