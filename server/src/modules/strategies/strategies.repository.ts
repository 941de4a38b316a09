import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ServiceStrategyTable } from '../../db/schema.ts';

export function listLiveStrategies(db: Kysely<DB>) {
  return db.selectFrom('serviceStrategies').selectAll().where('deletedAt', 'is', null).orderBy('name').execute();
}

export function getStrategy(db: Kysely<DB>, id: number) {
  return db.selectFrom('serviceStrategies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The names of these strategies, deleted ones too (a plan keeps naming what it was given). */
export function strategyNames(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('serviceStrategies').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Those of these strategies that are not deleted. */
export function liveStrategyIds(db: Kysely<DB>, ids: number[]) {
  return db
    .selectFrom('serviceStrategies')
    .select('id')
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
}

export async function insertStrategy(db: Kysely<DB>, row: Insertable<ServiceStrategyTable>): Promise<number> {
  return (await db.insertInto('serviceStrategies').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes a strategy that is not deleted; answers its id, or undefined when there is none. */
export async function updateLiveStrategy(db: Kysely<DB>, id: number, values: Updateable<ServiceStrategyTable>) {
  return (
    await db
      .updateTable('serviceStrategies')
      .set(values)
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .returning('id')
      .executeTakeFirst()
  )?.id;
}
