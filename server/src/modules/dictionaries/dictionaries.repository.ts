import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, DictionaryOptionTable } from '../../db/schema.ts';

export function listOptions(db: Kysely<DB>, type: string) {
  return db
    .selectFrom('dictionaryOptions')
    .selectAll()
    .where('type', '=', type)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
}

export function listOptionsOfTypes(db: Kysely<DB>, types: string[]) {
  return db.selectFrom('dictionaryOptions').selectAll().where('type', 'in', types).execute();
}

export function findOption(db: Kysely<DB>, type: string, id: number) {
  return db
    .selectFrom('dictionaryOptions')
    .selectAll()
    .where('type', '=', type)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findOptionByCode(db: Kysely<DB>, type: string, code: string) {
  return db
    .selectFrom('dictionaryOptions')
    .select('id')
    .where('type', '=', type)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Every option of every dictionary, with its labels. */
export function listAllLabels(db: Kysely<DB>) {
  return db.selectFrom('dictionaryOptions').select(['type', 'code', 'labelZh', 'labelEn']).execute();
}

export function insertOption(db: Kysely<DB>, values: Insertable<DictionaryOptionTable>) {
  return db.insertInto('dictionaryOptions').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateOption(db: Kysely<DB>, id: number, values: Updateable<DictionaryOptionTable>) {
  return db.updateTable('dictionaryOptions').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteOption(db: Kysely<DB>, id: number) {
  return db.deleteFrom('dictionaryOptions').where('id', '=', id).execute();
}

export function insertOptions(db: Kysely<DB>, rows: Array<Insertable<DictionaryOptionTable>>) {
  return db.insertInto('dictionaryOptions').values(rows).execute();
}
