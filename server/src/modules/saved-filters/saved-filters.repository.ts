import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, SavedFilterTable } from '../../db/schema.ts';

/** The views a user sees: their own and the shared ones, of the given lists, with whether each is their default. */
export async function listVisibleViews(db: Kysely<DB>, userId: number, entities: readonly string[], id?: number) {
  if (!entities.length) return [];
  let qb = db
    .selectFrom('savedFilters as f')
    .leftJoin('users as u', 'u.id', 'f.userId')
    .leftJoin('savedFilterDefaults as d', (join) =>
      join.onRef('d.savedFilterId', '=', 'f.id').on('d.userId', '=', userId),
    )
    .select([
      'f.id',
      'f.userId',
      'f.entity',
      'f.name',
      'f.query',
      'f.columns',
      'f.sort',
      'f.density',
      'f.shared',
      'f.createdAt',
      'f.updatedAt',
      'u.displayName as createdByName',
      'd.savedFilterId as defaultId',
    ])
    .where((eb) => eb.or([eb('f.userId', '=', userId), eb('f.shared', '=', 1)]));
  qb = qb.where('f.entity', 'in', entities);
  if (id !== undefined) qb = qb.where('f.id', '=', id);
  return qb.orderBy('f.name').orderBy('f.id').execute();
}

/** Whether the user already has a view of this name for the list (another than `exceptId`). */
export async function hasViewNamed(db: Kysely<DB>, userId: number, entity: string, name: string, exceptId?: number) {
  let qb = db
    .selectFrom('savedFilters')
    .select('id')
    .where('userId', '=', userId)
    .where('entity', '=', entity)
    .where('name', '=', name);
  if (exceptId !== undefined) qb = qb.where('id', '<>', exceptId);
  return Boolean(await qb.executeTakeFirst());
}

export function insertView(db: Kysely<DB>, values: Insertable<SavedFilterTable>) {
  return db.insertInto('savedFilters').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateView(db: Kysely<DB>, id: number, values: Updateable<SavedFilterTable>) {
  await db.updateTable('savedFilters').set(values).where('id', '=', id).execute();
}

export async function deleteView(db: Kysely<DB>, id: number) {
  await db.deleteFrom('savedFilterDefaults').where('savedFilterId', '=', id).execute();
  await db.deleteFrom('savedFilters').where('id', '=', id).execute();
}

/** Makes the view the user's default for its list, in place of any other. */
export async function setDefaultView(db: Kysely<DB>, userId: number, entity: string, savedFilterId: number) {
  await db.deleteFrom('savedFilterDefaults').where('userId', '=', userId).where('entity', '=', entity).execute();
  await db.insertInto('savedFilterDefaults').values({ userId, entity, savedFilterId }).execute();
}

export async function clearDefaultView(db: Kysely<DB>, userId: number, savedFilterId: number) {
  await db
    .deleteFrom('savedFilterDefaults')
    .where('userId', '=', userId)
    .where('savedFilterId', '=', savedFilterId)
    .execute();
}
