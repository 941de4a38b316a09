import type { Insertable, Kysely } from 'kysely';
import type { DB, SavedFilterTable } from '../../db/schema.ts';

export function listSavedFilters(db: Kysely<DB>, userId: number, entity?: string) {
  let qb = db
    .selectFrom('savedFilters')
    .select(['id', 'entity', 'name', 'query', 'createdAt'])
    .where('userId', '=', userId);
  if (entity) qb = qb.where('entity', '=', entity);
  return qb.orderBy('name').execute();
}

export function insertSavedFilter(db: Kysely<DB>, values: Insertable<SavedFilterTable>) {
  return db.insertInto('savedFilters').values(values).returning(['id', 'createdAt']).executeTakeFirstOrThrow();
}

/** Deletes one of a user's saved filters; whether there was one. */
export async function deleteSavedFilter(db: Kysely<DB>, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('savedFilters')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Boolean(result.numDeletedRows);
}
