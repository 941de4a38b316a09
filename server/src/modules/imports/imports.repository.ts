import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ImportTable } from '../../db/schema.ts';

export async function insertImport(db: Kysely<DB>, row: Insertable<ImportTable>): Promise<number> {
  return (await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes an import still running under `lockedBy`; returns how many rows changed (0 once it is not). */
export async function updateRunningImport(
  db: Kysely<DB>,
  id: number,
  lockedBy: string,
  values: Updateable<ImportTable>,
): Promise<number> {
  const result = await db
    .updateTable('imports')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lockedBy', '=', lockedBy)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Changes the running imports not locked by `instance` whose lock is missing or older than
 * `lockedBefore`; returns how many rows changed.
 */
export async function updateStaleRunningImports(
  db: Kysely<DB>,
  instance: string,
  lockedBefore: string,
  values: Updateable<ImportTable>,
): Promise<number> {
  const result = await db
    .updateTable('imports')
    .set(values)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lockedAt', 'is', null), eb('lockedAt', '<', lockedBefore)]))
    .where((eb) => eb.or([eb('lockedBy', 'is', null), eb('lockedBy', '!=', instance)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findImportById(db: Kysely<DB>, id: number) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}
