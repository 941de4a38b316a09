import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CustomFieldDefinitionTable, DB } from '../../db/schema.ts';

/** Field definitions in display order, of one entity or of all. */
export function listFieldDefinitions(db: Kysely<DB>, entity?: string) {
  let qb = db.selectFrom('customFieldDefinitions').selectAll().orderBy('sortOrder').orderBy('id');
  if (entity) qb = qb.where('entity', '=', entity);
  return qb.execute();
}

export function findFieldDefinitionById(db: Kysely<DB>, id: number) {
  return db.selectFrom('customFieldDefinitions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findFieldDefinitionIdByKey(db: Kysely<DB>, entity: string, key: string) {
  return db
    .selectFrom('customFieldDefinitions')
    .select('id')
    .where('entity', '=', entity)
    .where('key', '=', key)
    .executeTakeFirst();
}

export function insertFieldDefinition(db: Kysely<DB>, row: Insertable<CustomFieldDefinitionTable>) {
  return db.insertInto('customFieldDefinitions').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateFieldDefinition(db: Kysely<DB>, id: number, values: Updateable<CustomFieldDefinitionTable>) {
  return db
    .updateTable('customFieldDefinitions')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteFieldDefinition(db: Kysely<DB>, id: number) {
  return db.deleteFrom('customFieldDefinitions').where('id', '=', id).execute();
}
