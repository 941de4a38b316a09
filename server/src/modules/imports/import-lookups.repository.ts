import type { DictionaryType } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Every user, for matching a sheet's owner column. */
export function listOwnerCandidates(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'username', 'displayName', 'departmentId', 'status']).execute();
}

export function listEnabledDictionaryOptions(db: Kysely<DB>, types: DictionaryType[]) {
  return db
    .selectFrom('dictionaryOptions')
    .selectAll()
    .where('type', 'in', types)
    .where('enabled', '=', 1)
    .orderBy('sortOrder')
    .execute();
}
