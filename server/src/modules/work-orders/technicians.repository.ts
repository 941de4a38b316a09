import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Position } from '../../platform/geo.ts';

// Technicians: the users who work orders, their skills and where their phones last reported them.

export function findUser(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(['id', 'departmentId']).where('id', '=', id).executeTakeFirst();
}

/** The skills among `skills` that each of these users has, one row per user and skill. */
export function skillsAmong(db: Kysely<DB>, userIds: number[], skills: string[]) {
  return db
    .selectFrom('userSkills')
    .select(['userId', 'skill'])
    .where('userId', 'in', userIds)
    .where('skill', 'in', skills)
    .execute();
}

export async function skillsOfUser(db: Kysely<DB>, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('userSkills')
    .select('skill')
    .where('userId', '=', userId)
    .orderBy('skill')
    .execute();
  return rows.map((r) => r.skill);
}

export async function replaceSkills(db: Kysely<DB>, userId: number, skills: string[]): Promise<void> {
  await db.deleteFrom('userSkills').where('userId', '=', userId).execute();
  if (skills.length)
    await db
      .insertInto('userSkills')
      .values(skills.map((skill) => ({ userId, skill })))
      .execute();
}

/** The positions of these users reported since `since`. */
export function positionsSince(db: Kysely<DB>, userIds: number[], since: string) {
  return db
    .selectFrom('technicianPositions')
    .select(['userId', 'latitude', 'longitude'])
    .where('userId', 'in', userIds)
    .where('recordedAt', '>=', since)
    .execute();
}

/** Keeps one position per user: the last reported. */
export async function savePosition(
  db: Kysely<DB>,
  userId: number,
  position: Position,
  recordedAt: string,
): Promise<void> {
  await db
    .insertInto('technicianPositions')
    .values({ userId, ...position, recordedAt })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ ...position, recordedAt }))
    .execute();
}
