import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Reserves `count` consecutive numbers of a named sequence and returns the first.
 * The update takes a row lock on Postgres and the write lock on SQLite, so concurrent callers never share numbers.
 */
export async function reserveNumbers(db: Kysely<DB>, name: string, count: number): Promise<number> {
  await db
    .insertInto('sequences')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .updateTable('sequences')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value - count + 1;
}
